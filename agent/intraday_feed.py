"""What the bot's crossing alerts need from the intraday data, in one object.

The bot's alert job calls ``refresh()`` once per tick during sessions, then
``crossings()`` for the thresholds its chats asked for, and ``chart_png()``
when a chat wants the chart with its flash. Figures come from the intraday
analytics in tools/ and stay in 元 (unrounded); the bot rounds them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Crossing:
    """The first minute of a session whose cumulative turnover reached ``threshold_yuan``."""

    threshold_yuan: float
    at: datetime  # the minute bar (aware, exchange time) that reached the threshold
    cumulative_yuan: float  # 沪深两市 cumulative turnover at ``at``
    previous_session: date | None = None
    previous_same_time_yuan: float | None = None  # the previous session's cumulative at the same minute
    estimate_yuan: float | None = None  # full-day estimate as of ``at``
    estimate_low_yuan: float | None = None  # the backtested error range around it
    estimate_high_yuan: float | None = None
    estimate_method: str | None = None  # short name of the method, for the reader

    @property
    def difference_yuan(self) -> float | None:
        if self.previous_same_time_yuan is None:
            return None
        return self.cumulative_yuan - self.previous_same_time_yuan


@dataclass(frozen=True)
class SessionCrossings:
    """A session's crossings of the requested thresholds, as far as the stored minutes go."""

    session: date
    latest: datetime | None  # the latest minute with data (None: no minute of this session yet)
    crossings: list[Crossing] = field(default_factory=list)
