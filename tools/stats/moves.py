"""Measures over day-to-day moves: sessions filtered by the index's and the turnover's direction (放量上涨), the top
and bottom days by amount, by change on the previous session or by an index's own move, and runs of sessions
meeting a condition (连续N天破万亿, 连续放量)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Literal

from tools.daily.analytics import TurnoverSeries
from tools.daily.models import yuan_to_yi
from tools.stats.conditions import matcher, stat_day
from tools.stats.models import StatDay, StatsQuery, Streak, StreakResult, TopResult
from tools.stats.periods import Span


def moves_filter(series: TurnoverSeries, query: StatsQuery) -> Callable[[int], bool]:
    """Whether session ``i`` has the query's index and volume direction (no filter: every session)."""
    index_move, volume_move = query.index_move, query.volume_move

    def keep(i: int) -> bool:
        if index_move is not None:
            pct = series.rows[i].sh_change_pct
            if pct is None or (pct > 0) != (index_move == "up") or pct == 0:
                return False
        if volume_move is not None:
            if i == 0 or series.totals[i] == series.totals[i - 1]:
                return False
            if (series.totals[i] > series.totals[i - 1]) != (volume_move == "up"):
                return False
        return True

    return keep


def top(series: TurnoverSeries, span: Span, values: Sequence[float], query: StatsQuery, base: dict) -> TopResult:
    pick = heapq.nsmallest if query.measure == "bottom" else heapq.nlargest
    keep = moves_filter(series, query)
    measure: Literal["top", "bottom"] = "bottom" if query.measure == "bottom" else "top"
    if query.order_by == "change":  # a day's rise on its previous session (the first stored day has none)
        candidates = [i for i in range(max(span.lo, 1), span.hi) if keep(i)]
        chosen = pick(query.n, candidates, key=lambda i: values[i] - values[i - 1])
        days = [
            StatDay(
                date=series.dates[i],
                value_yi=yuan_to_yi(values[i]),
                change_yi=yuan_to_yi(values[i] - values[i - 1]),
            )
            for i in chosen
        ]
        return TopResult(**base, measure=measure, days=days)
    if query.order_by in ("sh_pct", "sz_pct"):  # days ranked by an index's % move (days without one left out)

        def pct(i: int) -> float | None:
            row = series.rows[i]
            return row.sh_change_pct if query.order_by == "sh_pct" else row.sz_change_pct

        moved = [i for i in range(span.lo, span.hi) if keep(i) and pct(i) is not None]
        chosen = pick(query.n, moved, key=lambda i: pct(i) or 0.0)
        days = [StatDay(date=series.dates[i], value_yi=yuan_to_yi(values[i]), index_change_pct=pct(i)) for i in chosen]
        return TopResult(**base, measure=measure, days=days)
    chosen = pick(query.n, filter(keep, range(span.lo, span.hi)), key=values.__getitem__)
    return TopResult(**base, measure=measure, days=[stat_day(series, values, i) for i in chosen])


def _streak(series: TurnoverSeries, values: Sequence[float], start: int, end: int) -> Streak:
    run = values[start : end + 1]
    return Streak(
        start=series.dates[start],
        end=series.dates[end],
        sessions=end - start + 1,
        min_yi=yuan_to_yi(min(run)),
        max_yi=yuan_to_yi(max(run)),
    )


def streak(
    series: TurnoverSeries, span: Span, values: Sequence[float], query: StatsQuery, lang: str, base: dict
) -> StreakResult:
    moved = query.index_move is not None or query.volume_move is not None
    threshold: float | None = None
    amount_ok: Callable[[float], bool] = lambda v: True  # noqa: E731 - a run of moves only
    if query.threshold_yi is not None or not moved:
        threshold, amount_ok = matcher(query, lang)
    keep = moves_filter(series, query)

    def hit(i: int) -> bool:
        return amount_ok(values[i]) and keep(i)

    runs: list[tuple[int, int]] = []  # every run inside the period, in order
    run_start: int | None = None
    for i in range(span.lo, span.hi):
        if hit(i):
            run_start = i if run_start is None else run_start
            if runs and runs[-1][0] == run_start:
                runs[-1] = (run_start, i)
            else:
                runs.append((run_start, i))
        else:
            run_start = None
    longest = max((b - a for a, b in runs), default=-1)
    best = [r for r in runs if r[1] - r[0] == longest]
    current: Streak | None = None
    last = span.hi - 1
    if hit(last):
        first = last
        while first > 0 and hit(first - 1):  # the current run may begin before the period
            first -= 1
        current = _streak(series, values, first, last)
    return StreakResult(
        **base,
        threshold_yi=threshold,
        threshold_hi_yi=query.threshold_hi_yi,
        direction=query.direction,
        index_move=query.index_move,
        volume_move=query.volume_move,
        longest=_streak(series, values, *best[0]) if best else None,
        longest_ties=[_streak(series, values, *r) for r in best[1:]],
        current=current,
    )
