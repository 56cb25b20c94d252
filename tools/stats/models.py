"""Typed query and results of the turnover statistics (``MarketData.stats``).

A question becomes one ``StatsQuery`` (measure + period spec + market part +
threshold ...); the answer is one of the ``*Result`` models below, each with
its unit, the resolved ``Period`` (exact first/last session, session count,
``partial``) and the data's freshness. Amounts are reported in 亿元 rounded
once to one decimal; every difference, ratio and share is computed from the
unrounded 元 amounts before that rounding, so callers never subtract rounded
figures themselves.

Period spec grammar (``StatsQuery.period``, case-insensitive, see tools.stats.periods)::

    all                     every stored session (1991-04-03 ..)
    latest                  the latest session with data
    2025-10-09              one day (YYYY-MM-DD, also YYYYMMDD)
    2024-10-01..2024-10-31  an explicit range; either end may be left out (``2024-10-01..``)
    2015 | 2015Q2 | 2015-06 | 2026-W30      calendar year, quarter, month, ISO week
    this_week | last_week | this_month | last_month | this_quarter | last_quarter
    this_year | last_year | ytd             relative to the clock (``ytd`` = this_year)
    last:20                 the last 20 stored sessions up to the clock's latest session
    last:20@2024-10-08      the 20 stored sessions ending on or before 2024-10-08
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.daily.models import Compact

Part = Literal["total", "sh", "sz"]  # 沪深两市合计 / 上证 sh000001 / 深市 sz399106
Direction = Literal["at_or_above", "below"]
Measure = Literal["summary", "top", "bottom", "count", "rank", "first", "last", "streak", "compare"]
PeriodKind = Literal["day", "range", "week", "month", "quarter", "year", "last_n", "all"]

MEASURES: tuple[str, ...] = Measure.__args__  # type: ignore[attr-defined]


class StatsQuery(BaseModel):
    """One statistics question about daily 成交额.

    measure:
      summary  sum, mean, median, max day and min day of the period
      top      the ``n`` highest days of the period (``bottom``: the ``n`` lowest)
      count    sessions of the period at or above (``direction='below'``: below) ``threshold_yi``, and their share
      rank     the rank of ``date`` among the period's sessions (period ``all`` = 历史第几高), 1 = highest
      first    the first session at or above (or below) ``threshold_yi`` in the period, from ``since`` if given
               (period ``all`` + no ``since`` = the first day ever); ``last``: the latest such session
      streak   the longest run of consecutive sessions at or above (or below) ``threshold_yi`` in the period,
               and the current run ending on the period's last session
      compare  the period against ``compare_to`` (default: the period before it of the same kind: week vs the
               previous week, month vs previous month, year vs previous year, day vs previous session,
               last:N vs the N sessions before); sums and daily means, 亿元 and %
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    measure: Measure = "summary"
    period: str = "all"
    part: Part = "total"
    threshold_yi: float | None = Field(default=None, gt=0, description="threshold in 亿元 (1万亿 = 10000)")
    direction: Direction = "at_or_above"
    n: int = Field(default=5, ge=1, le=100, description="days for top/bottom")
    date: dt.date | None = Field(default=None, description="the day to rank (measure rank)")
    since: dt.date | None = Field(default=None, description="first/last: only sessions on or after this day")
    compare_to: str | None = Field(default=None, description="compare: the other period spec")
    # count and top/bottom: only sessions where 上证指数 rose (up) or fell (down), and where 两市成交额 rose (放量)
    # or fell (缩量) against the previous session; count needs no threshold when one of these is set.
    index_move: Literal["up", "down"] | None = Field(default=None, description="上证指数 rose (up) or fell (down)")
    volume_move: Literal["up", "down"] | None = Field(default=None, description="放量 (up) / 缩量 (down)")


class Period(Compact):
    """A resolved period. ``start``/``end`` are its calendar bounds; the session fields are the stored data in it."""

    spec: str  # the spec as resolved, normalised (e.g. "2015-06", "last:20")
    kind: PeriodKind
    label: str  # for people: "2015年6月", "2026-W30 (2026-07-20..2026-07-26)"
    start: date
    end: date
    first_session: date | None = None  # first stored session in the period
    last_session: date | None = None
    sessions: int = 0  # stored sessions in the period
    expected_sessions: int | None = None  # trading-calendar sessions in the whole period (when known)
    partial: bool = False  # not over as of the clock, or the data ends before the period does
    note: str | None = None  # why it is partial, in the settings' language


class StatDay(Compact):
    """One session's figure for the query's part, 亿元."""

    date: date
    value_yi: float


class StatsBase(Compact):
    """What every stats result carries: unit, part, the resolved period and the data's freshness."""

    unit: str = "亿元"
    part: Part
    period: Period
    latest_date: date | None = None  # the latest day in the store
    stale: bool = False  # the data end before the clock's latest session and the period reaches that far
    freshness_note: str | None = None


class SummaryResult(StatsBase):
    measure: Literal["summary"] = "summary"
    sum_yi: float
    mean_yi: float  # daily mean over the period's sessions
    median_yi: float
    max_day: StatDay
    min_day: StatDay


class TopResult(StatsBase):
    measure: Literal["top", "bottom"]
    days: list[StatDay]  # highest first for top, lowest first for bottom


class CountResult(StatsBase):
    measure: Literal["count"] = "count"
    threshold_yi: float | None = None  # None: counted by index_move/volume_move only
    direction: Direction
    index_move: Literal["up", "down"] | None = None
    volume_move: Literal["up", "down"] | None = None
    count: int
    share_pct: float  # count / period sessions * 100, two decimals
    first_day: StatDay | None = None  # first and last matching sessions in the period
    last_day: StatDay | None = None


class RankResult(StatsBase):
    measure: Literal["rank"] = "rank"
    day: StatDay
    rank: int  # 1 = highest of the period; ties share the better rank
    out_of: int  # sessions ranked (the period's sessions)
    rank_from_bottom: int  # 1 = lowest
    higher_days: list[StatDay] = []  # up to 5 days above it, the closest in value first (empty when rank 1)


class FirstLastResult(StatsBase):
    measure: Literal["first", "last"]
    threshold_yi: float
    direction: Direction
    since: date | None = None
    day: StatDay | None = None  # None: no session of the period crossed the line
    count: int = 0  # matching sessions in the searched span


class Streak(Compact):
    start: date
    end: date
    sessions: int
    min_yi: float  # lowest day in the run (highest for a 'below' run: see max_yi)
    max_yi: float


class StreakResult(StatsBase):
    measure: Literal["streak"] = "streak"
    threshold_yi: float
    direction: Direction
    longest: Streak | None = None  # the earliest of equally long runs
    current: Streak | None = None  # the run ending on the period's last session; may begin before the period


class PeriodFigures(Compact):
    """One side of a comparison."""

    period: Period
    sum_yi: float
    mean_yi: float


class CompareResult(StatsBase):
    """``period`` (the base class field) is the current side ``a``; ``b`` is what it is compared to."""

    measure: Literal["compare"] = "compare"
    a: PeriodFigures
    b: PeriodFigures
    sum_diff_yi: float  # a - b
    sum_diff_pct: float | None = None  # (a - b) / b * 100
    mean_diff_yi: float
    mean_diff_pct: float | None = None
    notes: list[str] = []  # different session counts, a partial side: say which figure is fair


StatsResult = Annotated[
    SummaryResult | TopResult | CountResult | RankResult | FirstLastResult | StreakResult | CompareResult,
    Field(discriminator="measure"),
]
