"""Plain-text rendering of the turnover statistics results (the CLI's ``marketbot stats``).

Missing or stale data is said first; every amount carries its unit (亿元);
partial periods and unequal comparisons say so next to the figures.
"""

from __future__ import annotations

from tools.daily.analytics import format_threshold
from tools.stats.models import (
    CompareResult,
    CountResult,
    DaysResult,
    FirstLastResult,
    GroupResult,
    PercentileResult,
    Period,
    RankResult,
    StatDay,
    StatsBase,
    StreakResult,
    SummaryResult,
    TopResult,
)

PART_ZH = {"total": "沪深两市成交额", "sh": "沪市成交额", "sz": "深市成交额"}
PART_EN = {"total": "SH+SZ turnover", "sh": "Shanghai turnover", "sz": "Shenzhen turnover"}


def _yi(value: float, zh: bool, signed: bool = False) -> str:
    sign = "+" if signed and value > 0 else ""
    return f"{sign}{value:.1f}亿元" if zh else f"{sign}{value:,.1f} 亿元"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}%"


def _day(d: StatDay, zh: bool) -> str:
    return f"{d.date}（{_yi(d.value_yi, zh)}）" if zh else f"{d.date} ({_yi(d.value_yi, zh)})"


def _line(threshold: float, direction: str, zh: bool, upper: float | None = None) -> str:
    lang = "zh" if zh else "en"
    if direction == "between" and upper is not None:
        low, high = format_threshold(threshold, lang), format_threshold(upper, lang)
        return f"在{low}至{high}之间（含两端）" if zh else f"between {low} and {high} (inclusive)"
    sign = ("≥" if direction == "at_or_above" else "<") if zh else (">= " if direction == "at_or_above" else "< ")
    return f"{sign}{format_threshold(threshold, lang)}"


def moves_label(index_move: str | None, volume_move: str | None, lang: str = "zh") -> str:
    """The sessions a count by direction picks, as people say it: 放量下跌 (成交额 up on the day before, 沪指 down)."""
    zh = lang != "en"
    volume = {"up": "放量", "down": "缩量"}.get(volume_move or "", "") if zh else {"up": "higher", "down": "lower"}
    index = {"up": "上涨", "down": "下跌"}.get(index_move or "", "") if zh else {"up": "rose", "down": "fell"}
    if zh:
        parts = [f"成交额{'高于' if volume_move == 'up' else '低于'}前一交易日"] if volume_move else []
        parts += [f"上证指数{index}"] if index_move else []
        word = f"{volume}{index}" if volume_move else f"上证指数{index}"
        return f"{word}（{'、'.join(parts)}）"
    parts = [f"turnover {volume.get(volume_move, '')} than the session before"] if volume_move else []  # type: ignore[union-attr]
    parts += [f"the Shanghai Composite {index.get(index_move, '')}"] if index_move else []  # type: ignore[union-attr]
    return " and ".join(parts)


def _period(p: Period, zh: bool) -> str:
    if zh:
        text = f"{p.label}：{p.first_session}至{p.last_session}，{p.sessions}个交易日"
        return text + (f"（不完整：{p.note}）" if p.partial else "")
    text = f"{p.label}: {p.first_session} to {p.last_session}, {p.sessions} sessions"
    return text + (f" (partial: {p.note})" if p.partial else "")


def describe_stats(result: StatsBase, lang: str = "zh") -> str:
    zh = lang != "en"
    lines: list[str] = []
    if result.stale and result.freshness_note:
        lines.append(f"注意：{result.freshness_note}" if zh else f"Note: {result.freshness_note}")
    part = (PART_ZH if zh else PART_EN)[result.part]
    if isinstance(result, CompareResult):
        lines.append(f"{part}对比" if zh else f"{part} compared")
    elif isinstance(result, DaysResult) and result.named_dates:
        named = len(result.rows) + len(result.missing)
        lines.append(f"{part} · 指定的{named}天" if zh else f"{part} · the {named} days asked")
    else:
        lines.append(f"{part} · {_period(result.period, zh)}")
    lines.extend(_body(result, zh))
    return "\n".join(lines)


