"""A statistics question as a fresh process, and the first run on an empty data directory (issue 16's Speed).

    python benchmarks/bench_ask_startup.py [--runs 7] [--question "2025年成交额最高是哪天"] [--json]

Each run is a new ``python -m bot.cli ask QUESTION --date 2026-07-31`` (wall time from outside, the process
started and reaped), offline (no LLM key in its environment). "warm": one data directory filled once before
the runs (the bundled turnover history imported); "first run": a new empty data directory for every run, so it
includes creating and filling the store. A statistics question needs no news: neither run should open the
news index (chromadb, jieba, the embedding model); the script checks that the news index was not built.

Targets (issue 16): warm median < 1.0 s, first run < 2 s. The machines are shared: quote medians, and
compare against another tree's figures measured in the same session.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "2025年成交额最高是哪天"
TARGETS = {"warm": 1.0, "first_run": 2.0}
# Variables that would make the answer go through an LLM or elsewhere.
_DROP = ("OPENAI_API_KEY", "MARKETBOT_LLM_API_KEY", "MARKETBOT_LLM_BASE_URL", "MARKETBOT_LLM_MODEL")


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    env["MARKETBOT_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def ask_once(question: str, data_dir: Path) -> float:
    """Wall seconds of one fresh ``ask`` process; raises when it fails."""
    cmd = [sys.executable, "-m", "bot.cli", "ask", question, "--date", "2026-07-31"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=_env(data_dir), capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"ask failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return seconds


def measure(question: str, runs: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ask-") as tmp:
        warm_dir = Path(tmp) / "warm"
        ask_once(question, warm_dir)  # fills the store once
        warm = [ask_once(question, warm_dir) for _ in range(runs)]
        first = [ask_once(question, Path(tmp) / f"first-{i}") for i in range(runs)]
        if (warm_dir / "news_index").exists():
            raise RuntimeError("a statistics question built the news index: it should not load the news layer")
    for name, values in (("warm", warm), ("first_run", first)):
        out[name] = {
            "median_s": round(statistics.median(values), 3),
            "min_s": round(min(values), 3),
            "max_s": round(max(values), 3),
            "target_s": TARGETS[name],
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.question, args.runs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for name, row in result.items():
            verdict = "ok" if row["median_s"] < row["target_s"] else "over target"
            print(f"{name:10s} median {row['median_s']:.3f} s  (min {row['min_s']:.3f}, max {row['max_s']:.3f}; "
                  f"target < {row['target_s']} s: {verdict})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
