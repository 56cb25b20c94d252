"""config.database on both backends: URL checks, versioned migrations, the schema lock under a start-up race."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text

from config.database import (
    Database,
    DatabaseError,
    RevisionWatch,
    Schema,
    add_column,
    component_versions,
    create_tables,
    open_database,
    postgres_url,
    prepare,
    safe_url,
)
from config.settings import Settings

_meta = MetaData()
things = Table("things", _meta, Column("id", Integer, primary_key=True), Column("name", String, nullable=False))
SCHEMA = Schema("things", (create_tables(things), add_column("things", "colour", "TEXT NOT NULL DEFAULT 'red'")))


def _seed(conn) -> None:
    if conn.execute(select(things.c.id).limit(1)).first() is None:
        conn.execute(insert(things), [{"id": i, "name": f"n{i}"} for i in range(100)])


def test_url_forms() -> None:
    assert postgres_url("postgresql://bot@db:5432/market") == "postgresql+psycopg://bot@db:5432/market"
    assert postgres_url("postgres://bot:pw@db/market").startswith("postgresql+psycopg://bot:pw@db")
    assert "pw" not in safe_url("postgresql://bot:pw@db/market")
    for bad in ("mysql://a@b/c", "postgresql://bot@db:5432", "not a url"):
        with pytest.raises(DatabaseError):
            postgres_url(bad)


def test_settings_refuse_a_bad_url_without_echoing_it(clean_env: Path) -> None:
    with pytest.raises(ValueError) as caught:
        Settings(database_url="mysql://u:hunter2@h/d")  # type: ignore[arg-type]
    assert "postgresql://" in str(caught.value) and "hunter2" not in str(caught.value)
    assert Settings(database_url="").database_url is None  # type: ignore[arg-type]


def test_migrations_run_once_and_are_recorded(backend: Settings) -> None:
    db = open_database(backend, "things.sqlite")
    try:
        prepare(db, SCHEMA, _seed)
        prepare(db, SCHEMA, _seed)  # a restart: nothing to run, the seed sees rows
        with db.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*), MIN(colour) FROM things")).one() == (100, "red")
        assert component_versions(db)["things"] == 2
    finally:
        db.close()


def test_a_database_written_before_versioning_gets_the_new_column(backend: Settings) -> None:
    db = open_database(backend, "things.sqlite")
    try:
        with db.transaction() as conn:
            conn.execute(text("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"))
            conn.execute(text("INSERT INTO things VALUES (7, 'old')"))
        prepare(db, SCHEMA)
        with db.connect() as conn:
            assert conn.execute(text("SELECT id, name, colour FROM things")).all() == [(7, "old", "red")]
    finally:
        db.close()


def test_a_newer_schema_is_refused(backend: Settings) -> None:
    db = open_database(backend, "things.sqlite")
    try:
        prepare(db, Schema("things", (*SCHEMA.steps, create_tables())))
        with pytest.raises(DatabaseError, match="newer"):
            prepare(db, SCHEMA)
    finally:
        db.close()


def test_replicas_starting_at_once_migrate_and_seed_once(backend: Settings) -> None:
    """Eight starts at the same instant on an empty database: no error, one schema, the seed loaded once."""
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []
    databases: list[Database] = []

    def start() -> None:
        db = open_database(backend, "things.sqlite")
        databases.append(db)
        barrier.wait()
        try:
            prepare(db, SCHEMA, _seed)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        with databases[0].connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM things")).scalar() == 100
        assert component_versions(databases[0]) == {"things": 2}
    finally:
        for db in databases:
            db.close()


def test_revision_watch_sees_another_writer(backend: Settings) -> None:
    first, second = open_database(backend, "things.sqlite"), open_database(backend, "things.sqlite")
    try:
        prepare(first, SCHEMA)
        mine, theirs = RevisionWatch(first, "things", every_s=0.0), RevisionWatch(second, "things", every_s=0.0)
        assert theirs.changed()  # nothing seen yet
        assert not theirs.changed()
        with first.transaction() as conn:
            mine.bump(conn)
        assert not mine.changed()  # its own write is known
        assert theirs.changed() and not theirs.changed()
    finally:
        first.close()
        second.close()
