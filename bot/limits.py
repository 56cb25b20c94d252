"""Who may ask, how often, and what: allowlist, per-user rate, one answer in flight, question size.

The rate window lives in memory (:class:`UserLimiter`) or, when several replicas share a database,
in it (:class:`SharedUserLimiter`): a user's questions count against one budget whichever replica
they land on. "One answer in flight" stays per replica.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy import Column, MetaData, String, Table, select, update

from config.database import ChatId, Database, Schema, create_tables, open_database, prepare
from config.settings import Settings


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


_meta = MetaData()
rate_windows = Table(
    "rate_windows",
    _meta,
    Column("user_id", ChatId, primary_key=True, autoincrement=False),
    Column("stamps", String, nullable=False),  # the window's request times (epoch seconds), comma-separated
)
SCHEMA = Schema("limits", (create_tables(rate_windows),))


@dataclass
class SharedUserLimiter(UserLimiter):
    """The same sliding window, kept in the shared database. Each acquire locks the user's row, so two
    replicas admitting the same user at once still count both. The clock is each replica's wall clock
    (a minute's window tolerates their skew)."""

    clock: Callable[[], float] = time.time
    db: Database | None = None

    def __post_init__(self) -> None:
        assert self.db is not None, "SharedUserLimiter needs a database"
        prepare(self.db, SCHEMA)

    @classmethod
    def from_settings(cls, settings: Settings) -> SharedUserLimiter:
        return cls(per_minute=settings.user_rate_per_minute, db=open_database(settings, "limits.sqlite3"))

    def acquire(self, user_id: int) -> Decision:
        if user_id in self._in_flight:
            return Decision(Verdict.BUSY)
        assert self.db is not None
        now = self.clock()
        with self.db.transaction() as conn:
            conn.execute(self.db.insert(rate_windows).values(user_id=user_id, stamps="").on_conflict_do_nothing())
            stamps = conn.execute(
                select(rate_windows.c.stamps).where(rate_windows.c.user_id == user_id).with_for_update()
            ).scalar_one()
            history = [t for t in (float(v) for v in stamps.split(",") if v) if now - t < self.window_s]
            decision = Decision(Verdict.OK)
            if self.per_minute > 0 and len(history) >= self.per_minute:
                wait = int(self.window_s - (now - min(history))) + 1
                decision = Decision(Verdict.RATE_LIMITED, retry_after_s=max(wait, 1))
            else:
                history.append(now)
            kept = ",".join(repr(t) for t in history)
            conn.execute(update(rate_windows).where(rate_windows.c.user_id == user_id).values(stamps=kept))
        if decision.ok:
            self._in_flight.add(user_id)
        return decision

    def release(self, user_id: int) -> None:
        self._in_flight.discard(user_id)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def user_limiter(settings: Settings) -> UserLimiter:
    """In memory for one process; in the shared database when ``database_url`` is set."""
    if settings.database_url is not None:
        return SharedUserLimiter.from_settings(settings)
    return UserLimiter(per_minute=settings.user_rate_per_minute)
