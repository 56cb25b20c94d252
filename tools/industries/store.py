"""Store of daily industry rows (``industries.sqlite`` in ``data_dir``, or the shared database).

One row per (date, industry name): 成交额 in 元, 上涨/下跌家数 and stocks in the
industry when the source gives them, and the industry index's % change.
Tonghuashun's 90 industries partition the market (each stock sits in one), so a
day's rows add up to the whole market. Industries are keyed by their THS name
because the live after-close summary gives names only; the bundled rows also
carry the THS code. A new store is seeded from the bundled history (once, under
the schema lock). Only positive, finite amounts are written. Reads are cached
until the next write, here or in another process (tools.storage), which
replaces the cached list (caches built on it rebuild when ``all()`` returns a
new list).
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from sqlalchemy import CheckConstraint, Column, Connection, Double, Integer, MetaData, String, Table, select

from config.database import Database, Schema, StorageSettings, create_tables, executemany_chunks, open_database, prepare
from tools.storage import CachedRows, KeyText, store_database

DB_NAME = "industries.sqlite"
SNAPSHOT_FILE = "data/ths_industries.csv.gz"
SNAPSHOT_SOURCE = "snapshot:ths"
SNAPSHOT_BUILT_AT = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)

REVISION = "industry_day"  # its name in store_revisions

_meta = MetaData()
industry_day = Table(
    "industry_day",
    _meta,
    Column("date", KeyText, primary_key=True),
    Column("name", KeyText, primary_key=True),
    Column("code", String),
    Column("amount_yuan", Double, CheckConstraint("amount_yuan > 0"), nullable=False),
    Column("up_count", Integer),
    Column("down_count", Integer),
    Column("total_count", Integer),
    Column("change_pct", Double),
    Column("source", String, nullable=False),
    Column("fetched_at", String, nullable=False),
)
SCHEMA = Schema("industries", (create_tables(industry_day),))
_i = industry_day.c
_COLUMNS = ("date", "name", "code", "amount_yuan", "up_count", "down_count", "total_count", "change_pct")


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


def _bundled_lines() -> list[str]:
    """The bundled history's data lines (no comments, no header)."""
    blob = resources.files("tools").joinpath(SNAPSHOT_FILE).read_bytes()
    return [
        line
        for line in gzip.decompress(blob).decode("utf-8").splitlines()
        if line and not line.startswith("#") and not line.startswith("date,")
    ]


@cache
def bundled_names() -> frozenset[str]:
    """The industry names of the bundled history, as ``{r.name for r in read_bundled()}`` but without building its
    22,000 rows; read once per process (the offline reader asks for them in every part of every question)."""
    return frozenset(line.split(",", 3)[2] for line in _bundled_lines())


def read_bundled() -> list[IndustryRow]:
    """Rows of the bundled THS industry history (2025-07-25 .. 2026-07-31)."""
    rows: list[IndustryRow] = []
    for line in _bundled_lines():
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


def _load(conn: Connection) -> list[IndustryRow]:
    cur = conn.execute(select(*(_i[name] for name in _COLUMNS), _i.source, _i.fetched_at).order_by(_i.date, _i.name))
    return [
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


class IndustryStore:
    """Industry rows keyed by (date, name); safe to share across threads, and across processes on one database."""

    def __init__(self, source: Path | Database) -> None:
        self.db, self.path = store_database(source)
        self.key = self.db.key
        self._cache = CachedRows(self.db, REVISION, _load)
        prepare(self.db, SCHEMA, self._seed)

    def _seed(self, conn: Connection) -> None:
        """A new store gets the bundled history (under the schema lock: once, whoever starts first)."""
        if conn.execute(select(_i.date).limit(1)).first() is None:
            self._write(conn, read_bundled())

    @classmethod
    def open(cls, data_dir: Path) -> IndustryStore:
        return cls(Path(data_dir) / DB_NAME)

    @classmethod
    def from_settings(cls, settings: StorageSettings) -> IndustryStore:
        """The store the settings select: the shared database, or ``data_dir/industries.sqlite``."""
        return cls(open_database(settings, DB_NAME))

    def close(self) -> None:
        self.db.close()

    def _write(self, conn: Connection, rows: Iterable[IndustryRow]) -> int:
        values = [
            {
                "date": r.date.isoformat(),
                "name": r.name,
                "code": r.code,
                "amount_yuan": r.amount_yuan,
                "up_count": r.up_count,
                "down_count": r.down_count,
                "total_count": r.total_count,
                "change_pct": r.change_pct,
                "source": r.source,
                "fetched_at": r.fetched_at.isoformat(),
            }
            for r in rows
            if _valid(r)
        ]
        if not values:
            return 0
        stmt = self.db.insert(industry_day)
        stmt = stmt.on_conflict_do_update(
            index_elements=["date", "name"],
            set_={name: stmt.excluded[name] for name in (*_COLUMNS[2:], "source", "fetched_at")},
        )
        for chunk in executemany_chunks(values):
            conn.execute(stmt, chunk)
        self._cache.wrote(conn)
        return len(values)

    def upsert(self, rows: Iterable[IndustryRow]) -> int:
        """Insert or replace valid rows in one transaction; returns how many were written."""
        rows = list(rows)
        with self._cache.lock, self.db.transaction() as conn:
            return self._write(conn, rows)

    def all(self) -> list[IndustryRow]:
        """Every row, by date then name (the same list object until a write, here or in another process)."""
        return self._cache.get()
