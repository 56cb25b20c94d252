"""``marketbot turnover | data update | chart`` run in-process through bot.cli.main, plus one real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import responses

from config.settings import get_settings
from tests.tools.conftest import KLINE_URL, SSE_URL, add_history_klines, truncated_store
from tools.registry import reset_shared

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def env(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MARKETBOT_HTTP_RETRIES", "0")
    monkeypatch.setenv("MARKETBOT_HTTP_BACKOFF_S", "0")
    # No watchlist boards: these tests count the index requests of 'data update' (boards: tests/tools/boards).
    (tmp_path / "no_boards.json").write_text('{"boards": []}', encoding="utf-8")
    monkeypatch.setenv("MARKETBOT_BOARDS_WATCHLIST", str(tmp_path / "no_boards.json"))
    get_settings.cache_clear()
    reset_shared()
    yield data_dir
    get_settings.cache_clear()
    reset_shared()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from bot.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_turnover_for_a_known_day(capsys):
    code, out, err = run(capsys, "turnover", "--date", "2025-10-09")
    assert code == 0 and err == ""
    assert "沪深两市成交额 2025-10-09（周四）：26532.0亿元（2.65万亿元）" in out
    assert "沪市 12168.9亿元" in out and "深市 14363.1亿元" in out
    assert "较上一交易日 2025-09-30（21814.2亿元）：+4717.9亿元（+21.63%）" in out
    assert "突破2.5万亿：为 2025-09-18 以来首次（间隔9个交易日）" in out
    assert "历史最高（截至当日）：34519.4亿元（2024-10-08）" in out


def test_turnover_json_and_english(capsys):
    code, out, _ = run(capsys, "turnover", "--date", "2024-10-08", "--json")
    data = json.loads(out)
    assert code == 0 and data["total_yi"] == 34519.4 and data["record"]["is_record"] is True
    assert data["unit"] == "亿元" and data["change_yi"] == 8589.0
    code, out, _ = run(capsys, "turnover", "--date", "2024-10-08", "--lang", "en")
    assert code == 0 and "Shanghai + Shenzhen turnover on 2024-10-08" in out and "A new all-time high" in out


def test_latest_is_default_and_says_how_fresh(capsys):
    code, out, _ = run(capsys, "turnover")
    assert code == 0 and "2026-07-31" in out
    assert "数据截至 2026-07-31（内置历史快照）" in out


def test_holiday_gets_a_note_and_the_previous_session(capsys):
    code, out, _ = run(capsys, "turnover", "--date", "2025-10-01")
    first = out.splitlines()[0]
    assert code == 0 and "国庆" in first and "2025-09-30" in first
    assert "沪深两市成交额 2025-09-30" in out


def test_range_view(capsys):
    code, out, _ = run(capsys, "turnover", "--date", "2025-10-09", "--days", "5")
    assert code == 0 and "2025-09-25 至 2025-10-09，共5个交易日" in out
    assert sum(1 for line in out.splitlines() if line.strip().startswith("2025-")) == 5
    assert "+4717.9" in out and "均值 23028.1亿元" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["turnover", "--date", "2025-13-01"], "YYYY-MM-DD"),
        (["turnover", "--date", "yesterday"], "YYYY-MM-DD"),
        (["turnover", "--date", "2999-01-01"], "未来"),
        (["turnover", "--date", "1990-12-31"], "1991-04-03"),
        (["turnover", "--date", "2026-08-03"], "marketbot data update"),
        (["chart", "--date", "2999-01-01"], "未来"),
        (["data", "update", "--to", "2999-01-01"], "未来"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("marketbot: ") and words in err
    assert "Traceback" not in err


def test_chart_writes_a_png_of_the_asked_size(capsys, tmp_path):
    out_path = tmp_path / "t.png"
    code, out, _ = run(
        capsys,
        "chart",
        "--days",
        "30",
        "--date",
        "2025-10-09",
        "-o",
        str(out_path),
        "--width",
        "800",
        "--height",
        "450",
    )
    png = out_path.read_bytes()
    assert code == 0 and str(out_path) in out
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (800, 450)


def test_data_update_prints_what_it_fetched(capsys, env):
    truncated_store(env, date(2026, 7, 24)).close()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        add_history_klines(rsps, date(2026, 7, 27), date(2026, 7, 31))
        code, out, err = run(capsys, "data", "update", "--to", "2026-07-31")
    assert code == 0 and err == ""
    assert "已更新 2026-07-27 至 2026-07-31：写入 5 个交易日" in out and "2 次请求" in out
    code, out, _ = run(capsys, "turnover", "--date", "2026-07-31", "--json")
    assert json.loads(out)["source"] == "eastmoney:sh000001+sz399106"


def test_data_update_already_current_and_failing(capsys, env):
    code, out, _ = run(capsys, "data", "update", "--to", "2026-07-31")
    assert code == 0 and out.strip() == "本地数据已是最新（截至 2026-07-31）"
    reset_shared()
    truncated_store(env, date(2026, 7, 24)).close()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.GET, KLINE_URL, status=502)
        rsps.add(responses.GET, SSE_URL, status=503)
        code, out, err = run(capsys, "data", "update", "--to", "2026-07-31")
    assert code == 1 and "未能更新" in err and "502" in err and "Traceback" not in err


def test_console_entry_as_a_real_process(env, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "turnover", "--date", "2025-10-09"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr
    assert "26532.0亿元" in proc.stdout and "12168.9" in proc.stdout and "14363.1" in proc.stdout
