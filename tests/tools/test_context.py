from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import responses

from tests.tools.conftest import FLOW_URL, HSGT_URL, make_settings, payload
from tools.context import clear_cache, market_context
from tools.sources.router import SourceRouter

SH = ZoneInfo("Asia/Shanghai")
OCT9 = date(2025, 10, 9)
DURING = datetime(2025, 10, 9, 14, 0, tzinfo=SH)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def live(tmp_path):
    return make_settings(tmp_path, auto_fetch=True)


def test_live_context_for_the_latest_session(live, rsps):
    rsps.add(responses.GET, FLOW_URL, json=payload("em_sector_flow_industry.json"))
    rsps.add(responses.GET, HSGT_URL, json=payload("em_hsgt_summary.json"))
    router = SourceRouter(live)
    ctx = market_context(OCT9, live, now=DURING, router=router)
    assert ctx.available and ctx.source == "eastmoney:fund-flow+hsgt"
    assert [s.name for s in ctx.sectors][:2] == ["半导体", "软件开发"] and len(ctx.sectors) == 5
    assert ctx.northbound_net_yi == pytest.approx(70.1, abs=0.01)
    assert ctx.notes == []
    sent = router.requests_made
    assert market_context(OCT9, live, now=DURING, router=router) == ctx  # cached success
    assert router.requests_made == sent


def test_history_is_honestly_unavailable(live):
    ctx = market_context(date(2025, 9, 30), live, now=DURING)
    assert not ctx.available
    assert ctx.notes[0] == "板块与北向资金数据只有实时接口，无法提供 2025-09-30 的历史数据"
    assert "no history for 2025-09-30" in ctx.notes[1]


def test_live_data_off(settings):
    ctx = market_context(OCT9, settings, now=DURING)
    assert not ctx.available and ctx.notes[0].startswith("实时数据未开启")


def test_failing_sources_give_a_note_and_are_not_cached(live, rsps):
    rsps.add(responses.GET, FLOW_URL, status=500)
    rsps.add(
        responses.GET,
        HSGT_URL,
        json={"version": None, "result": None, "success": False, "message": "返回数据为空", "code": 9201},
    )
    router = SourceRouter(live)
    ctx = market_context(OCT9, live, now=DURING, router=router)
    assert not ctx.available and len(ctx.notes) == 2
    assert "HTTP 500" in ctx.notes[0]
    rsps.replace(responses.GET, FLOW_URL, json=payload("em_sector_flow_industry.json"))
    again = market_context(OCT9, live, now=DURING, router=router)
    assert again.available and again.sectors[0].name == "半导体"
    assert again.northbound_net_yi is None and "北向" in again.notes[0]


def test_before_the_open_the_latest_session_is_the_previous_one(live):
    ctx = market_context(OCT9, live, now=datetime(2025, 10, 9, 8, 0, tzinfo=SH))
    assert not ctx.available and "2025-10-09" in ctx.notes[0]
