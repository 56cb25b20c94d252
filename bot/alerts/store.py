"""Per-chat crossing-alert settings, in one SQLite file in data_dir.

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

from bot.push.subscriptions import open_db

DB_NAME = "alerts.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS alert_chats (
    chat_id       INTEGER NOT NULL,
    thread_id     INTEGER NOT NULL DEFAULT 0,  -- forum topic; 0 = the chat itself
    enabled       INTEGER NOT NULL,
    thresholds_yi TEXT    NOT NULL,            -- comma-separated whole 亿元, ascending
    charts        INTEGER NOT NULL DEFAULT 0,
    lang          TEXT    NOT NULL,
    enabled_at    TEXT,                        -- UTC ISO time of the last opt-in
    PRIMARY KEY (chat_id, thread_id)
);
"""


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
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_db(path, _SCHEMA)

    @classmethod
    def in_dir(cls, data_dir: Path) -> AlertStore:
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        self._db.close()

    # --- settings -------------------------------------------------------------
    def chat(self, chat_id: int, thread_id: int | None) -> AlertChat | None:
        row = self._db.execute(
            "SELECT chat_id, thread_id, enabled, thresholds_yi, charts, lang, enabled_at FROM alert_chats"
            " WHERE chat_id=? AND thread_id=?",
            (chat_id, thread_id or 0),
        ).fetchone()
        return _chat(row) if row else None

    def enabled_chats(self) -> list[AlertChat]:
        rows = self._db.execute(
            "SELECT chat_id, thread_id, enabled, thresholds_yi, charts, lang, enabled_at FROM alert_chats"
            " WHERE enabled=1 ORDER BY chat_id, thread_id"
        ).fetchall()
        return [_chat(row) for row in rows]

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
        self._db.execute(
            "INSERT INTO alert_chats(chat_id, thread_id, enabled, thresholds_yi, charts, lang, enabled_at)"
            " VALUES (?,?,1,?,0,?,?) ON CONFLICT(chat_id, thread_id) DO UPDATE SET"
            " thresholds_yi=excluded.thresholds_yi, lang=excluded.lang,"
            " enabled_at=CASE WHEN alert_chats.enabled=1 THEN alert_chats.enabled_at ELSE excluded.enabled_at END,"
            " enabled=1",
            (chat_id, thread_id or 0, _join(thresholds_yi), lang, when),
        )
        chat = self.chat(chat_id, thread_id)
        assert chat is not None
        return chat

    def disable(self, chat_id: int, thread_id: int | None = None, *, all_threads: bool = False) -> bool:
        """Opt out (the thresholds and chart choice are kept for the next opt-in). True if it was on."""
        if all_threads:
            cursor = self._db.execute("UPDATE alert_chats SET enabled=0 WHERE chat_id=? AND enabled=1", (chat_id,))
        else:
            cursor = self._db.execute(
                "UPDATE alert_chats SET enabled=0 WHERE chat_id=? AND thread_id=? AND enabled=1",
                (chat_id, thread_id or 0),
            )
        return cursor.rowcount > 0

    def set_thresholds(self, chat_id: int, thread_id: int | None, lang: str, thresholds_yi: Sequence[int]) -> None:
        """Change the thresholds without opting in or out (a new row starts disabled)."""
        self._db.execute(
            "INSERT INTO alert_chats(chat_id, thread_id, enabled, thresholds_yi, charts, lang)"
            " VALUES (?,?,0,?,0,?) ON CONFLICT(chat_id, thread_id) DO UPDATE SET"
            " thresholds_yi=excluded.thresholds_yi, lang=excluded.lang",
            (chat_id, thread_id or 0, _join(thresholds_yi), lang),
        )

    def set_charts(
        self, chat_id: int, thread_id: int | None, lang: str, charts: bool, default_yi: Sequence[int]
    ) -> None:
        self._db.execute(
            "INSERT INTO alert_chats(chat_id, thread_id, enabled, thresholds_yi, charts, lang)"
            " VALUES (?,?,0,?,?,?) ON CONFLICT(chat_id, thread_id) DO UPDATE SET"
            " charts=excluded.charts, lang=excluded.lang",
            (chat_id, thread_id or 0, _join(default_yi), int(charts), lang),
        )

    def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its settings move with it."""
        self._db.execute("UPDATE OR REPLACE alert_chats SET chat_id=? WHERE chat_id=?", (new_id, old_id))


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
