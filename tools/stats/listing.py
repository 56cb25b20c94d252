"""The list shapes of the turnover statistics: each session of a period (``days``) and groups (``group``).

Both read a resolved span of the series, like tools.stats.compute, and round
each figure once when it goes into the result. The lists are capped
(MAX_DAY_ROWS, MAX_GROUP_ROWS) and the results say how much was left out, so
an answer never presents a shortened list as the whole.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, timedelta

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
        mean_total_yi=yuan_to_yi(sum(series.totals[i] for i in picked) / len(picked)) if picked else None,
        sum_sh_yi=yuan_to_yi(sum(series.sh[i] for i in picked)),
        sum_sz_yi=yuan_to_yi(sum(series.sz[i] for i in picked)),
        missing=missing,
    )


_BACK = tuple(timedelta(days=k) for k in range(7))  # Monday .. Sunday back to Monday
_SIX_DAYS, _ONE_DAY = timedelta(days=6), timedelta(days=1)
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def _group_start_end(day: date, group_by: str) -> tuple[date, date]:
    """The calendar bounds of the group holding ``day``, cheaply (group_bounds builds the spec and label too)."""
    if group_by == "week":
        start = day - _BACK[day.weekday()]
        return start, start + _SIX_DAYS
    months = _MONTHS[group_by]
    first = (day.month - 1) // months * months + 1
    after = first + months  # the month after the group, 13 = January of the next year
    end = date(day.year + 1, 1, 1) if after > 12 else date(day.year, after, 1)
    return date(day.year, first, 1), end - _ONE_DAY


_PARTITIONS: dict[tuple[int, str], tuple[weakref.ref, list[int], list[tuple[int, int, date, date]]]] = {}


def _partition(series: TurnoverSeries, by: str) -> tuple[list[int], list[tuple[int, int, date, date]]]:
    """The whole series cut into calendar groups (first index of each, and lo, hi, start, end), kept per series:
    the series is immutable and shared, and cutting 8,600 sessions into weeks costs more than the rest."""
    cached = _PARTITIONS.get((id(series), by))
    if cached is not None and cached[0]() is series:
        return cached[1], cached[2]
    dates, runs = series.dates, []
    lo = 0
    while lo < len(dates):  # one bisection per group, not a test per session
        start, end = _group_start_end(dates[lo], by)
        hi = bisect_right(dates, end, lo)
        runs.append((lo, hi, start, end))
        lo = hi
    if len(_PARTITIONS) >= 16:  # old series (replaced after an update) are not kept alive
        _PARTITIONS.clear()
    starts = [r[0] for r in runs]
    _PARTITIONS[(id(series), by)] = (weakref.ref(series), starts, runs)
    return starts, runs


def _cal_count(cal: Sequence[date], start: date, end: date) -> int:
    return bisect_right(cal, end) - bisect_left(cal, start)


def group(
    series: TurnoverSeries,
    span: Span,
    values: Sequence[float],
    query: StatsQuery,
    lang: str,
    base: dict,
    calendar: TradingCalendar | None,
) -> GroupResult:
    """The span's sessions by calendar week/month/quarter/half/year, each ranked by its sum or daily mean.

    One pass finds the groups; result models are built only for the groups listed, the best and the worst.
    """
    by, dates = query.group_by, series.dates
    starts, whole = _partition(series, by)
    first, last = bisect_right(starts, span.lo) - 1, bisect_left(starts, span.hi)
    # [lo, hi) of each group and its calendar bounds; the period's ends may cut the first and last group
    runs = whole[first:last]
    lo, hi, start, end = runs[0]
    runs[0] = (max(lo, span.lo), min(hi, span.hi), start, end)
    lo, hi, start, end = runs[-1]
    runs[-1] = (max(lo, span.lo), min(hi, span.hi), start, end)
    sums = [sum(values[lo:hi]) for lo, hi, _, _ in runs]
    keys = [total / (r[1] - r[0]) for total, r in zip(sums, runs, strict=True)] if query.rank_by == "mean" else sums
    ordered = sorted(keys)
    period = span.period
    cal = calendar.sessions(runs[0][2], runs[-1][3]) if calendar is not None else []

    # Interior groups are cut only where the data miss sessions: one count over them all settles it usually.
    inner = len(runs) > 2 and calendar is not None
    inner_complete = inner and _cal_count(cal, runs[1][2], runs[-2][3]) == runs[-2][1] - runs[1][0]

    def partial(g: int) -> bool:
        lo, hi, start, end = runs[g]
        if calendar is not None:  # the calendar begins with the data: a group reaching before them is cut too
            if inner_complete and 0 < g < len(runs) - 1:
                return False
            return start < FIRST_DATA_DAY or _cal_count(cal, start, end) > hi - lo
        # without a calendar: cut when the group reaches outside the period's sessions
        return start < (period.first_session or start) or end > (period.last_session or end)

    def figures(g: int) -> GroupFigures:
        lo, hi, _, _ = runs[g]
        bounds = group_bounds(dates[lo], by)
        return GroupFigures(
            key=bounds.spec,
            label=label_for(bounds, lang),
            first_session=dates[lo],
            last_session=dates[hi - 1],
            sessions=hi - lo,
            sum_yi=yuan_to_yi(sums[g]),
            mean_yi=yuan_to_yi(sums[g] / (hi - lo)),
            rank=1 + len(ordered) - bisect_right(ordered, keys[g]),  # 1 + groups strictly above
            partial=partial(g),
        )

    best, worst = keys.index(ordered[-1]), keys.index(ordered[0])  # the earliest of equal groups
    notes: list[str] = []
    candidates = (0, len(runs) - 1) if inner_complete else range(len(runs))
    cut = sorted({g for g in candidates if partial(g)})
    if cut and query.rank_by == "sum" and len(runs) > 1:
        sep = _say(lang, "、", ", ")
        names = sep.join(
            f"{label_for(group_bounds(dates[runs[g][0]], by), lang)}({runs[g][1] - runs[g][0]})" for g in cut[:5]
        )
        notes.append(
            _say(
                lang,
                f"不完整的分组：{names}；按合计排名对它们不公平，日均（rank_by=mean）更可比",
                f"partial groups: {names}; ranking by sum is unfair to them, the daily mean (rank_by=mean) "
                "compares fairly",
            )
        )
    shown = range(max(0, len(runs) - MAX_GROUP_ROWS), len(runs))
    return GroupResult(
        **base,
        group_by=by,
        rank_by=query.rank_by,
        groups=[figures(g) for g in shown],
        group_count=len(runs),
        omitted=len(runs) - len(shown),
        best=figures(best),
        worst=figures(worst),
        notes=notes,
    )
