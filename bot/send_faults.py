"""One fault model for every send path: what a Telegram error says about the message and the chat.

Answers, streamed edits, the daily push, alerts and the chart button all ask
``classify(exc)`` and act on its kind the same way:

* RETRY: nothing was sent (a 5xx answer, a refused connection, a 429 with
  ``retry_after``): send again after a pause;
* UNKNOWN: the request may have reached Telegram (a read timeout, a dropped
  connection): send again only what is idempotent (edits) or ledger-counted;
* TOO_LONG: Telegram counted the text longer than we did: re-split it smaller;
* UNPARSABLE: Telegram could not parse our HTML: send the plain twin;
* NOT_MODIFIED: an edit with the text already shown (also a retried edit that
  had arrived): done;
* MIGRATED: the group became a supergroup (``new_chat_id``): send there, and
  the chat's stored state moves with it (bot.outbox does both);
* GONE: blocked, kicked, chat not found (``topic_only`` for a deleted forum
  topic): the chat (or topic) is unsubscribed and its alerts turned off;
* REFUSED: any other 400: logged, never retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import httpx
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

# 400 descriptions that mean the chat (or the topic) is gone for good.
CHAT_GONE = ("chat not found", "peer_id_invalid", "bot is not a member", "bot was kicked")
TOPIC_GONE = ("message thread not found", "topic_deleted", "topic_closed")
TOO_LONG = ("message is too long", "caption is too long", "message_too_long", "text is too long")


class FaultKind(Enum):
    RETRY = "retry"
    UNKNOWN = "unknown"
    TOO_LONG = "too_long"
    UNPARSABLE = "unparsable"
    NOT_MODIFIED = "not_modified"
    MIGRATED = "migrated"
    GONE = "gone"
    REFUSED = "refused"


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    retry_after_s: float = 0.0  # RETRY after a 429: how long Telegram asked us to wait
    new_chat_id: int | None = None  # MIGRATED
    topic_only: bool = False  # GONE: only the forum topic was deleted, not the chat

    @property
    def nothing_sent(self) -> bool:
        """Telegram proved the message did not go out (so sending it again cannot double it)."""
        return self.kind is not FaultKind.UNKNOWN


def outcome_unknown(exc: NetworkError) -> bool:
    """True when the request may have reached Telegram (so sending it again could double the message)."""
    if isinstance(exc, BadRequest):
        return False
    if isinstance(exc, TimedOut):
        never_sent = (httpx.ConnectTimeout, httpx.PoolTimeout)
        return not (exc.message.startswith("Pool timeout") or isinstance(exc.__cause__, never_sent))
    # PTB reports transport failures as "httpx.<Error>: ..."; HTTP 5xx replies carry a status instead.
    text = exc.message
    return text.startswith("httpx.") and not text.startswith(("httpx.ConnectError", "httpx.ConnectTimeout"))


def retry_after_s(exc: RetryAfter) -> float:
    value = exc.retry_after
    return float(value) if isinstance(value, int | float) else value.total_seconds()


def classify(exc: TelegramError) -> Fault:
    """The kind of a Telegram error (anything PTB raises for a request)."""
    text = exc.message.lower()
    if isinstance(exc, RetryAfter):
        return Fault(FaultKind.RETRY, retry_after_s=retry_after_s(exc))
    if isinstance(exc, ChatMigrated):
        return Fault(FaultKind.MIGRATED, new_chat_id=exc.new_chat_id)
    if isinstance(exc, Forbidden):
        return Fault(FaultKind.GONE)
    if isinstance(exc, BadRequest):  # a NetworkError subclass, but final
        if any(s in text for s in TOO_LONG):
            return Fault(FaultKind.TOO_LONG)
        if "can't parse entities" in text or "can't find end" in text:
            return Fault(FaultKind.UNPARSABLE)
        if "message is not modified" in text:
            return Fault(FaultKind.NOT_MODIFIED)
        if any(s in text for s in CHAT_GONE):
            return Fault(FaultKind.GONE)
        if any(s in text for s in TOPIC_GONE):
            return Fault(FaultKind.GONE, topic_only=True)
        return Fault(FaultKind.REFUSED)
    if isinstance(exc, NetworkError):
        return Fault(FaultKind.UNKNOWN if outcome_unknown(exc) else FaultKind.RETRY)
    return Fault(FaultKind.REFUSED)  # InvalidToken, Conflict, EndPointNotFound: retrying cannot help
