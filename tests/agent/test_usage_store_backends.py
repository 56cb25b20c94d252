"""LLM token usage on both backends: the budgets count every replica's answers (two store objects on one
database), and a usage file written by the raw-sqlite3 store opens with its rows."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from agent.llm.usage_store import UsageRecord, UsageStore
from config.settings import Settings

DAY, NEXT = date(2026, 8, 3), date(2026, 8, 4)


def test_usage_is_counted_across_replicas(backend: Settings, tmp_path: Path) -> None:
    other = backend.model_copy(update={"data_dir": tmp_path / "other"}) if backend.database_url else backend
    first, second = UsageStore(backend), UsageStore(other)
    first.record(UsageRecord(DAY, 7, -100, "gpt", "a", 100, 20, 2))
    second.record(UsageRecord(DAY, 7, -200, "qwen", "b", 50, 10, 1))
    second.record(UsageRecord(NEXT, 8, 9_000_000_000, "qwen", "b", 5, 5, 1))  # a 64-bit chat id
    totals = first.totals(DAY, NEXT, user_id=7)
    assert (totals.input_tokens, totals.output_tokens, totals.model_calls, totals.answers) == (150, 30, 3, 2)
    assert first.totals(DAY, NEXT, chat_id=-200).tokens == 60 and first.totals(NEXT, NEXT).answers == 0
    assert [(m.model, m.input_tokens) for m in second.by_model(DAY, NEXT)] == [("gpt", 100), ("qwen", 50)]
    assert [(c.chat_id, c.tokens, c.answers) for c in first.top_chats(DAY, date(2026, 8, 5))] == [
        (-100, 120, 1),
        (-200, 60, 1),
        (9_000_000_000, 10, 1),
    ]
    first.close()
    second.close()


def test_a_usage_file_from_before_the_move_keeps_its_rows(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "usage.sqlite3") as conn:
        conn.executescript(
            "CREATE TABLE llm_usage (id INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL, user_id INTEGER, "
            "chat_id INTEGER, model TEXT NOT NULL, endpoint TEXT NOT NULL, input_tokens INTEGER NOT NULL, "
            "output_tokens INTEGER NOT NULL, model_calls INTEGER NOT NULL, created_at REAL NOT NULL);"
            "CREATE INDEX llm_usage_day ON llm_usage (day);"
            "INSERT INTO llm_usage VALUES (1, '2026-08-03', 7, -1, 'm', 'e', 10, 2, 1, 0.0);"
        )
    store = UsageStore(Settings(data_dir=tmp_path))
    store.record(UsageRecord(DAY, 7, -1, "m", "e", 1, 1, 1))
    assert store.totals(DAY, NEXT, user_id=7).tokens == 14
    store.close()