def _body(r: StatsBase, zh: bool) -> list[str]:
    if isinstance(r, SummaryResult):
        if zh:
            return [
                f"  合计 {_yi(r.sum_yi, zh)} ｜ 日均 {_yi(r.mean_yi, zh)} ｜ 中位数 {_yi(r.median_yi, zh)}",
                f"  最高 {_day(r.max_day, zh)} ｜ 最低 {_day(r.min_day, zh)}",
            ]
        return [
            f"  sum {_yi(r.sum_yi, zh)} | daily mean {_yi(r.mean_yi, zh)} | median {_yi(r.median_yi, zh)}",
            f"  highest {_day(r.max_day, zh)} | lowest {_day(r.min_day, zh)}",
        ]
    if isinstance(r, TopResult):
        title = ("最高" if r.measure == "top" else "最低") if zh else ("highest" if r.measure == "top" else "lowest")
        by = ""
        if r.days and r.days[0].change_yi is not None:  # ranked by the change on the previous session
            by = "（按较上一交易日的变化）" if zh else " (by change on the previous session)"
        elif r.days and r.days[0].index_close is not None:
            by = "（按指数收盘点位）" if zh else " (by the index's close)"
        elif r.days and r.days[0].index_change_pct is not None:
            by = "（按指数涨跌幅）" if zh else " (by the index's % move)"
        head = f"  {title}{len(r.days)}天{by}：" if zh else f"  {len(r.days)} {title} days{by}:"

        def row(i: int, d: StatDay) -> str:
            extra = f"  {_yi(d.change_yi, zh, signed=True)}" if d.change_yi is not None else ""
            extra += f"  {d.index_close:.2f}点" if d.index_close is not None else ""
            extra += f"  {_pct(d.index_change_pct)}" if d.index_change_pct is not None else ""
            return f"  {i}. {d.date}  {_yi(d.value_yi, zh)}{extra}"

        return [head, *(row(i, d) for i, d in enumerate(r.days, 1))]
    if isinstance(r, CountResult):
        moved = r.index_move or r.volume_move
        line = _line(r.threshold_yi, r.direction, zh, r.threshold_hi_yi) if r.threshold_yi is not None else ""
        for label in [moves_label(r.index_move, r.volume_move, "zh" if zh else "en")] * bool(moved) + (
            [r.index_filter] if r.index_filter else []
        ):  # the direction, then the index's own conditions ("sh_pct<-2")
            line = f"{line}且{label}" if line and zh else f"{line} and {label}" if line else label
        out = [
            f"  {line}的交易日：{r.count}个，占{r.share_pct:.2f}%"
            if zh
            else f"  sessions {line}: {r.count} ({r.share_pct:.2f}% of the period)"
        ]
        if r.first_day and r.last_day:
            out.append(
                f"  第一个 {_day(r.first_day, zh)} ｜ 最后一个 {_day(r.last_day, zh)}"
                if zh
                else f"  first {_day(r.first_day, zh)} | last {_day(r.last_day, zh)}"
            )
        return out
    if isinstance(r, RankResult):
        out = [
            f"  {_day(r.day, zh)} 在{r.out_of}个交易日中排第{r.rank}高（倒数第{r.rank_from_bottom}）"
            if zh
            else f"  {_day(r.day, zh)} ranks #{r.rank} of {r.out_of} sessions (#{r.rank_from_bottom} from the bottom)"
        ]
        if r.higher_days:
            near = ("、" if zh else ", ").join(_day(d, zh) for d in r.higher_days)
            out.append(f"  比它高且最接近的：{near}" if zh else f"  nearest higher days: {near}")
        return out
    if isinstance(r, FirstLastResult):
        line = _line(r.threshold_yi, r.direction, zh, r.threshold_hi_yi)
        since = (f"（自{r.since}起）" if zh else f" (since {r.since})") if r.since else ""
        which = ("第一个" if r.measure == "first" else "最近一个") if zh else r.measure
        if r.day is None:
            return [f"  {since}没有{line}的交易日" if zh else f"  no session {line}{since}"]
        return [
            f"  {which}{line}的交易日{since}：{_day(r.day, zh)}；共{r.count}个这样的交易日"
            if zh
            else f"  {which} session {line}{since}: {_day(r.day, zh)}; {r.count} such sessions"
        ]
    if isinstance(r, StreakResult):
        if r.threshold_yi is None:  # a run of 放量/缩量 (or index) days
            line = moves_label(r.index_move, r.volume_move, "zh" if zh else "en")
        else:
            line = _line(r.threshold_yi, r.direction, zh, r.threshold_hi_yi)
        out = []
        for name_zh, name_en, s in (("最长连续", "longest run", r.longest), ("当前连续", "current run", r.current)):
            if s is None:
                out.append(f"  {name_zh}{line}：无" if zh else f"  {name_en} {line}: none")
            else:
                out.append(
                    f"  {name_zh}{line}：{s.start}至{s.end}，{s.sessions}个交易日"
                    if zh
                    else f"  {name_en} {line}: {s.start} to {s.end}, {s.sessions} sessions"
                )
        for t in r.longest_ties:  # equally long runs, after the earliest
            out.append(f"  同样长：{t.start}至{t.end}" if zh else f"  equally long: {t.start} to {t.end}")
        return out
    if isinstance(r, PercentileResult):
        return _percentile(r, zh)
    if isinstance(r, DaysResult):
        return _days(r, zh)
    if isinstance(r, GroupResult):
        return _groups(r, zh)
    if isinstance(r, CompareResult):
        out = []
        for side in (r.a, r.b):
            out.append(
                f"  {_period(side.period, zh)}：合计 {_yi(side.sum_yi, zh)}，日均 {_yi(side.mean_yi, zh)}"
                if zh
                else f"  {_period(side.period, zh)}: sum {_yi(side.sum_yi, zh)}, daily mean {_yi(side.mean_yi, zh)}"
            )
        out.append(
            f"  合计差 {_yi(r.sum_diff_yi, zh, True)}（{_pct(r.sum_diff_pct)}）｜ "
            f"日均差 {_yi(r.mean_diff_yi, zh, True)}（{_pct(r.mean_diff_pct)}）"
            if zh
            else f"  sum {_yi(r.sum_diff_yi, zh, True)} ({_pct(r.sum_diff_pct)}) | "
            f"daily mean {_yi(r.mean_diff_yi, zh, True)} ({_pct(r.mean_diff_pct)})"
        )
        out.extend(f"  {note}" for note in r.notes)
        return out
    return []


