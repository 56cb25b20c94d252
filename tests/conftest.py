"""Fixtures shared across the test packages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.database import dispose_shared
from config.settings import Settings
from tests.pg import PostgresServer, start_server


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No MARKETBOT_* variable from the caller's shell, and a working directory with no
    stray .env or marketbot.toml: settings come only from what the test sets. Returns tmp_path."""
    for name in list(os.environ):
        if name.startswith("MARKETBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster for the whole session (tests/pg.py); skips only when PostgreSQL is not
    installed or cannot start, with the reason."""
    server = start_server()
    if isinstance(server, str):
        pytest.skip(server)
    try:
        yield server
    finally:
        dispose_shared()
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (postgresql://user@127.0.0.1:port/db)."""
    yield postgres_server.new_database()
    dispose_shared()  # this test's pool: its database is not used again


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings over each storage backend in turn: SQLite files in tmp_path, then a fresh PostgreSQL database
    (the same data_dir, which then holds nothing shared). Storage tests take this to run on both."""
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path)
    url = request.getfixturevalue("postgres_url")
    return Settings(data_dir=tmp_path, database_url=url)  # type: ignore[arg-type]
