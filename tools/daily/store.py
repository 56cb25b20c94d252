"""Local store of daily 两市成交额 rows (SQLite in ``data_dir``).

A new store is seeded from the bundled snapshot so a fresh machine answers
offline. Only complete, positive rows are written: a failed or empty fetch
never becomes data. Reads are cached in memory per connection because the
whole history is ~9k rows and analytics scan windows of it.
"""

from __future__ import annotations

import gzip
import math
import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from tools.daily.models import DailyTurnover

SNAPSHOT_SOURCE = "snapshot:baostock"
# When the bundled snapshot was built; its rows carry this as fetched_at.
SNAPSHOT_BUILT_AT = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)
DB_NAME = "turnover.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily_turnover (
    date TEXT PRIMARY KEY,
    sh_yuan REAL NOT NULL CHECK (sh_yuan > 0),
    sz_yuan REAL NOT NULL CHECK (sz_yuan > 0),
    bj_yuan REAL,
    source TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    sh_close REAL,
    sh_change_pct REAL,
    sz_close REAL,
    sz_change_pct REAL,
    sz_index TEXT
);
"""
# Index columns added after the first release: (name, SQL type), added to older files on open.
_INDEX_COLUMNS = (
    ("sh_close", "REAL"),
    ("sh_change_pct", "REAL"),
    ("sz_close", "REAL"),
    ("sz_change_pct", "REAL"),
    ("sz_index", "TEXT"),
)
SNAPSHOT_SZ_INDEX = "sz399001"  # the bundled closes are 深证成指's
_COLUMNS = (
    "date, sh_yuan, sz_yuan, bj_yuan, source, fetched_at, sh_close, sh_change_pct, sz_close, sz_change_pct, sz_index"
)
# A row written without index figures keeps the stored ones (a re-import of amounts must not erase closes).
_UPSERT = (
    f"INSERT INTO daily_turnover ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(date) DO UPDATE SET sh_yuan = excluded.sh_yuan, sz_yuan = excluded.sz_yuan, "
    "bj_yuan = excluded.bj_yuan, source = excluded.source, fetched_at = excluded.fetched_at, "
    + ", ".join(
        f"{name} = COALESCE(excluded.{name}, daily_turnover.{name})"
        for name in ("sh_close", "sh_change_pct", "sz_close", "sz_change_pct", "sz_index")
    )
)


def read_snapshot() -> list[DailyTurnover]:
    """Rows of the bundled history (1991-04-03 .. 2026-07-31)."""
    blob = resources.files("tools").joinpath("data/turnover_snapshot.csv.gz").read_bytes()
    rows: list[DailyTurnover] = []
    for line in gzip.decompress(blob).decode("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("date,"):
            continue
        day, sh, sz, *index = line.split(",")
        sh_close, sh_pct, sz_close, sz_pct = (_number(v) for v in (index + ["", "", "", ""])[:4])
        rows.append(
            DailyTurnover(
                date=date.fromisoformat(day),
                sh_yuan=float(sh),
                sz_yuan=float(sz),
                source=SNAPSHOT_SOURCE,
                fetched_at=SNAPSHOT_BUILT_AT,
                sh_close=sh_close,
                sh_change_pct=sh_pct,
                sz_close=sz_close,
                sz_change_pct=sz_pct,
                sz_index=SNAPSHOT_SZ_INDEX if sz_close is not None else None,
            )
        )
    return rows


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def _finite_or_none(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def open_db(path: Path, schema: str) -> sqlite3.Connection:
    """A WAL-mode connection shared across threads (callers serialise writes), with ``schema`` applied."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(schema)
    return conn


class TurnoverStore:
    """Daily rows keyed by date; safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = open_db(self.path, _SCHEMA)
        self._cache: list[DailyTurnover] | None = None
        added = self._add_index_columns()
        if self._count() == 0:
            self.upsert(read_snapshot())
        elif added:
            self._backfill_index_moves()

    def _add_index_columns(self) -> bool:
        """Add the index columns to a file made before them; True when it had to."""
        have = {row[1] for row in self._conn.execute("PRAGMA table_info(daily_turnover)")}
        added = [(name, kind) for name, kind in _INDEX_COLUMNS if name not in have]
        with self._lock, self._conn:
            for name, kind in added:
                self._conn.execute(f"ALTER TABLE daily_turnover ADD COLUMN {name} {kind}")
        return bool(added)

    def _backfill_index_moves(self) -> None:
        """Fill the new columns of an older store from the bundled history (its amounts are left alone)."""
        values = [
            (r.sh_close, r.sh_change_pct, r.sz_close, r.sz_change_pct, r.sz_index, r.date.isoformat())
            for r in read_snapshot()
            if r.sh_close is not None
        ]
        with self._lock, self._conn:
            self._conn.executemany(
                "UPDATE daily_turnover SET sh_close = ?, sh_change_pct = ?, sz_close = ?, sz_change_pct = ?, "
                "sz_index = ? WHERE date = ? AND sh_close IS NULL",
                values,
            )
            self._cache = None

    @classmethod
    def open(cls, data_dir: Path) -> TurnoverStore:
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        self._conn.close()

    def _count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM daily_turnover").fetchone()[0]

    def upsert(self, rows: Iterable[DailyTurnover]) -> int:
        """Insert or replace complete rows in one transaction; returns how many were written."""
        values = [
            (
                r.date.isoformat(),
                r.sh_yuan,
                r.sz_yuan,
                r.bj_yuan,
                r.source,
                r.fetched_at.isoformat(),
                _finite_or_none(r.sh_close),
                _finite_or_none(r.sh_change_pct),
                _finite_or_none(r.sz_close),
                _finite_or_none(r.sz_change_pct),
                r.sz_index,
            )
            for r in rows
            if all(math.isfinite(v) and v > 0 for v in (r.sh_yuan, r.sz_yuan))
        ]
        if not values:
            return 0
        with self._lock, self._conn:
            self._conn.executemany(_UPSERT, values)
            self._cache = None
        return len(values)

    def all(self) -> list[DailyTurnover]:
        """Every row, oldest first (cached until the next write)."""
        with self._lock:
            if self._cache is None:
                cur = self._conn.execute(f"SELECT {_COLUMNS} FROM daily_turnover ORDER BY date")
                self._cache = [
                    DailyTurnover(
                        date=date.fromisoformat(d),
                        sh_yuan=sh,
                        sz_yuan=sz,
                        bj_yuan=bj,
                        source=src,
                        fetched_at=datetime.fromisoformat(at),
                        sh_close=sh_close,
                        sh_change_pct=sh_pct,
                        sz_close=sz_close,
                        sz_change_pct=sz_pct,
                        sz_index=sz_index,
                    )
                    for d, sh, sz, bj, src, at, sh_close, sh_pct, sz_close, sz_pct, sz_index in cur
                ]
            return self._cache

    def get(self, day: date) -> DailyTurnover | None:
        for row in reversed(self.all()):
            if row.date == day:
                return row
            if row.date < day:
                return None
        return None

    def dates(self) -> set[date]:
        return {r.date for r in self.all()}

    def first_date(self) -> date | None:
        rows = self.all()
        return rows[0].date if rows else None

    def last_date(self) -> date | None:
        rows = self.all()
        return rows[-1].date if rows else None
