"""IntradayData: the facade for minute-bar 两市成交额 (refresh, reports at a minute T, crossings, chart).

``MarketData.intraday`` returns one of these sharing its settings and clock;
the bot's alert job calls :meth:`refresh` then :meth:`new_crossings`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from config import Settings
from tools.intraday_models import Crossing, IntradayCurves, IntradayReport, RefreshResult


class IntradayData:
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime] | None = None,
        runner: Any = None,  # a tools.resilience.SourceRunner shared across refreshes (its breakers persist)
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._runner = runner

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(self.settings.zone)

    def refresh(self, now: datetime | None = None) -> RefreshResult:
        """Fetch the last 5 sessions' minute bars (2 requests) and store every complete bar; never raises for
        a failing source (``ok=False`` with ``errors``)."""
        raise NotImplementedError

    def report(self, day: date | None = None, at: time | None = None) -> IntradayReport:
        """Cumulative turnover of ``day`` (None: the current or latest session) as of ``at`` (None: its latest
        minute). Raises NoDataError (no minute data for that session) or InvalidDateError."""
        raise NotImplementedError

    def crossings(self, day: date, thresholds_yi: Sequence[float] | None = None) -> list[Crossing]:
        """Every threshold ``day`` reached so far, in order (default thresholds from settings)."""
        raise NotImplementedError

    def new_crossings(
        self, day: date, thresholds_yi: Sequence[float] | None = None, since: time | None = None
    ) -> list[Crossing]:
        """Crossings of ``day`` whose minute is after ``since`` (None: all of them)."""
        raise NotImplementedError

    def sessions(self) -> list[date]:
        """Sessions with stored minute bars, oldest first."""
        raise NotImplementedError

    def curves(self, day: date | None = None, at: time | None = None) -> IntradayCurves:
        """The cumulative curves the chart draws."""
        raise NotImplementedError

    def chart(
        self,
        day: date | None = None,
        at: time | None = None,
        *,
        size: tuple[int, int] = (1200, 675),
        path: Path | None = None,
    ) -> bytes:
        """PNG bytes of the intraday chart (tools.intraday_chart.render_intraday_chart)."""
        raise NotImplementedError
