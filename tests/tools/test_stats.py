"""MarketData.stats on the bundled history: every expected figure is computed here from the snapshot file by
plain reference code (not by tools.stats.compute), with a fixed clock."""

from __future__ import annotations

import csv
import gzip
import json
import statistics
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter

from tools.errors import InvalidDateError, InvalidQueryError, NoDataError
from tools.registry import reset_shared
from tools.service import MarketData
from tools.stats.models import (
    CompareResult,
    CountResult,
    FirstLastResult,
    RankResult,
    StatsQuery,
    StatsResult,
    StreakResult,
    SummaryResult,
    TopResult,
)

SH = ZoneInfo("Asia/Shanghai")
SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"


def _reference() -> dict[date, tuple[float, float]]:
    text = gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {date.fromisoformat(r["date"]): (float(r["sh_yuan"]), float(r["sz_yuan"])) for r in csv.DictReader(lines)}


REF = _reference()
DAYS = sorted(REF)


def total(d: date) -> float:
    return REF[d][0] + REF[d][1]


def between(start: date, end: date) -> list[date]:
    return [d for d in DAYS if start <= d <= end]


def yi(yuan: float) -> float:
    return round(yuan / 1e8, 1)


def at(year: int, month: int, day: int, hour: int, minute: int) -> Callable[[], datetime]:
    moment = datetime(year, month, day, hour, minute, tzinfo=SH)
    return lambda: moment


@pytest.fixture(autouse=True)
def _fresh_shared():
    reset_shared()
    yield
    reset_shared()


@pytest.fixture
def market(settings) -> MarketData:
    return MarketData(settings, clock=at(2026, 7, 31, 16, 0))  # the day the snapshot ends, after the close


def stats(market: MarketData, **kwargs: object):
    return market.stats(StatsQuery(**kwargs))  # type: ignore[arg-type]


def test_reference_matches_the_store_sessions(market):
    assert len(REF) == 8606 and DAYS[0] == date(1991, 4, 3) and DAYS[-1] == date(2026, 7, 31)
    assert market._series().dates == tuple(DAYS)


def test_summary_of_june_2015(market):
    june = between(date(2015, 6, 1), date(2015, 6, 30))
    values = [total(d) for d in june]
    best, worst = max(june, key=total), min(june, key=total)
    r = stats(market, measure="summary", period="2015-06")
    assert isinstance(r, SummaryResult) and r.unit == "亿元" and r.part == "total"
    assert (r.max_day.date, r.max_day.value_yi) == (best, yi(total(best)))
    assert (r.min_day.date, r.min_day.value_yi) == (worst, yi(total(worst)))
    assert r.sum_yi == yi(sum(values)) and r.mean_yi == yi(sum(values) / len(values))
    assert r.median_yi == yi(statistics.median(values))
    p = r.period
    assert (p.kind, p.start, p.end, p.first_session, p.last_session) == (
        "month",
        date(2015, 6, 1),
        date(2015, 6, 30),
        june[0],
        june[-1],
    )
    assert p.sessions == len(june) == p.expected_sessions and not p.partial and p.label == "2015年6月"


def test_yearly_sum_of_2024_and_the_parts(market):
    days = between(date(2024, 1, 1), date(2024, 12, 31))
    assert stats(market, period="2024").sum_yi == yi(sum(total(d) for d in days))
    assert stats(market, period="2024", part="sh").sum_yi == yi(sum(REF[d][0] for d in days))
    sz = stats(market, period="2024", part="sz")
    assert sz.part == "sz" and sz.sum_yi == yi(sum(REF[d][1] for d in days))


def test_count_of_days_at_or_above_one_trillion_in_2025(market):
    days = between(date(2025, 1, 1), date(2025, 12, 31))
    hits = [d for d in days if total(d) >= 1e12]
    r = stats(market, measure="count", period="2025", threshold_yi=10000)
    assert isinstance(r, CountResult)
    assert (r.count, r.share_pct) == (len(hits), round(len(hits) / len(days) * 100, 2))
    assert r.first_day and r.first_day.date == hits[0] and r.last_day and r.last_day.date == hits[-1]
    below = stats(market, measure="count", period="2025", threshold_yi=10000, direction="below")
    assert below.count == len(days) - len(hits)


def test_first_day_ever_and_first_last_since(market):
    first = next(d for d in DAYS if total(d) >= 2e12)
    r = stats(market, measure="first", threshold_yi=20000)
    assert isinstance(r, FirstLastResult) and r.day and r.day.date == first
    assert r.count == sum(1 for d in DAYS if total(d) >= 2e12)
    since = date(2024, 1, 1)
    after = [d for d in DAYS if d >= since and total(d) >= 2.5e12]
    r = stats(market, measure="first", threshold_yi=25000, since=since)
    assert r.day and r.day.date == after[0] and r.since == since
    assert stats(market, measure="last", threshold_yi=25000, since=since).day.date == after[-1]
    none = stats(market, measure="first", threshold_yi=100000)
    assert none.day is None and none.count == 0


