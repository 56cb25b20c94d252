"""Pacing at Telegram's limit (issue 19): with the local Bot API server emulating ~30 messages/s, many users
at once, many /subscribe at once and a push (while the event loop stalls now and then, as it does under
load) draw no 429, never more than 30 message calls in any second, and no catch-up bursts."""

from __future__ import annotations

import asyncio
import time as clock
from bisect import bisect_left
from datetime import date, time
from pathlib import Path

from bot.deps import ServiceHandle
from bot.push.job import DailyPush
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

SENDS = ("sendMessage", "sendPhoto", "editMessageText")


def peak(times: list[float], window: float) -> int:
    """The most calls within any ``window`` seconds."""
    ordered = sorted(times)
    return max((bisect_left(ordered, t + window) - i for i, t in enumerate(ordered)), default=0)


def arrivals(botapi: FakeBotAPI) -> list[float]:
    """When each message call reached the server, whatever it was answered."""
    return [c.at for c in botapi.calls if c.method in SENDS]


def floods(botapi: FakeBotAPI) -> int:
    return sum(1 for c in botapi.calls if c.status == 429)


async def stall_now_and_then(stop: asyncio.Event, every: float = 0.4, for_s: float = 0.2) -> None:
    """Block the event loop (a chart render, a GC pause): timers that fall due meanwhile all fire after."""
    while not stop.is_set():
        await asyncio.sleep(every)
        clock.sleep(for_s)


async def test_fifty_users_asking_at_once_draw_no_flood_control(botapi: FakeBotAPI, tmp_path: Path) -> None:
    botapi.rate_limit(per_second=30, group_per_minute=20, retry_after=1)
    async with running_bot(bot_settings(tmp_path, botapi), StandInService()):
        for user in range(3001, 3051):
            botapi.inject_message(f"问题 {user}", chat_id=user)
        await botapi.wait_for_calls("sendMessage", 50, ok=True, timeout=20)
        for user in range(3101, 3161):
            botapi.inject_message("/subscribe", chat_id=user)
        await botapi.wait_for_calls("sendMessage", 110, ok=True, timeout=20)
    assert floods(botapi) == 0
    assert peak(arrivals(botapi), 1.0) <= 30
    assert all(len(botapi.sent_messages(user)) == 1 for user in (*range(3001, 3051), *range(3101, 3161)))


async def test_a_push_while_the_loop_stalls_stays_under_the_limit_without_bursts(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    botapi.rate_limit(per_second=30, group_per_minute=20, retry_after=1)
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    chats = range(3201, 3261)
    async with running_bot(settings, service, polling=False) as app:
        store = app.bot_data["marketbot.deps"].store
        for chat in chats:
            store.subscribe(chat, None, time(15, 35), "zh")
        stop = asyncio.Event()
        staller = asyncio.create_task(stall_now_and_then(stop))
        try:
            report = await DailyPush(app.bot, ServiceHandle(service=service), store, settings).run(date(2025, 10, 9))
        finally:
            stop.set()
            await staller
    assert report.sent == 2 * len(chats) and floods(botapi) == 0
    times = arrivals(botapi)
    assert peak(times, 1.0) <= 30
    assert peak(times, 0.1) <= 4  # slots that fell due during a stall are not released together


async def test_the_pacer_spaces_slots_by_release_time_and_consults_the_budget() -> None:
    class Budget:
        calls = 0

        async def acquire(self) -> None:
            Budget.calls += 1

    from bot.pacing import SmoothPacer

    pacer = SmoothPacer(per_second=50, budget=Budget())
    released: list[float] = []

    async def one() -> None:
        await pacer.acquire(101)
        released.append(clock.monotonic())

    waiters = [asyncio.create_task(one()) for _ in range(30)]
    await asyncio.sleep(0.1)
    clock.sleep(0.3)  # a stall: about 15 slots fall due at once
    await asyncio.gather(*waiters)
    gaps = [b - a for a, b in zip(released, released[1:], strict=False)]
    assert min(gaps) >= 0.018 and Budget.calls == 30
    groups = SmoothPacer(per_second=1000, group_per_minute=3)
    start = clock.monotonic()
    for _ in range(3):
        await groups.acquire(-5)
    await groups.acquire(-6)  # another group is not held up by a full one
    assert clock.monotonic() - start < 0.5
    waiting = asyncio.create_task(groups.acquire(-5))
    await asyncio.sleep(0.2)
    assert not waiting.done()  # the fourth call to -5 within a minute waits
    waiting.cancel()
