"""Copy a store's tables from one database into another (``marketbot data migrate-to-postgres``).

Generic over stores: a store is named by its SQLite file, its :class:`~config.database.Schema` and its
tables. Both ends are first brought to this version's schema (so an older SQLite file is migrated in place,
as opening the store would), then every source row is inserted with ON CONFLICT DO NOTHING: a row the
target already has (a second run, or a replica that wrote first) is left alone, so running twice changes
nothing. Counts are taken by counting the target, because a DBAPI's executemany rowcount is not portable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from config.database import Database, RevisionWatch, Schema, executemany_chunks, prepare

RowFix = Callable[[str, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class StoreTables:
    """One store as the copy sees it."""

    sqlite_name: str
    schema: Schema
    tables: tuple[Table, ...]  # parents before children
    revisions: tuple[str, ...] = ()  # store_revisions names to bump, so running replicas reload their caches
    fix: RowFix | None = None  # (table name, row) -> the row to write (e.g. a dead process's in-flight state)


@dataclass
class TableCount:
    table: str
    source_rows: int
    copied: int  # rows the target did not have


@dataclass
class StoreReport:
    sqlite_name: str
    tables: list[TableCount] = field(default_factory=list)
    missing: bool = False  # no such file in the data dir


def copy_store(source: Database, target: Database, store: StoreTables) -> StoreReport:
    """Copy every row of ``store`` from ``source`` to ``target`` in one target transaction."""
    report = StoreReport(store.sqlite_name)
    prepare(source, store.schema)
    prepare(target, store.schema)
    with source.connect() as src, target.transaction() as dst:
        for table in store.tables:
            rows = [dict(row._mapping) for row in src.execute(select(table))]
            if store.fix is not None:
                rows = [store.fix(table.name, row) for row in rows]
            before = _count(dst, table)
            stmt = target.insert(table).on_conflict_do_nothing()
            for chunk in executemany_chunks(rows):
                dst.execute(stmt, list(chunk))
            report.tables.append(TableCount(table.name, len(rows), _count(dst, table) - before))
            _advance_sequence(dst, table)
        if any(t.copied for t in report.tables):
            for name in store.revisions:
                RevisionWatch(target, name).bump(dst)
    return report


def _advance_sequence(conn: Connection, table: Table) -> None:
    """Rows copied with their ids leave a PostgreSQL serial behind them: move it past the largest id, or the
    next insert by a replica would collide with a copied row."""
    column = table.autoincrement_column
    if conn.dialect.name != "postgresql" or column is None:
        return
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
            f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
        )
    )


def _count(conn: Any, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def copy_stores(
    open_source: Callable[[str], Database | None], target: Database, stores: Sequence[StoreTables]
) -> list[StoreReport]:
    """Each store in turn; ``open_source(sqlite_name)`` is None for a file the deployment does not have."""
    reports = []
    for store in stores:
        source = open_source(store.sqlite_name)
        if source is None:
            reports.append(StoreReport(store.sqlite_name, missing=True))
            continue
        try:
            reports.append(copy_store(source, target, store))
        finally:
            source.close()
    return reports
