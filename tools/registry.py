"""The one registry of handles shared per ``data_dir``: opened once, used by every facade, reset in one place.

Opening a store and the calendar costs tens of milliseconds, and the source runners' circuit breakers must
outlive a single question, so ``MarketData`` and ``IntradayData`` take these handles from here instead of
opening their own (and neither facade has to build the other to reach them).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config import Settings
from tools.calendar import TradingCalendar
from tools.daily.analytics import TurnoverSeries
from tools.daily.store import TurnoverStore

if TYPE_CHECKING:  # imported when minute data are first asked for: numpy and requests stay out of a stats answer
    from tools.intraday.store import MinuteStore
    from tools.resilience import SourceRunner


@dataclass
class DailyHandles:
    """Daily store, calendar and the indexed series built from the store's rows."""

    store: TurnoverStore
    calendar: TradingCalendar
    lock: threading.Lock = field(default_factory=threading.Lock)
    rows_ref: list | None = None
    series: TurnoverSeries | None = None
    router: Any = None  # one SourceRouter per data_dir, so its circuit breakers outlive a question

    def current_series(self) -> TurnoverSeries:
        rows = self.store.all()  # the same list object until the next write
        with self.lock:
            if self.series is None or rows is not self.rows_ref:
                self.series = TurnoverSeries.build(rows)
                self.rows_ref = rows
            return self.series


@dataclass
class MinuteHandles:
    """Minute-bar store and the runner (with its breakers) of the minute-bar source."""

    store: MinuteStore
    runner: SourceRunner


_daily: dict[Path, DailyHandles] = {}
_minute: dict[Path, MinuteHandles] = {}
_lock = threading.Lock()


def _key(settings: Settings) -> Path:
    return Path(settings.data_dir).resolve()


def daily_handles(settings: Settings) -> DailyHandles:
    key = _key(settings)
    with _lock:
        handles = _daily.get(key)
        if handles is None:
            store = TurnoverStore.open(key)
            handles = _daily[key] = DailyHandles(store=store, calendar=TradingCalendar.load(settings, store))
        return handles


def minute_handles(settings: Settings) -> MinuteHandles:
    key = _key(settings)
    with _lock:
        handles = _minute.get(key)
        if handles is None:
            from tools.intraday.store import MinuteStore
            from tools.resilience import SourceRunner

            handles = _minute[key] = MinuteHandles(MinuteStore.open(key), SourceRunner.from_settings(settings))
        return handles


def reset_shared() -> None:
    """Close and forget every shared handle (tests, or after replacing data_dir contents)."""
    with _lock:
        for daily in _daily.values():
            daily.store.close()
        for minute in _minute.values():
            minute.store.close()
        _daily.clear()
        _minute.clear()
