"""The daily push over real HTTP: several chats, blocked, migrated and vanished ones, 429 and 5xx.

Crashes, downtime, late data and stops: test_push_recovery.py."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, time
from pathlib import Path

import pytest
import time_machine

from bot.deps import ServiceHandle
from bot.push.job import DailyPush
from bot.push.runner import runner_of
from bot.push.subscriptions import SubscriptionStore
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

DAY = date(2025, 10, 9)
PUSH = time(15, 35)


def kinds(botapi: FakeBotAPI, chat_id: int) -> list[str]:
    return [m.kind for m in botapi.sent_messages(chat_id)]


async def test_push_to_several_chats_with_blocked_migrated_and_channel(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    settings = bot_settings(tmp_path, botapi, push_channels=["@marketnews"])
    botapi.add_chat(-1000000000555, "channel", username="marketnews")
    botapi.block_chat(203)
    botapi.migrate_chat(-4002, -1000000004002)
    async with running_bot(settings, service, polling=False) as app:
        store: SubscriptionStore = app.bot_data["marketbot.deps"].store
        store.subscribe(201, None, PUSH, "zh")
        store.subscribe(-4002, None, PUSH, "en")
        store.subscribe(203, None, PUSH, "zh")
        store.subscribe(-1000000000204, 5, PUSH, "zh")
        store.subscribe(205, None, time(9, 0), "zh")  # another slot: not part of this push
        push = DailyPush(app.bot, ServiceHandle(service=service), store, settings)
        report = await push.run(DAY, PUSH)

        assert kinds(botapi, 201) == ["text", "photo"]
        assert (
            kinds(botapi, -1000000004002) == ["text", "photo"]
            and "close" in botapi.sent_messages(-1000000004002)[0].plain_text
        )  # English subscriber, resent to the new id
        assert kinds(botapi, -1000000000204) == ["text", "photo"]
        assert {m.message_thread_id for m in botapi.sent_messages(-1000000000204)} == {5}
        assert kinds(botapi, -1000000000555) == ["text", "photo"]
        assert kinds(botapi, 203) == [] and kinds(botapi, 205) == []
        assert report.unsubscribed == [203] and report.migrated == {-4002: -1000000004002}
        assert {s.chat_id for s in store.subscriptions()} == {201, -1000000004002, -1000000000204, 205}
        text = botapi.sent_messages(201)[0]
        assert text.parse_mode == "HTML" and '<a href="https://example.com/n1">新闻 &lt;1&gt;</a>' in text.text
        uploads = [c for c in botapi.calls_to("sendPhoto", ok=True) if c.files]
        assert len(uploads) == 1  # the chart is uploaded once, then sent by file_id
        assert ("chart_png", (60, DAY, DAY)) in service.calls

        again = await push.run(DAY, PUSH)  # the job firing twice the same day sends nothing
        assert again.sent == 0 and again.already_sent == 8
        assert kinds(botapi, 201) == ["text", "photo"]


async def test_push_retries_429_and_5xx_once_each_delivered(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service, polling=False) as app:
        store = app.bot_data["marketbot.deps"].store
        store.subscribe(401, None, PUSH, "zh")
        store.subscribe(402, None, PUSH, "zh")
        botapi.fail_next("sendMessage", 429, retry_after=1, chat_id=401)
        botapi.fail_next("sendMessage", 502, chat_id=402)
        botapi.fail_next("sendPhoto", 500, chat_id=402, times=2)
        push = DailyPush(app.bot, ServiceHandle(service=service), store, settings, backoff_s=0.05)
        report = await push.run(DAY, PUSH)
    assert kinds(botapi, 401) == ["text", "photo"] and kinds(botapi, 402) == ["text", "photo"]
    assert [c.status for c in botapi.calls_to("sendMessage", chat_id=401)] == [429, 200]
    assert [c.status for c in botapi.calls_to("sendPhoto", chat_id=402)] == [500, 500, 200]
    assert report.sent == 4 and report.failed == 0


async def test_daily_job_is_scheduled_in_shanghai_and_skips_non_trading_days(
    botapi: FakeBotAPI, tmp_path: Path, caplog
) -> None:  # noqa: ANN001
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service, polling=False) as app:
        store = app.bot_data["marketbot.deps"].store
        with time_machine.travel(datetime(2025, 10, 9, 9, 0, tzinfo=settings.zone), tick=False):
            store.subscribe(501, None, PUSH, "zh")
        (job,) = app.job_queue.get_jobs_by_name("push 15:35")
        next_run: datetime = job.next_t.astimezone(settings.zone)
        assert (next_run.hour, next_run.minute, next_run.weekday() < 5) == (15, 35, True)
        assert app.job_queue.get_jobs_by_name("ingest news")

        runner = runner_of(app)
        with time_machine.travel(datetime(2025, 10, 9, 15, 35, tzinfo=settings.zone), tick=False):
            service.trading_days = set()
            await job.run(app)  # the job starts a pass in the background
            await runner.idle()
            assert kinds(botapi, 501) == []
            service.trading_days = {DAY}
            await job.run(app)
            await runner.idle()
            assert kinds(botapi, 501) == ["text", "photo"]

        async def broken() -> None:
            raise RuntimeError("source down")

        service.refresh_market = broken  # type: ignore[attr-defined]
        caplog.set_level(logging.WARNING)
        (refresh,) = app.job_queue.get_jobs_by_name("refresh market 15:10")
        await refresh.run(app)  # logged, never raised
        assert "market refresh failed: source down" in caplog.text


async def test_push_bad_request_is_final_not_retried(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service, polling=False) as app:
        store = app.bot_data["marketbot.deps"].store
        store.subscribe(-1000000000451, 9, PUSH, "zh")
        botapi.fail_next("sendMessage", 400, "Bad Request: message thread not found", chat_id=-1000000000451)
        report = await DailyPush(app.bot, ServiceHandle(service=service), store, settings, backoff_s=0.05).run(
            DAY, PUSH
        )
        assert [c.status for c in botapi.calls_to("sendMessage", chat_id=-1000000000451)] == [400]
        assert report.failed == 1 and report.sent == 0
        assert store.ledger_state("-1000000000451", 9, DAY, "text:0") == "failed"  # not retried today
        assert store.subscriptions() == []  # the topic is gone: unsubscribed


async def test_chat_not_found_unsubscribes_and_5xx_left_for_a_later_run(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service, polling=False) as app:
        store = app.bot_data["marketbot.deps"].store
        store.subscribe(461, None, PUSH, "zh")
        store.subscribe(462, None, PUSH, "zh")
        botapi.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=461)
        botapi.fail_next("sendMessage", 502, chat_id=462, times=2)
        push = DailyPush(app.bot, ServiceHandle(service=service), store, settings, attempts=2, backoff_s=0.01)
        report = await push.run(DAY, PUSH)
        assert report.unsubscribed == [461] and [s.chat_id for s in store.subscriptions()] == [462]
        assert report.not_finished == 1 and store.ledger_state("462", None, DAY, "text:0") is None
        assert store.done_recipients(DAY) == {("461", None)}
        again = await push.run(DAY, PUSH, targets=push.targets(PUSH))
        assert again.sent == 2 and kinds(botapi, 462) == ["text", "photo"] and kinds(botapi, 461) == []


async def test_push_timeouts_are_sent_again_up_to_three_times(
    botapi: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.push.job.PUSH_READ_TIMEOUT_S", 0.2)
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service, polling=False) as app:
        store = app.bot_data["marketbot.deps"].store
        store.subscribe(471, None, PUSH, "zh")
        botapi.set_delay("sendMessage", 0.4)  # every text send times out, yet arrives
        push = DailyPush(app.bot, ServiceHandle(service=service), store, settings, backoff_s=0.01)
        report = await push.run(DAY, PUSH)
        await asyncio.sleep(0.4)
        assert report.uncertain == 3 and store.ledger_state("471", None, DAY, "text:0") == "uncertain"
        assert store.done_recipients(DAY) == {("471", None)}  # given up as maybe-delivered, chart sent
        assert sorted(kinds(botapi, 471)) == ["photo", "text", "text", "text"]
        botapi.set_delay("sendMessage", 0)
        assert (await push.run(DAY, PUSH)).sent == 0  # and never a fourth time
