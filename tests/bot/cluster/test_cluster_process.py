"""Three real `marketbot run` processes (python -m bot.cli run, webhook mode) on one throwaway PostgreSQL and
the local Bot API server: at push time every subscribed chat gets its summary once; a SIGKILL of the leader
mid-push loses nothing and doubles at most the parts it had in flight; the Bot API never sees more than 30
message calls in a second; every replica serves the webhook behind the shared secret, and none calls
deleteWebhook.

The replicas' wall clocks are shifted to 15:35:01 on a trading day (time-machine; PostgreSQL's clock stays
real, which the leases must not mind). Their lease, leader poll and catch-up intervals are shortened (the
launcher below) so that the take-over of the dead replica's claims fits in the test: 3 s, 2 s and 3 s
instead of 30, 15 and 60.

CHATS: 300 chats are 600 message calls, 30 s at the cluster's budget of 20/s; the whole test takes about
45-60 s on 2 shared cores.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from bisect import bisect_left
from collections import Counter
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import func, select

from bot.push.subscriptions import SubscriptionStore, push_ledger
from config.database import dispose_shared, postgres_database
from tests.bot.fake_botapi import FakeBotAPI

ROOT = Path(__file__).resolve().parents[3]
ZONE = ZoneInfo("Asia/Shanghai")
CHATS = list(range(20001, 20301))
SECRET = "cluster-Secret_0123456789"
SENDS = ("sendMessage", "sendPhoto")
LAUNCH = (
    "import sys, datetime, time_machine\n"
    "time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()\n"
    "import bot.app, bot.push.runner, bot.push.subscriptions\n"
    "from tests.bot.harness import StandInService\n"
    "bot.app.open_service = lambda settings: StandInService()\n"
    "bot.app.CATCH_UP_EVERY = 3.0\n"
    "bot.push.runner.POLL_S = 2.0\n"
    "bot.push.subscriptions.LEASE_S = 3.0\n"
    "from bot.cli import main\n"
    "sys.exit(main(['run']))\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak(times: list[float], window: float) -> int:
    ordered = sorted(times)
    return max((bisect_left(ordered, t + window) - i for i, t in enumerate(ordered)), default=0)


class Replica:
    def __init__(self, index: int, tmp_path: Path, base_url: str, database_url: str) -> None:
        self.index = index
        self.port = free_port()
        self.data_dir = tmp_path / f"replica{index}"  # each replica's own: nothing shared lives there
        self.log = tmp_path / f"replica{index}.log"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETBOT_")}
        self.env.update(
            MARKETBOT_TELEGRAM_TOKEN="123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
            MARKETBOT_TELEGRAM_BASE_URL=base_url,
            MARKETBOT_DATA_DIR=str(self.data_dir),
            MARKETBOT_DATABASE_URL=database_url,
            MARKETBOT_WEBHOOK_URL="https://bot.example.test/tg",
            MARKETBOT_WEBHOOK_SECRET=SECRET,
            MARKETBOT_WEBHOOK_LISTEN="127.0.0.1",
            MARKETBOT_WEBHOOK_PORT=str(self.port),
            MARKETBOT_LOAD_DEMO_CORPUS="false",
            MARKETBOT_LOG_LEVEL="INFO",
            NO_PROXY="127.0.0.1,localhost",
            PYTHONPATH=str(ROOT),
        )
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, now: datetime) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LAUNCH, now.isoformat(), cwd=str(ROOT), env=self.env,
            stdout=self.log.open("wb"), stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tg"

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.proc.wait(), 30)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()


async def wait_for(condition, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


def chats_with_photo(botapi: FakeBotAPI) -> int:
    return len({c.params.get("chat_id") for c in botapi.calls_to("sendPhoto", ok=True)})


async def test_three_replicas_push_once_survive_a_sigkill_and_keep_the_rate(
    botapi: FakeBotAPI, postgres_url: str, tmp_path: Path
) -> None:
    botapi.rate_limit(per_second=30, group_per_minute=20, retry_after=1)  # Telegram's flood control
    with time_machine.travel(datetime(2025, 10, 9, 9, 0, tzinfo=ZONE), tick=False):
        store = SubscriptionStore(postgres_database(postgres_url))
        for chat in CHATS:
            store.subscribe(chat, None, time(15, 35), "zh")
    replicas = [Replica(i, tmp_path, botapi.base_url, postgres_url) for i in range(3)]
    try:
        for replica in replicas:  # all at the same instant, on an empty schema for the send budget
            await replica.start(datetime(2025, 10, 9, 15, 35, 1, tzinfo=ZONE))
        await wait_for(lambda: len(botapi.calls_to("setWebhook")) >= 3, 60, "three setWebhook calls")

        # Every replica serves the webhook on its own port, behind the shared secret.
        for replica in replicas:
            update = botapi.inject_message("/start", chat_id=30000 + replica.index)
            status = 0
            while status != 200:  # its web server comes up right after setWebhook
                try:
                    status = await botapi.deliver_webhook(update, url=replica.url)
                except OSError:
                    await asyncio.sleep(0.2)
            forged = botapi.inject_message("/start", chat_id=30100 + replica.index)
            assert await botapi.deliver_webhook(forged, url=replica.url, secret_token="wrong") == 403

        # Mid-push, the leader dies without a word.
        await wait_for(lambda: chats_with_photo(botapi) >= len(CHATS) // 4, 90, "a quarter of the push")
        leader = next(r for r in replicas if "(leader)" in r.output)
        assert leader.proc is not None
        leader.proc.kill()
        await leader.proc.wait()
        with store.db.connect() as conn:
            in_flight = conn.execute(
                select(func.count()).where(
                    push_ledger.c.state == "sending", push_ledger.c.owner.like(f"%:{leader.proc.pid}:%")
                )
            ).scalar_one()
        assert chats_with_photo(botapi) < len(CHATS)  # it really died mid-push

        await wait_for(lambda: chats_with_photo(botapi) >= len(CHATS), 90, "every chat's chart")
        await botapi.wait_until_idle(quiet=1.0, timeout=20)
    finally:
        for replica in replicas:
            await replica.stop()
        store.close()
        dispose_shared()

    for replica in replicas:
        assert botapi.sent_messages(30000 + replica.index), replica.output[-3000:]
        assert not botapi.sent_messages(30100 + replica.index)  # the forged update was refused
    assert botapi.calls_to("deleteWebhook") == []  # it would cut the whole cluster off
    hooks = botapi.calls_to("setWebhook")
    assert {(c.params["url"], c.params["secret_token"]) for c in hooks} == {("https://bot.example.test/tg", SECRET)}
    assert all(SECRET not in r.output for r in replicas)  # secrets never logged

    doubled = 0
    for chat in CHATS:
        sent = Counter(m.kind for m in botapi.sent_messages(chat))
        assert sent["text"] >= 1 and sent["photo"] >= 1, chat  # nobody lost the day's summary
        doubled += sent["text"] - 1 + sent["photo"] - 1
    assert doubled <= in_flight  # only what the dead replica had in flight may arrive twice
    store = SubscriptionStore(postgres_database(postgres_url))
    try:
        assert store.ledger_counts(datetime(2025, 10, 9).date()) == {"sent": 2 * len(CHATS)}
    finally:
        store.close()
        dispose_shared()

    arrivals = [c.at for c in botapi.calls if c.method in SENDS]
    assert peak(arrivals, 1.0) <= 30, peak(arrivals, 1.0)  # counted at the Bot API, failed calls included
    assert not [c for c in botapi.calls if c.status == 429]
    print(f"\ncluster push: {len(CHATS)} chats, {len(arrivals)} message calls, peak {peak(arrivals, 1.0)}/s, "
          f"doubled {doubled} of {in_flight} in flight at the kill")  # fmt: skip
