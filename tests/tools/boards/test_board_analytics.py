"""Board analytics over rows imported from synthetic CSVs: top boards, movers, shares, themes, history."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.tools.boards.conftest import OCT9, SEP30, YI, synthetic_rows, write_csv
from tools.errors import NoDataError
from tools.importer import import_file, load_kind


def test_day_report_ranks_movers_and_shares(imported):
    report = imported.boards().day(OCT9)
    assert report.date == OCT9 and report.prev_date == SEP30  # the session before the National Day break
    assert [(b.name, b.amount_yi) for b in report.top] == [("半导体", 3000.0), ("算力概念", 2500.0), ("银行", 500.0)]
    chips = report.top[0]
    assert (chips.prev_amount_yi, chips.change_yi, chips.change_pct) == (2000.0, 1000.0, 50.0)
    assert report.market_total_yi == 26532.0  # 两市成交额 of the bundled history that day
    assert chips.share_of_market_pct == round(3000 * YI / (26532.0 * YI) * 100, 2)
    assert [b.code for b in report.gainers] == ["BK1036"]
    assert [(b.code, b.change_yi) for b in report.losers] == [("BK1134", -100.0), ("BK0475", -100.0)]  # tie: larger
    assert report.missing == ["人工智能 (BK0800)"]  # a board missing on a day is said, not filled
    assert "never add up" in report.overlap_note and report.sources == ["import:boards.csv"]


def test_theme_is_its_largest_board_and_says_what_is_missing(imported):
    report = imported.boards().day(OCT9)
    ai = next(t for t in report.themes if t.theme == "AI")
    assert (ai.amount_yi, ai.board_name, ai.method) == (3000.0, "半导体", "largest_board")
    assert ai.boards_with_data == 2 and ai.boards_missing == ["人工智能"]
    only = imported.boards().day(OCT9, theme="AI板块")  # an alias of the theme
    assert only.theme == "AI" and [b.code for b in only.top] == ["BK1036", "BK1134"]
    with pytest.raises(ValueError, match="unknown theme"):
        imported.boards().day(OCT9, theme="元宇宙")


def test_history_record_and_percentile(imported, tmp_path):
    rows = [(f"2025-09-{d:02d}", "BK1036", "半导体", f"{(1000 + d) * YI:.0f}", "") for d in (22, 23, 24, 25, 26, 29)]
    assert import_file(write_csv(tmp_path / "more.csv", rows), load_kind("boards"), imported.settings).ok
    history = imported.boards().history("芯片板块", OCT9)  # by alias
    assert history.code == "BK1036" and history.sessions == 8 and history.is_record
    assert history.percentile == 100.0 and history.record_yi == 3000.0
    earlier = imported.boards().history("BK1036", SEP30)
    assert earlier.percentile == 100.0 and earlier.first_date == date(2025, 9, 22)
    period = imported.boards().period(2, OCT9)
    assert (period.start, period.end, period.sessions) == (SEP30, OCT9, 2)
    compute, chips = period.boards[0], period.boards[1]
    assert (compute.code, compute.total_yi, compute.prev_avg_yi) == ("BK1134", 5100.0, None)  # no earlier rows
    assert (chips.code, chips.total_yi, chips.avg_yi, chips.prev_avg_yi) == ("BK1036", 5000.0, 2500.0, 1027.5)
    assert chips.avg_change_pct == round((2500 - 1027.5) / 1027.5 * 100, 2)


def test_holiday_resolves_and_missing_day_says_so(imported):
    holiday = imported.boards().day(date(2025, 10, 3))
    assert holiday.date == SEP30 and holiday.requested_date == date(2025, 10, 3) and holiday.date_note
    with pytest.raises(NoDataError, match="2025-10-10"):
        imported.boards().day(date(2025, 10, 10))


def test_empty_store_says_how_to_fill_it(market):
    with pytest.raises(NoDataError, match="data import --kind boards"):
        market.boards().day()


def test_json_is_compact_with_units_and_dates(imported):
    data = json.loads(imported.boards().day(OCT9).to_json())
    assert data["unit"] == "亿元" and data["date"] == "2025-10-09" and "as_of" in data
    text = imported.boards().day(OCT9).to_json()
    assert '", "' not in text and '": ' not in text  # no pretty-printing spaces


# --- the import kind -------------------------------------------------------------------------------
def test_import_validates_rows_with_line_numbers_and_is_idempotent(market, tmp_path):
    kind = load_kind("boards")
    bad = synthetic_rows() + [
        ("2025-10-11", "BK1036", "半导体", "1e11", ""),  # a Saturday
        ("2025-10-09", "1036", "半导体", "1e11", ""),  # not a BK code
        ("2025-10-09", "BK0917", "", "1e11", ""),  # no name
        ("2025-10-09", "BK0917", "半导体概念", "-5", ""),  # negative
        ("2025-10-09", "BK1036", "半导体", "2e11", ""),  # repeats line 5 with another amount
    ]
    path = write_csv(tmp_path / "b.csv", bad)
    report = import_file(path, kind, market.settings)
    assert report.written == 7 and [p.line for p in report.problems] == [9, 10, 11, 12, 13]
    assert "Saturday" in report.problems[0].message and "BK1036" in report.problems[1].message
    assert "repeats line" in report.problems[4].message
    again = import_file(path, kind, market.settings)
    assert again.written == 0 and again.unchanged == 7
    changed = write_csv(tmp_path / "c.csv", [("2025-10-09", "BK1036", "半导体", f"{3100 * YI:.0f}", "")])
    conflict = import_file(changed, kind, market.settings)
    assert conflict.written == 0 and "use --replace" in conflict.problems[0].message
    assert market.boards().day(OCT9).top[0].amount_yi == 3000.0
    replaced = import_file(changed, kind, market.settings, replace=True)
    assert replaced.replaced == 1 and market.boards().day(OCT9).top[0].amount_yi == 3100.0


def test_import_theme_column_and_header_without_theme(market, tmp_path):
    kind = load_kind("boards")
    rows = [("2025-10-09", "BK0737", "软件开发", f"{900 * YI:.0f}", "AI")]
    assert import_file(write_csv(tmp_path / "t.csv", rows), kind, market.settings).ok
    plain = write_csv(
        tmp_path / "p.csv",
        [("2025-10-09", "BK1036", "半导体", f"{3000 * YI:.0f}")],
        "date,board_code,board_name,amount_yuan",
    )
    assert import_file(plain, kind, market.settings).ok
    ai = next(t for t in market.boards().day(OCT9).themes if t.theme == "AI")
    assert ai.boards_with_data == 2 and ai.board_name == "半导体"  # the imported theme member counts
