"""The one database layer every store uses: SQLite files in data_dir by default, PostgreSQL when
``MARKETBOT_DATABASE_URL`` is set (SQLAlchemy Core over psycopg 3), with one code path for both.

It lives in config/ because it is what the settings select and every layer below bot/ needs it
(tools/, retrieval/ and agent/ keep stores too); it knows no store's tables, only how to open a
database, run a store's versioned migrations, and tell caches that another process wrote.

Migrations: each store names a *component* and an ordered tuple of steps; ``schema_version`` holds
how many of them a database has run. :func:`prepare` runs the missing ones and then the store's seed
in one transaction that holds the database's schema lock (a PostgreSQL advisory lock; SQLite's
``BEGIN IMMEDIATE``), so replicas starting at the same instant on an empty database migrate it once
and seed it once. A database migrated by a newer marketbot (more steps than this one knows) is refused.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import SecretStr
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class StorageSettings(Protocol):
    """What :func:`open_database` reads of config.settings.Settings (which imports this module to check the
    URL, so this one names only the two fields)."""

    @property
    def database_url(self) -> SecretStr | None: ...
    @property
    def data_dir(self) -> Path: ...


# pg_advisory_xact_lock key of schema migrations (other cluster locks use other keys).
SCHEMA_LOCK_KEY = 0x6D6B_6274_0001  # "mkbt" + 1
# Telegram chat ids exceed 32 bits; SQLite keeps its plain INTEGER (the same 64-bit storage).
ChatId = BigInteger().with_variant(Integer(), "sqlite")

_bookkeeping = MetaData()
schema_version = Table(
    "schema_version",
    _bookkeeping,
    Column("component", String, primary_key=True),
    Column("version", Integer, nullable=False),
)
store_revisions = Table(
    "store_revisions",
    _bookkeeping,
    Column("name", String, primary_key=True),
    Column("revision", BigInteger().with_variant(Integer(), "sqlite"), nullable=False),
)

Step = Callable[[Connection], None]
# Stores decide by rowcount (a claim won, a row removed); SQLAlchemy keeps it for INSERTs only when asked.
ROWCOUNT = {"preserve_rowcount": True}


class DatabaseError(ValueError):
    """A database URL that cannot be used, or a schema this version cannot work with."""


@dataclass(frozen=True)
class Schema:
    """A store's tables as an ordered list of migration steps; append, never edit a released step."""

    component: str
    steps: tuple[Step, ...]


def create_tables(*tables: Table) -> Step:
    """A step creating these tables (and their indexes) when missing: a database written before
    versioning already has them, so the first step of every store is a no-op there."""

    def step(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)

    return step


def add_column(table: str, column: str, ddl: str) -> Step:
    """A step adding ``column`` (``ddl``: its type and default) when the table lacks it."""

    def step(conn: Connection) -> None:
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))

    return step


def postgres_url(url: str) -> str:
    """``postgresql://user[:password]@host:port/db`` -> the SQLAlchemy URL with the psycopg 3 driver."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError as exc:
        raise DatabaseError("MARKETBOT_DATABASE_URL is not a URL (expected postgresql://user@host:port/db)") from exc
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise DatabaseError(f"MARKETBOT_DATABASE_URL must start with postgresql://, not {parsed.drivername}://")
    if not parsed.database:
        raise DatabaseError("MARKETBOT_DATABASE_URL names no database (postgresql://user@host:port/DB)")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def safe_url(url: str) -> str:
    """The URL with its password masked, for logs and messages."""
    return make_url(url).render_as_string(hide_password=True)


class Database:
    """An engine and the few things stores need from it.

    ``transaction()`` is one atomic unit (SQLite: ``BEGIN IMMEDIATE``, so a read-then-write never
    deadlocks on lock upgrade); ``connect()`` runs each statement in its own commit (autocommit),
    the cheapest path for single-statement reads and writes (one round trip on PostgreSQL).
    """

    def __init__(self, engine: Engine, *, key: str, owned: bool) -> None:
        self.engine = engine
        self.key = key  # what identifies this database in caches (a file path or the masked URL)
        self._owned = owned
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def shared(self) -> bool:
        """True for a database several processes are meant to share (PostgreSQL)."""
        return self.dialect == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._autocommit.connect() as conn:
            yield conn

    def insert(self, table: Table) -> Any:
        """The dialect's INSERT, which has ``on_conflict_do_update``/``on_conflict_do_nothing`` on both."""
        # Each dialect's module is imported when first used: PostgreSQL's costs ~60 ms that SQLite never needs.
        if self.shared:
            from sqlalchemy.dialects import postgresql

            return postgresql.insert(table)
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)

    def close(self) -> None:
        """Release a SQLite file's connections; a PostgreSQL engine is shared by the process's stores and
        stays open until :func:`dispose_shared`."""
        if self._owned:
            self.engine.dispose()


