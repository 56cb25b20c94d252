"""The fake Bot API server, driven by the real python-telegram-bot over HTTP (no bot/ code involved)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot, InputFile, ReplyParameters, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.fake_botapi_html import HtmlParseError, parse_html


def build_app(botapi: FakeBotAPI) -> Application:
    return (
        ApplicationBuilder().token(botapi.token).base_url(botapi.base_url).base_file_url(botapi.base_file_url).build()
    )


@pytest.fixture
async def polling_app(botapi: FakeBotAPI) -> AsyncIterator[Application]:
    """A real PTB Application long-polling the fake server; handlers are added by the test before updates."""
    app = build_app(botapi)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    yield app
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


# ---- plain Bot calls -------------------------------------------------------------------------------------
async def test_get_me_returns_the_configured_bot(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    me = await ptb_bot.get_me()
    assert (me.is_bot, me.username, me.id) == (True, "marketbot_test_bot", botapi.bot_id)
    assert me.can_read_all_group_messages is False
    assert botapi.request_counts["getMe"] >= 1


async def test_wrong_token_is_rejected(botapi: FakeBotAPI) -> None:
    async with aiohttp.ClientSession(trust_env=False) as session:
        async with session.post(f"{botapi.base_url}123:{'x' * 35}/getMe") as response:
            assert response.status == 401
            assert await response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        async with session.post(f"{botapi.base_url}123:short/getMe") as response:
            assert response.status == 404
    with pytest.raises(InvalidToken):
        await Bot("123:wrong", base_url=botapi.base_url).get_me()


async def test_send_message_is_recorded_with_ids_and_reply(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    update = botapi.inject_message("hello", chat_id=42)
    first = await ptb_bot.send_message(
        42,
        "<b>*ST</b> 康美 &lt;A&gt;",
        parse_mode="HTML",
        reply_parameters=ReplyParameters(update["message"]["message_id"]),
    )
    second = await ptb_bot.send_message(42, "plain 123", message_thread_id=None)
    assert second.message_id == first.message_id + 1 == update["message"]["message_id"] + 2
    assert first.text == "*ST 康美 <A>" and first.entities[0].type == "bold"
    sent = botapi.sent_messages(42)
    assert [m.plain_text for m in sent] == ["*ST 康美 <A>", "plain 123"]
    assert sent[0].reply_to == update["message"]["message_id"] and sent[0].parse_mode == "HTML"
    method, params, files = botapi.calls_to("sendMessage")[1]
    assert (method, params["text"], params["chat_id"], files) == ("sendMessage", "plain 123", 42, {})
    assert [m["message_id"] for m in botapi.chat_messages(42)] == [1, 2, 3]


async def test_validation_errors_match_telegram(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    with pytest.raises(BadRequest, match="(?i)too long"):
        await ptb_bot.send_message(1, "x" * 4097)
    await ptb_bot.send_message(1, "x" * 4096)
    with pytest.raises(BadRequest, match="(?i)text is empty"):
        await ptb_bot.send_message(1, "   ")
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await ptb_bot.send_message(1, "PE < 10", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await ptb_bot.send_message(1, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await ptb_bot.send_photo(1, b"png", caption="c" * 1025)
    with pytest.raises(BadRequest, match="(?i)replied not found"):
        await ptb_bot.send_message(1, "hi", reply_parameters=ReplyParameters(999))
    error = botapi.calls_to("sendMessage", ok=False)[0].error
    assert error == {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}


async def test_identical_edit_is_not_modified(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    message = await ptb_bot.send_message(7, "thinking…")
    await ptb_bot.edit_message_text("answer", chat_id=7, message_id=message.message_id)
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await ptb_bot.edit_message_text("answer", chat_id=7, message_id=message.message_id)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await ptb_bot.edit_message_text("x", chat_id=7, message_id=99)
    [sent] = botapi.sent_messages(7)
    assert (sent.text, sent.edits) == ("answer", 1)
    await ptb_bot.delete_message(7, message.message_id)
    assert botapi.sent_messages(7) == [] and botapi.sent_messages(7, include_deleted=True)[0].deleted


async def test_blocked_chats_are_forbidden(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    botapi.block_chat(5)
    botapi.add_chat(-300, "group")
    botapi.block_chat(-300)
    with pytest.raises(Forbidden, match="(?i)blocked by the user"):
        await ptb_bot.send_message(5, "hi")
    with pytest.raises(Forbidden, match="(?i)kicked from the group chat"):
        await ptb_bot.send_chat_action(-300, "typing")
    botapi.unblock_chat(5)
    await ptb_bot.send_message(5, "hi again")


async def test_migrated_group_raises_chat_migrated(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    botapi.migrate_chat(-400, -1001234567890)
    with pytest.raises(ChatMigrated) as caught:
        await ptb_bot.send_message(-400, "hi")
    assert caught.value.new_chat_id == -1001234567890
    message = await ptb_bot.send_message(-1001234567890, "hi")
    assert message.chat.type == "supergroup"


async def test_injected_failures_retry_after_and_bad_gateway(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    botapi.fail_next("sendMessage", 429, retry_after=3, chat_id=9)
    await ptb_bot.send_message(8, "other chat is unaffected")
    with pytest.raises(RetryAfter) as caught:
        await ptb_bot.send_message(9, "hi")
    assert caught.value.retry_after in (3, __import__("datetime").timedelta(seconds=3))
    botapi.fail_next("*", 502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="(?i)Bad Gateway"):
            await ptb_bot.send_message(9, "hi")
    await ptb_bot.send_message(9, "hi")
    assert [c.status for c in botapi.calls_to("sendMessage", chat_id=9)] == [429, 502, 502, 200]


async def test_rate_limit_answers_429_over_the_ceiling(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    botapi.rate_limit(per_second=5, group_per_minute=None, retry_after=2)
    results = await asyncio.gather(*(ptb_bot.send_message(i + 1, "x") for i in range(8)), return_exceptions=True)
    assert sum(isinstance(r, RetryAfter) for r in results) == 3
    assert len(botapi.send_times()) == 5


async def test_send_photo_multipart_records_bytes(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    message = await ptb_bot.send_photo(
        -500, InputFile(png, filename="chart.png"), caption="<i>成交额</i>", parse_mode="HTML"
    )
    method, params, files = botapi.calls_to("sendPhoto")[0]
    assert files["photo"] == png and params["caption"] == "<i>成交额</i>"
    [sent] = botapi.sent_messages(-500)
    assert (sent.kind, sent.photo, sent.plain_text) == ("photo", png, "成交额")
    assert message.caption == "成交额"
    downloaded = await (await ptb_bot.get_file(message.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == png


async def test_commands_drafts_admins_and_fallback(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    await ptb_bot.set_my_commands([("ask", "Ask a question")], language_code="en")
    await ptb_bot.set_my_commands([("ask", "提问")], language_code="zh")
    assert [c.description for c in await ptb_bot.get_my_commands(language_code="zh")] == ["提问"]
    assert botapi.commands("en") == [{"command": "ask", "description": "Ask a question"}]
    assert await ptb_bot.send_message_draft(3, draft_id=1, text="部分<b>答案</b>", parse_mode="HTML")
    with pytest.raises(BadRequest):
        await ptb_bot.send_message_draft(-3, draft_id=1, text="groups have no drafts")
    assert botapi.drafts(3)[0]["text"] == "部分<b>答案</b>"
    botapi.set_admins(-600, [11, botapi.bot_id], creator=10)
    assert (await ptb_bot.get_chat_member(-600, 11)).status == "administrator"
    assert (await ptb_bot.get_chat_member(-600, 10)).status == "creator"
    assert (await ptb_bot.get_chat_member(-600, 12)).status == "member"
    assert {a.user.id for a in await ptb_bot.get_chat_administrators(-600)} == {10, 11, botapi.bot_id}
    assert await ptb_bot.set_chat_title(-600, "renamed")  # unknown to the server: ok and recorded
    assert botapi.calls_to("setChatTitle")[0].params["title"] == "renamed"


# ---- updates ---------------------------------------------------------------------------------------------
async def test_get_updates_keeps_updates_until_confirmed(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    first = botapi.inject_message("/start@marketbot_test_bot now", chat_id=-700, chat_type="supergroup", user_id=5)
    second = botapi.inject_message("hi @marketbot_test_bot", chat_id=-700, message_thread_id=4)
    updates = await ptb_bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first["update_id"], second["update_id"]]
    command, mention = updates[0].message.entities[0], updates[1].message.entities[0]
    assert (command.type, command.offset, command.length) == ("bot_command", 0, 25)
    assert (mention.type, mention.offset, mention.length) == ("mention", 3, 19)
    assert updates[1].message.message_thread_id == 4 and updates[1].message.is_topic_message
    assert len(await ptb_bot.get_updates(timeout=0)) == 2  # not confirmed yet
    assert await ptb_bot.get_updates(offset=second["update_id"] + 1, timeout=0) == ()
    assert botapi.pending_updates == []
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, lambda: botapi.inject_message("late", chat_id=1))
    started = loop.time()
    [late] = await ptb_bot.get_updates(offset=second["update_id"] + 1, timeout=3)
    assert late.message.text == "late" and loop.time() - started < 2


async def test_application_answers_private_message_by_polling(botapi: FakeBotAPI, polling_app: Application) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"you said: {update.message.text}", do_quote=True)

    polling_app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    update = botapi.inject_message("为什么成交额破万亿", chat_id=1001)
    reply = await botapi.wait_for_message(chat_id=1001, timeout=5)
    assert reply.plain_text == "you said: 为什么成交额破万亿"
    assert reply.reply_to == update["message"]["message_id"]
    assert botapi.calls_to("deleteWebhook")  # PTB clears the webhook before polling


async def test_application_command_addressed_to_this_bot(botapi: FakeBotAPI, polling_app: Application) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_chat.send_message(f"started {context.args}")

    polling_app.add_handler(CommandHandler("start", start))
    botapi.inject_message("/start@other_bot", chat_id=-800, chat_type="group", user_id=3)
    botapi.inject_message("/start@marketbot_test_bot x", chat_id=-800, chat_type="group", user_id=3)
    reply = await botapi.wait_for_message(chat_id=-800)
    assert reply.plain_text == "started ['x']"
    await botapi.wait_until_idle(quiet=0.2)
    assert len(botapi.sent_messages(-800)) == 1


async def test_polling_stop_confirms_processed_updates(botapi: FakeBotAPI) -> None:
    app = build_app(botapi)
    app.add_handler(MessageHandler(filters.ALL, lambda u, c: asyncio.sleep(0)))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    update = botapi.inject_message("one", chat_id=2)
    while not [c for c in botapi.calls if c.params.get("offset") == update["update_id"] + 1]:
        await asyncio.sleep(0.01)  # the confirming long poll has arrived (it is answered only later)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    assert botapi.pending_updates == []


async def test_group_reply_to_bot_and_channel_post(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    botapi.add_chat(-1009, "supergroup", is_forum=True)
    ours = await ptb_bot.send_message(-1009, "answer", message_thread_id=77)
    reply = botapi.inject_message("why?", chat_id=-1009, user_id=4, reply_to_bot=True, message_thread_id=77)
    assert reply["message"]["reply_to_message"]["message_id"] == ours.message_id
    assert reply["message"]["reply_to_message"]["from"]["id"] == botapi.bot_id
    post = botapi.inject_message("/summary", chat_id=-1005, chat_type="channel")
    assert "from" not in post["channel_post"] and post["channel_post"]["sender_chat"]["type"] == "channel"
    updates = await ptb_bot.get_updates(timeout=0)
    assert updates[0].message.reply_to_message.from_user.is_bot and updates[1].channel_post.text == "/summary"
    with pytest.raises(TimeoutError, match="sendPhoto"):
        await botapi.wait_for("sendPhoto", timeout=0.05)


# ---- webhook ---------------------------------------------------------------------------------------------
async def test_deliver_webhook_posts_json_with_secret(ptb_bot: Bot, botapi: FakeBotAPI) -> None:
    received: list[tuple[str | None, dict]] = []

    async def hook(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if secret != "s3cret":
            return web.Response(status=403)
        received.append((secret, await request.json()))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await ptb_bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        assert (await ptb_bot.get_webhook_info()).url.endswith("/hook")
        with pytest.raises(Exception, match="(?i)webhook is active"):
            await ptb_bot.get_updates(timeout=0)
        update = {"message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "x"}}
        assert await botapi.deliver_webhook(update) == 200
        assert await botapi.deliver_webhook(update, secret_token="wrong") == 403
        assert received[0][1]["message"]["text"] == "x" and "update_id" in received[0][1]
        Update.de_json(received[0][1], ptb_bot)
    finally:
        await runner.cleanup()


# ---- the HTML validator ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, message",
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("成<b", "Unclosed start tag at byte offset 3"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
    ],
)
def test_html_errors(text: str, message: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(text)
    assert str(caught.value) == message


def test_html_entities_and_offsets() -> None:
    plain, entities = parse_html(
        ' 📈<a href="https://x.cn/?a=1&amp;b=2">涨&amp;跌</a> <pre><code class="language-py">1&gt;0</code></pre>'
        "<tg-spoiler>s</tg-spoiler> &copy; & <blockquote expandable>q</blockquote>"
    )
    assert plain == "📈涨&跌 1>0s &copy; & q"
    assert entities[0] == {"type": "text_link", "offset": 2, "length": 3, "url": "https://x.cn/?a=1&b=2"}
    kinds = {e["type"]: (e["offset"], e["length"]) for e in entities}
    assert kinds["pre"] == (6, 3) and "code" not in kinds and kinds["spoiler"] == (9, 1)
    assert kinds["expandable_blockquote"] == (20, 1)
    assert {"type": "pre", "offset": 6, "length": 3, "language": "py"} in entities
    assert json.dumps(parse_html("<B>x</B>")[1]) == '[{"type": "bold", "offset": 0, "length": 1}]'
