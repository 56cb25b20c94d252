"""Subscriptions, chat languages and the delivery ledger, in one SQLite file in data_dir.

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
* on start, ``recover_interrupted`` turns every ``sending`` row left by a
  process that died mid-request into ``uncertain``, so it is sent again.

So a crash or a timeout can double one part per chat (the one in flight), and
nothing confirmed is ever sent twice. A part is given up as maybe-delivered
after ``MAX_TRIES`` unconfirmed sends. Part ``done`` marks a recipient whose
day is finished (delivered, or refused for good), so catch-up skips it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

DB_NAME = "bot.sqlite3"
MAX_TRIES = 3
DONE = "done"  # the part that marks a recipient's day as finished

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    chat_id    INTEGER NOT NULL,
    thread_id  INTEGER NOT NULL DEFAULT 0,  -- forum topic; 0 = the chat itself
    push_time  TEXT    NOT NULL,            -- HH:MM in the bot's time zone
    lang       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (chat_id, thread_id)
);
CREATE TABLE IF NOT EXISTS chat_prefs (
    chat_id INTEGER PRIMARY KEY,
    lang    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS push_ledger (
    target      TEXT    NOT NULL,  -- chat id as text, or @channel
    thread_id   INTEGER NOT NULL DEFAULT 0,
    trading_day TEXT    NOT NULL,
    part        TEXT    NOT NULL,  -- e.g. text:0, chart
    state       TEXT    NOT NULL,  -- sending | sent | uncertain | failed
    message_id  INTEGER,
    tries       INTEGER NOT NULL DEFAULT 1,  -- sends made (an uncertain row is re-sent while tries < MAX_TRIES)
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (target, thread_id, trading_day, part)
);
"""


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


