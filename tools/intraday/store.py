"""Local store of minute bars (SQLite ``intraday.sqlite`` in ``data_dir``), one row per session minute.

A row holds both markets' amounts for that minute (元, not cumulative); a
minute only one index answered for is never stored, so a stored minute always
adds up to 两市成交额. History accumulates beyond the source's 5 sessions.
Reads go through :class:`SessionMatrix`, an in-memory array per session,
rebuilt only after a write, so analytics at a minute T run in microseconds.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import numpy as np

from tools.daily.store import open_db
from tools.intraday.clock import BARS_PER_SESSION, MINUTE_INDEX, SESSION_MINUTES
from tools.intraday.models import MinuteBar

DB_NAME = "intraday.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS minute_bars (
    day TEXT NOT NULL,
    minute TEXT NOT NULL,
    sh_yuan REAL NOT NULL CHECK (sh_yuan >= 0),
    sz_yuan REAL NOT NULL CHECK (sz_yuan >= 0),
    source TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (day, minute)
);
"""


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


def _matrix(rows: list[tuple[str, str, float, float, str, str]]) -> SessionMatrix:
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


class MinuteStore:
    """Minute bars keyed by (day, minute); safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = open_db(self.path, _SCHEMA)
        self._matrix: SessionMatrix | None = None

    @classmethod
    def open(cls, data_dir: Path) -> MinuteStore:
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        self._conn.close()

    def stored(self, days: Iterable[date]) -> dict[tuple[date, time], tuple[float, float, str]]:
        """{(day, minute): (sh, sz, source)} for the given sessions."""
        wanted = sorted({d.isoformat() for d in days})
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        with self._lock:
            cur = self._conn.execute(
                f"SELECT day, minute, sh_yuan, sz_yuan, source FROM minute_bars WHERE day IN ({marks})", wanted
            )
            return {(date.fromisoformat(d), time.fromisoformat(m)): (sh, sz, src) for d, m, sh, sz, src in cur}

    def upsert(self, bars: Iterable[MinuteBar]) -> int:
        """Insert or replace bars in one transaction; only session minutes with both amounts finite and >= 0."""
        values = [
            (b.day.isoformat(), b.minute.strftime("%H:%M"), b.sh_yuan, b.sz_yuan, b.source, b.fetched_at.isoformat())
            for b in bars
            if b.minute in MINUTE_INDEX and all(math.isfinite(v) and v >= 0 for v in (b.sh_yuan, b.sz_yuan))
        ]
        if not values:
            return 0
        with self._lock, self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO minute_bars VALUES (?, ?, ?, ?, ?, ?)", values)
            self._matrix = None
        return len(values)

    def matrix(self) -> SessionMatrix:
        """All sessions as arrays (cached until the next write)."""
        with self._lock:
            if self._matrix is None:
                rows = self._conn.execute(
                    "SELECT day, minute, sh_yuan, sz_yuan, source, fetched_at FROM minute_bars"
                ).fetchall()
                self._matrix = _matrix(rows)
            return self._matrix

    def sessions(self) -> list[date]:
        return list(self.matrix().days)

    def bars(self, day: date) -> list[MinuteBar]:
        with self._lock:
            cur = self._conn.execute(
                "SELECT minute, sh_yuan, sz_yuan, source, fetched_at FROM minute_bars WHERE day = ? ORDER BY minute",
                (day.isoformat(),),
            )
            return [
                MinuteBar(
                    day=day,
                    minute=time.fromisoformat(m),
                    sh_yuan=sh,
                    sz_yuan=sz,
                    source=src,
                    fetched_at=datetime.fromisoformat(at),
                )
                for m, sh, sz, src, at in cur
            ]


__all__ = ["DB_NAME", "SESSION_MINUTES", "MinuteStore", "SessionMatrix", "same_bar"]
