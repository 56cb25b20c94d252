"""Streaming answers through the real Application and the fake Bot API: drafts in private chats, edits in groups."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

GROUP = -4021
BOT = "@marketbot_test_bot"
PARTIALS = ["两市", "两市成交额", "两市成交额 12345.67 亿元", "两市成交额 12345.67 亿元，较前一日"]


@pytest.fixture
def service() -> StandInService:
    service = StandInService()
    service.partials = PARTIALS
    service.partial_delay = 0.6  # past the drafts' 0.5 s interval: every partial is shown
    return service


@pytest.fixture
async def bot(botapi: FakeBotAPI, service: StandInService, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(bot_settings(tmp_path, botapi), service) as app:
        yield app


async def test_private_chat_streams_drafts_then_sends_one_message(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    question = botapi.inject_message("流式回答", chat_id=701)
    reply = await botapi.wait_for_message(701, timeout=8)
    await botapi.wait_until_idle(quiet=0.3)
    drafts = botapi.drafts(701)
    assert [d["text"] for d in drafts] == PARTIALS  # each growing text once, in order
    assert len({d["draft_id"] for d in drafts}) == 1 and drafts[0]["draft_id"] != 0
    assert all(d["parse_mode"] == "HTML" for d in drafts)
    # Then the answer itself, once, as a real message replying to the question; no edits at all.
    assert [m.message_id for m in botapi.sent_messages(701)] == [reply.message_id]
    assert "回答：流式回答" in reply.plain_text and reply.reply_to == question["message"]["message_id"]
    assert botapi.calls_to("editMessageText") == []
    assert max(d["at"] for d in drafts) <= next(c.at for c in botapi.calls_to("sendMessage", chat_id=701))
    # A new answer gets a new draft id (its preview does not animate from the last one).
    service.partials = ["第二个"]
    mark = botapi.mark()
    botapi.inject_message("第二问", chat_id=701)
    await botapi.wait_for_message(701, since=mark, timeout=8)
    assert botapi.drafts(701)[-1]["draft_id"] != drafts[0]["draft_id"]


async def test_group_keeps_one_message_edited_and_no_drafts(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_message(f"{BOT} 流式回答", chat_id=GROUP, user_id=5)
    await botapi.wait_for("editMessageText", ok=True, chat_id=GROUP, timeout=8)
    await asyncio.sleep(0.2)
    await botapi.wait_until_idle(quiet=0.3)
    assert botapi.drafts() == []
    (message,) = botapi.sent_messages(GROUP)  # the first partial, then edited (throttled) into the answer
    assert "回答：流式回答" in message.plain_text
    # 4 partials 0.6 s apart within a 3 s throttle: the placeholder and the final edit, at most one between.
    assert 1 <= message.edits <= 2


async def test_offline_answer_in_private_needs_no_draft(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    service.partials = []  # the offline answerer streams nothing
    botapi.inject_message("离线", chat_id=702)
    await botapi.wait_for_message(702)
    await botapi.wait_until_idle(quiet=0.3)
    assert botapi.drafts(702) == [] and len(botapi.calls_to("sendMessage", chat_id=702)) == 1


async def test_a_refused_draft_ends_the_previews_not_the_answer(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.fail_next("sendMessageDraft", 400, "Bad Request: method not available", chat_id=703)
    botapi.inject_message("流式", chat_id=703)
    reply = await botapi.wait_for_message(703, timeout=8)
    await botapi.wait_until_idle(quiet=0.3)
    assert "回答：流式" in reply.plain_text
    assert len(botapi.calls_to("sendMessageDraft", chat_id=703)) == 1 and botapi.drafts(703) == []
