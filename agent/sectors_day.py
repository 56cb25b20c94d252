"""The bot's /sectors [date]: a day's industries, with the chart of its change by industry behind the 📊 button.

The direction line (放量上涨：沪指…) first, then the industries that made the change (the decrease's largest parts
first on a down day), the AI theme's share, breadth and the largest industries by turnover. A day the data
cannot answer is said in one line: a date before the data or in the future, a weekend or holiday (then its
latest earlier session, said first), a day with turnover but no industry rows. Same sentences as the "why"
answer and the push (agent.offline.sectors.industries, agent.offline.market.phrases).
"""

from __future__ import annotations

import logging
from datetime import date

from agent.answer import Answer, ChartRequest
from agent.context import AgentContext
from agent.offline.day.lead import closed_day_lead
from agent.offline.market import phrases as market_phrases
from agent.offline.refusals import phrases as general
from agent.offline.sectors.industries import industries_of, split_sentences
from agent.wording import Lang, fmt_date, fmt_weekday
from tools.errors import InvalidDateError, MarketDataError, NoDataError
from tools.industries.models import IndustryDayReport

log = logging.getLogger(__name__)
TOP_TURNOVER = 5


def _title(day: date, lang: Lang) -> str:
    if lang == "zh":
        return f"【行业成交额】{fmt_date(day)}（{fmt_weekday(day)}）"
    return f"Industries — {fmt_weekday(day, lang)} {fmt_date(day, lang)}"


def _top_line(report: IndustryDayReport, lang: Lang) -> str:
    items = report.top[:TOP_TURNOVER]
    if lang == "zh":
        named = "、".join(f"{m.name}{m.amount_yi:.1f}亿元（{m.share_of_turnover_pct:.1f}%）" for m in items)
        return f"成交额居前的行业：{named}；{report.industries}个行业合计{report.total_yi:.1f}亿元。"
    named = ", ".join(f"{m.name} {m.amount_yi:,.1f} 亿元 ({m.share_of_turnover_pct:.1f}%)" for m in items)
    return f"Largest by turnover: {named}; {report.industries} industries {report.total_yi:,.1f} 亿元 in all."


def _closed_note(ctx: AgentContext, asked: date, session: date, lang: Lang) -> str:
    try:
        holiday = ctx.market.calendar.resolve(asked).holiday_name
    except Exception:
        holiday = None
    return closed_day_lead("", asked, session, holiday, lang)


def sectors_answer(ctx: AgentContext, day: date | None = None, lang: str = "zh") -> Answer:
    """The /sectors text for ``day`` (None = the latest day with industry rows); never raises."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    meta: dict = {"intent": "sectors", "lang": use_lang, "date": day.isoformat() if day else None}
    try:
        return _answer(ctx, day, use_lang, meta)
    except Exception:
        log.exception("sectors answer failed")
        return Answer(text=general.internal_error(use_lang), lang=use_lang, meta={**meta, "intent": "error"})


def _answer(ctx: AgentContext, day: date | None, lang: Lang, meta: dict) -> Answer:
    zh = lang == "zh"
    try:
        report = industries_of(ctx).day(day, top_n=5)
    except InvalidDateError as err:
        return Answer(text=f"{err}。" if zh else f"{err}.", lang=lang, meta={**meta, "intent": "invalid_date"})
    except NoDataError as err:  # turnover but no industry rows, or nothing that day: said in one line
        text = str(err) + ("。" if zh else ".")
        return Answer(text=text, lang=lang, meta={**meta, "intent": "no_data"})
    lines = [_title(report.date, lang)]
    if report.requested_date is not None and report.requested_date != report.date:
        lines.append(_closed_note(ctx, report.requested_date, report.date, lang))  # said first
    if report.stale and report.freshness_note:
        lines.append(f"注：{report.freshness_note}。" if zh else f"Note: {report.freshness_note}.")
    try:
        turnover = ctx.market.turnover(report.date)
        if turnover.change_yi is not None:
            lines.append(market_phrases.direction_line(turnover, lang))
    except MarketDataError:
        lines.append("当日没有两市成交额数据。" if zh else "No two-market turnover stored for the day.")
    lines.extend(split_sentences(report, lang))
    breadth = market_phrases.breadth_line(report.breadth, lang)
    if breadth:
        lines.append(breadth)
    lines.append(_top_line(report, lang))
    lines.append(
        "数据来源：同花顺行业成交额；90个行业相加即全市场（含北交所，故略高于两市成交额）。"
        if zh
        else "Source: Tonghuashun industry turnover; the 90 industries add up to the market (Beijing included)."
    )
    meta["date"] = report.date.isoformat()
    chart = ChartRequest(kind="industries", end=report.date) if report.prev_date is not None else None
    return Answer(text="\n\n".join(lines), lang=lang, meta=meta, chart=chart)
