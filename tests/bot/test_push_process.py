"""The real `marketbot run` process (the CLI, PTB, the ledger; the clock shifted with time-machine and
the harness's stand-in market service, which opens at once): SIGKILL in the middle of a push and
restart; a Bot API unreachable at start. The real service's push is tested in test_handlers_e2e."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

from bot.push.subscriptions import SubscriptionStore
from tests.bot.fake_botapi import FakeBotAPI

ROOT = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Asia/Shanghai")
# Travel (the clock keeps ticking from there), then run the CLI: the bot, its JobQueue and the ledger
# all see the shifted wall clock; asyncio's monotonic clock is left alone.
LAUNCH = (
    "import sys, datetime, time_machine\n"
    "time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()\n"
    "import bot.app\n"
    "from tests.bot.harness import StandInService\n"
    "bot.app.open_service = lambda settings: StandInService()\n"
    "from bot.cli import main\n"
    "sys.exit(main(['run']))\n"
)


def env_for(data_dir: Path, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETBOT_")}
    env.update(
        MARKETBOT_TELEGRAM_TOKEN="123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
        MARKETBOT_TELEGRAM_BASE_URL=base_url,
        MARKETBOT_DATA_DIR=str(data_dir),
        MARKETBOT_LOAD_DEMO_CORPUS="false",
        MARKETBOT_LOG_LEVEL="INFO",
        NO_PROXY="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


async def launch(env: dict[str, str], now: datetime) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        LAUNCH,
        now.isoformat(),
        cwd=str(ROOT),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def interrupt(proc: asyncio.subprocess.Process) -> str:
    proc.send_signal(signal.SIGINT)
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()[-2000:]
    return (out + err).decode()


async def test_sigkill_mid_push_then_restart_delivers_every_chat(botapi: FakeBotAPI, tmp_path: Path) -> None:
    chats = list(range(901, 913))
    with time_machine.travel(datetime(2025, 10, 9, 9, 0, tzinfo=ZONE), tick=False):
        store = SubscriptionStore.in_dir(tmp_path)
        for chat in chats:
            store.subscribe(chat, None, datetime(2025, 10, 9, 15, 35).time(), "zh")
        store.close()
    env = env_for(tmp_path, botapi.base_url)
    botapi.set_delay("sendMessage", 0.15)

    proc = await launch(env, datetime(2025, 10, 9, 15, 35, 2, tzinfo=ZONE))
    try:
        await botapi.wait_for_calls("sendMessage", 3, ok=True, timeout=60)
    finally:
        proc.kill()  # SIGKILL: no handler, no stop hook, nothing flushed
        await proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        in_flight = db.execute("SELECT COUNT(*) FROM push_ledger WHERE state='sending'").fetchone()[0]
    delivered_before = len(botapi.calls_to("sendPhoto", ok=True))
    assert delivered_before < len(chats)  # it really died mid-push
    botapi.set_delay("sendMessage", 0)

    proc = await launch(env, datetime(2025, 10, 9, 15, 36, tzinfo=ZONE))  # restarted at once
    try:
        await botapi.wait_for_calls("sendPhoto", len(chats), ok=True, timeout=60)
        await botapi.wait_until_idle(quiet=0.5, timeout=10)
    finally:
        output = await interrupt(proc)
    assert "push 2025-10-09:" in output  # MARKETBOT_LOG_LEVEL=INFO shows the push report
    doubled = 0
    for chat in chats:
        sent = Counter(m.kind for m in botapi.sent_messages(chat))
        assert sent["text"] >= 1 and sent["photo"] >= 1, chat  # nobody lost the day's summary
        assert "2025-10-09 收盘总结" in botapi.sent_messages(chat)[0].plain_text
        doubled += sent["text"] - 1 + sent["photo"] - 1
    assert doubled <= in_flight  # only a send in flight at the kill may arrive twice
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        states = dict(db.execute("SELECT state, COUNT(*) FROM push_ledger WHERE part!='done' GROUP BY state"))
    assert states == {"sent": 2 * len(chats)}


async def test_unreachable_bot_api_at_start_is_retried_not_fatal(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on (yet)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = await launch(env_for(tmp_path, f"http://127.0.0.1:{port}/bot"), datetime.now(ZONE))
    try:
        await asyncio.sleep(1.0)
        assert proc.returncode is None  # still trying, not exited with 1
        async with FakeBotAPI(port=port) as server:
            await server.wait_for("deleteWebhook", timeout=40)  # polling starts once the API is back
            server.inject_message("/start", chat_id=921)
            assert "/help" in (await server.wait_for_message(921, timeout=15)).plain_text
            await interrupt(proc)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_sigterm_mid_push_stops_within_the_grace_and_the_next_start_completes(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    chats = list(range(931, 951))
    with time_machine.travel(datetime(2025, 10, 9, 9, 0, tzinfo=ZONE), tick=False):
        store = SubscriptionStore.in_dir(tmp_path)
        for chat in chats:
            store.subscribe(chat, None, datetime(2025, 10, 9, 15, 35).time(), "zh")
        store.close()
    env = {**env_for(tmp_path, botapi.base_url), "MARKETBOT_PUSH_STOP_GRACE_S": "0.5"}
    botapi.set_delay("sendMessage", 1.0)  # a slow Telegram: the push cannot finish before the stop
    proc = await launch(env, datetime(2025, 10, 9, 15, 35, 2, tzinfo=ZONE))
    try:
        await botapi.wait_for_calls("sendMessage", 2, ok=True, timeout=60)
    finally:
        stopping = asyncio.get_running_loop().time()
        proc.send_signal(signal.SIGTERM)  # what `docker stop` sends
        await asyncio.wait_for(proc.wait(), 15)
    assert proc.returncode == 0 and asyncio.get_running_loop().time() - stopping < 5
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        states = dict(db.execute("SELECT state, COUNT(*) FROM push_ledger WHERE part!='done' GROUP BY state"))
    assert "sending" not in states and states.get("sent", 0) < 2 * len(chats)  # handed over, consistent
    botapi.set_delay("sendMessage", 0)

    proc = await launch(env, datetime(2025, 10, 9, 15, 37, tzinfo=ZONE))
    try:
        await botapi.wait_for_calls("sendPhoto", len(chats), ok=True, timeout=60)
        await botapi.wait_until_idle(quiet=0.5, timeout=10)
    finally:
        await interrupt(proc)
    for chat in chats:
        sent = Counter(m.kind for m in botapi.sent_messages(chat))
        assert sent["photo"] == 1 and 1 <= sent["text"] <= 2, chat  # a text cut off mid-request may be doubled
