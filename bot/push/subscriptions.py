"""Subscriptions, chat languages and the delivery ledger: ``bot.sqlite3`` in data_dir, or the shared database.

The ledger's rows and claims are bot.push.ledger's (``SubscriptionStore`` is a ``PushLedger``); its table
is migrated here with the others, as schema component ``push``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from sqlalchemy import (
    Column,
    MetaData,
    String,
    Table,
    delete,
    exists,
    select,
    update,
)
from sqlalchemy.orm import aliased

from bot.cluster.replica import new_replica_id
from bot.push.ledger import LEASE_S, PushLedger, push_ledger, run_sql
from config.database import (
    ChatId,
    Database,
    Schema,
    add_column,
    create_tables,
    open_database,
    prepare,
    sqlite_database,
)
from config.settings import Settings

DB_NAME = "bot.sqlite3"


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


class SubscriptionStore(PushLedger):
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
