"""The leader of once-per-cluster jobs (the market refresh, the minute-bar refresh, news ingestion, the
catch-up scan): whoever holds a PostgreSQL session advisory lock.

Why an advisory lock and not a leader row with a heartbeat: PostgreSQL releases a session lock the
moment the session ends, so a leader killed with SIGKILL (the kernel closes its socket) or cut off
(the server terminates the backend) stops leading without any clock being compared. The others try
the lock every ``POLL_S`` seconds, so one of them leads within that much after the leader died.

On SQLite the bot is one process, which always leads (:class:`AlwaysLeader`).

A replica that only *thinks* it leads (its connection broke a moment ago and it has not polled yet)
runs a job at most once more; the jobs led here are idempotent refreshes, so that costs a request to
akshare, not a wrong answer.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Protocol

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from config.database import Database

log = logging.getLogger(__name__)

LEADER_LOCK_KEY = 0x6D6B_6274_0002  # "mkbt" + 2 (config.database's schema lock is + 1)
POLL_S = 15.0  # a follower tries the lock this often; a dead leader is replaced within it


class Leadership(Protocol):
    @property
    def is_leader(self) -> bool: ...
    async def poll(self) -> bool: ...
    async def close(self) -> None: ...


class AlwaysLeader:
    """One process on SQLite: it leads every job."""

    is_leader = True

    async def poll(self) -> bool:
        return True

    async def close(self) -> None:
        return None


class AdvisoryLeader:
    """Leadership through ``pg_try_advisory_lock`` on a connection of its own, kept open while it leads."""

    def __init__(self, db: Database, *, key: int = LEADER_LOCK_KEY, name: str = "") -> None:
        self._db = db
        self._key = key
        self._name = name
        self._conn: Connection | None = None
        self._leading = False
        self._guard = threading.Lock()  # poll() runs in a worker thread; close() may come from another

    @property
    def is_leader(self) -> bool:
        return self._leading

    async def poll(self) -> bool:
        """Check the lock is still held (leader), or try to take it (follower); True when leading now."""
        return await asyncio.to_thread(self.poll_now)

    def poll_now(self) -> bool:
        with self._guard:
            was = self._leading
            try:
                self._leading = self._check() if self._conn is not None else self._try()
            except SQLAlchemyError as exc:  # the database is unreachable: nobody here leads
                log.warning("leader %s: lost the database (%s); not leading", self._name, type(exc).__name__)
                self._drop()
                self._leading = False
            if self._leading != was:
                log.info("leader %s: %s", self._name, "now leading" if self._leading else "no longer leading")
            return self._leading

    def _try(self) -> bool:
        conn = self._db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}).scalar())
        except BaseException:
            conn.invalidate()
            conn.close()
            raise
        if got:
            self._conn = conn  # kept open: the lock lives as long as this session
        else:
            conn.close()
        return got

    def _check(self) -> bool:
        """Still leading: the session is alive and still holds the lock (a terminated backend raises)."""
        assert self._conn is not None
        held = self._conn.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted")
        ).scalar()
        if not held:
            self._drop()
        return bool(held)

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()  # never back into the pool: its session may still hold the lock
                self._conn.close()
            except SQLAlchemyError:
                pass
            self._conn = None

    async def close(self) -> None:
        """Step down at once (a graceful stop): closing the session releases the lock for the others."""
        await asyncio.to_thread(self._close_now)

    def _close_now(self) -> None:
        with self._guard:
            self._drop()
            self._leading = False


def leadership_for(db: Database, name: str = "") -> Leadership:
    return AdvisoryLeader(db, name=name) if db.shared else AlwaysLeader()
