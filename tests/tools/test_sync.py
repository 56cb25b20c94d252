from __future__ import annotations

import sqlite3
from datetime import date

import responses

from tests.tools.conftest import (
    KLINE_URL,
    SSE_URL,
    SZSE_URL,
    XLSX,
    add_history_klines,
    add_kline,
    history,
    kline_payload,
    payload,
    payload_bytes,
    truncated_store,
)
from tools.calendar import SINA_CACHE_NAME
from tools.daily.models import yuan_to_yi
from tools.daily.store import TurnoverStore
from tools.daily.sync import update_store

SEPT30, OCT9, OCT17 = date(2025, 9, 30), date(2025, 10, 9), date(2025, 10, 17)


def test_incremental_update_fetches_only_missing_days_in_two_requests(settings, router, rsps):
    store = truncated_store(settings.data_dir, SEPT30)
    sent = add_history_klines(rsps, SEPT30, OCT17)  # the server answers from the session before the first gap
    result = update_store(store, settings, end=OCT17, router=router)
    assert result.errors == []
    assert (result.start, result.end) == (OCT9, OCT17)
    assert result.written == 7 and result.requests == 2
    assert result.sources == ["eastmoney:sh000001+sz399106"]
    params = [c.request.params for c in rsps.calls]
    # One session earlier than the first missing day, in the same request: its close gives Oct 9's % change.
    assert {(p["beg"], p["end"]) for p in params} == {("20250930", "20251017")}
    store.close()

    reopened = TurnoverStore.open(settings.data_dir)
    assert reopened.last_date() == OCT17
    row = reopened.get(OCT9)
    assert row is not None and yuan_to_yi(row.total_yuan) == 26532.0
    assert row.source == "eastmoney:sh000001+sz399106"
    real = {r.date: r for r in sent}
    assert row.sh_close == round(real[OCT9].sh_close or 0, 2)
    expected_pct = (round(real[OCT9].sh_close or 0, 2) / round(real[SEPT30].sh_close or 0, 2) - 1) * 100
    assert row.sh_change_pct == round(expected_pct, 4)
    assert abs((row.sh_change_pct or 0) - (real[OCT9].sh_change_pct or 0)) < 0.01  # baostock's own figure
    assert row.sz_index == "sz399106" and row.sz_close is not None and row.sz_change_pct is not None
    # Up to date now: a second update sends nothing.
    again = update_store(reopened, settings, end=OCT17, router=router)
    assert again.written == 0 and again.requests == 0 and again.start is None


def test_nothing_stored_when_every_source_fails(settings, router, rsps):
    store = truncated_store(settings.data_dir, SEPT30)
    rsps.add(responses.GET, KLINE_URL, status=502)
    rsps.add(responses.GET, SSE_URL, status=503)
    result = update_store(store, settings, end=OCT17, router=router)
    assert result.written == 0
    assert result.errors and all("\n" not in e for e in result.errors)
    assert "HTTP 502" in result.errors[0]
    store.close()
    assert TurnoverStore.open(settings.data_dir).last_date() == SEPT30


def test_primary_failure_falls_back_to_the_exchanges(settings, router, rsps):
    store = truncated_store(settings.data_dir, SEPT30)
    rsps.add(responses.GET, KLINE_URL, body="<html>gateway</html>", status=500)
    rsps.add(responses.GET, SSE_URL, json=payload("sse_deal_daily_20251009.json"))
    rsps.add(responses.GET, SZSE_URL, body=payload_bytes("szse_summary_20251009.xlsx"), content_type=XLSX)
    result = update_store(store, settings, end=OCT9, router=router)
    assert result.written == 1 and result.sources == ["exchanges:sse+szse"]
    assert result.errors == ["eastmoney: server error (HTTP 500)"]
    row = store.get(OCT9)
    assert row is not None and yuan_to_yi(row.total_yuan) == 26525.2


def test_partial_rows_are_never_written(settings, router, rsps):
    store = truncated_store(settings.data_dir, SEPT30)
    rows = history(OCT9, date(2025, 10, 10))
    add_kline(rsps, "sh000001", json=kline_payload("sh000001", [(r.date, r.sh_yuan) for r in rows]))
    add_kline(rsps, "sz399106", json=kline_payload("sz399106", [(rows[0].date, rows[0].sz_yuan)]))
    rsps.add(responses.GET, SSE_URL, status=500)
    result = update_store(store, settings, end=date(2025, 10, 10), router=router)
    assert result.written == 1
    assert store.get(date(2025, 10, 10)) is None  # SH only: not stored
    assert any(e.startswith("2025-10-10") for e in result.errors)


def test_known_gap_is_filled_when_an_independent_calendar_is_cached(settings, router, rsps):
    store = truncated_store(settings.data_dir, OCT17)
    store.close()
    with sqlite3.connect(settings.data_dir / "turnover.sqlite") as conn:
        conn.execute("DELETE FROM daily_turnover WHERE date = '2025-10-10'")
    sessions = [r.date for r in history(date(1991, 1, 1), OCT17)]
    (settings.data_dir / SINA_CACHE_NAME).write_text("\n".join(d.isoformat() for d in sessions))
    store = TurnoverStore.open(settings.data_dir)
    add_history_klines(rsps, date(2025, 10, 10), date(2025, 10, 10))
    result = update_store(store, settings, end=OCT17, router=router)
    assert (result.start, result.end, result.written, result.requests) == (date(2025, 10, 10), date(2025, 10, 10), 1, 2)
    assert store.get(date(2025, 10, 10)) is not None


def test_store_never_writes_an_infinite_amount(tmp_path):
    from datetime import UTC, datetime

    from tools.daily.models import DailyTurnover

    store = TurnoverStore.open(tmp_path)
    try:
        day, now = date(2030, 1, 2), datetime.now(UTC)
        bad = DailyTurnover(date=day, sh_yuan=float("inf"), sz_yuan=1e12, source="t", fetched_at=now)
        assert store.upsert([bad]) == 0 and store.get(day) is None
        assert store.upsert([bad.model_copy(update={"sh_yuan": 1e12})]) == 1
    finally:
        store.close()
