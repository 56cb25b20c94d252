"""Short human summaries of turnover results, in Chinese (default) or English.

Every figure printed comes from the report it describes, with its unit.
Used by the CLI; the agent's offline answerer may reuse it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from tools.calendar import WEEKDAY_ZH
from tools.daily.analytics import WAN_YI_IN_YI, format_threshold, format_yi
from tools.daily.models import RangeReport, ThresholdStatus, TurnoverReport


def _signed_pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}%"


def _amount(value_yi: float, lang: str) -> str:
    """亿元 with one decimal, plus the 万亿元 form when large (``26532.0亿元（2.65万亿元）``)."""
    if lang == "zh":
        base = f"{value_yi:.1f}亿元"
        return f"{base}（{format_yi(value_yi)}）" if value_yi >= WAN_YI_IN_YI else base
    base = f"{value_yi:.1f} 亿元"
    return f"{base} ({format_yi(value_yi, 'en')})"


def _threshold_lines(statuses: list[ThresholdStatus], lang: str) -> list[str]:
    zh = lang == "zh"
    lines: list[str] = []
    held = [s for s in statuses if s.above and not s.crossed_up]
    if held:
        parts = [
            f"{format_threshold(s.threshold_yi)}（连续{s.streak_days}个交易日）"
            if zh
            else f"{format_threshold(s.threshold_yi, 'en')} ({s.streak_days} sessions in a row)"
            for s in held
        ]
        lines.append(("站上：" if zh else "Above: ") + ("、" if zh else ", ").join(parts))
    for s in statuses:
        name = format_threshold(s.threshold_yi, lang)
        if s.crossed_up and s.first_above_since:
            lines.append(
                f"突破{name}：为 {s.first_above_since} 以来首次（间隔{s.days_since_last_above}个交易日）"
                if zh
                else f"Crossed above {name}: first time since {s.first_above_since} "
                f"({s.days_since_last_above} sessions earlier)"
            )
        elif s.crossed_up:
            lines.append(f"突破{name}：历史上首次" if zh else f"Crossed above {name}: the first time ever")
        elif s.crossed_down:
            lines.append(
                f"跌破{name}（上一交易日在其上方）" if zh else f"Fell below {name} (above it the session before)"
            )
    return lines


def describe_day(report: TurnoverReport, lang: str = "zh") -> str:
    zh = lang == "zh"
    out: list[str] = []
    if report.date_note:
        out.append(report.date_note)
    weekday = f"（周{WEEKDAY_ZH[report.date.weekday()]}）" if zh else f" ({report.date:%a})"
    out.append(
        f"沪深两市成交额 {report.date}{weekday}：{_amount(report.total_yi, lang)}"
        if zh
        else f"Shanghai + Shenzhen turnover on {report.date}{weekday}: {_amount(report.total_yi, lang)}"
    )
    out.append(
        f"  沪市 {report.sh_yi:.1f}亿元 ｜ 深市 {report.sz_yi:.1f}亿元"
        if zh
        else f"  Shanghai {report.sh_yi:.1f} 亿元 | Shenzhen {report.sz_yi:.1f} 亿元"
    )
    if report.total_with_bj_yi is not None:
        out.append(
            f"  含北交所（沪深京三市）：{report.total_with_bj_yi:.1f}亿元"
            if zh
            else f"  With Beijing exchange: {report.total_with_bj_yi:.1f} 亿元"
        )
    if report.prev_date is not None and report.change_yi is not None:
        out.append(
            f"  较上一交易日 {report.prev_date}（{report.prev_total_yi:.1f}亿元）："
            f"{report.change_yi:+.1f}亿元（{_signed_pct(report.change_pct)}）"
            if zh
            else f"  vs previous session {report.prev_date} ({report.prev_total_yi:.1f} 亿元): "
            f"{report.change_yi:+.1f} 亿元 ({_signed_pct(report.change_pct)})"
        )
    avgs = []
    for n, avg, pct in ((5, report.avg5_yi, report.vs_avg5_pct), (20, report.avg20_yi, report.vs_avg20_pct)):
        if avg is not None:
            avgs.append(
                f"前{n}日均值 {avg:.1f}亿元（{_signed_pct(pct)}）"
                if zh
                else f"{n}-day average {avg:.1f} 亿元 ({_signed_pct(pct)})"
            )
    if avgs:
        out.append(("  较" if zh else "  vs ") + (" ｜ " if zh else " | ").join(avgs))
    if report.percentile_1y is not None:
        out.append(
            f"  近一年分位：高于过去250个交易日中 {report.percentile_1y:.1f}% 的交易日"
            if zh
            else f"  1-year percentile: above {report.percentile_1y:.1f}% of the previous 250 sessions"
        )
    out.extend("  " + line for line in _threshold_lines(report.thresholds, lang))
    if report.record is not None:
        rec = report.record
        if rec.is_record:
            out.append("  创历史新高" if zh else "  A new all-time high")
        else:
            out.append(
                f"  历史最高（截至当日）：{rec.record_total_yi:.1f}亿元（{rec.record_date}）"
                if zh
                else f"  Record to date: {rec.record_total_yi:.1f} 亿元 ({rec.record_date})"
            )
    out.append(_source_line(report.source, report.as_of, lang))
    if report.freshness_note:
        out.append(("  注意：" if zh else "  Note: ") + report.freshness_note)
    return "\n".join(out)


def describe_range(report: RangeReport, lang: str = "zh") -> str:
    zh = lang == "zh"
    n = len(report.days)
    out = [
        f"沪深两市成交额：{report.start} 至 {report.end}，共{n}个交易日（单位：亿元）"
        if zh
        else f"Shanghai + Shenzhen turnover, {report.start} to {report.end}, {n} sessions (unit: 亿元)"
    ]
    heads = ("日期", "合计", "沪市", "深市", "变化") if zh else ("date", "total", "SH", "SZ", "change")
    out.append(
        "  "
        + _pad(heads[0], 10, left=True)
        + "".join("  " + _pad(h, w) for h, w in zip(heads[1:], (9, 8, 8, 8), strict=True))
    )
    for d in report.days:
        change = f"{d.change_yi:+.1f}" if d.change_yi is not None else "-"
        out.append(f"  {d.date}  {d.total_yi:>9.1f}  {d.sh_yi:>8.1f}  {d.sz_yi:>8.1f}  {change:>8}")
    out.append(
        f"  均值 {report.mean_yi:.1f}亿元 ｜ 最高 {report.max_yi:.1f}亿元（{report.max_day}）｜ "
        f"最低 {report.min_yi:.1f}亿元（{report.min_day}）"
        if zh
        else f"  mean {report.mean_yi:.1f} | high {report.max_yi:.1f} ({report.max_day}) | "
        f"low {report.min_yi:.1f} ({report.min_day})"
    )
    above = [(float(k), v) for k, v in report.days_above.items() if v]
    if above:
        parts = [f"{format_threshold(t, lang)} {v}/{n}" for t, v in above]
        out.append(("  站上各线的交易日数：" if zh else "  Sessions above each line: ") + ", ".join(parts))
    out.append(_source_line(report.source, report.as_of, lang))
    if report.freshness_note:
        out.append(("  注意：" if zh else "  Note: ") + report.freshness_note)
    return "\n".join(out)


def describe_update(result: Any, lang: str = "zh") -> tuple[str, bool]:
    """One or a few lines about a tools.daily.sync.UpdateResult, and whether it succeeded."""
    zh = lang == "zh"
    if result.start is None and not result.errors:
        return (f"本地数据已是最新（截至 {result.end}）" if zh else f"Already up to date (through {result.end})"), True
    lines = []
    if result.written:
        lines.append(
            f"已更新 {result.start} 至 {result.end}：写入 {result.written} 个交易日"
            f"（来源 {', '.join(result.sources) or '-'}，{result.requests} 次请求）"
            if zh
            else f"Updated {result.start} .. {result.end}: wrote {result.written} sessions "
            f"(sources {', '.join(result.sources) or '-'}, {result.requests} requests)"
        )
    elif not result.errors:
        lines.append(
            f"数据源暂无 {result.start} 至 {result.end} 的数据，未写入"
            if zh
            else f"The sources have nothing for {result.start} .. {result.end} yet; nothing written"
        )
    if result.errors:
        more = len(result.errors) - 1
        extra = (f"（另有 {more} 条错误）" if zh else f" (+{more} more errors)") if more else ""
        if result.written:
            lines.append(
                (f"部分未更新：{result.errors[0]}" if zh else f"partly not updated: {result.errors[0]}") + extra
            )
        else:
            lines.append(
                (
                    f"未能更新 {result.start} 至 {result.end}：{result.errors[0]}"
                    if zh
                    else f"could not update {result.start} .. {result.end}: {result.errors[0]}"
                )
                + extra
            )
    return "\n".join(lines), not result.errors or bool(result.written)


def _pad(text: str, width: int, *, left: bool = False) -> str:
    """Pad to a display width; CJK characters take two columns in a terminal."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(0, width - shown)
    return text + fill if left else fill + text


def describe_source(source: str, lang: str) -> str:
    """What a row's source measured: the two index rows, or the exchanges' own summaries (fallback)."""
    if source.startswith("exchanges"):
        return "上交所、深交所每日成交概况" if lang == "zh" else "SSE and SZSE daily market summaries"
    return "上证 sh000001 + 深证综指 sz399106" if lang == "zh" else "SSE sh000001 + SZSE composite sz399106"


def _source_line(source: str, as_of: Any, lang: str) -> str:
    when = as_of.strftime("%Y-%m-%d %H:%M %Z").strip()
    if lang == "zh":
        return f"  来源：{source}（{describe_source(source, lang)}），获取时间 {when}"
    return f"  Source: {source} ({describe_source(source, lang)}), fetched {when}"
