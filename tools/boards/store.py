"""Store of daily board turnover rows (``boards.sqlite`` in ``data_dir``, or the shared database).

One row per (board code, date): amount in 元, the board's name on that day,
an optional theme (from an import), source and fetch time. Only positive,
finite amounts are written, so a failed or empty fetch never becomes data.
Reads are cached until the next write, here or in another process
(tools.storage), which replaces the cached list, so caches built on the rows
rebuild when ``all()`` returns a new list.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import CheckConstraint, Column, Connection, Double, MetaData, String, Table, select

from config.database import Database, Schema, StorageSettings, create_tables, executemany_chunks, open_database, prepare
from tools.storage import CachedRows, KeyText, store_database

DB_NAME = "boards.sqlite"

REVISION = "board_turnover"  # its name in store_revisions

_meta = MetaData()
board_turnover = Table(
    "board_turnover",
    _meta,
    Column("board_code", KeyText, primary_key=True),
    Column("date", KeyText, primary_key=True),
    Column("amount_yuan", Double, CheckConstraint("amount_yuan > 0"), nullable=False),
    Column("name", String, nullable=False),
    Column("theme", String),
    Column("source", String, nullable=False),
    Column("fetched_at", String, nullable=False),
)
SCHEMA = Schema("boards", (create_tables(board_turnover),))
_b = board_turnover.c


@dataclass(frozen=True)
class BoardRow:
    code: str
    date: date
    amount_yuan: float
    name: str
    source: str
    fetched_at: datetime
    theme: str | None = None


def _load(conn: Connection) -> list[BoardRow]:
    cur = conn.execute(
        select(_b.board_code, _b.date, _b.amount_yuan, _b.name, _b.theme, _b.source, _b.fetched_at).order_by(
            _b.date, _b.board_code
        )
    )
    return [
        BoardRow(
            code=code,
            date=date.fromisoformat(day),
            amount_yuan=amount,
            name=name,
            theme=theme,
            source=source,
            fetched_at=datetime.fromisoformat(at),
        )
        for code, day, amount, name, theme, source, at in cur
    ]


class BoardStore:
    """Board rows keyed by (code, date); safe to share across threads, and across processes on one database."""

    def __init__(self, source: Path | Database) -> None:
        self.db, self.path = store_database(source)
        self.key = self.db.key
        self._cache = CachedRows(self.db, REVISION, _load)
        prepare(self.db, SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> BoardStore:
        return cls(Path(data_dir) / DB_NAME)

    @classmethod
    def from_settings(cls, settings: StorageSettings) -> BoardStore:
        """The store the settings select: the shared database, or ``data_dir/boards.sqlite``."""
        return cls(open_database(settings, DB_NAME))

    def close(self) -> None:
        self.db.close()

    def upsert(self, rows: Iterable[BoardRow]) -> int:
        """Insert or replace valid rows in one transaction; returns how many were written."""
        values = [
            {
                "board_code": r.code,
                "date": r.date.isoformat(),
                "amount_yuan": r.amount_yuan,
                "name": r.name,
                "theme": r.theme,
                "source": r.source,
                "fetched_at": r.fetched_at.isoformat(),
            }
            for r in rows
            if math.isfinite(r.amount_yuan) and r.amount_yuan > 0 and r.name
        ]
        if not values:
            return 0
        stmt = self.db.insert(board_turnover)
        stmt = stmt.on_conflict_do_update(
            index_elements=["board_code", "date"],
            set_={name: stmt.excluded[name] for name in ("amount_yuan", "name", "theme", "source", "fetched_at")},
        )
        with self._cache.lock, self.db.transaction() as conn:
            for chunk in executemany_chunks(values):
                conn.execute(stmt, chunk)
            self._cache.wrote(conn)
        return len(values)

    def all(self) -> list[BoardRow]:
        """Every row, by date then code (the same list object until a write, here or in another process)."""
        return self._cache.get()

    def last_dates(self) -> dict[str, date]:
        """The latest stored date of each board."""
        last: dict[str, date] = {}
        for row in self.all():
            last[row.code] = row.date  # rows are in date order
        return last
