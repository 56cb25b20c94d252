"""Analytics at a minute T on sessions brought in by the intraday import, against hand-computed values.

Flat sessions (the same amount every minute) make the figures easy to check by hand: the cumulative at
bar j (0 = 09:30, 120 = 11:30, 121 = 13:01, 240 = 15:00) is (j + 1) x the per-minute amount.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.tools.intraday_fixtures import flat_session, session, write_csv
from tools.errors import InvalidDateError, NoDataError
from tools.importer import import_file, load_kind
from tools.intraday.service import IntradayData
from tools.intraday.text import describe_intraday

SH = ZoneInfo("Asia/Shanghai")
YI = 1e8
# Per-minute amounts (亿元): SH, SZ. Totals per minute 70, 50, 40, 45, 60.
FLAT = {
    date(2026, 5, 8): (28, 42),
    date(2026, 5, 11): (20, 30),
    date(2026, 5, 12): (16, 24),
    date(2026, 5, 13): (18, 27),
}
TODAY = date(2026, 5, 14)


def clock(hour: int, minute: int, second: int = 0, day: date = TODAY):
    moment = datetime.combine(day, time(hour, minute, second), SH)
    return lambda: moment


@pytest.fixture
def flat(tmp_path, settings):
    """Four complete flat sessions and today's (60亿 a minute) up to 14:06, imported from CSV."""
    sessions = [flat_session(d, sh * YI, sz * YI) for d, (sh, sz) in FLAT.items()]
    sessions.append(flat_session(TODAY, 24 * YI, 36 * YI, upto=time(14, 6)))
    report = import_file(write_csv(tmp_path / "flat.csv", *sessions), load_kind("intraday"), settings)
    assert report.ok and report.written == 4 * 241 + 187
    return settings


def test_cumulative_and_same_time_differences_at_10_30(flat):
    report = IntradayData(flat, clock=clock(14, 6, 30)).report(TODAY, time(10, 30))
    assert report.at == time(10, 30) and report.bars == 61
    assert (report.total_yi, report.sh_yi, report.sz_yi) == (3660.0, 1464.0, 2196.0)  # 61 x 60 / 24 / 36
    assert report.prev.dates == [date(2026, 5, 13)]
    assert (report.prev.total_yi, report.prev.diff_yi, report.prev.diff_pct) == (2745.0, 915.0, 33.33)
    assert report.prev.direction == "up"
    # Mean of the last 4 complete sessions: (70 + 50 + 40 + 45) / 4 = 51.25 a minute -> 3126.25 at bar 60.
    assert report.mean.dates == list(FLAT) and report.mean.total_yi == 3126.2 and report.mean.diff_yi == 533.8
    assert report.crossings == [] and report.next_threshold_yi == 10000.0


def test_estimate_is_cumulative_over_the_mean_share_with_a_backtest(flat):
    report = IntradayData(flat, clock=clock(14, 6, 30)).report(TODAY, time(10, 30))
    est = report.estimate
    # Every flat session has reached 61/241 of its day by 10:30: 3660 / (61/241) = 60 x 241 = 14460.
    assert est.total_yi == 14460.0 and est.mean_share_pct == round(61 / 241 * 100, 1)
    assert est.method == "share_of_day" and est.sessions_used == 4 and est.window == 5
    assert est.backtest_sessions == 3 and (est.error_p10_pct, est.error_p90_pct) == (0.0, 0.0)
    assert est.note and "4" in est.note  # fewer sessions than the window, said


def test_threshold_crossing_minute_and_the_earliest_since(flat):
    report = IntradayData(flat, clock=clock(14, 6, 30)).report()
    assert report.live and report.at == time(14, 6)
    (crossing,) = report.crossings
    # 60 x (j + 1) >= 10000 first at j = 166 -> 13:46 (bar 121 is 13:01); cumulative 167 x 60 = 10020.
    assert crossing.at == time(13, 46) and crossing.total_yi == 10020.0
    # The previous session (45 a minute) had 167 x 45 = 7515 then, and passed 1万亿 at j = 222 -> 14:42.
    assert (crossing.prev_same_time_yi, crossing.diff_yi, crossing.prev_crossed_at) == (7515.0, 2505.0, time(14, 42))
    # 05-08 (70 a minute) passed it at j = 142 -> 13:22; 05-11..05-13 had not by 13:46.
    assert crossing.earlier_as_early == date(2026, 5, 8) and crossing.earlier_as_early_at == time(13, 22)
    assert not crossing.earliest_in_store
    assert "13:46突破1万亿" in describe_intraday(report) and "自2026-05-08" in describe_intraday(report)


def test_new_crossings_since_a_minute(flat):
    data = IntradayData(flat, clock=clock(14, 6, 30))
    assert [c.at for c in data.new_crossings(TODAY, [5000, 10000])] == [time(10, 53), time(13, 46)]
    assert [c.threshold_yi for c in data.new_crossings(TODAY, [5000, 10000], since=time(11, 0))] == [10000]
    assert data.new_crossings(TODAY, [20000]) == [] and data.new_crossings(date(2026, 5, 15)) == []


