"""Typed results of board (sector) turnover analytics; amounts in 亿元, computed from 元 and rounded once.

Boards overlap (a stock sits in several industries and concepts), so board
amounts never add up to the market; a board's share of 两市成交额 is a share
of a total it overlaps with other boards. ``to_json()`` is the compact form
the agent's tool returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from tools.daily.models import Compact

OVERLAP_NOTE = (
    "boards overlap (stocks belong to several boards): board amounts never add up to the market total; "
    "share_of_market_pct is the board's turnover as a share of 两市成交额, overlapping other boards' shares"
)
THEME_NOTE = (
    "theme amount = its largest board with data that day; de-duplicating constituents across the theme's boards "
    "is not possible without constituent lists, which the source does not give per day"
)


class BoardDay(Compact):
    code: str
    name: str
    amount_yi: float
    prev_amount_yi: float | None = None  # the previous session's, when the board has a row that day
    change_yi: float | None = None
    change_pct: float | None = None
    share_of_market_pct: float | None = None  # of 两市成交额 that day; overlaps other boards
    renamed_from: str | None = None  # the name it had on the previous session, when different


class ThemeTotal(Compact):
    theme: str
    method: Literal["largest_board"] = "largest_board"
    amount_yi: float
    board_code: str
    board_name: str
    change_yi: float | None = None  # of that board against the previous session
    change_pct: float | None = None
    boards_with_data: int
    boards_missing: list[str] = []  # names of the theme's boards with no row that day


class RankedIndustry(Compact):
    name: str
    amount_yi: float


class SectorDayReport(Compact):
    """Board turnover for one trading day. Amounts in 亿元."""

    unit: str = "亿元"
    date: dt.date
    requested_date: dt.date | None = None
    date_note: str | None = None
    prev_date: dt.date | None = None
    market_total_yi: float | None = None  # 两市成交额 that day, when stored
    boards_with_data: int
    top: list[BoardDay] = []  # largest turnover first
    gainers: list[BoardDay] = []  # largest increase against the previous session first
    losers: list[BoardDay] = []  # largest decrease first
    themes: list[ThemeTotal] = []
    theme: str | None = None  # when the report was asked for one theme: ``top`` holds its boards
    industry_ranking: list[RankedIndustry] = []  # Tonghuashun's industries that day, when stored
    missing: list[str] = []  # watchlist boards without a row that day, "name (code)"
    overlap_note: str = OVERLAP_NOTE
    theme_note: str = THEME_NOTE
    sources: list[str] = []
    as_of: dt.datetime | None = None  # latest fetch time among the day's rows
    latest_date: dt.date | None = None  # latest day with board data
    stale: bool = False
    freshness_note: str | None = None


class BoardHistory(Compact):
    """One board's own history up to a day (its stored sessions)."""

    unit: str = "亿元"
    code: str
    name: str
    date: dt.date
    amount_yi: float
    sessions: int  # stored sessions up to and including the day
    first_date: dt.date
    record_date: dt.date
    record_yi: float
    is_record: bool
    percentile: float | None = None  # share of earlier stored sessions with a lower amount, 0-100


class BoardPeriod(Compact):
    code: str
    name: str
    total_yi: float
    sessions: int
    avg_yi: float
    prev_avg_yi: float | None = None  # mean over the same number of sessions before the period
    avg_change_pct: float | None = None


class SectorPeriodReport(Compact):
    """Board turnover summed over a window of sessions. Amounts in 亿元."""

    unit: str = "亿元"
    start: dt.date
    end: dt.date
    sessions: int
    boards: list[BoardPeriod] = []  # largest total first
    overlap_note: str = OVERLAP_NOTE
