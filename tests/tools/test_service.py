"""The MarketData facade over a tmp store seeded from the bundled snapshot.

Live paths run the real SourceRouter and akshare's parsers, intercepted at
HTTP with recorded payloads (see conftest). The clock is injected so
"today", staleness and trading hours are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import responses
from responses.matchers import query_param_matcher

from tests.tools.conftest import KLINE_URL, add_history_klines, make_settings, truncated_store
from tools.daily.store import TurnoverStore
from tools.errors import InvalidDateError, NoDataError
from tools.registry import reset_shared
from tools.service import MarketData

SH = ZoneInfo("Asia/Shanghai")
OCT9 = date(2025, 10, 9)


def at(*args: int) -> Callable[[], datetime]:
    moment = datetime(*args, tzinfo=SH)
    return lambda: moment


@pytest.fixture(autouse=True)
def _fresh_shared():
    reset_shared()
    yield
    reset_shared()


@pytest.fixture
def market(settings) -> MarketData:
    return MarketData(settings, clock=at(2026, 11, 24, 10, 0))


def test_known_day_through_the_facade(market, settings):
    r = market.turnover(OCT9)
    assert (r.total_yi, r.sh_yi, r.sz_yi) == (26532.0, 12168.9, 14363.1)
    assert r.change_yi == 4717.9 and r.prev_date == date(2025, 9, 30)
    assert r.date_note is None and r.requested_date is None
    assert not r.stale and r.freshness_note is None  # a historical day is not "stale"
    assert [t.threshold_yi for t in r.thresholds] == settings.turnover_thresholds_yi
    assert (settings.data_dir / "turnover.sqlite").is_file()  # seeded on first use


def test_latest_day_from_the_snapshot_says_it_is_stale(market):
    r = market.turnover()
    assert r.date == date(2026, 7, 31) == market.latest_date()
    assert r.stale
    assert "数据截至 2026-07-31（内置历史快照）" in r.freshness_note and "marketbot data update" in r.freshness_note


def test_latest_day_is_fresh_when_no_session_has_closed_since(settings):
    # Saturday 2026-08-01: the last closed session is Friday 2026-07-31, which the snapshot has.
    r = MarketData(settings, clock=at(2026, 8, 1, 12, 0)).turnover()
    assert r.date == date(2026, 7, 31) and not r.stale and r.freshness_note is None


def test_english_freshness_note(tmp_path):
    en = MarketData(make_settings(tmp_path, lang="en"), clock=at(2026, 11, 24, 10, 0))
    assert en.turnover().freshness_note.startswith("Data ends on 2026-07-31 (bundled snapshot)")


def test_holiday_and_weekend_resolve_to_the_previous_session(market):
    r = market.turnover(date(2025, 10, 1))
    assert r.date == date(2025, 9, 30) and r.requested_date == date(2025, 10, 1)
    assert "国庆" in r.date_note and "2025-09-30" in r.date_note
    sat = market.turnover(date(2025, 9, 27))
    assert sat.date == date(2025, 9, 26) and "周六" in sat.date_note


@pytest.mark.parametrize(
    ("day", "words"),
    [(date(1991, 4, 2), "1991-04-03"), (date(1985, 1, 1), "早于数据起始日"), (date(2026, 11, 25), "未来")],
)
def test_invalid_dates(market, day, words):
    with pytest.raises(InvalidDateError) as err:
        market.turnover(day)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_today_is_not_future(market):
    with pytest.raises(NoDataError):  # today is valid, just not in the store
        market.turnover(date(2026, 11, 24))


def test_missing_trading_day_without_auto_fetch_names_latest_and_the_update_command(market):
    with pytest.raises(NoDataError) as err:
        market.turnover(date(2026, 8, 3))
    msg = str(err.value)
    assert "2026-08-03" in msg and "2026-07-31" in msg and "marketbot data update" in msg
    assert err.value.day == date(2026, 8, 3)


def test_auto_fetch_fills_the_missing_day_from_the_live_source(tmp_path, router, rsps):
    settings = make_settings(tmp_path, auto_fetch=True)
    truncated_store(tmp_path, date(2025, 9, 30)).close()
    add_history_klines(rsps, OCT9, OCT9)
    market = MarketData(settings, router=router, clock=at(2025, 10, 9, 16, 0))
    r = market.turnover(OCT9)
    assert r.total_yi == 26532.0 and r.source == "eastmoney:sh000001+sz399106"
    assert r.prev_date == date(2025, 9, 30) and r.change_yi == 4717.9
    assert not r.stale and r.as_of.year >= 2025
    assert router.requests_made == 2
    assert TurnoverStore.open(tmp_path).get(OCT9) is not None


def test_auto_fetch_failure_is_no_data_and_stores_nothing(tmp_path, router, rsps):
    settings = make_settings(tmp_path, auto_fetch=True)
    truncated_store(tmp_path, date(2025, 9, 30)).close()
    rsps.add(responses.GET, KLINE_URL, status=502)
    market = MarketData(settings, router=router, clock=at(2025, 10, 9, 16, 0))
    with pytest.raises(NoDataError) as err:
        market.turnover(OCT9)
    assert "2025-09-30" in str(err.value) and "502" in str(err.value)
    assert market.latest_date() == date(2025, 9, 30)


def test_stale_when_the_store_misses_the_latest_closed_session(tmp_path):
    truncated_store(tmp_path, date(2025, 9, 30)).close()
    market = MarketData(make_settings(tmp_path), clock=at(2025, 10, 9, 16, 0))
    r = market.turnover()
    assert r.date == date(2025, 9, 30) and r.stale and "2025-10-09" in r.freshness_note
    # Before the close the latest closed session is 2025-09-30 itself: fresh.
    assert not MarketData(make_settings(tmp_path), clock=at(2025, 10, 9, 11, 0)).turnover().stale


def test_update_delegates_to_sync(tmp_path, router, rsps):
    truncated_store(tmp_path, date(2025, 9, 30)).close()
    add_history_klines(rsps, OCT9, date(2025, 10, 10))
    market = MarketData(make_settings(tmp_path), router=router)
    result = market.update(end=date(2025, 10, 10))
    assert result.written == 2 and result.requests == 2
    assert market.latest_date() == date(2025, 10, 10)  # the warm series sees the new rows
    assert market.turnover(date(2025, 10, 10)).prev_date == OCT9


def test_range_and_compare(market):
    rr = market.turnover_range(5, OCT9)
    assert [d.date for d in rr.days][-1] == OCT9 and len(rr.days) == 5 and not rr.stale
    latest = market.turnover_range(3)
    assert latest.end == date(2026, 7, 31) and latest.stale and latest.freshness_note
    beyond = market.turnover_range(3, date(2026, 9, 1))  # past the store: what there is, flagged
    assert beyond.end == date(2026, 7, 31) and beyond.stale
    with pytest.raises(ValueError):
        market.turnover_range(0)
    with pytest.raises(InvalidDateError):
        market.turnover_range(5, date(2030, 1, 1))
    c = market.compare(date(2025, 9, 24), date(2025, 9, 25))
    assert c.diff_yi == 443.0 and c.b.total_yi == 23711.0  # from 元: +443.05


def test_instances_share_one_warm_store(settings):
    a, b = MarketData(settings), MarketData(settings)
    assert a.store is b.store and a._series() is b._series()
    assert a._router_or_new() is b._router_or_new()  # circuit breakers persist across questions


def test_intraday_only_live_and_in_trading_hours(tmp_path, runner, rsps):
    from datetime import datetime, time

    from tests.tools.intraday_fixtures import SECIDS, TRENDS_URL, session, trends_payload
    from tools.intraday.service import IntradayData

    settings = make_settings(tmp_path)
    assert MarketData(settings, clock=at(2025, 10, 9, 11, 0)).intraday() is None  # no minute data
    bars = session(date(2025, 9, 30), 2.18e12) | session(date(2025, 10, 9), 2.65e12, upto=time(11, 0))
    for code in ("000001", "399106"):
        rsps.get(
            TRENDS_URL,
            json=trends_payload(code, bars),
            match=[query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
        )
    assert IntradayData(settings, clock=at(2025, 10, 9, 11, 0), runner=runner).refresh().ok
    assert MarketData(settings, clock=at(2025, 10, 11, 10, 0)).intraday() is None  # Saturday
    assert MarketData(settings, clock=at(2025, 10, 9, 16, 0)).intraday() is None  # after the close
    now = MarketData(settings, clock=at(2025, 10, 9, 12, 0)).intraday()  # the lunch break: the morning
    so_far = sum(sh + sz for t, (sh, sz) in bars.items() if t.date() == date(2025, 10, 9))
    assert now is not None and now.total_yi == round(so_far / 1e8, 1)
    assert now.as_of == datetime(2025, 10, 9, 11, 0, tzinfo=now.as_of.tzinfo)
    assert now.prev_date == date(2025, 9, 30) and now.prev_total_yi == 21814.2  # the stored daily row
    assert now.source == "eastmoney:trends2:000001+399106"


def test_intraday_share_of_previous_day_is_computed_from_yuan(tmp_path, runner, rsps):
    """10.050005% of the previous day rounds to 10.1; from the total first rounded to 2192.3 亿元 it would be 10.0."""
    from datetime import time

    from tests.tools.intraday_fixtures import SECIDS, TRENDS_URL, flat_session, trends_payload
    from tools.intraday.service import IntradayData

    settings = make_settings(tmp_path)
    bars = flat_session(date(2025, 9, 30), 1e9, 1e9) | flat_session(
        date(2025, 10, 9), 1e9, 1_409_147_446.1, upto=time(11, 0)
    )
    for code in ("000001", "399106"):
        rsps.get(
            TRENDS_URL,
            json=trends_payload(code, bars),
            match=[query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
        )
    assert IntradayData(settings, clock=at(2025, 10, 9, 11, 0), runner=runner).refresh().ok
    now = MarketData(settings, clock=at(2025, 10, 9, 11, 0)).intraday()
    prev_yuan = MarketData(settings).store.get(date(2025, 9, 30)).total_yuan  # the stored daily row
    so_far = 91 * (1e9 + 1_409_147_446.1)  # 09:30 .. 11:00
    assert now is not None and now.total_yi == 2192.3
    assert round(so_far / prev_yuan * 100, 4) == 10.05
    assert now.share_of_prev_pct == 10.1


def test_a_clock_in_utc_is_read_in_exchange_time(tmp_path):
    from datetime import UTC, datetime

    # 2026-07-31 17:30 UTC is 2026-08-01 01:30 in Shanghai: the 1st is today there, not the future.
    market = MarketData(make_settings(tmp_path), clock=lambda: datetime(2026, 7, 31, 17, 30, tzinfo=UTC))
    assert market.now().date() == date(2026, 8, 1)
    market.validate_date(date(2026, 8, 1))


def test_context_offline_says_not_available(market):
    ctx = market.context(OCT9)
    assert not ctx.available and ctx.notes and ctx.date == OCT9


def test_context_live_has_no_history_for_past_days(tmp_path, router):
    live = MarketData(make_settings(tmp_path, auto_fetch=True), router=router, clock=at(2026, 11, 24, 10, 0))
    ctx = live.context(date(2025, 10, 4))  # a holiday resolves to its session first
    assert ctx.date == date(2025, 9, 30) and not ctx.available
    assert any("2025-09-30" in n for n in ctx.notes) and router.requests_made == 0


def test_chart_png_of_the_asked_size(market, tmp_path):
    out = tmp_path / "c.png"
    png = market.chart(days=30, highlight=OCT9, path=out, size=(640, 360))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and out.read_bytes() == png
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (640, 360)
    with pytest.raises(ValueError):
        market.chart(size=(10, 10))
