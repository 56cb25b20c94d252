"""Subscriptions, chat languages and the delivery ledger: ``bot.sqlite3`` in data_dir, or the shared database.

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

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

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
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import aliased

from bot.cluster.dbclock import db_now
from bot.cluster.replica import new_replica_id
from config.database import (
    ChatId,
    Database,
    Schema,
    Step,
    add_column,
    create_tables,
    open_database,
    prepare,
    sqlite_database,
)
from config.settings import Settings

DB_NAME = "bot.sqlite3"
MAX_TRIES = 3
DONE = "done"  # the part that marks a recipient's day as finished


def run_sql(statement: str) -> Step:
    """A migration step of one statement valid on both dialects (e.g. CREATE INDEX IF NOT EXISTS)."""

    def step(conn: Connection) -> None:
        conn.execute(text(statement))

    return step


_meta = MetaData()
subscriptions = Table(
    "subscriptions",
    _meta,
    Column("chat_id", ChatId, primary_key=True),
    Column("thread_id", ChatId, primary_key=True, server_default="0"),  # forum topic; 0 = the chat itself
    Column("push_time", String, nullable=False),  # HH:MM in the bot's time zone
    Column("lang", String, nullable=False),
    Column("created_at", String, nullable=False),
)
chat_prefs = Table(
    "chat_prefs",
    _meta,
    Column("chat_id", ChatId, primary_key=True, autoincrement=False),
    Column("lang", String, nullable=False),
)
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
# Version 1: the tables as first released; 2: ``tries`` (a ledger written before retries were counted);
# 3: claims owned by a replica with a lease, and an index to find claims in flight without a scan.
SCHEMA = Schema(
    "push",
    (
        create_tables(subscriptions, chat_prefs, push_ledger),
        add_column("push_ledger", "tries", "INTEGER NOT NULL DEFAULT 1"),
        add_column("push_ledger", "owner", "VARCHAR"),
        add_column("push_ledger", "lease_until", "DOUBLE PRECISION"),
        run_sql("CREATE INDEX IF NOT EXISTS ix_push_ledger_state ON push_ledger (state)"),
    ),
)
LEASE_S = 30.0  # a claim runs out this long after its owner last renewed it (every LEASE_S / 3)
_ledger = push_ledger.c


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    thread_id: int | None
    push_time: time
    lang: str
    since: datetime | None = None  # when it was made (aware, UTC); a push time before that is not owed


def format_hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_hhmm(text: str) -> time:
    """'15:35' or '9:30' -> time; raises ValueError on anything else."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"not HH:MM: {text!r}")
    return time(int(hours), int(minutes))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _key(target: str, thread_id: int | None, day: date, part: str) -> ColumnElement[bool]:
    return and_(
        _ledger.target == target,
        _ledger.thread_id == (thread_id or 0),
        _ledger.trading_day == day.isoformat(),
        _ledger.part == part,
    )


