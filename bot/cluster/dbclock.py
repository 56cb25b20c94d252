"""The database's clock as a SQL expression: epoch seconds, read by the database itself.

Leases and the send budget compare times only with this clock, never with a replica's: replicas'
wall clocks drift (and tests shift them with time-machine) while the database has one clock for all.
SQLite's ``julianday('now')`` is the C library's real time (time-machine does not reach it), so even
a single process with a shifted Python clock keeps its leases on real time.
"""

from __future__ import annotations

from sqlalchemy import Float, literal_column
from sqlalchemy.sql.elements import ColumnElement

from config.database import Database

# clock_timestamp(), not now(): now() is frozen at the start of a transaction, and a lease written late
# in a long transaction would be short by that much.
_PG_NOW = "extract(epoch from clock_timestamp())::float8"
_SQLITE_NOW = "((julianday('now') - 2440587.5) * 86400.0)"


def db_now(db: Database) -> ColumnElement[float]:
    """``now`` in epoch seconds on ``db``'s own clock."""
    return literal_column(_PG_NOW if db.shared else _SQLITE_NOW, Float)


def db_now_sql(db: Database) -> str:
    """The same expression as SQL text, for hand-written statements."""
    return _PG_NOW if db.shared else _SQLITE_NOW
