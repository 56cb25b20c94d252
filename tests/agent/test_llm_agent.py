"""The agent loop with LangChain's fake chat model scripted to call tools, fail, and misquote figures."""

from __future__ import annotations

import asyncio
import json
from datetime import date

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agent.answer import Turn
from agent.llm.agent_loop import FINAL_STEP_NOTICE, AgentFailure, LLMAgent
from tests.agent.agent_fakes import (
    ScriptedChatModel,
    StubMarket,
    call,
    failing_source,
    make_ctx,
)

GOOD = "2025年10月9日两市成交额26532.0亿元（约2.65万亿元），较前一交易日增加4832.0亿元，增幅22.27%[1]。"


def scripted(*steps) -> ScriptedChatModel:
    return ScriptedChatModel(responses=list(steps))


def tool_messages(model: ScriptedChatModel) -> list[ToolMessage]:
    return [m for m in model.received[-1] if isinstance(m, ToolMessage)]


async def test_happy_path_with_sources_and_meta(tmp_path):
    model = scripted(
        call("turnover_day", {"date": "2025-10-09"}),
        call("search_news", {"query": "放量 原因", "date": "2025-10-09"}, "c2"),
        AIMessage(GOOD),
    )
    answer = await LLMAgent(make_ctx(tmp_path), [model]).answer("10月9日为什么放量？")
    assert answer.mode == "llm" and answer.grounded and answer.text == GOOD
    assert [(s.n, s.url) for s in answer.sources] == [(1, "https://news.example/1")]  # [2] was not cited
    assert answer.meta["tool_calls"] == 2 and answer.meta["model_calls"] == 3
    assert answer.meta["date"] == "2025-10-09" and answer.lang == "zh"
    system = model.received[0][0]
    assert isinstance(system, SystemMessage) and "2025-10-10 20:00" in system.content
    assert "Latest trading session with turnover data: 2025-10-10" in system.content
    assert "2025-10-09 (四)" in system.content  # the recent-session calendar


async def test_bad_arguments_are_returned_and_corrected(tmp_path):
    market = StubMarket()
    model = scripted(
        call("turnover_day", {"date": "昨天"}),
        call("turnover_range", {"days": "many"}, "c2"),  # wrong type: schema validation
        call("no_such_tool", {}, "c3"),
        call("turnover_day", {"date": "2025-10-09"}, "c4"),
        AIMessage(GOOD.replace("[1]", "")),
    )
    answer = await LLMAgent(make_ctx(tmp_path, market=market), [model]).answer("10月9日成交额？")
    assert answer.grounded and answer.text == GOOD.replace("[1]", "")
    results = [m.content for m in tool_messages(model)]
    assert "YYYY-MM-DD" in json.loads(results[0])["message"]
    assert "days" in results[1] and "valid integer" in results[1]
    assert "no_such_tool" in results[2] and "not a valid tool" in results[2]
    # The bad calls never reached the data layer (the prompt's calendar uses turnover_range separately).
    assert [c for c in market.calls if c[0] == "turnover"] == [("turnover", date(2025, 10, 9))]


async def test_failing_tool_lets_the_model_say_so(tmp_path):
    model = scripted(call("turnover_day", {"date": "2025-10-09"}), AIMessage("数据源暂时不可用，无法给出成交额。"))
    ctx = make_ctx(tmp_path, market=StubMarket(fail=failing_source()))
    answer = await LLMAgent(ctx, [model]).answer("10月9日成交额？")
    assert answer.text == "数据源暂时不可用，无法给出成交额。" and answer.grounded
    assert json.loads(tool_messages(model)[0].content)["status"] == "error"


async def test_model_error_is_an_agent_failure(tmp_path):
    model = scripted(RuntimeError("endpoint exploded"))
    with pytest.raises(AgentFailure, match="endpoint exploded"):
        await LLMAgent(make_ctx(tmp_path), [model]).answer("10月9日成交额？")


