"""The agent's tools over the data facades: compact JSON, explicit no_data/error results, citation numbers."""

from __future__ import annotations

import json
import logging

import pytest

from agent.llm.tool_schemas import TOOL_NAMES
from agent.llm.tools import TurnRecorder, build_tools
from tests.agent.agent_fakes import StubMarket, StubNews, failing_source, make_ctx


@pytest.fixture
def recorder() -> TurnRecorder:
    return TurnRecorder()


def tools_for(tmp_path, recorder, **kw):
    return {t.name: t for t in build_tools(make_ctx(tmp_path, **kw), recorder)}


def run(tool, **args) -> dict:
    return json.loads(tool.invoke(args))


def test_tools_have_schemas_and_descriptions(tmp_path, recorder):
    tools = tools_for(tmp_path, recorder)
    assert tuple(tools) == TOOL_NAMES
    for tool in tools.values():
        assert len(tool.description) > 40
        schema = tool.args_schema.model_json_schema()
        assert schema["type"] == "object"
        assert schema["properties"]
    assert set(tools["turnover_intraday"].args_schema.model_json_schema()["properties"]) == {"date", "at"}
    news_props = tools["search_news"].args_schema.model_json_schema()["properties"]
    assert set(news_props) == {"query", "date", "window_days", "k"}
    assert "untrusted" in tools["search_news"].description.lower()


def test_turnover_day_is_the_reports_json(tmp_path, recorder):
    market = StubMarket()
    tools = tools_for(tmp_path, recorder, market=market)
    text = tools["turnover_day"].invoke({"date": "2025-10-09"})
    assert text == StubMarket().turnover(__import__("datetime").date(2025, 10, 9)).to_json()
    assert json.loads(text)["total_yi"] == 26532.0 and json.loads(text)["unit"] == "亿元"
    assert run(tools["turnover_day"])["date"] == "2025-10-10"  # no date: the latest session
    assert recorder.calls == 2


def test_range_compare_context(tmp_path, recorder):
    tools = tools_for(tmp_path, recorder)
    rng = run(tools["turnover_range"], days=3, end="2025-10-10")
    assert [d["date"] for d in rng["days"]] == ["2025-09-30", "2025-10-09", "2025-10-10"]
    cmp_ = run(tools["compare_days"], a="2025-09-30", b="2025-10-09")
    assert cmp_["diff_yi"] == 4832.0
    ctx = run(tools["market_context"], date="2025-10-09")
    assert ctx["status"] == "no_data" and "sector" in ctx["message"]


@pytest.mark.parametrize(
    "name, args, fragment",
    [
        ("turnover_day", {"date": "昨天"}, "YYYY-MM-DD"),
        ("turnover_day", {"date": "2025-13-01"}, "YYYY-MM-DD"),
        ("turnover_range", {"days": 0}, "between 1 and 120"),
        ("turnover_range", {"days": 500}, "between 1 and 120"),
        ("compare_days", {"a": "2025-10-09", "b": ""}, "both a and b"),
        ("search_news", {"query": "  "}, "must not be empty"),
        ("search_news", {"query": "成交额", "k": 50}, "k must be"),
        ("search_news", {"query": "成交额", "window_days": 400}, "window_days"),
        ("turnover_chart", {"days": 1}, "between 5"),
    ],
)
def test_bad_arguments_give_a_correctable_error(tmp_path, recorder, name, args, fragment):
    result = run(tools_for(tmp_path, recorder)[name], **args)
    assert result["status"] == "error" and "bad argument" in result["message"] and fragment in result["message"]


def test_no_data_is_explicit(tmp_path, recorder):
    tools = tools_for(tmp_path, recorder, news=StubNews(hits=[]))
    day = run(tools["turnover_day"], date="2025-10-04")
    assert day == {"status": "no_data", "message": "2025-10-04 无成交数据（非交易日或超出数据范围）"}
    news = run(tools["search_news"], query="火星", date="2025-10-09")
    assert news["status"] == "no_data" and "火星" in news["message"]


def test_failing_sources_and_bugs_become_error_results(tmp_path, recorder, caplog):
    tools = tools_for(
        tmp_path,
        recorder,
        market=StubMarket(fail=failing_source()),
        news=StubNews(fail=RuntimeError("index corrupted")),
    )
    result = run(tools["turnover_day"], date="2025-10-09")
    assert result["status"] == "error" and "unavailable" in result["message"]
    result = run(tools["search_news"], query="成交额")
    assert result["status"] == "error" and "search_news failed" in result["message"]
    assert "index corrupted" in caplog.text  # logged for us, not shown to the model


