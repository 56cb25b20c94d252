"""The industry split on real rows of the bundled THS history; expected figures are computed here from the CSV."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.bundled_industries import rows_by_day
from tests.tools.boards.conftest import write_watchlist
from tests.tools.boards.wire import add_ths
from tests.tools.conftest import make_settings
from tools.boards.service import reset_board_stores
from tools.daily.store import read_snapshot
from tools.errors import NoDataError
from tools.importer import import_file, load_kind
from tools.industries.service import IndustryData, reset_industry_stores
from tools.industries.themes import find_theme, load_themes
from tools.registry import reset_shared
from tools.service import MarketData

ZONE = ZoneInfo("Asia/Shanghai")
JUL30, JUL31 = date(2026, 7, 30), date(2026, 7, 31)
YI = 1e8


CSV = rows_by_day()


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    yield
    reset_shared()
    reset_board_stores()
    reset_industry_stores()


@pytest.fixture
def industries(tmp_path: Path) -> IndustryData:
    return IndustryData(MarketData(make_settings(tmp_path)))


def _change_yuan(name: str, day: date, prev: date) -> float:
    return float(CSV[day][name]["amount_yuan"]) - float(CSV[prev][name]["amount_yuan"])


def test_the_bundled_history_covers_the_turnover_sessions_with_90_industries():
    sessions = [r.date for r in read_snapshot() if date(2025, 7, 25) <= r.date <= JUL31]
    assert sorted(CSV) == sessions and len(sessions) == 247
    assert all(len(day) == 90 for day in CSV.values())


def test_a_day_splits_by_industry_and_the_parts_add_up(industries):
    report = industries.day(JUL31)
    assert report.prev_date == JUL30 and report.industries == 90
    changes = {n: _change_yuan(n, JUL31, JUL30) for n in CSV[JUL31]}
    net = sum(changes.values())
    expected_up = sorted((n for n in changes if changes[n] > 0), key=changes.__getitem__, reverse=True)[:5]
    assert [m.name for m in report.increases] == expected_up
    first = report.increases[0]
    assert first.name == "半导体" and first.change_yi == round(changes["半导体"] / YI, 1) == 393.1
    assert first.share_of_change_pct == round(changes["半导体"] / net * 100, 1)
    assert report.decreases[0].name == min(changes, key=changes.__getitem__) == "白酒"
    assert report.change_yi == round(net / YI, 1)
    total = sum(float(r["amount_yuan"]) for r in CSV[JUL31].values())
    assert report.total_yi == round(total / YI, 1)
    # Every industry's share of the change, summed, is the whole change (to the rounding of 90 parts).
    full = industries.day(JUL31, top_n=90)
    assert abs(sum(m.share_of_change_pct or 0 for m in full.increases + full.decreases) - 100) < 0.1
    # 两市成交额 and its change come from the daily store; the industries run a little above (Beijing).
    market = {r.date: r for r in read_snapshot()}
    assert report.market_change_yi == round((market[JUL31].total_yuan - market[JUL30].total_yuan) / YI, 1) == 1991.4
    assert 1.0 < total / market[JUL31].total_yuan < 1.02
    assert report.breadth is not None and report.breadth.up == sum(int(r["up_count"]) for r in CSV[JUL31].values())
    assert report.breadth.down is None  # the bundled rows have no 下跌家数: not invented


def test_themes_are_sums_of_their_industries(industries):
    ai = find_theme("AI相关行业")
    assert ai is not None and ai.name == "AI" and {"半导体", "软件开发", "IT服务"} <= set(ai.industries)
    report = industries.day(JUL31)
    day = next(t for t in report.themes if t.theme == "AI")
    amount = sum(float(CSV[JUL31][n]["amount_yuan"]) for n in ai.industries)
    total = sum(float(r["amount_yuan"]) for r in CSV[JUL31].values())
    assert day.amount_yi == round(amount / YI, 1) and day.share_of_turnover_pct == round(amount / total * 100, 1)
    change = sum(_change_yuan(n, JUL31, JUL30) for n in ai.industries)
    assert day.change_yi == round(change / YI, 1)
    every = {n for t in load_themes() for n in t.industries}
    assert every <= set(CSV[JUL31])  # every theme industry is a real THS industry name


def test_a_theme_share_over_a_year(industries):
    report = industries.theme_share("AI", sessions=247, end=JUL31)
    ai = find_theme("AI")
    assert ai is not None and report.sessions == 247 and report.start == date(2025, 7, 25)
    shares = []
    for day in sorted(CSV):
        rows = CSV[day]
        shares.append(
            sum(float(rows[n]["amount_yuan"]) for n in ai.industries)
            / sum(float(r["amount_yuan"]) for r in rows.values())
            * 100
        )
    assert report.first_share_pct == round(shares[0], 1) and report.last_share_pct == round(shares[-1], 1)
    assert report.max_day.share_pct == round(max(shares), 1)
    assert report.mean_share_pct == round(sum(shares) / len(shares), 1)


def test_an_industry_record_and_percentile(industries):
    history = industries.history("半导体板块", JUL31)
    series = [(d, float(CSV[d]["半导体"]["amount_yuan"])) for d in sorted(CSV)]
    record_day, record = max(series, key=lambda item: item[1])
    assert history.record_date == record_day and history.record_yi == round(record / YI, 1)
    earlier = [a for d, a in series if d < JUL31]
    today = float(CSV[JUL31]["半导体"]["amount_yuan"])
    assert history.percentile == round(sum(1 for a in earlier if a < today) / len(earlier) * 100, 1)


def test_a_period_leaders(industries):
    report = industries.period(sessions=20, end=JUL31)
    days = sorted(CSV)[-20:]
    sums: dict[str, float] = {}
    for d in days:
        for n, r in CSV[d].items():
            sums[n] = sums.get(n, 0.0) + float(r["amount_yuan"])
    assert [p.name for p in report.leaders] == sorted(sums, key=sums.__getitem__, reverse=True)[:5]
    assert report.leaders[0].total_yi == round(max(sums.values()) / YI, 1)


def test_a_day_with_turnover_but_no_industry_rows_says_so_in_one_line(industries):
    with pytest.raises(NoDataError) as caught:
        industries.day(date(2025, 7, 24))
    message = str(caught.value)
    assert "\n" not in message and message.startswith("2025-07-24 有两市成交额，但没有行业数据")
    first = industries.day(date(2025, 7, 25))  # the first bundled day: no previous session to split against
    assert first.prev_date is None and first.increases == [] and "2025-07-24" in first.notes[0]


def test_import_validates_row_by_row_and_is_idempotent(tmp_path, industries):
    path = tmp_path / "ind.csv"
    path.write_text(
        "date,industry,amount_yuan,ths_code,up_count,down_count,total_count,change_pct\n"
        "2026-08-03,半导体,450000000000,881121,150,40,196,1.5\n"
        "2026-08-03,银行,abc,,,,,\n"
        "2026-08-01,证券,1e11,,,,,\n"
        "2026-08-03,证券,120000000000,,10,60,50,-0.5\n"
        "2026-07-31,半导体,458370000000,,,,,\n",
        encoding="utf-8",
    )
    kind = load_kind("industries")
    report = import_file(path, kind, industries.settings)
    assert report.written == 1 and [p.line for p in report.problems] == [3, 4, 5, 6]
    assert "not a number" in report.problems[0].message and "Saturday" in report.problems[1].message
    assert "exceed total_count" in report.problems[2].message
    assert "bundled history" in report.problems[3].message  # differs from the bundled 2026-07-31 row
    again = import_file(path, kind, industries.settings)
    assert again.written == 0 and again.unchanged == 1
    assert industries.has_day(date(2026, 8, 3))


def test_the_after_close_summary_is_stored_with_rising_and_falling_counts(tmp_path, rsps, router):
    settings = make_settings(tmp_path / "data", boards_watchlist=write_watchlist(tmp_path / "w.json", boards=[]))
    market = MarketData(settings, router=router, clock=lambda: datetime(2026, 8, 3, 16, 0, tzinfo=ZONE))
    add_ths(rsps, [[("半导体", 4500.5, 1.2, 150, 40), ("银行", 800.0, -0.3, 12, 30)]])
    result = market.boards().update()
    assert result.end == date(2026, 8, 3) and result.industries_written == 2
    assert result.requests == 1  # one page, read once; no other request
    industries = IndustryData(market)
    report = industries.day(date(2026, 8, 3))
    assert report.breadth is not None and (report.breadth.up, report.breadth.down) == (162, 70)
    assert report.total_yi == 5300.5 and report.industries == 2
    again = market.boards().update()
    assert again.requests == 0  # stored: not asked again


def test_industry_answers_never_reach_past_the_clock(tmp_path):
    # mid-May: "本月至今" and the latest day are the sessions closed by then, though the rows run to July
    market = MarketData(make_settings(tmp_path), clock=lambda: datetime(2026, 5, 15, 12, 0, tzinfo=ZONE))
    industries = IndustryData(market)
    span = industries.span("小金属", "this_month")
    assert span.end == date(2026, 5, 14) and span.start == date(2026, 5, 6)
    assert industries.day().date == date(2026, 5, 14)
