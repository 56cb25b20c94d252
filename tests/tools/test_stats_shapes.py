"""The query shapes of issue 16 (between thresholds, percentile, days, group, half-years, aligned compare) on the
bundled history. Expected figures come from the snapshot CSV by plain reference code, with a fixed clock."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter, ValidationError

from tools.errors import InvalidQueryError, NoDataError
from tools.service import MarketData, reset_shared
from tools.stats.models import (
    MAX_DAY_ROWS,
    CompareResult,
    CountResult,
    DaysResult,
    FirstLastResult,
    GroupResult,
    PercentileResult,
    StatsQuery,
    StatsResult,
    StreakResult,
)

SH = ZoneInfo("Asia/Shanghai")
SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"


def _reference() -> dict[date, tuple[float, float]]:
    text = gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {date.fromisoformat(r["date"]): (float(r["sh_yuan"]), float(r["sz_yuan"])) for r in csv.DictReader(lines)}


REF = _reference()
DAYS = sorted(REF)
PART = {"total": lambda d: REF[d][0] + REF[d][1], "sh": lambda d: REF[d][0], "sz": lambda d: REF[d][1]}
total = PART["total"]


def between(start: date, end: date) -> list[date]:
    return [d for d in DAYS if start <= d <= end]


def yi(yuan: float) -> float:
    return round(yuan / 1e8, 1)


@pytest.fixture(autouse=True)
def _fresh_shared():
    reset_shared()
    yield
    reset_shared()


@pytest.fixture
def market(settings) -> MarketData:
    moment = datetime(2026, 7, 31, 16, 0, tzinfo=SH)  # the day the snapshot ends, after the close
    return MarketData(settings, clock=lambda: moment)


def at(settings, year: int, month: int, day: int, hour: int = 16) -> MarketData:
    moment = datetime(year, month, day, hour, 0, tzinfo=SH)
    return MarketData(settings, clock=lambda: moment)


def stats(market: MarketData, **kwargs: object):
    return market.stats(StatsQuery(**kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("part", ["total", "sh", "sz"])
def test_count_first_last_between_two_bounds_inclusive(market, part):
    value = PART[part]
    lo, hi = (10000, 15000) if part == "total" else (5000, 7000)
    days = between(date(2025, 1, 1), date(2025, 12, 31))
    hits = [d for d in days if lo * 1e8 <= value(d) <= hi * 1e8]
    r = stats(
        market, measure="count", period="2025", part=part, threshold_yi=lo, threshold_hi_yi=hi, direction="between"
    )
    assert isinstance(r, CountResult) and (r.direction, r.threshold_yi, r.threshold_hi_yi) == ("between", lo, hi)
    assert 0 < r.count == len(hits) < len(days) and r.share_pct == round(len(hits) / len(days) * 100, 2)
    assert r.first_day and r.first_day.date == hits[0] and r.last_day and r.last_day.date == hits[-1]
    assert r.first_day.value_yi == yi(value(hits[0]))
    first = stats(
        market, measure="first", period="2025", part=part, threshold_yi=lo, threshold_hi_yi=hi, direction="between"
    )
    last = stats(
        market, measure="last", period="2025", part=part, threshold_yi=lo, threshold_hi_yi=hi, direction="between"
    )
    assert isinstance(first, FirstLastResult) and first.day and first.day.date == hits[0] and first.count == len(hits)
    assert last.day and last.day.date == hits[-1]


def test_between_includes_both_ends_exactly():
    from tools.daily.analytics import TurnoverSeries
    from tools.daily.models import DailyTurnover
    from tools.stats.compute import compute
    from tools.stats.models import Period
    from tools.stats.periods import Span

    amounts = [1e12, 1.2e12, 1.5e12, 9.99e11, 1.51e12]  # both bounds exactly, inside, just outside each
    days = DAYS[-len(amounts) :]
    moment = datetime(2026, 8, 1, tzinfo=SH)
    rows = [
        DailyTurnover(date=d, sh_yuan=a * 0.4, sz_yuan=a * 0.6, source="test", fetched_at=moment)
        for d, a in zip(days, amounts, strict=True)
    ]
    period = Period(spec="t", kind="range", label="t", start=days[0], end=days[-1], sessions=len(days))
    query = StatsQuery(measure="count", threshold_yi=10000, threshold_hi_yi=15000, direction="between")
    r = compute(query, TurnoverSeries.build(rows), Span(period, 0, len(days)), {"part": "total", "period": period})
    assert isinstance(r, CountResult) and r.count == 3 and r.last_day and r.last_day.date == days[2]


def test_streak_between(market):
    lo, hi = 1e12, 1.5e12
    days = between(date(2025, 1, 1), date(2025, 12, 31))
    runs: list[list[date]] = [[]]
    for d in days:
        if lo <= total(d) <= hi:
            runs[-1].append(d)
        elif runs[-1]:
            runs.append([])
    longest = max(runs, key=len)
    r = stats(market, measure="streak", period="2025", threshold_yi=10000, threshold_hi_yi=15000, direction="between")
    assert isinstance(r, StreakResult) and r.longest and r.threshold_hi_yi == 15000
    assert (r.longest.start, r.longest.end, r.longest.sessions) == (longest[0], longest[-1], len(longest))


def test_between_needs_a_sound_upper_bound(market):
    for kwargs in (
        {"threshold_yi": 10000, "direction": "between"},  # no upper bound
        {"threshold_yi": 15000, "threshold_hi_yi": 10000, "direction": "between"},  # upside down
        {"threshold_yi": 10000, "threshold_hi_yi": 15000},  # an upper bound without 'between'
    ):
        with pytest.raises(InvalidQueryError) as bad:
            stats(market, measure="count", period="2025", **kwargs)
        assert "\n" not in str(bad.value)


@pytest.mark.parametrize("part", ["total", "sh", "sz"])
def test_percentile_of_an_amount_in_history(market, part):
    value = PART[part]
    amount = {"total": 30000, "sh": 10000, "sz": 15000}[part]
    line = amount * 1e8
    r = stats(market, measure="percentile", part=part, value_yi=amount)
    assert isinstance(r, PercentileResult) and r.day is None and r.value_yi == amount
    above = sorted((d for d in DAYS if value(d) > line), key=value)
    below = sorted((d for d in DAYS if value(d) < line), key=value, reverse=True)
    at_or_below = sum(1 for d in DAYS if value(d) <= line)
    assert (r.rank, r.out_of, r.at_or_below) == (len(above) + 1, len(DAYS), at_or_below)
    assert r.percentile == round(at_or_below / len(DAYS) * 100, 2)
    assert [d.date for d in r.above] == above[:3] and [d.date for d in r.below] == below[:3]
    top = max(DAYS, key=value)
    assert r.max_day.date == top and r.max_day.value_yi == yi(value(top))


def test_percentile_of_a_day_within_its_year(market):
    day = date(2025, 10, 9)
    year = between(date(2025, 1, 1), date(2025, 12, 31))
    r = stats(market, measure="percentile", period="2025", date=day)
    assert r.day and r.day.date == day and r.value_yi == yi(total(day))
    assert r.at_or_below == sum(1 for d in year if total(d) <= total(day))
    assert r.rank == 1 + sum(1 for d in year if total(d) > total(day)) and r.out_of == len(year)
    assert day not in [d.date for d in r.above + r.below]
    with pytest.raises(InvalidQueryError):
        stats(market, measure="percentile", period="2025")  # neither an amount nor a day
    with pytest.raises(InvalidQueryError):
        stats(market, measure="percentile", period="2025", value_yi=20000, date=day)  # both
    with pytest.raises(NoDataError):
        stats(market, measure="percentile", period="2025", date=date(2025, 10, 1))  # National Day


def test_days_of_last_week_with_sh_and_sz(settings):
    market = at(settings, 2026, 7, 29)  # a Wednesday: last week is 2026-07-20..24
    week = between(date(2026, 7, 20), date(2026, 7, 26))
    r = stats(market, measure="days", period="last_week")
    assert isinstance(r, DaysResult) and r.period.spec == "2026-W30" and r.period.label.startswith("上周")
    assert [row.date for row in r.rows] == week and r.sessions == 5 and r.omitted == 0
    for row in r.rows:
        assert (row.total_yi, row.sh_yi, row.sz_yi) == (yi(total(row.date)), yi(REF[row.date][0]), yi(REF[row.date][1]))
    before = DAYS[DAYS.index(week[0]) - 1]
    assert r.rows[0].change_yi == yi(total(week[0]) - total(before))
    assert r.sum_total_yi == yi(sum(map(total, week))) and r.sum_sz_yi == yi(sum(REF[d][1] for d in week))


def test_days_of_a_long_period_are_capped_and_say_so(market):
    year = between(date(2025, 1, 1), date(2025, 12, 31))
    r = stats(market, measure="days", period="2025", part="sh")
    assert len(r.rows) == MAX_DAY_ROWS and r.omitted == len(year) - MAX_DAY_ROWS and r.sessions == len(year)
    assert [row.date for row in r.rows] == year[-MAX_DAY_ROWS:]  # the latest sessions
    assert r.sum_total_yi == yi(sum(map(total, year)))  # over the whole year, not only the rows shown
    last = year[-1]
    assert r.rows[-1].change_yi == yi(REF[last][0] - REF[year[-2]][0])  # the change is of the part asked


def test_named_days_with_a_holiday_among_them(market):
    named = (date(2025, 10, 9), date(2024, 10, 8), date(2024, 10, 1))
    r = stats(market, measure="days", dates=named)
    assert [row.date for row in r.rows] == [date(2024, 10, 8), date(2025, 10, 9)]
    assert [m.date for m in r.missing] == [date(2024, 10, 1)] and "国庆" in r.missing[0].reason
    assert r.sum_total_yi == yi(total(date(2024, 10, 8)) + total(date(2025, 10, 9)))
    assert (r.period.kind, r.period.start, r.period.end) == ("range", date(2024, 10, 1), date(2025, 10, 9))
    with pytest.raises(ValidationError):
        StatsQuery(measure="days", dates=tuple(DAYS[-(MAX_DAY_ROWS + 1) :]))


def _groups(days: list[date], key) -> dict[str, list[date]]:
    out: dict[str, list[date]] = defaultdict(list)
    for d in days:
        out[key(d)].append(d)
    return out


def test_group_2025_by_month_ranked_by_sum(market):
    year = between(date(2025, 1, 1), date(2025, 12, 31))
    months = _groups(year, lambda d: f"{d.year}-{d.month:02d}")
    sums = {k: sum(map(total, v)) for k, v in months.items()}
    r = stats(market, measure="group", period="2025", group_by="month")
    assert isinstance(r, GroupResult) and r.group_count == 12 and r.omitted == 0 and r.notes == []
    assert [g.key for g in r.groups] == sorted(months) and r.groups[0].label == "2025年1月"
    for g in r.groups:
        assert (g.sum_yi, g.sessions, g.mean_yi) == (yi(sums[g.key]), len(months[g.key]), yi(sums[g.key] / g.sessions))
        assert g.rank == 1 + sum(1 for s in sums.values() if s > sums[g.key]) and not g.partial
    assert r.best.key == max(sums, key=sums.__getitem__) and r.worst.key == min(sums, key=sums.__getitem__)


def test_group_years_by_mean_for_sz_with_partial_ends(market):
    years = _groups(DAYS, lambda d: str(d.year))
    means = {k: sum(REF[d][1] for d in v) / len(v) for k, v in years.items()}
    r = stats(market, measure="group", period="all", part="sz", group_by="year", rank_by="mean")
    assert r.group_count == len(years) and r.best.key == max(means, key=means.__getitem__)
    assert r.worst.key == min(means, key=means.__getitem__)
    by_key = {g.key: g for g in r.groups}
    assert by_key["2025"].mean_yi == yi(means["2025"]) and not by_key["2025"].partial
    assert by_key["1991"].partial and by_key["2026"].partial  # the data begin in April 1991; 2026 is not over


def test_group_weeks_over_all_history_are_capped_and_partial_noted(settings):
    market = at(settings, 2026, 7, 29)  # mid-week: the last week is partial
    r = stats(market, measure="group", period="this_month", group_by="week")
    weeks = _groups(
        between(date(2026, 7, 1), date(2026, 7, 29)), lambda d: f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}"
    )
    assert [g.key for g in r.groups] == sorted(weeks)
    assert r.groups[0].partial and r.groups[-1].partial and not r.groups[1].partial  # July 1 is a Wednesday
    assert len(r.notes) == 1 and "rank_by=mean" in r.notes[0] and r.groups[0].label in r.notes[0]
    everything = stats(market, measure="group", period="all", group_by="week")
    assert everything.group_count > len(everything.groups) == 60 and everything.omitted == everything.group_count - 60
    assert everything.groups[-1].key == "2026-W31"


def test_half_years(market):
    h1 = between(date(2025, 1, 1), date(2025, 6, 30))
    h2 = between(date(2025, 7, 1), date(2025, 12, 31))
    r = stats(market, period="2025H1")
    assert (r.period.kind, r.period.label, r.period.sessions) == ("half", "2025年上半年", len(h1))
    assert r.sum_yi == yi(sum(map(total, h1)))
    compared = stats(market, measure="compare", period="2025H2")
    assert compared.b.period.spec == "2025H1" and compared.sum_diff_yi == yi(sum(map(total, h2)) - sum(map(total, h1)))
    this_half = stats(market, period="this_half")
    assert this_half.period.spec == "2026H2" and this_half.period.partial
    last_half = stats(market, period="last_half")
    assert last_half.period.spec == "2026H1" and not last_half.period.partial
    grouped = stats(market, measure="group", period="2025", group_by="half")
    assert [g.key for g in grouped.groups] == ["2025H1", "2025H2"]


def test_aligned_compare_this_week_so_far_against_the_first_days_of_last_week(settings):
    market = at(settings, 2026, 7, 29)  # Wednesday: 3 sessions this week
    this_week = between(date(2026, 7, 27), date(2026, 7, 29))
    head = between(date(2026, 7, 20), date(2026, 7, 26))[:3]
    r = stats(market, measure="compare", period="this_week", compare_mode="aligned")
    assert isinstance(r, CompareResult) and r.mode == "aligned" and r.aligned_sessions == 3
    assert (r.b.period.first_session, r.b.period.last_session, r.b.period.sessions) == (head[0], head[-1], 3)
    assert "前3个交易日" in r.b.period.label
    a_sum, b_sum = sum(map(total, this_week)), sum(map(total, head))
    assert (r.a.sum_yi, r.b.sum_yi, r.sum_diff_yi) == (yi(a_sum), yi(b_sum), yi(a_sum - b_sum))
    assert r.sum_diff_pct == round((a_sum - b_sum) / b_sum * 100, 2)
    assert any("对齐" in n for n in r.notes) and not any("交易日数不同" in n for n in r.notes)
    full = stats(market, measure="compare", period="this_week")
    assert full.mode == "full" and full.aligned_sessions is None and full.b.period.sessions == 5


def test_aligned_compare_against_a_shorter_period_uses_it_whole(market):
    # 2025-10 (after National Day: 17 sessions) against September (22 sessions) is cut; October 2024 vs
    # a short month: the first sessions of 2024-10 against the whole of the holiday-shortened 2024-02.
    oct_ = between(date(2025, 10, 1), date(2025, 10, 31))
    sep = between(date(2025, 9, 1), date(2025, 9, 30))
    r = stats(market, measure="compare", period="2025-10", compare_mode="aligned", part="sh")
    assert r.aligned_sessions == len(oct_) < len(sep) and r.b.sum_yi == yi(sum(REF[d][0] for d in sep[: len(oct_)]))
    feb = between(date(2024, 2, 1), date(2024, 2, 29))
    short = stats(market, measure="compare", period="2024-03", compare_to="2024-02", compare_mode="aligned")
    assert short.aligned_sessions == len(feb) and short.b.period.spec == "2024-02"
    assert any(f"只有{len(feb)}个交易日" in n for n in short.notes)


def test_new_results_round_trip_through_json(market):
    for kwargs in (
        {"measure": "percentile", "value_yi": 20000},
        {"measure": "days", "period": "last:3"},
        {"measure": "group", "period": "2024", "group_by": "quarter"},
        {"measure": "compare", "period": "this_month", "compare_mode": "aligned"},
    ):
        r = stats(market, **kwargs)
        text = r.to_json()
        assert "\\u" not in text and TypeAdapter(StatsResult).validate_json(text) == r
