"""Ledger-backed sending: one part to one chat, at least once, never again after Telegram confirmed it.

``LedgerSender`` delivers one part to one recipient, keyed by (chat, thread,
day, part) in the ledger of bot.push.subscriptions: a confirmed part is never sent
again; a part whose send had an unknown outcome (timeout, or the process died
mid-request) is sent again, at most ``MAX_TRIES`` sends in all; a final error
(blocked, chat gone, bad request) is recorded and not retried that day; errors
that prove nothing was sent (5xx, refused connection, 429) are retried with
backoff, then left for a later run. Faults are classified by bot.send_faults,
as for every other send; pacing, migrated groups (the send lands at the new
id, and the chat's rows move) and the stores of gone chats are bot.outbox's,
for every request. The daily push uses it, and the alerts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from telegram import Message
from telegram.error import TelegramError

from bot.push.subscriptions import SubscriptionStore
from bot.replies import Target
from bot.retry import RetryPolicy
from bot.send_faults import Fault, FaultKind, classify

log = logging.getLogger(__name__)


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
        stop: asyncio.Event | None = None,
    ) -> None:
        self._store = store
        self._policy = policy
        self.stop = stop or asyncio.Event()

    async def deliver(self, to: Recipient, day: date, part: str, send: Send, report: DeliveryReport) -> Outcome:
        claimed = False
        for attempt in range(self._policy.attempts):
            if self.stop.is_set():
                if claimed:
                    self._store.release(to.key, to.thread_id, day, part)
                return Outcome.RETRY_LATER
            if not claimed:
                # Claim first, read only when that lost: one round trip for a part nobody has touched. The
                # claim wins only a new part, an unknown outcome, or a claim whose lease ran out.
                if not self._store.claim(to.key, to.thread_id, day, part):
                    return self._existing(self._store.ledger_state(to.key, to.thread_id, day, part), report)
                claimed = True
            try:
                message = await send(Target(to.chat_id, to.thread_id))
            except asyncio.CancelledError:  # a stop that could not wait: the request may have left
                self._store.mark_uncertain(to.key, to.thread_id, day, part)
                raise
            except TelegramError as exc:
                fault = classify(exc)
                if fault.kind is FaultKind.RETRY:
                    await asyncio.sleep(max(fault.retry_after_s, self._policy.delay(attempt)))
                    continue
                if fault.kind is FaultKind.UNKNOWN:
                    self._store.mark_uncertain(to.key, to.thread_id, day, part)
                    claimed = False  # the next attempt re-claims it, within MAX_TRIES
                    report.uncertain += 1
                    log.warning("send to %s %s: outcome unknown (%s); will send again", to.chat_id, part, exc)
                    await asyncio.sleep(self._policy.delay(attempt))
                    continue
                return self._refused(to, day, part, report, exc, fault)
            if isinstance(to.chat_id, int) and message.chat_id != to.chat_id:  # bot.outbox followed a migration
                self._migrated(to, message.chat_id, report)
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
        return Outcome.RETRY_LATER  # "sending": in flight (another task, or another replica under its lease)

    def _migrated(self, to: Recipient, new_id: int, report: DeliveryReport) -> None:
        """The send landed in the supergroup the group became; its rows were moved there (bot.outbox)."""
        if isinstance(to.chat_id, int):
            report.migrated[to.chat_id] = new_id
        to.chat_id = new_id

    def _refused(
        self, to: Recipient, day: date, part: str, report: DeliveryReport, exc: TelegramError, fault: Fault
    ) -> Outcome:
        """Telegram definitely did not deliver and never will today: record it; note chats that are gone
        (bot.outbox has unsubscribed them and turned their alerts off)."""
        self._store.mark_failed(to.key, to.thread_id, day, part)
        report.failed += 1
        if fault.kind is FaultKind.GONE and not (fault.topic_only and to.thread_id is None):
            to.gone = "topic" if fault.topic_only else "chat"
            if to.subscribed and isinstance(to.chat_id, int):
                report.unsubscribed.append(to.chat_id)
            log.warning("send to %s %s refused (%s); switched off", to.chat_id, part, exc.message)
        else:
            log.warning("send to %s %s refused: %s", to.chat_id, part, exc.message)
        return Outcome.FAILED
