"""Period specs: the grammar, relative periods against a fixed today, resolution against the stored sessions."""

from __future__ import annotations

from datetime import date

import pytest

from tools.errors import InvalidDateError, InvalidQueryError, NoDataError
from tools.registry import reset_shared
from tools.service import MarketData
from tools.stats.periods import label_for, parse_period, previous_bounds, resolve_period

TODAY = date(2026, 7, 29)  # a Wednesday


@pytest.fixture(autouse=True)
def _fresh_shared():
    reset_shared()
    yield
    reset_shared()


@pytest.mark.parametrize(
    ("spec", "kind", "start", "end", "normal"),
    [
        ("2025-10-09", "day", date(2025, 10, 9), date(2025, 10, 9), "2025-10-09"),
        ("20251009", "day", date(2025, 10, 9), date(2025, 10, 9), "2025-10-09"),
        ("2024-10-01..2024-10-31", "range", date(2024, 10, 1), date(2024, 10, 31), "2024-10-01..2024-10-31"),
        ("2024-10-01..", "range", date(2024, 10, 1), TODAY, "2024-10-01..2026-07-29"),
        ("2015", "year", date(2015, 1, 1), date(2015, 12, 31), "2015"),
        ("2015q2", "quarter", date(2015, 4, 1), date(2015, 6, 30), "2015Q2"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        ("2015-6", "month", date(2015, 6, 1), date(2015, 6, 30), "2015-06"),
        ("2026-W30", "week", date(2026, 7, 20), date(2026, 7, 26), "2026-W30"),
        ("2021-w01", "week", date(2021, 1, 4), date(2021, 1, 10), "2021-W01"),  # ISO: 2021-01-01 is in 2020-W53
        (" This_Week ", "week", date(2026, 7, 27), date(2026, 8, 2), "2026-W31"),
        ("last_week", "week", date(2026, 7, 20), date(2026, 7, 26), "2026-W30"),
        ("this_month", "month", date(2026, 7, 1), date(2026, 7, 31), "2026-07"),
        ("last_month", "month", date(2026, 6, 1), date(2026, 6, 30), "2026-06"),
        ("this_quarter", "quarter", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("last_quarter", "quarter", date(2026, 4, 1), date(2026, 6, 30), "2026Q2"),
        ("this_year", "year", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("ytd", "year", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("last_year", "year", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("all", "all", date(1991, 4, 3), TODAY, "all"),
    ],
)
def test_grammar(spec, kind, start, end, normal):
    bounds = parse_period(spec, TODAY)
    assert (bounds.kind, bounds.start, bounds.end, bounds.spec) == (kind, start, end, normal)


def test_relative_periods_across_year_ends():
    jan = date(2026, 1, 2)  # a Friday in ISO week 2026-W01
    assert parse_period("last_month", jan).spec == "2025-12"
    assert parse_period("last_quarter", jan).spec == "2025Q4"
    assert parse_period("last_week", jan).spec == "2025-W52"
    assert parse_period("this_week", date(2024, 12, 31)).spec == "2025-W01"


def test_last_n_sessions():
    bounds = parse_period("last:20@2024-10-08", TODAY)
    assert (bounds.kind, bounds.last_n, bounds.end, bounds.spec) == ("last_n", 20, date(2024, 10, 8), bounds.spec)
    assert parse_period("latest", TODAY).last_n == 1


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("2015-13", InvalidDateError),
        ("2025-02-30", InvalidDateError),
        ("2026-W54", InvalidDateError),
        ("2027", InvalidDateError),  # in the future
        ("1990", InvalidDateError),  # before the data
        ("2024-10-31..2024-10-01", InvalidQueryError),
        ("last:0", InvalidQueryError),
        ("yesterday-ish", InvalidQueryError),
        ("2024-10-01..oops", InvalidDateError),
    ],
)
def test_invalid_specs_are_one_line_errors(spec, error):
    with pytest.raises(error) as caught:
        parse_period(spec, TODAY)
    assert "\n" not in str(caught.value) and spec.split("..")[-1] in str(caught.value)
    with pytest.raises(error) as english:
        parse_period(spec, TODAY, "en")
    assert str(english.value).isascii() or "'" in str(english.value)


def test_labels():
    assert label_for(parse_period("2015-06", TODAY)) == "2015年6月"
    assert label_for(parse_period("2015-06", TODAY), "en") == "June 2015"
    assert label_for(parse_period("this_week", TODAY)) == "本周（2026-07-27至2026-08-02）"
    assert label_for(parse_period("2015Q2", TODAY)) == "2015年第2季度"
    assert label_for(parse_period("last:20", TODAY)) == "最近20个交易日"
    assert label_for(parse_period("ytd", TODAY), "en") == "year to date (2026)"


def _resolve(settings, spec: str, today: date = TODAY):
    market = MarketData(settings)
    series, calendar = market._series(), market.calendar
    asof = today if calendar.is_trading_day(today) else calendar.previous(today)
    return resolve_period(parse_period(spec, today), series, calendar, asof), series


def test_resolution_counts_sessions_and_partial(settings):
    span, series = _resolve(settings, "this_week")
    p = span.period
    assert (p.first_session, p.last_session, p.sessions, p.expected_sessions) == (
        date(2026, 7, 27),
        date(2026, 7, 29),
        3,
        5,
    )
    assert p.partial and "尚未结束" in (p.note or "")
    assert series.dates[span.lo] == p.first_session and series.dates[span.hi - 1] == p.last_session
    window, _ = _resolve(settings, "last:20@2024-10-08")
    assert window.period.last_session == date(2024, 10, 8) and window.period.sessions == 20
    start, _ = _resolve(settings, "last:20@1991-04-10")  # only a few sessions exist that early
    assert start.period.partial and start.period.sessions < 20


def test_the_period_before(settings):
    for spec, before in (("2026-W30", "2026-W29"), ("2026-01", "2025-12"), ("2026Q1", "2025Q4"), ("2026", "2025")):
        span, series = _resolve(settings, spec)
        assert previous_bounds(span, series, TODAY).spec == before
    day, series = _resolve(settings, "2025-10-09")
    assert previous_bounds(day, series, TODAY).spec == "2025-09-30"
    rng, series = _resolve(settings, "2025-09-01..2025-09-30")
    prev = previous_bounds(rng, series, TODAY)
    assert prev.kind == "last_n" and prev.last_n == rng.period.sessions and prev.end == date(2025, 8, 29)  # a Friday
    first, series = _resolve(settings, "1991-04-03")
    with pytest.raises(NoDataError):
        previous_bounds(first, series, TODAY)


def test_a_closed_week_is_no_data_with_the_reason(settings):
    with pytest.raises(NoDataError) as caught:
        _resolve(settings, "2024-W07")
    assert "没有交易日" in str(caught.value)


def test_a_week_is_complete_on_its_saturday_and_partial_before_the_close(settings):
    saturday, _ = _resolve(settings, "this_week", date(2026, 8, 1))
    assert saturday.period.sessions == 5 and not saturday.period.partial and saturday.period.note is None
    market = MarketData(settings)
    calendar, series = market.calendar, market._series()
    # Wednesday before 15:00: the clock's latest closed session is Tuesday.
    span = resolve_period(parse_period("this_week", TODAY), series, calendar, date(2026, 7, 28))
    assert span.period.last_session == date(2026, 7, 28) and span.period.partial
    assert "统计截至2026-07-28" in (span.period.note or "")
