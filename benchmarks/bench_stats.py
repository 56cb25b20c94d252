"""Turnover statistics over the whole history on a warm store (target: every measure p50 < 5 ms).

Seeds a temporary data dir from the bundled snapshot (1991-04-03 .. 2026-07-31, 8,606 sessions), warms
the MarketData facade once, then times ``MarketData(settings).stats(query)`` -- a new facade per call, as
the agent builds one per question -- for each measure over period ``all`` (the worst case), plus a few
typical short periods. The clock is fixed at the snapshot's last close. No network.

    python benchmarks/bench_stats.py [--calls 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import Settings  # noqa: E402
from tools.service import MarketData  # noqa: E402
from tools.stats.models import StatsQuery  # noqa: E402

CLOCK = datetime(2026, 7, 31, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
QUERIES = {
    "summary all": StatsQuery(measure="summary", period="all"),
    "top 10 all": StatsQuery(measure="top", period="all", n=10),
    "bottom 10 all (sz)": StatsQuery(measure="bottom", period="all", n=10, part="sz"),
    "count >=10000 all": StatsQuery(measure="count", period="all", threshold_yi=10000),
    "rank 2024-10-08 all": StatsQuery(measure="rank", period="all", date=date(2024, 10, 8)),
    "first >=20000 all": StatsQuery(measure="first", period="all", threshold_yi=20000),
    "last >=30000 all": StatsQuery(measure="last", period="all", threshold_yi=30000),
    "streak >=10000 all": StatsQuery(measure="streak", period="all", threshold_yi=10000),
    "compare 1991..2008 vs 2009..": StatsQuery(
        measure="compare", period="1991-04-03..2008-12-31", compare_to="2009-01-01..2026-07-31"
    ),
    "summary 2015-06": StatsQuery(measure="summary", period="2015-06"),
    "compare this_week": StatsQuery(measure="compare", period="this_week"),
    "count 2025 (sh)": StatsQuery(measure="count", period="2025", threshold_yi=5000, part="sh"),
    "count between all": StatsQuery(
        measure="count", period="all", threshold_yi=10000, threshold_hi_yi=15000, direction="between"
    ),
    "percentile 30000 all": StatsQuery(measure="percentile", period="all", value_yi=30000),
    "percentile 2024-10-08 all (sz)": StatsQuery(measure="percentile", period="all", date=date(2024, 10, 8), part="sz"),
    "days last_week": StatsQuery(measure="days", period="last_week"),
    "days all (capped)": StatsQuery(measure="days", period="all"),
    "group year all": StatsQuery(measure="group", period="all", group_by="year"),
    "group week all": StatsQuery(measure="group", period="all", group_by="week"),
    "group month 2025H1": StatsQuery(measure="group", period="2025H1", group_by="month"),
    "compare aligned this_week": StatsQuery(measure="compare", period="this_week", compare_mode="aligned"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        start = time.perf_counter()
        MarketData(settings, clock=lambda: CLOCK).stats(QUERIES["summary all"])
        cold_ms = (time.perf_counter() - start) * 1000
        print(f"cold (store seeded and indexed, first query): {cold_ms:.0f} ms")
        print(f"{'query':32s} {'p50 ms':>8s} {'p95 ms':>8s}")
        worst = 0.0
        for name, query in QUERIES.items():
            samples = []
            for _ in range(args.calls):
                start = time.perf_counter()
                MarketData(settings, clock=lambda: CLOCK).stats(query)
                samples.append((time.perf_counter() - start) * 1000)
            samples.sort()
            p50, p95 = statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]
            worst = max(worst, p50)
            print(f"{name:32s} {p50:8.2f} {p95:8.2f}")
    print(f"worst p50 {worst:.2f} ms (target < 5 ms)")


if __name__ == "__main__":
    main()
