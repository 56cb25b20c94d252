from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import responses

from tests.tools.conftest import make_settings
from tools.calendar import CLOSURES, SINA_CACHE_NAME, TradingCalendar
from tools.daily.store import TurnoverStore
from tools.errors import InvalidDateError

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def cal(tmp_path_factory) -> TradingCalendar:
    data_dir = tmp_path_factory.mktemp("cal")
    store = TurnoverStore.open(data_dir)
    return TradingCalendar.load(make_settings(data_dir), store)


def test_weekend_resolves_to_friday_with_note(cal):
    res = cal.resolve(date(2025, 10, 18))
    assert res.day == date(2025, 10, 17) and res.reason == "weekend"
    assert res.note() == "2025-10-18 是周六，A股不交易；以下为此前最近交易日 2025-10-17 的数据"
    assert "Saturday" in res.note("en")


def test_national_day_holiday_resolves_to_sept_30(cal):
    for offset in range(8):
        res = cal.resolve(date(2025, 10, 1) + timedelta(days=offset))
        assert res.day == date(2025, 9, 30)
        assert res.reason == "holiday" and res.holiday_name == "国庆节"
    res = cal.resolve(date(2025, 10, 1))
    assert res.note() == "2025-10-01 是国庆节休市日，A股不交易；以下为此前最近交易日 2025-09-30 的数据"
    assert res.note("en") == (
        "2025-10-01 is a market holiday (National Day); A-shares did not trade. "
        "Showing the most recent earlier session, 2025-09-30."
    )
    assert cal.next(date(2025, 9, 30)) == date(2025, 10, 9)


def test_trading_day_needs_no_note(cal):
    res = cal.resolve(date(2025, 10, 9))
    assert res.day == res.requested and res.reason is None and res.note() is None


def test_previous_and_sessions(cal):
    assert cal.previous(date(2025, 10, 9)) == date(2025, 9, 30)
    assert cal.sessions(date(2025, 9, 29), date(2025, 10, 10)) == [
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
        date(2025, 10, 10),
    ]


def test_before_data_begins_is_a_clear_error(cal):
    with pytest.raises(InvalidDateError, match="1991-04-03"):
        cal.resolve(date(1989, 6, 1))


def test_after_the_store_the_bundled_rule_applies(cal):
    assert cal.covered_through == date(2026, 7, 31)
    assert not cal.is_trading_day(date(2026, 9, 25))  # 中秋节 2026
    res = cal.resolve(date(2026, 10, 7))
    assert res.day == date(2026, 9, 30) and res.holiday_name == "国庆节"
    assert cal.next(date(2026, 9, 30)) == date(2026, 10, 8)
    assert cal.resolve(date(2030, 1, 15)).day == date(2030, 1, 15)  # far future: weekday rule


def test_bundled_closures_agree_with_the_real_history(cal):
    for day in CLOSURES:
        if day <= date(2026, 7, 31):
            assert not cal.is_trading_day(day), day
    weekdays_2025 = [date(2025, 1, 1) + timedelta(days=i) for i in range(365)]
    missing = [d for d in weekdays_2025 if d.weekday() < 5 and not cal.is_trading_day(d)]
    assert set(missing) == {d for d in CLOSURES if d.year == 2025}


def test_latest_session_and_trading_hours(cal):
    assert cal.latest_session(datetime(2025, 10, 9, 14, 59, tzinfo=SH)) == date(2025, 9, 30)
    assert cal.latest_session(datetime(2025, 10, 9, 15, 0, tzinfo=SH)) == date(2025, 10, 9)
    assert cal.latest_session(datetime(2025, 10, 9, 7, 30, tzinfo=ZoneInfo("UTC"))) == date(2025, 10, 9)
    assert cal.latest_session(datetime(2025, 10, 4, 12, 0)) == date(2025, 9, 30)
    assert cal.is_trading_hours(datetime(2025, 10, 9, 10, 0, tzinfo=SH))
    assert not cal.is_trading_hours(datetime(2025, 10, 9, 12, 0, tzinfo=SH))
    assert not cal.is_trading_hours(datetime(2025, 10, 8, 10, 0, tzinfo=SH))


def test_cached_sina_calendar_takes_precedence(tmp_path):
    days = [date(1990, 12, 19), date(1990, 12, 20)] + [
        date(2027, 1, 4) + timedelta(days=i) for i in range(30) if (date(2027, 1, 4) + timedelta(days=i)).weekday() < 5
    ]
    days.remove(date(2027, 1, 5))  # pretend an unannounced closure
    (tmp_path / SINA_CACHE_NAME).write_text("# cached\n" + "\n".join(d.isoformat() for d in days) + "\n")
    cal = TradingCalendar.load(make_settings(tmp_path), None)
    assert cal.source == "sina"
    assert not cal.is_trading_day(date(2027, 1, 5))
    assert cal.resolve(date(1990, 12, 21)).day == date(1990, 12, 20)


def test_refresh_failure_returns_false_without_network(tmp_path):
    settings = make_settings(tmp_path, http_retries=0)
    cal = TradingCalendar.load(settings, None)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://finance.sina.com.cn/realstock/company/klc_td_sh.txt", status=500)
        assert cal.refresh(settings) is False
    assert not (tmp_path / SINA_CACHE_NAME).exists()
