"""A-share trading calendar: which days are sessions, and what to say about the others.

Sources, most authoritative first: a cached copy of akshare
``tool_trade_date_hist_sina`` in ``data_dir`` (written by :meth:`refresh`), the
store's own dates, and for days after those end a rule: weekdays minus the
exchanges' announced closures bundled in ``tools/data/sse_closures.json``.
No network unless ``settings.auto_fetch`` is on.
"""

from __future__ import annotations

import bisect
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from tools.errors import InvalidDateError

log = logging.getLogger(__name__)

SINA_CACHE_NAME = "trade_calendar_sina.txt"
FIRST_SESSION = date(1990, 12, 19)  # SSE opening day
FIRST_DATA_DAY = date(1991, 4, 3)  # the first day with 两市 turnover: 深证综指 (399106) begins then
MORNING = (time(9, 30), time(11, 30))
AFTERNOON = (time(13, 0), time(15, 0))
CLOSE = time(15, 0)
HOLIDAY_EN = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming Festival",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
}
WEEKDAY_ZH = "一二三四五六日"
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _bundled_closures() -> dict[date, str]:
    raw = resources.files("tools").joinpath("data/sse_closures.json").read_text(encoding="utf-8")
    return {date.fromisoformat(k): v for k, v in json.loads(raw)["closures"].items()}


CLOSURES = _bundled_closures()


@dataclass(frozen=True)
class DateResolution:
    """A requested date and the trading day used for it."""

    requested: date
    day: date
    reason: Literal["weekend", "holiday"] | None = None
    holiday_name: str | None = None

    def note(self, lang: str = "zh") -> str | None:
        if self.day == self.requested:
            return None
        req, day = self.requested.isoformat(), self.day.isoformat()
        if lang == "en":
            if self.reason == "weekend":
                why = f"{req} is a {_WEEKDAY_EN[self.requested.weekday()]}; A-shares do not trade"
            elif self.holiday_name:
                name = HOLIDAY_EN.get(self.holiday_name, self.holiday_name)
                why = f"{req} is a market holiday ({name}); A-shares did not trade"
            else:
                why = f"{req} was not a trading day"
            return f"{why}. Showing the most recent earlier session, {day}."
        if self.reason == "weekend":
            why = f"{req} 是周{WEEKDAY_ZH[self.requested.weekday()]}，A股不交易"
        elif self.holiday_name:
            why = f"{req} 是{self.holiday_name}休市日，A股不交易"
        else:
            why = f"{req} 是休市日，A股不交易"
        return f"{why}；以下为此前最近交易日 {day} 的数据"


def _guess_holiday_name(d: date) -> str | None:
    """Name of a weekday closure outside the bundled table (fixed-date holidays only)."""
    if d in CLOSURES:
        return CLOSURES[d]
    if d.month == 1 and d.day <= 3:
        return "元旦"
    if d.month == 5 and d.day <= 7:
        return "劳动节"
    if d.month == 10 and d.day <= 8:
        return "国庆节"
    return None


def to_local(now: datetime, zone: ZoneInfo) -> datetime:
    """``now`` in the exchange's zone; a naive time is taken to be exchange time already."""
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


def _rule_is_session(d: date) -> bool:
    return d.weekday() < 5 and d not in CLOSURES and d >= FIRST_SESSION


