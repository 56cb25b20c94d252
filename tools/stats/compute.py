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
from collections.abc import Sequence
from datetime import date
from statistics import median
from typing import Literal

from tools.calendar import TradingCalendar
from tools.daily.analytics import TurnoverSeries
from tools.daily.models import YI, change_pct, yuan_to_yi
from tools.errors import InvalidQueryError, NoDataError
from tools.stats.conditions import matcher, say, stat_day
from tools.stats.listing import days, group
from tools.stats.models import (
    MAX_DAY_ROWS,
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
    SummaryResult,
)
from tools.stats.moves import index_filter_text, index_filtered, moves_filter, streak, top
from tools.stats.periods import Span, head_span, no_session_message

HIGHER_DAYS = 5


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
        max_day=stat_day(series, values, hi),
        min_day=stat_day(series, values, lo),
        range_yi=yuan_to_yi(values[hi] - values[lo]),
        sum_yuan=total,
    )


def count(
    series: TurnoverSeries, span: Span, values: Sequence[float], query: StatsQuery, lang: str, base: dict
) -> CountResult:
    moved = index_filtered(query)
    threshold, hit = matcher(query, lang) if query.threshold_yi is not None or not moved else (None, lambda v: True)
    keep = moves_filter(series, query)
    hits = [i for i in range(span.lo, span.hi) if hit(values[i]) and keep(i)]
    return CountResult(
        **base,
        threshold_yi=threshold,
        threshold_hi_yi=query.threshold_hi_yi,
        direction=query.direction,
        index_move=query.index_move,
        volume_move=query.volume_move,
        index_filter=index_filter_text(query),
        count=len(hits),
        share_pct=round(len(hits) / (span.hi - span.lo) * 100, 2),
        mean_yi=yuan_to_yi(sum(values[i] for i in hits) / len(hits)) if hits else None,
        first_day=stat_day(series, values, hits[0]) if hits else None,
        last_day=stat_day(series, values, hits[-1]) if hits else None,
        matching=[stat_day(series, values, i) for i in hits] if len(hits) <= MAX_DAY_ROWS else None,
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
        day=stat_day(series, values, i),
        rank=1 + len(higher),
        out_of=len(window),
        rank_from_bottom=1 + sum(1 for v in window if v < x),
        higher_days=[stat_day(series, values, j) for j in nearest],
    )


def _session_in(series: TurnoverSeries, span: Span, day: date, lang: str, calendar: TradingCalendar | None) -> int:
    """The index of ``day``'s session in ``span``: InvalidQueryError outside the period, NoDataError without one."""
    period = span.period
    if not period.start <= day <= period.end:
        raise InvalidQueryError(say(lang, f"{day} 不在{period.label}之内", f"{day} is not in {period.label}"))
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
            say(
                lang,
                "百分位需要给出一个金额 value_yi（亿元）或一个日期 date（二选一）",
                "percentile needs either value_yi (亿元) or date, not both",
            )
        )
    day: StatDay | None = None
    if query.date is not None:
        i = _session_in(series, span, query.date, lang, calendar)
        x, day = values[i], stat_day(series, values, i)
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
        above=[stat_day(series, values, j) for j in above],
        below=[stat_day(series, values, j) for j in below],
        max_day=stat_day(series, values, max(range(span.lo, span.hi), key=values.__getitem__)),
        min_day=stat_day(series, values, by_value[0]),
        median_yi=yuan_to_yi(ranked[mid] if n % 2 else (ranked[mid - 1] + ranked[mid]) / 2),
    )


def first_last(
    series: TurnoverSeries, span: Span, values: Sequence[float], query: StatsQuery, lang: str, base: dict
) -> FirstLastResult:
    threshold, hit = matcher(query, lang)
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
        day=stat_day(series, values, chosen) if chosen is not None else None,
        count=len(hits),
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
                say(
                    lang,
                    f"{whole.period.label}只有{whole.hi - whole.lo}个交易日，少于{a.period.label}的{k}个，按全部比较",
                    f"{whole.period.label} has only {whole.hi - whole.lo} sessions, fewer than the {k} of "
                    f"{a.period.label}; compared whole",
                )
            )
        else:
            notes.append(
                say(
                    lang,
                    f"按交易日对齐：{a.period.label}的{k}个交易日对比{whole.period.label}的前{k}个交易日",
                    f"aligned by sessions: the {k} sessions of {a.period.label} against the first {k} of "
                    f"{whole.period.label}",
                )
            )
    sums = [sum(values[s.lo : s.hi]) for s in (a, b)]
    means = [total / (s.hi - s.lo) for total, s in zip(sums, (a, b), strict=True)]
    medians = [median(values[s.lo : s.hi]) for s in (a, b)]
    pa, pb = a.period, b.period
    if pa.sessions != pb.sessions:
        notes.append(
            say(
                lang,
                f"交易日数不同（{pa.label}{pa.sessions}个，{pb.label}{pb.sessions}个），日均更可比",
                f"the periods have different session counts ({pa.sessions} vs {pb.sessions}); "
                "the daily means compare fairly",
            )
        )
    for p in (pa, pb):
        if p.partial:
            notes.append(say(lang, f"{p.label}不完整：{p.note}", f"{p.label} is partial: {p.note}"))
    return CompareResult(
        **base,
        mode=query.compare_mode,
        aligned_sessions=aligned,
        a=PeriodFigures(
            period=pa, sum_yi=yuan_to_yi(sums[0]), mean_yi=yuan_to_yi(means[0]), median_yi=yuan_to_yi(medians[0])
        ),
        b=PeriodFigures(
            period=pb, sum_yi=yuan_to_yi(sums[1]), mean_yi=yuan_to_yi(means[1]), median_yi=yuan_to_yi(medians[1])
        ),
        sum_diff_yi=yuan_to_yi(sums[0] - sums[1]),
        sum_diff_pct=change_pct(sums[0], sums[1]),
        mean_diff_yi=yuan_to_yi(means[0] - means[1]),
        mean_diff_pct=change_pct(means[0], means[1]),
        median_diff_yi=yuan_to_yi(medians[0] - medians[1]),
        median_diff_pct=change_pct(medians[0], medians[1]),
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
    if index_filtered(query) and measure not in ("count", "top", "bottom", "streak"):
        raise InvalidQueryError(
            say(
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
