"""Turnover statistics over a resolved period: pure functions over ``TurnoverSeries``.

``MarketData.stats`` resolves the period (tools.stats.periods) and the data's
freshness, then calls ``compute``. Every figure is computed from the unrounded
元 amounts and rounded once, by ``yuan_to_yi``, when it goes into a result.
A period is a slice ``[lo, hi)`` of the series, so each measure is one pass
(or one sort, for the median) over at most the whole history.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from statistics import median
from typing import Literal

from tools.calendar import TradingCalendar
from tools.daily.analytics import TurnoverSeries
from tools.daily.models import YI, change_pct, yuan_to_yi
from tools.errors import InvalidQueryError, NoDataError
from tools.stats.listing import days, group
from tools.stats.models import (
    NEAREST_DAYS,
    CompareResult,
    CountResult,
    FirstLastResult,
    PercentileResult,
    PeriodFigures,
    RankResult,
    StatDay,
    StatsQuery,
    StatsResult,
    Streak,
    StreakResult,
    SummaryResult,
    TopResult,
)
from tools.stats.periods import Span, head_span, no_session_message

HIGHER_DAYS = 5


def _say(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _stat_day(series: TurnoverSeries, values: Sequence[float], i: int) -> StatDay:
    return StatDay(date=series.dates[i], value_yi=yuan_to_yi(values[i]))


def _matcher(query: StatsQuery, lang: str) -> tuple[float, Callable[[float], bool]]:
    """The lower threshold and the test of one day's 元 amount (``between``: both ends inclusive)."""
    if query.threshold_yi is None:
        raise InvalidQueryError(
            _say(lang, f"{query.measure} 需要门槛 threshold_yi（亿元）", f"{query.measure} needs threshold_yi (亿元)")
        )
    line = query.threshold_yi * YI
    if query.direction == "between":
        if query.threshold_hi_yi is None:
            raise InvalidQueryError(
                _say(
                    lang, "区间条件需要上限 threshold_hi_yi（亿元）", "direction 'between' needs threshold_hi_yi (亿元)"
                )
            )
        if query.threshold_hi_yi < query.threshold_yi:
            raise InvalidQueryError(
                _say(
                    lang,
                    f"区间上限 {query.threshold_hi_yi:g} 低于下限 {query.threshold_yi:g}（亿元）",
                    f"threshold_hi_yi {query.threshold_hi_yi:g} is below threshold_yi {query.threshold_yi:g} (亿元)",
                )
            )
        top = query.threshold_hi_yi * YI
        return query.threshold_yi, lambda v: line <= v <= top
    if query.threshold_hi_yi is not None:
        raise InvalidQueryError(
            _say(
                lang,
                "threshold_hi_yi 只用于区间条件（direction='between'）",
                "threshold_hi_yi goes with direction 'between' only",
            )
        )
    if query.direction == "below":
        return query.threshold_yi, lambda v: v < line
    return query.threshold_yi, lambda v: v >= line


def summary(series: TurnoverSeries, span: Span, values: Sequence[float], base: dict) -> SummaryResult:
    window = values[span.lo : span.hi]
    total = sum(window)
    hi = span.lo + max(range(len(window)), key=window.__getitem__)
    lo = span.lo + min(range(len(window)), key=window.__getitem__)
    return SummaryResult(
        **base,
        sum_yi=yuan_to_yi(total),
        mean_yi=yuan_to_yi(total / len(window)),
        median_yi=yuan_to_yi(median(window)),
        max_day=_stat_day(series, values, hi),
        min_day=_stat_day(series, values, lo),
    )


def _moves(series: TurnoverSeries, query: StatsQuery) -> Callable[[int], bool]:
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
    keep = _moves(series, query)
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
        days = [
            StatDay(date=series.dates[i], value_yi=yuan_to_yi(values[i]), index_change_pct=pct(i)) for i in chosen
        ]
        return TopResult(**base, measure=measure, days=days)
    chosen = pick(query.n, filter(keep, range(span.lo, span.hi)), key=values.__getitem__)
    return TopResult(**base, measure=measure, days=[_stat_day(series, values, i) for i in chosen])


def count(
    series: TurnoverSeries, span: Span, values: Sequence[float], query: StatsQuery, lang: str, base: dict
) -> CountResult:
    moved = query.index_move is not None or query.volume_move is not None
    threshold, hit = _matcher(query, lang) if query.threshold_yi is not None or not moved else (None, lambda v: True)
    keep = _moves(series, query)
    hits = [i for i in range(span.lo, span.hi) if hit(values[i]) and keep(i)]
    return CountResult(
        **base,
        threshold_yi=threshold,
        threshold_hi_yi=query.threshold_hi_yi,
        direction=query.direction,
        index_move=query.index_move,
        volume_move=query.volume_move,
        count=len(hits),
        share_pct=round(len(hits) / (span.hi - span.lo) * 100, 2),
        mean_yi=yuan_to_yi(sum(values[i] for i in hits) / len(hits)) if hits else None,
        first_day=_stat_day(series, values, hits[0]) if hits else None,
        last_day=_stat_day(series, values, hits[-1]) if hits else None,
    )


