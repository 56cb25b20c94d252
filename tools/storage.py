"""What the market stores (daily, minute bars, industries, boards) share: their database and one in-memory
copy of their rows.

The database is the store's SQLite file in ``data_dir`` or, with ``MARKETBOT_DATABASE_URL``, the shared
PostgreSQL one (config.database), so one fetch serves every replica. The answer path reads these rows a
lot, so each store keeps them in memory and reloads only after a write: its own (dropped at once) or
another process's (seen through ``store_revisions``, asked at most once a second).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy import Connection, String

from config.database import Database, RevisionWatch, sqlite_database

T = TypeVar("T")

# Text keys compare byte-wise on both backends: SQLite's default, and "C" on PostgreSQL (a locale collation
# would order Chinese industry names, and so ``all()``, differently from the same store on SQLite).
KeyText = String().with_variant(String(collation="C"), "postgresql")


def store_database(source: Path | Database) -> tuple[Database, Path | None]:
    """(database, file path): a path is a store's own SQLite file; a Database is given as it is."""
    if isinstance(source, Database):
        return source, None
    return sqlite_database(Path(source)), Path(source)


class CachedRows(Generic[T]):
    """One store's rows in memory: the same object until a write, here or in another process.

    Writers call :meth:`wrote` inside their write transaction (bumping the store's revision) while
    holding :attr:`lock`, so a reload that raced the write cannot put stale rows back.
    """

    def __init__(self, db: Database, name: str, load: Callable[[Connection], T], every_s: float = 1.0) -> None:
        self.lock = threading.RLock()
        self._watch = RevisionWatch(db, name, every_s=every_s)
        self._db = db
        self._load = load
        self._value: T | None = None

    def get(self) -> T:
        with self.lock:
            if self._watch.changed() or self._value is None:
                with self._db.connect() as conn:
                    self._value = self._load(conn)
            return self._value

    def wrote(self, conn: Connection) -> None:
        """Inside a write transaction: record the write for other processes and drop this copy."""
        self._watch.bump(conn)
        self._value = None

    def drop(self) -> None:
        """Forget this copy and ask the database on the next read."""
        with self.lock:
            self._value = None
            self._watch.forget()
