"""Statistics of day-over-day moves (issue 16, set C's gaps): days ranked by their change on the previous
session (单日放量最多), runs of 放量/缩量 days with equally long runs named, days ranked by an index's own move
(最大单日跌幅), the mean turnover of the counted days, and the history cut at the clock's last close. Expected
figures come from the snapshot CSV by plain reference code."""

from __future__ import annotations

import csv
import gzip
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tools.registry import reset_shared
from tools.service import MarketData
from tools.stats.models import CountResult, StatsQuery, StreakResult, TopResult

SH = ZoneInfo("Asia/Shanghai")
SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"


def _rows() -> list[dict[str, str]]:
    text = gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


ROWS = _rows()
DAYS = [date.fromisoformat(r["date"]) for r in ROWS]
TOTAL = {d: float(r["sh_yuan"]) + float(r["sz_yuan"]) for d, r in zip(DAYS, ROWS, strict=True)}
SZ_PCT = {d: float(r["sz_pct"]) for d, r in zip(DAYS, ROWS, strict=True) if r["sz_pct"]}
SH_PCT = {d: float(r["sh_pct"]) for d, r in zip(DAYS, ROWS, strict=True) if r["sh_pct"]}
CHANGE = {DAYS[i]: TOTAL[DAYS[i]] - TOTAL[DAYS[i - 1]] for i in range(1, len(DAYS))}


def in_year(year: int) -> list[date]:
    return [d for d in DAYS if d.year == year]


@pytest.fixture(autouse=True)
def _fresh_shared():
    reset_shared()
    yield
    reset_shared()


def market_at(settings, moment: datetime) -> MarketData:
    return MarketData(settings, clock=lambda: moment)


@pytest.fixture
def market(settings) -> MarketData:
    return market_at(settings, datetime(2026, 7, 31, 16, 0, tzinfo=SH))


def test_days_ranked_by_their_change_on_the_previous_session(market):
    top = market.stats(StatsQuery(measure="top", period="2026", order_by="change", n=3))
    assert isinstance(top, TopResult)
    expected = sorted(in_year(2026), key=lambda d: -CHANGE[d])[:3]
    assert [d.date for d in top.days] == expected
    assert top.days[0].change_yi == pytest.approx(CHANGE[expected[0]] / 1e8, abs=0.051)
    assert top.days[0].value_yi == pytest.approx(TOTAL[expected[0]] / 1e8, abs=0.051)
    bottom = market.stats(StatsQuery(measure="bottom", period="2026-07", order_by="change", n=1))
    july = [d for d in in_year(2026) if d.month == 7]
    assert bottom.days[0].date == min(july, key=lambda d: CHANGE[d])  # the biggest fall (缩量最多)
    assert bottom.days[0].change_yi < 0


def _runs(days: list[date], hit) -> list[list[date]]:
    runs: list[list[date]] = []
    for d in days:
        if hit(d):
            if runs and runs[-1][-1] == DAYS[DAYS.index(d) - 1]:
                runs[-1].append(d)
            else:
                runs.append([d])
    return runs


@pytest.mark.parametrize("move", ["up", "down"])
def test_runs_of_volume_moves_with_the_ties_named(market, move):
    result = market.stats(StatsQuery(measure="streak", period="2026", volume_move=move))
    assert isinstance(result, StreakResult) and result.threshold_yi is None
    runs = _runs(in_year(2026), lambda d: CHANGE[d] > 0 if move == "up" else CHANGE[d] < 0)
    longest = max(len(r) for r in runs)
    tied = [r for r in runs if len(r) == longest]
    assert result.longest is not None and result.longest.sessions == longest
    assert (result.longest.start, result.longest.end) == (tied[0][0], tied[0][-1])
    assert [(t.start, t.end) for t in result.longest_ties] == [(r[0], r[-1]) for r in tied[1:]]


def test_set_c_longest_run_of_rising_days_in_2026_is_two_runs_of_four(market):
    result = market.stats(StatsQuery(measure="streak", period="2026", volume_move="up"))
    assert result.longest is not None and result.longest.sessions == 4
    assert [result.longest.start, *(t.start for t in result.longest_ties)] == [date(2026, 1, 9), date(2026, 6, 16)]


@pytest.mark.parametrize(("order_by", "pct"), [("sz_pct", SZ_PCT), ("sh_pct", SH_PCT)])
def test_days_ranked_by_an_index_move(market, order_by, pct):
    worst = market.stats(StatsQuery(measure="bottom", period="2026", order_by=order_by, n=2))
    expected = sorted((d for d in in_year(2026) if d in pct), key=lambda d: pct[d])[:2]
    assert [d.date for d in worst.days] == expected
    assert worst.days[0].index_change_pct == pytest.approx(pct[expected[0]])
    assert worst.days[0].value_yi == pytest.approx(TOTAL[expected[0]] / 1e8, abs=0.051)  # that day's 两市成交额


def test_a_count_carries_the_mean_of_the_days_it_counted(market):
    up = market.stats(StatsQuery(measure="count", period="2026", index_move="up"))
    assert isinstance(up, CountResult)
    days = [d for d in in_year(2026) if SH_PCT.get(d, 0) > 0]
    assert up.count == len(days)
    assert up.mean_yi == pytest.approx(sum(TOTAL[d] for d in days) / len(days) / 1e8, abs=0.051)
    none = market.stats(StatsQuery(measure="count", period="2026", threshold_yi=10_000_000))
    assert none.count == 0 and none.mean_yi is None


def test_a_session_not_closed_at_the_clock_is_not_in_the_history(settings):
    before_close = market_at(settings, datetime(2026, 7, 31, 14, 20, tzinfo=SH))
    assert before_close.latest_date() == date(2026, 7, 30)  # the 07-31 row is stored, its close has not come
    assert before_close.turnover().date == date(2026, 7, 30)
    after_close = market_at(settings, datetime(2026, 7, 31, 15, 0, tzinfo=SH))
    assert after_close.latest_date() == date(2026, 7, 31)
