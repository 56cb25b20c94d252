"""The offline answerer: the embedded default with no LLM, and the fallback when the LLM fails.

It reads the question with ``agent.question``, calls the same facades as the
LLM tools (``MarketData``, ``NewsKnowledgeBase``) and writes a short answer in
the question's language. Every figure comes from a tool result; causes come
only from retrieved news, cited as [n]; when no news is found it says so.
``answer()`` never raises: bad dates, missing data and failures become a reply.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from agent import phrases as P
from agent.answer import Answer, ChartRequest, SourceRef, Turn
from agent.context import AgentContext
from agent.intraday_answer import try_answer as try_intraday
from agent.question import (
    Calendar,
    ParsedQuestion,
    detect_lang,
    expand_topic,
    parse_question,
)
from agent.wording import Lang
from retrieval.models import NewsHit
from tools.errors import InvalidDateError, MarketDataError, NoDataError
from tools.models import TurnoverReport

log = logging.getLogger(__name__)

CHART_DAYS = 60
# The news is Chinese, so the driver query is too, whatever the question's language.
DRIVER_QUERY = "A股 两市成交额 放量 缩量 原因 驱动 政策 资金"
EXPLAINS = ("原因", "驱动", "为什么", "背景", "推动", "催化")  # titles that say why, ranked first
RECAP_PREFIXES = ("收评", "收盘", "午评", "早盘", "盘中", "复盘")
NEWS_LOOKBACK_DAYS = 10  # how far before the day a driver may be (covers long holidays)


# --- shared helpers (also used by agent.summary) ----------------------------------------------


def calendar_of(ctx: AgentContext) -> Calendar | None:
    return getattr(ctx.market, "calendar", None)


def data_today(ctx: AgentContext) -> date:
    """What 今天/today means to the answerer: the clock's date, capped at the latest session with data.

    A pinned clock earlier than the data (``ask --date``) wins; a weekend or holiday is
    resolved to its session by ``MarketData.turnover``.
    """
    try:
        latest = ctx.market.latest_date()
    except Exception:  # a failing store still lets the clock answer
        log.warning("latest_date failed", exc_info=True)
        latest = None
    today = ctx.now().date()
    return min(latest, today) if latest else today


def driver_hits(ctx: AgentContext, report: TurnoverReport, question: str = "", k: int = 4) -> list[NewsHit]:
    """The day's top news: published between the previous session and the day itself."""
    day = report.date
    start = max(report.prev_date or day - timedelta(days=1), day - timedelta(days=NEWS_LOOKBACK_DAYS))
    query = f"{question} {DRIVER_QUERY}".strip()
    try:
        hits = _day_news(ctx, query, day, max(1, (day - start).days), k * 3)
    except Exception:
        log.warning("news search failed", exc_info=True)
        return []
    picked: list[NewsHit] = []
    seen: set[str] = set()
    # That day's news first; earlier items only if they are not recaps of an earlier session.
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


def _explains(hit: NewsHit) -> bool:
    return any(word in hit.title for word in EXPLAINS)


def _day_news(ctx: AgentContext, query: str, day: date, window: int, k: int) -> list[NewsHit]:
    """A day's news: lexical ranking first (the date already narrows the candidates, and it
    spares a fresh process loading the embedding model), the hybrid search when it finds nothing."""
    lexical = getattr(ctx.news, "search_results", None)
    if lexical is not None:
        hits = [r.hit for r in lexical(query, day, window, k, mode="bm25")]
        if hits:
            return hits
    return ctx.news.search(query, date=day, window_days=window, k=k)


def sources_of(hits: Sequence[NewsHit], first: int = 1) -> list[SourceRef]:
    return [
        SourceRef(n=first + i, title=h.title, url=h.url, published_at=h.published_at, source=h.source)
        for i, h in enumerate(hits)
    ]


def freshness_line(ctx: AgentContext, report: Any, lang: Lang, asked_today: bool) -> str | None:
    """Say when the figures are not live: stale data, or "today" answered from an earlier session."""
    day = getattr(report, "date", None) or getattr(report, "end", None)
    now = ctx.now().date()
    if not (report.stale or (asked_today and day != now)):
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
    return P.market_context(mc, lang)


# --- entry points --------------------------------------------------------------------------


