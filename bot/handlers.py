"""Telegram handlers: who is asking, what they asked, and one reply per concern.

Private chats: any text is a question. Groups: only messages that mention the
bot, reply to it, or use /ask. Forum topics are answered in the same topic.
Commands for other bots (/cmd@other) never match: CommandHandler checks the
name, and the free-text handlers exclude commands.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypeVar

from telegram import (
    CallbackQuery,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from agent.answer import Answer, ChartRequest
from bot.chart_button import CHART_CALLBACK, CHART_DAYS, chart_button, chart_days, parse_chart_callback
from bot.deps import BotDeps, Service, deps_of
from bot.drafts import DraftReply
from bot.formatting import caption, clean_text, render_answer, render_text
from bot.i18n import command_list, normalize_lang, t
from bot.limits import Verdict, check_question
from bot.push.subscriptions import format_hhmm, parse_hhmm
from bot.replies import StreamingReply, Target, send_chunks, send_photo, typing
from bot.send_faults import FaultKind, classify
from config.errors import UserFacingError

T = TypeVar("T")
log = logging.getLogger(__name__)

Work = Callable[[Target, str], Awaitable[None]]


class _AddressedToBot(filters.MessageFilter):
    """A group message that mentions the bot (@name or text_mention) or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        # In forum topics every message "replies" to the topic's first message; only real replies count.
        if (
            replied is not None
            and replied.from_user is not None
            and replied.from_user.id == bot.id
            and not (message.is_topic_message and replied.message_id == message.message_thread_id)
        ):
            return True
        username = (bot.username or "").lower()
        for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
            if entity.type == MessageEntity.MENTION and text[1:].lower() == username:
                return True
            if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
                return True
        return False


ADDRESSED_TO_BOT = _AddressedToBot()
NEW_MESSAGE = filters.UpdateType.MESSAGE  # not edits, not channel posts


def ui_lang(update: Update, deps: BotDeps) -> str:
    """The chat's chosen language, else the user's Telegram language, else the default."""
    chat = update.effective_chat
    chosen = deps.store.chat_lang(chat.id) if chat else None
    if chosen:
        return chosen
    user = update.effective_user
    return normalize_lang(user.language_code if user else None, deps.settings.lang)


def _strip_mention(text: str, username: str | None) -> str:
    """The question in a message: cleaned once here (what is answered is what is stored), the bot's @name out."""
    text = clean_text(text)
    if username:
        text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def _user_text(exc: Exception, lang: str) -> str:
    """User-facing errors (market data, ...) carry one-line messages meant for users; anything else gets the
    generic one."""
    if isinstance(exc, UserFacingError):
        return str(exc)
    return t(lang, "error")


def message_of(update: Update) -> Message:
    """The message a handler answers (handlers are registered only for updates that carry one)."""
    if update.effective_message is None:
        raise TypeError(f"update {update.update_id} carries no message")
    return update.effective_message


async def reply_text(message: Message, text: str) -> None:
    await send_chunks(message.get_bot(), Target.of(message), render_text(text))


async def send_answer(  # noqa: ANN001
    bot, target: Target, answer: Answer, stream: StreamingReply | DraftReply | None = None
) -> None:
    """The answer's text; its chart is a button on the last message, sent only when pressed.

    Sending every chart unasked would double the messages per answer under
    Telegram's 30 messages/s ceiling and clutter group chats.
    """
    chunks = render_answer(answer)
    if answer.chart is not None:
        chunks[-1] = replace(chunks[-1], markup=chart_button(answer.chart, answer.lang))
    await (stream.finish(chunks) if stream is not None else send_chunks(bot, target, chunks))


async def run_limited(update: Update, context: ContextTypes.DEFAULT_TYPE, work: Work) -> None:
    """Per-user rate limit and one job in flight; a typing indicator while ``work`` runs."""
    deps = deps_of(context)
    message, lang = message_of(update), ui_lang(update, deps)
    # The sender chat for anonymous admins and channels: their shared user id would make them one "user".
    sender = update.effective_sender.id if update.effective_sender else message.chat_id
    target = Target.of(message)
    decision = deps.limiter.acquire(sender)
    if decision.verdict is Verdict.BUSY:
        await reply_text(message, t(lang, "busy"))
        return
    if decision.verdict is Verdict.RATE_LIMITED:
        await reply_text(message, t(lang, "rate_limited", seconds=decision.retry_after_s))
        return
    try:
        async with typing(context.bot, target):
            await work(target, lang)
    except TelegramError:
        raise  # the error handler logs it and tells the user
    except Exception as exc:  # the service failed: log it, answer one line
        log.exception("service call failed")
        await reply_text(message, _user_text(exc, lang))
    finally:
        deps.limiter.release(sender)


def answer_with(
    update: Update, context: ContextTypes.DEFAULT_TYPE, call: Callable[[Service, str], Awaitable[Answer]]
) -> Awaitable[None]:
    """run_limited for a service call whose Answer is sent as it is (no streaming)."""

    async def work(target: Target, lang: str) -> None:
        answer = await call(await deps_of(context).services.service(), lang)
        await send_answer(context.bot, target, answer)

    return run_limited(update, context, work)


