"""What the bot's crossing alerts and intraday chart need from the minute data, in one object.

The bot's alert job calls ``refresh()`` once per tick during sessions, then
``crossings()`` for the thresholds its chats asked for, and ``chart_png()``
when a chat wants the chart. Figures are the intraday analytics' own (tools.
intraday_service, in 亿元, computed from 元 and rounded once); this module only
puts a crossing and the full-day estimate as of its minute side by side.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from config import Settings


@dataclass(frozen=True)
class AlertCrossing:
    """The first minute of a session whose cumulative turnover reached ``threshold_yi``, with what a flash says."""

    threshold_yi: float
    at: datetime  # the minute bar that reached the threshold (aware, exchange time)
    total_yi: float  # 沪深两市 cumulative turnover at ``at``
    prev_date: date | None = None
    prev_same_time_yi: float | None = None  # the previous session's cumulative at the same minute
    diff_yi: float | None = None
    diff_pct: float | None = None
    estimate_yi: float | None = None  # full-day estimate as of ``at``
    estimate_low_yi: float | None = None  # its backtested error range
    estimate_high_yi: float | None = None
    estimate_sessions: int | None = None  # sessions the estimate's day shares were averaged over


@dataclass(frozen=True)
class SessionCrossings:
    """A session's crossings of the requested thresholds, as far as the stored minutes go."""

    session: date
    crossings: list[AlertCrossing] = field(default_factory=list)


class RefreshFailed(RuntimeError):
    """The minute source did not answer completely; nothing may be alerted from this refresh."""


class IntradayFeed:
    """Over tools' IntradayData for ``settings.data_dir``; blocking work runs in worker threads.

    ``refresh`` replaces the live refresh (tests feed minute bars through the CSV import instead);
    it returns an object with ``ok`` and ``errors`` like tools.intraday.models.RefreshResult.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime] | None = None,
        refresh: Callable[[datetime], Any] | None = None,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._refresh = refresh
        self._market: Any = None
        self._data: Any = None
        self._open_lock = threading.Lock()

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(self.settings.zone)

    def _opened(self) -> tuple[Any, Any]:
        with self._open_lock:
            if self._market is None:
                from tools.service import MarketData

                self._market = MarketData(self.settings, clock=self.now)
                self._data = self._market.intraday_data()
            return self._market, self._data

    async def is_trading_day(self, day: date) -> bool:
        return await asyncio.to_thread(lambda: self._opened()[0].calendar.is_trading_day(day))

    async def refresh(self) -> None:
        def run() -> Any:
            now = self.now()
            if self._refresh is not None:
                return self._refresh(now)
            return self._opened()[1].refresh(now)

        result = await asyncio.to_thread(run)
        if not result.ok:
            raise RefreshFailed("; ".join(result.errors) or "minute source failed")

    async def crossings(self, session: date, thresholds_yi: Sequence[float]) -> SessionCrossings:
        return await asyncio.to_thread(self._crossings, session, list(thresholds_yi))

    def _crossings(self, session: date, thresholds_yi: list[float]) -> SessionCrossings:
        from tools.errors import NoDataError

        data = self._opened()[1]
        try:
            found = data.crossings(session, thresholds_yi)
        except NoDataError:  # no minute of this session stored yet
            return SessionCrossings(session)
        return SessionCrossings(session, [self._with_estimate(data, session, c) for c in found])

    def _with_estimate(self, data: Any, session: date, crossing: Any) -> AlertCrossing:
        estimate = data.report(session, crossing.at).estimate  # as of the crossing's minute
        # The source also serves the bar still forming (labelled with the minute it ends): a crossing seen
        # in it happened by now, not at that later label.
        now = self.now().replace(second=0, microsecond=0)
        return AlertCrossing(
            threshold_yi=crossing.threshold_yi,
            at=min(_at(session, crossing.at, self.settings.zone), now),
            total_yi=crossing.total_yi,
            prev_date=crossing.prev_date,
            prev_same_time_yi=crossing.prev_same_time_yi,
            diff_yi=crossing.diff_yi,
            diff_pct=crossing.diff_pct,
            estimate_yi=estimate.total_yi if estimate else None,
            estimate_low_yi=estimate.low_yi if estimate else None,
            estimate_high_yi=estimate.high_yi if estimate else None,
            estimate_sessions=estimate.sessions_used if estimate else None,
        )

    async def chart_png(self, session: date | None = None, at: time | None = None) -> bytes:
        """The intraday chart of ``session`` (None: the latest) up to ``at`` (None: its latest minute)."""
        return await asyncio.to_thread(lambda: self._opened()[1].chart(session, at))


def _at(session: date, minute: time, zone: Any) -> datetime:
    return datetime.combine(session, minute, tzinfo=zone)
