"""Store of daily 两市成交额 rows: ``turnover.sqlite`` in ``data_dir``, or the shared database.

A new store is seeded from the bundled snapshot so a fresh machine answers
offline (once, under the schema lock, however many replicas start at once).
Only complete, positive rows are written: a failed or empty fetch never
becomes data. Reads are cached in memory (tools.storage) because the whole
history is ~9k rows and analytics scan windows of it.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Double,
    MetaData,
    String,
    Table,
    bindparam,
    func,
    inspect,
    select,
    text,
    update,
)

from config.database import (
    Database,
    Schema,
    StorageSettings,
    create_tables,
    executemany_chunks,
    open_database,
    prepare,
)
from tools.daily.models import DailyTurnover
from tools.storage import CachedRows, KeyText, store_database

SNAPSHOT_SOURCE = "snapshot:baostock"
# When the bundled snapshot was built; its rows carry this as fetched_at.
SNAPSHOT_BUILT_AT = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)
DB_NAME = "turnover.sqlite"

_meta = MetaData()
daily_turnover = Table(
    "daily_turnover",
    _meta,
    Column("date", KeyText, primary_key=True),  # YYYY-MM-DD
    Column("sh_yuan", Double, CheckConstraint("sh_yuan > 0"), nullable=False),
    Column("sz_yuan", Double, CheckConstraint("sz_yuan > 0"), nullable=False),
    Column("bj_yuan", Double),
    Column("source", String, nullable=False),
    Column("fetched_at", String, nullable=False),  # ISO time
    Column("sh_close", Double),
    Column("sh_change_pct", Double),
    Column("sz_close", Double),
    Column("sz_change_pct", Double),
    Column("sz_index", String),
)
_d = daily_turnover.c
# Index columns added after the first release: (name, SQL type), added to older files by migration 2.
_INDEX_COLUMNS = (
    ("sh_close", "DOUBLE PRECISION"),
    ("sh_change_pct", "DOUBLE PRECISION"),
    ("sz_close", "DOUBLE PRECISION"),
    ("sz_change_pct", "DOUBLE PRECISION"),
    ("sz_index", "TEXT"),
)
SNAPSHOT_SZ_INDEX = "sz399001"  # the bundled closes are 深证成指's
REVISION = "daily_turnover"  # its name in store_revisions


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


_COLUMNS = (
    "date",
    "sh_yuan",
    "sz_yuan",
    "bj_yuan",
    "source",
    "fetched_at",
    "sh_close",
    "sh_change_pct",
    "sz_close",
    "sz_change_pct",
    "sz_index",
)


def _row_values(r: DailyTurnover) -> dict[str, object]:
    return {
        "date": r.date.isoformat(),
        "sh_yuan": r.sh_yuan,
        "sz_yuan": r.sz_yuan,
        "bj_yuan": r.bj_yuan,
        "source": r.source,
        "fetched_at": r.fetched_at.isoformat(),
        "sh_close": _finite_or_none(r.sh_close),
        "sh_change_pct": _finite_or_none(r.sh_change_pct),
        "sz_close": _finite_or_none(r.sz_close),
        "sz_change_pct": _finite_or_none(r.sz_change_pct),
        "sz_index": r.sz_index,
    }


def _upsert(db: Database) -> Any:
    """INSERT .. ON CONFLICT(date) UPDATE; a row written without index figures keeps the stored ones (a
    re-import of amounts must not erase closes)."""
    stmt = db.insert(daily_turnover)
    keep = ("sh_close", "sh_change_pct", "sz_close", "sz_change_pct", "sz_index")
    updates: dict[str, Any] = {name: stmt.excluded[name] for name in ("sh_yuan", "sz_yuan", "bj_yuan", "source")}
    updates["fetched_at"] = stmt.excluded.fetched_at
    updates.update({name: func.coalesce(stmt.excluded[name], daily_turnover.c[name]) for name in keep})
    return stmt.on_conflict_do_update(index_elements=["date"], set_=updates)


def _add_index_columns(conn: Connection) -> None:
    """Migration 2: a file made before the index columns gets them, filled from the bundled history (its
    amounts are left alone). A database made by migration 1 of this version already has them."""
    have = {c["name"] for c in inspect(conn).get_columns("daily_turnover")}
    added = [(name, kind) for name, kind in _INDEX_COLUMNS if name not in have]
    for name, kind in added:
        conn.execute(text(f"ALTER TABLE daily_turnover ADD COLUMN {name} {kind}"))
    if not added:
        return
    moves = ("sh_close", "sh_change_pct", "sz_close", "sz_change_pct", "sz_index")
    values = [
        {"day": r.date.isoformat(), **{f"v_{name}": getattr(r, name) for name in moves}}
        for r in read_snapshot()
        if r.sh_close is not None
    ]
    stmt = (
        update(daily_turnover)
        .where(_d.date == bindparam("day"), _d.sh_close.is_(None))
        .values({name: bindparam(f"v_{name}") for name in moves})
    )
    for chunk in executemany_chunks(values):
        conn.execute(stmt, chunk)


# Version 1: the table as first released (with the index columns for a new database); 2: the index columns
# of a file made before them.
SCHEMA = Schema("daily", (create_tables(daily_turnover), _add_index_columns))


def _load(conn: Connection) -> list[DailyTurnover]:
    cur = conn.execute(select(*(_d[name] for name in _COLUMNS)).order_by(_d.date))
    return [
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


class TurnoverStore:
    """Daily rows keyed by date; safe to share across threads, and across processes on one database."""

    def __init__(self, source: Path | Database) -> None:
        self.db, self.path = store_database(source)
        self.key = self.db.key  # what identifies this store's data in caches
        self._rows = CachedRows(self.db, REVISION, _load)
        prepare(self.db, SCHEMA, self._seed)

    def _seed(self, conn: Connection) -> None:
        """A new store gets the bundled history (run under the schema lock: once, whoever starts first)."""
        if conn.execute(select(_d.date).limit(1)).first() is None:
            self._write(conn, read_snapshot())

    @classmethod
    def open(cls, data_dir: Path) -> TurnoverStore:
        return cls(Path(data_dir) / DB_NAME)

    @classmethod
    def from_settings(cls, settings: StorageSettings) -> TurnoverStore:
        """The store the settings select: the shared database, or ``data_dir/turnover.sqlite``."""
        return cls(open_database(settings, DB_NAME))

    def close(self) -> None:
        self.db.close()

    def _write(self, conn: Connection, rows: Iterable[DailyTurnover]) -> int:
        values = [_row_values(r) for r in rows if all(math.isfinite(v) and v > 0 for v in (r.sh_yuan, r.sz_yuan))]
        if not values:
            return 0
        stmt = _upsert(self.db)
        for chunk in executemany_chunks(values):
            conn.execute(stmt, chunk)
        self._rows.wrote(conn)
        return len(values)

    def upsert(self, rows: Iterable[DailyTurnover]) -> int:
        """Insert or replace complete rows in one transaction; returns how many were written."""
        rows = list(rows)
        with self._rows.lock, self.db.transaction() as conn:
            return self._write(conn, rows)

    def all(self) -> list[DailyTurnover]:
        """Every row, oldest first (the same list until a write, in this process or another)."""
        return self._rows.get()

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
