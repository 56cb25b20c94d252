"""The push and alert delivery ledger: claims with leases, confirmations, take-overs.

The ledger has one row per (chat, thread, trading day, part) and makes each
part reach the chat **at least once**, and never again once Telegram
confirmed it:

* ``claim`` writes ``sending`` *before* the request (an upsert: only one
  claimant wins); it also re-claims an ``uncertain`` row while it has fewer
  than ``MAX_TRIES`` sends;
* after Telegram confirms, the row becomes ``sent`` with the message id;
* an error that proves nothing was sent (5xx, refused connection, 429,
  ChatMigrated) ``release``s the row so a retry or a later run may claim it;
* an error that is final for the day (403, 400) makes it ``failed``;
* when the outcome is unknown (a read timeout after the request left) the row
  becomes ``uncertain`` and is sent again;
* a claim is owned by one replica (``owner``) with a lease on the database's
  clock (``lease_until``, epoch seconds; bot.cluster.dbclock); the owner renews
  its leases while it runs (``renew_leases``), so a claim whose replica died
  runs out and ``take_over_expired`` turns it into ``uncertain`` (sent again);
* on start, ``recover_interrupted`` does that for a dead process's claims: on
  SQLite (one process) every ``sending`` row of another replica, on PostgreSQL
  only expired leases (the others belong to live replicas, mid-send).

So a crash or a timeout can double one part per chat (the one in flight), and
nothing confirmed is ever sent twice; in a cluster, a dead replica can double
only the parts it had in flight. A part is given up as maybe-delivered
after ``MAX_TRIES`` unconfirmed sends. Part ``done`` marks a recipient whose
day is finished (delivered, or refused for good), so catch-up skips it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    func,
    or_,
    select,
    text,
    update,
)

from bot.cluster.dbclock import db_now
from config.database import ChatId, Database, Step

MAX_TRIES = 3
DONE = "done"  # the part that marks a recipient's day as finished
LEASE_S = 30.0  # a claim runs out this long after its owner last renewed it (every LEASE_S / 3)

_meta = MetaData()
push_ledger = Table(
    "push_ledger",
    _meta,
    Column("target", String, primary_key=True),  # chat id as text, or @channel
    Column("thread_id", ChatId, primary_key=True, server_default="0"),
    Column("trading_day", String, primary_key=True),
    Column("part", String, primary_key=True),  # e.g. text:0, chart
    Column("state", String, nullable=False),  # sending | sent | uncertain | failed
    Column("message_id", ChatId),
    # sends made (an uncertain row is re-sent while tries < MAX_TRIES)
    Column("tries", Integer, nullable=False, server_default="1"),
    Column("updated_at", String, nullable=False),
    Column("owner", String),  # the replica whose claim it is (bot.cluster.replica)
    Column("lease_until", Float),  # the claim's end on the database's clock; NULL: written before leases
)
_ledger = push_ledger.c


def run_sql(statement: str) -> Step:
    """A migration step of one statement valid on both dialects (e.g. CREATE INDEX IF NOT EXISTS)."""

    def step(conn: Connection) -> None:
        conn.execute(text(statement))

    return step


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _key(target: str, thread_id: int | None, day: date, part: str) -> ColumnElement[bool]:
    return and_(
        _ledger.target == target,
        _ledger.thread_id == (thread_id or 0),
        _ledger.trading_day == day.isoformat(),
        _ledger.part == part,
    )


class PushLedger:
    """The ledger's statements; the store that mixes it in provides the database, the owner and the lease."""

    db: Database
    owner: str  # the replica whose claims these are (bot.cluster.replica)
    lease_s: float

    def claim(self, target: str, thread_id: int | None, day: date, part: str) -> bool:
        """True if this replica may send ``part`` now; False if it is sent, failed, in flight (under a live
        lease), or out of tries. An expired claim (its replica died) or an unknown outcome is re-claimed."""
        lease = db_now(self.db) + self.lease_s
        stmt = self.db.insert(push_ledger).values(
            target=target,
            thread_id=thread_id or 0,
            trading_day=day.isoformat(),
            part=part,
            state="sending",
            tries=1,
            updated_at=_now(),
            owner=self.owner,
            lease_until=lease,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["target", "thread_id", "trading_day", "part"],
            set_={
                "state": "sending",
                "tries": _ledger.tries + 1,
                "updated_at": stmt.excluded.updated_at,
                "owner": self.owner,
                "lease_until": lease,
            },
            where=and_(or_(_ledger.state == "uncertain", self._expired()), _ledger.tries < MAX_TRIES),
        )
        with self.db.connect() as conn:
            return conn.execute(stmt).rowcount == 1

    def _expired(self) -> ColumnElement[bool]:
        """A claim in flight whose lease ran out (or that predates leases) on the database's clock."""
        return and_(
            _ledger.state == "sending", or_(_ledger.lease_until.is_(None), _ledger.lease_until < db_now(self.db))
        )

    def renew_leases(self) -> int:
        """Extend this replica's claims in flight (its heartbeat); how many it holds."""
        stmt = (
            update(push_ledger)
            .where(_ledger.state == "sending", _ledger.owner == self.owner)
            .values(lease_until=db_now(self.db) + self.lease_s)
        )
        with self.db.connect() as conn:
            return conn.execute(stmt).rowcount

    def take_over_expired(self) -> int:
        """Claims whose replica stopped renewing them may have been sent: make them ``uncertain`` (sent
        again by whoever claims them next, within MAX_TRIES). Live replicas' claims are left alone."""
        stmt = update(push_ledger).where(self._expired()).values(state="uncertain", owner=None, updated_at=_now())
        with self.db.connect() as conn:
            return conn.execute(stmt).rowcount

    def mark_sent(self, target: str, thread_id: int | None, day: date, part: str, message_id: int | None) -> None:
        self._set_state(target, thread_id, day, part, "sent", message_id)

    def mark_uncertain(self, target: str, thread_id: int | None, day: date, part: str) -> None:
        self._set_state(target, thread_id, day, part, "uncertain", None)

    def mark_failed(self, target: str, thread_id: int | None, day: date, part: str) -> None:
        self._set_state(target, thread_id, day, part, "failed", None)

    def release(self, target: str, thread_id: int | None, day: date, part: str) -> None:
        """Undo this replica's claim whose send provably did not happen (an earlier unknown send still counts)."""
        where = and_(_key(target, thread_id, day, part), _ledger.state == "sending", _ledger.owner == self.owner)
        with self.db.transaction() as conn:
            conn.execute(delete(push_ledger).where(where, _ledger.tries <= 1))
            conn.execute(
                update(push_ledger)
                .where(where)
                .values(state="uncertain", tries=_ledger.tries - 1, owner=None, updated_at=_now())
            )

    def recover_interrupted(self) -> int:
        """At start: parts a dead process left ``sending`` may have arrived; they are sent again.

        SQLite has one process, so every claim of another replica is a dead one's (taken over at once,
        which keeps a restart after a crash from waiting for leases). On a shared database the other
        claims may be live replicas' sends: only those whose lease ran out are taken over."""
        if self.db.shared:
            return self.take_over_expired()
        stmt = (
            update(push_ledger)
            .where(_ledger.state == "sending", or_(_ledger.owner.is_(None), _ledger.owner != self.owner))
            .values(state="uncertain", owner=None, updated_at=_now())
        )
        with self.db.connect() as conn:
            return conn.execute(stmt).rowcount

    def mark_done(self, target: str, thread_id: int | None, day: date, outcome: str) -> None:
        values = {"state": outcome, "message_id": None, "tries": 1, "updated_at": _now()}
        stmt = self.db.insert(push_ledger).values(
            target=target, thread_id=thread_id or 0, trading_day=day.isoformat(), part=DONE, **values
        )
        stmt = stmt.on_conflict_do_update(index_elements=["target", "thread_id", "trading_day", "part"], set_=values)
        with self.db.connect() as conn:
            conn.execute(stmt)

    def done_recipients(self, day: date) -> set[tuple[str, int | None]]:
        query = select(_ledger.target, _ledger.thread_id).where(
            _ledger.trading_day == day.isoformat(), _ledger.part == DONE
        )
        with self.db.connect() as conn:
            return {(target, thread or None) for target, thread in conn.execute(query)}

    def busy_recipients(self, day: date) -> set[tuple[str, int | None]]:
        """Recipients whose day is done, or with a part in flight at another replica (under its lease):
        a replica joining a pass skips them rather than lose a claim on each of their parts."""
        elsewhere = and_(
            _ledger.state == "sending", _ledger.owner != self.owner, _ledger.lease_until >= db_now(self.db)
        )
        query = (
            select(_ledger.target, _ledger.thread_id)
            .where(_ledger.trading_day == day.isoformat(), or_(_ledger.part == DONE, elsewhere))
            .distinct()
        )
        with self.db.connect() as conn:
            return {(target, thread or None) for target, thread in conn.execute(query)}

    def ledger_state(self, target: str, thread_id: int | None, day: date, part: str) -> str | None:
        with self.db.connect() as conn:
            return conn.execute(select(_ledger.state).where(_key(target, thread_id, day, part))).scalar()

    def ledger_counts(self, day: date) -> dict[str, int]:
        query = (
            select(_ledger.state, func.count())
            .where(_ledger.trading_day == day.isoformat(), _ledger.part != DONE)
            .group_by(_ledger.state)
        )
        with self.db.connect() as conn:
            return {state: count for state, count in conn.execute(query)}

    def _set_state(
        self, target: str, thread_id: int | None, day: date, part: str, state: str, message_id: int | None
    ) -> None:
        stmt = (
            update(push_ledger)
            .where(_key(target, thread_id, day, part))
            .values(state=state, message_id=message_id, updated_at=_now())
        )
        with self.db.connect() as conn:
            conn.execute(stmt)
