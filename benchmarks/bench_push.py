"""Daily push to N subscribed chats: messages per second against Telegram's 30/s ceiling; none lost or doubled.

    python benchmarks/bench_push.py [--chats 1000] [--flood-control] [--real-service --data-dir DIR]

Each chat gets the summary text and the chart (uploaded once, then by file_id),
so N chats = 2N messages. Rate = messages / (last send - first send), through
the real Application and its smooth pacer (bot.pacing, 25/s). With --flood-control
the fake server answers 429 above 30 sends in any second (the pacer then
waits retry_after); the report counts those (aim: none). Aim: >= 24 messages/s.
A second run the same day (what a restart's catch-up does) must send nothing: its time is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from pydantic import SecretStr  # noqa: E402

from bot.app import build_application, open_service  # noqa: E402
from bot.deps import ServiceHandle  # noqa: E402
from bot.push.job import DailyPush  # noqa: E402
from config import Settings  # noqa: E402
from tests.bot.fake_botapi import FakeBotAPI  # noqa: E402
from tests.bot.harness import StandInService  # noqa: E402

DAY = date(2025, 10, 9)
SLOT = dtime(15, 35)


async def main(chats: int, flood: bool, real: bool, data_dir: Path) -> None:
    async with FakeBotAPI() as server:
        if flood:
            server.rate_limit(per_second=30, group_per_minute=20, retry_after=1)
        settings = Settings(
            data_dir=data_dir, telegram_token=SecretStr(server.token), telegram_base_url=server.base_url
        )
        service = (await asyncio.to_thread(open_service, settings)) if real else StandInService()
        handle = ServiceHandle(service=service)
        app = build_application(settings, handle)
        await app.initialize()
        store = app.bot_data["marketbot.deps"].store
        ids = [10_000_000 + i for i in range(chats // 2)] + [-(4_000_000 + i) for i in range(chats - chats // 2)]
        for chat in ids:
            store.subscribe(chat, None, SLOT, "zh")
        started = time.perf_counter()
        report = await DailyPush(app.bot, handle, store, settings).run(DAY, SLOT)
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        again = await DailyPush(app.bot, handle, store, settings).run(DAY, SLOT)
        rerun_s = time.perf_counter() - started
        await app.shutdown()

        sends = server.send_times()
        per_chat = Counter((m.chat_id, m.kind) for m in server.sent_messages())
        lost = [c for c in ids if per_chat[(c, "text")] == 0 or per_chat[(c, "photo")] == 0]
        doubled = [key for key, n in per_chat.items() if n > 1]
        rate = (len(sends) - 1) / (sends[-1] - sends[0]) if len(sends) > 1 else 0.0
        busiest = max(Counter(int(t) for t in (s - sends[0] for s in sends)).values())
        rejected = len([c for c in server.calls if c.status == 429])
    print(f"{chats} chats, {len(sends)} messages in {elapsed:.1f} s (push total, incl. summary and chart)")
    print(f"rate {rate:.1f} messages/s (ceiling 30, aim >= 24); busiest 1-s window {busiest} sends")
    print(
        f"lost {len(lost)}, doubled {len(doubled)}, 429 answers {rejected}; report: sent={report.sent} "
        f"failed={report.failed} uncertain={report.uncertain}"
    )
    print(f"second run the same day: sent {again.sent}, already sent {again.already_sent}, {rerun_s:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--flood-control", action="store_true")
    parser.add_argument("--real-service", action="store_true")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    directory = args.data_dir or Path(tempfile.mkdtemp(prefix="bench_push_"))
    asyncio.run(main(args.chats, args.flood_control, args.real_service, directory))
