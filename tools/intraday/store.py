"""Store of minute bars (``intraday.sqlite`` in ``data_dir``, or the shared database), one row per session minute.

A row holds both markets' amounts for that minute (元, not cumulative); a
minute only one index answered for is never stored, so a stored minute always
adds up to 两市成交额. History accumulates beyond the source's 5 sessions.
Reads go through :class:`SessionMatrix`, an in-memory array per session,
rebuilt only after a write (here, or another replica's: tools.storage), so
analytics at a minute T run in microseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
from sqlalchemy import CheckConstraint, Column, Connection, Double, MetaData, String, Table, select

from config.database import Database, Schema, StorageSettings, create_tables, executemany_chunks, open_database, prepare
from tools.intraday.clock import BARS_PER_SESSION, MINUTE_INDEX, SESSION_MINUTES
from tools.intraday.models import MinuteBar
from tools.storage import CachedRows, KeyText, store_database

DB_NAME = "intraday.sqlite"
REVISION = "minute_bars"  # its name in store_revisions

_meta = MetaData()
minute_bars = Table(
    "minute_bars",
    _meta,
    Column("day", KeyText, primary_key=True),  # YYYY-MM-DD
    Column("minute", KeyText, primary_key=True),  # HH:MM
    Column("sh_yuan", Double, CheckConstraint("sh_yuan >= 0"), nullable=False),
    Column("sz_yuan", Double, CheckConstraint("sz_yuan >= 0"), nullable=False),
    Column("source", String, nullable=False),
    Column("fetched_at", String, nullable=False),
)
SCHEMA = Schema("intraday", (create_tables(minute_bars),))
_m = minute_bars.c


def same_bar(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5


@dataclass(frozen=True)
class SessionMatrix:
    """Every stored session as arrays over the 241-minute grid (NaN where no bar is stored)."""

    days: list[date]  # oldest first
    sh: np.ndarray  # shape (sessions, 241), 元 per minute
    sz: np.ndarray
    cum_total: np.ndarray  # cumulative SH+SZ with missing minutes counted as 0
    cum_sh: np.ndarray
    cum_sz: np.ndarray
    present: np.ndarray  # bool, a bar is stored
    sources: list[str]
    fetched_at: list[datetime]  # the newest fetch time per session
    rows: dict[date, int]  # day -> row

    def row(self, day: date) -> int | None:
        return self.rows.get(day)

    def complete(self, i: int) -> bool:
        """The session has its 15:00 bar (the close)."""
        return bool(self.present[i, -1])


def _matrix(rows: Sequence[tuple[str, str, float, float, str, str]]) -> SessionMatrix:
    days = sorted({date.fromisoformat(r[0]) for r in rows})
    where = {d: i for i, d in enumerate(days)}
    sh = np.full((len(days), BARS_PER_SESSION), np.nan)
    sz = np.full((len(days), BARS_PER_SESSION), np.nan)
    sources = [""] * len(days)
    fetched = [datetime.min] * len(days)
    for day, minute, sh_yuan, sz_yuan, source, fetched_at in rows:
        i, j = where[date.fromisoformat(day)], MINUTE_INDEX[time.fromisoformat(minute)]
        sh[i, j], sz[i, j] = sh_yuan, sz_yuan
        at = datetime.fromisoformat(fetched_at)
        if fetched[i] == datetime.min or at > fetched[i]:
            fetched[i], sources[i] = at, source
    present = ~np.isnan(sh)
    cum_sh, cum_sz = np.nancumsum(sh, axis=1), np.nancumsum(sz, axis=1)
    return SessionMatrix(days, sh, sz, cum_sh + cum_sz, cum_sh, cum_sz, present, sources, fetched, where)


def _load(conn: Connection) -> SessionMatrix:
    rows = conn.execute(select(_m.day, _m.minute, _m.sh_yuan, _m.sz_yuan, _m.source, _m.fetched_at)).all()
    return _matrix([tuple(r) for r in rows])


class MinuteStore:
    """Minute bars keyed by (day, minute); safe to share across threads, and across processes on one database."""

    def __init__(self, source: Path | Database) -> None:
        self.db, self.path = store_database(source)
        self.key = self.db.key
        self._cache = CachedRows(self.db, REVISION, _load)
        prepare(self.db, SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> MinuteStore:
        return cls(Path(data_dir) / DB_NAME)

    @classmethod
    def from_settings(cls, settings: StorageSettings) -> MinuteStore:
        """The store the settings select: the shared database, or ``data_dir/intraday.sqlite``."""
        return cls(open_database(settings, DB_NAME))

    def close(self) -> None:
        self.db.close()

    def stored(self, days: Iterable[date]) -> dict[tuple[date, time], tuple[float, float, str]]:
        """{(day, minute): (sh, sz, source)} for the given sessions."""
        wanted = sorted({d.isoformat() for d in days})
        if not wanted:
            return {}
        query = select(_m.day, _m.minute, _m.sh_yuan, _m.sz_yuan, _m.source).where(_m.day.in_(wanted))
        with self.db.connect() as conn:
            rows = conn.execute(query).all()
        return {(date.fromisoformat(d), time.fromisoformat(m)): (sh, sz, src) for d, m, sh, sz, src in rows}

    def upsert(self, bars: Iterable[MinuteBar]) -> int:
        """Insert or replace bars in one transaction; only session minutes with both amounts finite and >= 0."""
        values = [
            {
                "day": b.day.isoformat(),
                "minute": b.minute.strftime("%H:%M"),
                "sh_yuan": b.sh_yuan,
                "sz_yuan": b.sz_yuan,
                "source": b.source,
                "fetched_at": b.fetched_at.isoformat(),
            }
            for b in bars
            if b.minute in MINUTE_INDEX and all(math.isfinite(v) and v >= 0 for v in (b.sh_yuan, b.sz_yuan))
        ]
        if not values:
            return 0
        stmt = self.db.insert(minute_bars)
        stmt = stmt.on_conflict_do_update(
            index_elements=["day", "minute"],
            set_={name: stmt.excluded[name] for name in ("sh_yuan", "sz_yuan", "source", "fetched_at")},
        )
        with self._cache.lock, self.db.transaction() as conn:
            for chunk in executemany_chunks(values):
                conn.execute(stmt, chunk)
            self._cache.wrote(conn)
        return len(values)

    def matrix(self) -> SessionMatrix:
        """All sessions as arrays (the same object until a write, in this process or another)."""
        return self._cache.get()

    def sessions(self) -> list[date]:
        return list(self.matrix().days)

    def bars(self, day: date) -> list[MinuteBar]:
        query = (
            select(_m.minute, _m.sh_yuan, _m.sz_yuan, _m.source, _m.fetched_at)
            .where(_m.day == day.isoformat())
            .order_by(_m.minute)
        )
        with self.db.connect() as conn:
            rows = conn.execute(query).all()
        return [
            MinuteBar(
                day=day,
                minute=time.fromisoformat(m),
                sh_yuan=sh,
                sz_yuan=sz,
                source=src,
                fetched_at=datetime.fromisoformat(at),
            )
            for m, sh, sz, src, at in rows
        ]


__all__ = ["DB_NAME", "SESSION_MINUTES", "MinuteStore", "SessionMatrix", "same_bar"]
