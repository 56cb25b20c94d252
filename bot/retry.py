"""Which Telegram failures prove nothing was sent, and retrying with backoff on those.

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

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

log = logging.getLogger(__name__)
T = TypeVar("T")


def outcome_unknown(exc: NetworkError) -> bool:
    """True when the request may have reached Telegram (so sending it again could double the message)."""
    if isinstance(exc, TimedOut):
        never_sent = (httpx.ConnectTimeout, httpx.PoolTimeout)
        return not (exc.message.startswith("Pool timeout") or isinstance(exc.__cause__, never_sent))
    # PTB reports transport failures as "httpx.<Error>: ..."; HTTP 5xx replies carry a status instead.
    text = exc.message
    return text.startswith("httpx.") and not text.startswith(("httpx.ConnectError", "httpx.ConnectTimeout"))


def retry_after_s(exc: RetryAfter) -> float:
    value = exc.retry_after
    return float(value) if isinstance(value, int | float) else value.total_seconds()


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
        last = attempt == policy.attempts - 1
        try:
            return await call()
        except RetryAfter as exc:  # AIORateLimiter's own retries ran out
            if last:
                raise
            await asyncio.sleep(retry_after_s(exc))
        except BadRequest:  # a NetworkError subclass, but final
            raise
        except NetworkError as exc:
            if last or (outcome_unknown(exc) and not idempotent):
                raise
            log.info("Telegram call failed (%s); retrying", exc.message)
            await asyncio.sleep(policy.delay(attempt))
    raise AssertionError("unreachable")  # the loop returns or raises
