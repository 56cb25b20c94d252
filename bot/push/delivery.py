"""Ledger-backed sending: one part to one chat, at least once, never again after Telegram confirmed it.

``LedgerSender`` delivers one part to one recipient, keyed by (chat, thread,
day, part) in the ledger of bot.push.subscriptions: a confirmed part is never sent
again; a part whose send had an unknown outcome (timeout, or the process died
mid-request) is sent again, at most ``MAX_TRIES`` sends in all; a final error
(blocked, chat gone, bad request) is recorded and not retried that day; errors
that prove nothing was sent (5xx, refused connection, 429) are retried with
backoff, then left for a later run. The daily push uses it; so can anything
else that must reach a chat once per key (e.g. alerts).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from telegram import Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.push.subscriptions import SubscriptionStore
from bot.replies import Target
from bot.retry import RetryPolicy, outcome_unknown, retry_after_s

log = logging.getLogger(__name__)

# 400 descriptions that mean the chat (or the topic) is gone for good: stop pushing to it.
CHAT_GONE = ("chat not found", "peer_id_invalid")
TOPIC_GONE = ("message thread not found", "topic_deleted")


class Outcome(Enum):
    SENT = "sent"  # confirmed now
    ALREADY = "already"  # confirmed by an earlier run
    UNKNOWN = "unknown"  # sent MAX_TRIES times without a confirmation: may have arrived, not sent again
    FAILED = "failed"  # Telegram refused for good (blocked, chat gone, bad request); recorded, not retried
    RETRY_LATER = "retry_later"  # not sent (attempts used up, stopping, or in flight elsewhere): a later run sends it

    @property
    def reached(self) -> bool:
        """The recipient has (or may have) this part, so the following parts may go."""
        return self in (Outcome.SENT, Outcome.ALREADY, Outcome.UNKNOWN)


@dataclass
class Recipient:
    chat_id: int | str
    thread_id: int | None = None
    subscribed: bool = True  # False for chats named in settings, which the bot cannot unsubscribe
    gone: str | None = None  # set by a refusal: "chat" (blocked, chat gone) or "topic" (forum topic deleted)

    @property
    def key(self) -> str:
        return str(self.chat_id)


@dataclass
class DeliveryReport:
    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    uncertain: int = 0  # sends whose outcome was unknown (each one is re-sent while tries remain)
    unsubscribed: list[int | str] = field(default_factory=list)
    migrated: dict[int, int] = field(default_factory=dict)


class Pacer:
    """Evenly spaced slots (no bursts): AIORateLimiter allows a burst of 30 on top of 30/s, which
    Telegram's per-second flood control answers with 429; a push paced just below the ceiling never is."""

    def __init__(self, per_second: float) -> None:
        self._gap = 1.0 / per_second
        self._next = 0.0

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        slot = max(loop.time(), self._next)
        self._next = slot + self._gap
        await asyncio.sleep(slot - loop.time())


Send = Callable[[Target], Awaitable[Message]]


