"""News on a topic ("关于证监会的新闻", "news about chips"): read the topic and the days, search the news store."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from agent.context import AgentContext
from agent.offline.lookups import DRIVER_QUERY, safe
from agent.offline.news.phrases import news_list, news_unavailable, no_news
from agent.offline.parts import Citations, Reply
from agent.offline.reading.periods import period_words
from agent.offline.reading.query import Query
from agent.offline.reading.question import NEWS, TURNOVER, WHY, expand_topic, topic_of
from agent.offline.reading.understand import Clause, days_named
from agent.wording import Lang

if TYPE_CHECKING:  # annotations only: news hits come from the news layer, opened when a question needs news
    from retrieval.models import NewsHit

log = logging.getLogger(__name__)


def recognise_news(clause: Clause) -> Query | None:
    if not NEWS.search(clause.text) or (WHY.search(clause.text) and TURNOVER.search(clause.text)):
        return None
    text = clause.text
    absolute, relative = days_named(clause)
    days = [f.day for f in sorted(absolute + relative, key=lambda f: f.pos) if f.day]
    q = Query(kind="news", lang=clause.lang, text=text, dates=days)
    month = next(
        (p for p in period_words(text, clock_day=clause.env.clock_day) if re.fullmatch(r"\d{4}-\d{2}", p.spec)), None
    )
    if month is not None and not days:  # "2024年10月有什么新闻": that month's news, not a topic "2024年10月"
        year, number = map(int, month.spec.split("-"))
        last = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
        q.dates, q.extra["window_days"] = [last], last.day - 1
        text = text[: month.start] + text[month.end :]
    q.topic = topic_of(text, clause.env.clock_day)
    return q


def news_reply(
    ctx: AgentContext, query: str, lang: Lang, day: date | None, cites: Citations, window_days: int | None = None
) -> Reply:
    query = expand_topic(query.strip())
    meta = {"intent": "news", "date": day.isoformat() if day else None, "topic": query or None, "lang": lang}
    try:
        window = (window_days if window_days is not None else ctx.settings.news_window_days) if day else None
        hits = ctx.news.search(query or DRIVER_QUERY, date=day, window_days=window, k=5)
    except Exception:
        log.warning("news search failed", exc_info=True)
        return Reply([news_unavailable(lang)], meta)
    hits = [h for h in hits if _mentions(h, query)]
    if day is not None and window_days is not None:  # a named period: only its own news
        hits = [h for h in hits if 0 <= (day - h.published_at.date()).days <= window_days]
    if not hits:
        return Reply([no_news(query, day, safe(ctx.news.latest_date), lang)], meta)
    if not query.strip():
        hits.sort(key=lambda h: h.published_at, reverse=True)  # "latest news": newest first
    return Reply([news_list(query, day, hits, lang, cites.add(hits))], meta)


def answer_news(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    return news_reply(ctx, q.topic or "", q.lang, q.day, cites, q.extra.get("window_days"))


def _mentions(hit: NewsHit, query: str) -> bool:
    """Chinese topics must appear in the item (a bigram of them at least): ranking alone
    always returns something, and "news about X" must not list items unrelated to X.
    Other topics rely on the multilingual ranking (English queries over Chinese news)."""
    terms = [t for t in query.split() if any("\u4e00" <= c <= "\u9fff" for c in t)]
    if not terms:
        return True
    text = hit.title + hit.snippet
    return any(t[i : i + 2] in text for t in terms for i in range(max(1, len(t) - 1)))
