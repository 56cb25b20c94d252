"""An IntradayReport as sentences (zh/en) for the CLI, the offline answerer and the daily summary.

Anything that makes the figures not the moment asked (closed market, no data
yet, stale) comes first; the estimate always says it is an estimate and gives
its backtested error range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tools.daily.analytics import format_threshold, format_yi

if TYPE_CHECKING:  # annotations only: the offline answerer imports this module for every question, intraday or not
    from tools.intraday.models import Crossing, Estimate, IntradayReport, SameTime

WORDS = {
    "zh": {"up": "放量", "down": "缩量", "flat": "基本持平"},
    "en": {"up": "up", "down": "down", "flat": "flat"},
}


def _pct(value: float | None) -> str:
    return f"{value:+.1f}%" if value is not None else "n/a"


def same_time_phrase(cmp: SameTime, lang: str) -> str:
    """'较上一交易日（05-13）同一时间放量1702.1亿元（+20.4%）'."""
    word = WORDS["en" if lang == "en" else "zh"][cmp.direction]
    if lang == "en":
        what = (
            f"the previous session ({cmp.dates[0]:%Y-%m-%d})"
            if cmp.basis == "prev_session"
            else f"the mean of the last {len(cmp.dates)} sessions"
        )
        if cmp.direction == "flat":
            return f"flat against {what} at the same minute ({format_yi(cmp.total_yi, 'en')})"
        return (
            f"{word} {format_yi(abs(cmp.diff_yi), 'en')} ({_pct(cmp.diff_pct)}) on {what} at the same minute "
            f"({format_yi(cmp.total_yi, 'en')})"
        )
    what = f"上一交易日（{cmp.dates[0]:%m-%d}）" if cmp.basis == "prev_session" else f"近{len(cmp.dates)}个交易日均值"
    if cmp.direction == "flat":
        return f"与{what}同一时间（{format_yi(cmp.total_yi)}）基本持平"
    return f"较{what}同一时间（{format_yi(cmp.total_yi)}）{word}{format_yi(abs(cmp.diff_yi))}（{_pct(cmp.diff_pct)}）"


def crossing_phrase(c: Crossing, lang: str) -> str:
    line = format_threshold(c.threshold_yi, lang)
    if lang == "en":
        text = f"passed {line} at {c.at:%H:%M}"
        if c.diff_yi is not None and c.prev_date is not None:
            word = "up" if c.diff_yi >= 0 else "down"
            text += f" ({word} {format_yi(abs(c.diff_yi), 'en')} on the previous session at that minute)"
        if c.earliest_in_store and c.history_from:
            text += f"; the earliest in the stored minute data (since {c.history_from})"
        elif c.earlier_as_early and c.earlier_as_early == c.prev_date:
            if c.prev_crossed_at:
                same = c.prev_crossed_at == c.at
                text += (
                    "; the same minute as the previous session"
                    if same
                    else f"; later than the previous session ({c.prev_crossed_at:%H:%M})"
                )
        elif c.earlier_as_early:
            at = f" at {c.earlier_as_early_at:%H:%M}" if c.earlier_as_early_at else ""
            text += f"; the earliest since {c.earlier_as_early} (which passed it{at})"
        return text
    text = f"{c.at:%H:%M}突破{line}"
    if c.diff_yi is not None and c.prev_date is not None:
        word = "放量" if c.diff_yi >= 0 else "缩量"
        text += f"（较上一交易日同一时间{word}{format_yi(abs(c.diff_yi))}）"
    if c.earliest_in_store and c.history_from:
        text += f"，为本地分钟数据（自{c.history_from}起）中最早的一次"
    elif c.earlier_as_early and c.earlier_as_early == c.prev_date:
        if c.prev_crossed_at:
            same = c.prev_crossed_at == c.at
            text += "，与上一交易日同一分钟突破" if same else f"，晚于上一交易日（{c.prev_crossed_at:%H:%M}突破）"
    elif c.earlier_as_early:
        at = f"{c.earlier_as_early_at:%H:%M}" if c.earlier_as_early_at else ""
        text += f"，自{c.earlier_as_early}（当日{at}突破）以来最早"
    return text


def _estimate_notes(e: Estimate, lang: str) -> list[str]:
    notes = []
    if e.sessions_used < e.window:
        notes.append(
            f"only {e.sessions_used} complete sessions of minute data (the method wants {e.window}), so it is less "
            "reliable"
            if lang == "en"
            else f"只有{e.sessions_used}个完整交易日的分钟数据（方法需要{e.window}个），可靠性较低"
        )
    if e.backtest_sessions == 0:
        notes.append("too little history to measure its error" if lang == "en" else "历史分钟数据不足，无法回测误差")
    elif e.backtest_sessions < _min_backtest():
        notes.append(
            f"the error range comes from only {e.backtest_sessions} sessions"
            if lang == "en"
            else f"误差区间只回测了{e.backtest_sessions}个交易日"
        )
    return notes


def estimate_phrase(e: Estimate, lang: str) -> str:
    from tools.intraday.models import ESTIMATE_METHOD_TEXT

    method = ESTIMATE_METHOD_TEXT["en" if lang == "en" else "zh"].format(n=e.sessions_used)
    notes = _estimate_notes(e, lang)
    if lang == "en":
        text = f"Full-day estimate: about {format_yi(e.total_yi, 'en')} (an estimate, not a certainty"
        if e.low_yi is not None and e.high_yi is not None:
            text += (
                f"; backtested range {format_yi(e.low_yi, 'en')} to {format_yi(e.high_yi, 'en')}, relative error "
                f"{e.error_p10_pct:+.1f}% to {e.error_p90_pct:+.1f}% over {e.backtest_sessions} past sessions"
            )
        text += f"). Method: {method}."
        return text + (f" Note: {'; '.join(notes)}." if notes else "")
    text = f"预计全天约{format_yi(e.total_yi)}（估算，并非确定值"
    if e.low_yi is not None and e.high_yi is not None:
        text += (
            f"；按过去{e.backtest_sessions}个交易日回测，区间约{format_yi(e.low_yi)}至{format_yi(e.high_yi)}，"
            f"相对误差{e.error_p10_pct:+.1f}%至{e.error_p90_pct:+.1f}%"
        )
    text += f"）。方法：{method}。"
    return text + (f"注意：{'；'.join(notes)}。" if notes else "")


def describe_intraday(report: IntradayReport, lang: str = "zh") -> str:
    en = lang == "en"
    lines: list[str] = []
    if report.note:
        lines.append(report.note[0].upper() + report.note[1:] + "." if en else report.note + "。")
    if report.stale and report.freshness_note:
        lines.append(report.freshness_note + ("." if en else "。"))
    when = f"{report.date} {report.at:%H:%M}"
    if en:
        head = "Full day" if report.day_total_yi is not None else f"As of {when}"
        lines.append(
            f"{head} {'' if report.day_total_yi is None else f'({report.date}) '}Shanghai + Shenzhen turnover: "
            f"{format_yi(report.total_yi, 'en')} (SH {format_yi(report.sh_yi, 'en')}, "
            f"SZ {format_yi(report.sz_yi, 'en')})."
        )
    else:
        head = f"{report.date} 全天" if report.day_total_yi is not None else f"截至{when}，"
        lines.append(
            f"{head}沪深两市成交额{format_yi(report.total_yi)}（沪市{format_yi(report.sh_yi)}，深市{format_yi(report.sz_yi)}）。"
        )
    compared = [same_time_phrase(c, lang) for c in (report.prev, report.mean) if c is not None]
    if compared:
        lines.append(("; ".join(compared) + ".").capitalize() if en else "；".join(compared) + "。")
    else:
        lines.append(
            "No earlier session with minute data to compare with."
            if en
            else "本地没有更早交易日的分钟数据，无法做同一时间对比。"
        )
    if report.crossings:
        joined = ("; " if en else "；").join(crossing_phrase(c, lang) for c in report.crossings)
        lines.append(f"Thresholds: {joined}." if en else f"关口：{joined}。")
    if report.next_threshold_yi is not None and report.day_total_yi is None:
        line = format_threshold(report.next_threshold_yi, lang)
        lines.append(f"Next line: {line}." if en else f"下一关口：{line}。")
    if report.estimate is not None:
        lines.append(estimate_phrase(report.estimate, lang))
    elif report.day_total_yi is None:
        lines.append(
            "No full-day estimate: no complete earlier session with minute data."
            if en
            else "没有更早的完整交易日分钟数据，无法估算全天成交额。"
        )
    if report.reconciliation is not None:
        r = report.reconciliation
        lines.append(
            f"Sum of minute bars vs the daily total ({r.daily_source}): {format_yi(r.daily_total_yi, 'en')}, "
            f"difference {format_yi(r.diff_yi, 'en', signed=True)} ({r.diff_pct:+.2f}%)."
            if en
            else f"分钟数据合计与日线总额（{r.daily_source}）{format_yi(r.daily_total_yi)}相差"
            f"{format_yi(r.diff_yi, signed=True)}（{r.diff_pct:+.2f}%）。"
        )
    if report.missing_minutes:
        lines.append(
            f"{report.missing_minutes} minute(s) up to {report.at:%H:%M} have no bar; the cumulative is short by them."
            if en
            else f"截至{report.at:%H:%M}有{report.missing_minutes}分钟缺少分钟数据，累计值偏低。"
        )
    lines.append(f"Source: {report.source}." if en else f"数据来源：{report.source}。")
    return "\n".join(lines)


def _min_backtest() -> int:
    # Imported when an estimate is worded: the analytics bring numpy, which a daily answer does not need.
    from tools.intraday.analytics import MIN_BACKTEST

    return MIN_BACKTEST
