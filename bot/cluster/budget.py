"""The cluster's send budget: at most ``per_second`` message calls per second for all replicas together.

Telegram limits a bot token, not a process, to about 30 messages a second, and counts failed calls
too. Each replica's SmoothPacer (bot.pacing) spaces its own calls; this budget, consulted by the
pacer for every message call, spaces the cluster's: time on the database's clock is cut into slots
of ``1/per_second`` seconds, each slot may carry one call, and a replica *reserves* the earliest free
slot (one INSERT, whose primary key makes two replicas never win the same slot) and then sleeps until
that slot starts. A window of one second therefore holds at most ``per_second + 1`` reserved slots,
whatever the replicas' number or their clocks; the default of 20 leaves room for the jitter between a
slot's start and the call reaching the Bot API (event loops under load, HTTP).

The wait is measured on the database's clock (the slot's start minus the database's ``now``, both
returned by the same statement) and slept locally as a duration: no wall clocks are compared. A replica
whose event loop wakes it more than ``LATE_S`` after its slot gives the slot up and reserves another, so
a busy replica's late calls do not pile onto the next slots' (what lets a second hold more than its share).

PostgreSQL only: on SQLite there is one process, and its pacer alone keeps the limit.
If the database cannot be reached, a call waits one slot and goes (the local pacer still holds it
under its own limit): a database outage must not stop the bot from answering.
"""

from __future__ import annotations

import asyncio
import logging
import math

from sqlalchemy import BigInteger, Column, MetaData, String, Table, text
from sqlalchemy.exc import SQLAlchemyError

from config.database import Database, Schema, create_tables, prepare

log = logging.getLogger(__name__)

CLUSTER_PER_SECOND = 20.0
LOOK_AHEAD_S = 10.0  # reserve at most this far ahead; a fuller queue waits and asks again
KEEP_S = 30.0  # slots older than this are deleted now and then
LATE_S = 0.1  # a slot we woke up for later than this is given up (see acquire)

_meta = MetaData()
send_slots = Table(
    "send_slots",
    _meta,
    Column("slot", BigInteger, primary_key=True),  # floor(db epoch seconds * per_second)
    Column("owner", String, nullable=False),  # the replica that reserved it (for the curious operator)
)
SCHEMA = Schema("send_budget", (create_tables(send_slots),))

# The earliest free slot from the current one on, reserved in one statement; a race with another
# replica for the same slot makes the INSERT do nothing (and the caller asks again).
_RESERVE = text(
    """
    WITH clock AS (SELECT extract(epoch from clock_timestamp())::float8 AS t),
    free AS (
        SELECT g AS slot
        FROM clock, generate_series(floor(clock.t * :rate)::bigint, floor(clock.t * :rate)::bigint + :ahead) AS g
        WHERE NOT EXISTS (SELECT 1 FROM send_slots s WHERE s.slot = g)
        ORDER BY g
        LIMIT 1
    )
    INSERT INTO send_slots (slot, owner)
    SELECT slot, :owner FROM free
    ON CONFLICT (slot) DO NOTHING
    RETURNING slot, (SELECT t FROM clock)
    """
)
_FORGET = text(
    "DELETE FROM send_slots WHERE slot < floor(extract(epoch from clock_timestamp()) * :rate)::bigint - :keep"
)


class SharedBudget:
    """``acquire()`` returns when this replica may make one message call (bot.pacing.Budget)."""

    def __init__(self, db: Database, owner: str, per_second: float | None = None) -> None:
        if not db.shared:
            raise ValueError("a shared send budget needs PostgreSQL")
        prepare(db, SCHEMA)
        self._db = db
        self._owner = owner
        self._rate = CLUSTER_PER_SECOND if per_second is None else per_second
        self._ahead = max(int(LOOK_AHEAD_S * self._rate), 1)
        self._reserved = 0
        self.round_trips = 0  # statements run (the benchmark reports them per part)
        self.late = 0  # slots given up because the event loop woke us too late for them

    async def acquire(self) -> None:
        while True:
            try:
                got = await asyncio.to_thread(self._reserve)
            except SQLAlchemyError as exc:
                log.warning("send budget: database unreachable (%s); pacing locally", type(exc).__name__)
                await asyncio.sleep(1.0 / self._rate)
                return
            if got is None:  # another replica took that slot a moment ago, or the queue is full
                await asyncio.sleep(0.005)
                continue
            loop = asyncio.get_running_loop()
            due = loop.time() + max(got, 0.0)
            if got > 0:
                await asyncio.sleep(got)
            if loop.time() - due > LATE_S:
                # The event loop woke us late (a busy replica): going now would put this call next to the
                # slots after ours and bunch the cluster's calls; take a new slot instead.
                self.late += 1
                continue
            return

    def _reserve(self) -> float | None:
        """Reserve a slot: seconds until it starts (<= 0: now), or None if none was won."""
        params = {"rate": self._rate, "ahead": self._ahead, "owner": self._owner}
        with self._db.connect() as conn:
            self.round_trips += 1
            row = conn.execute(_RESERVE, params).first()
            self._reserved += 1
            if self._reserved % 500 == 0:
                conn.execute(_FORGET, {"rate": self._rate, "keep": math.ceil(KEEP_S * self._rate)})
                self.round_trips += 1
        if row is None:
            return None
        slot, now = int(row[0]), float(row[1])
        return slot / self._rate - now
