"""Interactive replies under Telegram faults (5xx, slow answers), and the smaller delivery fixes:
group /lang for admins only, refused button presses answered, splitting counted on visible text."""

from __future__ import annotations

import asyncio
from pathlib import Path

from agent.answer import Answer
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

GROUP = -4011
ERROR_TEXTS = ("Sorry, something went wrong", "抱歉")


async def settle(botapi: FakeBotAPI, quiet: float = 0.3) -> None:
    for _ in range(200):
        if not botapi.pending_updates:
            break
        await asyncio.sleep(0.01)
    await botapi.wait_until_idle(quiet=quiet, timeout=10)


def texts(botapi: FakeBotAPI, chat_id: int) -> list[str]:
    return [m.plain_text for m in botapi.sent_messages(chat_id)]


async def test_a_5xx_on_the_answer_is_retried_not_reported_as_an_error(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    async with running_bot(bot_settings(tmp_path, botapi), service):
        botapi.fail_next("sendMessage", 502, chat_id=801)
        botapi.fail_next("sendMessage", 500, chat_id=802, times=2)
        botapi.inject_message("今天成交额？", chat_id=801)
        botapi.inject_message("/turnover", chat_id=802)
        await botapi.wait_for("sendMessage", ok=True, chat_id=801)
        await botapi.wait_for("sendMessage", ok=True, chat_id=802, timeout=8)
        await settle(botapi)
    (answer,) = texts(botapi, 801)
    assert "回答：今天成交额？" in answer
    assert [c.status for c in botapi.calls_to("sendMessage", chat_id=802)] == [500, 500, 200]
    (turnover,) = texts(botapi, 802)
    assert "12345.67 亿元" in turnover


async def test_a_slow_send_gives_the_answer_and_no_contradicting_error(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    async with running_bot(bot_settings(tmp_path, botapi), service, read_timeout=0.4):
        botapi.set_delay("sendMessage", 0.8)  # slower than the read timeout: the bot times out, the send lands
        botapi.inject_message("慢回答", chat_id=811)
        await botapi.wait_for("sendMessage", ok=True, chat_id=811, timeout=5)
        await asyncio.sleep(0.6)  # room for an error message (sent at the timeout, 0.8 s to answer)
        botapi.set_delay("sendMessage", 0)
        await settle(botapi)
    sent = texts(botapi, 811)
    assert len(sent) == 1 and "回答：慢回答" in sent[0]
    assert not any(e in text for text in sent for e in ERROR_TEXTS)
    assert len(botapi.calls_to("sendMessage", chat_id=811)) == 1  # not re-sent either


async def test_a_slow_final_edit_of_a_streamed_answer_is_retried(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    service.partials = ["第一部分……"]
    service.delay = 1.1  # past the draft's min interval, so the final text replaces the draft by an edit
    async with running_bot(bot_settings(tmp_path, botapi), service, read_timeout=0.4):
        botapi.set_delay("editMessageText", 0.6)
        # A group: private chats stream native drafts and send the final answer once (no edit).
        botapi.inject_message("@marketbot_test_bot 流式", chat_id=-821)
        await botapi.wait_for("editMessageText", ok=True, chat_id=-821, timeout=5)
        botapi.set_delay("editMessageText", 0)
        await asyncio.sleep(0.8)
        await settle(botapi)
    (message,) = botapi.sent_messages(-821)  # one message: the draft, edited into the final answer
    assert "回答：流式" in message.plain_text


async def test_group_language_is_for_admins_only(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    async with running_bot(bot_settings(tmp_path, botapi), service) as app:
        store = app.bot_data["marketbot.deps"].store
        botapi.set_admins(GROUP, [9])
        botapi.inject_message("/lang en", chat_id=GROUP, user_id=5, language_code="zh")
        refused = await botapi.wait_for_message(GROUP)
        assert "管理员" in refused.plain_text and store.chat_lang(GROUP) is None
        mark = botapi.mark()
        botapi.inject_message("/lang en", chat_id=GROUP, user_id=9)
        assert "English" in (await botapi.wait_for_message(GROUP, since=mark)).plain_text
        assert store.chat_lang(GROUP) == "en"
        botapi.inject_message("/lang zh", chat_id=831)  # a private chat is its own admin
        assert "中文" in (await botapi.wait_for_message(831)).plain_text


async def test_a_refused_button_press_is_answered(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    async with running_bot(bot_settings(tmp_path, botapi, allowed_user_ids=[7]), service):
        botapi.inject_callback_query("chart:60::", chat_id=841, user_id=841)
        call = await botapi.wait_for("answerCallbackQuery", ok=True)
        assert call.params.get("show_alert") is True and call.params.get("text")
        await settle(botapi)
    assert not botapi.calls_to("sendPhoto") and service.calls == []


async def test_text_heavy_in_markup_characters_is_split_on_what_telegram_counts(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    service = StandInService()
    text = "\n".join(" ".join(["A&B <C>"] * 40) for _ in range(24))  # 7,700 visible characters, 17,000 escaped

    async def summary(day=None, lang="zh"):  # noqa: ANN001, ANN202
        return Answer(text=text, lang="zh")

    service.daily_summary = summary  # type: ignore[method-assign]
    async with running_bot(bot_settings(tmp_path, botapi), service):
        botapi.inject_message("/summary", chat_id=851)
        await botapi.wait_for_calls("sendMessage", 2, ok=True, chat_id=851)
        await settle(botapi)
    sent = texts(botapi, 851)
    assert len(sent) == 2 and "\n".join(sent) == text  # not 5 or 6 messages
