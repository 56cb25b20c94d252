"""The list shapes of the turnover statistics: each session of a period (``days``) and groups (``group``).

Both read a resolved span of the series, like tools.stats.compute, and round
each figure once when it goes into the result. The lists are capped
(MAX_DAY_ROWS, MAX_GROUP_ROWS) and the results say how much was left out, so
an answer never presents a shortened list as the whole.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from tools.calendar import FIRST_DATA_DAY, TradingCalendar
from tools.daily.analytics import TurnoverSeries
from tools.daily.models import yuan_to_yi
from tools.errors import NoDataError
from tools.stats.models import (
    MAX_DAY_ROWS,
    MAX_GROUP_ROWS,
    DayRow,
    DaysResult,
    GroupFigures,
    GroupResult,
    MissingDay,
    StatsQuery,
)
from tools.stats.periods import Span, group_bounds, label_for, no_session_message


def _say(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _row(series: TurnoverSeries, values: Sequence[float], i: int) -> DayRow:
    return DayRow(
        date=series.dates[i],
        total_yi=yuan_to_yi(series.totals[i]),
        sh_yi=yuan_to_yi(series.sh[i]),
        sz_yi=yuan_to_yi(series.sz[i]),
        change_yi=yuan_to_yi(values[i] - values[i - 1]) if i > 0 else None,
    )


def days(
    series: TurnoverSeries,
    span: Span,
    query: StatsQuery,
    lang: str,
    base: dict,
    calendar: TradingCalendar | None,
) -> DaysResult:
    """Each session of the span (the latest MAX_DAY_ROWS), or each of the query's named ``dates``."""
    values = series.values(query.part)
    missing: list[MissingDay] = []
    if query.dates:
        picked: list[int] = []
        for day in sorted(set(query.dates)):
            i = series.index(day)
            if i is None:
                why = no_session_message(calendar, day, series.last_date, lang) if calendar else f"no data for {day}"
                missing.append(MissingDay(date=day, reason=why))
            else:
                picked.append(i)
        if not picked:
            raise NoDataError(_say(lang, "；", "; ").join(m.reason for m in missing), missing[0].date)
    else:
        picked = list(range(span.lo, span.hi))
    shown = picked[-MAX_DAY_ROWS:]
    return DaysResult(
        **base,
        named_dates=bool(query.dates),
        rows=[_row(series, values, i) for i in shown],
        sessions=len(picked),
        omitted=len(picked) - len(shown),
        sum_total_yi=yuan_to_yi(sum(series.totals[i] for i in picked)),
        sum_sh_yi=yuan_to_yi(sum(series.sh[i] for i in picked)),
        sum_sz_yi=yuan_to_yi(sum(series.sz[i] for i in picked)),
        missing=missing,
    )


def group(
    series: TurnoverSeries,
    span: Span,
    values: Sequence[float],
    query: StatsQuery,
    lang: str,
    base: dict,
    calendar: TradingCalendar | None,
) -> GroupResult:
    """The span's sessions by calendar week/month/quarter/half/year, each ranked by its sum or daily mean."""
    runs: list[tuple[int, int]] = []  # [lo, hi) of each group, in calendar order
    start = span.lo
    bounds = group_bounds(series.dates[start], query.group_by)
    for i in range(span.lo + 1, span.hi):
        if series.dates[i] > bounds.end:
            runs.append((start, i))
            start, bounds = i, group_bounds(series.dates[i], query.group_by)
    runs.append((start, span.hi))
    sums = [sum(values[lo:hi]) for lo, hi in runs]
    keys = [total / (hi - lo) for total, (lo, hi) in zip(sums, runs, strict=True)] if query.rank_by == "mean" else sums
    ordered = sorted(keys)
    period = span.period
    figures: list[GroupFigures] = []
    for (lo, hi), total, key in zip(runs, sums, keys, strict=True):
        gb = group_bounds(series.dates[lo], query.group_by)
        if calendar is not None:  # the calendar begins with the data: a group reaching before them is cut too
            partial = gb.start < FIRST_DATA_DAY or len(calendar.sessions(gb.start, gb.end)) > hi - lo
        else:  # without a calendar: cut when the group reaches outside the period's sessions
            partial = gb.start < (period.first_session or gb.start) or gb.end > (period.last_session or gb.end)
        figures.append(
            GroupFigures(
                key=gb.spec,
                label=label_for(gb, lang),
                first_session=series.dates[lo],
                last_session=series.dates[hi - 1],
                sessions=hi - lo,
                sum_yi=yuan_to_yi(total),
                mean_yi=yuan_to_yi(total / (hi - lo)),
                rank=1 + len(ordered) - bisect_right(ordered, key),  # 1 + groups strictly above
                partial=partial,
            )
        )
    best = min(range(len(figures)), key=lambda g: (figures[g].rank, g))
    worst = max(range(len(figures)), key=lambda g: (-keys[g], -g))
    notes: list[str] = []
    cut = [g for g in figures if g.partial]
    if cut and query.rank_by == "sum" and len(figures) > 1:
        names = ("、" if lang != "en" else ", ").join(f"{g.label}({g.sessions})" for g in cut[:5])
        notes.append(
            _say(
                lang,
                f"不完整的分组：{names}；按合计排名对它们不公平，日均（rank_by=mean）更可比",
                f"partial groups: {names}; ranking by sum is unfair to them, the daily mean (rank_by=mean) "
                "compares fairly",
            )
        )
    shown = figures[-MAX_GROUP_ROWS:]
    return GroupResult(
        **base,
        group_by=query.group_by,
        rank_by=query.rank_by,
        groups=shown,
        group_count=len(figures),
        omitted=len(figures) - len(shown),
        best=figures[best],
        worst=figures[worst],
        notes=notes,
    )
