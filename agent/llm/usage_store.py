"""LLM token usage, one row per answer, in SQLite under ``data_dir`` (beside the conversation memory).

Each row holds what the endpoints reported for one answer (input and output
tokens, model calls), who asked (user, chat) and which model and endpoint
answered, filed under the local day (``settings.timezone``) it was spent on,
so a day's or a month's total is a range over one indexed text column and the
period boundary is the zone's midnight whatever the server's clock zone.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from config import Settings

DB_NAME = "usage.sqlite3"

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS llm_usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    day TEXT NOT NULL,
    user_id INTEGER,
    chat_id INTEGER,
    model TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    model_calls INTEGER NOT NULL,
    created_at REAL NOT NULL
)
""",
    "CREATE INDEX IF NOT EXISTS llm_usage_day ON llm_usage (day)",
)


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
        self.path = path or Path(settings.data_dir) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            for statement in _SCHEMA:
                self._db.execute(statement)

    def record(self, usage: UsageRecord) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO llm_usage (day, user_id, chat_id, model, endpoint, input_tokens, output_tokens,"
                " model_calls, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    usage.day.isoformat(),
                    usage.user_id,
                    usage.chat_id,
                    usage.model,
                    usage.endpoint,
                    usage.input_tokens,
                    usage.output_tokens,
                    usage.model_calls,
                    time.time(),
                ),
            )

    @staticmethod
    def _where(start: date, end: date, user_id: int | None, chat_id: int | None) -> tuple[str, list[object]]:
        """Rows of the days ``start <= day < end``, of one user and/or chat when given."""
        clauses: list[str] = ["day >= ?", "day < ?"]
        params: list[object] = [start.isoformat(), end.isoformat()]
        if user_id is not None:
            clauses.append("user_id = ?")
            params.append(user_id)
        if chat_id is not None:
            clauses.append("chat_id = ?")
            params.append(chat_id)
        return " AND ".join(clauses), params

    def totals(self, start: date, end: date, *, user_id: int | None = None, chat_id: int | None = None) -> UsageTotals:
        where, params = self._where(start, end, user_id, chat_id)
        with self._lock:
            row = self._db.execute(
                "SELECT COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),"
                f" COALESCE(SUM(model_calls), 0), COUNT(*) FROM llm_usage WHERE {where}",
                params,
            ).fetchone()
        return UsageTotals(*row)

    def by_model(self, start: date, end: date, *, user_id: int | None = None) -> list[ModelUsage]:
        where, params = self._where(start, end, user_id, None)
        with self._lock:
            rows = self._db.execute(
                f"SELECT model, SUM(input_tokens), SUM(output_tokens) FROM llm_usage WHERE {where}"
                " GROUP BY model ORDER BY model",
                params,
            ).fetchall()
        return [ModelUsage(*row) for row in rows]

    def top_chats(self, start: date, end: date, limit: int = 5) -> list[ChatUsage]:
        where, params = self._where(start, end, None, None)
        with self._lock:
            rows = self._db.execute(
                f"SELECT chat_id, SUM(input_tokens + output_tokens) AS spent, COUNT(*) FROM llm_usage WHERE {where}"
                " GROUP BY chat_id ORDER BY spent DESC, chat_id LIMIT ?",
                [*params, limit],
            ).fetchall()
        return [ChatUsage(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
