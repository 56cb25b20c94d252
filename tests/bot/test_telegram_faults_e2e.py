"""Telegram faults while answering (issue 19), over real HTTP against the local Bot API server: a text
Telegram counts too long, a group that became a supergroup, a failing or unmatched button press, control
characters and lone surrogates in a question, and a malformed webhook body. Each send path (answers,
streamed edits, the push, the chart button) meets the same fault the same way."""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import date, datetime, time
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from bot.app import webhook_params
from bot.deps import ServiceHandle
from bot.push.job import DailyPush
from tests.bot.alert_harness import SH, Clock, ScriptedFeed
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

TOO_LONG = "Bad Request: message is too long"
ERROR_TEXTS = ("Sorry, something went wrong", "抱歉，处理时出错了")
OLD, NEW = -4900, -1000000004900
# About 900 visible characters in four paragraphs: Telegram may count it longer than we do.
LONG = "\n\n".join(f"第{i}段：两市成交额 12345.67 亿元，较上一交易日增加 321.09 亿元。" * 6 for i in range(4))


async def settle(botapi: FakeBotAPI, quiet: float = 0.3) -> None:
    for _ in range(300):
        if not botapi.pending_updates:
            break
        await asyncio.sleep(0.01)
    await botapi.wait_until_idle(quiet=quiet, timeout=10)


def texts(botapi: FakeBotAPI, chat_id: int) -> list[str]:
    return [m.plain_text for m in botapi.sent_messages(chat_id)]


def no_error_text(botapi: FakeBotAPI, chat_id: int) -> bool:
    return not any(e in text for text in texts(botapi, chat_id) for e in ERROR_TEXTS)


async def test_a_text_telegram_counts_too_long_is_re_split_on_every_path(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    service.next_text = LONG
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service) as app:
        # An answer with its chart button: both pieces arrive, HTML kept, the button on the last.
        botapi.fail_next("sendMessage", 400, TOO_LONG, chat_id=901)
        botapi.inject_message("/turnover", chat_id=901)
        await botapi.wait_for_calls("sendMessage", 2, ok=True, chat_id=901, timeout=8)
        # A streamed answer (edits: in groups; private chats stream drafts) whose final edit is refused as too
        # long: the edited message takes the first piece.
        service.partials, service.delay = ["第一部分……"], 1.1
        botapi.fail_next("editMessageText", 400, TOO_LONG, chat_id=-902)
        botapi.inject_message("/ask 流式长回答", chat_id=-902, chat_type="group")
        await botapi.wait_for("editMessageText", ok=True, chat_id=-902, timeout=8)
        await settle(botapi)
        service.partials, service.delay = [], 0.0
        # The daily push: the summary's text part arrives whole, then the chart; the ledger has it sent.
        store = app.bot_data["marketbot.deps"].store
        store.subscribe(903, None, time(15, 35), "zh")
        botapi.fail_next("sendMessage", 400, TOO_LONG, chat_id=903)
        report = await DailyPush(app.bot, ServiceHandle(service=service), store, settings).run(date(2025, 10, 9))
        await settle(botapi)
    first, second = botapi.sent_messages(901)
    assert first.plain_text + "\n\n" + second.plain_text == LONG
    assert first.parse_mode == second.parse_mode == "HTML"
    assert first.reply_markup is None and second.reply_markup["inline_keyboard"][0][0]["callback_data"].startswith(
        "chart:"
    )
    draft, *rest = botapi.sent_messages(-902)
    assert draft.edits == 1 and rest  # the draft became the first piece, the rest followed
    joined = "\n\n".join(texts(botapi, -902)).replace("来源\n\n[1]", "来源\n[1]")
    assert joined.startswith(LONG) and joined.endswith("沪深两市成交额突破1万亿 · example · 2025-10-09")
    assert report.sent == 2 and report.failed == 0
    *pieces, chart = botapi.sent_messages(903)
    assert len(pieces) >= 2 and {m.kind for m in pieces} == {"text"} and chart.kind == "photo"
    assert "\n\n".join(m.plain_text for m in pieces).startswith(LONG)
    assert all(no_error_text(botapi, chat) for chat in (901, -902, 903))