def _percentile(r: PercentileResult, zh: bool) -> list[str]:
    what = _day(r.day, zh) if r.day else _yi(r.value_yi, zh)
    out = [
        f"  {what} 不低于{r.percentile:.2f}%的交易日（{r.at_or_below}/{r.out_of}），排第{r.rank}高"
        if zh
        else f"  {what} is at or above {r.percentile:.2f}% of the sessions ({r.at_or_below}/{r.out_of}), "
        f"ranking #{r.rank}"
    ]
    sep = "、" if zh else ", "
    if r.above:
        near = sep.join(_day(d, zh) for d in r.above)
        out.append(f"  略高于它的：{near}" if zh else f"  just above: {near}")
    if r.below:
        near = sep.join(_day(d, zh) for d in r.below)
        out.append(f"  略低于它的：{near}" if zh else f"  just below: {near}")
    out.append(
        f"  区间最高 {_day(r.max_day, zh)} ｜ 最低 {_day(r.min_day, zh)} ｜ 中位数 {_yi(r.median_yi, zh)}"
        if zh
        else f"  highest {_day(r.max_day, zh)} | lowest {_day(r.min_day, zh)} | median {_yi(r.median_yi, zh)}"
    )
    return out


def _days(r: DaysResult, zh: bool) -> list[str]:
    out = []
    if r.omitted:
        out.append(
            f"  共{r.sessions}个交易日，只列出最近{len(r.rows)}个（略去较早的{r.omitted}个）"
            if zh
            else f"  {r.sessions} sessions; only the latest {len(r.rows)} are listed ({r.omitted} earlier left out)"
        )
    out.append("  日期         两市合计 ｜ 沪市 ｜ 深市" if zh else "  date         SH+SZ | SH | SZ")
    bar = " ｜ " if zh else " | "
    for row in r.rows:
        out.append(f"  {row.date}  {bar.join(_yi(v, zh) for v in (row.total_yi, row.sh_yi, row.sz_yi))}")
    out.append(
        f"  合计 {_yi(r.sum_total_yi, zh)} ｜ 沪市 {_yi(r.sum_sh_yi, zh)} ｜ 深市 {_yi(r.sum_sz_yi, zh)}"
        if zh
        else f"  sum {_yi(r.sum_total_yi, zh)} | SH {_yi(r.sum_sh_yi, zh)} | SZ {_yi(r.sum_sz_yi, zh)}"
    )
    for m in r.missing:
        out.append(f"  {m.date}：{m.reason}" if zh else f"  {m.date}: {m.reason}")
    return out


UNIT_ZH = {"week": "周", "month": "月", "quarter": "季度", "half": "半年", "year": "年"}


def _groups(r: GroupResult, zh: bool) -> list[str]:
    by = ("合计" if r.rank_by == "sum" else "日均") if zh else ("sum" if r.rank_by == "sum" else "daily mean")
    out = [
        f"  按{UNIT_ZH[r.group_by]}分组，共{r.group_count}组，按{by}排名"
        if zh
        else f"  by {r.group_by}: {r.group_count} groups, ranked by {by}"
    ]
    if r.omitted:
        out.append(
            f"  只列出最近{len(r.groups)}组（略去较早的{r.omitted}组；最高/最低按全部分组）"
            if zh
            else f"  only the latest {len(r.groups)} are listed ({r.omitted} earlier left out; best/worst of all)"
        )
    for g in r.groups:
        cut = ("（不完整）" if zh else " (partial)") if g.partial else ""
        out.append(
            f"  {g.label}{cut}：合计 {_yi(g.sum_yi, zh)}，日均 {_yi(g.mean_yi, zh)}，{g.sessions}个交易日，排第{g.rank}"
            if zh
            else f"  {g.label}{cut}: sum {_yi(g.sum_yi, zh)}, daily mean {_yi(g.mean_yi, zh)}, "
            f"{g.sessions} sessions, #{g.rank}"
        )
    best, worst = r.best, r.worst
    value = (lambda g: g.sum_yi) if r.rank_by == "sum" else (lambda g: g.mean_yi)
    out.append(
        f"  最高：{best.label}（{_yi(value(best), zh)}）｜ 最低：{worst.label}（{_yi(value(worst), zh)}）"
        if zh
        else f"  highest: {best.label} ({_yi(value(best), zh)}) | lowest: {worst.label} ({_yi(value(worst), zh)})"
    )
    out.extend(f"  {note}" for note in r.notes)
    return out
