"""The alert job over real HTTP with a scripted feed: when it runs, whom it tells, and delivery failures."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path

from telegram.ext import Application

from agent.intraday_feed import AlertCrossing
from bot.alerts.job import JOB_NAME, AlertReport, CrossingAlerts, first_tick_delay
from bot.alerts.store import AlertStore
from tests.bot.alert_harness import SH, Clock, ScriptedFeed
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

DAY = date(2025, 10, 9)


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2025, 10, 9, hh, mm, ss, tzinfo=SH)


def crossing(threshold_yi: float, when: datetime) -> AlertCrossing:
    return AlertCrossing(
        threshold_yi=threshold_yi,
        at=when,
        total_yi=threshold_yi + 12.3,
        prev_date=date(2025, 9, 30),
        prev_same_time_yi=threshold_yi - 500.0,
        diff_yi=512.3,
        diff_pct=5.4,
        estimate_yi=21000.0,
        estimate_low_yi=20000.0,
        estimate_high_yi=22000.0,
        estimate_sessions=5,
    )


def alerts_of(app: Application) -> CrossingAlerts:
    (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
    return job.data


def store_of(app: Application) -> AlertStore:
    return app.bot_data["marketbot.deps"].alerts


async def tick(app: Application, clock: Clock, hh: int, mm: int) -> AlertReport | None:
    clock.set(hh, mm)
    return await alerts_of(app).tick()


def flashes(botapi: FakeBotAPI, chat_id: int) -> list[str]:
    """Each flash's headline (a late flash opens with its late note, the headline follows)."""
    return [
        next(line for line in m.plain_text.splitlines() if line.startswith("⚡")) for m in botapi.sent_messages(chat_id)
    ]


async def test_one_flash_per_chat_and_threshold_through_a_session_with_a_restart(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    clock = Clock(at(9, 20))
    feed = ScriptedFeed(clock)
    feed.crossing_list = [crossing(10000, at(10, 21)), crossing(15000, at(13, 40))]
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, StandInService(), polling=False, intraday=feed) as app:
        store = store_of(app)
        store.enable(701, None, "zh", [10000, 15000], at=at(9, 20))
        store.enable(-702, None, "en", [10000], at=at(9, 20))
        store.enable(703, None, "zh", [10000, 15000], at=at(9, 20))
        store.set_charts(703, None, "zh", True, [])
        store.set_thresholds(704, None, "zh", [10000])  # thresholds chosen, never switched on

        assert await tick(app, clock, 9, 20) is None  # before the session: nothing fetched
        assert feed.calls == []
        report = await tick(app, clock, 10, 20)
        assert report is not None and report.refreshed and report.sent == 0
        report = await tick(app, clock, 10, 21)
        assert report is not None and report.sent == 3
        assert flashes(botapi, 701) == ["⚡ 10:21 沪深两市成交额突破1万亿元"]
        assert flashes(botapi, -702) == ["⚡ 10:21 Shanghai+Shenzhen turnover passed 1 trillion yuan"]
        (photo,) = botapi.sent_messages(703)
        assert photo.kind == "photo" and "突破1万亿元" in photo.plain_text and "放量" in photo.plain_text
        assert ("chart_png", (DAY, None)) in feed.calls
        assert botapi.sent_messages(704) == []
        report = await tick(app, clock, 10, 22)
        assert report is not None and report.sent == 0 and report.already_sent == 3
        assert [name for name, _ in feed.calls].count("chart_png") == 1  # nothing new: no chart drawn

    # A new process on the same data_dir, restarted mid-session.
    async with running_bot(settings, StandInService(), polling=False, intraday=feed) as app:
        report = await tick(app, clock, 10, 25)
        assert report is not None and report.sent == 0 and report.already_sent == 3
        assert await tick(app, clock, 12, 0) is None  # lunch break: no refresh
        report = await tick(app, clock, 13, 40)
        assert report is not None and report.sent == 2  # 1.5万亿 for the two chats that asked
        await tick(app, clock, 13, 41)
    assert flashes(botapi, 701) == ["⚡ 10:21 沪深两市成交额突破1万亿元", "⚡ 13:40 沪深两市成交额突破1.5万亿元"]
    assert len(flashes(botapi, -702)) == 1 and len(botapi.sent_messages(703)) == 2
    assert len(botapi.calls_to("sendMessage", ok=True)) + len(botapi.calls_to("sendPhoto", ok=True)) == 5


