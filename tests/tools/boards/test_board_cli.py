"""``marketbot sectors`` and the boards part of ``marketbot data update``, in-process through bot.cli.main."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import responses

from config.settings import get_settings
from tests.tools.boards.conftest import OCT9, synthetic_rows, write_csv, write_watchlist
from tests.tools.boards.wire import add_board, kline_payload
from tests.tools.conftest import add_history_klines, truncated_store
from tools.registry import reset_shared


@pytest.fixture(autouse=True)
def env(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MARKETBOT_HTTP_RETRIES", "0")
    monkeypatch.setenv("MARKETBOT_BOARDS_WATCHLIST", str(write_watchlist(tmp_path / "watchlist.json")))
    monkeypatch.setenv("MARKETBOT_BOARDS_BACKFILL_DAYS", "5")
    get_settings.cache_clear()
    reset_shared()
    yield data_dir
    get_settings.cache_clear()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from bot.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sectors_text_json_theme_and_chart(capsys, tmp_path):
    code, out, _ = run(
        capsys, "data", "import", "--kind", "boards", str(write_csv(tmp_path / "b.csv", synthetic_rows()))
    )
    assert code == 0 and "新增 7" in out
    code, out, err = run(capsys, "sectors", "--date", "2025-10-09")
    assert code == 0 and err == ""
    assert "1. 半导体 3000.0亿元，较上一交易日 +1000.0亿元（+50.00%），占两市 11.3%" in out
    assert "当日无数据的关注板块：人工智能 (BK0800)" in out and "不能相加" in out
    code, out, _ = run(capsys, "sectors", "--date", "2025-10-09", "--theme", "AI", "--json")
    data = json.loads(out)
    assert data["theme"] == "AI" and [b["code"] for b in data["top"]] == ["BK1036", "BK1134"]
    code, out, _ = run(capsys, "sectors", "--date", "2025-10-09", "--days", "2")
    assert code == 0 and "1. 算力概念 5100.0亿元（日均 2550.0亿元）" in out
    code, _, err = run(capsys, "sectors", "--days", "0")
    assert code == 2 and "sessions must be between" in err
    png = tmp_path / "s.png"
    code, out, _ = run(capsys, "sectors", "--date", "2025-10-09", "--chart", str(png), "--lang", "en")
    assert code == 0 and "Board turnover on 2025-10-09" in out and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = png.read_bytes()
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 675)


def test_sectors_without_board_data_is_one_clear_line(capsys):
    code, _, err = run(capsys, "sectors")
    assert code == 2 and err.count("\n") == 1 and "data import --kind boards" in err
    code, _, err = run(capsys, "sectors", "--date", "2025-10-09", "--theme", "元宇宙")
    assert code == 2 and "unknown theme" in err


def test_data_update_fetches_the_watchlist_beside_the_index(capsys, env):
    truncated_store(env, date(2025, 10, 1)).close()
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        add_history_klines(rsps, date(2025, 10, 9), date(2025, 10, 9))
        for code, name, kind in (
            ("BK1036", "半导体", "industry"),
            ("BK1134", "算力概念", "concept"),
            ("BK0800", "人工智能", "concept"),
            ("BK0475", "银行", "industry"),
        ):
            add_board(rsps, code, kind, json=kline_payload(code, name, [(OCT9, 1e11)]))
        code, out, err = run(capsys, "data", "update", "--to", "2025-10-09")
    assert code == 0, err
    assert "2 次请求" in out and "板块：写入 4 行（4 个板块有新数据" in out and "4 次请求" in out
