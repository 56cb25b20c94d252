"""Test helpers for crossing alerts: a scripted intraday feed and a clock the test moves."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import responses
from responses import matchers

from agent.intraday_feed import AlertCrossing, SessionCrossings
from bot.cli import build_parser, run_handler
from config import Settings
from tests.bot.harness import tiny_png
from tests.tools.intraday_fixtures import SECIDS, TRENDS_URL, Bars, session, trends_payload, write_csv

SH = ZoneInfo("Asia/Shanghai")
PAST = [date(2026, 5, 8), date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13)]
TODAY = date(2026, 5, 14)


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

    async def chart_png(self, session: date | None = None, at: time | None = None) -> bytes:
        self.calls.append(("chart_png", (session, at)))
        return tiny_png()


@functools.cache
def history() -> Bars:
    """Four earlier sessions (shared, read only)."""
    bars: Bars = {}
    for k, day in enumerate(PAST):
        bars.update(session(day, (1.0 + 0.1 * k) * 1e12, tilt=0.05 * (k - 2)))
    return bars


TODAY_BARS = session(TODAY, 1.6e12, tilt=0.05)


def first_minute(bars: Bars, day: date, threshold_yi: float) -> time:
    """By hand: the first bar whose running sum of SH + SZ reaches the line."""
    total = 0.0
    for at in sorted(t for t in bars if t.date() == day):
        total += sum(bars[at])
        if total >= threshold_yi * 1e8:
            return at.time()
    raise AssertionError("never crossed")


def cumulative_yuan(bars: Bars, day: date, minute: time) -> float:
    return sum(sh + sz for at, (sh, sz) in bars.items() if at.date() == day and at.time() <= minute)


class LiveSource:
    """Eastmoney's trends2 answer for both indexes as of the test clock: the last sessions plus today's
    closed bars. Counts requests."""

    def __init__(self, clock: Clock, rsps: responses.RequestsMock) -> None:
        self.clock = clock
        self.requests = 0
        self.failing = False
        for code in SECIDS:
            rsps.add_callback(
                responses.GET,
                TRENDS_URL,
                callback=lambda request, code=code: self.answer(code),
                match=[matchers.query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
            )

    def answer(self, code: str) -> tuple[int, dict[str, str], str]:
        self.requests += 1
        if self.failing:
            return 502, {}, "Bad Gateway"
        now = self.clock().replace(tzinfo=None)
        bars = {**history(), **{at: v for at, v in TODAY_BARS.items() if at <= now}}
        return 200, {"Content-Type": "application/json"}, json.dumps(trends_payload(code, bars))


def import_history(settings: Settings, path: Path) -> None:
    """The earlier sessions through `marketbot data import --kind intraday` (the CLI's own handler)."""
    write_csv(path, history())
    args = build_parser().parse_args(["data", "import", "--kind", "intraday", str(path)])
    assert run_handler(args, settings) == 0
