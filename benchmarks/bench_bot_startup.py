"""Cold start of `marketbot run` (a new process) to its first getUpdates, and its resident memory when idle.

    python benchmarks/bench_bot_startup.py [--runs 3] [--data-dir DIR]

The fake Bot API server runs in this process; the bot is a real subprocess
(`python -m bot.cli run`) pointed at it. Times: process spawn -> getUpdates
request received (the fake lists calls on arrival). RSS (VmRSS of the process)
is read twice: idle right after start, and idle after one answered question
(the market service, Chroma and the embedder are then loaded; they open in the
background after polling starts). Targets: < 3 s; < 500 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from tests.bot.fake_botapi import FakeBotAPI  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def one_run(data_dir: Path) -> tuple[float, float, float]:
    async with FakeBotAPI() as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETBOT_")}
        env.update(
            MARKETBOT_TELEGRAM_TOKEN=server.token,
            MARKETBOT_TELEGRAM_BASE_URL=server.base_url,
            MARKETBOT_DATA_DIR=str(data_dir),
            PYTHONPATH=str(ROOT),
        )
        started = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", cwd=str(ROOT), env=env, stderr=asyncio.subprocess.DEVNULL
        )
        try:
            while not any(c.method == "getUpdates" for c in server.calls):
                if proc.returncode is not None or time.monotonic() - started > 60:
                    raise RuntimeError("the bot did not start polling")
                await asyncio.sleep(0.005)
            first_poll = next(c.at for c in server.calls if c.method == "getUpdates") - started
            await asyncio.sleep(2.0)
            idle_start = rss_mb(proc.pid)
            server.inject_message("2025年10月9日两市成交额是多少？", chat_id=1)
            await server.wait_for_message(1, timeout=120)
            await server.wait_until_idle(quiet=2.0, timeout=120)
            idle_loaded = rss_mb(proc.pid)
        finally:
            proc.send_signal(signal.SIGINT)
            await asyncio.wait_for(proc.wait(), 30)
    return first_poll, idle_start, idle_loaded


async def main(runs: int, data_dir: Path) -> None:
    results = [await one_run(data_dir) for _ in range(runs)]
    for i, (poll, idle, loaded) in enumerate(results, 1):
        print(f"run {i}: first getUpdates {poll:.2f} s, idle RSS {idle:.0f} MB, after first answer {loaded:.0f} MB")
    print(
        f"\nbest/worst cold start to first getUpdates: {min(r[0] for r in results):.2f}/"
        f"{max(r[0] for r in results):.2f} s (target < 3 s); max idle RSS with the service loaded: "
        f"{max(r[2] for r in results):.0f} MB (target < 500 MB)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.data_dir or Path(tempfile.mkdtemp(prefix="bench_startup_"))))
