"""A simulated session end to end: history imported with `marketbot data import --kind intraday`, the live
minute source answering in Eastmoney's trends2 wire format (only HTTP faked, through `responses`), the real
minute store and analytics, and the real PTB Application sending to the local Bot API server. The clock is
the test's. Each opted-in chat gets exactly one flash per threshold, also across a restart mid-session."""

from __future__ import annotations

import asyncio
from datetime import datetime, time
from pathlib import Path

import pytest
import responses

from agent.intraday_feed import IntradayFeed
from bot.alerts.job import JOB_NAME, CrossingAlerts
from tests.bot.alert_harness import (
    PAST,
    SH,
    TODAY,
    TODAY_BARS,
    Clock,
    LiveSource,
    cumulative_yuan,
    first_minute,
    history,
    import_history,
)
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

PRIVATE, GROUP, CHARTS, BLOCKED, LATE = 801, -802, 803, 804, 805
ADMIN = 9


def alerts_of(app) -> CrossingAlerts:  # noqa: ANN001
    (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
    return job.data


async def command(botapi: FakeBotAPI, chat_id: int, text: str, user_id: int | None = None) -> str:
    mark = botapi.mark()
    botapi.inject_message(text, chat_id=chat_id, user_id=user_id)
    return (await botapi.wait_for_message(chat_id, since=mark)).plain_text


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


async def test_a_session_with_a_restart_sends_one_flash_per_chat_and_threshold(
    botapi: FakeBotAPI, tmp_path: Path, rsps: responses.RequestsMock
) -> None:
    settings = bot_settings(tmp_path / "data", botapi, intraday_refresh_s=60)
    import_history(settings, tmp_path / "minutes.csv")
    clock = Clock(datetime.combine(TODAY, time(9, 20), SH))
    source = LiveSource(clock, rsps)
    half, one = first_minute(TODAY_BARS, TODAY, 5000), first_minute(TODAY_BARS, TODAY, 10000)
    assert time(9, 30) < half < time(11, 30) and time(11, 30) < one < time(15, 0)
    botapi.set_admins(GROUP, [ADMIN])

    async def tick(hh: int, mm: int) -> None:
        clock.set(hh, mm)
        await alerts_of(app).tick()

    async with running_bot(settings, StandInService(), intraday=IntradayFeed(settings, clock=clock)) as app:
        assert "Crossing alerts on" in await command(botapi, PRIVATE, "/alerts on 0.5万亿 1万亿")
        assert "administrators" in await command(botapi, GROUP, "/alerts on", user_id=5)
        assert "1 trillion yuan" in await command(botapi, GROUP, "/alerts on 1 0.5", user_id=ADMIN)
        await command(botapi, CHARTS, "/alerts on 0.5")
        assert "carry the intraday chart" in await command(botapi, CHARTS, "/alerts charts on")
        await command(botapi, BLOCKED, "/alerts on 0.5")
        botapi.block_chat(BLOCKED)  # and then the user blocks the bot
        mark = botapi.mark()

        await tick(9, 20)
        assert source.requests == 0  # before the session nothing is fetched
        await tick(9, 31)
        assert source.requests == 2  # one refresh = one request per index
        await tick(half.hour, half.minute - 1)
        assert botapi.calls_to("sendMessage", since=mark) == []
        await tick(half.hour, half.minute)
        flash = (await botapi.wait_for_message(PRIVATE, since=mark)).plain_text
        cum = cumulative_yuan(TODAY_BARS, TODAY, half)
        prev = cumulative_yuan(history(), PAST[-1], half)
        assert flash.startswith(f"⚡ {half:%H:%M} Shanghai+Shenzhen turnover passed 500 billion yuan")
        assert f"({cum / 1e8:,.1f} 亿元)" in flash
        assert f"+{(cum - prev) / 1e8:,.1f} 亿元" in flash and "more than the previous session" in flash
        assert "Full-day estimate: about" in flash and "last 4 sessions" in flash
        (photo,) = [m for m in botapi.sent_messages(CHARTS) if m.kind == "photo"]
        assert photo.photo and photo.photo.startswith(b"\x89PNG") and "500 billion yuan" in photo.plain_text
        from bot.alerts.store import AlertStore

        store: AlertStore = app.bot_data["marketbot.deps"].alerts
        assert [c.chat_id for c in store.enabled_chats()] == [GROUP, PRIVATE, CHARTS]  # 403 switched it off
        await tick(half.hour, half.minute + 1)

    # The bot restarts a minute later: a new Application and a new feed on the same data_dir.
    await asyncio.sleep(0)
    async with running_bot(settings, StandInService(), intraday=IntradayFeed(settings, clock=clock)) as app:
        await tick(half.hour, half.minute + 2)
        joined = await command(botapi, LATE, "/alerts on 0.5 1")  # after 0.5万亿 was crossed
        assert f"Already crossed today: 500 billion yuan ({half:%H:%M}); those are not flashed again" in joined
        mark = botapi.mark()
        source.failing = True  # the source fails exactly when 1万亿 is crossed: nothing is said
        await tick(one.hour, one.minute)
        assert not [c for c in botapi.calls_to("sendMessage", since=mark) if "1 trillion" in c.params["text"]]
        source.failing = False
        await tick(one.hour, one.minute + 1)  # the next tick catches up
        await tick(14, 59)
        await tick(15, 1)
        await tick(15, 30)  # after the close: nothing fetched
    flashes = {
        chat: [m.plain_text.splitlines()[0] for m in botapi.sent_messages(chat) if m.plain_text.startswith("⚡")]
        for chat in (PRIVATE, GROUP, CHARTS, BLOCKED, LATE)
    }
    assert flashes[PRIVATE] == [
        f"⚡ {half:%H:%M} Shanghai+Shenzhen turnover passed 500 billion yuan",
        f"⚡ {one:%H:%M} Shanghai+Shenzhen turnover passed 1 trillion yuan",
    ]
    assert len(flashes[GROUP]) == 2 and len(flashes[CHARTS]) == 1 and flashes[BLOCKED] == []
    assert flashes[LATE] == [f"⚡ {one:%H:%M} Shanghai+Shenzhen turnover passed 1 trillion yuan"]
    (second,) = [m.plain_text for m in botapi.sent_messages(PRIVATE) if m.plain_text.startswith("⚡ " + f"{one:%H:%M}")]
    cum, prev = cumulative_yuan(TODAY_BARS, TODAY, one), cumulative_yuan(history(), PAST[-1], one)
    assert f"({cum / 1e8:,.1f} 亿元)" in second and f"+{(cum - prev) / 1e8:,.1f} 亿元" in second
    # Eight good refreshes in session hours, two requests each; the failing one tried SH 1 + 2 retries.
    assert source.requests == 8 * 2 + 3
