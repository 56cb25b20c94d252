"""Delay from a new minute bar to the crossing alert being sent, through the real bot.

    python benchmarks/bench_alerts.py [--chats 1,100] [--charts]

Set-up (no network): four earlier sessions imported with ``marketbot data import --kind intraday``; the live
minute source answers in Eastmoney's trends2 wire format through ``responses`` (akshare's own parser runs);
the real minute store, analytics, PTB Application (its Outbox pacer) and the local fake Bot API server. Each
opted-in chat watches eleven thresholds (0.5万亿 .. 1.5万亿), so the session crosses one every few minutes.

For each crossing minute the clock is set just after it and the alert job's tick runs, as the JobQueue
would run it: refresh (2 requests) -> crossings + the estimate at the crossing minute -> flash. Delay =
from the start of that tick (the moment the new bar can first be fetched) to the fake server receiving the
flash, for the first and for the last chat. With many chats the last one waits for Telegram's ~30 msg/s
ceiling (the job paces at 27.5/s). Target: < 2 s to the first chat. In production a tick runs 5 s after
each minute, so add up to that to get the delay from the minute's close.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time as clock_time
from datetime import datetime, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import responses  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from agent.intraday_feed import IntradayFeed  # noqa: E402
from bot.alerts.job import JOB_NAME, CrossingAlerts  # noqa: E402
from config import Settings  # noqa: E402
from tests.bot.alert_harness import SH, TODAY, TODAY_BARS, Clock, LiveSource, first_minute, import_history  # noqa: E402
from tests.bot.fake_botapi import FakeBotAPI  # noqa: E402
from tests.bot.harness import StandInService, running_bot  # noqa: E402

THRESHOLDS_YI = list(range(5000, 15001, 1000))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def measure(chats: int, charts: bool, work: Path) -> tuple[list[float], list[float], int]:
    """(delays to the first chat, delays to the last chat, flashes sent) over one simulated session, in ms."""
    firsts, lasts, sent = [], [], 0
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        async with FakeBotAPI() as server:
            settings = Settings(
                data_dir=work / f"data-{chats}-{charts}",
                telegram_token=SecretStr(server.token),
                telegram_base_url=server.base_url,
                telegram_base_file_url=server.base_file_url,
                load_demo_corpus=False,
            )
            import_history(settings, work / "minutes.csv")
            clock = Clock(datetime.combine(TODAY, time(9, 31, 5), SH))
            LiveSource(clock, rsps)
            feed = IntradayFeed(settings, clock=clock)
            async with running_bot(settings, StandInService(), polling=False, intraday=feed) as app:
                (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
                job.schedule_removal()  # ticks are driven here, at the simulated minutes
                alerts: CrossingAlerts = job.data
                store = app.bot_data["marketbot.deps"].alerts
                for n in range(chats):
                    store.enable(1000 + n, None, "zh", THRESHOLDS_YI, at=clock())
                    if charts:
                        store.set_charts(1000 + n, None, "zh", True, THRESHOLDS_YI)
                await alerts.tick()  # warm: opens the stores, imports akshare
                minutes = sorted({first_minute(TODAY_BARS, TODAY, t) for t in THRESHOLDS_YI})
                for minute in minutes:
                    clock.set(minute.hour, minute.minute, 5)
                    mark = server.mark()
                    start = clock_time.monotonic()
                    report = await alerts.tick()
                    calls = [c for c in server.calls[mark:] if c.method in ("sendMessage", "sendPhoto") and c.ok]
                    if not calls or report is None:
                        continue
                    firsts.append((min(c.at for c in calls) - start) * 1000)
                    lasts.append((max(c.at for c in calls) - start) * 1000)
                    sent += report.sent
    return firsts, lasts, sent


def show(name: str, values: list[float]) -> str:
    return f"{name}: p50 {statistics.median(values):.0f} ms, p95 {pct(values, 0.95):.0f} ms, max {max(values):.0f} ms"


async def main(chat_counts: list[int], charts: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for chats in chat_counts:
            firsts, lasts, sent = await measure(chats, charts, Path(tmp))
            print(f"{chats} chat(s){' with chart' if charts else ''}: {len(firsts)} crossing ticks, {sent} flashes")
            print("  " + show("new bar -> first flash", firsts))
            if chats > 1:
                print("  " + show("new bar -> last flash ", lasts))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", default="1,100", help="comma-separated chat counts (default 1,100)")
    parser.add_argument("--charts", action="store_true", help="attach the intraday chart to every flash")
    options = parser.parse_args()
    asyncio.run(main([int(n) for n in options.chats.split(",")], options.charts))