def test_a_past_session_at_any_minute_and_its_reconciliation(flat):
    data = IntradayData(flat, clock=clock(16, 0))
    morning = data.report(date(2026, 5, 13), time(10, 0))
    assert morning.total_yi == 31 * 45 and not morning.live and morning.estimate is not None
    lunch = data.report(date(2026, 5, 13), time(12, 15))  # the lunch break maps to 11:30
    assert lunch.at == time(11, 30) and lunch.total_yi == 121 * 45
    whole = data.report(date(2026, 5, 13))
    assert whole.session_complete and whole.at == time(15, 0) and whole.day_total_yi == 241 * 45
    assert whole.estimate is None
    rec = whole.reconciliation  # the bundled daily row of 2026-05-13 differs from these made-up minutes
    assert rec is not None and rec.minutes_total_yi == 10845.0
    assert rec.diff_yi == round(10845.0 - rec.daily_total_yi, 1)


def test_asking_beyond_the_data_says_so_first(flat):
    data = IntradayData(flat, clock=clock(14, 6, 30))
    report = data.report(TODAY, time(14, 30))
    assert report.at == time(14, 6) and report.note.startswith("2026-05-14 14:30 还没有分钟数据")
    assert describe_intraday(report).startswith("2026-05-14 14:30 还没有分钟数据")
    with pytest.raises(NoDataError, match="9:30"):
        data.report(TODAY, time(9, 0))
    with pytest.raises(NoDataError, match="没有分钟成交额数据"):
        data.report(date(2026, 4, 30))
    with pytest.raises(NoDataError, match="不是交易日"):
        data.report(date(2026, 5, 9))
    with pytest.raises(InvalidDateError):
        data.report(date(2026, 5, 15))


def test_empty_store_says_there_is_no_minute_data(settings):
    with pytest.raises(NoDataError, match="还没有任何分钟成交额数据"):
        IntradayData(settings, clock=clock(10, 0)).report()


def test_backtest_range_on_varied_sessions(tmp_path, settings):
    days = [date(2026, 6, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16)]
    tilts = [0.1, -0.05, 0.0, 0.08, -0.1, 0.03, -0.02, 0.12, -0.08, 0.05, 0.0, -0.04]
    sessions = [session(d, (1.2 + 0.05 * k) * 1e12, tilt=t) for k, (d, t) in enumerate(zip(days, tilts, strict=True))]
    sessions.append(session(date(2026, 6, 17), 1.5e12, upto=time(10, 0), tilt=0.02))
    assert import_file(write_csv(tmp_path / "v.csv", *sessions), load_kind("intraday"), settings).ok
    report = IntradayData(settings, clock=clock(10, 0, 30, date(2026, 6, 17))).report()
    est = report.estimate
    assert est.sessions_used == 5 and est.backtest_sessions == 7 and est.note is None
    assert est.error_p10_pct < 0 < est.error_p90_pct and est.low_yi < est.total_yi < est.high_yi
    # By hand: mean share at 10:00 over the last 5 sessions, then cumulative / share.
    share = [
        sum(v[0] + v[1] for t, v in s.items() if t.time() <= time(10, 0)) / sum(a + b for a, b in s.values())
        for s in sessions[-6:-1]
    ]
    cum = sum(a + b for a, b in sessions[-1].values())
    assert est.total_yi == round(cum / (sum(share) / 5) / 1e8, 1)
    assert "估算，并非确定值" in describe_intraday(report) and "not a certainty" in describe_intraday(report, "en")


def test_a_crossing_later_than_the_previous_session_says_so(flat):
    report = IntradayData(flat, clock=clock(16, 0)).report(date(2026, 5, 11))
    (crossing,) = report.crossings  # 50 a minute: j = 199 -> 14:19; 05-08 (70 a minute) passed it at 13:22
    assert crossing.at == time(14, 19) and crossing.earlier_as_early == crossing.prev_date == date(2026, 5, 8)
    text = describe_intraday(report)
    assert "14:19突破1万亿（较上一交易日同一时间缩量4000.0亿元），晚于上一交易日（13:22突破）" in text


def test_minute_store_never_writes_an_infinite_or_negative_amount(tmp_path):
    from datetime import UTC

    from tools.intraday.models import MinuteBar
    from tools.intraday.store import MinuteStore

    store = MinuteStore.open(tmp_path)
    try:

        def bar(minute: time, sh: float, sz: float) -> MinuteBar:
            return MinuteBar(
                day=date(2025, 10, 9), minute=minute, sh_yuan=sh, sz_yuan=sz, source="t", fetched_at=datetime.now(UTC)
            )

        bad = [bar(time(9, 31), float("inf"), 1e9), bar(time(9, 32), 1e9, float("nan")), bar(time(9, 33), -1.0, 1e9)]
        assert store.upsert(bad) == 0
        assert store.upsert([bar(time(9, 34), 0.0, 1e9)]) == 1  # a 0 bar is real (14:59's call auction)
        assert store.sessions() == [date(2025, 10, 9)]
    finally:
        store.close()