async def test_fallback_model_takes_over(tmp_path):
    broken = scripted(RuntimeError("429 rate limited"))
    backup = scripted(call("turnover_day", {"date": "2025-10-09"}), AIMessage(GOOD.replace("[1]", "")))
    agent = LLMAgent(make_ctx(tmp_path), [broken, backup])
    answer = await agent.answer("10月9日成交额？")
    assert answer.grounded and len(broken.received) == 1 and len(backup.received) == 2
    # The failed endpoint cools down: the next turn starts at the backup.
    backup.i = 0
    backup.received.clear()
    await agent.answer("10月9日成交额？")
    assert len(broken.received) == 1


async def test_step_limit_forces_an_answer_then_stops(tmp_path):
    endless = call("turnover_day", {"date": "2025-10-09"})
    model = scripted(endless, endless, AIMessage(GOOD.replace("[1]", "")))
    answer = await LLMAgent(make_ctx(tmp_path, llm_max_steps=3), [model]).answer("10月9日成交额？")
    assert answer.grounded and len(model.received) == 3
    assert model.received[-1][-1].content == FINAL_STEP_NOTICE

    stubborn = scripted(endless)
    with pytest.raises(AgentFailure, match="step limit"):
        await LLMAgent(make_ctx(tmp_path, llm_max_steps=2), [stubborn]).answer("10月9日成交额？")


async def test_time_limit(tmp_path):
    model = ScriptedChatModel(responses=[AIMessage("late")], sleep=1.0)
    with pytest.raises(AgentFailure, match="time limit"):
        await LLMAgent(make_ctx(tmp_path, llm_time_limit_s=0.2), [model]).answer("10月9日成交额？")


async def test_empty_reply_is_a_failure(tmp_path):
    with pytest.raises(AgentFailure, match="no answer text"):
        await LLMAgent(make_ctx(tmp_path), [scripted(AIMessage(""))]).answer("10月9日成交额？")


async def test_ungrounded_figure_gets_one_corrective_retry(tmp_path):
    model = scripted(
        call("turnover_day", {"date": "2025-10-09"}),
        AIMessage("2025年10月9日两市成交额2.65亿元。"),  # unit slip
        AIMessage("2025年10月9日两市成交额2.65万亿元（26532.0亿元）。"),
    )
    answer = await LLMAgent(make_ctx(tmp_path), [model]).answer("10月9日成交额？")
    assert answer.grounded and answer.meta["grounding_retry"] is True
    assert answer.text == "2025年10月9日两市成交额2.65万亿元（26532.0亿元）。"
    correction = model.received[-1][-1]
    assert isinstance(correction, HumanMessage) and "2.65亿元" in correction.content


async def test_persisting_ungrounded_figure_is_marked(tmp_path):
    model = scripted(call("turnover_day", {"date": "2025-10-09"}), AIMessage("10月9日成交额2.75万亿元，增长22.27%。"))
    answer = await LLMAgent(make_ctx(tmp_path), [model]).answer("10月9日成交额？")
    assert not answer.grounded and len(model.received) == 3  # exactly one retry
    assert answer.text == "10月9日成交额2.75万亿元[未核实]，增长22.27%。"
    en = await LLMAgent(make_ctx(tmp_path), [scripted(AIMessage("Turnover was 3.1 trillion yuan."))]).answer(
        "turnover?", lang="en"
    )
    assert en.text == "Turnover was 3.1 trillion yuan[unverified]." and en.lang == "en"


async def test_history_chart_and_unknown_citations(tmp_path):
    model = scripted(
        call("turnover_chart", {"days": 20, "highlight": "2025-10-09"}), AIMessage("已附上近20个交易日走势图[3]。")
    )
    history = [Turn(role="user", text="10月9日成交额？"), Turn(role="assistant", text="26532.0亿元。")]
    answer = await LLMAgent(make_ctx(tmp_path), [model]).answer("那画个图", history=history)
    assert answer.chart is not None and answer.chart.days == 20 and str(answer.chart.highlight) == "2025-10-09"
    assert "[3]" not in answer.text and answer.sources == []  # a citation to nothing is dropped
    sent = model.received[0]
    assert [type(m).__name__ for m in sent[:4]] == ["SystemMessage", "HumanMessage", "AIMessage", "HumanMessage"]
    assert sent[2].content == "26532.0亿元。"