async def test_old_crossings_and_crossings_before_opting_in_are_not_flashed(botapi: FakeBotAPI, tmp_path: Path) -> None:
    clock = Clock(at(14, 0))
    feed = ScriptedFeed(clock)
    feed.crossing_list = [crossing(10000, at(10, 20)), crossing(15000, at(13, 55)), crossing(20000, at(14, 3))]
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), polling=False, intraday=feed) as app:
        store = store_of(app)
        store.enable(711, None, "zh", [10000, 15000, 20000], at=at(9, 0))
        store.enable(712, None, "zh", [15000, 20000], at=at(13, 58))  # opted in after 13:55
        report = await tick(app, clock, 14, 0)  # the bot starts at 14:00: 10:20 is far too old
        assert report is not None and report.too_old == 1 and report.sent == 1
        assert flashes(botapi, 711) == ["⚡ 13:55 沪深两市成交额突破1.5万亿元"]
        assert botapi.sent_messages(711)[0].plain_text.startswith("（延迟通知：14:00才发出）")  # 5 minutes late
        assert flashes(botapi, 712) == []
        await tick(app, clock, 14, 3)
        assert flashes(botapi, 712) == ["⚡ 14:03 沪深两市成交额突破2万亿元"]
        assert len(flashes(botapi, 711)) == 2


async def test_a_failed_refresh_still_flashes_what_is_stored_and_fresh(botapi: FakeBotAPI, tmp_path: Path) -> None:
    clock = Clock(at(10, 0))
    feed = ScriptedFeed(clock)  # its crossings are what the minute store holds (fetched earlier or imported)
    feed.crossing_list = [crossing(10000, at(10, 21)), crossing(15000, at(10, 5))]
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), polling=False, intraday=feed) as app:
        store_of(app).enable(721, None, "en", [10000, 15000], at=at(9, 0))
        feed.fail_refresh = RuntimeError("eastmoney timed out")
        report = await tick(app, clock, 10, 21)
        assert report is not None and not report.refreshed and report.sent == 1
        assert report.too_old == 1  # 10:05 is stale by 10:21: nothing said about it
        feed.fail_refresh = None
        report = await tick(app, clock, 10, 22)
        assert report is not None and report.refreshed and report.sent == 0 and report.already_sent == 1
        (text,) = [m.plain_text for m in botapi.sent_messages(721)]
        assert text.startswith("⚡ 10:21")

        feed.trading_days = set()  # a holiday: nothing is fetched
        calls = len(feed.calls)
        assert await tick(app, clock, 10, 30) is None and len(feed.calls) == calls


async def test_blocked_and_vanished_chats_are_switched_off_and_5xx_is_retried(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    clock = Clock(at(10, 0))
    feed = ScriptedFeed(clock)
    feed.crossing_list = [crossing(10000, at(10, 21)), crossing(15000, at(10, 40))]
    botapi.block_chat(731)
    botapi.migrate_chat(-4733, -1000000004733)
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), polling=False, intraday=feed) as app:
        store = store_of(app)
        for chat in (731, -732, -4733, 734):
            store.enable(chat, None, "zh", [10000, 15000], at=at(9, 0))
        alerts_of(app)._backoff_s = 0.05
        botapi.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=-732)
        botapi.fail_next("sendMessage", 502, chat_id=734, times=2)
        report = await tick(app, clock, 10, 21)
        assert report is not None and sorted(report.disabled) == [-732, 731]
        assert report.sent == 2  # the migrated group (at its new id) and 734 after two 502s
        assert [c.status for c in botapi.calls_to("sendMessage", chat_id=734)] == [502, 502, 200]
        assert [c.chat_id for c in store.enabled_chats()] == [-1000000004733, 734]
        assert len(flashes(botapi, -1000000004733)) == 1
        report = await tick(app, clock, 10, 40)
        assert report is not None and report.sent == 2
        assert botapi.calls_to("sendMessage", chat_id=731, ok=True) == []
        assert len(botapi.calls_to("sendMessage", chat_id=731)) == 1  # never tried again once blocked