def test_rank_of_2024_10_08_in_history_and_in_its_year(market):
    day = date(2024, 10, 8)
    higher = [d for d in DAYS if total(d) > total(day)]
    r = stats(market, measure="rank", date=day)
    assert isinstance(r, RankResult)
    assert (r.rank, r.out_of) == (len(higher) + 1, len(DAYS))
    assert r.rank_from_bottom == sum(1 for d in DAYS if total(d) < total(day)) + 1
    nearest = sorted(higher, key=total)[:5]
    assert [h.date for h in r.higher_days] == nearest
    in_year = stats(market, measure="rank", period="2024", date=day)
    assert in_year.rank == 1 and in_year.higher_days == []
    latest = stats(market, measure="rank", period="2026-07")  # no date: the period's last session
    assert latest.day.date == date(2026, 7, 31)


def test_top_and_bottom_days(market):
    days = between(date(2026, 1, 1), date(2026, 12, 31))
    r = stats(market, measure="top", period="2026", part="sh", n=3)
    assert isinstance(r, TopResult) and [d.date for d in r.days] == sorted(days, key=lambda d: -REF[d][0])[:3]
    last20 = DAYS[-20:]
    low = stats(market, measure="bottom", period="last:20", n=5)
    assert low.measure == "bottom" and [d.date for d in low.days] == sorted(last20, key=total)[:5]
    assert low.period.first_session == last20[0] and low.period.sessions == 20


def _runs(days: list[date], hit: Callable[[date], bool]) -> list[list[date]]:
    runs: list[list[date]] = []
    current: list[date] = []
    for d in days:
        if hit(d):
            current.append(d)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def test_longest_and_current_streak(market):
    runs = _runs(DAYS, lambda d: total(d) >= 1e12)
    longest = max(runs, key=len)  # max() keeps the earliest of equally long runs
    r = stats(market, measure="streak", threshold_yi=10000)
    assert isinstance(r, StreakResult) and r.longest
    assert (r.longest.start, r.longest.end, r.longest.sessions) == (longest[0], longest[-1], len(longest))
    assert r.current and r.current.end == DAYS[-1] and r.current.start == runs[-1][0]
    below = _runs(between(date(2024, 1, 1), date(2024, 12, 31)), lambda d: total(d) < 8e11)
    r = stats(market, measure="streak", period="2024", threshold_yi=8000, direction="below")
    assert r.longest and r.longest.sessions == max(len(x) for x in below)
    assert r.current is None  # 2024 ended far above 8000亿


def test_this_week_against_last_week_with_a_fixed_clock(settings):
    market = MarketData(settings, clock=at(2026, 7, 29, 16, 0))  # a Wednesday, after the close
    this_week = between(date(2026, 7, 27), date(2026, 7, 29))
    last_week = between(date(2026, 7, 20), date(2026, 7, 26))
    r = stats(market, measure="compare", period="this_week")
    assert isinstance(r, CompareResult)
    a_sum, b_sum = sum(map(total, this_week)), sum(map(total, last_week))
    assert (r.a.sum_yi, r.b.sum_yi, r.sum_diff_yi) == (yi(a_sum), yi(b_sum), yi(a_sum - b_sum))
    a_mean, b_mean = a_sum / len(this_week), b_sum / len(last_week)
    assert r.mean_diff_yi == yi(a_mean - b_mean) and r.mean_diff_pct == round((a_mean - b_mean) / b_mean * 100, 2)
    assert r.a.period.partial and r.a.period.sessions == 3 and r.a.period.expected_sessions == 5
    assert not r.b.period.partial and r.b.period.spec == "2026-W30"
    assert any("交易日数不同" in n for n in r.notes) and any("尚未结束" in n for n in r.notes)


def test_compare_defaults_to_the_period_before(market):
    day = stats(market, measure="compare", period="2025-10-09")
    assert day.b.period.spec == "2025-09-30"  # the session before, across the holiday
    assert day.sum_diff_yi == yi(total(date(2025, 10, 9)) - total(date(2025, 9, 30))) == 4717.9
    month = stats(market, measure="compare", period="2025-03")
    assert month.b.period.spec == "2025-02"
    mar, feb = (statistics.median(map(total, between(date(2025, m, 1), date(2025, m, 28 if m == 2 else 31))))
                for m in (3, 2))  # fmt: skip
    assert month.a.median_yi == yi(mar) and month.median_diff_yi == yi(mar - feb)
    year = stats(market, measure="compare", period="2025", compare_to="2024")
    y25, y24 = between(date(2025, 1, 1), date(2025, 12, 31)), between(date(2024, 1, 1), date(2024, 12, 31))
    assert year.sum_diff_pct == round((sum(map(total, y25)) - sum(map(total, y24))) / sum(map(total, y24)) * 100, 2)
    window = stats(market, measure="compare", period="last:5")
    assert window.b.period.last_session == DAYS[-6] and window.b.period.sessions == 5
    before = stats(market, measure="summary", period="last:5+5")  # the 5 sessions before the last 5
    assert before.period.first_session == DAYS[-10] and before.period.last_session == DAYS[-6]
    assert before.sum_yi == window.b.sum_yi
    with pytest.raises(InvalidQueryError):
        stats(market, measure="compare", period="all")


