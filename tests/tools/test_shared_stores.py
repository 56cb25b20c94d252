"""The market stores on both backends (SQLite files, and a real PostgreSQL database from tests/pg.py): the
bundled seed, writes, the same rows whichever store object (replica) reads them, a start-up race seeding
once, and SQLite files written before the stores moved onto config.database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from config.database import component_versions
from config.settings import Settings
from tools.boards.service import reset_board_stores
from tools.boards.store import BoardRow, BoardStore
from tools.daily.models import DailyTurnover
from tools.daily.store import TurnoverStore, daily_turnover, read_snapshot
from tools.importer import import_file, load_kind
from tools.industries.service import reset_industry_stores
from tools.industries.store import IndustryRow, IndustryStore, industry_day, read_bundled
from tools.intraday.models import MinuteBar
from tools.intraday.store import MinuteStore
from tools.registry import reset_shared
from tools.service import MarketData

AT = datetime(2026, 8, 3, 16, 0, tzinfo=UTC)
DAY = date(2026, 8, 3)


@pytest.fixture(autouse=True)
def _fresh_registries() -> Iterator[None]:
    _reset()
    yield
    _reset()


def _reset() -> None:
    reset_shared()
    reset_board_stores()
    reset_industry_stores()


def _eventually(check: Callable[[], bool], within_s: float = 3.0) -> bool:
    """Another process's write is seen within the revision watch's interval (1 s)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def _day(day: date, sh: float = 1.1e12, **extra: Any) -> DailyTurnover:
    return DailyTurnover(date=day, sh_yuan=sh, sz_yuan=1.3e12, source="test", fetched_at=AT, **extra)


def test_daily_store_is_seeded_and_written_on_each_backend(backend: Settings) -> None:
    store = TurnoverStore.from_settings(backend)
    snapshot = read_snapshot()
    rows = store.all()
    assert len(rows) == len(snapshot) and rows[-1] == snapshot[-1] and store.all() is rows  # cached
    assert component_versions(store.db)["daily"] == 2
    assert store.upsert([_day(DAY, sh_close=3600.5), _day(date(2026, 8, 4), sh=float("nan"))]) == 1
    assert store.last_date() == DAY and store.get(DAY) == _day(DAY, sh_close=3600.5)
    # Amounts only: the stored close is kept (COALESCE on both dialects).
    store.upsert([_day(DAY, sh=1.2e12)])
    again = store.get(DAY)
    assert again is not None and again.sh_yuan == 1.2e12 and again.sh_close == 3600.5
    store.close()


def test_minute_industry_and_board_stores_on_each_backend(backend: Settings) -> None:
    minutes = MinuteStore.from_settings(backend)
    bars = [
        MinuteBar(day=DAY, minute=clock(9, 31 + i), sh_yuan=1e9 + i, sz_yuan=2e9, source="t", fetched_at=AT)
        for i in range(3)
    ]
    assert minutes.upsert([*bars, bars[0].model_copy(update={"minute": clock(12, 0)})]) == 3  # lunch is no bar
    assert minutes.upsert([bars[1].model_copy(update={"sh_yuan": 5e9})]) == 1  # replaced
    assert [b.sh_yuan for b in minutes.bars(DAY)] == [1e9, 5e9, 1e9 + 2]
    assert minutes.sessions() == [DAY] and minutes.matrix().cum_total[0, 3] == pytest.approx(1e9 + 5e9 + 1e9 + 2 + 6e9)
    assert set(minutes.stored([DAY])) == {(DAY, b.minute) for b in bars}

    industries = IndustryStore.from_settings(backend)
    bundled = read_bundled()
    assert len(industries.all()) == len(bundled)
    # Byte-wise order of the Chinese names on both backends (PostgreSQL's "C" collation).
    assert [(r.date, r.name) for r in industries.all()] == sorted((r.date, r.name) for r in bundled)
    new = IndustryRow(date=DAY, name="半导体", amount_yuan=4e11, source="t", fetched_at=AT, up_count=3)
    assert industries.upsert([new, IndustryRow(date=DAY, name="x", amount_yuan=-1, source="t", fetched_at=AT)]) == 1
    assert industries.all()[-1] == new

    boards = BoardStore.from_settings(backend)
    assert boards.all() == []
    row = BoardRow(code="BK1036", date=DAY, amount_yuan=3e11, name="半导体", source="t", fetched_at=AT, theme="AI")
    assert boards.upsert([row, row]) == 2  # the same key twice in one write: the last one wins
    assert boards.all() == [row] and boards.last_dates() == {"BK1036": DAY}
    for store in (minutes, industries, boards):
        store.close()


