"""Conversation memory per conversation id, in SQLite under ``data_dir`` so it survives restarts.

Bounded two ways: at most ``memory_turns`` exchanges (a question and its
answer) and at most ``memory_tokens`` estimated tokens; the oldest messages go
first. Follow-ups ("那昨天呢？") need only the last few exchanges and their
``meta`` (the intent and date answered).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from agent.answer import Turn
from config import Settings

DB_NAME = "memory.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL,
    PRIMARY KEY (conversation_id, seq)
)
"""


def estimate_tokens(text: str) -> int:
    """Cheap token estimate: one per CJK character, one per ~4 other characters."""
    cjk = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return cjk + (len(text) - cjk + 3) // 4 + 1


def bound_turns(turns: Sequence[Turn], max_turns: int, max_tokens: int) -> list[Turn]:
    """The newest messages that fit both bounds (``max_turns`` exchanges = 2 messages each)."""
    kept: list[Turn] = []
    budget = max_tokens
    for turn in reversed(turns[-max_turns * 2 :] if max_turns > 0 else []):
        cost = estimate_tokens(turn.text)
        if cost > budget:
            break
        budget -= cost
        kept.append(turn)
    kept.reverse()
    # Never start the history with a dangling answer.
    while kept and kept[0].role == "assistant":
        kept.pop(0)
    return kept


class ConversationMemory:
    def __init__(self, settings: Settings, path: Path | None = None) -> None:
        self.max_turns = settings.memory_turns
        self.max_tokens = settings.memory_tokens
        self.path = path or Path(settings.data_dir) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)

    def load(self, conversation_id: str) -> list[Turn]:
        with self._lock:
            rows = self._db.execute(
                "SELECT role, text, meta FROM turns WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?",
                (conversation_id, max(self.max_turns, 0) * 2),
            ).fetchall()
        turns = [Turn(role=role, text=text, meta=json.loads(meta)) for role, text, meta in reversed(rows)]
        return bound_turns(turns, self.max_turns, self.max_tokens)

    def append(self, conversation_id: str, *turns: Turn) -> None:
        """Add messages and drop what falls outside the turn bound."""
        with self._lock, self._db:
            (last,) = self._db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM turns WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
            now = time.time()
            self._db.executemany(
                "INSERT INTO turns (conversation_id, seq, role, text, meta, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        conversation_id,
                        last + i + 1,
                        t.role,
                        t.text,
                        json.dumps(t.meta, ensure_ascii=False, default=str),
                        now,
                    )
                    for i, t in enumerate(turns)
                ],
            )
            self._db.execute(
                "DELETE FROM turns WHERE conversation_id = ? AND seq <= ?",
                (conversation_id, last + len(turns) - max(self.max_turns, 0) * 2),
            )

    def clear(self, conversation_id: str) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM turns WHERE conversation_id = ?", (conversation_id,))

    def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A chat got a new id (a group became a supergroup): its conversations, whose ids start with
        ``"<chat id>:"`` (the bot's convention), continue under the new id."""
        old, new = f"{old_chat_id}:", f"{new_chat_id}:"
        with self._lock, self._db:
            self._db.execute(
                "UPDATE OR REPLACE turns SET conversation_id = ? || substr(conversation_id, ?)"
                " WHERE substr(conversation_id, 1, ?) = ?",
                (new, len(old) + 1, len(old), old),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
