"""LLM token usage, one row per answer: ``usage.sqlite3`` in ``data_dir`` (beside the conversation memory), or
the shared database, so the token budgets count every replica's answers.

Each row holds what the endpoints reported for one answer (input and output
tokens, model calls), who asked (user, chat) and which model and endpoint
answered, filed under the local day (``settings.timezone``) it was spent on,
so a day's or a month's total is a range over one indexed text column and the
period boundary is the zone's midnight whatever the server's clock zone.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Column, Double, Index, Integer, MetaData, String, Table, func, select

from config import Settings
from config.database import ChatId, Database, Schema, create_tables, open_database, prepare, sqlite_database

DB_NAME = "usage.sqlite3"

_meta = MetaData()
llm_usage = Table(
    "llm_usage",
    _meta,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
    Column("day", String, nullable=False),  # YYYY-MM-DD, the local day
    Column("user_id", ChatId),
    Column("chat_id", ChatId),
    Column("model", String, nullable=False),
    Column("endpoint", String, nullable=False),
    Column("input_tokens", Integer, nullable=False),
    Column("output_tokens", Integer, nullable=False),
    Column("model_calls", Integer, nullable=False),
    Column("created_at", Double, nullable=False),
    Index("llm_usage_day", "day"),
    sqlite_autoincrement=True,
)
SCHEMA = Schema("usage", (create_tables(llm_usage),))
_u = llm_usage.c


@dataclass(frozen=True)
class UsageRecord:
    day: date  # the local day (settings.timezone) the tokens were spent on
    user_id: int | None
    chat_id: int | None
    model: str
    endpoint: str
    input_tokens: int
    output_tokens: int
    model_calls: int


@dataclass(frozen=True)
class UsageTotals:
    input_tokens: int = 0
    output_tokens: int = 0
    model_calls: int = 0
    answers: int = 0

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass(frozen=True)
class ModelUsage:
    model: str
    input_tokens: int
    output_tokens: int


@dataclass(frozen=True)
class ChatUsage:
    chat_id: int | None
    tokens: int
    answers: int


class UsageStore:
    def __init__(self, settings: Settings, path: Path | None = None) -> None:
        self.path = path or Path(settings.data_dir) / DB_NAME  # the SQLite file (unused with a shared database)
        self.db: Database = sqlite_database(path) if path is not None else open_database(settings, DB_NAME)
        self._lock = threading.Lock()
        prepare(self.db, SCHEMA)

    def record(self, usage: UsageRecord) -> None:
        row = {
            "day": usage.day.isoformat(),
            "user_id": usage.user_id,
            "chat_id": usage.chat_id,
            "model": usage.model,
            "endpoint": usage.endpoint,
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "model_calls": usage.model_calls,
            "created_at": time.time(),
        }
        with self._lock, self.db.connect() as conn:
            conn.execute(llm_usage.insert().values(row))

    @staticmethod
    def _where(start: date, end: date, user_id: int | None, chat_id: int | None) -> list[Any]:
        """Rows of the days ``start <= day < end``, of one user and/or chat when given."""
        clauses = [_u.day >= start.isoformat(), _u.day < end.isoformat()]
        if user_id is not None:
            clauses.append(_u.user_id == user_id)
        if chat_id is not None:
            clauses.append(_u.chat_id == chat_id)
        return clauses

    def _rows(self, query: Any) -> list[Any]:
        with self._lock, self.db.connect() as conn:
            return list(conn.execute(query).all())

    def totals(self, start: date, end: date, *, user_id: int | None = None, chat_id: int | None = None) -> UsageTotals:
        query = select(
            func.coalesce(func.sum(_u.input_tokens), 0),
            func.coalesce(func.sum(_u.output_tokens), 0),
            func.coalesce(func.sum(_u.model_calls), 0),
            func.count(),
        ).where(*self._where(start, end, user_id, chat_id))
        return UsageTotals(*(int(v) for v in self._rows(query)[0]))

    def by_model(self, start: date, end: date, *, user_id: int | None = None) -> list[ModelUsage]:
        query = (
            select(_u.model, func.sum(_u.input_tokens), func.sum(_u.output_tokens))
            .where(*self._where(start, end, user_id, None))
            .group_by(_u.model)
            .order_by(_u.model)
        )
        return [ModelUsage(model, int(i), int(o)) for model, i, o in self._rows(query)]

    def top_chats(self, start: date, end: date, limit: int = 5) -> list[ChatUsage]:
        spent = func.sum(_u.input_tokens + _u.output_tokens).label("spent")
        query = (
            select(_u.chat_id, spent, func.count())
            .where(*self._where(start, end, None, None))
            .group_by(_u.chat_id)
            .order_by(spent.desc(), _u.chat_id)
            .limit(limit)
        )
        return [ChatUsage(chat, int(tokens), int(n)) for chat, tokens, n in self._rows(query)]

    def close(self) -> None:
        with self._lock:
            self.db.close()
