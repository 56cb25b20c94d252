"""Local store of daily board turnover rows (SQLite ``boards.sqlite`` in ``data_dir``).

One row per (board code, date): amount in 元, the board's name on that day,
an optional theme (from an import), source and fetch time. Only positive,
finite amounts are written, so a failed or empty fetch never becomes data.
Reads are cached until the next write, which replaces the cached list, so
caches built on the rows rebuild when ``all()`` returns a new list.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tools.daily.store import open_db

DB_NAME = "boards.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS board_turnover (
    board_code TEXT NOT NULL,
    date TEXT NOT NULL,
    amount_yuan REAL NOT NULL CHECK (amount_yuan > 0),
    name TEXT NOT NULL,
    theme TEXT,
    source TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (board_code, date)
);
"""


@dataclass(frozen=True)
class BoardRow:
    code: str
    date: date
    amount_yuan: float
    name: str
    source: str
    fetched_at: datetime
    theme: str | None = None


class BoardStore:
    """Board rows keyed by (code, date); safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = open_db(self.path, _SCHEMA)
        self._cache: list[BoardRow] | None = None

    @classmethod
    def open(cls, data_dir: Path) -> BoardStore:
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        self._conn.close()

    def upsert(self, rows: Iterable[BoardRow]) -> int:
        """Insert or replace valid rows in one transaction; returns how many were written."""
        values = [
            (r.code, r.date.isoformat(), r.amount_yuan, r.name, r.theme, r.source, r.fetched_at.isoformat())
            for r in rows
            if math.isfinite(r.amount_yuan) and r.amount_yuan > 0 and r.name
        ]
        if not values:
            return 0
        with self._lock, self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO board_turnover VALUES (?, ?, ?, ?, ?, ?, ?)", values)
            self._cache = None
        return len(values)

    def all(self) -> list[BoardRow]:
        """Every row, by date then code (the same list object until the next write)."""
        with self._lock:
            if self._cache is None:
                cur = self._conn.execute(
                    "SELECT board_code, date, amount_yuan, name, theme, source, fetched_at FROM board_turnover "
                    "ORDER BY date, board_code"
                )
                self._cache = [
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
            return self._cache

    def last_dates(self) -> dict[str, date]:
        """The latest stored date of each board."""
        last: dict[str, date] = {}
        for row in self.all():
            last[row.code] = row.date  # rows are in date order
        return last
