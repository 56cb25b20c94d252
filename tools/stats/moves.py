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


def index_filtered(query: StatsQuery) -> bool:
    """Whether the query picks sessions by the index (its direction, size of move or level) or by 放量/缩量."""
    return any(
        v is not None
        for v in (query.index_move, query.volume_move, query.index_pct_above, query.index_pct_below,
                  query.index_close_above, query.index_close_below)
    )  # fmt: skip


def index_filter_text(query: StatsQuery) -> str | None:
    name = query.index
    parts = [
        f"{name}_pct>{query.index_pct_above:g}" if query.index_pct_above is not None else "",
        f"{name}_pct<{query.index_pct_below:g}" if query.index_pct_below is not None else "",
        f"{name}_close>={query.index_close_above:g}" if query.index_close_above is not None else "",
        f"{name}_close<{query.index_close_below:g}" if query.index_close_below is not None else "",
    ]
    return ",".join(p for p in parts if p) or None


def moves_filter(series: TurnoverSeries, query: StatsQuery) -> Callable[[int], bool]:
    """Whether session ``i`` has the query's index and volume direction, index move size and index level (no
    filter: every session). A session without the index's figure never matches an index condition."""
    index_move, volume_move = query.index_move, query.volume_move
    sz = query.index == "sz"
    above, below = query.index_pct_above, query.index_pct_below
    close_above, close_below = query.index_close_above, query.index_close_below

    def keep(i: int) -> bool:
        row = series.rows[i]
        pct = row.sz_change_pct if sz else row.sh_change_pct
        close = row.sz_close if sz else row.sh_close
        if index_move is not None and (pct is None or (pct > 0) != (index_move == "up") or pct == 0):
            return False
        if (above is not None or below is not None) and pct is None:
            return False
        if (above is not None and not pct > above) or (below is not None and not pct < below):  # type: ignore[operator]
            return False
        if (close_above is not None or close_below is not None) and close is None:
            return False
        if (close_above is not None and close < close_above) or (close_below is not None and close >= close_below):  # type: ignore[operator]
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
    if query.order_by in ("sh_close", "sz_close"):  # days ranked by an index's close (上证最高收盘)

        def close(i: int) -> float | None:
            row = series.rows[i]
            return row.sh_close if query.order_by == "sh_close" else row.sz_close

        closed = [i for i in range(span.lo, span.hi) if keep(i) and close(i) is not None]
        chosen = pick(query.n, closed, key=lambda i: close(i) or 0.0)
        days = [
            StatDay(
                date=series.dates[i],
                value_yi=yuan_to_yi(values[i]),
                index_close=close(i),
                index_change_pct=series.rows[i].sh_change_pct
                if query.order_by == "sh_close"
                else series.rows[i].sz_change_pct,
            )
            for i in chosen
        ]
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
    moved = index_filtered(query)
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
