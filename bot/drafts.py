"""Streaming an answer in a private chat as a native draft (Bot API ``sendMessageDraft``, PTB 22.6+).

A draft is an ephemeral preview Telegram animates while the text grows; it is
not a message, so it needs no edits (and none of their flood limits), and the
answer is then sent once as the real message. Drafts exist only in private
chats; groups keep the throttled edits of bot.replies.StreamingReply.

A draft that Telegram refuses (an older server, a chat that is not private)
ends the previews for that answer; the final message is sent all the same.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable, Sequence

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.formatting import TEXT_LIMIT, Chunk, render_text
from bot.replies import Target, send_chunks
from bot.send_faults import FaultKind, classify

log = logging.getLogger(__name__)

# Draft ids must be non-zero; one per answer, so a new answer's preview is not animated from the last one's.
_DRAFT_IDS = itertools.count(1)


class DraftReply:
    """Turns ``on_partial(text_so_far)`` calls into draft previews, then sends the final answer as messages."""

    def __init__(
        self,
        bot,  # noqa: ANN001
        target: Target,
        min_interval: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bot = bot
        self._target = target
        self._min_interval = min_interval
        self._clock = clock
        self._draft_id = next(_DRAFT_IDS)
        self._shown = ""
        self._last_at = float("-inf")
        self._stopped = False
        self._lock = asyncio.Lock()

    async def on_partial(self, text: str) -> None:
        text = text.strip()
        if self._stopped or not text or text == self._shown or self._clock() - self._last_at < self._min_interval:
            return
        if self._lock.locked():  # a draft is still on its way; the next partial supersedes this one
            return
        async with self._lock:
            preview = render_text(text[-(TEXT_LIMIT - 16) :] if len(text) > TEXT_LIMIT - 16 else text)[0]
            try:
                await self._send_draft(preview)
            except TelegramError as exc:  # a preview is optional; the final answer still goes out
                log.info("draft refused, no more previews for this answer: %s", exc)
                self._stopped = True
                return
            self._shown, self._last_at = text, self._clock()

    async def _send_draft(self, chunk: Chunk) -> None:
        options = dict(chat_id=self._target.chat_id, draft_id=self._draft_id, message_thread_id=self._target.thread_id)
        try:
            await self._bot.send_message_draft(text=chunk.html, parse_mode=ParseMode.HTML, **options)
        except BadRequest as exc:
            if classify(exc).kind is not FaultKind.UNPARSABLE:
                raise
            await self._bot.send_message_draft(text=chunk.plain, **options)

    async def finish(self, chunks: Sequence[Chunk]) -> list[Message]:
        """The final answer as real messages (a draft is only a preview and disappears by itself)."""
        async with self._lock:
            self._stopped = True
            return await send_chunks(self._bot, self._target, chunks)