async def test_streaming_partials_with_fake_model(tmp_path):
    partials: list[str] = []

    async def on_partial(text: str) -> None:
        partials.append(text)

    model = scripted(call("turnover_day", {"date": "2025-10-09"}), AIMessage(GOOD.replace("[1]", "")))
    answer = await LLMAgent(make_ctx(tmp_path), [model]).answer("10月9日成交额？", on_partial=on_partial)
    assert answer.grounded and partials and partials[-1] == answer.text


async def test_concurrent_turns_do_not_share_state(tmp_path):
    ctx = make_ctx(tmp_path)

    def agent():
        return LLMAgent(ctx, [scripted(call("search_news", {"query": "成交额"}), AIMessage("见[1]。"))])

    first, second = await asyncio.gather(agent().answer("新闻？"), agent().answer("新闻？"))
    assert [s.n for s in first.sources] == [1] == [s.n for s in second.sources]


async def test_a_language_answers_are_not_written_in_follows_the_question(tmp_path):
    # Answer.lang is "zh" or "en"; any other value used to fail validation after the model had answered.
    text = GOOD.replace("[1]", "")
    model = scripted(call("turnover_day", {"date": "2025-10-09"}), AIMessage(text))
    answer = await LLMAgent(make_ctx(tmp_path), [model]).answer("10月9日成交额？", lang="fr")
    assert answer.mode == "llm" and answer.lang == "zh" and answer.text == text


async def test_a_statistic_is_answered_from_the_stats_tool(tmp_path):
    """The model calls turnover_stats and words its result; grounding finds every figure in it."""
    from tests.agent.agent_fakes import real_ctx

    def answer_from_result(messages):
        result = json.loads(next(m for m in reversed(messages) if isinstance(m, ToolMessage)).content)
        day = result["max_day"]
        return AIMessage(
            f"2015年6月（{result['period']['first_session']}至{result['period']['last_session']}，"
            f"{result['period']['sessions']}个交易日）两市成交额最高的一天是{day['date']}，{day['value_yi']}亿元。"
        )

    model = scripted(call("turnover_stats", {"measure": "summary", "period": "2015-06"}), answer_from_result)
    answer = await LLMAgent(real_ctx(tmp_path), [model]).answer("2015年6月成交额最高的是哪一天？")
    assert answer.grounded and "2015-06-08，22685.0亿元" in answer.text and "21个交易日" in answer.text
    system = model.received[0][0].content
    assert "turnover_stats" in system and "never predict" in system and "2024" in system


async def test_a_percentile_and_a_list_of_days_are_answered_from_the_stats_tool(tmp_path):
    """The new shapes reach the model and its wording of them is grounded; a misquoted percentile is not."""
    from tests.agent.agent_fakes import real_ctx
    from tests.agent.bank_reference import Reference

    def from_results(messages):
        results = [json.loads(m.content) for m in messages if isinstance(m, ToolMessage)]
        placed, week = results
        rows = "；".join(f"{r['date']}为{r['total_yi']}亿元" for r in week["rows"])
        return AIMessage(
            f"3万亿元在历史上不低于{placed['percentile']}%的交易日，排第{placed['rank']}高。上周每天：{rows}。"
        )

    model = scripted(
        call("turnover_stats", {"measure": "percentile", "value_yi": 30000}),
        call("turnover_stats", {"measure": "days", "period": "last_week"}, "c2"),
        from_results,
    )
    answer = await LLMAgent(real_ctx(tmp_path), [model]).answer("3万亿在历史上算什么水平？上周每天分别成交多少？")
    ref = Reference.load()
    history = ref.between(ref.days[0], date(2025, 10, 10))  # the context's clock
    share = round(sum(1 for d in history if ref.value(d) <= 3e12) / len(history) * 100, 2)
    assert answer.grounded and f"不低于{share}%的交易日" in answer.text
    assert f"2025-09-30为{round(ref.value(date(2025, 9, 30)) / 1e8, 1)}亿元" in answer.text
    wrong = scripted(
        call("turnover_stats", {"measure": "percentile", "value_yi": 30000}),
        AIMessage("3万亿元在历史上不低于97.5%的交易日。"),
    )
    misquoted = await LLMAgent(real_ctx(tmp_path), [wrong]).answer("3万亿在历史上算什么水平？")
    assert not (misquoted.grounded and "97.5%" in misquoted.text)
