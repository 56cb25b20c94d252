"""``marketbot data import`` (daily kind): the real importer and store, in-process through bot.cli.main.

A live row is put in the store the way production does it: ``MarketData.update`` through the real
SourceRouter and akshare's parser, with Eastmoney's kline answer intercepted at HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import responses

from config.settings import get_settings
from tests.tools.conftest import add_history_klines, truncated_store
from tools.daily.store import TurnoverStore
from tools.importer import ImportFileError, import_file, load_kind
from tools.registry import reset_shared
from tools.service import MarketData

HEADER = "date,sh_amount_yuan,sz_amount_yuan"
GOOD = [
    "2026-08-03,1.10e12,1.50e12",
    "2026-08-04,1123456789012.5,1456789012345",
    "2026-08-05,1.2e12,1.6e12",
]


@pytest.fixture(autouse=True)
def data_dir(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(path))
    get_settings.cache_clear()
    reset_shared()
    yield path
    get_settings.cache_clear()
    reset_shared()


def write(tmp_path: Path, name: str, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from bot.cli import main

    code = main(["data", "import", *argv])
    out, err = capsys.readouterr()
    reset_shared()  # the next reader opens the store file afresh
    return code, out, err


def stored(data_dir: Path, day: date):
    store = TurnoverStore.open(data_dir)
    try:
        return store.get(day)
    finally:
        store.close()


def test_good_file_lands_with_its_source(capsys, tmp_path, data_dir):
    code, out, err = run(capsys, str(write(tmp_path, "vendor.csv", *GOOD)))
    assert (code, err) == (0, "")
    assert out.strip() == "vendor.csv（daily）：读取 3 行，新增 3，替换 0，未变 0，文件内重复 0，跳过 0"
    row = stored(data_dir, date(2026, 8, 4))
    assert row and row.source == "import:vendor.csv"
    assert (row.sh_yuan, row.sz_yuan) == (1123456789012.5, 1456789012345.0)
    report = MarketData(get_settings()).turnover(date(2026, 8, 4))
    assert report.total_yi == round((1123456789012.5 + 1456789012345) / 1e8, 1) and report.source == row.source
    assert report.prev_date == date(2026, 8, 3)


def test_bad_lines_are_reported_with_line_numbers_and_the_good_ones_land(capsys, tmp_path, data_dir):
    lines = [
        "2026-08-03,1.1e12,1.5e12",  # 2 good
        "2026-13-01,1e12,1e12",  # 3 bad date
        "2026-08-04,-5,1e12",  # 4 negative
        "2026-08-05,1e12,lots",  # 5 not a number
        "2026-08-08,1e12,1e12",  # 6 a Saturday
        "2026-08-06,1e12",  # 7 a field missing
        "",  # 8 blank: ignored, but the numbering goes on
        "2026-08-03,1.1e12,1.5e12",  # 9 the same as line 2: a harmless repeat
        "2026-08-03,1.2e12,1.5e12",  # 10 disagrees with line 2
        "2026-10-01,1e12,1e12",  # 11 National Day
        "2099-01-05,1e12,1e12",  # 12 the future
        "2026-08-07,12168.9,14363.1",  # 13 亿元 in a 元 column
        "2026-08-10,1.3e12,1.7e12",  # 14 good
    ]
    code, out, err = run(capsys, "--json", str(write(tmp_path, "mixed.csv", *lines)))
    assert code == 1 and err == ""
    data = json.loads(out)
    assert (data["read"], data["written"], data["duplicates"], data["skipped"]) == (12, 2, 1, 9)
    problems = {p["line"]: p["message"] for p in data["problems"]}
    assert sorted(problems) == [3, 4, 5, 6, 7, 10, 11, 12, 13]
    assert "not a date" in problems[3] and "positive" in problems[4] and "not a number" in problems[5]
    assert "Saturday" in problems[6] and "2 fields" in problems[7] and "line 2" in problems[10]
    assert "国庆节" in problems[11] and "future" in problems[12] and "元" in problems[13]
    first = stored(data_dir, date(2026, 8, 3))
    assert first is not None and first.sh_yuan == 1.1e12
    assert stored(data_dir, date(2026, 8, 10)) is not None and stored(data_dir, date(2026, 8, 4)) is None


def test_reimport_is_idempotent(capsys, tmp_path, data_dir):
    path = write(tmp_path, "vendor.csv", *GOOD)
    assert run(capsys, str(path))[0] == 0
    before = TurnoverStore.open(data_dir)
    count, rows = len(before.all()), {r.date: r for r in before.all()}
    before.close()
    code, out, _ = run(capsys, "--json", str(path))
    data = json.loads(out)
    assert code == 0 and (data["written"], data["unchanged"], data["replaced"]) == (0, 3, 0)
    after = TurnoverStore.open(data_dir)
    assert len(after.all()) == count and {r.date: r for r in after.all()} == rows
    after.close()
    # The bundled history's own figures (within half a 元) are unchanged too, not conflicts.
    day = MarketData(get_settings()).store.get(date(2025, 10, 9))
    assert day is not None
    reset_shared()
    same = write(tmp_path, "same.csv", f"2025-10-09,{day.sh_yuan:.2f},{day.sz_yuan:.2f}")
    assert json.loads(run(capsys, "--json", str(same))[1])["unchanged"] == 1


def _live_row(data_dir: Path) -> None:
    """2025-10-09 stored from Eastmoney by a real update over a store that ended the session before."""
    truncated_store(data_dir, date(2025, 9, 30)).close()
    reset_shared()
    moment = datetime(2025, 10, 9, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with responses.RequestsMock() as rsps:
        add_history_klines(rsps, date(2025, 10, 9), date(2025, 10, 9))
        result = MarketData(get_settings(), clock=lambda: moment).update(end=date(2025, 10, 9))
    assert result.written == 1
    reset_shared()


def test_a_conflict_with_a_live_row_is_skipped_unless_replace(capsys, tmp_path, data_dir):
    _live_row(data_dir)
    live = stored(data_dir, date(2025, 10, 9))
    assert live is not None and live.source.startswith("eastmoney:")
    path = write(tmp_path, "other.csv", "2025-10-09,1.0e12,1.0e12")
    code, out, _ = run(capsys, "--lang", "en", str(path))
    assert code == 1
    assert "other.csv (daily): 1 rows read, 0 new, 0 replaced, 0 unchanged, 0 repeated, 1 skipped" in out
    assert "line 2: 2025-10-09 is stored from a live source (eastmoney:" in out and "--replace" in out
    assert stored(data_dir, date(2025, 10, 9)) == live  # kept
    code, out, _ = run(capsys, "--json", "--replace", str(path))
    assert code == 0 and json.loads(out)["replaced"] == 1
    row = stored(data_dir, date(2025, 10, 9))
    assert row and (row.sh_yuan, row.source) == (1.0e12, "import:other.csv")


def test_header_variants_extra_columns_and_bom(capsys, tmp_path, data_dir):
    path = tmp_path / "excel.csv"
    text = "\ufeffDate, SZ_Amount_Yuan ,note,sh_amount_yuan\r\n2026-08-03,1.5e12,节后放量,1.1e12\r\n"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--json", str(path))
    assert code == 0 and json.loads(out)["written"] == 1
    row = stored(data_dir, date(2026, 8, 3))
    assert row and (row.sh_yuan, row.sz_yuan) == (1.1e12, 1.5e12)


def _raw(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing.csv", "no such file"),
        (lambda p: p, "not a file"),
        (lambda p: _raw(p, "empty.csv", b""), "empty file"),
        (lambda p: _raw(p, "u16.csv", HEADER.encode("utf-16")), "not UTF-8"),
        (lambda p: write(p, "short.csv", "2026-08-03,1e12", header="date,sh_amount_yuan"), "lacks sz_amount_yuan"),
    ],
)
def test_whole_file_problems_are_one_line_exit_2(capsys, tmp_path, make, words):
    path = make(tmp_path)
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == "" and words in err and err.count("\n") == 1 and "Traceback" not in err


def test_unknown_kind_and_the_api(capsys, tmp_path):
    code, _, err = run(capsys, "--kind", "weekly", str(write(tmp_path, "a.csv", *GOOD)))
    assert code == 2 and "unknown kind 'weekly'" in err
    with pytest.raises(ImportFileError):
        import_file(tmp_path / "nope.csv", load_kind("daily"), get_settings())