def test_ticks_follow_the_minute() -> None:
    assert first_tick_delay(at(10, 0, 0), 60) == 5
    assert first_tick_delay(at(10, 0, 58), 60) == 7
    assert first_tick_delay(at(10, 0, 5), 60) == 60
    assert first_tick_delay(at(10, 0, 30), 45) == 5  # not a whole minute: start soon
    assert first_tick_delay(at(10, 0, 30), 0.5) == 0.5


async def test_the_job_queue_runs_the_ticks_by_itself(botapi: FakeBotAPI, tmp_path: Path) -> None:
    clock = Clock(at(10, 21, 5))
    feed = ScriptedFeed(clock)
    feed.crossing_list = [crossing(10000, at(10, 21))]
    settings = bot_settings(tmp_path, botapi, intraday_refresh_s=0.3)
    async with running_bot(settings, StandInService(), polling=False, intraday=feed) as app:
        store_of(app).enable(741, None, "zh", [10000], at=at(9, 0))
        flash = await botapi.wait_for_message(741, timeout=5)
        assert flash.plain_text.startswith("⚡ 10:21")
        await asyncio.sleep(1.0)  # more ticks: still one flash
        assert [name for name, _ in feed.calls].count("refresh") >= 3
    assert len(botapi.sent_messages(741)) == 1


async def test_a_deleted_topic_switches_off_that_topic_only(botapi: FakeBotAPI, tmp_path: Path) -> None:
    clock = Clock(at(10, 0))
    feed = ScriptedFeed(clock)
    feed.crossing_list = [crossing(10000, at(10, 21)), crossing(15000, at(10, 40))]
    forum = -1000000000077
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), polling=False, intraday=feed) as app:
        store = store_of(app)
        for topic in (4, 5):
            store.enable(forum, topic, "zh", [10000, 15000], at=at(9, 0))
        botapi.fail_next("sendMessage", 400, "Bad Request: message thread not found", chat_id=forum)
        report = await tick(app, clock, 10, 21)  # the first send (one of the topics) is refused
        assert report is not None and report.sent == 1 and report.failed == 1
        (alive,) = [(c.chat_id, c.thread_id) for c in store.enabled_chats()]  # the other topic keeps its alerts
        await tick(app, clock, 10, 40)
    (last,) = botapi.calls_to("sendMessage", chat_id=forum, since=0)[-1:]
    assert last.status == 200 and last.params.get("message_thread_id") == alive[1]


async def test_a_stopping_bot_starts_no_new_flash_and_the_next_tick_sends_the_rest(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    clock = Clock(at(10, 21, 5))
    feed = ScriptedFeed(clock)
    feed.crossing_list = [crossing(10000, at(10, 21))]
    chats = range(800, 840)
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), polling=False, intraday=feed) as app:
        deps = app.bot_data["marketbot.deps"]
        for chat in chats:
            deps.alerts.enable(chat, None, "zh", [10000], at=at(9, 0))
        running = [True]
        alerts = CrossingAlerts(app.bot, feed, deps.alerts, deps.store, concurrency=4, running=lambda: running[0])
        botapi.set_delay("sendMessage", 0.2)
        ticking = asyncio.create_task(alerts.tick())
        await botapi.wait_for_message(timeout=5)
        running[0] = False  # SIGTERM: the sends in flight finish, no new one starts
        first = await ticking
        assert first is not None and 0 < first.sent < len(chats)
        assert deps.store.ledger_counts(DAY) == {"sent": first.sent}  # nothing left claimed
        running[0] = True
        botapi.set_delay("sendMessage", 0)
        second = await alerts.tick()
        assert second is not None and second.sent == len(chats) - first.sent
    assert all(len(botapi.sent_messages(chat)) == 1 for chat in chats)