def test_two_replicas_on_one_database_see_each_others_writes(backend: Settings, tmp_path: Path) -> None:
    """Two store objects on one database (two replicas, or `marketbot data update` beside the bot): one
    fetch serves both, and each one's cache is dropped when the other writes."""
    other = backend.model_copy(update={"data_dir": tmp_path / "other"}) if backend.database_url else backend
    first, second = TurnoverStore.from_settings(backend), TurnoverStore.from_settings(other)
    before = second.all()
    first.upsert([_day(DAY)])
    assert _eventually(lambda: second.last_date() == DAY) and second.all() is not before

    minutes_a, minutes_b = MinuteStore.from_settings(backend), MinuteStore.from_settings(other)
    assert minutes_b.sessions() == []
    minutes_a.upsert([MinuteBar(day=DAY, minute=clock(9, 31), sh_yuan=1e9, sz_yuan=2e9, source="t", fetched_at=AT)])
    assert _eventually(lambda: minutes_b.sessions() == [DAY])

    boards_a, boards_b = BoardStore.from_settings(backend), BoardStore.from_settings(other)
    assert boards_b.all() == []
    boards_a.upsert([BoardRow(code="BK1", date=DAY, amount_yuan=1e10, name="b", source="t", fetched_at=AT)])
    assert _eventually(lambda: len(boards_b.all()) == 1)
    for store in (first, second, minutes_a, minutes_b, boards_a, boards_b):
        store.close()


def test_the_facade_reads_what_another_replica_fetched(backend: Settings, tmp_path: Path) -> None:
    """MarketData (the answer path) on one replica picks up a day another replica stored."""
    other = backend.model_copy(update={"data_dir": tmp_path / "other"}) if backend.database_url else backend
    market = MarketData(backend)
    assert market.store.last_date() == read_snapshot()[-1].date
    writer = TurnoverStore.from_settings(other) if backend.database_url else TurnoverStore(tmp_path / "turnover.sqlite")
    writer.upsert([_day(DAY)])
    assert _eventually(lambda: MarketData(backend).store.last_date() == DAY)
    writer.close()


def test_replicas_starting_at_once_on_an_empty_database_seed_once(backend: Settings) -> None:
    """Six stores of each seeded kind opened at the same instant: no error, the bundled history once."""
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []
    opened: list[Any] = []

    def start() -> None:
        barrier.wait()
        try:
            opened.extend([TurnoverStore.from_settings(backend), IndustryStore.from_settings(backend)])
            opened.append(MinuteStore.from_settings(backend))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    daily = next(s for s in opened if isinstance(s, TurnoverStore)).db
    industries = next(s for s in opened if isinstance(s, IndustryStore)).db
    with daily.connect() as conn:
        assert conn.execute(select(func.count()).select_from(daily_turnover)).scalar() == len(read_snapshot())
    with industries.connect() as conn:
        assert conn.execute(select(func.count()).select_from(industry_day)).scalar() == len(read_bundled())
    assert component_versions(daily)["daily"] == 2 and component_versions(industries)["industries"] == 1
    for store in opened:
        store.close()


