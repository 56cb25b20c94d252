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
    2015 | 2015H1 | 2015Q2 | 2015-06 | 2026-W30   calendar year, half-year (H1 = Jan..Jun, H2 = Jul..Dec),
                                                  quarter, month, ISO week
    this_week | last_week | this_month | last_month | this_quarter | last_quarter
    this_half | last_half                   the half-year containing the clock's day / the one before it
    this_year | last_year | ytd             relative to the clock (``ytd`` = this_year)
    last:20                 the last 20 stored sessions up to the clock's latest session
    last:20@2024-10-08      the 20 stored sessions ending on or before 2024-10-08
    last:5+5                the 5 stored sessions before the last 5 (再往前5个交易日)
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.daily.models import Compact

Part = Literal["total", "sh", "sz"]  # 沪深两市合计 / 上证 sh000001 / 深市 sz399106
Direction = Literal["at_or_above", "below", "between"]
Measure = Literal[
    "summary", "top", "bottom", "count", "rank", "first", "last", "streak", "compare", "percentile", "days", "group"
]
PeriodKind = Literal["day", "range", "week", "month", "quarter", "half", "year", "last_n", "all"]
GroupBy = Literal["week", "month", "quarter", "half", "year"]
RankBy = Literal["sum", "mean"]
OrderBy = Literal["amount", "change", "sh_pct", "sz_pct", "sh_close", "sz_close"]
IndexName = Literal["sh", "sz"]  # 上证指数 sh000001 / 深证成指 sz399001
CompareMode = Literal["full", "aligned"]

MEASURES: tuple[str, ...] = Measure.__args__  # type: ignore[attr-defined]
MAX_DAY_ROWS = 31  # measure days: at most this many rows (the latest sessions of the period); the result says so
MAX_GROUP_ROWS = 60  # measure group: at most this many groups listed (the latest); best/worst are over all of them
NEAREST_DAYS = 3  # measure percentile: days listed on each side of the value


