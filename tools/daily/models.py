"""Result types of the market data layer.

Amounts are stored in 元 (``*_yuan``) and reported in 亿元 (``*_yi``, 1 亿元 =
1e8 元); every report names its unit, date, source and as-of time so a figure
never travels without them. ``to_json()`` is the compact form the agent's tools
return verbatim.
"""

from __future__ import annotations

import datetime as dt  # in a class with a field named `date`, later fields spell the type dt.date
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

YI = 1e8  # 元 per 亿元
WAN_YI = 1e12  # 元 per 万亿元


def yuan_to_yi(value: float) -> float:
    return round(value / YI, 1)


def change_pct(new: float, old: float) -> float | None:
    """(new - old) / old in %, rounded to 0.01; None without a positive base. Pass unrounded 元."""
    return round((new - old) / old * 100, 2) if old > 0 else None


class Compact(BaseModel):
    model_config = ConfigDict(frozen=True)

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=True)


SZ_INDEX_NAMES = {"sz399001": "深证成指", "sz399106": "深证综指"}


class DailyTurnover(Compact):
    """One stored trading day. SH = 上证指数 sh000001, SZ = whole Shenzhen market (深证综指 sz399106)."""

    date: date
    sh_yuan: float
    sz_yuan: float
    bj_yuan: float | None = None  # Beijing exchange, when a source gives it (沪深京三市)
    source: str
    fetched_at: datetime
    # Index moves of the day (points and % on the previous close), when the source gives them. The Shenzhen index
    # differs by source: the bundled history has 深证成指 sz399001, the live kline 深证综指 sz399106 (the request
    # that gives the whole-market amount), so ``sz_index`` names it.
    sh_close: float | None = None
    sh_change_pct: float | None = None
    sz_close: float | None = None
    sz_change_pct: float | None = None
    sz_index: str | None = None

    @property
    def total_yuan(self) -> float:
        return self.sh_yuan + self.sz_yuan


class ThresholdStatus(Compact):
    """Where the day stands against one threshold line (亿元)."""

    threshold_yi: float
    above: bool
    crossed_up: bool  # above today, below the previous session
    crossed_down: bool  # below today, above the previous session
    streak_days: int  # consecutive sessions above, ending today (0 when below)
    first_above_since: date | None = None  # when crossed_up: the last earlier session above the line
    days_since_last_above: int | None = None  # sessions between that day and today


class RecordInfo(Compact):
    is_record: bool  # the highest total to date (inclusive of this day)
    record_date: date
    record_total_yi: float


class TurnoverReport(Compact):
    """Analytics for one trading day. All amounts in 亿元."""

    unit: str = "亿元"
    date: date
    requested_date: dt.date | None = None
    date_note: str | None = None  # e.g. "2025-10-01 休市（国庆），取最近交易日 2025-09-30"
    total_yi: float
    sh_yi: float
    sz_yi: float
    bj_yi: float | None = None
    total_with_bj_yi: float | None = None
    # Each market's share of the two-market total (沪市/深市 ÷ 两市合计), %, from the unrounded 元 amounts.
    sh_share_pct: float | None = None
    sz_share_pct: float | None = None
    # The day's index moves (points; % on the previous close), when stored: 上证指数, and the Shenzhen index the
    # source gives (sz_index_name: 深证成指 in the bundled history, 深证综指 from the live kline).
    sh_close: float | None = None
    sh_change_pct: float | None = None
    sz_index_name: str | None = None
    sz_close: float | None = None
    sz_change_pct: float | None = None
    prev_date: dt.date | None = None
    prev_total_yi: float | None = None
    change_yi: float | None = None
    change_pct: float | None = None
    avg5_yi: float | None = None  # mean of the 5 sessions before this day
    avg20_yi: float | None = None
    vs_avg5_pct: float | None = None
    vs_avg20_pct: float | None = None
    percentile_1y: float | None = None  # share of the past 250 sessions with a lower total, 0-100
    thresholds: list[ThresholdStatus] = []
    record: RecordInfo | None = None
    source: str
    as_of: datetime  # when the figure was fetched (snapshot build time for bundled data)
    latest_date: dt.date | None = None  # latest day in the store
    stale: bool = False
    freshness_note: str | None = None


class RangeDay(Compact):
    date: date
    total_yi: float
    sh_yi: float
    sz_yi: float
    change_yi: float | None = None
    sh_close: float | None = None  # 上证指数 close (points), when stored: the 量价图's price line


class RangeReport(Compact):
    """A window of N sessions ending on ``end``. Amounts in 亿元."""

    unit: str = "亿元"
    start: date
    end: date
    days: list[RangeDay]
    mean_yi: float
    max_day: date
    max_yi: float
    min_day: date
    min_yi: float
    days_above: dict[str, int] = {}  # threshold (亿元, as text) -> sessions above it in the window
    source: str
    as_of: datetime
    stale: bool = False
    freshness_note: str | None = None


class Comparison(Compact):
    unit: str = "亿元"
    a: TurnoverReport
    b: TurnoverReport
    diff_yi: float  # b - a
    diff_pct: float


class SectorFlow(Compact):
    name: str
    turnover_yi: float | None = None
    net_inflow_yi: float | None = None
    change_pct: float | None = None


class MarketContext(Compact):
    """Sectors and northbound flow for a day; ``available`` is false where the source had nothing."""

    date: date
    available: bool
    sectors: list[SectorFlow] = []
    northbound_net_yi: float | None = None
    notes: list[str] = []
    source: str | None = None
    as_of: datetime | None = None


class IntradayTurnover(Compact):
    """两市成交额 so far in a session (from the stored minute bars), with the previous full session."""

    unit: str = "亿元"
    date: date
    as_of: datetime
    total_yi: float
    sh_yi: float
    sz_yi: float
    prev_date: dt.date | None = None
    prev_total_yi: float | None = None  # the previous session's full-day total
    share_of_prev_pct: float | None = None  # total so far as % of the previous full day
    prev_same_time_yi: float | None = None  # the previous session's cumulative at the same minute (minute bars)
    same_time_diff_yi: float | None = None  # this session minus that
    same_time_diff_pct: float | None = None
    source: str
