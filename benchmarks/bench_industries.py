"""Industries: in-process analytics on the bundled THS history, and HTTP requests per daily update.

1. Analytics (real bundled rows, 90 industries x 247 sessions): a day's industry split
   (``IndustryData(MarketData(settings)).day(day)``, a new facade per call as the agent builds one per question)
   and a theme's share over a year (``theme_share("AI", 247)``), warm store; target p50 < 5 ms each.
2. Requests per daily update after the close (no network: akshare's own parsers run on wire-format answers
   served by ``responses``): the two index klines of the daily store (tools.daily.sync, as in
   bench_update_requests.py) plus the after-close THS industry summary that feeds the industry store
   (``boards().update()`` with the concept-board watchlist left out, whose boards cost one request each and are
   counted in bench_sectors.py). Target: 2 + 1 summary.

    python benchmarks/bench_industries.py [--calls 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import responses  # noqa: E402

from benchmarks.bench_update_requests import run as daily_update_requests  # noqa: E402
from config.settings import Settings  # noqa: E402
from tests.tools.boards.wire import THS_URL, add_ths  # noqa: E402
from tools.boards.service import reset_board_stores  # noqa: E402
from tools.boards.watchlist import Watchlist  # noqa: E402
from tools.daily.store import read_snapshot  # noqa: E402
from tools.industries.service import IndustryData, reset_industry_stores  # noqa: E402
from tools.registry import reset_shared  # noqa: E402
from tools.resilience import SourceRunner  # noqa: E402
from tools.service import MarketData  # noqa: E402
from tools.sources.router import SourceRouter  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
DAYS = [date(2026, 7, 31), date(2026, 1, 15), date(2026, 5, 27), date(2026, 4, 8), date(2025, 10, 9)]


def _p(samples: list[float]) -> str:
    samples = sorted(samples)
    return f"p50 {statistics.median(samples):.3f} ms, p95 {samples[int(len(samples) * 0.95) - 1]:.3f} ms"


def analytics(calls: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), auto_fetch=False)
        start = time.perf_counter()
        IndustryData(MarketData(settings)).day(DAYS[0])
        cold_ms = (time.perf_counter() - start) * 1000
        split, share = [], []
        for i in range(calls):
            start = time.perf_counter()
            report = IndustryData(MarketData(settings)).day(DAYS[i % len(DAYS)])
            split.append((time.perf_counter() - start) * 1000)
            assert report.increases and report.change_yi is not None
            start = time.perf_counter()
            year = IndustryData(MarketData(settings)).theme_share("AI", sessions=247, end=date(2026, 7, 31))
            share.append((time.perf_counter() - start) * 1000)
            assert year.sessions == 247
        rows = len(IndustryData(MarketData(settings)).store.all())
        print(f"bundled THS industries: {rows} rows")
        print(f"first call (seed the store from the bundle + build the index): {cold_ms:.1f} ms")
        print(f"day split, warm, {calls} calls: {_p(split)}  (target p50 < 5 ms)")
        print(f"AI theme share over a year (247 sessions), warm: {_p(share)}  (target p50 < 5 ms)")
    reset_shared()
    reset_industry_stores()


def industry_requests() -> tuple[int, int, int]:
    """(HTTP requests, summary calls, industry rows written) of the after-close industry update."""
    now = datetime(2026, 8, 3, 16, 0, tzinfo=ZONE)  # the session after the bundled data, after the close
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), http_retries=0, auto_fetch=False)
        runner = SourceRunner.from_settings(settings, sleep=lambda s: None)
        market = MarketData(settings, router=SourceRouter(settings, runner=runner), clock=partial(lambda n: n, now))
        boards = market.boards()
        boards.watchlist = Watchlist(boards=())  # concept boards: one request each, counted in bench_sectors.py
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            pages = [[(f"行业{i:02d}", 900.0 - i, 1.0, 30, 10) for i in range(p, p + 45)] for p in (0, 45)]
            add_ths(rsps, pages)  # about 90 THS industries on 2 pages
            before = runner.requests_made
            result = boards.update()
            http = len([c for c in rsps.calls if THS_URL.match(c.request.url or "")])
            assert runner.requests_made - before == http and not result.errors, result.errors
        written = result.industries_written
    reset_shared()
    reset_board_stores()
    reset_industry_stores()
    return http, 1, written


def requests_per_update() -> None:
    daily, written, errors = daily_update_requests(read_snapshot(), 1)
    assert not errors, errors
    http, summaries, rows = industry_requests()
    print(f"daily store, next session: {daily} HTTP requests (one kline per index), {written} row written")
    print(
        f"industry store after the close: {summaries} THS summary call = {http} HTTP requests "
        f"(pages of ~45-50 industries), {rows} industry rows written"
    )
    print(f"per daily update: {daily + http} HTTP requests ({daily} index + {http} for the THS summary)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    analytics(args.calls)
    requests_per_update()


if __name__ == "__main__":
    main()
