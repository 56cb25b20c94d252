"""Typed results of the industry analytics; amounts in 亿元, computed from 元 and rounded once.

Tonghuashun's 90 industries partition the market (each stock sits in one, the
Beijing exchange included), so their amounts add up: a day's change splits into
parts that sum to the industries' total change, and shares are of the
industries' total (the whole market). ``to_json()`` is the compact form the
agent's tools return.
"""

from __future__ import annotations

import datetime as dt

from tools.daily.models import Compact

PARTITION_NOTE = (
    "THS industries partition the market (each stock in one industry, Beijing exchange included): parts add up; "
    "shares are of the industries' total, which runs 0.5-2% above 两市成交额 (the Beijing exchange)"
)


class IndustryMove(Compact):
    name: str
    amount_yi: float
    prev_amount_yi: float | None = None
    change_yi: float | None = None  # against the previous session
    change_pct: float | None = None  # of the turnover
    share_of_change_pct: float | None = None  # of the industries' net change that day (parts add up to 100)
    share_of_side_pct: float | None = None  # of the summed increases (or decreases) of all industries
    share_of_turnover_pct: float  # of the industries' total that day
    index_change_pct: float | None = None  # the industry index's own % move
    up_count: int | None = None
    down_count: int | None = None
    stock_count: int | None = None  # stocks in the industry that day


class Breadth(Compact):
    """上涨/下跌家数 summed over the industries."""

    up: int | None = None
    down: int | None = None  # None when the rows have no 下跌家数 (the bundled history)
    stocks: int | None = None  # stocks counted (flat and falling = stocks - up)


class ThemeDay(Compact):
    theme: str
    industries: list[str]
    amount_yi: float
    share_of_turnover_pct: float  # of the industries' total that day
    change_yi: float | None = None
    change_pct: float | None = None  # of its turnover the session before (the industries it had rows for then)
    share_of_change_pct: float | None = None  # of the industries' net change
    missing: list[str] = []  # its industries with no row that day


class IndustryDayReport(Compact):
    """A day's turnover split by industry. Amounts in 亿元."""

    unit: str = "亿元"
    date: dt.date
    requested_date: dt.date | None = None
    date_note: str | None = None
    prev_date: dt.date | None = None  # None: the previous session has no industry rows (no split)
    industries: int  # industries with a row that day
    total_yi: float  # the industries' total
    prev_total_yi: float | None = None
    change_yi: float | None = None  # the industries' net change
    # The net change's two sides (亿元, from unrounded 元): their sum is change_yi (to the rounding).
    gross_increase_yi: float | None = None  # summed over the industries that traded more
    gross_decrease_yi: float | None = None  # summed over those that traded less (negative)
    industries_up: int | None = None  # industries that traded more than the previous session
    industries_down: int | None = None
    market_total_yi: float | None = None  # 两市成交额 that day, when stored
    market_change_yi: float | None = None
    increases: list[IndustryMove] = []  # largest increase first
    decreases: list[IndustryMove] = []  # largest decrease first
    top: list[IndustryMove] = []  # largest turnover first
    breadth: Breadth | None = None
    themes: list[ThemeDay] = []
    notes: list[str] = []
    partition_note: str = PARTITION_NOTE
    source: str
    latest_date: dt.date | None = None  # latest day with industry rows
    stale: bool = False
    freshness_note: str | None = None


class IndustryHistory(Compact):
    """One industry's own record up to a day (its stored sessions)."""

    unit: str = "亿元"
    name: str
    date: dt.date
    amount_yi: float
    share_of_turnover_pct: float
    sessions: int
    first_date: dt.date
    record_date: dt.date
    record_yi: float
    is_record: bool
    percentile: float | None = None  # share of earlier stored sessions with a lower amount, 0-100


class IndustryPeriod(Compact):
    name: str
    total_yi: float
    avg_yi: float
    share_pct: float  # of the industries' total over the period
    prev_avg_yi: float | None = None  # the same number of sessions before the period
    avg_change_pct: float | None = None


class IndustryPeriodReport(Compact):
    """A period's leaders by turnover. Amounts in 亿元."""

    unit: str = "亿元"
    start: dt.date
    end: dt.date
    sessions: int
    total_yi: float
    leaders: list[IndustryPeriod] = []  # largest total first
    risers: list[IndustryPeriod] = []  # largest rise of the daily mean against the sessions before
    partition_note: str = PARTITION_NOTE


class ThemePoint(Compact):
    date: dt.date
    amount_yi: float
    share_pct: float


class ThemeShareReport(Compact):
    """A theme's share of the market over a window of sessions."""

    unit: str = "亿元"
    theme: str
    industries: list[str]
    start: dt.date
    end: dt.date
    sessions: int
    first_share_pct: float
    last_share_pct: float
    mean_share_pct: float
    max_day: ThemePoint
    min_day: ThemePoint
    share_change_pts: float  # last - first, percentage points
    points: list[ThemePoint] = []
    partition_note: str = PARTITION_NOTE


class IndustrySpan(Compact):
    """One industry over a period (the stats API's period spec): its stored sessions summed. Amounts in 亿元."""

    unit: str = "亿元"
    name: str
    industries: list[str] = []  # a theme's industries, summed day by day (empty for one industry)
    spec: str
    start: dt.date  # first and last stored session of the period
    end: dt.date
    sessions: int
    total_yi: float
    mean_yi: float
    total_yuan: float  # unrounded, so a difference of two periods is not off by a rounding
    # 两市成交额 summed over the same sessions (unrounded 元; None when one of them has no 两市 row): its share
    market_total_yuan: float | None = None
    max_date: dt.date
    max_yi: float
    min_date: dt.date
    min_yi: float
