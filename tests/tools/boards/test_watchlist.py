"""The watchlist is data: the bundled file's shape and promises, and a replacement file from settings."""

from __future__ import annotations

import json

import pytest

from tests.tools.conftest import make_settings
from tools.boards.watchlist import WatchlistError, load_watchlist


def test_bundled_watchlist_has_codes_themes_and_says_how_each_was_checked():
    watchlist = load_watchlist()
    codes = [b.code for b in watchlist.boards]
    assert 25 <= len(codes) <= 40 and len(set(codes)) == len(codes)
    assert all(b.verified for b in watchlist.boards)  # every code says how it was checked
    ai = {b.name for b in watchlist.boards if "AI" in b.themes}
    # compute + chips + large-model apps + AI terminals
    assert {"算力概念", "半导体", "人工智能", "消费电子"} <= ai
    assert {b.kind for b in watchlist.boards} == {"industry", "concept"}
    assert {"数据要素", "AIGC概念"} <= {p.name for p in watchlist.pending}  # asked about, no code: never fetched
    assert {"券商", "银行", "白酒", "新能源", "医药", "军工", "地产", "汽车", "机器人"} <= {
        t for b in watchlist.boards for t in b.themes
    } | {b.name for b in watchlist.boards}


def test_settings_file_replaces_the_bundled_one(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"boards": [{"code": "bk0737", "name": "软件开发", "kind": "industry"}]}), "utf-8")
    watchlist = load_watchlist(make_settings(tmp_path, boards_watchlist=path))
    assert [(b.code, b.name) for b in watchlist.boards] == [("BK0737", "软件开发")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ('{"boards": [{"code": "X1", "name": "a", "kind": "industry"}]}', "not a board code"),
        ('{"boards": [{"code": "BK0001", "name": "a", "kind": "sector"}]}', "kind must be"),
        (
            '{"boards": [{"code": "BK0001", "name": "a", "kind": "industry"}, '
            '{"code": "BK0001", "name": "b", "kind": "concept"}]}',
            "listed twice",
        ),
    ],
)
def test_a_bad_file_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WatchlistError, match=message):
        load_watchlist(make_settings(tmp_path, boards_watchlist=path))
    with pytest.raises(WatchlistError, match="no such file"):
        load_watchlist(make_settings(tmp_path, boards_watchlist=tmp_path / "missing.json"))
