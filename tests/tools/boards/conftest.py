"""Fixtures of the board tests: a small watchlist file, settings on tmp dirs, a pinned clock, CSV helpers.

Every figure here is synthetic (round numbers of 亿元) and consistent from day to day.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.settings import Settings
from tests.tools.conftest import make_settings
from tools.boards.service import reset_board_stores
from tools.registry import reset_shared
from tools.service import MarketData

ZONE = ZoneInfo("Asia/Shanghai")
AFTER_CLOSE = datetime(2025, 10, 10, 16, 0, tzinfo=ZONE)  # a Friday session, closed
YI = 1e8

BOARDS = [
    {"code": "BK1036", "name": "半导体", "kind": "industry", "themes": ["AI", "芯片"], "aliases": ["芯片板块"]},
    {"code": "BK1134", "name": "算力概念", "kind": "concept", "themes": ["AI"], "aliases": ["算力", "AI算力"]},
    {"code": "BK0800", "name": "人工智能", "kind": "concept", "themes": ["AI"], "aliases": []},
    {"code": "BK0475", "name": "银行", "kind": "industry", "themes": ["金融"], "aliases": []},
]
THEMES = {"AI": {"aliases": ["AI", "AI板块"]}, "芯片": {"aliases": ["芯片"]}, "金融": {"aliases": []}}


def write_watchlist(path: Path, boards: list[dict] | None = None) -> Path:
    doc = {"boards": BOARDS if boards is None else boards, "themes": THEMES, "pending": [{"name": "数据要素"}]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[tuple], header: str = "date,board_code,board_name,amount_yuan,theme") -> Path:
    lines = [header] + [",".join("" if v is None else str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Two sessions around the National Day break (2025-09-30 and 2025-10-09), 亿元; BK0800 has no row on 10-09.
SEP30 = date(2025, 9, 30)
OCT9 = date(2025, 10, 9)
DAYS = {
    SEP30: {"BK1036": 2000, "BK1134": 2600, "BK0800": 1500, "BK0475": 600},
    OCT9: {"BK1036": 3000, "BK1134": 2500, "BK0475": 500},
}
NAMES = {b["code"]: b["name"] for b in BOARDS}


def synthetic_rows(days: dict[date, dict[str, float]] = DAYS) -> list[tuple]:
    return [
        (day.isoformat(), code, NAMES[code], f"{amount * YI:.0f}", "")
        for day, amounts in days.items()
        for code, amount in amounts.items()
    ]


@pytest.fixture(autouse=True)
def _fresh_stores() -> Iterator[None]:
    yield
    reset_shared()
    reset_board_stores()


@pytest.fixture
def board_settings(tmp_path: Path) -> Settings:
    watchlist = write_watchlist(tmp_path / "watchlist.json")
    return make_settings(tmp_path / "data", boards_watchlist=watchlist, boards_backfill_days=10)


@pytest.fixture
def market(board_settings: Settings, router) -> MarketData:  # noqa: ANN001 - router from tests.tools.conftest
    return MarketData(board_settings, router=router, clock=lambda: AFTER_CLOSE)


@pytest.fixture
def imported(market: MarketData, tmp_path: Path) -> MarketData:
    """The market with the synthetic board days imported through the CSV importer."""
    from tools.importer import import_file, load_kind

    report = import_file(write_csv(tmp_path / "boards.csv", synthetic_rows()), load_kind("boards"), market.settings)
    assert report.ok and report.written == 7
    return market
