"""Intraday minute-bar analytics at a minute T (target: p50 < 5 ms) and HTTP requests per refresh (target: 2).

Imports ``--sessions`` generated sessions of 241 minute bars through ``marketbot data import --kind
intraday`` into a temporary data dir, then times ``IntradayData(settings).report(day, T)`` -- a new facade
per call, as the agent builds one per question -- at random sessions and minutes (same-time comparisons,
crossings, estimate and its backtest over every stored session). Then runs one refresh against recorded
trends2 payloads (intercepted with ``responses``; akshare's own parser runs) and counts the requests.
No network.

    python benchmarks/bench_intraday.py [--sessions 250] [--calls 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import Settings  # noqa: E402
from tests.tools.intraday_fixtures import SECIDS, TRENDS_URL, session, trends_payload, write_csv  # noqa: E402
from tools.importer import import_file, load_kind  # noqa: E402
from tools.intraday.clock import SESSION_MINUTES  # noqa: E402
from tools.intraday.service import IntradayData  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")


def weekdays(end: date, n: int) -> list[date]:
    days: list[date] = []
    day = end
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, default=250)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(9)
    days = weekdays(date(2026, 7, 31), args.sessions)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), auto_fetch=False)
        bars = [session(d, rng.uniform(0.8e12, 2.8e12), tilt=rng.uniform(-0.1, 0.1)) for d in days]
        path = write_csv(Path(tmp) / "minutes.csv", *bars)
        start = time.perf_counter()
        report = import_file(path, load_kind("intraday"), settings)
        import_s = time.perf_counter() - start
        assert report.ok, report.problems[:3]

        clock_moment = datetime(2026, 8, 3, 10, 0, tzinfo=ZONE)
        start = time.perf_counter()
        IntradayData(settings, clock=lambda: clock_moment).report(days[-1], SESSION_MINUTES[60])
        cold_ms = (time.perf_counter() - start) * 1000
        samples = []
        for _ in range(args.calls):
            day = rng.choice(days[len(days) // 2 :])
            minute = rng.choice(SESSION_MINUTES)
            start = time.perf_counter()
            result = IntradayData(settings, clock=lambda: clock_moment).report(day, minute)
            samples.append((time.perf_counter() - start) * 1000)
            assert result.total_yi > 0

        import responses
        from responses import matchers

        live = days[-5:]
        payload_bars: dict = {}
        for d in live[:-1]:
            payload_bars |= session(d, 2e12)
        payload_bars |= session(live[-1], 2e12, upto=SESSION_MINUTES[150])
        now = datetime.combine(live[-1], SESSION_MINUTES[150], ZONE) + timedelta(seconds=20)
        refresh_settings = Settings(data_dir=Path(tmp) / "live", auto_fetch=True, http_retries=0)
        with responses.RequestsMock() as rsps:
            for code in ("000001", "399106"):
                rsps.get(
                    TRENDS_URL,
                    json=trends_payload(code, payload_bars),
                    match=[matchers.query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
                )
            start = time.perf_counter()
            refresh = IntradayData(refresh_settings, clock=lambda: now).refresh()
            refresh_ms = (time.perf_counter() - start) * 1000
            sent = len(rsps.calls)
        assert refresh.ok

    print(
        f"sessions stored: {len(days)} x 241 bars; import {import_s:.1f} s ({len(days) * 241 / import_s:,.0f} rows/s)"
    )
    print(
        f"report at T: cold {cold_ms:.1f} ms; p50 {statistics.median(samples):.2f} ms, "
        f"p95 {percentile(samples, 0.95):.2f} ms, max {max(samples):.2f} ms over {len(samples)} calls "
        "(target p50 < 5 ms)"
    )
    print(
        f"refresh: {refresh.requests} requests counted, {sent} sent (target 2); {refresh.bars_written} bars "
        f"stored in {refresh_ms:.0f} ms (akshare parse + store, recorded payloads)"
    )


if __name__ == "__main__":
    main()