def test_news_numbers_are_stable_within_a_turn(tmp_path, recorder):
    tools = tools_for(tmp_path, recorder)
    first = run(tools["search_news"], query="成交额", date="2025-10-09", window_days=2, k=2)
    again = run(tools["search_news"], query="放量", k=1)
    assert [i["n"] for i in first["items"]] == [1, 2] and again["items"][0]["n"] == 1
    assert first["untrusted_text"] is True and first["items"][0]["url"] == "https://news.example/1"
    refs = recorder.source_refs({2})
    assert [(r.n, r.title) for r in refs] == [(2, "资金回流权益市场")]


def test_chart_records_a_request(tmp_path, recorder):
    tools = tools_for(tmp_path, recorder)
    result = run(tools["turnover_chart"], days=30, end="2030-01-01", highlight="2025-10-09")
    assert result["status"] == "ok"
    assert recorder.chart.days == 30 and str(recorder.chart.end) == "2025-10-10"
    assert str(recorder.chart.highlight) == "2025-10-09"


def test_unexpected_failure_is_logged_once(tmp_path, recorder, caplog):
    caplog.set_level(logging.ERROR)
    tools = tools_for(tmp_path, recorder, market=StubMarket(fail=KeyError("x")))
    assert run(tools["compare_days"], a="2025-09-30", b="2025-10-09")["status"] == "error"
    assert caplog.text.count("tool compare_days failed") == 1


def test_intraday_is_no_data_without_minute_bars(tmp_path, recorder):
    # Nothing stored and live data off: an explicit no_data, and no request is made.
    out = json.loads(tools_for(tmp_path, recorder)["turnover_intraday"].invoke({}))
    assert out["status"] == "no_data" and "分钟" in out["message"]


def test_intraday_report_at_a_minute_from_imported_bars(tmp_path, recorder):
    from datetime import date, time

    from tests.tools.intraday_fixtures import flat_session, write_csv
    from tools.importer import import_file, load_kind

    tools = tools_for(tmp_path, recorder)
    csv = write_csv(
        tmp_path / "m.csv",
        flat_session(date(2025, 10, 9), 4e9, 6e9),
        flat_session(date(2025, 10, 10), 5e9, 6e9, upto=time(10, 0)),
    )
    from config import Settings

    assert import_file(csv, load_kind("intraday"), Settings(data_dir=tmp_path)).ok
    out = run(tools["turnover_intraday"], date="2025-10-10", at="10:00")
    assert out["total_yi"] == 31 * 110 and out["prev"]["total_yi"] == 31 * 100 and out["prev"]["direction"] == "up"
    assert out["prev"]["diff_yi"] == 310.0 and out["estimate"]["method"] == "share_of_day"
    bad = run(tools["turnover_intraday"], at="25:99")
    assert bad["status"] == "error" and "HH:MM" in bad["message"]


def test_turnover_stats_is_the_stats_api_on_the_real_data(tmp_path, recorder):
    from tests.agent.agent_fakes import real_ctx

    tools = {t.name: t for t in build_tools(real_ctx(tmp_path), recorder)}
    stats = tools["turnover_stats"]
    props = stats.args_schema.model_json_schema()["properties"]
    assert {"measure", "period", "part", "threshold_yi", "date", "since", "compare_to"} <= set(props)
    assert "2015-06" in stats.description and "last_week" in stats.description  # worked examples
    june = run(stats, measure="summary", period="2015-06")
    assert june["max_day"] == {"date": "2015-06-08", "value_yi": 22685.0} and june["period"]["sessions"] == 21
    from tests.agent.bank_reference import Reference

    count = run(stats, measure="count", period="2024", threshold_yi=20000)
    ref = Reference.load()
    assert count["count"] == ref.count_at_or_above(ref.year(2024), 20000) and count["period"]["sessions"] == 242
    rank = run(stats, measure="rank", period="all", date="2024-10-08")
    assert rank["rank"] == 1 and rank["day"]["value_yi"] == 34519.4  # the record as of the clock (2025-10-10)


