"""Answers without turnover statistics: refusals, help, "没太明白", and news on a topic."""

from __future__ import annotations

import logging
from datetime import date

from agent.context import AgentContext
from agent.offline.day import phrases as P
from agent.offline.lookups import DRIVER_QUERY, safe
from agent.offline.news.phrases import news_list, news_unavailable, no_news
from agent.offline.pipeline import Citations, Reply
from agent.offline.reading.query import Query
from agent.offline.reading.question import NEWS, TURNOVER, expand_topic
from agent.offline.reading.understand import Clause
from agent.offline.refusals.rules import HOLIDAY_NAME, not_in_data, recognise_refusal, refusal_text
from agent.wording import Lang, fmt_date, fmt_yi
from retrieval.models import NewsHit

log = logging.getLogger(__name__)

EXAMPLES_ZH = (
    "2025年10月9日两市成交额多少？比上个交易日多了多少？",
    "2026年7月成交额最高的是哪一天？",
    "今年成交额超过2万亿的有几天？",
)
EXAMPLES_EN = (
    "What was turnover on 2025-10-09, and how did it compare with the previous session?",
    "Which day had the highest turnover in July 2026?",
    "How many days this year was turnover above 2 trillion yuan?",
)


def recognise_refusal_clause(clause: Clause) -> Query | None:
    kind = recognise_refusal(clause.text)
    holiday = HOLIDAY_NAME.search(clause.text)
    if kind is None and holiday and not clause.explicit_days and not NEWS.search(clause.text):
        q = Query(kind="refusal", lang=clause.lang, text=clause.text, refusal="unnamed_day")
        q.extra["named"] = holiday[0]  # "国庆节那天成交额多少": not the latest day's figure
        return q
    if kind is None:
        return None
    q = Query(kind="refusal", lang=clause.lang, text=clause.text, refusal=kind)
    if kind == "not_in_data":
        q.extra["named"] = not_in_data(clause.text)  # "科创板": said by name
    return q


def answer_refusal(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    latest = safe(ctx.market.latest_date)
    latest_text = fmt_date(latest, q.lang) if latest else None
    text = refusal_text(q.refusal, q.lang, latest_text, q.extra.get("named"))  # type: ignore[arg-type]
    paragraphs = [text]
    if q.refusal == "prediction" and TURNOVER.search(q.text) and latest is not None:
        report = safe(lambda: ctx.market.turnover(latest))
        if report is not None:  # where turnover stands now: the latest session, labelled as such
            paragraphs.append(
                f"目前可查到的最新交易日是{fmt_date(report.date)}，两市成交额{fmt_yi(report.total_yi)}。"
                if q.lang == "zh"
                else f"The latest session with data is {fmt_date(report.date, 'en')}: {fmt_yi(report.total_yi, 'en')}."
            )
    return Reply(paragraphs, {"intent": "refusal", "refusal": q.refusal, "lang": q.lang})


def unclear_text(lang: Lang) -> str:
    examples = EXAMPLES_ZH if lang == "zh" else EXAMPLES_EN
    if lang == "zh":
        return "没太明白你的问题。可以这样问：\n" + "\n".join(f"• {e}" for e in examples)
    return "I did not quite understand that. You could ask:\n" + "\n".join(f"• {e}" for e in examples)


def answer_unclear(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    if q.extra.get("among_parts"):  # one part of a longer question
        part = q.text.strip().rstrip("？?。！!；;")
        text = (
            f"“{part}”这一问没太明白，换个说法再问一次吧。"
            if q.lang == "zh"
            else f'I did not understand the part "{part}".'
        )
        return Reply([text], {"intent": "unclear", "lang": q.lang})
    return Reply([unclear_text(q.lang)], {"intent": "unclear", "lang": q.lang})


def answer_help(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    return Reply([P.help_text(q.lang)], {"intent": "help", "lang": q.lang})


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