class StatsQuery(BaseModel):
    """One statistics question about daily 成交额.

    Every measure reads the daily amounts of ``part`` (total = SH + SZ, sh, sz).

    measure:
      summary    sum, mean, median, max day and min day of the period
      top        the ``n`` highest days of the period (``bottom``: the ``n`` lowest), each with its figure;
                 ``order_by='change'``: the biggest rises on the previous session (bottom: the biggest falls)
      count      sessions of the period matching the threshold condition (below), and their share
      rank       the rank of ``date`` among the period's sessions (period ``all`` = 历史第几高), 1 = highest
      first      the first session matching the threshold condition in the period, from ``since`` if given
                 (period ``all`` + no ``since`` = the first day ever); ``last``: the latest such session
      streak     the longest run of consecutive sessions matching the condition in the period, and the
                 current run ending on the period's last session; with volume_move/index_move and no threshold,
                 a run of 放量 (缩量) or of index rises (falls): 连续放量最长几天
      compare    the period against ``compare_to`` (default: the period before it of the same kind: week vs the
                 previous week, month vs previous month, half vs previous half, year vs previous year, day vs
                 previous session, last:N vs the N sessions before); sums and daily means, 亿元 and %.
                 ``compare_mode='aligned'``: the period so far against the SAME NUMBER OF SESSIONS from the start
                 of the other period (本周至今 k 个交易日 vs 上周前 k 个交易日), see CompareResult.aligned_sessions
      percentile where ``value_yi`` (an amount) or ``date`` (a day's figure) stands among the period's
                 sessions: rank, percentile (share of sessions <= it), the nearest days above and below
      days       each session of the period with total, SH and SZ (上周每天分别成交多少), at most MAX_DAY_ROWS
                 rows (the latest; ``omitted`` says how many were left out); with ``dates``: those named days
      group      the period's sessions grouped by ``group_by`` (week/month/quarter/half/year), each group's sum,
                 mean and session count, ranked by ``rank_by`` (哪个月最高, 哪年更高), with the best/worst group

    Threshold condition (count/first/last/streak), amounts in 亿元, compared with the unrounded 元 figures:
      direction='at_or_above'  day >= threshold_yi
      direction='below'        day <  threshold_yi
      direction='between'      threshold_yi <= day <= threshold_hi_yi (both ends inclusive)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    measure: Measure = "summary"
    period: str = "all"
    part: Part = "total"
    threshold_yi: float | None = Field(default=None, gt=0, description="threshold in 亿元 (1万亿 = 10000)")
    threshold_hi_yi: float | None = Field(
        default=None, gt=0, description="direction 'between': the upper bound in 亿元, inclusive (>= threshold_yi)"
    )
    direction: Direction = "at_or_above"
    n: int = Field(default=5, ge=1, le=100, description="days for top/bottom")
    date: dt.date | None = Field(default=None, description="the day to rank (rank) or to place (percentile)")
    value_yi: float | None = Field(default=None, gt=0, description="percentile: the amount to place, 亿元")
    since: dt.date | None = Field(default=None, description="first/last: only sessions on or after this day")
    compare_to: str | None = Field(default=None, description="compare: the other period spec")
    # count and top/bottom: only sessions where 上证指数 rose (up) or fell (down), and where 两市成交额 rose (放量)
    # or fell (缩量) against the previous session; count needs no threshold when one of these is set.
    index_move: Literal["up", "down"] | None = Field(default=None, description="the index rose (up) or fell (down)")
    volume_move: Literal["up", "down"] | None = Field(default=None, description="放量 (up) / 缩量 (down)")
    # count, top/bottom and streak: sessions by the index's own size of move or level (上证跌超2%, 收在4000点以上);
    # ``index`` says which index these and index_move read (default 上证指数)
    index: IndexName = Field(default="sh", description="the index of index_move / index_pct_* / index_close_*")
    index_pct_above: float | None = Field(default=None, description="the index's % change > this (涨超2% = 2)")
    index_pct_below: float | None = Field(default=None, description="the index's % change < this (跌超2% = -2)")
    index_close_above: float | None = Field(default=None, gt=0, description="the index closed at or above (points)")
    index_close_below: float | None = Field(default=None, gt=0, description="the index closed below (points)")
    compare_mode: CompareMode = Field(
        default="full", description="compare: 'full' periods, or 'aligned' (the other cut to as many sessions)"
    )
    group_by: GroupBy = Field(default="month", description="group: the unit of the groups")
    rank_by: RankBy = Field(default="sum", description="group: rank the groups by their sum or their daily mean")
    order_by: OrderBy = Field(
        default="amount",
        description="top/bottom: by the day's amount, its change on the previous session (单日放量最多 = top), or "
        "the % move of 上证指数 (sh_pct) / 深证成指 (sz_pct) (最大单日跌幅 = bottom), or the index's close "
        "(sh_close / sz_close: 上证最高收盘 = top n=1)",
    )
    dates: tuple[dt.date, ...] | None = Field(
        default=None, max_length=MAX_DAY_ROWS, description="days: these named days instead of the period's sessions"
    )


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
    change_yi: float | None = None  # top/bottom by change: the day's figure minus the previous session's
    index_change_pct: float | None = None  # top/bottom by an index's move: that index's % change that day
    index_close: float | None = None  # top/bottom by an index's close: that close (points)


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
    range_yi: float | None = None  # the highest day minus the lowest, from the unrounded 元 (最高比最低多多少)
    sum_yuan: float | None = None  # the unrounded sum in 元, for differences of two results (深市比沪市多多少)


class TopResult(StatsBase):
    measure: Literal["top", "bottom"]
    days: list[StatDay]  # highest first for top, lowest first for bottom


class CountResult(StatsBase):
    measure: Literal["count"] = "count"
    threshold_yi: float | None = None  # None: counted by index_move/volume_move only
    threshold_hi_yi: float | None = None  # the upper bound of a 'between' condition
    direction: Direction
    index_move: Literal["up", "down"] | None = None
    volume_move: Literal["up", "down"] | None = None
    index_filter: str | None = None  # the index conditions counted by, as read ("sh_pct<-2", "sh_close>=4000")
    count: int
    share_pct: float  # count / period sessions * 100, two decimals
    mean_yi: float | None = None  # the daily mean of the matching sessions (None when there are none)
    first_day: StatDay | None = None  # first and last matching sessions in the period
    last_day: StatDay | None = None
    matching: list[StatDay] | None = None  # every matching session, in order, when there are at most MAX_DAY_ROWS


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
    threshold_hi_yi: float | None = None
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
    threshold_yi: float | None = None  # None: a run of 放量 / 缩量 (volume_move) or index days (index_move) only
    threshold_hi_yi: float | None = None
    direction: Direction
    index_move: Literal["up", "down"] | None = None
    volume_move: Literal["up", "down"] | None = None
    longest: Streak | None = None  # the earliest of equally long runs
    longest_ties: list[Streak] = []  # the later runs exactly as long as ``longest``
    current: Streak | None = None  # the run ending on the period's last session; may begin before the period


class PeriodFigures(Compact):
    """One side of a comparison."""

    period: Period
    sum_yi: float
    mean_yi: float
    median_yi: float | None = None  # the median session (中位数比上月变化多少)


class CompareResult(StatsBase):
    """``period`` (the base class field) is the current side ``a``; ``b`` is what it is compared to.

    ``mode='aligned'``: ``b`` is cut to its first ``aligned_sessions`` sessions, k = the sessions ``a`` has so
    far (本周至今 3 个交易日 vs 上周前 3 个交易日; by session count, not calendar day, so both sides hold the
    same number of sessions even across holidays). ``b.period`` is then a ``range`` period over exactly those
    sessions, its label saying "前k个交易日". When ``b`` has fewer sessions than k it is used whole (a note).
    """

    measure: Literal["compare"] = "compare"
    mode: CompareMode = "full"
    aligned_sessions: int | None = None  # aligned: the k sessions compared on each side
    a: PeriodFigures
    b: PeriodFigures
    sum_diff_yi: float  # a - b
    sum_diff_pct: float | None = None  # (a - b) / b * 100
    mean_diff_yi: float
    mean_diff_pct: float | None = None
    median_diff_yi: float | None = None  # a's median session - b's, from the unrounded 元
    median_diff_pct: float | None = None
    notes: list[str] = []  # different session counts, a partial side: say which figure is fair


class PercentileResult(StatsBase):
    """Where an amount (``value_yi`` asked) or a day's figure (``day``) stands among the period's sessions."""

    measure: Literal["percentile"] = "percentile"
    value_yi: float  # the amount placed (the day's figure when a date was asked)
    day: StatDay | None = None  # the day asked (None when an amount was asked)
    rank: int  # 1 + sessions strictly above the value; 1 = as high as the period's highest
    out_of: int  # the period's sessions
    at_or_below: int  # sessions with a figure <= the value (the day itself included)
    percentile: float  # at_or_below / out_of * 100, two decimals: "higher than or equal to x% of sessions"
    above: list[StatDay] = []  # up to NEAREST_DAYS sessions just above the value, the closest first
    below: list[StatDay] = []  # up to NEAREST_DAYS sessions just below the value, the closest first
    max_day: StatDay  # the period's highest and lowest sessions, for scale
    min_day: StatDay
    median_yi: float


class DayRow(Compact):
    """One session with the three figures, 亿元; ``change_yi``: the query part against the session before."""

    date: date
    total_yi: float
    sh_yi: float
    sz_yi: float
    change_yi: float | None = None  # part's figure minus the previous stored session's (None for the first ever)


class MissingDay(Compact):
    date: date
    reason: str  # closed (holiday/weekend) or not in the local data, in the settings' language


class DaysResult(StatsBase):
    """Each session of the period (or each day of ``dates``), oldest first; sums are over the whole period.

    With ``dates`` the query's period is not used: ``period`` is the range from the first to the last named day
    (kind ``range``; kind ``day`` for a single named day) and ``sessions`` counts the named days that have a
    session. NoDataError when none of them has one.
    """

    measure: Literal["days"] = "days"
    named_dates: bool = False  # the rows are the query's ``dates``, not every session of a period
    rows: list[DayRow]
    sessions: int  # sessions in the period (or named days found)
    omitted: int = 0  # sessions left out by the MAX_DAY_ROWS cap (the earliest ones)
    sum_total_yi: float  # over every session of the period (or named day), not only the rows shown
    mean_total_yi: float | None = None  # the daily mean of the same, from the unrounded amounts
    sum_sh_yi: float
    sum_sz_yi: float
    missing: list[MissingDay] = []  # named days with no session, and why


class GroupFigures(Compact):
    """One group (a week, month, quarter, half or year) of the period's sessions."""

    key: str  # period spec of the group: "2025-03", "2025Q1", "2025H1", "2025", "2025-W10"
    label: str  # for people, in the settings' language
    first_session: date
    last_session: date
    sessions: int
    sum_yi: float
    mean_yi: float
    rank: int  # by the query's rank_by over all groups, 1 = highest
    partial: bool = False  # the group is cut by the period's bounds, the clock or the end of the data


class GroupResult(StatsBase):
    """Groups in calendar order (at most MAX_GROUP_ROWS, the latest); best/worst over every group."""

    measure: Literal["group"] = "group"
    group_by: GroupBy
    rank_by: RankBy
    groups: list[GroupFigures]
    group_count: int  # every group of the period
    omitted: int = 0  # earliest groups left out of ``groups`` by the cap
    best: GroupFigures
    worst: GroupFigures
    notes: list[str] = []  # partial groups (rank them by mean for a fair comparison) etc.


StatsResult = Annotated[
    SummaryResult
    | TopResult
    | CountResult
    | RankResult
    | FirstLastResult
    | StreakResult
    | CompareResult
    | PercentileResult
    | DaysResult
    | GroupResult,
    Field(discriminator="measure"),
]