def test_turnover_stats_offers_the_new_shapes_on_the_real_data(tmp_path, recorder):
    from datetime import date

    from tests.agent.agent_fakes import real_ctx
    from tests.agent.bank_reference import Reference

    ref = Reference.load()
    tools = {t.name: t for t in build_tools(real_ctx(tmp_path), recorder)}  # clock: 2025-10-10, after the close
    stats = tools["turnover_stats"]
    props = stats.args_schema.model_json_schema()["properties"]
    assert {"threshold_hi_yi", "value_yi", "compare_mode", "group_by", "rank_by", "dates"} <= set(props)
    for words in ("between", "percentile", "上周每天分别", "哪个月最高", "aligned", "2025H1"):
        assert words in stats.description
    year = ref.between(date(2025, 1, 1), date(2025, 10, 10))
    inside = [d for d in year if 1e12 <= ref.value(d) <= 1.5e12]
    count = run(stats, measure="count", period="ytd", direction="between", threshold_yi=10000, threshold_hi_yi=15000)
    assert count["count"] == len(inside) and count["period"]["sessions"] == len(year)
    history = ref.between(ref.days[0], date(2025, 10, 10))
    placed = run(stats, measure="percentile", value_yi=20000, part="sz")
    at_or_below = sum(1 for d in history if ref.value(d, "sz") <= 2e12)
    assert placed["percentile"] == round(at_or_below / len(history) * 100, 2) and placed["out_of"] == len(history)
    week = run(stats, measure="days", period="last_week")  # 2025-09-29..30 (then the National Day holiday)
    assert [r["date"] for r in week["rows"]] == ["2025-09-29", "2025-09-30"]
    assert week["rows"][1]["sh_yi"] == round(ref.value(date(2025, 9, 30), "sh") / 1e8, 1)
    named = run(stats, measure="days", dates=["2024-10-08", "2025-10-09"])
    assert [r["total_yi"] for r in named["rows"]] == [34519.4, 26532.0]
    months = run(stats, measure="group", period="ytd", group_by="month")
    sums = {m: ref.total(ref.month(2025, m)) for m in range(1, 11)}
    assert months["best"]["key"] == f"2025-{max(sums, key=sums.__getitem__):02d}" and months["group_count"] == 10
    aligned = run(stats, measure="compare", period="this_month", compare_mode="aligned")
    september = ref.month(2025, 9)
    assert aligned["aligned_sessions"] == 2 and aligned["b"]["period"]["last_session"] == str(september[1])
    assert aligned["b"]["sum_yi"] == round(ref.total(september[:2]) / 1e8, 1)
    half = run(stats, period="2025H1")
    assert half["period"]["label"] == "2025年上半年" and half["period"]["sessions"] == len(
        ref.between(date(2025, 1, 1), date(2025, 6, 30))
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"measure": "count", "period": "2025"}, "threshold"),  # a count needs its line
        ({"measure": "count", "period": "2025", "direction": "between", "threshold_yi": 10000}, "threshold_hi_yi"),
        ({"measure": "percentile", "period": "2025"}, "value_yi"),
        ({"measure": "days", "dates": ["2025-10-09", "十月一日"]}, "dates"),
        ({"measure": "summary", "period": "2015-13"}, "2015-13"),
        ({"measure": "rank", "date": "昨天"}, "YYYY-MM-DD"),
        ({"measure": "top", "n": 500}, "n"),
    ],
)
def test_turnover_stats_bad_arguments_come_back_to_the_model(tmp_path, recorder, args, message):
    from tests.agent.agent_fakes import real_ctx

    tools = {t.name: t for t in build_tools(real_ctx(tmp_path), recorder)}
    result = run(tools["turnover_stats"], **args)
    assert result["status"] == "error" and result["message"].startswith("bad ") and message in result["message"]


def test_demo_corpus_items_are_labelled_for_the_model_and_in_the_sources(tmp_path):
    from datetime import datetime

    from retrieval.models import NewsHit

    demo = NewsHit(
        id="demo-20251009-01",
        title="收评：节后首日放量",
        published_at=datetime(2025, 10, 9, 15, 30),
        source="marketbot 资料整理",
        url="http://finance.eastmoney.com/news/1.html",
        snippet="两市成交额26532.0亿元",
        score=0.9,
    )
    recorder = TurnRecorder(lang="zh")
    tools = {t.name: t for t in build_tools(make_ctx(tmp_path, news=StubNews(hits=[demo])), recorder)}
    item = run(tools["search_news"], query="放量")["items"][0]
    assert "summary written by this project" in item["note"]
    ref = recorder.source_refs()[0]
    assert ref.source == "marketbot 整理的摘要（非新闻原文）；链接为事实出处" and ref.url == demo.url
