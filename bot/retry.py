"""Retrying a Telegram call with backoff while the fault model (bot.send_faults) says it is safe.

Telegram either answers (a result, or an error that says nothing was sent) or
does not (a read timeout, a dropped connection, our own process dying
mid-request). Only the last kind is ambiguous: the message may or may not have
arrived, and the Bot API offers no way to ask. ``with_retries`` retries what
cannot have been delivered (5xx, refused connections, 429) and retries an
ambiguous outcome only for idempotent calls (edits); otherwise it raises, so
the caller can stay silent instead of sending a second, contradictory message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from telegram.error import TelegramError

from bot.send_faults import FaultKind, classify

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    backoff_s: float = 0.5

    def delay(self, attempt: int) -> float:
        return self.backoff_s * 2**attempt


INTERACTIVE = RetryPolicy(attempts=3, backoff_s=0.5)


async def with_retries(
    call: Callable[[], Awaitable[T]], policy: RetryPolicy = INTERACTIVE, *, idempotent: bool = False
) -> T:
    """``call()``, retried while Telegram proves nothing happened (or always, if the call is idempotent)."""
    for attempt in range(policy.attempts):
        try:
            return await call()
        except TelegramError as exc:
            fault = classify(exc)
            safe = fault.kind is FaultKind.RETRY or (fault.kind is FaultKind.UNKNOWN and idempotent)
            if not safe or attempt == policy.attempts - 1:
                raise
            log.info("Telegram call failed (%s); retrying", exc.message)
            await asyncio.sleep(max(fault.retry_after_s, policy.delay(attempt)))
    raise AssertionError("unreachable")  # the loop returns or raises
