"""Conversation memory per conversation id, in ``memory.sqlite3`` under ``data_dir`` or the shared database,
so it survives restarts and a follow-up that lands on another replica continues the conversation.

Bounded two ways: at most ``memory_turns`` exchanges (a question and its
answer) and at most ``memory_tokens`` estimated tokens; the oldest messages go
first. Follow-ups ("那昨天呢？") need only the last few exchanges and their
``meta`` (the intent and date answered).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Column, Connection, Double, Integer, MetaData, String, Table, delete, func, select, update

from agent.answer import Turn
from config import Settings
from config.database import Database, Schema, create_tables, open_database, prepare, sqlite_database

DB_NAME = "memory.sqlite3"

_meta = MetaData()
turns_table = Table(
    "turns",
    _meta,
    Column("conversation_id", String, primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("role", String, nullable=False),
    Column("text", String, nullable=False),
    Column("meta", String, nullable=False, server_default="{}"),
    Column("created_at", Double, nullable=False),
)
# Each conversation's last seq: appending bumps it in one upsert, which also orders two replicas appending to
# the same conversation at once (the second waits on the row, then takes the next numbers).
conversations = Table(
    "conversations",
    _meta,
    Column("conversation_id", String, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)
_t = turns_table.c


def _count_existing(conn: Connection) -> None:
    conn.execute(
        conversations.insert().from_select(
            ["conversation_id", "last_seq"],
            select(_t.conversation_id, func.max(_t.seq)).group_by(_t.conversation_id),
        )
    )


# Version 1: turns; 2: conversations, filled from the turns a version-1 file already holds.
SCHEMA = Schema("memory", (create_tables(turns_table), create_tables(conversations), _count_existing))


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
        self.db: Database = sqlite_database(path) if path is not None else open_database(settings, DB_NAME)
        self._lock = threading.Lock()
        prepare(self.db, SCHEMA)

    def load(self, conversation_id: str) -> list[Turn]:
        query = (
            select(_t.role, _t.text, _t.meta)
            .where(_t.conversation_id == conversation_id)
            .order_by(_t.seq.desc())
            .limit(max(self.max_turns, 0) * 2)
        )
        with self._lock, self.db.connect() as conn:
            rows = conn.execute(query).all()
        turns = [Turn(role=role, text=text, meta=json.loads(meta)) for role, text, meta in reversed(rows)]
        return bound_turns(turns, self.max_turns, self.max_tokens)

    def append(self, conversation_id: str, *turns: Turn) -> None:
        """Add messages and drop what falls outside the turn bound (committed before this returns)."""
        if not turns:
            return
        bump = self.db.insert(conversations).values(conversation_id=conversation_id, last_seq=len(turns))
        bump = bump.on_conflict_do_update(
            index_elements=["conversation_id"], set_={"last_seq": conversations.c.last_seq + len(turns)}
        ).returning(conversations.c.last_seq)
        now = time.time()
        with self._lock, self.db.transaction() as conn:
            last = conn.execute(bump).scalar_one() - len(turns)
            rows = [
                {
                    "conversation_id": conversation_id,
                    "seq": last + i + 1,
                    "role": t.role,
                    "text": t.text,
                    "meta": json.dumps(t.meta, ensure_ascii=False, default=str),
                    "created_at": now,
                }
                for i, t in enumerate(turns)
            ]
            conn.execute(turns_table.insert(), rows)
            keep_after = last + len(turns) - max(self.max_turns, 0) * 2
            conn.execute(delete(turns_table).where(_t.conversation_id == conversation_id, _t.seq <= keep_after))

    def clear(self, conversation_id: str) -> None:
        with self._lock, self.db.connect() as conn:
            conn.execute(delete(turns_table).where(_t.conversation_id == conversation_id))

    def message_count(self, conversation_id: str | None = None) -> int:
        """Messages stored (for one conversation, or all)."""
        query = select(func.count()).select_from(turns_table)
        if conversation_id is not None:
            query = query.where(_t.conversation_id == conversation_id)
        with self.db.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A chat got a new id (a group became a supergroup): its conversations, whose ids start with
        ``"<chat id>:"`` (the bot's convention), continue under the new id (replacing any there)."""
        old, new = f"{old_chat_id}:", f"{new_chat_id}:"
        c = conversations.c
        with self._lock, self.db.transaction() as conn:
            moving = conn.execute(select(c.conversation_id).where(c.conversation_id.startswith(old, autoescape=True)))
            for (cid,) in moving.all():
                target = new + cid[len(old) :]
                conn.execute(delete(turns_table).where(_t.conversation_id == target))
                conn.execute(delete(conversations).where(c.conversation_id == target))
                conn.execute(update(turns_table).where(_t.conversation_id == cid).values(conversation_id=target))
                conn.execute(update(conversations).where(c.conversation_id == cid).values(conversation_id=target))

    def close(self) -> None:
        with self._lock:
            self.db.close()
