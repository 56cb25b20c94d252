"""Sending to Telegram: HTML with a plain-text fallback, a typing indicator, streamed drafts, photos.

A streamed answer appears as one message that is edited while the LLM writes
(at most once per ``min_interval`` and never with unchanged text), then
replaced by the final formatted answer. Fast answers with no partials are
sent directly, so they cost a single request.

Faults are bot.send_faults': every send retries what provably did not arrive
(5xx, refused connections, 429; see bot.retry); a send whose outcome is unknown
(a read timeout) raises TimedOut and is not repeated, edits are (they are
idempotent). HTML Telegram cannot parse goes out as its plain twin; a text or
caption Telegram counts too long is re-split (re-cut) smaller and sent. The
daily push passes ``retry=None``: its ledger does the retrying. Migrated and
gone chats are handled for every request by bot.outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import InputFile, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.formatting import TEXT_LIMIT, Chunk, caption, render_text, split_smaller, tg_len
from bot.retry import INTERACTIVE, RetryPolicy, with_retries
from bot.send_faults import FaultKind, classify

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


def fault_kind(exc: TelegramError) -> FaultKind:
    return classify(exc).kind


async def _html_or_plain(
    send: Callable[[str, str | None], Awaitable[Message]],
    chunk: Chunk,
    retry: RetryPolicy | None,
    *,
    idempotent: bool = False,
) -> Message:
    """``send(text, parse_mode)`` with the chunk's HTML; if Telegram cannot parse it, with its plain twin."""

    async def call(text: str, parse_mode: str | None) -> Message:
        def make() -> Awaitable[Message]:
            return send(text, parse_mode)

        return await (with_retries(make, retry, idempotent=idempotent) if retry is not None else make())

    try:
        return await call(chunk.html, ParseMode.HTML)
    except BadRequest as exc:
        if fault_kind(exc) is not FaultKind.UNPARSABLE:
            raise
        log.warning("HTML rejected (%s); sending plain text", exc.message)
        return await call(chunk.plain, None)


def _send_options(target: Target, quote: bool, read_timeout: float | None) -> dict[str, Any]:
    options: dict[str, Any] = dict(
        chat_id=target.chat_id,
        message_thread_id=target.thread_id,
        reply_parameters=target.reply_parameters() if quote else None,
    )
    if read_timeout is not None:
        options["read_timeout"] = read_timeout
    return options


async def send_chunk(
    bot,  # noqa: ANN001
    target: Target,
    chunk: Chunk,
    *,
    quote: bool = True,
    retry: RetryPolicy | None = INTERACTIVE,
    read_timeout: float | None = None,
) -> Message:
    """Send one chunk as HTML; if Telegram cannot parse it, send its plain twin instead; if Telegram
    counts it too long, send it re-split smaller (the last piece, which has the markup, is returned)."""
    options = _send_options(target, quote, read_timeout)

    def send(text: str, parse_mode: str | None) -> Awaitable[Message]:
        return bot.send_message(
            text=text, parse_mode=parse_mode, link_preview_options=NO_PREVIEW, reply_markup=chunk.markup, **options
        )

    try:
        return await _html_or_plain(send, chunk, retry)
    except BadRequest as exc:
        pieces = split_smaller(chunk) if fault_kind(exc) is FaultKind.TOO_LONG else []
        if not pieces:
            raise
    log.warning(
        "Telegram counted a %d-character message too long; sending it in %d parts", tg_len(chunk.plain), len(pieces)
    )
    # Once a piece is out, the rest must follow: they retry what provably did not arrive, even in the push.
    sent = [
        await send_chunk(
            bot, target, piece, quote=quote and i == 0, retry=retry or INTERACTIVE, read_timeout=read_timeout
        )
        for i, piece in enumerate(pieces)
    ]
    return sent[-1]


async def send_chunks(bot, target: Target, chunks: Sequence[Chunk]) -> list[Message]:  # noqa: ANN001
    """Send chunks in order; only the first quotes the question."""
    return [await send_chunk(bot, target, chunk, quote=i == 0) for i, chunk in enumerate(chunks)]