def _sqlite_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 30.0},
        execution_options=ROWCOUNT,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Transactions are ours (below), not the driver's implicit ones. WAL with synchronous=NORMAL
        # survives a process crash; only power loss can drop a commit.
        dbapi_conn.isolation_level = None
        _wal(dbapi_conn)
        dbapi_conn.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _wal(dbapi_conn: Any) -> None:
    """Switch a connection to WAL. Several processes opening a new file at once can find it locked while another
    one switches it, and SQLite does not wait for that lock as it does for a write: try again for a few seconds."""
    for attempt in range(100):
        try:
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)


_sqlite_databases: weakref.WeakSet[Database] = weakref.WeakSet()


def sqlite_database(path: Path) -> Database:
    """A store's own SQLite file (the embedded default)."""
    path = Path(path)
    db = Database(_sqlite_engine(path), key=str(path.resolve()), owned=True)
    _sqlite_databases.add(db)
    return db


_shared_engines: dict[str, Engine] = {}
_shared_lock = threading.Lock()


def postgres_database(url: str) -> Database:
    """The PostgreSQL database at ``url``; one engine (and connection pool) per URL per process."""
    full = postgres_url(url)
    with _shared_lock:
        engine = _shared_engines.get(full)
        if engine is None:
            engine = create_engine(full, pool_size=5, max_overflow=10, execution_options=ROWCOUNT)
            _shared_engines[full] = engine
    return Database(engine, key=safe_url(full), owned=False)


def dispose_shared() -> None:
    """Close every PostgreSQL pool of this process (tests, and at exit)."""
    with _shared_lock:
        for engine in _shared_engines.values():
            engine.dispose()
        _shared_engines.clear()


def close_all() -> None:
    """Release every connection this process holds: each SQLite file's (its WAL checkpointed and removed, as when
    the store is closed) and every PostgreSQL pool. For a process about to exit without a last garbage
    collection (bot.cli); a store used afterwards opens new connections."""
    for db in list(_sqlite_databases):
        db.close()
    dispose_shared()


def open_database(settings: StorageSettings, sqlite_name: str) -> Database:
    """The database of one store: PostgreSQL when ``database_url`` is set, else ``data_dir/sqlite_name``."""
    if settings.database_url is not None:
        return postgres_database(settings.database_url.get_secret_value())
    return sqlite_database(Path(settings.data_dir) / sqlite_name)


def prepare(db: Database, schema: Schema, seed: Callable[[Connection], None] | None = None) -> None:
    """Bring ``schema`` up to date and seed it, under the schema lock, in one transaction."""
    with db.transaction() as conn:
        if db.shared:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        for table in _bookkeeping.sorted_tables:
            table.create(conn, checkfirst=True)
        done = conn.execute(
            select(schema_version.c.version).where(schema_version.c.component == schema.component)
        ).scalar()
        done = int(done or 0)
        if done > len(schema.steps):
            raise DatabaseError(
                f"the {schema.component} tables are at schema version {done}, newer than this marketbot knows "
                f"({len(schema.steps)}): upgrade marketbot"
            )
        for step in schema.steps[done:]:
            step(conn)
        if done < len(schema.steps):
            version = len(schema.steps)
            upsert = db.insert(schema_version).values(component=schema.component, version=version)
            conn.execute(upsert.on_conflict_do_update(index_elements=["component"], set_={"version": version}))
        if seed is not None:
            seed(conn)


def component_versions(db: Database) -> dict[str, int]:
    """{component: schema version} of every store migrated in ``db``."""
    with db.connect() as conn:
        if not inspect(conn).has_table("schema_version"):
            return {}
        return {row[0]: int(row[1]) for row in conn.execute(select(schema_version))}


class RevisionWatch:
    """Tells a store's in-memory cache that its table changed, also when another process wrote it
    (a replica, or ``marketbot data update`` beside a running bot).

    Writers call :meth:`bump` inside their write transaction; readers call :meth:`changed`, which
    asks the database at most every ``every_s`` seconds, so a cached read costs nothing in between.
    """

    def __init__(self, db: Database, name: str, every_s: float = 1.0) -> None:
        self.db = db
        self.name = name
        self.every_s = every_s
        self._seen: int | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def bump(self, conn: Connection) -> None:
        stmt = self.db.insert(store_revisions).values(name=self.name, revision=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=["name"], set_={"revision": store_revisions.c.revision + 1}
        ).returning(store_revisions.c.revision)
        revision = conn.execute(stmt).scalar()
        with self._lock:
            self._seen, self._checked = revision, time.monotonic()

    def changed(self) -> bool:
        """True when a write this watch has not seen happened (the caller drops its cache)."""
        with self._lock:
            now = time.monotonic()
            if self._seen is not None and now - self._checked < self.every_s:
                return False
            self._checked = now
        with self.db.connect() as conn:
            revision = conn.execute(
                select(store_revisions.c.revision).where(store_revisions.c.name == self.name)
            ).scalar()
        revision = int(revision or 0)
        with self._lock:
            changed, self._seen = revision != self._seen, revision
        return changed

    def forget(self) -> None:
        """The next :meth:`changed` asks the database (a store that dropped its cache itself)."""
        with self._lock:
            self._checked = 0.0


def executemany_chunks(rows: Sequence[dict[str, Any]], size: int = 2000) -> Iterator[Sequence[dict[str, Any]]]:
    """Rows in batches small enough for one statement's parameter limit."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