def rank(
    series: TurnoverSeries,
    span: Span,
    values: Sequence[float],
    query: StatsQuery,
    lang: str,
    base: dict,
    calendar: TradingCalendar | None,
) -> RankResult:
    day = query.date or span.period.last_session
    assert day is not None  # a resolved span has sessions
    i = _session_in(series, span, day, lang, calendar)
    x = values[i]
    window = values[span.lo : span.hi]
    higher = [j for j in range(span.lo, span.hi) if values[j] > x]
    nearest = heapq.nsmallest(HIGHER_DAYS, higher, key=values.__getitem__)
    return RankResult(
        **base,
        day=_stat_day(series, values, i),
        rank=1 + len(higher),
        out_of=len(window),
        rank_from_bottom=1 + sum(1 for v in window if v < x),
        higher_days=[_stat_day(series, values, j) for j in nearest],
    )


def _session_in(series: TurnoverSeries, span: Span, day: date, lang: str, calendar: TradingCalendar | None) -> int:
    """The index of ``day``'s session in ``span``: InvalidQueryError outside the period, NoDataError without one."""
    period = span.period
    if not period.start <= day <= period.end:
        raise InvalidQueryError(_say(lang, f"{day} 不在{period.label}之内", f"{day} is not in {period.label}"))
    i = series.index(day)
    if i is None or not span.lo <= i < span.hi:
        why = no_session_message(calendar, day, series.last_date, lang) if calendar else f"no session on {day}"
        raise NoDataError(why, day)
    return i


def percentile(
    series: TurnoverSeries,
    span: Span,
    values: Sequence[float],
    query: StatsQuery,
    lang: str,
    base: dict,
    calendar: TradingCalendar | None,
) -> PercentileResult:
    if (query.value_yi is None) == (query.date is None):
        raise InvalidQueryError(
            _say(
                lang,
                "百分位需要给出一个金额 value_yi（亿元）或一个日期 date（二选一）",
                "percentile needs either value_yi (亿元) or date, not both",
            )
        )
    day: StatDay | None = None
    if query.date is not None:
        i = _session_in(series, span, query.date, lang, calendar)
        x, day = values[i], _stat_day(series, values, i)
    else:
        x = (query.value_yi or 0.0) * YI
    # One sort of the period's sessions by figure (stable: equal figures stay in calendar order) gives the
    # counts by bisection, the nearest days on each side and the median.
    by_value = sorted(range(span.lo, span.hi), key=values.__getitem__)
    ranked = [values[j] for j in by_value]
    n = len(ranked)
    lo, hi = bisect_left(ranked, x), bisect_right(ranked, x)  # [lo, hi): sessions equal to x
    above = by_value[hi : hi + NEAREST_DAYS]
    tie_lo = bisect_left(ranked, ranked[max(0, lo - NEAREST_DAYS)]) if lo else 0  # every tie of the 3rd below
    below = sorted(by_value[tie_lo:lo], key=lambda j: (-values[j], j))[:NEAREST_DAYS]
    mid = n // 2
    return PercentileResult(
        **base,
        value_yi=day.value_yi if day else yuan_to_yi(x),
        day=day,
        rank=1 + n - hi,
        out_of=n,
        at_or_below=hi,
        percentile=round(hi / n * 100, 2),
        above=[_stat_day(series, values, j) for j in above],
        below=[_stat_day(series, values, j) for j in below],
        max_day=_stat_day(series, values, max(range(span.lo, span.hi), key=values.__getitem__)),
        min_day=_stat_day(series, values, by_value[0]),
        median_yi=yuan_to_yi(ranked[mid] if n % 2 else (ranked[mid - 1] + ranked[mid]) / 2),
    )


def first_last(
    series: TurnoverSeries, span: Span, values: Sequence[float], query: StatsQuery, lang: str, base: dict
) -> FirstLastResult:
    threshold, hit = _matcher(query, lang)
    lo = max(span.lo, bisect_left(series.dates, query.since)) if query.since else span.lo
    hits = [i for i in range(lo, span.hi) if hit(values[i])]
    measure: Literal["first", "last"] = "first" if query.measure == "first" else "last"
    chosen = (hits[0] if measure == "first" else hits[-1]) if hits else None
    return FirstLastResult(
        **base,
        measure=measure,
        threshold_yi=threshold,
        threshold_hi_yi=query.threshold_hi_yi,
        direction=query.direction,
        since=query.since,
        day=_stat_day(series, values, chosen) if chosen is not None else None,
        count=len(hits),
    )


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
        threshold, amount_ok = _matcher(query, lang)
    keep = _moves(series, query)

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


