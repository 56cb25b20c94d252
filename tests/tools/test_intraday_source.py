"""Minute-bar refresh: akshare's own trends2 parser on wire-format payloads; only HTTP is faked."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import requests
import responses
from responses import matchers

from tests.tools.intraday_fixtures import (
    SECIDS,
    TRENDS_URL,
    data_null_payload,
    session,
    trends_payload,
)
from tools.intraday.service import IntradayData

SH = ZoneInfo("Asia/Shanghai")
PAST = [date(2026, 5, 8), date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13)]
TODAY = date(2026, 5, 14)


def at(hour: int, minute: int, second: int = 0, day: date = TODAY):
    moment = datetime.combine(day, time(hour, minute, second), SH)
    return lambda: moment


def five_sessions(upto: time | None, **today: object) -> dict:
    bars: dict = {}
    for k, day in enumerate(PAST):
        bars.update(session(day, (1.0 + 0.1 * k) * 1e12, tilt=0.05 * (k - 2)))
    bars.update(session(TODAY, 1.3e12, upto=upto, **today))  # type: ignore[arg-type]
    return bars


def add(rsps: responses.RequestsMock, code: str, **kwargs: object) -> None:
    rsps.add(
        responses.GET,
        TRENDS_URL,
        match=[matchers.query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
        **kwargs,  # type: ignore[arg-type]
    )


def add_both(rsps: responses.RequestsMock, bars: dict, sz_skip: tuple = ()) -> None:
    add(rsps, "000001", json=trends_payload("000001", bars))
    add(rsps, "399106", json=trends_payload("399106", bars, skip=sz_skip))


def test_refresh_is_two_requests_and_stores_a_session_in_progress(settings, runner, rsps):
    bars = five_sessions(time(10, 42))  # the 10:42 bar is still forming at 10:41:30
    add_both(rsps, bars)
    data = IntradayData(settings, clock=at(10, 41, 30), runner=runner)
    result = data.refresh()
    assert result.ok and result.requests == 2 and len(rsps.calls) == 2  # no code-map lookup
    assert [c.request.params["secid"] for c in rsps.calls] == ["1.000001", "0.399106"]
    assert result.sessions == [*PAST, TODAY] and result.new_bar
    assert result.bars_written == 4 * 241 + 73 and result.latest_bar == datetime(2026, 5, 14, 10, 42, tzinfo=SH)
    report = data.report()
    assert report.live and report.market_state == "open" and report.at == time(10, 41)  # not the forming bar
    expected = sum(sh + sz for t, (sh, sz) in bars.items() if t.date() == TODAY and t.time() <= time(10, 41))
    assert report.total_yi == round(expected / 1e8, 1) and report.missing_minutes == 0
    assert report.source == "eastmoney:trends2:000001+399106"


def test_lunch_break_reports_the_morning(settings, runner, rsps):
    add_both(rsps, five_sessions(time(11, 30)))
    data = IntradayData(settings, clock=at(12, 10), runner=runner)
    assert data.refresh().ok
    report = data.report()
    assert report.market_state == "lunch" and report.live and report.at == time(11, 30)
    assert report.bars == 121 and report.estimate is not None


def test_a_minute_missing_from_one_index_is_not_stored(settings, runner, rsps):
    bars = five_sessions(time(10, 30))
    add_both(rsps, bars, sz_skip=(datetime(2026, 5, 14, 10, 15),))
    data = IntradayData(settings, clock=at(10, 30, 40), runner=runner)
    assert data.refresh().ok
    report = data.report()
    assert report.missing_minutes == 1 and report.bars == 60
    full = sum(sh + sz for t, (sh, sz) in bars.items() if t.date() == TODAY)
    gap = sum(bars[datetime(2026, 5, 14, 10, 15)])
    assert report.total_yi == round((full - gap) / 1e8, 1)


def test_a_later_refresh_fills_the_gap_and_counts_unchanged_bars(settings, runner, rsps):
    first = five_sessions(time(10, 0))
    add_both(rsps, first, sz_skip=(datetime(2026, 5, 14, 9, 45),))
    data = IntradayData(settings, clock=at(10, 0, 30), runner=runner)
    assert data.refresh().bars_written == 4 * 241 + 30
    rsps.reset()
    add_both(rsps, five_sessions(time(10, 5)))
    later = IntradayData(settings, clock=at(10, 5, 30), runner=runner).refresh()
    assert later.bars_written == 1 + 5 and later.bars_unchanged == 4 * 241 + 30 and later.new_bar
    assert IntradayData(settings, clock=at(10, 5, 30)).report().missing_minutes == 0


def test_data_null_is_a_failure_and_nothing_is_stored(settings, runner, rsps):
    add(rsps, "000001", json=data_null_payload())
    add(rsps, "399106", json=trends_payload("399106", five_sessions(time(10, 0))))
    data = IntradayData(settings, clock=at(10, 0, 30), runner=runner)
    result = data.refresh()
    assert not result.ok and "unexpected payload" in result.errors[0] and result.requests == 1
    assert data.sessions() == [] and result.latest_bar is None


def test_failing_source_retries_then_opens_the_breaker(settings, runner, rsps, sleeps):
    add(rsps, "000001", status=502, body="Bad Gateway")
    data = IntradayData(settings, clock=at(10, 0, 30), runner=runner)
    for _ in range(settings.breaker_failures):
        result = data.refresh()
        assert not result.ok and "HTTP 502" in result.errors[0] and result.requests == 2  # one retry
    skipped = data.refresh()
    assert not skipped.ok and skipped.requests == 0 and "skipped after repeated failures" in skipped.errors[0]
    assert data.sessions() == []


def test_connection_refused_is_a_typed_failure(settings, runner, rsps):
    add(rsps, "000001", body=requests.ConnectionError("Connection aborted. RemoteDisconnected"))
    result = IntradayData(settings, clock=at(10, 0, 30), runner=runner).refresh()
    assert not result.ok and result.errors == ["eastmoney:trends2: connection failed"]


def test_the_wrong_security_is_rejected(settings, runner, rsps):
    bars = five_sessions(time(10, 0))
    wrong = trends_payload("000001", bars)
    wrong["data"].update(market=0, name="平安银行")  # 0.000001 is a bank, not 上证指数
    add(rsps, "000001", json=wrong)
    add(rsps, "399106", json=trends_payload("399106", bars))
    data = IntradayData(settings, clock=at(10, 0, 30), runner=runner)
    result = data.refresh()
    assert not result.ok and "平安银行" in result.errors[0] and data.sessions() == []


@pytest.mark.parametrize("clock", [at(9, 20), at(10, 0, day=date(2026, 5, 16))])
def test_before_the_open_or_on_a_weekend_the_last_session_is_shown_with_a_note(settings, runner, rsps, clock):
    bars = {t: v for t, v in five_sessions(None).items() if t.date() != TODAY}
    add_both(rsps, bars)
    data = IntradayData(settings, clock=clock, runner=runner)
    assert data.refresh().ok
    report = data.report()
    assert report.date == PAST[-1] and not report.live and report.note
    assert report.note.startswith("今天") and ("休市" in report.note or "尚未开盘" in report.note)
