"""The daily store's index columns: bundled closes, and an older file without the columns upgraded on open."""

from __future__ import annotations

import csv
import gzip
import sqlite3
from datetime import date
from importlib import resources

from tools.daily.store import TurnoverStore, read_snapshot


def _snapshot_lines() -> list[dict[str, str]]:
    blob = resources.files("tools").joinpath("data/turnover_snapshot.csv.gz").read_bytes()
    lines = [line for line in gzip.decompress(blob).decode("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_bundled_history_keeps_its_first_columns_and_carries_both_index_moves():
    lines = _snapshot_lines()
    assert list(lines[0])[:3] == ["date", "sh_yuan", "sz_yuan"]  # other readers take these three first
    by_day = {r["date"]: r for r in lines}
    rows = {r.date: r for r in read_snapshot()}
    day = rows[date(2026, 7, 31)]
    line = by_day["2026-07-31"]
    assert day.sh_yuan == float(line["sh_yuan"]) and day.sz_yuan == float(line["sz_yuan"])
    assert day.sh_close == float(line["sh_close"]) and day.sh_change_pct == float(line["sh_pct"])
    assert day.sz_close == float(line["sz_close"]) and day.sz_change_pct == float(line["sz_pct"])
    assert day.sz_index == "sz399001"
    # The % change is the close against the previous session's close (baostock's pctChg, 4 decimals).
    prev = rows[date(2026, 7, 30)]
    assert abs((day.sh_close / prev.sh_close - 1) * 100 - day.sh_change_pct) < 1e-3  # type: ignore[operator]
    assert sum(1 for r in rows.values() if r.sh_close is None) == 0


def test_a_store_made_before_the_index_columns_gets_them_filled_from_the_bundled_history(tmp_path):
    path = tmp_path / "turnover.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE daily_turnover (date TEXT PRIMARY KEY, sh_yuan REAL NOT NULL, sz_yuan REAL NOT NULL, "
        "bj_yuan REAL, source TEXT NOT NULL, fetched_at TEXT NOT NULL);"
    )
    conn.execute(
        "INSERT INTO daily_turnover VALUES ('2026-07-31', 1.2e12, 1.3e12, NULL, 'import:x.csv', '2026-08-01T00:00:00')"
    )
    conn.commit()
    conn.close()
    store = TurnoverStore(path)
    row = store.get(date(2026, 7, 31))
    bundled = {r.date: r for r in read_snapshot()}[date(2026, 7, 31)]
    assert row is not None and row.sh_yuan == 1.2e12 and row.source == "import:x.csv"  # amounts left alone
    assert row.sh_close == bundled.sh_close and row.sz_change_pct == bundled.sz_change_pct
    # A later write of amounts only keeps the closes.
    store.upsert([row.model_copy(update={"sh_yuan": 1.25e12, "sh_close": None, "sh_change_pct": None})])
    again = store.get(date(2026, 7, 31))
    assert again is not None and again.sh_yuan == 1.25e12 and again.sh_close == bundled.sh_close
    store.close()
