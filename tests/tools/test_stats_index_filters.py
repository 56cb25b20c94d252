"""Statistics of the index itself (issue 16, set J's gaps): sessions picked by the size of an index's move or by
its level, counted with their mean turnover, the highest and lowest closes, and the busiest session among those
picked. Expected figures come from the snapshot CSV by plain reference code."""

from __future__ import annotations

import csv
import gzip
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tools.errors import InvalidQueryError
from tools.registry import reset_shared
from tools.service import MarketData
from tools.stats.models import CountResult, StatsQuery, TopResult

SH = ZoneInfo("Asia/Shanghai")
SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"
_TEXT = gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8")
ROWS = list(csv.DictReader(line for line in _TEXT.splitlines() if line and not line.startswith("#")))
YEAR = [r for r in ROWS if r["date"].startswith("2026")]


def total(row: dict[str, str]) -> float:
    return float(row["sh_yuan"]) + float(row["sz_yuan"])


@pytest.fixture(autouse=True)
def _fresh_shared():
    reset_shared()
    yield
    reset_shared()


@pytest.fixture
def market(settings) -> MarketData:
    return MarketData(settings, clock=lambda: datetime(2026, 8, 3, 9, 0, tzinfo=SH))


def test_sessions_by_the_size_of_a_move_are_counted_with_their_mean_turnover(market):
    result = market.stats(StatsQuery(measure="count", period="2026", index_pct_below=-1.5))
    picked = [r for r in YEAR if r["sh_pct"] and float(r["sh_pct"]) < -1.5]
    assert isinstance(result, CountResult) and result.count == len(picked) > 0
    assert result.mean_yi == pytest.approx(sum(map(total, picked)) / len(picked) / 1e8, abs=0.051)
    assert result.last_day is not None and result.last_day.date == date.fromisoformat(picked[-1]["date"])
    assert result.index_filter == "sh_pct<-1.5"


def test_the_shenzhen_index_and_a_rise_are_read_from_their_own_column(market):
    result = market.stats(StatsQuery(measure="count", period="2026", index="sz", index_pct_above=3))
    expected = sum(1 for r in YEAR if r["sz_pct"] and float(r["sz_pct"]) > 3)
    assert result.count == expected  # type: ignore[union-attr]
    sh_count = sum(1 for r in YEAR if r["sh_pct"] and float(r["sh_pct"]) > 3)
    assert expected != sh_count  # the two columns differ, so the test tells them apart


def test_sessions_by_the_index_level(market):
    result = market.stats(StatsQuery(measure="count", period="2026", index_close_above=4000))
    assert result.count == sum(1 for r in YEAR if float(r["sh_close"]) >= 4000)  # type: ignore[union-attr]
    below = market.stats(StatsQuery(measure="count", period="2026", index_close_below=4000))
    assert result.count + below.count == len(YEAR)  # type: ignore[union-attr]


def test_the_highest_and_lowest_close_with_that_days_turnover(market):
    high = market.stats(StatsQuery(measure="top", period="2026", order_by="sh_close", n=1))
    best = max(YEAR, key=lambda r: float(r["sh_close"]))
    assert isinstance(high, TopResult) and high.days[0].date == date.fromisoformat(best["date"])
    assert high.days[0].index_close == pytest.approx(float(best["sh_close"]), abs=1e-6)
    assert high.days[0].value_yi == pytest.approx(total(best) / 1e8, abs=0.051)
    low = market.stats(StatsQuery(measure="bottom", period="2026", order_by="sz_close", n=1))
    worst = min(YEAR, key=lambda r: float(r["sz_close"]))
    assert low.days[0].date == date.fromisoformat(worst["date"])  # type: ignore[union-attr]


def test_the_busiest_session_among_those_the_index_picks(market):
    result = market.stats(StatsQuery(measure="top", period="2026", index_pct_above=1, n=1))
    picked = [r for r in YEAR if r["sh_pct"] and float(r["sh_pct"]) > 1]
    assert result.days[0].date == date.fromisoformat(max(picked, key=total)["date"])  # type: ignore[union-attr]
    overall = market.stats(StatsQuery(measure="top", period="2026", n=1))
    assert overall.days[0].date != result.days[0].date  # type: ignore[union-attr]  # the filter changed the answer


def test_an_index_condition_on_a_measure_that_cannot_take_it_is_refused(market):
    with pytest.raises(InvalidQueryError):
        market.stats(StatsQuery(measure="summary", period="2026", index_pct_above=2))
