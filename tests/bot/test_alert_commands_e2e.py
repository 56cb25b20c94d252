"""/alerts and /chart intraday over real HTTP: who may change what, the syntax, and the chart on demand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, time
from pathlib import Path

import pytest
from telegram.ext import Application

from agent.answer import Answer, ChartRequest
from bot.alerts.store import AlertStore
from tests.bot.alert_harness import SH, Clock, ScriptedFeed
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

GROUP = -4011


@pytest.fixture
def feed() -> ScriptedFeed:
    return ScriptedFeed(Clock(datetime(2025, 10, 9, 10, 0, 5, tzinfo=SH)))


@pytest.fixture
async def bot(botapi: FakeBotAPI, feed: ScriptedFeed, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), intraday=feed) as app:
        yield app


def store_of(app: Application) -> AlertStore:
    return app.bot_data["marketbot.deps"].alerts


async def reply(botapi: FakeBotAPI, chat_id: int, text: str, **kwargs: object) -> str:
    mark = botapi.mark()
    botapi.inject_message(text, chat_id=chat_id, **kwargs)  # type: ignore[arg-type]
    return (await botapi.wait_for_message(chat_id, since=mark)).plain_text


async def test_private_chat_turns_alerts_on_with_its_thresholds(bot: Application, botapi: FakeBotAPI) -> None:
    status = await reply(botapi, 601, "/alerts")
    assert "Crossing alerts here: off" in status and "/alerts on" in status
    on = await reply(botapi, 601, "/alerts on 1.5万亿 2T")
    assert "Crossing alerts on: 1.5 trillion yuan, 2 trillion yuan" in on
    chat = store_of(bot).chat(601, None)
    assert chat is not None and chat.enabled and chat.thresholds_yi == (15000, 20000)
    assert chat.enabled_at == datetime(2025, 10, 9, 10, 0, 5, tzinfo=SH)  # the feed's clock

    assert "at most 6" in (await reply(botapi, 601, "/alerts thresholds 1 1.5 2 2.5 3 3.5 4")).lower()
    assert "out of range" in await reply(botapi, 601, "/alerts set 9")
    assert store_of(bot).chat(601, None).thresholds_yi == (15000, 20000)  # type: ignore[union-attr]
    assert "set to: 1 trillion yuan" in await reply(botapi, 601, "/alerts thresholds 1万亿")
    assert "carry the intraday chart" in await reply(botapi, 601, "/alerts charts on")
    status = await reply(botapi, 601, "/alerts")
    assert "on. Thresholds: 1 trillion yuan. Chart attached: yes." in status
    assert "Crossing alerts off" in await reply(botapi, 601, "/alerts off")
    assert store_of(bot).enabled_chats() == []


async def test_group_non_admin_is_refused_and_admin_may_change(bot: Application, botapi: FakeBotAPI) -> None:
    botapi.set_admins(GROUP, [9])
    refused = await reply(botapi, GROUP, "/alerts on", user_id=5)
    assert "Only the chat's administrators" in refused
    assert store_of(bot).chat(GROUP, None) is None
    assert "Crossing alerts here: off" in await reply(botapi, GROUP, "/alerts", user_id=5)  # reading is open
    assert "Crossing alerts on: 1 trillion yuan, 1.5 trillion yuan" in await reply(
        botapi, GROUP, "/alerts on", user_id=9
    )  # the settings' lines from 1万亿 up
    assert "Only the chat's administrators" in await reply(botapi, GROUP, "/alerts off", user_id=5)
    assert "administrators" in await reply(botapi, GROUP, "/alerts charts on", user_id=5)
    chat = store_of(bot).chat(GROUP, None)
    assert chat is not None and chat.enabled and not chat.charts
    forum = -1000000000088
    botapi.set_admins(forum, [9])
    topic = await reply(botapi, forum, "/alerts on 2", user_id=9, message_thread_id=4)
    assert "2 trillion yuan" in topic  # a forum topic has its own setting
    assert store_of(bot).chat(forum, 4) is not None and store_of(bot).chat(forum, None) is None


async def test_chinese_help_and_bad_syntax_change_nothing(bot: Application, botapi: FakeBotAPI) -> None:
    await reply(botapi, 602, "/lang zh")
    text = await reply(botapi, 602, "/alerts 开")
    assert text.startswith("已开启成交额突破提醒：1万亿元、1.5万亿元、2万亿元")
    assert "本聊天的突破提醒：已开启" in await reply(botapi, 602, "/alerts")
    assert "看不懂的阈值" in await reply(botapi, 602, "/alerts on 一万亿")
    assert "/alerts charts on|off" in await reply(botapi, 602, "/alerts charts maybe")
    assert "已关闭" in await reply(botapi, 602, "/alerts 关")


async def test_chart_intraday_command_and_button(bot: Application, botapi: FakeBotAPI, feed: ScriptedFeed) -> None:
    mark = botapi.mark()
    botapi.inject_message("/chart intraday", chat_id=603)
    photo = await botapi.wait_for_message(603, since=mark)
    assert photo.kind == "photo" and "cumulative turnover today" in photo.plain_text
    assert feed.calls[-1] == ("chart_png", (None, None))

    # The 📊 button of an intraday answer carries the session; pressing it sends that session's chart.
    from bot.handlers import send_answer
    from bot.replies import Target

    day = feed.now().date()
    answer = Answer(
        text="截至10:00 两市成交额 5000.0亿元", chart=ChartRequest(kind="intraday", end=day, at=time(10, 0))
    )
    await send_answer(bot.bot, Target(603), answer)
    last = botapi.sent_messages(603)[-1]
    mark = botapi.mark()
    assert last.reply_markup is not None
    data = last.reply_markup["inline_keyboard"][0][0]["callback_data"]
    assert data == f"ichart:{day.isoformat()}:1000"
    botapi.inject_callback_query(data, chat_id=603, message_id=last.message_id)
    photo = await botapi.wait_for_message(603, since=mark)
    assert photo.kind == "photo" and feed.calls[-1] == ("chart_png", (day, time(10, 0)))

    mark = botapi.mark()
    botapi.inject_message("/chart 30", chat_id=603)  # the daily chart is untouched
    assert (await botapi.wait_for_message(603, since=mark)).kind == "photo"
    assert feed.calls[-1][0] == "chart_png" and len([c for c in feed.calls if c[0] == "chart_png"]) == 2


async def test_opting_in_never_contradicts_the_flashes(
    bot: Application, botapi: FakeBotAPI, feed: ScriptedFeed
) -> None:
    """The reply to /alerts on names the crossings that will not be flashed; every other one is flashed once."""
    from bot.alerts.job import JOB_NAME, CrossingAlerts
    from tests.bot.test_alerts_job_e2e import crossing

    opt_in = feed.now()  # 10:00:05: the 10:00 bar is out, the 09:59 one is older than the opt-in minute
    feed.crossing_list = [
        crossing(10000, opt_in.replace(minute=59, hour=9, second=0)),
        crossing(15000, opt_in.replace(second=0)),
    ]
    joined = await reply(botapi, 604, "/alerts on 1 1.5")
    assert "Already crossed today: 1 trillion yuan (09:59)" in joined and "1.5 trillion" not in joined.split("\n")[-1]
    (job,) = bot.job_queue.get_jobs_by_name(JOB_NAME)
    alerts: CrossingAlerts = job.data
    mark = botapi.mark()
    feed.clock.set(10, 1)
    await alerts.tick()
    flashed = [c.params["text"] for c in botapi.calls_to("sendMessage", since=mark)]
    assert len(flashed) == 1 and "1.5 trillion" in flashed[0]  # 1万亿 was not flashed: the reply said so
