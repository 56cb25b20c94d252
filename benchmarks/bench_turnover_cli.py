"""``marketbot turnover --date D`` end to end as a process (target: median < 1.5 s).

Runs ``python -m bot.cli turnover --date D`` N times against a data dir seeded
once from the bundled snapshot (the first, seeding run is reported apart), and
checks with ``python -X importtime`` that akshare, pandas and matplotlib are not
imported on that path. No network.

    python benchmarks/bench_turnover_cli.py [--runs 5] [--date 2025-10-09]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("akshare", "pandas", "matplotlib", "numpy", "chromadb", "langchain", "telegram")


def run(env: dict[str, str], cwd: str, date: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *extra, "-m", "bot.cli", "turnover", "--date", date],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--date", default="2025-10-09")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MARKETBOT_DATA_DIR": str(Path(tmp) / "data")}
        start = time.perf_counter()
        first = run(env, tmp, args.date)
        seed_s = time.perf_counter() - start
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            run(env, tmp, args.date)
            times.append(time.perf_counter() - start)
        traced = run(env, tmp, args.date, "-X", "importtime")
    imported = {line.split("|")[-1].strip().split(".")[0] for line in traced.stderr.splitlines() if "|" in line}
    heavy = sorted(set(HEAVY) & imported)
    print(first.stdout.splitlines()[0])
    print(f"first run (seeds the store): {seed_s:.2f} s")
    print(
        f"{args.runs} warm runs: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
        f"max {max(times):.2f} s  (target < 1.5 s)"
    )
    print(f"heavy modules imported: {', '.join(heavy) if heavy else 'none'} (checked: {', '.join(HEAVY)})")


if __name__ == "__main__":
    main()
