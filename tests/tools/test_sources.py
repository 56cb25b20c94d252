"""akshare's own parsers on recorded wire-format payloads; only HTTP is faked (``responses``)."""

from __future__ import annotations

from datetime import date

import pytest
import requests
import responses

from tests.tools.conftest import (
    FLOW_URL,
    HSGT_URL,
    KLINE_URL,
    SSE_URL,
    SZSE_URL,
    XLSX,
    add_kline,
    payload,
    payload_bytes,
)
from tools.daily.models import yuan_to_yi
from tools.errors import NoDataError, SourceError, SourceUnavailableError
from tools.sources import exchanges

OCT9 = date(2025, 10, 9)


def _add_exchanges(rsps) -> None:
    rsps.add(responses.GET, SSE_URL, json=payload("sse_deal_daily_20251009.json"))
    rsps.add(responses.GET, SZSE_URL, body=payload_bytes("szse_summary_20251009.xlsx"), content_type=XLSX)


def _add_primary(rsps) -> None:
    add_kline(rsps, "sh000001", json=payload("em_kline_sh000001.json"))
    add_kline(rsps, "sz399106", json=payload("em_kline_sz399106.json"))


# --- primary: Eastmoney daily klines ------------------------------------------
def test_daily_range_two_requests_and_real_figures(router, rsps):
    _add_primary(rsps)
    rows = router.daily_range(date(2025, 9, 26), date(2025, 10, 10))
    assert [r.date for r in rows] == [date(2025, 9, 26), date(2025, 9, 29), date(2025, 9, 30), OCT9, date(2025, 10, 10)]
    oct9 = rows[3]
    assert oct9.sh_yuan == 1216888716062.2 and oct9.sz_yuan == 1436312889659.58
    assert yuan_to_yi(oct9.total_yuan) == 26532.0
    assert (yuan_to_yi(oct9.sh_yuan), yuan_to_yi(oct9.sz_yuan)) == (12168.9, 14363.1)
    assert oct9.source == "eastmoney:sh000001+sz399106"
    assert router.requests_made == 2
    assert {c.request.params["secid"] for c in rsps.calls} == {"1.000001", "0.399106"}
    assert rsps.calls[0].request.params["beg"] == "20250926"
    assert rsps.calls[0].request.req_kwargs["timeout"] == 2.0  # our timeout reached the wire


def test_only_days_present_in_both_indices(router, rsps):
    add_kline(rsps, "sh000001", json=payload("em_kline_sh000001.json"))
    sz = payload("em_kline_sz399106.json")
    sz["data"]["klines"] = sz["data"]["klines"][:-1]  # SZ lacks 2025-10-10
    add_kline(rsps, "sz399106", json=sz)
    rows = router.daily_range(date(2025, 9, 26), date(2025, 10, 10))
    assert rows[-1].date == OCT9


def test_data_null_is_a_source_error_not_a_crash(router, rsps):
    rsps.add(responses.GET, KLINE_URL, json=payload("em_kline_data_null.json"))
    with pytest.raises(SourceError, match="unexpected payload.*TypeError"):
        router.daily_range(OCT9, OCT9)
    assert router.requests_made == 1  # a malformed answer is not retried


def test_empty_klines_is_no_data(router, rsps):
    rsps.add(responses.GET, KLINE_URL, json=payload("em_kline_empty.json"))
    with pytest.raises(NoDataError):
        router.daily_range(date(2025, 10, 1), date(2025, 10, 8))


def test_malformed_json(router, rsps):
    rsps.add(responses.GET, KLINE_URL, body='{"rc":0,"data":{"klines":["2025-10-09,1')
    with pytest.raises(SourceError, match="unexpected payload"):
        router.daily_range(OCT9, OCT9)


def test_http_5xx_retried_then_fails(router, rsps, sleeps):
    rsps.add(responses.GET, KLINE_URL, status=503, body="Service Unavailable")
    with pytest.raises(SourceError, match="HTTP 503"):
        router.daily_range(OCT9, OCT9)
    assert router.requests_made == 2 and len(sleeps) == 1  # http_retries=1


def test_timeout(router, rsps):
    rsps.add(responses.GET, KLINE_URL, body=requests.ConnectTimeout("connect timed out"))
    with pytest.raises(SourceError, match="timed out after 2 s"):
        router.daily_range(OCT9, OCT9)


