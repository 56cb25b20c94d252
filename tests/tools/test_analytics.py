"""Analytics on the bundled real history: known figures, crossings, streaks, records, ranges."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tools.daily.analytics import (
    TurnoverSeries,
    comparison,
    day_report,
    format_threshold,
    format_yi,
    range_report,
    threshold_status,
)
from tools.daily.models import DailyTurnover
from tools.daily.store import read_snapshot

LINES = [10000.0, 15000.0, 20000.0, 25000.0, 30000.0]


@pytest.fixture(scope="module")
def series() -> TurnoverSeries:
    return TurnoverSeries.build(read_snapshot())


def status(report, line: float):
    return next(s for s in report.thresholds if s.threshold_yi == line)


def test_known_day_figures_and_change(series):
    r = day_report(series, date(2025, 10, 9), LINES)
    assert (r.total_yi, r.sh_yi, r.sz_yi, r.unit) == (26532.0, 12168.9, 14363.1, "亿元")
    assert r.prev_date == date(2025, 9, 30)  # the National Day holiday is skipped
    # The change comes from the unrounded 元 amounts (+4717.86), not from the rounded totals (+4717.8).
    assert (r.prev_total_yi, r.change_yi, r.change_pct) == (21814.2, 4717.9, 21.63)
    assert r.source == "snapshot:baostock" and r.as_of.tzinfo is not None
    assert r.latest_date == date(2026, 7, 31)

    sept25 = day_report(series, date(2025, 9, 25), LINES)
    assert (sept25.total_yi, sept25.change_yi) == (23711.0, 443.0)  # +443.05, not 23711.0 - 23267.9


def test_changes_are_computed_from_yuan_and_rounded_once(series):
    # Reference: the unrounded 元 amounts of the bundled rows. The old code subtracted the rounded totals and
    # stated +4717.8 and +11470.4.
    cases = ((date(2025, 9, 30), date(2025, 10, 9), 4717.9), (date(2024, 9, 27), date(2024, 9, 30), 11470.3))
    for before, day, expected in cases:
        yuan = series.totals[series.index(day)] - series.totals[series.index(before)]
        assert round(yuan / 1e8, 1) == expected
        report = day_report(series, day, LINES)
        assert report.prev_date == before and report.change_yi == expected
        window = range_report(series, day, 1, LINES)
        assert window.days[0].change_yi == expected
        a, b = day_report(series, before, LINES), report
        assert (
            comparison(a, b, series.totals[series.index(before)], series.totals[series.index(day)]).diff_yi == expected
        )


def test_averages_are_of_the_sessions_before_the_day(series):
    r = day_report(series, date(2025, 10, 9), LINES)
    i = series.index(date(2025, 10, 9))
    before5 = series.totals[i - 5 : i]
    assert r.avg5_yi == round(sum(before5) / 5 / 1e8, 1) == 22375.3
    assert r.avg20_yi == 23472.6
    assert r.vs_avg5_pct == pytest.approx((26532.0 / 22375.3 - 1) * 100, abs=0.01)
    assert r.percentile_1y == 95.2


def test_record_day_and_first_crossing_of_three_trillion(series):
    r = day_report(series, date(2024, 10, 8), LINES)
    assert r.total_yi == 34519.4
    assert (r.prev_date, r.prev_total_yi, r.change_yi) == (date(2024, 9, 30), 25930.4, 8589.0)
    assert r.record.is_record and r.record.record_total_yi == 34519.4
    assert r.percentile_1y == 100.0
    three = status(r, 30000.0)
    assert three.crossed_up and three.streak_days == 1
    assert three.first_above_since is None and three.days_since_last_above is None  # never before
    assert status(r, 20000.0).streak_days == 2 and not status(r, 20000.0).crossed_up


def test_all_time_record_and_later_days_point_back_to_it(series):
    peak = day_report(series, date(2026, 1, 14), LINES)
    assert peak.total_yi == 39414.8 and peak.record.is_record
    later = day_report(series, date(2026, 7, 31), LINES)
    assert not later.record.is_record
    assert (later.record.record_date, later.record.record_total_yi) == (date(2026, 1, 14), 39414.8)
    before = day_report(series, date(2025, 10, 9), LINES)
    assert before.record.record_date == date(2024, 10, 8)  # record "to date", not of all time


def test_first_day_above_one_trillion_after_a_long_gap(series):
    r = day_report(series, date(2024, 9, 25), LINES)
    one = status(r, 10000.0)
    assert r.total_yi == 11573.7
    assert one.above and one.crossed_up and one.streak_days == 1
    assert one.first_above_since == date(2024, 5, 6) and one.days_since_last_above == 99
    # 2019-02-25: first session above 1万亿 since the 2015 bull market.
    feb = status(day_report(series, date(2019, 2, 25), LINES), 10000.0)
    assert feb.crossed_up and feb.first_above_since == date(2015, 11, 27) and feb.days_since_last_above == 789


def test_two_trillion_crossing_in_2024_ends_a_nine_year_gap(series):
    r = day_report(series, date(2024, 9, 30), LINES)
    two = status(r, 20000.0)
    assert r.total_yi == 25930.4
    assert two.crossed_up and two.first_above_since == date(2015, 6, 8) and two.days_since_last_above == 2266


def test_streaks_and_crossing_down(series):
    r = day_report(series, date(2025, 10, 9), LINES)
    assert [status(r, t).streak_days for t in LINES] == [90, 42, 15, 1, 0]
    up = status(r, 25000.0)
    assert up.crossed_up and up.first_above_since == date(2025, 9, 18) and up.days_since_last_above == 9
    assert not status(r, 30000.0).above
    # The day after the 2024-10-08 record fell below 3万亿.
    i = series.index(date(2024, 10, 9))
    down = threshold_status(series, i, 30000.0)
    assert series.totals[i] < 30000e8 and down.crossed_down and not down.above and down.streak_days == 0


def test_first_day_of_data_has_no_comparisons(series):
    r = day_report(series, date(1991, 4, 3), LINES)
    assert r.prev_date is None and r.change_yi is None and r.avg5_yi is None and r.percentile_1y is None
    assert r.record.is_record


def test_missing_day_raises_key_error(series):
    with pytest.raises(KeyError):
        day_report(series, date(2025, 10, 1), LINES)  # a holiday has no row


def test_range_report_window_and_stats(series):
    rr = range_report(series, date(2025, 10, 9), 5, LINES)
    assert (rr.start, rr.end) == (date(2025, 9, 25), date(2025, 10, 9))
    assert [d.total_yi for d in rr.days] == [23711.0, 21468.9, 21614.7, 21814.2, 26532.0]
    assert rr.days[0].change_yi == 443.0  # vs the session before the window
    assert (rr.max_day, rr.max_yi, rr.min_day, rr.min_yi) == (date(2025, 10, 9), 26532.0, date(2025, 9, 26), 21468.9)
    assert rr.mean_yi == 23028.1
    assert rr.days_above == {"10000": 5, "15000": 5, "20000": 5, "25000": 1, "30000": 0}
    # An end date on a holiday ends the window on the session before it.
    assert range_report(series, date(2025, 10, 5), 3, LINES).end == date(2025, 9, 30)
    with pytest.raises(KeyError):
        range_report(series, date(1990, 1, 1), 3, LINES)


def test_comparison_is_b_minus_a(series):
    a = day_report(series, date(2025, 9, 24), LINES)
    b = day_report(series, date(2025, 9, 25), LINES)
    ya, yb = series.totals[series.index(a.date)], series.totals[series.index(b.date)]
    c = comparison(a, b, ya, yb)
    assert c.diff_yi == 443.0 and c.diff_pct == pytest.approx(443.05 / 23267.9 * 100, abs=0.01)
    assert comparison(b, a, yb, ya).diff_yi == -443.0


def test_bj_part_is_reported_when_present():
    stamp = datetime(2025, 1, 1, tzinfo=UTC)
    rows = [
        DailyTurnover(date=date(2025, 1, 2), sh_yuan=5e11, sz_yuan=6e11, bj_yuan=1e10, source="t", fetched_at=stamp)
    ]
    r = day_report(TurnoverSeries.build(rows), date(2025, 1, 2))
    assert (r.total_yi, r.bj_yi, r.total_with_bj_yi) == (11000.0, 100.0, 11100.0)


def test_units_in_text():
    assert format_yi(26532.0) == "2.65万亿元"
    assert format_yi(9713.4) == "9713.4亿元"
    assert format_yi(443.1, signed=True) == "+443.1亿元"
    assert format_yi(26532.0, "en") == "2.65 trillion yuan"
    assert format_threshold(10000.0) == "1万亿" and format_threshold(15000.0) == "1.5万亿"
    assert format_threshold(8000.0) == "8000亿"


def test_json_is_compact_and_carries_unit_date_source(series):
    text = day_report(series, date(2025, 10, 9), LINES).to_json()
    assert '"unit":"亿元"' in text and '"date":"2025-10-09"' in text and '"total_yi":26532.0' in text
    assert '"source":"snapshot:baostock"' in text and '"as_of":' in text
    assert "null" not in text and ": " not in text


def test_source_line_names_what_was_measured():
    from tools.daily.text import describe_source

    assert describe_source("snapshot:baostock", "zh") == "上证 sh000001 + 深证综指 sz399106"
    assert describe_source("eastmoney:sh000001+sz399106", "en") == "SSE sh000001 + SZSE composite sz399106"
    # The per-day fallback is the exchanges' own figures, not the two index rows.
    assert describe_source("exchanges:sse+szse", "zh") == "上交所、深交所每日成交概况"
    assert describe_source("exchanges:sse+szse", "en") == "SSE and SZSE daily market summaries"


def test_market_shares_come_from_the_unrounded_yuan(series):
    # Reference: the bundled snapshot's own rows, each market's 元 over the two-market 元, rounded once.
    rows = {r.date: r for r in read_snapshot()}
    expected_sz = {date(2025, 10, 9): 54.1, date(2024, 10, 8): 56.2, date(2015, 6, 8): 42.3, date(2026, 7, 31): 53.3}
    for day, sz_pct in expected_sz.items():
        row = rows[day]
        two_markets = row.sh_yuan + row.sz_yuan
        report = day_report(series, day, LINES)
        assert report.sz_share_pct == round(row.sz_yuan / two_markets * 100, 1) == sz_pct
        assert report.sh_share_pct == round(row.sh_yuan / two_markets * 100, 1)
        assert report.sh_share_pct + report.sz_share_pct == pytest.approx(100.0, abs=0.1)
    assert '"sz_share_pct":54.1' in day_report(series, date(2025, 10, 9), LINES).to_json()
