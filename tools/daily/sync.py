"""Incremental store update: fetch only the sessions the store is missing.

One range request per index covers every missing session (2 HTTP requests for
any range); when the primary fails, the most recent missing days are fetched
one by one from the exchanges. Only complete rows are written; a failed, empty
or partial fetch writes nothing, so it is retried next time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tools.calendar import TradingCalendar
from tools.daily.models import DailyTurnover
from tools.errors import InvalidDateError, MarketDataError, NoDataError, SourceError, one_line
from tools.sources.router import SourceRouter

log = logging.getLogger(__name__)

GAP_LOOKBACK_DAYS = 366  # known gaps are looked for only in the last year of the store
MAX_FALLBACK_DAYS = 10  # per-day fallback costs 2 requests a day; keep an outage cheap


@dataclass
class UpdateResult:
    start: date | None
    end: date | None
    written: int = 0
    requests: int = 0
    sources: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def missing_sessions(store: Any, calendar: TradingCalendar, end: date) -> list[date]:
    """Sessions after the store's last date up to ``end``, plus gaps in its last year."""
    last = store.last_date()
    have = store.dates()
    if last is None:
        return calendar.sessions(end - timedelta(days=GAP_LOOKBACK_DAYS), end)
    gap_start = max(last - timedelta(days=GAP_LOOKBACK_DAYS), store.first_date() or last)
    # The store's own dates can't reveal its gaps; only an independent calendar can.
    gaps = [d for d in calendar.sessions(gap_start, last) if d not in have] if calendar.source == "sina" else []
    return gaps + calendar.sessions(last + timedelta(days=1), end)


def update_store(
    store: Any,
    settings: Any,
    *,
    calendar: TradingCalendar | None = None,
    end: date | None = None,
    router: SourceRouter | None = None,
    now: datetime | None = None,
) -> UpdateResult:
    """Bring the store up to ``end`` (default: the latest session closed at ``now``).

    Never raises for source failures."""
    calendar = calendar or TradingCalendar.load(settings, store)
    router = router or SourceRouter(settings)
    latest = calendar.latest_session(now or datetime.now(settings.zone))
    end = min(end or latest, latest)
    missing = missing_sessions(store, calendar, end)
    requests_before = router.requests_made
    if not missing:
        return UpdateResult(start=None, end=end)
    result = UpdateResult(start=missing[0], end=missing[-1])
    wanted = set(missing)
    rows: list[DailyTurnover] = []
    try:
        # One session earlier in the same request, so the first missing day gets its index % change too.
        rows = [r for r in router.daily_range(_session_before(calendar, missing[0]), missing[-1]) if r.date in wanted]
        result.sources.append(rows[0].source if rows else "eastmoney")
    except NoDataError as exc:
        log.info("primary has nothing for %s .. %s: %s", missing[0], missing[-1], exc)
    except SourceError as exc:
        result.errors.append(one_line(exc))
    still_missing = sorted(wanted - {r.date for r in rows})
    if still_missing:
        rows += _fallback(router, still_missing, result)
    result.written = store.upsert(rows)
    result.requests = router.requests_made - requests_before
    return result


def _session_before(calendar: TradingCalendar, day: date) -> date:
    try:
        return calendar.previous(day)
    except InvalidDateError:
        return day


def _fallback(router: SourceRouter, days: list[date], result: UpdateResult) -> list[DailyTurnover]:
    """Fetch the most recent missing days one by one from the exchanges."""
    recent = days[-MAX_FALLBACK_DAYS:]
    if len(days) > len(recent):
        result.errors.append(
            f"{len(days) - len(recent)} older missing sessions ({days[0]} .. {days[-len(recent) - 1]}) "
            "were not fetched; run the update again when the primary source is back"
        )
    rows: list[DailyTurnover] = []
    for day in recent:
        try:
            rows.append(router.exchange_daily(day))
        except NoDataError:
            result.errors.append(f"{day}: no source has turnover for this session yet")
        except MarketDataError as exc:
            result.errors.append(f"{day}: {one_line(exc)}")
    if rows and rows[0].source not in result.sources:
        result.sources.append(rows[0].source)
    return rows