async def edit_chunk(message: Message, chunk: Chunk, *, retry: RetryPolicy | None = INTERACTIVE) -> Message | bool:
    """Replace a message's text; retried even after a timeout (the same edit twice is harmless)."""

    async def edit(text: str, parse_mode: str | None) -> Message:
        try:
            result = await message.edit_text(
                text, parse_mode=parse_mode, link_preview_options=NO_PREVIEW, reply_markup=chunk.markup
            )
        except BadRequest as exc:
            if fault_kind(exc) is FaultKind.NOT_MODIFIED:  # also what a retried edit that had arrived gets
                return message
            raise
        return result if isinstance(result, Message) else message

    return await _html_or_plain(edit, chunk, retry, idempotent=True)


async def send_photo(
    bot,  # noqa: ANN001
    target: Target,
    photo: bytes | str,
    cap: Chunk,
    *,
    quote: bool = False,
    retry: RetryPolicy | None = INTERACTIVE,
    read_timeout: float | None = None,
) -> Message:
    """sendPhoto with an HTML caption (plain on a parse error, cut shorter if Telegram counts it too long);
    ``photo`` is PNG bytes or a file_id."""
    options = _send_options(target, quote, read_timeout)

    def send(text: str, parse_mode: str | None) -> Awaitable[Message]:
        # a fresh upload per request: a sent one is consumed
        payload = InputFile(photo, filename="turnover.png") if isinstance(photo, bytes) else photo
        return bot.send_photo(photo=payload, caption=text, parse_mode=parse_mode, **options)

    while True:
        try:
            return await _html_or_plain(send, cap, retry)
        except BadRequest as exc:
            size = tg_len(cap.plain)
            if fault_kind(exc) is not FaultKind.TOO_LONG or size < 64:
                raise
            log.warning("Telegram counted a %d-character caption too long; cutting it shorter", size)
            cap = caption(cap.plain, limit=size // 2)


class SharedPhoto:
    """One PNG sent to many chats: the first send uploads it, the others reuse Telegram's file_id."""

    def __init__(self, png: bytes) -> None:
        self._png = png
        self._file_id: str | None = None
        self._lock = asyncio.Lock()

    async def send(self, bot, target: Target, cap: Chunk, **options: Any) -> Message:  # noqa: ANN001
        if self._file_id is None:
            async with self._lock:  # the others wait for the upload instead of uploading too
                if self._file_id is None:
                    message = await send_photo(bot, target, self._png, cap, **options)
                    if message.photo:
                        self._file_id = message.photo[-1].file_id
                    return message
        return await send_photo(bot, target, self._file_id, cap, **options)


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
                if self._draft is None:  # not retried: a preview is optional, the final answer is not
                    self._draft = await send_chunk(self._bot, self._target, preview, retry=None)
                else:
                    await edit_chunk(self._draft, preview, retry=None)
            except TelegramError as exc:  # a preview is optional; the final answer still goes out
                log.info("draft update failed: %s", exc)
                return
            self._shown, self._last_at = text, self._clock()

    async def finish(self, chunks: Sequence[Chunk]) -> list[Message]:
        """Deliver the final answer: into the draft message if there is one, else as new messages."""
        async with self._lock:
            if self._draft is None:
                return await send_chunks(self._bot, self._target, chunks)
            queue = list(chunks)
            while True:
                try:
                    first = await edit_chunk(self._draft, queue[0])
                    break
                except BadRequest as exc:
                    kind = fault_kind(exc)
                    smaller = split_smaller(queue[0]) if kind is FaultKind.TOO_LONG else []
                    if smaller:  # the draft takes the first piece, the others follow as new messages
                        queue[:1] = smaller
                        continue
                    if kind is not FaultKind.REFUSED:
                        raise
                    # The draft cannot be edited (deleted, too old): the answer still goes out, as new messages.
                    log.info("draft not editable (%s); sending the answer anew", exc.message)
                    return await send_chunks(self._bot, self._target, queue)
            rest = [await send_chunk(self._bot, self._target, c, quote=False) for c in queue[1:]]
            return [first if isinstance(first, Message) else self._draft, *rest]
