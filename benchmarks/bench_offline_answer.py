"""Offline answerer latency: in-process with warm stores, and `marketbot ask` as a fresh process.

    python benchmarks/bench_offline_answer.py [--runs 50] [--cli-runs 3] [--data-dir DIR] [--profile]

Targets (issue 4): in-process p50 < 300 ms; fresh process < 3 s. Uses a throwaway
data dir (seeded from the bundled turnover snapshot and demo news corpus) unless
--data-dir is given; the first open (seeding, indexing) is reported separately.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "为什么今天两市成交额突破1万亿？比上个交易日多了多少？",
    "2025年10月9日两市成交额为什么放量？",
    "Why did turnover jump on Oct 9, 2025?",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def in_process(data_dir: Path, runs: int, profile: bool) -> None:
    t0 = time.perf_counter()
    from agent.context import AgentContext
    from agent.offline import answerer as offline
    from config import Settings

    t_import = time.perf_counter() - t0
    settings = Settings(data_dir=data_dir)
    t1 = time.perf_counter()
    ctx = AgentContext.open(settings)
    t_open = time.perf_counter() - t1
    t2 = time.perf_counter()
    first = offline.answer(QUESTIONS[0], ctx)
    t_first = time.perf_counter() - t2
    print(f"import {t_import * 1000:.0f} ms; open stores {t_open * 1000:.0f} ms; first answer {t_first * 1000:.0f} ms")
    print(f"first answer: {len(first.text)} chars, {len(first.sources)} sources")
    for question in QUESTIONS:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            offline.answer(question, ctx)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{question[:40]:<42} p50 {statistics.median(times):7.1f} ms  p95 {pct(times, 0.95):7.1f} ms  (n={runs})")
    if profile:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(10):
            offline.answer(QUESTIONS[0], ctx)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(18)


def fresh_process(data_dir: Path, runs: int) -> None:
    exe = shutil.which("marketbot")
    cmd = [exe] if exe else [sys.executable, "-m", "bot.cli"]
    env = {**os.environ, "MARKETBOT_DATA_DIR": str(data_dir)}
    env.pop("MARKETBOT_LLM_MODEL", None)  # the offline answerer, as on a fresh machine
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([*cmd, "ask", QUESTIONS[0]], env=env, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            print(f"marketbot ask failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
            return
    print(
        f"fresh process `marketbot ask`: median {statistics.median(times):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(proc.stdout.strip()[:600])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="marketbot-bench-"))
    try:
        in_process(data_dir, args.runs, args.profile)
        if args.cli_runs:
            fresh_process(data_dir, args.cli_runs)
    finally:
        if args.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
