"""In-process analytics for one day on a warm store (target: p50 < 5 ms).

Seeds a temporary data dir from the bundled snapshot, warms the MarketData
facade once (store read, calendar, indexed series), then times
``MarketData(settings).turnover(day)`` -- a new facade per call, as the agent
builds one per question -- over a spread of real days. No network.

    python benchmarks/bench_analytics.py [--calls 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import Settings  # noqa: E402
from tools.service import MarketData  # noqa: E402

DAYS = [
    date(2025, 10, 9),
    date(2024, 10, 8),
    date(2025, 9, 25),
    date(2026, 1, 14),
    date(2019, 2, 25),
    date(2025, 10, 1),
    date(2026, 7, 31),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        start = time.perf_counter()
        MarketData(settings).turnover(DAYS[0])
        cold_ms = (time.perf_counter() - start) * 1000
        samples = []
        for i in range(args.calls):
            day = DAYS[i % len(DAYS)]
            start = time.perf_counter()
            report = MarketData(settings).turnover(day)
            samples.append((time.perf_counter() - start) * 1000)
            assert report.total_yi > 0
        range_samples = []
        for _ in range(max(1, args.calls // 4)):
            start = time.perf_counter()
            MarketData(settings).turnover_range(60)
            range_samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"first call (seed store from snapshot + calendar + index): {cold_ms:.1f} ms")
    print(
        f"turnover(day), warm, {len(samples)} calls: p50 {statistics.median(samples):.3f} ms, "
        f"p95 {p95:.3f} ms, max {samples[-1]:.3f} ms  (target p50 < 5 ms)"
    )
    print(f"turnover_range(60), warm, {len(range_samples)} calls: p50 {statistics.median(range_samples):.3f} ms")


if __name__ == "__main__":
    main()
