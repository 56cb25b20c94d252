"""Test helpers for crossing alerts: a scripted intraday feed and a clock the test moves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from agent.intraday_feed import AlertCrossing, SessionCrossings
from tests.bot.harness import tiny_png

SH = ZoneInfo("Asia/Shanghai")


class Clock:
    """A wall clock in exchange time that only the test moves."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, hh: int, mm: int, ss: int = 5) -> datetime:
        self.now = self.now.replace(hour=hh, minute=mm, second=ss)
        return self.now


class ScriptedFeed:
    """Implements bot.deps.IntradayFeed with crossings the test lists; records calls."""

    def __init__(self, clock: Clock, trading_days: set[date] | None = None) -> None:
        self.clock = clock
        self.trading_days = trading_days
        self.crossing_list: list[AlertCrossing] = []
        self.fail_refresh: Exception | None = None
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def now(self) -> datetime:
        return self.clock()

    async def is_trading_day(self, day: date) -> bool:
        return day.weekday() < 5 if self.trading_days is None else day in self.trading_days

    async def refresh(self) -> None:
        self.calls.append(("refresh", ()))
        if self.fail_refresh is not None:
            raise self.fail_refresh

    async def crossings(self, session: date, thresholds_yi: Sequence[float]) -> SessionCrossings:
        self.calls.append(("crossings", (session, tuple(thresholds_yi))))
        now = self.clock()
        seen = [c for c in self.crossing_list if c.at <= now and c.threshold_yi in thresholds_yi]
        return SessionCrossings(session, seen)

    async def chart_png(self, session: date | None = None) -> bytes:
        self.calls.append(("chart_png", (session,)))
        return tiny_png()