def compare(
    series: TurnoverSeries, values: Sequence[float], a: Span, b: Span, query: StatsQuery, lang: str, base: dict
) -> CompareResult:
    notes: list[str] = []
    aligned: int | None = None
    if query.compare_mode == "aligned":
        k = a.hi - a.lo
        whole = b
        b = head_span(b, k, series, lang)
        aligned = min(k, b.hi - b.lo)
        if whole.hi - whole.lo < k:
            notes.append(
                _say(
                    lang,
                    f"{whole.period.label}只有{whole.hi - whole.lo}个交易日，少于{a.period.label}的{k}个，按全部比较",
                    f"{whole.period.label} has only {whole.hi - whole.lo} sessions, fewer than the {k} of "
                    f"{a.period.label}; compared whole",
                )
            )
        else:
            notes.append(
                _say(
                    lang,
                    f"按交易日对齐：{a.period.label}的{k}个交易日对比{whole.period.label}的前{k}个交易日",
                    f"aligned by sessions: the {k} sessions of {a.period.label} against the first {k} of "
                    f"{whole.period.label}",
                )
            )
    sums = [sum(values[s.lo : s.hi]) for s in (a, b)]
    means = [total / (s.hi - s.lo) for total, s in zip(sums, (a, b), strict=True)]
    pa, pb = a.period, b.period
    if pa.sessions != pb.sessions:
        notes.append(
            _say(
                lang,
                f"交易日数不同（{pa.label}{pa.sessions}个，{pb.label}{pb.sessions}个），日均更可比",
                f"the periods have different session counts ({pa.sessions} vs {pb.sessions}); "
                "the daily means compare fairly",
            )
        )
    for p in (pa, pb):
        if p.partial:
            notes.append(_say(lang, f"{p.label}不完整：{p.note}", f"{p.label} is partial: {p.note}"))
    return CompareResult(
        **base,
        mode=query.compare_mode,
        aligned_sessions=aligned,
        a=PeriodFigures(period=pa, sum_yi=yuan_to_yi(sums[0]), mean_yi=yuan_to_yi(means[0])),
        b=PeriodFigures(period=pb, sum_yi=yuan_to_yi(sums[1]), mean_yi=yuan_to_yi(means[1])),
        sum_diff_yi=yuan_to_yi(sums[0] - sums[1]),
        sum_diff_pct=change_pct(sums[0], sums[1]),
        mean_diff_yi=yuan_to_yi(means[0] - means[1]),
        mean_diff_pct=change_pct(means[0], means[1]),
        notes=notes,
    )


def compute(
    query: StatsQuery,
    series: TurnoverSeries,
    span: Span,
    base: dict,
    *,
    lang: str = "zh",
    other: Span | None = None,
    calendar: TradingCalendar | None = None,
) -> StatsResult:
    """The result of ``query`` over ``span`` (``other``: the second period of ``compare``).

    ``base`` holds the common fields (part, period, latest_date, stale, freshness_note); ``calendar`` says why
    a day to rank has no session.
    """
    values = series.values(query.part)
    measure = query.measure
    if (query.index_move or query.volume_move) and measure not in ("count", "top", "bottom", "streak"):
        raise InvalidQueryError(
            _say(
                lang,
                "按指数涨跌或放量/缩量筛选只用于计数、最高/最低几天和连续天数",
                "index_move and volume_move filter count, top/bottom and streak only",
            )
        )
    if measure == "summary":
        return summary(series, span, values, base)
    if measure in ("top", "bottom"):
        return top(series, span, values, query, base)
    if measure == "count":
        return count(series, span, values, query, lang, base)
    if measure == "rank":
        return rank(series, span, values, query, lang, base, calendar)
    if measure in ("first", "last"):
        return first_last(series, span, values, query, lang, base)
    if measure == "streak":
        return streak(series, span, values, query, lang, base)
    if measure == "percentile":
        return percentile(series, span, values, query, lang, base, calendar)
    if measure == "days":
        return days(series, span, query, lang, base, calendar)
    if measure == "group":
        return group(series, span, values, query, lang, base, calendar)
    if other is None:
        raise InvalidQueryError("compare needs a second period")
    return compare(series, values, span, other, query, lang, base)
