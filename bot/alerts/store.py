"""Per-chat crossing-alert settings: ``alerts.sqlite3`` in data_dir, or the shared database.

Settings: a chat (or forum topic) opts in with ``/alerts on``; it keeps its own
thresholds (亿元, whole numbers) and whether flashes carry the intraday chart.
``enabled_at`` is when it opted in: crossings before that minute are not
flashed to it (a chat that turns alerts on at 14:00 is not told about 10:20).

Which flashes were sent is kept in the push's delivery ledger (bot.push.subscriptions),
part ``alert:<亿元>`` of the session's day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, case, delete, exists, select, update
from sqlalchemy.orm import aliased

from config.database import ChatId, Database, Schema, create_tables, open_database, prepare, sqlite_database
from config.settings import Settings

DB_NAME = "alerts.sqlite3"

_meta = MetaData()
alert_chats = Table(
    "alert_chats",
    _meta,
    Column("chat_id", ChatId, primary_key=True),
    Column("thread_id", ChatId, primary_key=True, server_default="0"),  # forum topic; 0 = the chat itself
    Column("enabled", Integer, nullable=False),
    Column("thresholds_yi", String, nullable=False),  # comma-separated whole 亿元, ascending
    Column("charts", Integer, nullable=False, server_default="0"),
    Column("lang", String, nullable=False),
    Column("enabled_at", String),  # UTC ISO time of the last opt-in
)
SCHEMA = Schema("alerts", (create_tables(alert_chats),))
_c = alert_chats.c
_COLUMNS = (_c.chat_id, _c.thread_id, _c.enabled, _c.thresholds_yi, _c.charts, _c.lang, _c.enabled_at)


@dataclass(frozen=True)
class AlertChat:
    chat_id: int
    thread_id: int | None
    enabled: bool
    thresholds_yi: tuple[int, ...]
    charts: bool
    lang: str
    enabled_at: datetime | None

    def opted_in_before(self, crossing_at: datetime) -> bool:
        """True if the chat had opted in by the minute of a crossing at ``crossing_at`` (so it is flashed).
        The /alerts on reply names today's other crossings as not flashed: both use this one rule."""
        if self.enabled_at is None:
            return True
        return crossing_at >= self.enabled_at.replace(second=0, microsecond=0)


def _now() -> datetime:
    return datetime.now(UTC)


def _join(values: Sequence[int]) -> str:
    return ",".join(str(v) for v in sorted(set(values)))


def _split(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in text.split(",") if v)