class SubscriptionStore:
    """``owner`` is the replica whose claims this store makes (a new id each time by default: each
    opening is another process as far as the ledger is concerned); ``lease_s`` how long they last."""

    def __init__(self, source: Path | Database, *, owner: str | None = None, lease_s: float | None = None) -> None:
        self.db = source if isinstance(source, Database) else sqlite_database(source)
        self.path = source if isinstance(source, Path) else None
        self.owner = owner or new_replica_id()
        self.lease_s = LEASE_S if lease_s is None else lease_s
        prepare(self.db, SCHEMA)

    @classmethod
    def in_dir(cls, data_dir: Path) -> SubscriptionStore:
        return cls(Path(data_dir) / DB_NAME)

    @classmethod
    def from_settings(cls, settings: Settings, *, owner: str | None = None) -> SubscriptionStore:
        """The store the settings select: the shared database, or ``data_dir/bot.sqlite3``."""
        return cls(open_database(settings, DB_NAME), owner=owner)

    def close(self) -> None:
        self.db.close()

    # --- subscriptions ------------------------------------------------------
    def subscribe(self, chat_id: int, thread_id: int | None, push_time: time, lang: str) -> None:
        stmt = self.db.insert(subscriptions).values(
            chat_id=chat_id, thread_id=thread_id or 0, push_time=format_hhmm(push_time), lang=lang, created_at=_now()
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["chat_id", "thread_id"],
            set_={"push_time": stmt.excluded.push_time, "lang": stmt.excluded.lang},
        )
        with self.db.connect() as conn:
            conn.execute(stmt)

    def unsubscribe(self, chat_id: int, thread_id: int | None = None, *, all_threads: bool = False) -> bool:
        stmt = delete(subscriptions).where(subscriptions.c.chat_id == chat_id)
        if not all_threads:
            stmt = stmt.where(subscriptions.c.thread_id == (thread_id or 0))
        with self.db.connect() as conn:
            return conn.execute(stmt).rowcount > 0

    def subscriptions(self, push_time: time | None = None) -> list[Subscription]:
        c = subscriptions.c
        query = select(c.chat_id, c.thread_id, c.push_time, c.lang, c.created_at).order_by(c.chat_id, c.thread_id)
        if push_time is not None:
            query = query.where(c.push_time == format_hhmm(push_time))
        with self.db.connect() as conn:
            rows = conn.execute(query).all()
        return [Subscription(r[0], r[1] or None, parse_hhmm(r[2]), r[3], datetime.fromisoformat(r[4])) for r in rows]

    def push_times(self) -> set[time]:
        with self.db.connect() as conn:
            rows = conn.execute(select(subscriptions.c.push_time).distinct()).scalars().all()
        return {parse_hhmm(value) for value in rows}

    def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move its subscription, language and ledger rows (one transaction, so a
        crash leaves either the old or the new id). Rows already under the new id win for settings; ledger rows
        the new id already has stay behind (the new id's own record of that part counts)."""
        new_subs = aliased(subscriptions)
        new_ledger = aliased(push_ledger)
        with self.db.transaction() as conn:
            conn.execute(
                delete(subscriptions).where(
                    subscriptions.c.chat_id == new_id,
                    subscriptions.c.thread_id.in_(
                        select(new_subs.c.thread_id).where(new_subs.c.chat_id == old_id).scalar_subquery()
                    ),
                )
            )
            conn.execute(update(subscriptions).where(subscriptions.c.chat_id == old_id).values(chat_id=new_id))
            if conn.execute(select(chat_prefs.c.chat_id).where(chat_prefs.c.chat_id == old_id)).first():
                conn.execute(delete(chat_prefs).where(chat_prefs.c.chat_id == new_id))
                conn.execute(update(chat_prefs).where(chat_prefs.c.chat_id == old_id).values(chat_id=new_id))
            taken = exists().where(
                new_ledger.c.target == str(new_id),
                new_ledger.c.thread_id == _ledger.thread_id,
                new_ledger.c.trading_day == _ledger.trading_day,
                new_ledger.c.part == _ledger.part,
            )
            conn.execute(update(push_ledger).where(_ledger.target == str(old_id), ~taken).values(target=str(new_id)))

    # --- languages ------------------------------------------------------------
    def chat_lang(self, chat_id: int) -> str | None:
        with self.db.connect() as conn:
            return conn.execute(select(chat_prefs.c.lang).where(chat_prefs.c.chat_id == chat_id)).scalar()

    def set_chat_lang(self, chat_id: int, lang: str) -> None:
        stmt = self.db.insert(chat_prefs).values(chat_id=chat_id, lang=lang)
        stmt = stmt.on_conflict_do_update(index_elements=["chat_id"], set_={"lang": stmt.excluded.lang})
        with self.db.transaction() as conn:
            conn.execute(stmt)
            conn.execute(update(subscriptions).where(subscriptions.c.chat_id == chat_id).values(lang=lang))

    # --- push ledger ------------------------------------------------------------
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