class LedgerSender:
    """Claim, send, record: each (recipient, day, part) reaches Telegram at least once, never after a confirmation.

    ``stop`` (an Event) makes every later ``deliver`` return RETRY_LATER without claiming, so a stopping
    process leaves the rest to the next one. A cancelled send is recorded as uncertain (re-sent later).
    """

    def __init__(
        self,
        store: SubscriptionStore,
        *,
        policy: RetryPolicy,
        pacer: Pacer,
        stop: asyncio.Event | None = None,
    ) -> None:
        self._store = store
        self._policy = policy
        self._pacer = pacer
        self.stop = stop or asyncio.Event()

    async def deliver(self, to: Recipient, day: date, part: str, send: Send, report: DeliveryReport) -> Outcome:
        claimed = False
        for attempt in range(self._policy.attempts):
            if self.stop.is_set():
                if claimed:
                    self._store.release(to.key, to.thread_id, day, part)
                return Outcome.RETRY_LATER
            if not claimed:
                state = self._store.ledger_state(to.key, to.thread_id, day, part)
                if state is not None and state != "uncertain":
                    return self._existing(state, report)
                # Wait for a send slot *before* claiming: a "sending" row then means a request really in
                # flight, so a crash re-sends (and may double) only those.
                await self._pacer.wait()
                if not self._store.claim(to.key, to.thread_id, day, part):
                    return self._existing(self._store.ledger_state(to.key, to.thread_id, day, part), report)
                claimed = True
            else:
                try:
                    await self._pacer.wait()
                except asyncio.CancelledError:  # nothing has left yet
                    self._store.release(to.key, to.thread_id, day, part)
                    raise
            try:
                message = await send(Target(to.chat_id, to.thread_id))
            except asyncio.CancelledError:  # a stop that could not wait: the request may have left
                self._store.mark_uncertain(to.key, to.thread_id, day, part)
                raise
            except ChatMigrated as exc:
                self._store.release(to.key, to.thread_id, day, part)
                claimed = False
                self._migrate(to, exc.new_chat_id, report)
                continue
            except (Forbidden, BadRequest) as exc:  # BadRequest is a NetworkError: caught first, it is final
                return self._refused(to, day, part, report, exc)
            except RetryAfter as exc:  # AIORateLimiter's own retries ran out; nothing was sent
                await asyncio.sleep(retry_after_s(exc))
                continue
            except NetworkError as exc:
                if outcome_unknown(exc):
                    self._store.mark_uncertain(to.key, to.thread_id, day, part)
                    claimed = False  # the next attempt re-claims it, within MAX_TRIES
                    report.uncertain += 1
                    log.warning("send to %s %s: outcome unknown (%s); will send again", to.chat_id, part, exc)
                await asyncio.sleep(self._policy.delay(attempt))
                continue
            except TelegramError as exc:
                return self._refused(to, day, part, report, exc)
            self._store.mark_sent(to.key, to.thread_id, day, part, message.message_id)
            report.sent += 1
            return Outcome.SENT
        if claimed:  # the last attempt proved nothing was sent: free it for a later run
            self._store.release(to.key, to.thread_id, day, part)
        log.warning("send to %s %s: attempts used up; a later run retries", to.chat_id, part)
        return Outcome.RETRY_LATER

    def _existing(self, state: str | None, report: DeliveryReport) -> Outcome:
        if state == "sent":
            report.already_sent += 1
            return Outcome.ALREADY
        if state == "failed":
            return Outcome.FAILED
        if state == "uncertain":  # tries used up
            return Outcome.UNKNOWN
        return Outcome.RETRY_LATER  # "sending": another task of this process has it in flight

    def _migrate(self, to: Recipient, new_id: int, report: DeliveryReport) -> None:
        old = to.chat_id
        log.info("chat %s migrated to %s", old, new_id)
        if isinstance(old, int):
            self._store.migrate_chat(old, new_id)
            report.migrated[old] = new_id
        to.chat_id = new_id

    def _refused(self, to: Recipient, day: date, part: str, report: DeliveryReport, exc: TelegramError) -> Outcome:
        """Telegram definitely did not deliver and never will today: record it; drop chats that are gone."""
        self._store.mark_failed(to.key, to.thread_id, day, part)
        report.failed += 1
        text = exc.message.lower()
        whole_chat = isinstance(exc, Forbidden) or any(s in text for s in CHAT_GONE)
        topic = to.thread_id is not None and any(s in text for s in TOPIC_GONE)
        if whole_chat or topic:
            to.gone = "chat" if whole_chat else "topic"
        if to.gone and to.subscribed and isinstance(to.chat_id, int):
            self._store.unsubscribe(to.chat_id, to.thread_id, all_threads=whole_chat)
            report.unsubscribed.append(to.chat_id)
            log.warning("send to %s %s refused (%s); unsubscribed", to.chat_id, part, exc.message)
        else:
            log.warning("send to %s %s refused: %s", to.chat_id, part, exc.message)
        return Outcome.FAILED
