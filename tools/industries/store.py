"""Local store of daily industry rows (SQLite ``industries.sqlite`` in ``data_dir``).

One row per (date, industry name): 成交额 in 元, 上涨/下跌家数 and stocks in the
industry when the source gives them, and the industry index's % change.
Tonghuashun's 90 industries partition the market (each stock sits in one), so a
day's rows add up to the whole market. Industries are keyed by their THS name
because the live after-close summary gives names only; the bundled rows also
carry the THS code. A new store is seeded from the bundled history. Only
positive, finite amounts are written. Reads are cached until the next write,
which replaces the cached list (caches built on it rebuild when ``all()``
returns a new list).
"""

from __future__ import annotations

import gzip
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from tools.daily.store import open_db

DB_NAME = "industries.sqlite"
SNAPSHOT_FILE = "data/ths_industries.csv.gz"
SNAPSHOT_SOURCE = "snapshot:ths"
SNAPSHOT_BUILT_AT = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS industry_day (
    date TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    amount_yuan REAL NOT NULL CHECK (amount_yuan > 0),
    up_count INTEGER,
    down_count INTEGER,
    total_count INTEGER,
    change_pct REAL,
    source TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (date, name)
);
"""
_COLUMNS = "date, name, code, amount_yuan, up_count, down_count, total_count, change_pct, source, fetched_at"


@dataclass(frozen=True)
class IndustryRow:
    date: date
    name: str
    amount_yuan: float
    source: str
    fetched_at: datetime
    code: str | None = None  # THS code (881xxx), when known
    up_count: int | None = None  # 上涨家数
    down_count: int | None = None  # 下跌家数 (the bundled rows have none)
    total_count: int | None = None  # stocks in the industry that day
    change_pct: float | None = None  # the industry index's 1-day change, %


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def read_bundled() -> list[IndustryRow]:
    """Rows of the bundled THS industry history (2025-07-25 .. 2026-07-31)."""
    blob = resources.files("tools").joinpath(SNAPSHOT_FILE).read_bytes()
    rows: list[IndustryRow] = []
    for line in gzip.decompress(blob).decode("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("date,"):
            continue
        day, code, name, amount, up, total, pct = line.split(",")
        rows.append(
            IndustryRow(
                date=date.fromisoformat(day),
                name=name,
                amount_yuan=float(amount),
                source=SNAPSHOT_SOURCE,
                fetched_at=SNAPSHOT_BUILT_AT,
                code=code or None,
                up_count=_int(up),
                total_count=_int(total),
                change_pct=float(pct) if pct.strip() else None,
            )
        )
    return rows


def _valid(row: IndustryRow) -> bool:
    counts_ok = all(c is None or c >= 0 for c in (row.up_count, row.down_count, row.total_count))
    pct_ok = row.change_pct is None or math.isfinite(row.change_pct)
    return bool(row.name) and math.isfinite(row.amount_yuan) and row.amount_yuan > 0 and counts_ok and pct_ok


class IndustryStore:
    """Industry rows keyed by (date, name); safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = open_db(self.path, _SCHEMA)
        self._cache: list[IndustryRow] | None = None
        if self._conn.execute("SELECT COUNT(*) FROM industry_day").fetchone()[0] == 0:
            self.upsert(read_bundled())

    @classmethod
    def open(cls, data_dir: Path) -> IndustryStore:
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        self._conn.close()

    def upsert(self, rows: Iterable[IndustryRow]) -> int:
        """Insert or replace valid rows in one transaction; returns how many were written."""
        values = [
            (
                r.date.isoformat(),
                r.name,
                r.code,
                r.amount_yuan,
                r.up_count,
                r.down_count,
                r.total_count,
                r.change_pct,
                r.source,
                r.fetched_at.isoformat(),
            )
            for r in rows
            if _valid(r)
        ]
        if not values:
            return 0
        with self._lock, self._conn:
            self._conn.executemany(
                f"INSERT OR REPLACE INTO industry_day ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values
            )
            self._cache = None
        return len(values)

    def all(self) -> list[IndustryRow]:
        """Every row, by date then name (the same list object until the next write)."""
        with self._lock:
            if self._cache is None:
                cur = self._conn.execute(f"SELECT {_COLUMNS} FROM industry_day ORDER BY date, name")
                self._cache = [
                    IndustryRow(
                        date=date.fromisoformat(day),
                        name=name,
                        code=code,
                        amount_yuan=amount,
                        up_count=up,
                        down_count=down,
                        total_count=total,
                        change_pct=pct,
                        source=source,
                        fetched_at=datetime.fromisoformat(at),
                    )
                    for day, name, code, amount, up, down, total, pct, source, at in cur
                ]
            return self._cache