def answer(question: str, ctx: AgentContext, history: Sequence[Turn] = (), lang: str | None = None) -> Answer:
    """Answer one question offline; never raises."""
    use_lang: Lang = lang if lang in ("zh", "en") else detect_lang(question)  # type: ignore[assignment]
    intraday = try_intraday(question, ctx, lang, history)  # "现在成交额多少/几点破的万亿/全天预计": minute data
    if intraday is not None:
        return intraday
    try:
        pq = parse_question(question, data_today(ctx), history, calendar_of(ctx), clock_day=ctx.now().date())
        if lang is None:
            use_lang = pq.lang
        return _dispatch(ctx, pq, use_lang)
    except Exception:
        log.exception("offline answer failed")
        return Answer(text=P.internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def turnover_answer(ctx: AgentContext, day: date | None, lang: str = "zh") -> Answer:
    """The bot's /turnover: a day's figure, change, context and drivers (None = latest)."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    try:
        return _day_answer(ctx, day, use_lang, intent="turnover_day", asked_today=day is None)
    except Exception:
        log.exception("turnover answer failed")
        return Answer(text=P.internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def news_answer(ctx: AgentContext, query: str, lang: str = "zh", day: date | None = None) -> Answer:
    """The bot's /news: the top news for a query (on or around ``day`` when given)."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    query = expand_topic(query.strip())
    meta = _meta("news", day, topic=query, lang=use_lang)
    try:
        window = ctx.settings.news_window_days if day else None
        hits = ctx.news.search(query or DRIVER_QUERY, date=day, window_days=window, k=5)
    except Exception:
        log.warning("news search failed", exc_info=True)
        return Answer(text=P.news_unavailable(use_lang), lang=use_lang, meta=meta)
    hits = [h for h in hits if _mentions(h, query)]
    if not hits:
        latest = _safe(ctx.news.latest_date)
        return Answer(text=P.no_news(query, day, latest, use_lang), lang=use_lang, meta=meta)
    if not query.strip():
        hits.sort(key=lambda h: h.published_at, reverse=True)  # "latest news": newest first
    text = P.news_list(query, day, hits, use_lang)
    return Answer(text=text, lang=use_lang, sources=sources_of(hits), meta=meta)


# --- intents -------------------------------------------------------------------------------


def _dispatch(ctx: AgentContext, pq: ParsedQuestion, lang: Lang) -> Answer:
    if pq.invalid_date:
        return Answer(text=P.invalid_date(pq.invalid_date, lang), lang=lang, meta=_meta("unclear", None, lang=lang))
    if pq.intent in ("help", "unclear"):
        return Answer(
            text=P.help_text(lang, unclear=pq.intent == "unclear"), lang=lang, meta=_meta(pq.intent, None, lang=lang)
        )
    if pq.intent == "news":
        return news_answer(ctx, pq.topic or "", lang, pq.day)
    if pq.intent == "range":
        return _range_answer(ctx, pq, lang)
    if pq.intent == "compare":
        return _compare_answer(ctx, pq, lang)
    return _day_answer(ctx, pq.day, lang, intent=pq.intent, asked_today=pq.implicit_today, pq=pq)


def _date_problem(ctx: AgentContext, day: date | None, lang: Lang) -> str | None:
    """A clear reply for days outside the data (future, beyond the local history)."""
    if day is None:
        return None
    now = ctx.now().date()
    if day > now:
        return P.future_date(day, data_today(ctx), lang)
    latest = _safe(ctx.market.latest_date)
    if latest and day > latest:
        return P.beyond_data(day, latest, lang)
    return None


def _report(ctx: AgentContext, day: date | None, lang: Lang) -> TurnoverReport | str:
    """The day's report, or a one-line reply saying why there is none."""
    problem = _date_problem(ctx, day, lang)
    if problem:
        return problem
    try:
        return ctx.market.turnover(day)
    except InvalidDateError as err:
        return P.bad_day(day, str(err), lang)
    except NoDataError as err:
        return P.no_data(day, str(err), lang)
    except MarketDataError as err:
        return P.source_failed(str(err), lang)


def _day_answer(
    ctx: AgentContext, day: date | None, lang: Lang, intent: str, asked_today: bool, pq: ParsedQuestion | None = None
) -> Answer:
    threshold = pq.threshold_yi if pq else None
    meta = _meta(intent, day, threshold_yi=threshold, lang=lang)
    report = _report(ctx, day, lang)
    if isinstance(report, str):
        return Answer(text=report, lang=lang, meta=meta)
    meta["date"] = report.date.isoformat()
    paragraphs = [P.headline(report, lang, asked_today)]
    live = _safe(ctx.market.intraday) if asked_today else None
    if live is not None and live.date > report.date:
        paragraphs.insert(0, P.intraday(live, lang))
        meta["intraday"] = live.total_yi
    if report.requested_date and report.requested_date != report.date:
        paragraphs.insert(0, holiday_note(ctx, report, lang))
    checks = P.question_checks(report, pq, lang) if pq else []
    context = P.context_points(report, lang, threshold)
    if checks or context:
        paragraphs.append(("" if lang == "zh" else " ").join(checks + context))
    market = market_context_line(ctx, report.date, lang)
    if market:
        paragraphs.append(market)
    hits = driver_hits(ctx, report, pq.text if pq else "", k=4 if intent == "why" else 3)
    if hits:
        paragraphs.append(P.drivers(hits, lang))
    elif intent == "why":
        paragraphs.append(P.no_drivers(report.date, lang))
    fresh = freshness_line(ctx, report, lang, asked_today)
    if fresh:
        paragraphs.append(fresh)
    return Answer(
        text="\n\n".join(paragraphs),
        lang=lang,
        sources=sources_of(hits),
        meta=meta,
        chart=ChartRequest(days=CHART_DAYS, end=report.date, highlight=report.date),
    )


def _compare_answer(ctx: AgentContext, pq: ParsedQuestion, lang: Lang) -> Answer:
    a, b = sorted(pq.dates[:2])
    meta = _meta("compare", b, dates=[a.isoformat(), b.isoformat()], lang=lang)
    for day in (a, b):
        problem = _date_problem(ctx, day, lang)
        if problem:
            return Answer(text=problem, lang=lang, meta=meta)
    try:
        comp = ctx.market.compare(a, b)
    except (InvalidDateError, NoDataError) as err:
        return Answer(text=P.no_data(None, str(err), lang), lang=lang, meta=meta)
    except MarketDataError as err:
        return Answer(text=P.source_failed(str(err), lang), lang=lang, meta=meta)
    meta["date"] = comp.b.date.isoformat()
    text = P.comparison(comp, lang)
    return Answer(
        text=text, lang=lang, meta=meta, chart=ChartRequest(days=CHART_DAYS, end=comp.b.date, highlight=comp.b.date)
    )


def _range_answer(ctx: AgentContext, pq: ParsedQuestion, lang: Lang) -> Answer:
    days = max(1, min(pq.range_days or 20, 250))
    end = pq.range_end
    problem = _date_problem(ctx, end, lang)
    meta = _meta("range", end, range_days=days, range_end=end.isoformat() if end else None, lang=lang)
    if problem:
        return Answer(text=problem, lang=lang, meta=meta)
    try:
        rep = ctx.market.turnover_range(days, end)
    except (InvalidDateError, NoDataError) as err:
        return Answer(text=P.no_data(end, str(err), lang), lang=lang, meta=meta)
    except MarketDataError as err:
        return Answer(text=P.source_failed(str(err), lang), lang=lang, meta=meta)
    meta.update(date=rep.end.isoformat(), range_end=rep.end.isoformat())
    paragraphs = [P.range_summary(rep, pq.range_label, lang)]
    fresh = freshness_line(ctx, rep, lang, asked_today=rep.end == data_today(ctx))
    if fresh:
        paragraphs.append(fresh)
    return Answer(
        text="\n\n".join(paragraphs),
        lang=lang,
        meta=meta,
        chart=ChartRequest(days=max(days, 20), end=rep.end, highlight=rep.max_day),
    )


def _mentions(hit: NewsHit, query: str) -> bool:
    """Chinese topics must appear in the item (a bigram of them at least): ranking alone
    always returns something, and "news about X" must not list items unrelated to X.
    Other topics rely on the multilingual ranking (English queries over Chinese news)."""
    terms = [t for t in query.split() if any("\u4e00" <= c <= "\u9fff" for c in t)]
    if not terms:
        return True
    text = hit.title + hit.snippet
    return any(t[i : i + 2] in text for t in terms for i in range(max(1, len(t) - 1)))


def _meta(intent: str, day: date | None, lang: str = "zh", **extra: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"intent": intent, "date": day.isoformat() if day else None, "lang": lang}
    meta.update({k: v for k, v in extra.items() if v not in (None, "", [])})
    return meta


def _safe(fn):  # noqa: ANN001, ANN202 - small guard for optional lookups
    try:
        return fn()
    except Exception:
        return None