def open_db(path: Path, schema: str) -> sqlite3.Connection:
    """The bot's SQLite set-up (this store's and bot.alerts.store's): autocommit, so each write is durable
    at once; WAL with synchronous=NORMAL survives a process crash (our "restart"), only power loss can
    drop a commit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(schema)
    return db


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SubscriptionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_db(path, _SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(push_ledger)")}
        if "tries" not in columns:  # a ledger written before retries were counted
            self._db.execute("ALTER TABLE push_ledger ADD COLUMN tries INTEGER NOT NULL DEFAULT 1")

    @classmethod
    def in_dir(cls, data_dir: Path) -> SubscriptionStore:
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        self._db.close()

    # --- subscriptions ------------------------------------------------------
    def subscribe(self, chat_id: int, thread_id: int | None, push_time: time, lang: str) -> None:
        self._db.execute(
            "INSERT INTO subscriptions(chat_id, thread_id, push_time, lang, created_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(chat_id, thread_id) DO UPDATE SET push_time=excluded.push_time, lang=excluded.lang",
            (chat_id, thread_id or 0, format_hhmm(push_time), lang, _now()),
        )

    def unsubscribe(self, chat_id: int, thread_id: int | None = None, *, all_threads: bool = False) -> bool:
        if all_threads:
            cursor = self._db.execute("DELETE FROM subscriptions WHERE chat_id=?", (chat_id,))
        else:
            cursor = self._db.execute(
                "DELETE FROM subscriptions WHERE chat_id=? AND thread_id=?", (chat_id, thread_id or 0)
            )
        return cursor.rowcount > 0

    def subscriptions(self, push_time: time | None = None) -> list[Subscription]:
        sql = "SELECT chat_id, thread_id, push_time, lang, created_at FROM subscriptions"
        args: tuple[str, ...] = ()
        if push_time is not None:
            sql, args = sql + " WHERE push_time=?", (format_hhmm(push_time),)
        rows = self._db.execute(sql + " ORDER BY chat_id, thread_id", args).fetchall()
        return [Subscription(r[0], r[1] or None, parse_hhmm(r[2]), r[3], datetime.fromisoformat(r[4])) for r in rows]

    def push_times(self) -> set[time]:
        return {parse_hhmm(r[0]) for r in self._db.execute("SELECT DISTINCT push_time FROM subscriptions")}

    def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move its subscription, language and ledger rows."""
        with self._db:  # one transaction, so a crash leaves either the old or the new id
            self._db.execute("BEGIN")
            self._db.execute("UPDATE OR REPLACE subscriptions SET chat_id=? WHERE chat_id=?", (new_id, old_id))
            self._db.execute("UPDATE OR REPLACE chat_prefs SET chat_id=? WHERE chat_id=?", (new_id, old_id))
            self._db.execute("UPDATE OR IGNORE push_ledger SET target=? WHERE target=?", (str(new_id), str(old_id)))

    # --- languages ------------------------------------------------------------
    def chat_lang(self, chat_id: int) -> str | None:
        row = self._db.execute("SELECT lang FROM chat_prefs WHERE chat_id=?", (chat_id,)).fetchone()
        return row[0] if row else None

    def set_chat_lang(self, chat_id: int, lang: str) -> None:
        self._db.execute(
            "INSERT INTO chat_prefs(chat_id, lang) VALUES (?, ?) ON CONFLICT(chat_id) DO UPDATE SET lang=excluded.lang",
            (chat_id, lang),
        )
        self._db.execute("UPDATE subscriptions SET lang=? WHERE chat_id=?", (lang, chat_id))

    # --- push ledger ------------------------------------------------------------
    def claim(self, target: str, thread_id: int | None, day: date, part: str) -> bool:
        """True if this caller may send ``part`` now; False if it is sent, failed, in flight, or out of tries."""
        key = (target, thread_id or 0, day.isoformat(), part)
        cursor = self._db.execute(
            "INSERT INTO push_ledger(target, thread_id, trading_day, part, state, tries, updated_at)"
            " VALUES (?,?,?,?, 'sending', 1, ?)"
            " ON CONFLICT(target, thread_id, trading_day, part) DO UPDATE"
            " SET state='sending', tries=tries+1, updated_at=excluded.updated_at"
            " WHERE push_ledger.state='uncertain' AND push_ledger.tries < ?",
            (*key, _now(), MAX_TRIES),
        )
        return cursor.rowcount == 1

    def mark_sent(self, target: str, thread_id: int | None, day: date, part: str, message_id: int | None) -> None:
        self._set_state(target, thread_id, day, part, "sent", message_id)

    def mark_uncertain(self, target: str, thread_id: int | None, day: date, part: str) -> None:
        self._set_state(target, thread_id, day, part, "uncertain", None)

    def mark_failed(self, target: str, thread_id: int | None, day: date, part: str) -> None:
        self._set_state(target, thread_id, day, part, "failed", None)

    def release(self, target: str, thread_id: int | None, day: date, part: str) -> None:
        """Undo a claim whose send provably did not happen (an earlier unknown send still counts)."""
        key = (target, thread_id or 0, day.isoformat(), part)
        where = " WHERE target=? AND thread_id=? AND trading_day=? AND part=? AND state='sending'"
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM push_ledger" + where + " AND tries<=1", key)
            self._db.execute(
                "UPDATE push_ledger SET state='uncertain', tries=tries-1, updated_at=?" + where, (_now(), *key)
            )

    def recover_interrupted(self) -> int:
        """At start: parts left ``sending`` by a process that died mid-request may have arrived; send again."""
        cursor = self._db.execute(
            "UPDATE push_ledger SET state='uncertain', updated_at=? WHERE state='sending'", (_now(),)
        )
        return cursor.rowcount

    def mark_done(self, target: str, thread_id: int | None, day: date, outcome: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO push_ledger(target, thread_id, trading_day, part, state, updated_at)"
            " VALUES (?,?,?,?,?,?)",
            (target, thread_id or 0, day.isoformat(), DONE, outcome, _now()),
        )

    def done_recipients(self, day: date) -> set[tuple[str, int | None]]:
        rows = self._db.execute(
            "SELECT target, thread_id FROM push_ledger WHERE trading_day=? AND part=?", (day.isoformat(), DONE)
        )
        return {(target, thread or None) for target, thread in rows}

    def ledger_state(self, target: str, thread_id: int | None, day: date, part: str) -> str | None:
        row = self._db.execute(
            "SELECT state FROM push_ledger WHERE target=? AND thread_id=? AND trading_day=? AND part=?",
            (target, thread_id or 0, day.isoformat(), part),
        ).fetchone()
        return row[0] if row else None

    def ledger_counts(self, day: date) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT state, COUNT(*) FROM push_ledger WHERE trading_day=? AND part!=? GROUP BY state",
            (day.isoformat(), DONE),
        )
        return {state: count for state, count in rows}

    def _set_state(
        self, target: str, thread_id: int | None, day: date, part: str, state: str, message_id: int | None
    ) -> None:
        self._db.execute(
            "UPDATE push_ledger SET state=?, message_id=?, updated_at=?"
            " WHERE target=? AND thread_id=? AND trading_day=? AND part=?",
            (state, message_id, _now(), target, thread_id or 0, day.isoformat(), part),
        )