class TradingCalendar:
    """Known sessions through ``covered_through``; the weekday rule after that."""

    def __init__(self, days: Iterable[date], covered_through: date, *, source: str, zone: str = "Asia/Shanghai"):
        self._days = sorted(set(d for d in days if d <= covered_through))
        self.covered_through = covered_through
        self.source = source
        self.zone = ZoneInfo(zone)
        self._horizon = covered_through
        self._lock = threading.Lock()

    # --- construction -------------------------------------------------------
    @classmethod
    def load(cls, settings: Any, store: Any = None) -> TradingCalendar:
        cache = Path(settings.data_dir) / SINA_CACHE_NAME
        sina = read_sina_cache(cache)
        stale = not sina or max(sina).year < datetime.now(settings.zone).year
        if settings.auto_fetch and stale and fetch_sina_calendar(settings):
            sina = read_sina_cache(cache)
        store_days = sorted(store.dates()) if store is not None else []
        if sina:
            end = max(sina)
            extra = [d for d in store_days if d > end]
            return cls([*sina, *extra], max([end, *extra]), source="sina", zone=settings.timezone)
        if store_days:
            return cls(store_days, store_days[-1], source="store", zone=settings.timezone)
        return cls([], FIRST_SESSION - timedelta(days=1), source="rule", zone=settings.timezone)

    def refresh(self, settings: Any) -> bool:
        """Fetch the Sina calendar, cache it in data_dir and adopt it. False on any failure."""
        if not fetch_sina_calendar(settings):
            return False
        sina = read_sina_cache(Path(settings.data_dir) / SINA_CACHE_NAME)
        with self._lock:
            self._days = sorted(sina)
            self.covered_through = self._horizon = max(sina)
            self.source = "sina"
        return True

    # --- queries -------------------------------------------------------------
    def _ensure(self, d: date) -> None:
        """Extend the rule-generated tail so it covers ``d`` (plus slack for next())."""
        if d <= self._horizon:
            return
        with self._lock:
            target = date(d.year + 1, 12, 31)
            day = self._horizon + timedelta(days=1)
            while day <= target:
                if _rule_is_session(day):
                    self._days.append(day)
                day += timedelta(days=1)
            self._horizon = target

    def is_trading_day(self, d: date) -> bool:
        self._ensure(d)
        i = bisect.bisect_left(self._days, d)
        return i < len(self._days) and self._days[i] == d

    def previous(self, d: date) -> date:
        """The last session strictly before ``d``."""
        self._ensure(d)
        i = bisect.bisect_left(self._days, d)
        if i == 0:
            first = self._days[0] if self._days else FIRST_SESSION
            raise InvalidDateError(f"{d.isoformat()} 早于数据起始日 {first.isoformat()}")
        return self._days[i - 1]

    def next(self, d: date) -> date:
        """The first session strictly after ``d``."""
        self._ensure(d + timedelta(days=40))
        i = bisect.bisect_right(self._days, d)
        return self._days[i]

    def resolve(self, d: date) -> DateResolution:
        """The session at or before ``d``, with why it moved."""
        if self.is_trading_day(d):
            return DateResolution(requested=d, day=d)
        day = self.previous(d)
        reason, name = self._why_closed(d)
        return DateResolution(requested=d, day=day, reason=reason, holiday_name=name)

    def _why_closed(self, d: date) -> tuple[Literal["weekend", "holiday"], str | None]:
        if d.weekday() < 5:
            return "holiday", _guess_holiday_name(d)
        # A weekend inside a holiday span (e.g. 国庆) is reported as that holiday.
        friday = d - timedelta(days=d.weekday() - 4)
        monday = friday + timedelta(days=3)
        for neighbour in (friday, monday):
            if not self.is_trading_day(neighbour) and neighbour >= FIRST_SESSION:
                name = _guess_holiday_name(neighbour)
                if name:
                    return "holiday", name
        return "weekend", None

    def sessions(self, start: date, end: date) -> list[date]:
        self._ensure(end)
        lo = bisect.bisect_left(self._days, start)
        hi = bisect.bisect_right(self._days, end)
        return self._days[lo:hi]

    def latest_session(self, now: datetime) -> date:
        """The most recent session whose 15:00 close has passed at ``now``."""
        local = to_local(now, self.zone)
        today = local.date()
        if self.is_trading_day(today) and local.time() >= CLOSE:
            return today
        return self.previous(today)

    def is_trading_hours(self, now: datetime) -> bool:
        local = to_local(now, self.zone)
        if not self.is_trading_day(local.date()):
            return False
        t = local.time()
        return MORNING[0] <= t <= MORNING[1] or AFTERNOON[0] <= t <= AFTERNOON[1]


def read_sina_cache(path: Path) -> list[date]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    days: list[date] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                days.append(date.fromisoformat(line))
            except ValueError:
                log.warning("ignoring bad line in %s: %r", path, line[:40])
    return days


def fetch_sina_calendar(settings: Any, runner: Any = None) -> bool:
    """Fetch ``tool_trade_date_hist_sina`` and write it to data_dir. Never raises."""
    from tools.resilience import SourceRunner

    def call() -> list[date]:
        import akshare as ak

        frame = ak.tool_trade_date_hist_sina()
        return [d if isinstance(d, date) else date.fromisoformat(str(d)[:10]) for d in frame["trade_date"]]

    runner = runner or SourceRunner.from_settings(settings)
    try:
        days = runner.call("sina-calendar", call)
    except Exception as exc:  # noqa: BLE001 - a calendar refresh must never break an answer
        log.warning("trading calendar refresh failed: %s", exc)
        return False
    if len(days) < 1000 or min(days) > date(1991, 1, 1):
        log.warning("trading calendar refresh returned an implausible list (%d days)", len(days))
        return False
    path = Path(settings.data_dir) / SINA_CACHE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        "# akshare tool_trade_date_hist_sina, fetched "
        + datetime.now().isoformat(timespec="seconds")
        + "\n"
        + "\n".join(d.isoformat() for d in sorted(set(days)))
        + "\n",
        encoding="utf-8",
    )
    tmp.replace(path)
    return True
