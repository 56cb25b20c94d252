"""The offline answerer's intraday answers: a session's cumulative turnover at a minute, against the same
minute of the previous session and the 5-session mean, threshold crossing times and the full-day estimate.

``recognise(text, lang, now)`` reads the question (``agent.offline.intraday.reading``); ``answer(ask, ctx, lang)``
words an ``IntradayReport``. When there are no minute data for the moment asked (closed market, weekend,
no refresh yet) the first sentence says so, then the last session's figures follow. Every figure comes
from the report; nothing here computes one.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Final

from agent.answer import Answer, ChartRequest
from agent.context import AgentContext
from agent.offline.intraday.reading import IntradayAsk
from agent.offline.intraday.reading import recognise as read_question
from agent.wording import Lang, fmt_date
from tools.daily.analytics import format_threshold, format_yi
from tools.errors import MarketDataError, NoDataError
from tools.intraday.text import crossing_phrase, describe_intraday, estimate_phrase, same_time_phrase

if TYPE_CHECKING:  # the minute-bar facade (numpy, requests) is opened by ctx.intraday() when a part needs it
    from tools.intraday.models import IntradayReport  # built by that facade, like its other models
    from tools.intraday.service import IntradayData

log = logging.getLogger(__name__)

INTENT: Final = "intraday"


def _data(ctx: AgentContext) -> IntradayData:
    return ctx.intraday()


def _refresh(ctx: AgentContext) -> IntradayData:
    """With live data on, fetch new minute bars when due (2 requests); the stored bars answer either way."""
    data = _data(ctx)
    if ctx.settings.auto_fetch:
        try:
            data.refresh_if_due()
        except Exception:  # a failed refresh leaves the stored bars; freshness is said by the report
            log.warning("intraday refresh failed", exc_info=True)
    return data


def recognise(
    text: str, lang: Lang, now: datetime, live: bool = False, previous: dict | None = None
) -> IntradayAsk | None:
    """An intraday question, or None (then the other answerers take it)."""
    return read_question(text, lang, now, live, previous)


def answer(ask: IntradayAsk, ctx: AgentContext, lang: Lang) -> Answer:
    meta: dict = {"intent": INTENT, "date": ask.day.isoformat() if ask.day else None, "lang": lang}
    data = _refresh(ctx)
    try:
        report = data.report(ask.day, ask.at, lang=lang)
    except NoDataError as err:
        return Answer(text=_no_minutes(ctx, ask, str(err), lang), lang=lang, meta=meta)
    except MarketDataError as err:
        return Answer(text=str(err), lang=lang, meta=meta)
    meta.update(date=report.date.isoformat(), at=f"{report.at:%H:%M}", total_yi=report.total_yi)
    return Answer(
        text=_text(ask, report, lang),
        lang=lang,
        meta=meta,
        chart=ChartRequest(kind="intraday", end=report.date, highlight=report.date, at=report.at),
    )


def _closed_lead(ask: IntradayAsk, report: IntradayReport, lang: Lang) -> str | None:
    """Asked about now/today at the lunch break or after the close: say so before any figure."""
    if not ask.relative or report.note:
        return None
    if report.market_state == "lunch" and report.live:
        return (
            "The market is at its lunch break (11:30-13:00); figures as of the morning close."
            if lang == "en"
            else "午间休市（11:30—13:00），以下是上午收盘时的数据。"
        )
    if report.market_state != "closed":
        return None
    return "Today's session has closed (15:00)." if lang == "en" else "今天已收盘（15:00）。"


def _focus_sentence(ask: IntradayAsk, report: IntradayReport, lang: Lang) -> str | None:
    """The direct answer to what was asked, ahead of the full picture."""
    en = lang == "en"
    if "crossing" in ask.focus:
        line = ask.threshold_yi or (report.crossings[-1].threshold_yi if report.crossings else None)
        if line is None:
            line = report.next_threshold_yi
        if line is None:
            return None
        hit = next((c for c in report.crossings if c.threshold_yi == line), None)
        if hit is not None:
            return (crossing_phrase(hit, lang) + ".").capitalize() if en else crossing_phrase(hit, lang) + "。"
        name = format_threshold(line, lang)
        return (
            f"By {report.at:%H:%M} turnover had not reached {name} ({format_yi(report.total_yi, 'en')} so far)."
            if en
            else f"截至{report.at:%H:%M}尚未突破{name}（目前{format_yi(report.total_yi)}）。"
        )
    if "estimate" in ask.focus:
        if report.estimate is not None:
            return estimate_phrase(report.estimate, lang)
        if report.day_total_yi is not None:
            return (
                f"The session has closed: the full day was {format_yi(report.day_total_yi, 'en')}, no estimate needed."
                if en
                else f"已收盘，全天成交额为{format_yi(report.day_total_yi)}，无需估算。"
            )
        return "Too little minute history for a full-day estimate." if en else "历史分钟数据不足，无法估算全天成交额。"
    if "compare" in ask.focus and report.prev is not None:
        text = same_time_phrase(report.prev, lang)
        return f"At {report.at:%H:%M}: {text}." if en else f"截至{report.at:%H:%M}，{text}。"
    return None


def _text(ask: IntradayAsk, report: IntradayReport, lang: Lang) -> str:
    body = describe_intraday(report, lang).split("\n")
    lines: list[str] = []
    closed = _closed_lead(ask, report, lang)
    if closed:
        lines.append(closed)
    if report.note:
        lines.append(body.pop(0))  # the note about the moment shown comes first
    # One thing asked: its answer first. Several (a question in parts): the full picture answers them in order.
    focus = _focus_sentence(ask, report, lang) if len(ask.focus) == 1 else None
    if focus:
        lines.append(focus)
        body = [b for b in body if b != focus]
    return "\n".join(lines + body)


def _no_minutes(ctx: AgentContext, ask: IntradayAsk, why: str, lang: Lang) -> str:
    """No minute data for that session: said first. A moment or a crossing asked ("下午两点那会儿"): the day's
    full total is not what turnover was then (blind readers took it, labelled or not, as the answer to another
    question), so it is only pointed to; a closed day's total asked with an intraday word is given."""
    en = lang == "en"
    lead = why if why.endswith(("。", ".")) else why + ("." if en else "。")
    lead = lead[:1].upper() + lead[1:]
    now = ctx.now()
    day: date = ask.day or now.date()  # "现在/今天": the clock's session, never a later row of the store
    try:
        report = ctx.market.turnover(day)
    except Exception:
        return lead
    if report.date != day:
        return lead
    if report.date == now.date() and now.time() < time(15, 0):
        # The day's row is there (imported, or --now in the past) but the session has not closed at this
        # moment: its full-day total is not what turnover was now.
        return lead + (
            " The session has not closed yet, so the full-day figure is not available at this moment."
            if en
            else "当天还没有收盘，此刻给不出全天成交额。"
        )
    if ask.at is not None or ask.focus - {"level"}:  # a moment or a crossing asked: the day's total is pointed to
        return lead + (
            f' The full-day total of {fmt_date(report.date, lang)} is there: ask "turnover on {report.date}".'
            if en
            else f"{fmt_date(report.date)}收盘后的全天成交额是有的，可以问“{fmt_date(report.date)}成交额多少”。"
        )
    total = format_yi(report.total_yi, lang)  # "盘中问下，昨天成交多少": a closed day's total is what was asked
    tail = (
        f"The daily figure for {report.date} (full day, not by minute): {total}."
        if en
        else f"日线数据：{report.date} 全天成交额{total}（不是分钟数据）。"
    )
    return f"{lead}\n{tail}"


def summary_line(ctx: AgentContext, day: date, lang: Lang) -> str | None:
    """The daily summary's intraday line: when the day first crossed each threshold, and the same-time
    difference at the close of the morning session (11:30). None without minute data for the day."""

    data = _data(ctx)
    try:
        whole = data.report(day, None, lang=lang)
        noon = data.report(day, time(11, 30), lang=lang)
    except MarketDataError:
        return None
    en = lang == "en"
    parts = []
    if whole.crossings:
        joined = ", ".join if en else "，".join
        crossed = joined(
            f"{format_threshold(c.threshold_yi, lang)} at {c.at:%H:%M}"
            if en
            else f"{c.at:%H:%M}破{format_threshold(c.threshold_yi, lang)}"
            for c in whole.crossings
        )
        parts.append(f"Crossed {crossed}" if en else f"盘中{crossed}")
    if noon.prev is not None and noon.at == time(11, 30):
        parts.append(
            f"at the 11:30 break {same_time_phrase(noon.prev, lang)}"
            if en
            else f"午盘（11:30）{same_time_phrase(noon.prev, lang)}"
        )
    if not parts:
        return None
    return ("; ".join(parts) + ".").capitalize() if en else "；".join(parts) + "。"
