"""Board (sector) turnover: in-process analytics for a day, and HTTP requests per daily update.

1. Analytics: a temporary store holds a year of SYNTHETIC rows for every watchlist board (made up here for
   timing only; never shipped). Times ``MarketData(settings).boards().day(day)`` -- a new facade per call, as
   the agent builds one per question -- on a warm store (target p50 < 5 ms), plus a board's history.
2. Requests: akshare's own parsers run on wire-format answers served by ``responses`` (no network). Counts
   the HTTP requests of the first update (back-fill) and of the next session's incremental update after the
   close (one per watchlist board plus the THS ranking).

    python benchmarks/bench_sectors.py [--calls 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import responses  # noqa: E402

from config.settings import Settings  # noqa: E402
from tests.tools.boards.wire import add_board, add_ths, kline_payload  # noqa: E402
from tools.boards.service import reset_board_stores  # noqa: E402
from tools.boards.store import BoardRow  # noqa: E402
from tools.boards.watchlist import load_watchlist  # noqa: E402
from tools.registry import reset_shared  # noqa: E402
from tools.resilience import SourceRunner  # noqa: E402
from tools.service import MarketData  # noqa: E402
from tools.sources.router import SourceRouter  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
DAYS = [date(2025, 10, 9), date(2025, 9, 30), date(2026, 3, 2), date(2026, 7, 31), date(2025, 12, 31)]


def _fixed(now: datetime) -> datetime:
    return now


def analytics(calls: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        market = MarketData(settings)
        sessions = market.calendar.sessions(date(2025, 8, 1), date(2026, 7, 31))
        fetched = datetime.now(UTC)
        rows = [
            BoardRow(board.code, day, (500 + 37 * k + (i * 13) % 400) * 1e8, board.name, "synthetic:bench", fetched)
            for k, board in enumerate(load_watchlist().boards)
            for i, day in enumerate(sessions)
        ]
        boards = market.boards()
        boards.store.upsert(rows)
        start = time.perf_counter()
        MarketData(settings).boards().day(DAYS[0])
        cold_ms = (time.perf_counter() - start) * 1000
        samples, history = [], []
        for i in range(calls):
            start = time.perf_counter()
            report = MarketData(settings).boards().day(DAYS[i % len(DAYS)])
            samples.append((time.perf_counter() - start) * 1000)
            assert report.top and report.gainers is not None
            start = time.perf_counter()
            MarketData(settings).boards().history("BK1036", DAYS[i % len(DAYS)])
            history.append((time.perf_counter() - start) * 1000)
        samples.sort()
        print(f"{len(rows)} synthetic rows ({len(load_watchlist().boards)} boards x {len(sessions)} sessions)")
        print(f"first call (read store + build index): {cold_ms:.1f} ms")
        print(
            f"boards().day(day), warm, {calls} calls: p50 {statistics.median(samples):.3f} ms, "
            f"p95 {samples[int(len(samples) * 0.95) - 1]:.3f} ms  (target p50 < 5 ms)"
        )
        print(f"boards().history(board, day), warm: p50 {statistics.median(history):.3f} ms")
    reset_shared()
    reset_board_stores()


def requests_per_update() -> None:
    watchlist = load_watchlist()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), http_retries=0, boards_backfill_days=30)
        runner = SourceRunner.from_settings(settings, sleep=lambda s: None)
        router = SourceRouter(settings, runner=runner)
        for label, now, days in (
            ("first update (back-fill 30 days)", datetime(2025, 10, 9, 16, 0, tzinfo=ZONE), None),
            ("next session after the close", datetime(2025, 10, 10, 16, 0, tzinfo=ZONE), [date(2025, 10, 10)]),
        ):
            market = MarketData(settings, router=router, clock=partial(_fixed, now))
            sessions = days or market.calendar.sessions(now.date() - timedelta(days=30), now.date())
            with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
                for board in watchlist.boards:
                    payload = kline_payload(board.code, board.name, [(d, 1e11) for d in sessions])
                    add_board(rsps, board.code, board.kind, json=payload)
                pages = [[(f"行业{i:02d}", 900.0 - i, 1.0) for i in range(p, p + 45)] for p in (0, 45)]
                add_ths(rsps, pages)  # about 90 THS industries on 2 pages
                before = runner.requests_made
                result = market.boards().update()
                print(
                    f"{label}: {runner.requests_made - before} requests for {len(watchlist.boards)} boards "
                    f"(+ ranking {result.ranking_written} rows), {result.written} rows written, "
                    f"errors {len(result.errors)}"
                )
    reset_shared()
    reset_board_stores()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    analytics(args.calls)
    requests_per_update()


if __name__ == "__main__":
    main()