def send_chart(update: Update, context: ContextTypes.DEFAULT_TYPE, request: ChartRequest) -> Awaitable[None]:
    """run_limited for the chart photo, sent as a reply (to the command, or to the answer with the button)."""

    async def work(target: Target, lang: str) -> None:
        png = await deps_of(context).services.chart_png(request.days, request.end, request.highlight)
        await send_photo(context.bot, target, png, caption(t(lang, "chart_caption", days=request.days)), quote=True)

    return run_limited(update, context, work)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    deps = deps_of(context)
    message = message_of(update)
    lang = ui_lang(update, deps)
    check = check_question(question, deps.settings.max_question_chars)
    if check.verdict is Verdict.EMPTY:
        await reply_text(message, t(lang, "ask_usage" if (message.text or "").startswith("/") else "empty"))
        return
    if check.verdict is Verdict.TOO_LONG:
        await reply_text(message, t(lang, "too_long", length=len(question), limit=deps.settings.max_question_chars))
        return
    chat_lang = deps.store.chat_lang(message.chat_id)  # None lets the agent follow the question's language
    thread = Target.of(message).thread_id or 0
    conversation = f"{message.chat_id}:{thread}:{update.effective_user.id if update.effective_user else 0}"

    async def work(target: Target, _lang: str) -> None:
        # Private chats: native drafts, then one message. Groups: a message edited at most every 3 s (20 a minute).
        stream: StreamingReply | DraftReply
        if message.chat.type == ChatType.PRIVATE:
            stream = DraftReply(context.bot, target)
        else:
            stream = StreamingReply(context.bot, target, min_interval=3.0)
        service = await deps.services.service()
        user_id = update.effective_user.id if update.effective_user else None
        answer = await service.answer(
            question,
            conversation,
            lang=chat_lang,
            on_partial=stream.on_partial,
            user_id=user_id,
            chat_id=message.chat_id,
        )
        await send_answer(context.bot, target, answer, stream)

    await run_limited(update, context, work)


# --- free text and /ask ---------------------------------------------------------------------------
async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = message_of(update)
    await ask(update, context, _strip_mention(message.text or "", context.bot.username))


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await ask(update, context, _strip_mention(" ".join(context.args or []), context.bot.username))


# --- fixed replies ----------------------------------------------------------------------------------
async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_text(message_of(update), t(ui_lang(update, deps_of(context)), "start"))


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = ui_lang(update, deps_of(context))
    await reply_text(message_of(update), t(lang, "help", commands=command_list(lang)))


async def on_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    choice = (context.args or [""])[0].lower()
    if choice not in ("zh", "en"):
        await reply_text(message_of(update), t(ui_lang(update, deps), "lang_usage"))
        return
    message = message_of(update)
    if not await is_chat_admin(update, context):  # the chat's language is also its subscription's
        await reply_text(message, t(ui_lang(update, deps), "admins_only_lang"))
        return
    deps.store.set_chat_lang(message.chat_id, choice)
    await reply_text(message, t(choice, "lang_set"))


# --- market commands --------------------------------------------------------------------------------
def parse_day(text: str) -> date:
    """2025-10-09, 2025/10/09 or 20251009; ValueError otherwise."""
    cleaned = text.strip().replace("/", "-")
    if re.fullmatch(r"\d{8}", cleaned):
        return datetime.strptime(cleaned, "%Y%m%d").date()
    return date.fromisoformat(cleaned)


async def on_turnover(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    day: date | None = None
    if context.args:
        try:
            day = parse_day(context.args[0])
        except ValueError:
            await reply_text(message_of(update), t(ui_lang(update, deps), "bad_date", value=context.args[0]))
            return

    await answer_with(update, context, lambda service, lang: service.turnover(day, lang=lang))


async def on_chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    days = chart_days(context.args[0]) if context.args else 60
    if days is None:
        low, high = CHART_DAYS
        lang = ui_lang(update, deps_of(context))
        await reply_text(message_of(update), t(lang, "bad_days", low=low, high=high))
        return
    await send_chart(update, context, ChartRequest(days=days))


async def answer_callback(query: CallbackQuery, text: str | None = None, *, show_alert: bool = False) -> None:
    """Stop a button's spinner. A courtesy: if Telegram fails it, what the button asked for still happens."""
    try:
        await query.answer(text, show_alert=show_alert)
    except TelegramError as exc:
        log.info("answering a button press failed (%s); carrying on", exc.message)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, parse: Callable[[str], T]) -> T | None:
    """What a button press asks for, read by ``parse`` from its data, with its spinner stopped; None when there is
    nothing to do: an expired or forged button (answered as expired), or its message gone."""
    query = update.callback_query
    if query is None:
        return None
    try:
        value = parse(query.data or "")
    except ValueError:
        await on_expired_button(update, context)
        return None
    await answer_callback(query)  # stops the button's spinner at once; the photo follows
    if update.effective_message is None:
        return None  # the answer with the button was deleted or is too old: no chat/topic to reply in
    return value


