"""The tool calls the offline answers share: a day's report (or why there is none), the news of a day,
and the lines that say how fresh the figures are. Used by the answerers and the daily summary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from agent.answer import SourceRef
from agent.context import AgentContext
from agent.offline.day import phrases as P
from agent.offline.news.phrases import demo_source_label, market_context
from agent.offline.reading.question import Calendar, detect_lang
from agent.offline.refusals import phrases as general
from agent.wording import Lang
from tools.daily.models import TurnoverReport
from tools.errors import InvalidDateError, MarketDataError, NoDataError

if TYPE_CHECKING:  # annotations only: news hits come from the news layer, opened when a question needs news
    from retrieval.models import NewsHit

log = logging.getLogger(__name__)
T = TypeVar("T")

CHART_DAYS = 60
# The news is Chinese, so the driver query is too, whatever the question's language.
DRIVER_QUERY = "A股 两市成交额 放量 缩量 原因 驱动 政策 资金"
EXPLAINS = ("原因", "驱动", "为什么", "背景", "推动", "催化")  # titles that say why, ranked first
RECAP_PREFIXES = ("收评", "收盘", "午评", "早盘", "盘中", "复盘")
NEWS_LOOKBACK_DAYS = 10  # how far before the day a driver may be (covers long holidays)
DEMO_SOURCE = "marketbot 资料整理"  # the bundled demo corpus: the project's own summaries


def safe(fn: Callable[[], T]) -> T | None:
    """An optional lookup: None instead of a failure."""
    try:
        return fn()
    except Exception:
        log.info("optional lookup failed", exc_info=True)
        return None


def calendar_of(ctx: AgentContext) -> Calendar | None:
    return getattr(ctx.market, "calendar", None)


def data_today(ctx: AgentContext) -> date:
    """What 今天/today means when figures are shown: the clock's date, capped at the latest session with data."""
    latest = safe(ctx.market.latest_date)
    today = ctx.now().date()
    return min(latest, today) if latest else today


def day_news(ctx: AgentContext, day: date, since: date | None, question: str = "", k: int = 4) -> list[NewsHit]:
    """The top news published from ``since`` (default: the day before) to ``day``, that day's first."""
    start = max(since or day - timedelta(days=1), day - timedelta(days=NEWS_LOOKBACK_DAYS))
    query = f"{question} {DRIVER_QUERY}".strip()
    try:
        hits = _search_day(ctx, query, day, max(1, (day - start).days), k * 3)
    except Exception:
        log.warning("news search failed", exc_info=True)
        return []
    picked: list[NewsHit] = []
    seen: set[str] = set()
    for hit in sorted(hits, key=lambda h: (h.published_at.date() != day, not _explains(h), -h.score)):
        published = hit.published_at.date()
        key = hit.title.strip()[:18]
        title = hit.title.lstrip()
        # An earlier item whose title opens with its own day ("7月30日：…") reports that session.
        recap = published < day and (
            title.startswith(RECAP_PREFIXES) or title.startswith(f"{published.month}月{published.day}日")
        )
        if start <= published <= day and key not in seen and not recap:
            seen.add(key)
            picked.append(hit)
    return picked[:k]


def driver_hits(ctx: AgentContext, report: TurnoverReport, question: str = "", k: int = 4) -> list[NewsHit]:
    """The day's top news: published between the previous session and the day itself."""
    return day_news(ctx, report.date, report.prev_date, question, k)


def _explains(hit: NewsHit) -> bool:
    return any(word in hit.title for word in EXPLAINS)


def _search_day(ctx: AgentContext, query: str, day: date, window: int, k: int) -> list[NewsHit]:
    """Lexical ranking first (the date already narrows the candidates, and it spares a fresh process
    loading the embedding model), the hybrid search when it finds nothing."""
    lexical = getattr(ctx.news, "search_results", None)
    if lexical is not None:
        hits = [r.hit for r in lexical(query, day, window, k, mode="bm25")]
        if hits:
            return hits
    return ctx.news.search(query, date=day, window_days=window, k=k)


def is_demo(hit: NewsHit) -> bool:
    return hit.source == DEMO_SOURCE or hit.id.startswith("demo-")


def sources_of(hits: Sequence[NewsHit], first: int = 1, lang: Lang = "zh") -> list[SourceRef]:
    """Numbered sources; a demo-corpus item is labelled as the project's summary (its link: the facts' source)."""
    refs = []
    for i, h in enumerate(hits):
        source = h.source
        if is_demo(h):
            source = demo_source_label(bool(h.url), lang)
        refs.append(SourceRef(n=first + i, title=h.title, url=h.url, published_at=h.published_at, source=source))
    return refs


def freshness_line(ctx: AgentContext, report: Any, lang: Lang, asked_today: bool) -> str | None:
    """Say when the figures are not live: stale data, or "today" answered from an earlier session."""
    day = getattr(report, "date", None) or getattr(report, "end", None)
    now = ctx.now().date()
    if day is None or not (report.stale or (asked_today and day != now)):
        return None
    note = report.freshness_note if report.stale else None
    if note and detect_lang(note) == lang:
        return f"注：{note.rstrip('。.')}。" if lang == "zh" else f"Note: {note}"
    return P.not_live(day, now, lang)


def holiday_note(ctx: AgentContext, report: TurnoverReport, lang: Lang) -> str:
    """Why the day answered is not the day asked (weekend, named holiday), in the answer's language."""
    cal = calendar_of(ctx)
    requested = report.requested_date or report.date
    try:
        note = cal.resolve(requested).note(lang) if cal is not None and hasattr(cal, "resolve") else None
    except Exception:
        note = None
    if note is None and lang == "zh":
        note = report.date_note
    if note:
        return f"注意：{note.rstrip('。')}。" if lang == "zh" else f"Note: {note}"
    return P.date_note(report, lang)


def market_context_line(ctx: AgentContext, day: date, lang: Lang) -> str | None:
    try:
        mc = ctx.market.context(day)
    except Exception:
        log.info("market context unavailable for %s", day, exc_info=True)
        return None
    if not mc.available:
        return None
    return market_context(mc, lang)


def date_problem(ctx: AgentContext, day: date | None, lang: Lang) -> str | None:
    """A clear reply for days outside the data (future, beyond the local history)."""
    if day is None:
        return None
    now = ctx.now().date()
    if day > now:
        return P.future_date(day, data_today(ctx), lang)
    latest = safe(ctx.market.latest_date)
    if latest and day > latest:
        return P.beyond_data(day, latest, lang)
    return None


def report_or_reason(ctx: AgentContext, day: date | None, lang: Lang) -> TurnoverReport | str:
    """The day's report, or a one-line reply saying why there is none."""
    problem = date_problem(ctx, day, lang)
    if problem:
        return problem
    try:
        return ctx.market.turnover(day)
    except InvalidDateError as err:
        return P.bad_day(day, str(err), lang)
    except NoDataError as err:
        return P.no_data(day, str(err), lang)
    except MarketDataError as err:
        return general.source_failed(str(err), lang)
