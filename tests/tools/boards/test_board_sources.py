"""akshare's own board parsers on wire-format answers, and the incremental sync over them (only HTTP is faked)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.tools.boards.conftest import AFTER_CLOSE, OCT9, YI, ZONE, write_watchlist
from tests.tools.boards.wire import CONCEPT_URL, INDUSTRY_URL, add_board, add_ths, kline_payload
from tools.errors import NoDataError, SourceError
from tools.sources import boards as source

OCT10 = date(2025, 10, 10)
SEP30 = date(2025, 9, 30)


def _serve_all(rsps, days: list[date], scale: float = 1.0) -> None:
    """Every watchlist board answers with rows for ``days`` (amounts in 亿元, synthetic)."""
    for code, name, kind, base in (
        ("BK1036", "半导体", "industry", 2000),
        ("BK1134", "算力概念", "concept", 2500),
        ("BK0800", "人工智能", "concept", 1500),
        ("BK0475", "银行", "industry", 600),
    ):
        rows = [(d, (base + 100 * i) * YI * scale) for i, d in enumerate(days)]
        add_board(rsps, code, kind, json=kline_payload(code, name, rows))


# --- the parsers ---------------------------------------------------------------------------------
def test_industry_over_http_and_concept_over_https_one_request_each(rsps, runner):
    add_board(rsps, "BK1036", "industry", json=kline_payload("BK1036", "半导体", [(OCT9, 3e11), (OCT10, 2.5e11)]))
    add_board(rsps, "BK1134", "concept", json=kline_payload("BK1134", "算力概念", [(OCT9, 2e11)]))
    industry = runner.call(source.SOURCE, lambda: source.board_amounts("BK1036", "industry", OCT9, OCT10))
    concept = runner.call(source.SOURCE, lambda: source.board_amounts("BK1134", "concept", OCT9, OCT10))
    assert industry == {OCT9: 3e11, OCT10: 2.5e11}  # 成交额 is the 7th field, in 元
    assert concept == {OCT9: 2e11}
    assert [c.request.url.split("?")[0] for c in rsps.calls] == [INDUSTRY_URL, CONCEPT_URL]
    first = rsps.calls[0].request
    assert first.params["secid"] == "90.BK1036" and (first.params["beg"], first.params["end"]) == (
        "20251009",
        "20251010",
    )
    assert first.req_kwargs["timeout"] == 2.0 and runner.requests_made == 2


def test_no_klines_is_no_data_for_both_kinds(rsps):
    add_board(rsps, "BK1036", "industry", json=kline_payload("BK1036", "半导体", []))
    add_board(rsps, "BK1134", "concept", json=kline_payload("BK1134", "算力概念", []))
    with pytest.raises(NoDataError):
        source.board_amounts("BK1036", "industry", OCT9, OCT9)
    with pytest.raises(NoDataError):
        source.board_amounts("BK1134", "concept", OCT9, OCT9)


def test_unknown_code_is_not_an_outage_and_server_errors_are(rsps, runner):
    null = {"rc": 0, "rt": 17, "svr": 177617938, "lt": 1, "full": 0, "dlmkts": "", "data": None}
    add_board(rsps, "BK9998", "industry", json=null)
    add_board(rsps, "BK9999", "concept", json=null)
    add_board(rsps, "BK1134", "concept", status=502)
    for code, kind in (("BK9998", "industry"), ("BK9999", "concept")):
        with pytest.raises(source.UnknownBoardError, match=f"does not know board {code}"):
            runner.call(source.SOURCE, lambda c=code, k=kind: source.board_amounts(c, k, OCT9, OCT9))
    assert runner.breaker(source.SOURCE).failures == 0  # a wrong code in the watchlist does not trip the breaker
    with pytest.raises(SourceError, match="502"):
        runner.call(source.SOURCE, lambda: source.board_amounts("BK1134", "concept", OCT9, OCT9))
    assert runner.breaker(source.SOURCE).failures == 1


def test_ths_industry_summary_gbk_pages_in_yi(rsps):
    add_ths(rsps, [[("半导体", 812.3, 2.1), ("证券", 700.0, 1.0)], [("银行", 300.5, -0.5)]])
    ranking = source.industry_ranking()
    assert ranking == [("半导体", 812.3e8, 2.1), ("证券", 700e8, 1.0), ("银行", 300.5e8, -0.5)]
    assert len(rsps.calls) == 2  # each page once (the page count is on page 1; akshare read it twice)


# --- the sync ------------------------------------------------------------------------------------
def test_update_backfills_then_asks_only_for_the_missing_range(rsps, market):
    boards = market.boards()
    _serve_all(rsps, [SEP30, OCT9])
    add_ths(rsps, [[("半导体", 812.3, 2.1)]])
    first = boards.update(end=OCT9)
    assert first.ok and first.written == 8 and first.boards_fetched == 4
    assert first.requests == 4  # one per board; no ranking for a past day
    assert rsps.calls[0].request.params["beg"] == "20250929"  # end - boards_backfill_days (10)
    rsps.calls.reset()
    _serve_all(rsps, [OCT10], scale=1.1)
    second = boards.update()  # up to the latest closed session, 2025-10-10, after its close
    assert second.ok and second.requests == 4 + 1  # four boards + the ranking (one page, read once)
    assert {c.request.params.get("beg") for c in rsps.calls if "push2his" in c.request.url} == {"20251010"}
    assert second.ranking_written == 1
    report = boards.day()
    assert report.date == OCT10 and report.prev_date == OCT9
    assert report.industry_ranking[0].name == "半导体" and report.industry_ranking[0].amount_yi == 812.3
    again = boards.update()
    assert again.requests == 0 and again.boards_current == 4  # nothing missing, nothing asked


def test_failing_mid_list_keeps_what_was_fetched_and_invents_nothing(rsps, market):
    boards = market.boards()
    add_board(rsps, "BK1036", "industry", json=kline_payload("BK1036", "半导体", [(OCT9, 3e11)]))
    add_board(rsps, "BK1134", "concept", status=502)
    add_board(rsps, "BK0800", "concept", status=502)
    add_board(rsps, "BK0475", "industry", status=502)
    result = boards.update(end=OCT9, ranking=False)
    assert result.boards_fetched == 1 and result.written == 1
    assert len(result.errors) == 3 and "算力概念 (BK1134)" in result.errors[0] and "502" in result.errors[0]
    stored = boards.store.all()
    assert [(r.code, r.date, r.amount_yuan) for r in stored] == [("BK1036", OCT9, 3e11)]
    assert result.requests == 1 + 3 * 2  # each failing board tried twice (one retry)
    # Three failed boards opened the breaker: the next update skips them without a request.
    later = boards.update(end=OCT9, ranking=False)
    assert later.requests == 0 and all("skipped after repeated failures" in e for e in later.errors)
    report = boards.day(OCT9)
    assert [b.code for b in report.top] == ["BK1036"] and len(report.missing) == 3


def test_renamed_board_keeps_its_code_and_history(rsps, market, tmp_path):
    boards = market.boards()
    add_board(rsps, "BK1134", "concept", json=kline_payload("BK1134", "算力概念", [(SEP30, 2.6e11)]))
    write_watchlist(market.settings.boards_watchlist, [dict(code="BK1134", name="算力概念", kind="concept")])
    assert boards.update(end=SEP30, ranking=False).written == 1
    # Eastmoney renames the board; the watchlist follows with the same code and a new name.
    write_watchlist(market.settings.boards_watchlist, [dict(code="BK1134", name="AI算力", kind="concept")])
    add_board(rsps, "BK1134", "concept", json=kline_payload("BK1134", "AI算力", [(OCT9, 2.5e11)]))
    renamed = market.boards()
    assert renamed.update(end=OCT9, ranking=False).written == 1
    day = renamed.day(OCT9)
    assert day.top[0].name == "AI算力" and day.top[0].renamed_from == "算力概念" and day.top[0].change_yi == -100.0
    history = renamed.history("AI算力")
    assert history.sessions == 2 and history.record_date == SEP30 and not history.is_record


def test_ranking_only_after_the_close_of_a_session(rsps, board_settings, router):
    from tools.service import MarketData

    during = MarketData(board_settings, router=router, clock=lambda: datetime(2025, 10, 10, 14, 0, tzinfo=ZONE))
    _serve_all(rsps, [SEP30, OCT9])
    add_ths(rsps, [[("半导体", 812.3, 2.1)]])
    result = during.boards().update()
    assert result.end == OCT9 and result.ranking_written == 0
    assert not any("10jqka" in c.request.url for c in rsps.calls)  # a live snapshot mid-session is not a day's figure
    assert AFTER_CLOSE.date() == date(2025, 10, 10)


def test_a_wrong_code_in_the_watchlist_is_reported_and_the_rest_fetched(rsps, market):
    null = {"rc": 0, "rt": 17, "svr": 177617938, "lt": 1, "full": 0, "dlmkts": "", "data": None}
    add_board(rsps, "BK1036", "industry", json=null)
    for code, name, kind in (
        ("BK1134", "算力概念", "concept"),
        ("BK0800", "人工智能", "concept"),
        ("BK0475", "银行", "industry"),
    ):
        add_board(rsps, code, kind, json=kline_payload(code, name, [(OCT9, 1e11)]))
    result = market.boards().update(end=OCT9, ranking=False)
    assert result.boards_fetched == 3 and result.written == 3 and result.requests == 4
    assert result.errors == ["半导体 (BK1036): Eastmoney does not know board BK1036 (data: null); check the watchlist"]
