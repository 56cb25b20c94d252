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
from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import func, select

from bot.push.ledger import push_ledger
from bot.push.subscriptions import SubscriptionStore
from config.database import dispose_shared, postgres_database
from tests.bot.cluster.replicas import SECRET, WEBHOOK_URL, Replica, peak, wait_for
from tests.bot.fake_botapi import FakeBotAPI

ZONE = ZoneInfo("Asia/Shanghai")
CHATS = list(range(20001, 20301))
SENDS = ("sendMessage", "sendPhoto")


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
        await leader.kill()
        with store.db.connect() as conn:
            in_flight = conn.execute(
                select(func.count()).where(
                    push_ledger.c.state == "sending", push_ledger.c.owner.like(f"%:{leader.pid}:%")
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
    assert {(c.params["url"], c.params["secret_token"]) for c in hooks} == {(WEBHOOK_URL, SECRET)}
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


async def test_a_rolling_restart_of_all_three_during_the_push_loses_nothing(
    botapi: FakeBotAPI, postgres_url: str, tmp_path: Path
) -> None:
    """150 chats (half the first test's, to stay within a minute with three restarts on 2 cores)."""
    chats = CHATS[:150]
    botapi.rate_limit(per_second=30, group_per_minute=20, retry_after=1)
    with time_machine.travel(datetime(2025, 10, 9, 9, 0, tzinfo=ZONE), tick=False):
        store = SubscriptionStore(postgres_database(postgres_url))
        for chat in chats:
            store.subscribe(chat, None, time(15, 35), "zh")
        store.close()
    dispose_shared()
    replicas = [Replica(i, tmp_path, botapi.base_url, postgres_url) for i in range(3)]
    start = datetime(2025, 10, 9, 15, 35, 1, tzinfo=ZONE)
    began = asyncio.get_running_loop().time()

    def now() -> datetime:  # the replicas' shifted clock, ticking since the first start
        return start + timedelta(seconds=asyncio.get_running_loop().time() - began)

    try:
        for replica in replicas:
            await replica.start(start)
        await wait_for(lambda: chats_with_photo(botapi) >= 10, 90, "the push to start")
        for replica in replicas:  # a deploy: one after another, each back before the next goes
            assert await replica.stop() == 0, replica.output[-3000:]
            webhooks = len(botapi.calls_to("setWebhook"))
            await replica.start(now())
            await wait_for(lambda w=webhooks: len(botapi.calls_to("setWebhook")) > w, 60, "the restart")
        await wait_for(lambda: chats_with_photo(botapi) >= len(chats), 90, "every chat's chart")
        await botapi.wait_until_idle(quiet=1.0, timeout=20)
    finally:
        for replica in replicas:
            await replica.stop()
    assert botapi.calls_to("deleteWebhook") == []
    doubled = 0
    for chat in chats:
        sent = Counter(m.kind for m in botapi.sent_messages(chat))
        assert sent["text"] >= 1 and sent["photo"] >= 1, chat  # nothing lost
        doubled += sent["text"] - 1 + sent["photo"] - 1
    arrivals = [c.at for c in botapi.calls if c.method in SENDS]
    assert peak(arrivals, 1.0) <= 30
    print(f"\nrolling restart: {len(chats)} chats, doubled {doubled}, peak {peak(arrivals, 1.0)}/s")
