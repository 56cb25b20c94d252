"""The daily after-close push: one compact message per trading day.

Title with the date, the day's turnover with its change and context, the
leading sectors when the source has them, the day's main news with citations,
and a chart request. Same rules as the offline answerer: figures only from the
tools, causes only from cited news, stale data said so.
"""

from __future__ import annotations

import logging
from datetime import date

from agent.answer import Answer, ChartRequest
from agent.context import AgentContext
from agent.offline.day import phrases as P
from agent.offline.intraday.answer import summary_line as intraday_summary_line
from agent.offline.lookups import (
    CHART_DAYS,
    data_today,
    driver_hits,
    freshness_line,
    holiday_note,
    is_demo,
    market_context_line,
    sources_of,
)
from agent.offline.market import phrases as market_phrases
from agent.offline.news.phrases import demo_note, news_line
from agent.offline.refusals import phrases as general
from agent.offline.sectors import answer as sector_answer
from agent.offline.sectors.industries import why_industries
from agent.wording import Lang, fmt_change, fmt_date, fmt_weekday, fmt_yi, fmt_yi_short
from tools.daily.models import TurnoverReport
from tools.errors import MarketDataError

log = logging.getLogger(__name__)
SUMMARY_NEWS = 3


def _title(report: TurnoverReport, lang: Lang) -> str:
    if lang == "zh":
        return f"【A股成交额日报】{fmt_date(report.date)}（{fmt_weekday(report.date)}）"
    return f"A-share turnover daily — {fmt_weekday(report.date, lang)} {fmt_date(report.date, lang)}"


def _figures(report: TurnoverReport, lang: Lang) -> str:
    if lang == "zh":
        text = (
            f"两市成交额{fmt_yi(report.total_yi)}，沪市{fmt_yi_short(report.sh_yi)}、深市{fmt_yi_short(report.sz_yi)}"
        )
        if report.change_yi is not None:
            text += f"，较上个交易日{fmt_change(report.change_yi, report.change_pct)}"
        return text + "。"
    text = (
        f"Shanghai + Shenzhen turnover: {fmt_yi(report.total_yi, lang)}; Shanghai {fmt_yi_short(report.sh_yi, lang)}, "
        f"Shenzhen {fmt_yi_short(report.sz_yi, lang)}"
    )
    if report.change_yi is not None:
        text += f"; {fmt_change(report.change_yi, report.change_pct, lang)} on the previous session"
    return text + "."


def daily_summary(ctx: AgentContext, day: date | None = None, lang: str = "zh") -> Answer:
    """The push text for ``day`` (None = the latest session with data); never raises."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    try:
        return _summary(ctx, day, use_lang)
    except Exception:
        log.exception("daily summary failed")
        return Answer(text=general.internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def _summary(ctx: AgentContext, day: date | None, lang: Lang) -> Answer:
    meta = {"intent": "summary", "date": day.isoformat() if day else None, "lang": lang}
    try:
        report = ctx.market.turnover(day)
    except MarketDataError as err:  # intent "no_data" tells the push to wait for the data, not post this
        return Answer(text=P.no_data(day, str(err), lang), lang=lang, meta={**meta, "intent": "no_data"})
    meta["date"] = report.date.isoformat()
    lines = [_title(report, lang)]
    if report.requested_date and report.requested_date != report.date:
        lines.append(holiday_note(ctx, report, lang))
    figures = _figures(report, lang)
    if report.sh_change_pct is not None and report.change_yi is not None:  # 放量上涨/缩量下跌 leads the figures
        figures = market_phrases.direction_line(report, lang) + ("" if lang == "zh" else " ") + figures
    lines.append(figures)
    intraday = intraday_summary_line(ctx, report.date, lang)  # crossing times, 11:30 same-time difference
    if intraday:
        lines.append(intraday)
    context = P.context_points(report, lang)
    if context:
        lines.extend(context)
    market = market_context_line(ctx, report.date, lang)
    if market:
        lines.append(market)
    split_lines, split = why_industries(ctx, report.date, lang)
    breadth = market_phrases.breadth_line(split.breadth if split else None, lang)
    industry_text = ("" if lang == "zh" else " ").join(split_lines + ([breadth] if breadth else []))
    if industry_text:
        lines.append(industry_text)
    boards = sector_answer.summary_line(ctx, report.date, lang)
    if boards:
        lines.append(boards + sector_answer.overlap_clause(lang))
    hits = driver_hits(ctx, report, k=SUMMARY_NEWS)
    if hits:
        head = "要闻：" if lang == "zh" else "Top news (in Chinese):"
        lines.append("\n".join([head] + [news_line(h, i + 1, lang) for i, h in enumerate(hits)]))
    else:
        lines.append("新闻库里暂无当日相关新闻。" if lang == "zh" else "No news of the day in the news store.")
    fresh = freshness_line(ctx, report, lang, asked_today=report.date == data_today(ctx) and day is None)
    if fresh:
        lines.append(fresh)
    demo = [i + 1 for i, h in enumerate(hits) if is_demo(h)]
    if demo:  # the bundled corpus: the project's own summaries, said so
        lines.append(demo_note(demo, lang))
    return Answer(
        text="\n\n".join(lines),
        lang=lang,
        sources=sources_of(hits, 1, lang),
        meta=meta,
        chart=ChartRequest(days=CHART_DAYS, end=report.date, highlight=report.date),
    )
