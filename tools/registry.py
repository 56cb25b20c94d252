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


StoreKey = tuple[Path, str | None]  # (data_dir, the shared database's URL or None for SQLite)
_daily: dict[StoreKey, DailyHandles] = {}
_minute: dict[StoreKey, MinuteHandles] = {}
_lock = threading.Lock()


def store_key(settings: Settings) -> StoreKey:
    """What selects a process's market stores: the data dir, and the shared database when one is set."""
    url = settings.database_url.get_secret_value() if settings.database_url is not None else None
    return Path(settings.data_dir).resolve(), url


def daily_handles(settings: Settings) -> DailyHandles:
    key = store_key(settings)
    with _lock:
        handles = _daily.get(key)
        if handles is None:
            store = TurnoverStore.from_settings(settings)
            handles = _daily[key] = DailyHandles(store=store, calendar=TradingCalendar.load(settings, store))
        return handles


def minute_handles(settings: Settings) -> MinuteHandles:
    key = store_key(settings)
    with _lock:
        handles = _minute.get(key)
        if handles is None:
            from tools.intraday.store import MinuteStore
            from tools.resilience import SourceRunner

            store = MinuteStore.from_settings(settings)
            handles = _minute[key] = MinuteHandles(store, SourceRunner.from_settings(settings))
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
