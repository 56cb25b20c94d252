"""The real PTB Application, long-polling the fake Bot API server over HTTP, with a stand-in service."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import date, time
from pathlib import Path

import pytest
from telegram.ext import Application

from agent.answer import SourceRef
from config import Settings
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

GROUP = -4001
SUPERGROUP = -1000000000077
BOT = "@marketbot_test_bot"


@pytest.fixture
def service() -> StandInService:
    return StandInService()


@pytest.fixture
async def bot(botapi: FakeBotAPI, service: StandInService, tmp_path: Path) -> AsyncIterator[Application]:
    async with running_bot(bot_settings(tmp_path, botapi), service) as app:
        yield app


async def settle(botapi: FakeBotAPI) -> None:
    """Every injected update confirmed by the poller and no request in flight."""
    for _ in range(200):
        if not botapi.pending_updates:
            break
        await asyncio.sleep(0.01)
    await botapi.wait_until_idle(quiet=0.3)


async def test_private_question_is_answered_in_html_with_sources(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    update = botapi.inject_message("今天两市成交额多少？", chat_id=111)
    reply = await botapi.wait_for_message(111)
    assert reply.parse_mode == "HTML"
    assert reply.reply_to == update["message"]["message_id"]
    assert "回答：今天两市成交额多少？" in reply.plain_text and "12345.67 亿元" in reply.plain_text
    assert '<a href="https://example.com/a?x=1&amp;y=2">沪深两市成交额突破1万亿</a>' in reply.text
    assert service.calls[0] == ("answer", ("今天两市成交额多少？", "111:0:111", None))
    assert botapi.calls_to("sendChatAction") == []  # a fast answer needs no typing indicator


async def test_slow_answer_shows_typing_first(bot: Application, botapi: FakeBotAPI, service: StandInService) -> None:
    service.delay = 1.0
    botapi.inject_message("慢一点", chat_id=124)
    reply = await botapi.wait_for_message(124)
    (typing,) = botapi.calls_to("sendChatAction", chat_id=124, action="typing")
    assert typing.at < reply.at and "回答：慢一点" in reply.plain_text


async def test_commands_registered_in_zh_and_en(bot: Application, botapi: FakeBotAPI) -> None:
    zh, en = botapi.commands("zh"), botapi.commands("en")
    assert (
        {c["command"] for c in zh}
        == {c["command"] for c in en}
        >= {"start", "help", "ask", "turnover", "chart", "news", "summary", "subscribe", "unsubscribe", "lang"}
    )
    assert dict((c["command"], c["description"]) for c in en)["chart"].startswith("Turnover chart")
    assert botapi.commands("")  # default menu for other languages


async def test_group_mention_and_reply_are_answered(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_message(f"{BOT} 成交额多少", chat_id=GROUP, user_id=5)
    first = await botapi.wait_for_message(GROUP)
    assert "回答：成交额多少" in first.plain_text  # the mention is stripped from the question
    mark = botapi.mark()
    botapi.inject_message("那昨天呢", chat_id=GROUP, user_id=5, reply_to_bot=True)
    second = await botapi.wait_for_message(GROUP, since=mark)
    assert "回答：那昨天呢" in second.plain_text
    assert [c[1][0] for c in service.calls] == ["成交额多少", "那昨天呢"]


async def test_group_chatter_other_bots_and_channel_posts_are_ignored(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_message("今天成交额好大", chat_id=GROUP, user_id=5)
    botapi.inject_message("/help@other_bot", chat_id=GROUP, user_id=5)
    botapi.inject_message("/ask@other_bot 成交额", chat_id=GROUP, user_id=5)
    botapi.inject_message(f"{BOT} 成交额", chat_id=-1009999999999, chat_type="channel")
    botapi.inject_message("@someone_else 你好", chat_id=GROUP, user_id=5)
    await settle(botapi)
    assert service.calls == []
    assert botapi.calls_to("sendMessage") == []


async def test_ask_command_and_forum_topic_reply_in_same_thread(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_message("/ask 成交额", chat_id=SUPERGROUP, user_id=6, message_thread_id=7)
    reply = await botapi.wait_for_message(SUPERGROUP)
    assert reply.message_thread_id == 7
    assert service.calls[0][1][:2] == ("成交额", f"{SUPERGROUP}:7:6")


async def test_long_answer_is_split_on_paragraphs(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    paragraphs = [f"第{i}段 " + "成交额放大，资金活跃。" * 40 for i in range(30)]
    service.next_text = "\n\n".join(paragraphs)
    botapi.inject_message("长一点", chat_id=112)
    await botapi.wait_for_calls("sendMessage", 3, ok=True, timeout=10)
    await settle(botapi)
    sent = botapi.sent_messages(112)
    assert len(sent) >= 3 and all(len(m.plain_text) <= 4096 for m in sent)
    joined = "\n\n".join(m.plain_text for m in sent)
    assert joined.startswith(service.next_text) and joined.endswith("沪深两市成交额突破1万亿 · example · 2025-10-09")
    assert sent[0].reply_to is not None and all(m.reply_to is None for m in sent[1:])


async def test_html_special_characters_are_escaped(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    service.next_text = "*ST 康美 <A股> & B_c [1]\n\nPE < 10 且 > 5"
    service.sources = [SourceRef(n=1, title="*ST <康美> & 公告", url='https://example.com/q?a=1&b="2"')]
    botapi.inject_message("*ST", chat_id=113)
    reply = await botapi.wait_for_message(113)
    assert reply.parse_mode == "HTML"
    assert reply.plain_text == "*ST 康美 <A股> & B_c [1]\n\nPE < 10 且 > 5\n\n来源\n[1] *ST <康美> & 公告"
    assert "&lt;A股&gt; &amp; B_c" in reply.text
    assert '<a href="https://example.com/q?a=1&amp;b=&quot;2&quot;">*ST &lt;康美&gt; &amp; 公告</a>' in reply.text


async def test_parse_error_falls_back_to_plain_text(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    service.next_text, service.sources = "两市成交额 <b>1万亿</b>", []
    botapi.fail_next("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag", chat_id=114)
    botapi.inject_message("q", chat_id=114)
    reply = await botapi.wait_for_message(114)
    assert reply.parse_mode is None and reply.plain_text == "两市成交额 <b>1万亿</b>"


async def test_a_photo_caption_parse_error_falls_back_to_a_plain_caption(bot: Application, botapi: FakeBotAPI) -> None:
    botapi.fail_next("sendPhoto", 400, "Bad Request: can't parse entities: unsupported start tag", chat_id=119)
    botapi.inject_message("/chart 20", chat_id=119)
    photo = await botapi.wait_for_message(119)
    assert photo.kind == "photo" and photo.parse_mode is None and photo.plain_text
    assert [c.status for c in botapi.calls_to("sendPhoto", chat_id=119)] == [400, 200]


async def test_rate_limited_send_is_retried(bot: Application, botapi: FakeBotAPI) -> None:
    botapi.fail_next("sendMessage", 429, retry_after=1, chat_id=115)
    botapi.inject_message("q", chat_id=115)
    reply = await botapi.wait_for_message(115, timeout=6)
    statuses = [c.status for c in botapi.calls_to("sendMessage", chat_id=115)]
    assert statuses == [429, 200] and "回答：q" in reply.plain_text


async def test_streamed_partials_edit_one_message_without_repeats(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    # In a group (private chats stream native drafts: test_drafts_e2e).
    service.partials = ["正在", "正在", "正在分析成交额"]
    botapi.inject_message(f"{BOT} 流式", chat_id=GROUP - 16)
    await botapi.wait_for("editMessageText", ok=True)
    await settle(botapi)
    assert len(botapi.calls_to("sendMessage", chat_id=GROUP - 16)) == 1  # the draft, then edited into the answer
    (final,) = botapi.sent_messages(GROUP - 16)
    assert final.edits == 1 and "回答：流式" in final.plain_text and final.parse_mode == "HTML"


async def test_turnover_chart_news_and_bad_arguments(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_message("/turnover 2025-10-09", chat_id=117)
    answer = await botapi.wait_for_message(117)
    assert ("turnover", (date(2025, 10, 9), "en")) in service.calls  # the user's Telegram language is en
    button = answer.reply_markup["inline_keyboard"][0][0]
    assert button["text"] == "📊 Turnover chart" and button["callback_data"] == "chart:20:2025-10-09:2025-10-09"
    botapi.inject_callback_query("chart:20:2025-10-09:2025-10-09", chat_id=117, message_id=answer.message_id)
    await botapi.wait_for("sendPhoto", ok=True, chat_id=117)
    assert ("chart_png", (20, date(2025, 10, 9), date(2025, 10, 9))) in service.calls
    botapi.inject_callback_query("chart:x:forged", chat_id=117, message_id=answer.message_id)
    await botapi.wait_for_calls("answerCallbackQuery", 2)
    assert len(botapi.calls_to("sendPhoto")) == 1  # a malformed button is answered and ignored
    mark = botapi.mark()
    botapi.inject_message("/turnover 2025-13-45", chat_id=117)
    assert "Unrecognised date" in (await botapi.wait_for_message(117, since=mark)).plain_text
    mark = botapi.mark()
    botapi.inject_message("/chart 20", chat_id=117)
    photo = await botapi.wait_for_message(117, since=mark)
    assert photo.kind == "photo" and "20" in photo.plain_text and photo.photo.startswith(b"\x89PNG")
    mark = botapi.mark()
    botapi.inject_message("/chart 99999", chat_id=117)
    assert "Days must be" in (await botapi.wait_for_message(117, since=mark)).plain_text
    mark = botapi.mark()
    botapi.inject_message("/news", chat_id=117)
    assert "Usage: /news" in (await botapi.wait_for_message(117, since=mark)).plain_text


async def test_button_without_a_message_is_ignored_and_frees_the_user(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_update(
        {
            "callback_query": {  # an inline-mode message: no chat to reply in
                "id": "77",
                "from": {"id": 125, "is_bot": False, "first_name": "Alice"},
                "chat_instance": "125",
                "data": "chart:20::",
                "inline_message_id": "AAA",
            }
        }
    )
    await botapi.wait_for("answerCallbackQuery", ok=True)
    botapi.inject_message("q", chat_id=125)
    assert "回答：q" in (await botapi.wait_for_message(125)).plain_text  # not "still working"
    assert botapi.calls_to("sendPhoto") == []


async def test_anonymous_admins_of_different_groups_are_not_one_user(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    service.delay = 0.5
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
    for chat_id in (-1000000000081, -1000000000082):
        chat = {"id": chat_id, "type": "supergroup", "title": "g"}
        botapi.inject_update(
            {
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": chat,
                    "sender_chat": chat,
                    "from": anonymous,
                    "text": "/ask 成交额",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
                }
            }
        )
    for chat_id in (-1000000000081, -1000000000082):
        assert "回答：成交额" in (await botapi.wait_for_message(chat_id)).plain_text


async def test_lang_switches_fixed_texts(bot: Application, botapi: FakeBotAPI) -> None:
    botapi.inject_message("/lang zh", chat_id=118)
    assert "中文" in (await botapi.wait_for_message(118)).plain_text
    mark = botapi.mark()
    botapi.inject_message("/help", chat_id=118)
    assert "私聊" in (await botapi.wait_for_message(118, since=mark)).plain_text


async def test_non_admin_subscribe_is_refused_and_admin_subscribes(bot: Application, botapi: FakeBotAPI) -> None:
    botapi.set_admins(GROUP, [9])
    botapi.inject_message("/subscribe", chat_id=GROUP, user_id=5)
    refused = await botapi.wait_for_message(GROUP)
    assert "administrators" in refused.plain_text
    store = bot.bot_data["marketbot.deps"].store
    assert store.subscriptions() == []
    mark = botapi.mark()
    botapi.inject_message("/subscribe 16:05", chat_id=GROUP, user_id=9)
    assert "16:05" in (await botapi.wait_for_message(GROUP, since=mark)).plain_text
    assert [(s.chat_id, s.push_time.hour, s.push_time.minute) for s in store.subscriptions()] == [(GROUP, 16, 5)]
    assert bot.job_queue.get_jobs_by_name("push 16:05")
    mark = botapi.mark()
    botapi.inject_message("/unsubscribe", chat_id=GROUP, user_id=5)
    assert "administrators" in (await botapi.wait_for_message(GROUP, since=mark)).plain_text
    assert store.subscriptions()


async def test_overlong_and_empty_questions_are_refused(
    bot: Application, botapi: FakeBotAPI, service: StandInService
) -> None:
    botapi.inject_message("成" * 1001, chat_id=119)
    assert "too long" in (await botapi.wait_for_message(119)).plain_text
    mark = botapi.mark()
    botapi.inject_message("/ask", chat_id=119)
    assert "Usage: /ask" in (await botapi.wait_for_message(119, since=mark)).plain_text
    assert service.calls == []


async def test_rate_limit_and_one_answer_in_flight(botapi: FakeBotAPI, service: StandInService, tmp_path: Path) -> None:
    service.delay = 0.5
    async with running_bot(bot_settings(tmp_path, botapi, user_rate_per_minute=2), service):
        botapi.inject_message("one", chat_id=120)
        botapi.inject_message("two", chat_id=120)  # arrives while "one" is in flight
        busy = await botapi.wait_for_message(120)
        assert "Still working" in busy.plain_text
        await botapi.wait_for(lambda c: c.method == "sendMessage" and "回答：one" in c.params["text"], ok=True)
        botapi.inject_message("three", chat_id=120)
        await botapi.wait_for(lambda c: c.method == "sendMessage" and "回答：three" in c.params["text"], ok=True)
        mark = botapi.mark()
        botapi.inject_message("four", chat_id=120)
        assert "Too many questions" in (await botapi.wait_for_message(120, since=mark)).plain_text
    assert [c[1][0] for c in service.calls] == ["one", "three"]


async def test_allowlist_keeps_strangers_out(botapi: FakeBotAPI, service: StandInService, tmp_path: Path) -> None:
    async with running_bot(bot_settings(tmp_path, botapi, allowed_user_ids=[7]), service):
        botapi.inject_message("hi", chat_id=121)
        assert "not open to you" in (await botapi.wait_for_message(121)).plain_text
        botapi.inject_message("hi", chat_id=7)
        assert "回答：hi" in (await botapi.wait_for_message(7)).plain_text
    assert [c[1][0] for c in service.calls] == ["hi"]


async def test_service_failure_gives_one_line_and_token_never_logged(
    botapi: FakeBotAPI, service: StandInService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    service.fail_with = RuntimeError(f"boom with {botapi.token}")
    async with running_bot(bot_settings(tmp_path, botapi), service):
        botapi.inject_message("q", chat_id=122)
        reply = await botapi.wait_for_message(122)
        assert reply.plain_text == "Sorry, something went wrong. Please try again later."
        botapi.block_chat(123)  # a Telegram error inside a handler reaches the error handler, not the user
        botapi.inject_message("/help", chat_id=123)
        await settle(botapi)
    assert "boom with" in caplog.text and "Forbidden" in caplog.text
    assert botapi.token not in caplog.text
    assert botapi.token.split(":")[1] not in caplog.text


# --- once with the real MarketService and the offline answerer on the bundled data ---------------------
@pytest.fixture(scope="module")
def real_ctx(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from agent.context import AgentContext
    from retrieval.kb import NewsKnowledgeBase
    from retrieval.models import NewsItem
    from tools.service import MarketData

    zone = ZoneInfo("Asia/Shanghai")
    settings = Settings(data_dir=tmp_path_factory.mktemp("real"), load_demo_corpus=False)
    news = NewsKnowledgeBase.open(settings)
    news.ingest(
        [
            NewsItem(
                id="bot-1",
                title="节后首日两市放量 <成交额> 重回2.6万亿元",
                source="test-wire",
                content="国庆长假后首个交易日，沪深两市成交额明显放大，有色金属与半导体领涨。",
                published_at=datetime(2025, 10, 9, 15, 20, tzinfo=zone),
                url="https://news.example.com/1?a=1&b=2",
            )
        ]
    )
    return AgentContext(
        settings=settings,
        market=MarketData(settings),
        news=news,
        now=lambda: datetime(2026, 11, 23, 10, 0, tzinfo=zone),
    )


async def test_real_service_answers_and_pushes_over_http(real_ctx, botapi: FakeBotAPI, tmp_path: Path) -> None:  # noqa: ANN001
    from agent.service import MarketService
    from bot.deps import ServiceHandle
    from bot.push.job import DailyPush, DataNotReady

    service = MarketService(real_ctx)
    async with running_bot(bot_settings(tmp_path, botapi), service) as app:
        botapi.inject_message("2025年10月9日两市成交额是多少？", chat_id=130)
        reply = await botapi.wait_for_message(130, timeout=20)
        assert "26532.0亿元" in reply.plain_text and reply.parse_mode == "HTML"
        assert '<a href="https://news.example.com/1?a=1&amp;b=2">' in reply.text
        # The answer's chart is a button; pressing it sends the photo as a reply to the answer.
        button = reply.reply_markup["inline_keyboard"][0][0]
        assert not botapi.calls_to("sendPhoto") and button["callback_data"].startswith("chart:60:2025-10-09")
        botapi.inject_callback_query(button["callback_data"], chat_id=130, message_id=reply.message_id)
        await botapi.wait_for("answerCallbackQuery", ok=True, timeout=20)
        pressed = await botapi.wait_for("sendPhoto", ok=True, chat_id=130, timeout=20)
        assert pressed.result["photo"] and botapi.sent_messages(130)[-1].reply_to == reply.message_id

        store = app.bot_data["marketbot.deps"].store
        store.subscribe(131, None, time(15, 35), "zh")
        report = await DailyPush(
            app.bot, ServiceHandle(service=service), store, app.bot_data["marketbot.deps"].settings
        ).run(date(2025, 10, 9), time(15, 35))
        assert report.sent == 2
        text, photo = botapi.sent_messages(131)
        assert "26532.0亿元" in text.plain_text and photo.photo.startswith(b"\x89PNG")
        # A session the store has no figures for yet: the push waits, it never posts the "no data" text.
        with pytest.raises(DataNotReady):
            await DailyPush(
                app.bot, ServiceHandle(service=service), store, app.bot_data["marketbot.deps"].settings
            ).run(date(2026, 11, 20), time(15, 35))
        assert len(botapi.sent_messages(131)) == 2