async def on_chart_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    request = await pressed(update, context, parse_chart_callback)
    if request is not None:
        await send_chart(update, context, request)


async def on_expired_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every button press is answered: one from an older version, or forged, gets "this button has expired"."""
    if update.callback_query is not None:
        await answer_callback(update.callback_query, t(ui_lang(update, deps_of(context)), "button_expired"))


async def on_news(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    query, limit = clean_text(" ".join(context.args or [])).strip(), deps.settings.max_question_chars
    check = check_question(query, limit)
    if check.verdict is Verdict.EMPTY:
        await reply_text(message_of(update), t(ui_lang(update, deps), "news_usage"))
        return
    if check.verdict is Verdict.TOO_LONG:
        await reply_text(message_of(update), t(ui_lang(update, deps), "too_long", length=len(query), limit=limit))
        return
    await answer_with(update, context, lambda service, lang: service.news(query, lang=lang))


async def on_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_with(update, context, lambda service, lang: service.daily_summary(None, lang=lang))


# --- subscriptions ----------------------------------------------------------------------------------
async def is_chat_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    message, user = message_of(update), update.effective_user
    chat = message.chat
    if chat.type == ChatType.PRIVATE:
        return True
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator posting as the group
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    message, lang = message_of(update), ui_lang(update, deps)
    push_time = deps.settings.push_time
    if context.args:
        try:
            push_time = parse_hhmm(context.args[0])
        except ValueError:
            await reply_text(message, t(lang, "bad_time", value=context.args[0]))
            return
    if not await is_chat_admin(update, context):
        await reply_text(message, t(lang, "admins_only"))
        return
    deps.store.subscribe(message.chat_id, Target.of(message).thread_id, push_time, lang)
    deps.on_subscribed(push_time)
    await reply_text(message, t(lang, "subscribed", time=format_hhmm(push_time)))


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    message, lang = message_of(update), ui_lang(update, deps)
    if not await is_chat_admin(update, context):
        await reply_text(message, t(lang, "admins_only"))
        return
    removed = deps.store.unsubscribe(message.chat_id, Target.of(message).thread_id)
    await reply_text(message, t(lang, "unsubscribed" if removed else "not_subscribed"))


# --- gate and errors --------------------------------------------------------------------------------
async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: drops updates from users and chats outside the allowlist."""
    deps = deps_of(context)
    user, chat = update.effective_user, update.effective_chat
    if deps.allowlist.allows(user.id if user else None, chat.id if chat else None):
        return
    if update.callback_query is not None:  # answer it, or the button spins until Telegram gives up
        await answer_callback(update.callback_query, t(ui_lang(update, deps), "not_allowed"), show_alert=True)
    elif chat is not None and chat.type == ChatType.PRIVATE and update.message is not None:
        await reply_text(update.message, t(ui_lang(update, deps), "not_allowed"))
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (the log filters redact the token) and tell the user briefly, never a traceback.

    Telegram's own faults (bot.send_faults) get no message: after a send whose outcome is unknown
    the answer may well have arrived ("sorry" under it would contradict it); a chat that is gone
    cannot read one (bot.outbox switched it off); a refused send is logged in one line.
    """
    error = context.error
    if isinstance(error, TelegramError):
        kind = classify(error).kind
        if kind is FaultKind.UNKNOWN:
            log.warning("a reply may not have arrived (%s); not sending an error message", type(error).__name__)
            return
        if kind in (FaultKind.GONE, FaultKind.REFUSED, FaultKind.MIGRATED):
            log.warning("Telegram refused a reply (%s: %s)", type(error).__name__, error.message)
            return
    log.error("update failed: %s", type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    message = update.effective_message
    try:
        await context.bot.send_message(
            message.chat_id,
            t(ui_lang(update, deps_of(context)), "error"),
            message_thread_id=Target.of(message).thread_id,
        )
    except TelegramError as exc:
        log.warning("could not report the error to the chat: %s", type(exc).__name__)


COMMAND_HANDLERS: dict[str, Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]] = {
    "start": on_start,
    "help": on_help,
    "ask": on_ask,
    "turnover": on_turnover,
    "chart": on_chart,
    "news": on_news,
    "summary": on_summary,
    "subscribe": on_subscribe,
    "unsubscribe": on_unsubscribe,
    "lang": on_lang,
}


def register_handlers(app: Application) -> None:
    app.add_handler(TypeHandler(Update, gate), group=-1)
    for name, callback in COMMAND_HANDLERS.items():
        app.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGE))
    text = NEW_MESSAGE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, on_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS & ADDRESSED_TO_BOT, on_text))
    app.add_handler(CallbackQueryHandler(on_chart_button, pattern=f"^{CHART_CALLBACK}:"))
    app.add_handler(CallbackQueryHandler(on_expired_button))  # last: whatever no other handler took
    app.add_error_handler(on_error)
