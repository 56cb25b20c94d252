"""Push to N chats across three `marketbot run` replicas on one PostgreSQL: messages/s, database round trips
per part, lost and doubled, and the peak calls in any second at the Bot API.

    python benchmarks/bench_cluster.py [--chats 3000] [--replicas 3] [--rate 20] [--kill]

Real processes (tests/bot/cluster/replicas.py: webhook mode, the stand-in market service, the replicas'
clocks at 15:35:01 on a trading day), a throwaway PostgreSQL cluster (tests/pg.py; needs Debian's
postgresql package) and the local fake Bot API with Telegram's flood control (429 above 30/s). Each chat
gets the summary text and the chart: N chats = 2N parts. ``--rate`` is the cluster's send budget
(bot.cluster.budget; 20/s by default, which bounds messages/s); ``--kill`` SIGKILLs the leader when a third
of the chats are served (then "doubled" may be up to the parts it had in flight).

Round trips: the database's committed + rolled-back transactions during the run (pg_stat_database), divided
by the parts; almost every statement is its own transaction (autocommit), so this is statements per part,
everything included (claims, confirmations, the send budget, lease renewals, leader polls, passes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import psycopg  # noqa: E402
import time_machine  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.push.subscriptions import SubscriptionStore  # noqa: E402
from config.database import dispose_shared, postgres_database  # noqa: E402
from tests.bot.cluster.replicas import Replica, peak, wait_for  # noqa: E402
from tests.bot.fake_botapi import FakeBotAPI  # noqa: E402
from tests.pg import start_server  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
SENDS = ("sendMessage", "sendPhoto")


def transactions(url: str) -> int:
    parsed = make_url(url)
    dsn = f"host={parsed.host} port={parsed.port} user={parsed.username} dbname={parsed.database}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_force_next_flush()")
        row = conn.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


def served(botapi: FakeBotAPI) -> int:
    return len({c.params.get("chat_id") for c in botapi.calls_to("sendPhoto", ok=True)})


async def bench(chats: int, replicas_n: int, rate: float, kill: bool) -> None:
    server = start_server()
    if isinstance(server, str):
        raise SystemExit(server)
    root = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    try:
        url = server.new_database()
        async with FakeBotAPI() as botapi:
            botapi.rate_limit(per_second=30, group_per_minute=20, retry_after=1)
            ids = list(range(100001, 100001 + chats))
            with time_machine.travel(datetime(2025, 10, 9, 9, 0, tzinfo=ZONE), tick=False):
                store = SubscriptionStore(postgres_database(url))
                for chat in ids:
                    store.subscribe(chat, None, dtime(15, 35), "zh")
                store.close()
            dispose_shared()
            before = transactions(url)
            replicas = [Replica(i, root, botapi.base_url, url, rate=rate) for i in range(replicas_n)]
            started = time.monotonic()
            killed = None
            try:
                for replica in replicas:
                    await replica.start(datetime(2025, 10, 9, 15, 35, 1, tzinfo=ZONE))
                if kill:
                    await wait_for(lambda: served(botapi) >= chats // 3, 3600, "a third of the push")
                    killed = next(r for r in replicas if "(leader)" in r.output)
                    await killed.kill()
                await wait_for(lambda: served(botapi) >= chats, 3600 + chats, "every chat")
                await botapi.wait_until_idle(quiet=1.0, timeout=30)
            finally:
                for replica in replicas:
                    await replica.stop()
            total_s = time.monotonic() - started
            used = transactions(url) - before
        arrivals = sorted(c.at for c in botapi.calls if c.method in SENDS)
        parts = 2 * chats
        lost = doubled = 0
        for chat in ids:
            sent = Counter(m.kind for m in botapi.sent_messages(chat))
            lost += (sent["text"] == 0) + (sent["photo"] == 0)
            doubled += max(sent["text"] - 1, 0) + max(sent["photo"] - 1, 0)
        span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0.0
        print(f"chats {chats} ({parts} parts) across {replicas_n} replicas, cluster budget {rate:g}/s")
        print(f"message calls at the Bot API: {len(arrivals)} in {span:.1f} s = {len(arrivals) / span:.1f} msgs/s")
        print(f"peak in any second: {peak(arrivals, 1.0)}; 429s: {sum(1 for c in botapi.calls if c.status == 429)}")
        print(f"database round trips: {used} transactions = {used / parts:.2f} per part")
        print(
            f"lost parts: {lost}; doubled parts: {doubled}"
            + (f" (leader pid {killed.pid} SIGKILLed)" if killed else "")
        )
        print(f"wall time from the first start: {total_s:.1f} s")
    finally:
        dispose_shared()
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=3000)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--rate", type=float, default=20.0, help="the cluster's send budget per second")
    parser.add_argument("--kill", action="store_true", help="SIGKILL the leader a third of the way")
    args = parser.parse_args()
    asyncio.run(bench(args.chats, args.replicas, args.rate, args.kill))


if __name__ == "__main__":
    main()