def test_the_importer_writes_to_the_selected_backend(backend: Settings, tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_text("date,sh_amount_yuan,sz_amount_yuan\n2026-08-03,1.1e12,1.3e12\n2026-08-04,bad,1\n", "utf-8")
    report = import_file(path, load_kind("daily"), backend)
    assert (report.written, report.skipped) == (1, 1)
    again = import_file(path, load_kind("daily"), backend)
    assert (again.written, again.unchanged) == (0, 1)  # idempotent
    reset_shared()
    assert TurnoverStore.from_settings(backend).get(DAY) is not None


def test_sqlite_files_written_before_the_move_open_unchanged(tmp_path: Path) -> None:
    """Files made by the raw-sqlite3 stores (same tables, no schema_version) are read and written as they are."""
    old = {
        "intraday.sqlite": (
            "CREATE TABLE minute_bars (day TEXT NOT NULL, minute TEXT NOT NULL, sh_yuan REAL NOT NULL CHECK "
            "(sh_yuan >= 0), sz_yuan REAL NOT NULL CHECK (sz_yuan >= 0), source TEXT NOT NULL, fetched_at TEXT "
            "NOT NULL, PRIMARY KEY (day, minute));"
            "INSERT INTO minute_bars VALUES ('2026-08-03', '09:31', 1e9, 2e9, 'old', '2026-08-03T01:31:00+00:00');"
        ),
        "boards.sqlite": (
            "CREATE TABLE board_turnover (board_code TEXT NOT NULL, date TEXT NOT NULL, amount_yuan REAL NOT NULL "
            "CHECK (amount_yuan > 0), name TEXT NOT NULL, theme TEXT, source TEXT NOT NULL, fetched_at TEXT NOT "
            "NULL, PRIMARY KEY (board_code, date));"
            "INSERT INTO board_turnover VALUES ('BK1', '2026-08-03', 1e10, 'b', NULL, 'old', '2026-08-03T08:00:00');"
        ),
        "industries.sqlite": (
            "CREATE TABLE industry_day (date TEXT NOT NULL, name TEXT NOT NULL, code TEXT, amount_yuan REAL NOT "
            "NULL CHECK (amount_yuan > 0), up_count INTEGER, down_count INTEGER, total_count INTEGER, change_pct "
            "REAL, source TEXT NOT NULL, fetched_at TEXT NOT NULL, PRIMARY KEY (date, name));"
            "INSERT INTO industry_day VALUES ('2026-08-03', '半导体', NULL, 4e11, 1, 2, 3, 0.5, 'old', "
            "'2026-08-03T08:00:00');"
        ),
    }
    for name, script in old.items():
        with sqlite3.connect(tmp_path / name) as conn:
            conn.executescript(script)
    minutes = MinuteStore.open(tmp_path)
    assert [(b.sh_yuan, b.source) for b in minutes.bars(DAY)] == [(1e9, "old")]
    boards = BoardStore.open(tmp_path)
    assert [r.source for r in boards.all()] == ["old"]
    industries = IndustryStore.open(tmp_path)
    assert [(r.name, r.down_count) for r in industries.all()] == [("半导体", 2)]  # not re-seeded: it has rows
    boards.upsert([BoardRow(code="BK1", date=DAY, amount_yuan=2e10, name="b", source="new", fetched_at=AT)])
    assert [r.amount_yuan for r in BoardStore.open(tmp_path).all()] == [2e10]
    for store in (minutes, boards, industries):
        store.close()


_START = """
import sys, time
from config.settings import Settings
from tools.daily.store import TurnoverStore
from tools.industries.store import IndustryStore
from tools.intraday.store import MinuteStore
from tools.boards.store import BoardStore
settings = Settings(data_dir=sys.argv[1], database_url=sys.argv[2])
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))  # every process starts at the same instant
stores = [kind.from_settings(settings) for kind in (TurnoverStore, IndustryStore, MinuteStore, BoardStore)]
print(len(stores[0].all()), len(stores[1].all()))
"""


def test_replica_processes_starting_at_once_on_an_empty_postgres_seed_once(postgres_url: str, tmp_path: Path) -> None:
    """Three real processes (three replicas) opening every market store on one empty database at once."""
    root = Path(__file__).resolve().parents[2]
    start_at = str(time.time() + 4.0)  # after the interpreters have imported everything
    env = {**os.environ, "PYTHONPATH": str(root)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _START, str(tmp_path / f"r{i}"), postgres_url, start_at],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    expected = f"{len(read_snapshot())} {len(read_bundled())}"
    assert [(p.returncode, out.strip()) for p, (out, _) in zip(processes, outputs, strict=True)] == [
        (0, expected)
    ] * 3, [err[-800:] for _, err in outputs]
    settings = Settings(data_dir=tmp_path, database_url=postgres_url)  # type: ignore[arg-type]
    assert component_versions(TurnoverStore.from_settings(settings).db) == {
        "daily": 2,
        "industries": 1,
        "intraday": 1,
        "boards": 1,
    }