# --- fallback: the exchanges ----------------------------------------------------
def test_exchange_daily_figures(router, rsps):
    _add_exchanges(rsps)
    row = router.exchange_daily(OCT9)
    assert row.sh_yuan == pytest.approx(12164.13e8)  # 主板A + 主板B + 科创板, 亿元 -> 元
    assert row.sz_yuan == pytest.approx(1436102337415.27)
    assert yuan_to_yi(row.total_yuan) == 26525.2
    assert row.source == "exchanges:sse+szse"
    assert router.requests_made == 2


def test_fallback_switches_sources_when_primary_fails(router, rsps):
    rsps.add(responses.GET, KLINE_URL, status=500)
    _add_exchanges(rsps)
    row = router.daily(OCT9)
    assert row.source == "exchanges:sse+szse"
    assert yuan_to_yi(row.total_yuan) == 26525.2
    hosts = [requests.utils.urlparse(c.request.url).hostname for c in rsps.calls]
    assert hosts == ["push2his.eastmoney.com"] * 2 + ["query.sse.com.cn", "www.szse.cn"]


def test_primary_used_when_healthy(router, rsps):
    _add_primary(rsps)
    _add_exchanges(rsps)
    assert router.daily(OCT9).source.startswith("eastmoney")
    assert router.requests_made == 2


def test_all_sources_failing_raises_one_typed_error(router, rsps):
    rsps.add(responses.GET, KLINE_URL, status=500)
    rsps.add(responses.GET, SSE_URL, status=502)
    with pytest.raises(SourceError, match="all sources failed"):
        router.daily(OCT9)


def test_open_breaker_skips_primary(router, rsps):
    rsps.add(responses.GET, KLINE_URL, status=500)
    for _ in range(3):
        with pytest.raises(SourceError):
            router.daily_range(OCT9, OCT9)
    with pytest.raises(SourceUnavailableError):
        router.daily_range(OCT9, OCT9)
    _add_exchanges(rsps)
    before = router.requests_made
    assert router.daily(OCT9).source == "exchanges:sse+szse"
    assert router.requests_made - before == 2  # no request to Eastmoney


def test_sse_empty_result_is_no_data(router, rsps):
    rsps.add(responses.GET, SSE_URL, json=payload("sse_deal_daily_empty.json"))
    with pytest.raises(NoDataError):
        router.exchange_daily(date(2025, 10, 10))


def test_sse_swapped_columns_rejected(router, rsps):
    doc = payload("sse_deal_daily_20251009.json")
    doc["result"][2]["TRADE_AMT"] = "9497.36"  # 科创板 now wrong: sum no longer matches 股票
    rsps.add(responses.GET, SSE_URL, json=doc)
    with pytest.raises(SourceError, match="columns shifted"):
        router.exchange_daily(OCT9)


def test_implausible_pair_rejected():
    with pytest.raises(SourceError, match="implausible SH"):
        exchanges.validate_pair(OCT9, 12164.13, 1.4e12)  # SH left in 亿元
    with pytest.raises(SourceError, match="ratio"):
        exchanges.validate_pair(OCT9, 1.2e12, 1.4e11)
    assert exchanges.to_yuan(12164.13) == pytest.approx(1.216413e12)


def test_szse_http_error(router, rsps):
    rsps.add(responses.GET, SSE_URL, json=payload("sse_deal_daily_20251009.json"))
    rsps.add(responses.GET, SZSE_URL, status=500, body="error")
    with pytest.raises(SourceError, match="szse: server error"):
        router.exchange_daily(OCT9)


# --- context sources --------------------------------------------------------------
def test_sector_flows_and_northbound(router, rsps):
    rsps.add(responses.GET, FLOW_URL, json=payload("em_sector_flow_industry.json"))
    rsps.add(responses.GET, HSGT_URL, json=payload("em_hsgt_summary.json"))
    flows = router.sector_flows(3)
    assert [f.name for f in flows] == ["半导体", "软件开发", "电子元件"]
    assert flows[0].net_inflow_yi == 81.2 and flows[0].change_pct == 3.21
    day, net = router.northbound()
    assert day == OCT9 and net == pytest.approx(70.1, abs=0.01)  # (1053021.57 - 352003.43) 万元
