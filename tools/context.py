"""Market context for a day: top industries by main-force net inflow and northbound flow.

These Eastmoney endpoints only have "now" (no history), so context exists only
for the latest session and only when live fetching is on; otherwise the result
says so honestly. Successes are cached in memory for a short time; failures
are never cached and never raised.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime
from datetime import time as clock_time
from typing import Any

from tools.calendar import TradingCalendar, to_local
from tools.daily.models import MarketContext
from tools.errors import MarketDataError
from tools.sources.router import SourceRouter

CACHE_TTL_S = 120.0
OPEN = clock_time(9, 15)
TOP_SECTORS = 5
_cache: dict[date, tuple[float, MarketContext]] = {}
_cache_lock = threading.Lock()


def _unavailable(day: date, *notes: str) -> MarketContext:
    return MarketContext(date=day, available=False, notes=list(notes))


def market_context(
    day: date,
    settings: Any,
    *,
    now: datetime | None = None,
    router: SourceRouter | None = None,
    calendar: TradingCalendar | None = None,
) -> MarketContext:
    now = now or datetime.now(settings.zone)
    if not settings.auto_fetch:
        return _unavailable(
            day,
            "实时数据未开启，无法提供板块与北向资金数据",
            "Live data is off (auto_fetch); sector and northbound flows are not available.",
        )
    # Only "is this today's session?" is asked here: the bundled rule suffices, never fetch a calendar.
    calendar = calendar or TradingCalendar.load(settings.model_copy(update={"auto_fetch": False}))
    local = to_local(now, settings.zone)
    current = calendar.resolve(local.date()).day  # today's session, live or closed
    if current == local.date() and local.time() < OPEN:
        current = calendar.previous(current)  # before the open the endpoints still show the last session
    if day != current:
        return _unavailable(
            day,
            f"板块与北向资金数据只有实时接口，无法提供 {day.isoformat()} 的历史数据",
            f"Sector and northbound flows come from real-time endpoints only; no history for {day.isoformat()}.",
        )
    with _cache_lock:
        hit = _cache.get(day)
        if hit and time.monotonic() - hit[0] < CACHE_TTL_S:
            return hit[1]
    router = router or SourceRouter(settings)
    notes: list[str] = []
    sectors = []
    northbound = None
    failed = False  # a failing source is retried next time: only complete answers are cached
    try:
        sectors = router.sector_flows(TOP_SECTORS)
    except MarketDataError as exc:
        failed = True
        notes.append(f"行业资金流暂不可用 / industry fund flows unavailable: {exc}")
    try:
        north_day, northbound = router.northbound()
        if northbound is None:
            notes.append(
                "北向资金自2024年起不再实时公布净流入 / northbound net flow is no longer published in real time"
            )
        elif north_day is not None and north_day != day:
            notes.append(
                f"北向资金数据日期为 {north_day.isoformat()} / northbound figures are for {north_day.isoformat()}"
            )
            northbound = None
    except MarketDataError as exc:
        failed = True
        notes.append(f"北向资金暂不可用 / northbound flow unavailable: {exc}")
    available = bool(sectors) or northbound is not None
    result = MarketContext(
        date=day,
        available=available,
        sectors=sectors,
        northbound_net_yi=northbound,
        notes=notes,
        source="eastmoney:fund-flow+hsgt" if available else None,
        as_of=local,
    )
    if available and not failed:
        with _cache_lock:
            _cache[day] = (time.monotonic(), result)
    return result


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
