"""Sending to Telegram: HTML with a plain-text fallback, a typing indicator, streamed drafts, photos.

A streamed answer appears as one message that is edited while the LLM writes
(at most once per ``min_interval`` and never with unchanged text), then
replaced by the final formatted answer. Fast answers with no partials are
sent directly, so they cost a single request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InputFile, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.formatting import TEXT_LIMIT, Chunk, render_text

log = logging.getLogger(__name__)

TYPING_EVERY_S = 4.5  # Telegram shows "typing" for about 5 s per action
# Answers faster than this need no indicator; skipping it saves a request under the 30/s ceiling.
TYPING_AFTER_S = 0.7
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class Target:
    """Where a reply goes: the chat, its forum topic, and the message answered (if any)."""

    chat_id: int | str
    thread_id: int | None = None
    reply_to: int | None = None

    @classmethod
    def of(cls, message: Message) -> Target:
        thread = message.message_thread_id if message.is_topic_message else None
        return cls(message.chat_id, thread, message.message_id)

    def reply_parameters(self) -> ReplyParameters | None:
        if self.reply_to is None:
            return None
        return ReplyParameters(message_id=self.reply_to, allow_sending_without_reply=True)


def is_parse_error(exc: BadRequest) -> bool:
    return "can't parse entities" in exc.message.lower() or "can't find end" in exc.message.lower()


def is_not_modified(exc: BadRequest) -> bool:
    return "message is not modified" in exc.message.lower()


async def send_chunk(bot, target: Target, chunk: Chunk, *, quote: bool = True) -> Message:  # noqa: ANN001
    """Send one chunk as HTML; if Telegram cannot parse it, send its plain twin instead."""
    common = dict(
        chat_id=target.chat_id,
        message_thread_id=target.thread_id,
        reply_parameters=target.reply_parameters() if quote else None,
        link_preview_options=NO_PREVIEW,
        reply_markup=chunk.markup,
    )
    try:
        return await bot.send_message(text=chunk.html, parse_mode=ParseMode.HTML, **common)
    except BadRequest as exc:
        if not is_parse_error(exc):
            raise
        log.warning("HTML rejected (%s); sending plain text", exc.message)
        return await bot.send_message(text=chunk.plain, **common)


async def send_chunks(bot, target: Target, chunks: Sequence[Chunk]) -> list[Message]:  # noqa: ANN001
    """Send chunks in order; only the first quotes the question."""
    return [await send_chunk(bot, target, chunk, quote=i == 0) for i, chunk in enumerate(chunks)]


async def edit_chunk(message: Message, chunk: Chunk) -> Message | bool:
    try:
        return await message.edit_text(
            chunk.html, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, reply_markup=chunk.markup
        )
    except BadRequest as exc:
        if is_not_modified(exc):
            return message
        if not is_parse_error(exc):
            raise
        log.warning("HTML rejected in edit (%s); using plain text", exc.message)
        return await message.edit_text(chunk.plain, link_preview_options=NO_PREVIEW, reply_markup=chunk.markup)


async def send_photo(bot, target: Target, photo: bytes | str, cap: Chunk, *, quote: bool = False) -> Message:  # noqa: ANN001
    """sendPhoto with an HTML caption (plain on a parse error); ``photo`` is PNG bytes or a file_id."""
    payload = InputFile(photo, filename="turnover.png") if isinstance(photo, bytes) else photo
    common = dict(
        chat_id=target.chat_id,
        photo=payload,
        message_thread_id=target.thread_id,
        reply_parameters=target.reply_parameters() if quote else None,
    )
    try:
        return await bot.send_photo(caption=cap.html, parse_mode=ParseMode.HTML, **common)
    except BadRequest as exc:
        if not is_parse_error(exc):
            raise
        if isinstance(photo, bytes):
            common["photo"] = InputFile(photo, filename="turnover.png")  # the first stream was consumed
        return await bot.send_photo(caption=cap.plain, **common)


@contextlib.asynccontextmanager
async def typing(bot, target: Target, after: float = TYPING_AFTER_S):  # noqa: ANN001, ANN201
    """Show "typing…" from ``after`` seconds on until the block ends; failures to show it are harmless."""

    async def keep_typing() -> None:
        await asyncio.sleep(after)
        while True:
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(target.chat_id, ChatAction.TYPING, message_thread_id=target.thread_id)
            await asyncio.sleep(TYPING_EVERY_S)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


class StreamingReply:
    """Turns ``on_partial(text_so_far)`` calls into one throttled, edited draft message."""

    def __init__(
        self,
        bot,
        target: Target,
        min_interval: float = 1.0,  # noqa: ANN001
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bot = bot
        self._target = target
        self._min_interval = min_interval
        self._clock = clock
        self._draft: Message | None = None
        self._shown = ""
        self._last_at = float("-inf")
        self._lock = asyncio.Lock()

    async def on_partial(self, text: str) -> None:
        text = text.strip()
        if not text or text == self._shown or self._clock() - self._last_at < self._min_interval:
            return
        if self._lock.locked():  # a send is still under way; this partial is superseded by the next
            return
        async with self._lock:
            preview = render_text(text[-(TEXT_LIMIT - 16) :] if len(text) > TEXT_LIMIT - 16 else text)[0]
            try:
                if self._draft is None:
                    self._draft = await send_chunk(self._bot, self._target, preview)
                else:
                    await edit_chunk(self._draft, preview)
            except TelegramError as exc:  # a preview is optional; the final answer still goes out
                log.info("draft update failed: %s", exc)
                return
            self._shown, self._last_at = text, self._clock()

    async def finish(self, chunks: Sequence[Chunk]) -> list[Message]:
        """Deliver the final answer: into the draft message if there is one, else as new messages."""
        async with self._lock:
            if self._draft is None:
                return await send_chunks(self._bot, self._target, chunks)
            first = await edit_chunk(self._draft, chunks[0])
            rest = [await send_chunk(self._bot, self._target, c, quote=False) for c in chunks[1:]]
            return [first if isinstance(first, Message) else self._draft, *rest]
