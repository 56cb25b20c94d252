"""Every request to the Bot API passes here (PTB's rate-limiter hook): pacing, and what it learns of chats.

* Message calls (send*, edit*, copy, forward; not "typing") wait for a slot of
  the one ``SmoothPacer`` (bot.pacing), whichever path sends them: answers,
  streamed edits, the daily push, alerts, the chart button.
* A 429 pauses every slot for ``retry_after`` and the call is made again (up
  to ``max_retries`` times; then RetryAfter reaches the caller, who retries).
* A group that became a supergroup (ChatMigrated) is followed: the call goes to
  the new id, later calls to the old id go there directly, and ``on_moved``
  moves the chat's stored state (subscription, alerts, language, memory).
* A chat that is gone (blocked, kicked, not found; bot.send_faults) is reported
  to ``on_gone`` (the thread id when only a forum topic was deleted), and the
  error reaches the caller, who gives that send up.

PTB advises a rate limiter to handle only RetryAfter; following a migration here
is deliberate: every path gets it, and it changes where a call goes, not
whether the caller sees a success or a failure.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.pacing import SmoothPacer
from bot.send_faults import FaultKind, classify, retry_after_s

log = logging.getLogger(__name__)

OnMoved = Callable[[int, int], Awaitable[None]]
OnGone = Callable[[int, int | None], Awaitable[None]]


def is_message_call(endpoint: str) -> bool:
    """Calls Telegram counts against the messages-per-second limits."""
    return endpoint.startswith(("send", "edit", "copy", "forward")) and endpoint != "sendChatAction"


async def _nothing(*_args: object) -> None:
    return None


class Outbox(BaseRateLimiter[Any]):
    def __init__(
        self,
        pacer: SmoothPacer | None = None,
        *,
        max_retries: int = 3,
        on_moved: OnMoved = _nothing,
        on_gone: OnGone = _nothing,
    ) -> None:
        self.pacer = pacer or SmoothPacer()
        self._max_retries = max_retries
        self._on_moved = on_moved
        self._on_gone = on_gone
        self._moved: dict[int, int] = {}  # old chat id -> new (supergroup) id, learnt this run

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def current_id(self, chat_id: object) -> object:
        """Where calls to ``chat_id`` go now (its supergroup's id if it migrated)."""
        while isinstance(chat_id, int) and chat_id in self._moved:
            chat_id = self._moved[chat_id]
        return chat_id

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        # ``args`` is (endpoint, data): changing ``data`` changes the call.
        retries = 0
        while True:
            if "chat_id" in data:
                data["chat_id"] = self.current_id(data["chat_id"])
            chat = data.get("chat_id")
            if is_message_call(endpoint):
                await self.pacer.acquire(chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_s(exc)
                self.pacer.pause(wait)
                if retries >= self._max_retries:
                    raise
                retries += 1
                log.warning("%s: flood control, every send waits %.0f s", endpoint, wait)
            except ChatMigrated as exc:
                if not isinstance(chat, int) or chat in self._moved:
                    raise
                log.info("chat %s became supergroup %s; following it", chat, exc.new_chat_id)
                self._moved[chat] = exc.new_chat_id
                await self._on_moved(chat, exc.new_chat_id)
            except (Forbidden, BadRequest) as exc:
                fault = classify(exc)
                if fault.kind is FaultKind.GONE and isinstance(chat, int):
                    thread = data.get("message_thread_id") if fault.topic_only else None
                    if not fault.topic_only or isinstance(thread, int):
                        await self._on_gone(chat, thread)
                raise