def test_partial_periods_say_why(settings):
    late = MarketData(settings, clock=at(2026, 11, 29, 12, 0))  # the data end on 2026-07-31
    year = stats(late, period="2026")
    assert year.period.partial and "本地数据截至2026-07-31" in (year.period.note or "")
    assert year.stale and year.freshness_note and year.latest_date == date(2026, 7, 31)
    old = stats(late, period="2015")
    assert not old.period.partial and not old.stale and old.freshness_note is None
    july = stats(late, period="2026-07")
    # Complete although it holds the latest data: nothing is missing from it, so no staleness note.
    assert not july.period.partial and not july.stale and july.freshness_note is None
    first = stats(late, period="1991")
    assert first.period.partial and "1991-04-03" in (first.period.note or "")


def test_empty_and_invalid_periods_give_one_line_errors(market, settings):
    with pytest.raises(NoDataError) as holiday:
        stats(market, period="2024-W07")  # the Spring Festival week
    assert "休市" in str(holiday.value) and "\n" not in str(holiday.value)
    with pytest.raises(NoDataError) as closed:
        stats(market, period="2025-10-01")
    assert "国庆节" in str(closed.value)
    late = MarketData(settings, clock=at(2026, 11, 29, 12, 0))
    with pytest.raises(NoDataError) as beyond:
        stats(late, period="this_week")
    assert "本地数据截至2026-07-31" in str(beyond.value)
    for spec, error in (("2015-13", InvalidDateError), ("2030", InvalidDateError), ("1989", InvalidDateError)):
        with pytest.raises(error):
            stats(market, period=spec)
    for kwargs in (
        {"period": "next week"},
        {"period": "2025-10-09..2025-10-01"},
        {"measure": "count", "period": "2025"},  # no threshold
        {"measure": "rank", "period": "2024", "date": date(2025, 1, 6)},  # outside the period
    ):
        with pytest.raises(ValueError) as bad:  # InvalidQueryError is a ValueError too
            stats(market, **kwargs)
        assert isinstance(bad.value, InvalidQueryError) and "\n" not in str(bad.value)
    with pytest.raises(NoDataError):
        stats(market, measure="rank", period="2025", date=date(2025, 10, 1))
    with pytest.raises(InvalidDateError):
        stats(market, measure="first", threshold_yi=1, since=date(2027, 1, 1))


def test_results_serialise_to_compact_utf8_json(market):
    r = stats(market, measure="count", period="this_month", threshold_yi=20000)
    text = r.to_json()
    assert "亿元" in text and "\\u" not in text and "null" not in text
    data = json.loads(text)
    assert data["measure"] == "count" and data["period"]["label"] == "本月（2026年7月）"
    assert TypeAdapter(StatsResult).validate_json(text) == r
    en = MarketData(settings=market.settings.model_copy(update={"lang": "en"}), clock=at(2026, 7, 31, 16, 0))
    assert stats(en, period="this_month").period.label == "this month (July 2026)"


def test_equal_runs_report_the_earliest_and_ties_share_a_rank():
    from tools.daily.analytics import TurnoverSeries
    from tools.daily.models import DailyTurnover
    from tools.stats.compute import compute
    from tools.stats.models import Period
    from tools.stats.periods import Span

    amounts = [2e12, 2e12, 5e11, 2e12, 2e12, 5e11, 2e12]
    days = DAYS[-len(amounts) :]
    moment = datetime(2026, 8, 1, tzinfo=SH)
    rows = [
        DailyTurnover(date=d, sh_yuan=a / 2, sz_yuan=a / 2, source="test", fetched_at=moment)
        for d, a in zip(days, amounts, strict=True)
    ]
    series = TurnoverSeries.build(rows)
    period = Period(spec="t", kind="range", label="t", start=days[0], end=days[-1], sessions=len(days))
    base = {"part": "total", "period": period}
    span = Span(period, 0, len(days))
    r = compute(StatsQuery(measure="streak", threshold_yi=10000), series, span, base)
    assert isinstance(r, StreakResult) and r.longest and (r.longest.start, r.longest.sessions) == (days[0], 2)
    assert r.current and r.current.sessions == 1
    ranked = compute(StatsQuery(measure="rank", date=days[3]), series, span, base)
    assert isinstance(ranked, RankResult) and (ranked.rank, ranked.rank_from_bottom) == (1, 3)  # 5 tie at the top
