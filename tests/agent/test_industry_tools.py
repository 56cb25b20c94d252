"""The LLM's industry, index and breadth tools on the real bundled data, and the scripted agent using them.

Expected figures are computed here from the bundled files (industries CSV, daily snapshot), not copied from the
output; a day without rows is a no_data result, never an invented figure.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from langchain_core.messages import AIMessage

from agent.context import AgentContext
from agent.llm.agent_loop import LLMAgent
from agent.llm.tools import TurnRecorder, build_tools
from tests.agent.agent_fakes import ScriptedChatModel, call
from tests.agent.offline_env import fresh_context
from tests.bundled_industries import rows_by_day
from tools.daily.store import read_snapshot
from tools.industries.themes import find_theme

YI = 1e8
NOW = datetime(2026, 8, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
JUL30, JUL31, JAN14, JAN15 = date(2026, 7, 30), date(2026, 7, 31), date(2026, 1, 14), date(2026, 1, 15)


CSV = rows_by_day()


def amount(day: date, name: str) -> float:
    return float(CSV[day][name]["amount_yuan"])


def total(day: date) -> float:
    return sum(float(r["amount_yuan"]) for r in CSV[day].values())


@pytest.fixture
def ctx(tmp_path) -> Iterator[AgentContext]:
    yield from fresh_context(tmp_path / "data", NOW)


def tools(ctx: AgentContext) -> dict:
    return {t.name: t for t in build_tools(ctx, TurnRecorder())}


def run(tool, **args) -> dict:  # noqa: ANN001
    return json.loads(tool.invoke(args))


def test_the_tools_have_typed_schemas_with_examples(ctx):
    found = tools(ctx)
    for name in ("industry_split", "industry_share", "index_move", "market_breadth"):
        schema = found[name].args_schema.model_json_schema()
        assert schema["properties"] and "->" in found[name].description  # worked examples
    assert schema["properties"]["date"]["anyOf"][0]["type"] == "string"
    share = found["industry_share"].args_schema.model_json_schema()
    assert share["required"] == ["name"] and {"date", "sessions"} <= set(share["properties"])


def test_industry_split_of_a_down_day(ctx):
    body = run(tools(ctx)["industry_split"], date="2026-01-15", top=3)
    changes = {n: amount(JAN15, n) - amount(JAN14, n) for n in CSV[JAN15]}
    net = sum(changes.values())
    assert body["change_yi"] == round(net / YI, 1) < 0 and body["prev_date"] == "2026-01-14"
    worst = sorted(changes, key=changes.__getitem__)[:3]
    assert [m["name"] for m in body["decreases"]] == worst
    assert body["decreases"][0]["share_of_change_pct"] == round(changes[worst[0]] / net * 100, 1) > 0
    assert body["gross_increase_yi"] == round(sum(v for v in changes.values() if v > 0) / YI, 1)
    assert len(body["increases"]) <= 3


def test_industry_share_of_a_day_for_an_industry_and_a_theme(ctx):
    found = tools(ctx)
    body = run(found["industry_share"], name="半导体板块", date="2026-07-31")
    assert body["industry"]["share_of_turnover_pct"] == round(amount(JUL31, "半导体") / total(JUL31) * 100, 1)
    assert body["industry"]["change_yi"] == round((amount(JUL31, "半导体") - amount(JUL30, "半导体")) / YI, 1)
    assert body["history"]["sessions"] == len([d for d in CSV if d <= JUL31])
    ai = find_theme("AI")
    assert ai is not None
    theme = run(found["industry_share"], name="AI相关行业", date="2026-07-31")["theme"]
    ai_amount = sum(amount(JUL31, n) for n in ai.industries)
    assert theme["amount_yi"] == round(ai_amount / YI, 1)
    assert theme["share_of_turnover_pct"] == round(ai_amount / total(JUL31) * 100, 1)


def test_industry_share_over_a_year_is_thinned_but_exact(ctx):
    ai = find_theme("AI")
    assert ai is not None
    body = run(tools(ctx)["industry_share"], name="AI", sessions=250)
    days = sorted(CSV)[-250:]
    shares = [sum(amount(d, n) for n in ai.industries) / total(d) * 100 for d in days]
    assert body["sessions"] == len(days) and body["end"] == "2026-07-31"
    assert body["first_share_pct"] == round(shares[0], 1) and body["last_share_pct"] == round(shares[-1], 1)
    assert body["mean_share_pct"] == round(sum(shares) / len(shares), 1)
    assert len(body["points"]) <= 33 and body["points"][-1]["date"] == "2026-07-31" and "points_note" in body
    one = run(tools(ctx)["industry_share"], name="白酒", sessions=5)
    assert [p["share_pct"] for p in one["points"]] == [
        round(amount(d, "白酒") / total(d) * 100, 1) for d in sorted(CSV)[-5:]
    ]


def test_index_move_and_direction(ctx):
    body = run(tools(ctx)["index_move"], date="2026-07-31")
    rows = {r.date: r for r in read_snapshot()}
    assert body["sh_close"] == round(rows[JUL31].sh_close or 0, 2) and body["sz_index"] == "深证成指"
    assert body["change_yi"] == round((rows[JUL31].total_yuan - rows[JUL30].total_yuan) / YI, 1)
    assert body["direction"] == {"price": "up", "volume": "up", "label": "放量上涨"}
    down = run(tools(ctx)["index_move"], date="2026-01-15")["direction"]
    assert down["volume"] == "down" and down["label"].startswith("缩量")


def test_breadth_and_no_data_days(ctx):
    found = tools(ctx)
    body = run(found["market_breadth"], date="2026-07-31")
    assert body["up"] == sum(int(r["up_count"]) for r in CSV[JUL31].values())
    assert "down" not in body and "下跌家数" in body["down_note"]  # not in the bundled rows: not derived
    best = max(CSV[JUL31].values(), key=lambda r: float(r["change_pct"]))
    assert body["leading"][0]["name"] == best["industry"]
    for name in ("market_breadth", "industry_split"):
        missing = run(found[name], date="2025-07-01")
        assert missing["status"] == "no_data" and "没有行业数据" in missing["message"]
    unknown = run(found["industry_share"], name="火星")
    assert unknown["status"] == "error" and "AI" in unknown["message"]
    assert run(found["industry_split"], top=99)["status"] == "error"


def test_turnover_stats_counts_by_direction(ctx):
    body = run(tools(ctx)["turnover_stats"], measure="count", period="2026", index_move="down", volume_move="up")
    rows = read_snapshot()
    expected = sum(
        1
        for before, r in zip(rows, rows[1:], strict=False)
        if r.date.year == 2026 and (r.sh_change_pct or 0) < 0 and r.total_yuan > before.total_yuan
    )
    assert body["count"] == expected


def test_turnover_stats_ranks_days_by_their_change_and_by_an_index_move(ctx):
    rows = [r for r in read_snapshot()]
    pairs = list(zip(rows, rows[1:], strict=False))
    rise = max(
        (r for _, r in pairs if r.date.year == 2026), key=lambda r: r.total_yuan - rows[rows.index(r) - 1].total_yuan
    )
    body = run(tools(ctx)["turnover_stats"], measure="top", n=1, period="2026", order_by="change")
    assert body["days"][0]["date"] == rise.date.isoformat() and body["days"][0]["change_yi"] > 0
    worst = min((r for r in rows if r.date.year == 2026 and r.sz_change_pct is not None), key=lambda r: r.sz_change_pct)
    body = run(tools(ctx)["turnover_stats"], measure="bottom", n=1, period="2026", order_by="sz_pct")
    assert body["days"][0]["date"] == worst.date.isoformat()
    assert body["days"][0]["index_change_pct"] == pytest.approx(worst.sz_change_pct)


async def test_the_scripted_agent_answers_a_down_day_from_the_split_and_stays_grounded(ctx):
    changes = {n: amount(JAN15, n) - amount(JAN14, n) for n in CSV[JAN15]}
    worst = min(changes, key=changes.__getitem__)
    text = (
        f"2026年1月15日缩量：同花顺行业合计减少{-sum(changes.values()) / YI:.1f}亿元，"
        f"减少最多的是{worst}（{changes[worst] / YI:.1f}亿元）。"
    )
    model = ScriptedChatModel(responses=[call("industry_split", {"date": "2026-01-15"}), AIMessage(text)])
    answer = await LLMAgent(ctx, [model]).answer("2026年1月15日为什么缩量？")
    assert answer.mode == "llm" and answer.grounded and answer.text == text
    assert "industry_split" in model.tool_names
    wrong = text.replace(f"{changes[worst] / YI:.1f}亿元", "-999.9亿元")
    model = ScriptedChatModel(responses=[call("industry_split", {"date": "2026-01-15"}), AIMessage(wrong)])
    assert not (await LLMAgent(ctx, [model]).answer("2026年1月15日为什么缩量？")).grounded


async def test_the_scripted_agent_reads_no_data_and_says_so(ctx):
    def reply(messages):  # noqa: ANN001, ANN202 - the step reacts to the tool's result
        result = json.loads(messages[-1].content)
        assert result["status"] == "no_data"
        return AIMessage("2025年7月1日没有行业数据，无法按行业拆分。")

    model = ScriptedChatModel(responses=[call("industry_split", {"date": "2025-07-01"}), reply])
    answer = await LLMAgent(ctx, [model]).answer("2025年7月1日哪些行业成交额增加最多？")
    assert answer.grounded and "没有行业数据" in answer.text
