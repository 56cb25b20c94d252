"""Result types of intraday (minute-bar) 两市成交额.

A session has 241 one-minute bars: 09:30 (holding the opening auction),
09:31..11:30, then 13:01..15:00. Bars carry the amount traded in that minute
(元, not cumulative); every figure here is a cumulative sum of bars up to a
minute T, computed in 元 and reported in 亿元 (``*_yi``), rounded once.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.daily.models import Compact

Day = date  # for annotations inside models that have a field named ``date``
Direction = Literal["up", "down", "flat"]  # 放量 / 缩量 / 持平 against the same minute of the comparison
MarketState = Literal["pre_open", "open", "lunch", "closed", "non_trading_day"]

ESTIMATE_METHOD = "share_of_day"
ESTIMATE_METHOD_TEXT = {
    "zh": "按截至此刻的累计成交额 ÷ 近{n}个交易日在同一时刻已完成全天成交额的平均比例估算",
    "en": "cumulative turnover at this minute ÷ the mean share of the full day reached by this minute "
    "over the last {n} sessions",
}


class MinuteBar(BaseModel):
    """One stored minute of one session: the amounts traded in that minute (元)."""

    model_config = ConfigDict(frozen=True)

    day: date
    minute: time  # bar end time, Asia/Shanghai (09:30 .. 11:30, 13:01 .. 15:00)
    sh_yuan: float
    sz_yuan: float
    source: str
    fetched_at: datetime

    @property
    def total_yuan(self) -> float:
        return self.sh_yuan + self.sz_yuan


class RefreshResult(Compact):
    """What one refresh from the live minute source did."""

    requested_at: datetime  # the clock at the refresh (Asia/Shanghai)
    ok: bool  # both indexes answered and every complete bar was stored
    requests: int  # HTTP requests sent (2 when nothing was retried)
    sessions: list[date] = []  # sessions the answer covered
    bars_written: int = 0  # new or changed minute bars stored
    bars_unchanged: int = 0
    latest_bar: datetime | None = None  # the newest stored bar after the refresh
    new_bar: bool = False  # the newest bar is newer than before the refresh (alerts run on this)
    source: str = ""
    errors: list[str] = []


class SameTime(Compact):
    """A comparison of cumulative turnover at the same minute T (亿元)."""

    basis: Literal["prev_session", "mean"]
    dates: list[date]  # the session compared with, or the sessions averaged
    total_yi: float  # their cumulative (or mean cumulative) at T
    sh_yi: float
    sz_yi: float
    diff_yi: float  # this session minus them
    diff_pct: float | None
    direction: Direction


class Crossing(Compact):
    """The first minute a session's cumulative turnover reached a threshold."""

    threshold_yi: float
    at: time
    total_yi: float  # cumulative at that minute
    prev_date: date | None = None
    prev_same_time_yi: float | None = None  # the previous session's cumulative at the same minute
    diff_yi: float | None = None
    diff_pct: float | None = None
    prev_crossed_at: time | None = None  # when the previous session reached the same line (None: it did not)
    # The most recent earlier stored session that reached the line at or before this minute;
    # None with earliest_in_store=True means no stored session did ("the earliest since <history_from>").
    earlier_as_early: date | None = None
    earlier_as_early_at: time | None = None
    earliest_in_store: bool = False
    history_from: date | None = None  # the first stored session compared


class Estimate(Compact):
    """Full-day estimate at T (亿元), never a certainty: its backtested error is given as a range."""

    method: str = ESTIMATE_METHOD
    method_text: str  # the method in words, in the report's language
    total_yi: float
    window: int  # N sessions asked for
    sessions_used: int  # N actually available (fewer means a wider, less reliable range)
    mean_share_pct: float  # mean share of the day reached by T over those sessions
    backtest_sessions: int  # stored past sessions the error was measured on
    error_p10_pct: float | None = None  # relative error (estimate - actual) / actual, 10th percentile, %
    error_p90_pct: float | None = None
    low_yi: float | None = None  # the estimate corrected by the p90 / p10 errors
    high_yi: float | None = None
    note: str | None = None  # e.g. too few sessions; the range is wide


class Reconciliation(Compact):
    """After the close: the sum of minute bars against the stored daily total."""

    minutes_total_yi: float
    daily_total_yi: float
    daily_source: str
    diff_yi: float  # minutes - daily
    diff_pct: float


class IntradayReport(Compact):
    """Cumulative 两市成交额 of one session as of a minute T. Amounts in 亿元."""

    unit: str = "亿元"
    date: Day
    at: time  # T used: the latest minute with data at or before the asked minute
    requested_date: Day | None = None
    requested_at: time | None = None
    note: str | None = None  # said first: why the moment asked is not the moment shown (closed, no data yet, ...)
    market_state: MarketState  # at the clock's now
    live: bool  # this is today's session and it is in progress
    session_complete: bool  # the session has its 15:00 bar
    bars: int  # bars stored up to T
    missing_minutes: int = 0  # expected minutes up to T with no bar (the cumulative is short by them)
    total_yi: float
    # The unrounded cumulative (元), for figures derived from it; not part of the report's dump.
    total_yuan: float = Field(exclude=True)
    sh_yi: float
    sz_yi: float
    prev: SameTime | None = None  # the previous stored session at the same minute
    mean: SameTime | None = None  # the mean of the last N (5) stored sessions at the same minute
    crossings: list[Crossing] = []  # thresholds reached by T, in order
    next_threshold_yi: float | None = None
    estimate: Estimate | None = None  # None once the day is complete at T (the total is known)
    day_total_yi: float | None = None  # sum of all bars, for a complete session
    reconciliation: Reconciliation | None = None
    source: str
    as_of: datetime  # when the newest bar used was fetched
    stale: bool = False
    freshness_note: str | None = None


class IntradayCurves(Compact):
    """Cumulative curves for the intraday chart (亿元 per minute, aligned to ``minutes``)."""

    date: Day
    at: time
    minutes: list[time]  # the 241 bar times of a session
    today_yi: list[float | None]  # None after T or where no bar exists yet
    prev_date: Day | None = None
    prev_yi: list[float | None] = []
    mean_dates: list[Day] = []
    mean_yi: list[float | None] = []
    thresholds_yi: list[float] = []
    latest_yi: float
    source: str = ""
    crossed: list[tuple[float, time]] = []  # (threshold 亿元, minute first reached) up to ``at``
