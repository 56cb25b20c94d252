"""Who may ask, how often, and what: allowlist, per-user rate, one answer in flight, question size."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    OK = "ok"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    RATE_LIMITED = "rate_limited"
    BUSY = "busy"


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    retry_after_s: int = 0

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK


@dataclass(frozen=True)
class Allowlist:
    """Empty lists mean everyone; otherwise a user id OR a chat id must be listed."""

    user_ids: frozenset[int] = frozenset()
    chat_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, user_ids: Iterable[int], chat_ids: Iterable[int]) -> Allowlist:
        return cls(frozenset(user_ids), frozenset(chat_ids))

    @property
    def open(self) -> bool:
        return not self.user_ids and not self.chat_ids

    def allows(self, user_id: int | None, chat_id: int | None) -> bool:
        if self.open:
            return True
        return (user_id is not None and user_id in self.user_ids) or (chat_id is not None and chat_id in self.chat_ids)


def check_question(text: str | None, max_chars: int) -> Decision:
    stripped = (text or "").strip()
    if not stripped:
        return Decision(Verdict.EMPTY)
    if len(stripped) > max_chars:
        return Decision(Verdict.TOO_LONG)
    return Decision(Verdict.OK)


@dataclass
class UserLimiter:
    """Sliding one-minute window per user plus a set of users with an answer in flight.

    Single-threaded (the asyncio loop), so no locks: ``acquire`` either admits
    the user (records the request and marks them busy) or says why not.
    """

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    window_s: float = 60.0
    _history: dict[int, deque[float]] = field(default_factory=dict)
    _in_flight: set[int] = field(default_factory=set)

    def acquire(self, user_id: int) -> Decision:
        if user_id in self._in_flight:
            return Decision(Verdict.BUSY)
        now = self.clock()
        history = self._history.setdefault(user_id, deque())
        while history and now - history[0] >= self.window_s:
            history.popleft()
        if self.per_minute > 0 and len(history) >= self.per_minute:
            wait = int(self.window_s - (now - history[0])) + 1
            return Decision(Verdict.RATE_LIMITED, retry_after_s=max(wait, 1))
        history.append(now)
        self._in_flight.add(user_id)
        if len(self._history) > 4096:
            self._prune(now)
        return Decision(Verdict.OK)

    def release(self, user_id: int) -> None:
        self._in_flight.discard(user_id)
        history = self._history.get(user_id)
        if history is not None and not history:
            del self._history[user_id]

    def _prune(self, now: float) -> None:
        # Forget users whose whole window has passed, so the table stays small.
        stale = [uid for uid, h in self._history.items() if not h or now - h[-1] >= self.window_s]
        for uid in stale:
            if uid not in self._in_flight:
                del self._history[uid]

    def busy(self, user_id: int) -> bool:
        return user_id in self._in_flight