class AlertStore:
    def __init__(self, source: Path | Database) -> None:
        self.db = source if isinstance(source, Database) else sqlite_database(source)
        self.path = source if isinstance(source, Path) else None
        prepare(self.db, SCHEMA)

    @classmethod
    def in_dir(cls, data_dir: Path) -> AlertStore:
        return cls(Path(data_dir) / DB_NAME)

    @classmethod
    def from_settings(cls, settings: Settings) -> AlertStore:
        """The store the settings select: the shared database, or ``data_dir/alerts.sqlite3``."""
        return cls(open_database(settings, DB_NAME))

    def close(self) -> None:
        self.db.close()

    # --- settings -------------------------------------------------------------
    def chat(self, chat_id: int, thread_id: int | None) -> AlertChat | None:
        query = select(*_COLUMNS).where(_c.chat_id == chat_id, _c.thread_id == (thread_id or 0))
        with self.db.connect() as conn:
            row = conn.execute(query).first()
        return _chat(tuple(row)) if row else None

    def enabled_chats(self) -> list[AlertChat]:
        query = select(*_COLUMNS).where(_c.enabled == 1).order_by(_c.chat_id, _c.thread_id)
        with self.db.connect() as conn:
            return [_chat(tuple(row)) for row in conn.execute(query)]

    def enable(
        self,
        chat_id: int,
        thread_id: int | None,
        lang: str,
        thresholds_yi: Sequence[int],
        *,
        at: datetime | None = None,
    ) -> AlertChat:
        """Opt in with these thresholds; re-enabling an enabled chat keeps its opt-in time."""
        when = (at or _now()).astimezone(UTC).isoformat(timespec="seconds")
        stmt = self._row(chat_id, thread_id, lang, thresholds_yi, enabled=1, enabled_at=when)
        stmt = stmt.on_conflict_do_update(
            index_elements=["chat_id", "thread_id"],
            set_={
                "thresholds_yi": stmt.excluded.thresholds_yi,
                "lang": stmt.excluded.lang,
                # an enabled chat keeps its opt-in time (CASE over the existing row)
                "enabled_at": _keep_if_enabled(stmt.excluded.enabled_at),
                "enabled": 1,
            },
        )
        with self.db.connect() as conn:
            conn.execute(stmt)
        chat = self.chat(chat_id, thread_id)
        assert chat is not None
        return chat

    def disable(self, chat_id: int, thread_id: int | None = None, *, all_threads: bool = False) -> bool:
        """Opt out (the thresholds and chart choice are kept for the next opt-in). True if it was on."""
        stmt = update(alert_chats).where(_c.chat_id == chat_id, _c.enabled == 1).values(enabled=0)
        if not all_threads:
            stmt = stmt.where(_c.thread_id == (thread_id or 0))
        with self.db.connect() as conn:
            return conn.execute(stmt).rowcount > 0

    def set_thresholds(self, chat_id: int, thread_id: int | None, lang: str, thresholds_yi: Sequence[int]) -> None:
        """Change the thresholds without opting in or out (a new row starts disabled)."""
        stmt = self._row(chat_id, thread_id, lang, thresholds_yi)
        stmt = stmt.on_conflict_do_update(
            index_elements=["chat_id", "thread_id"],
            set_={"thresholds_yi": stmt.excluded.thresholds_yi, "lang": stmt.excluded.lang},
        )
        with self.db.connect() as conn:
            conn.execute(stmt)

    def set_charts(
        self, chat_id: int, thread_id: int | None, lang: str, charts: bool, default_yi: Sequence[int]
    ) -> None:
        stmt = self._row(chat_id, thread_id, lang, default_yi, charts=int(charts))
        stmt = stmt.on_conflict_do_update(
            index_elements=["chat_id", "thread_id"],
            set_={"charts": stmt.excluded.charts, "lang": stmt.excluded.lang},
        )
        with self.db.connect() as conn:
            conn.execute(stmt)

    def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings move with it (replacing any under the new id)."""
        moving = aliased(alert_chats)
        with self.db.transaction() as conn:
            conn.execute(
                delete(alert_chats).where(
                    _c.chat_id == new_id,
                    exists().where(moving.c.chat_id == old_id, moving.c.thread_id == _c.thread_id),
                )
            )
            conn.execute(update(alert_chats).where(_c.chat_id == old_id).values(chat_id=new_id))

    def _row(
        self,
        chat_id: int,
        thread_id: int | None,
        lang: str,
        thresholds_yi: Sequence[int],
        *,
        enabled: int = 0,
        charts: int = 0,
        enabled_at: str | None = None,
    ) -> Any:
        values = {"enabled": enabled, "thresholds_yi": _join(thresholds_yi), "charts": charts, "lang": lang}
        if enabled_at is not None:
            values["enabled_at"] = enabled_at
        return self.db.insert(alert_chats).values(chat_id=chat_id, thread_id=thread_id or 0, **values)


def _keep_if_enabled(new_value: Any) -> Any:
    return case((_c.enabled == 1, _c.enabled_at), else_=new_value)


def _chat(row: tuple) -> AlertChat:
    return AlertChat(
        chat_id=row[0],
        thread_id=row[1] or None,
        enabled=bool(row[2]),
        thresholds_yi=_split(row[3]),
        charts=bool(row[4]),
        lang=row[5],
        enabled_at=datetime.fromisoformat(row[6]) if row[6] else None,
    )