async def test_a_migrated_group_gets_its_answer_and_its_settings_follow(botapi: FakeBotAPI, tmp_path: Path) -> None:
    service = StandInService()
    settings = bot_settings(tmp_path, botapi)
    async with running_bot(settings, service) as app:
        deps = app.bot_data["marketbot.deps"]
        deps.store.subscribe(OLD, None, time(15, 35), "en")
        deps.store.set_chat_lang(OLD, "en")
        deps.alerts.enable(OLD, None, "en", [10000])
        botapi.add_chat(OLD, "group", title="Market chat")
        botapi.migrate_chat(OLD, NEW)  # the group is upgraded while its question is on the way
        botapi.inject_message("/ask 今天成交额？", chat_id=OLD, chat_type="group")
        answer = await botapi.wait_for_message(NEW, timeout=8)
        # The chart button under an answer the group got before the upgrade: the photo goes to the new id too.
        botapi.inject_callback_query("chart:20::", chat_id=OLD)
        await botapi.wait_for("sendPhoto", ok=True, chat_id=NEW, timeout=8)
        await settle(botapi)
        assert "回答：今天成交额？" in answer.plain_text
        assert [c.status for c in botapi.calls_to("sendMessage", chat_id=OLD)] == [400]  # once, then followed
        assert botapi.calls_to("sendPhoto", chat_id=OLD) == []
        assert [(s.chat_id, s.lang) for s in deps.store.subscriptions()] == [(NEW, "en")]
        assert deps.store.chat_lang(NEW) == "en" and deps.store.chat_lang(OLD) is None
        assert [c.chat_id for c in deps.alerts.enabled_chats()] == [NEW]
        assert ("move_chat", (OLD, NEW)) in service.calls  # the conversation memory moves through the service
    assert no_error_text(botapi, NEW)


async def test_a_failing_answer_to_a_button_press_never_stops_the_chart(botapi: FakeBotAPI, tmp_path: Path) -> None:
    clock = Clock(datetime(2025, 10, 9, 10, 30, tzinfo=SH))
    async with running_bot(bot_settings(tmp_path, botapi), StandInService(), intraday=ScriptedFeed(clock)):
        botapi.fail_next("answerCallbackQuery", 502)
        botapi.inject_callback_query("chart:20::", chat_id=911)
        await botapi.wait_for("sendPhoto", ok=True, chat_id=911, timeout=8)
        botapi.fail_next("answerCallbackQuery", 500)
        botapi.inject_callback_query("ichart::", chat_id=912)
        await botapi.wait_for("sendPhoto", ok=True, chat_id=912, timeout=8)
        await settle(botapi)
    assert [c.status for c in botapi.calls_to("answerCallbackQuery")] == [502, 500]
    assert [m.kind for m in botapi.sent_messages(911)] == ["photo"]
    assert [m.kind for m in botapi.sent_messages(912)] == ["photo"]
    assert no_error_text(botapi, 911) and no_error_text(botapi, 912)


async def test_every_button_press_is_answered_an_unknown_one_as_expired(botapi: FakeBotAPI, tmp_path: Path) -> None:
    async with running_bot(bot_settings(tmp_path, botapi), StandInService()):
        for data in ("v1:turnover:2024-01-02", "chart:99999::", "ichart:not-a-day:", "forged"):
            mark = botapi.mark()
            botapi.inject_callback_query(data, chat_id=921)
            call = await botapi.wait_for("answerCallbackQuery", ok=True, since=mark, timeout=5)
            assert call.params.get("text") == "这个按钮已过期", data
        await settle(botapi)
    assert botapi.sent_messages(921) == []


async def test_control_characters_and_lone_surrogates_do_not_lose_the_conversation(
    botapi: FakeBotAPI, tmp_path: Path
) -> None:
    from agent.service import MarketService
    from tests.agent.agent_fakes import real_ctx

    service = MarketService(real_ctx(tmp_path / "ctx"))
    async with running_bot(bot_settings(tmp_path, botapi), service):
        botapi.inject_message("2025年10月9日\x00两市成交额\x1b是多少？\ud83d", chat_id=931)
        first = await botapi.wait_for_message(931, timeout=20)
        mark = botapi.mark()
        botapi.inject_message("那前一天呢？", chat_id=931)
        follow = await botapi.wait_for_message(931, since=mark, timeout=20)
    assert "26532.0亿元" in first.plain_text
    assert "21814.2亿元" in follow.plain_text  # 2025-09-30: the stored first turn was read back
    (stored,) = [t.text for t in service.memory.load("931:0:931") if t.role == "user"][:1]
    assert stored == "2025年10月9日两市成交额是多少？"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_a_malformed_webhook_body_with_the_right_secret_is_a_400_and_one_line(
    botapi: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/tg/hook"
    settings = bot_settings(
        tmp_path,
        botapi,
        webhook_url=url,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=SecretStr("s3cret-Token_1"),
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1", "Content-Type": "application/json"}
    async with running_bot(settings, StandInService(), polling=False) as app:
        await app.updater.start_webhook(**webhook_params(settings))  # type: ignore[arg-type]
        caplog.clear()
        caplog.set_level(logging.DEBUG)
        statuses = []
        async with aiohttp.ClientSession(trust_env=False) as session:
            for body in (b'{"update_id": 5, "message": {', b"[1, 2]", b"\xff\xfe"):
                async with session.post(url, data=body, headers=headers) as response:
                    statuses.append(response.status)
        logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
        update = botapi.inject_message("之后的问题", chat_id=941)
        assert await botapi.deliver_webhook(update) == 200  # the endpoint still serves good updates
        await botapi.wait_for_message(941, timeout=5)
    assert statuses == [400, 400, 400]
    assert len(logged) == 3 and all(r.exc_info is None and "webhook" in r.getMessage() for r in logged)
