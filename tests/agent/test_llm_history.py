"""Long conversations: the model sees the last exchanges verbatim and the older ones as a summary of their facts."""

from __future__ import annotations

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.answer import Turn
from agent.llm.agent_loop import LLMAgent
from agent.llm.history import context_messages, split_history, summarise
from tests.agent.agent_fakes import ScriptedChatModel, StubMarket, call, make_ctx

GOOD = "2025年10月9日两市成交额26532.0亿元（约2.65万亿元），较前一交易日增加4832.0亿元，增幅22.27%。"


def exchange(question: str, answer: str, **meta) -> list[Turn]:
    return [Turn(role="user", text=question), Turn(role="assistant", text=answer, meta=meta)]


HISTORY = [
    *exchange(
        "2025年9月30日两市成交额多少？", "2025-09-30 两市成交额21814.2亿元，较前一日减少1.5%。", date="2025-09-30"
    ),
    *exchange("那10月9日呢？", GOOD, date="2025-10-09"),
    *exchange("节后为什么放量？", "主要因为假期后资金回流[1]。"),
    *exchange("上证占多少？", "上证11532.0亿元，深证15000.0亿元。"),
    *exchange("What about 2024-10-08?", "On 2024-10-08 turnover was 34519.4亿元, a record."),
]


def test_split_keeps_whole_exchanges():
    older, recent = split_history(HISTORY, 2)
    assert [t.text for t in recent] == [t.text for t in HISTORY[6:]]
    assert len(older) == 6 and older[0].role == "user"
    assert split_history(HISTORY[:2], 3) == ([], HISTORY[:2])
    assert split_history(HISTORY, 0) == (HISTORY, [])


def test_summary_keeps_the_days_and_figures_on_the_table():
    summary = summarise(HISTORY[:6])
    lines = summary.splitlines()
    assert len(lines) == 4 and lines[0].startswith("此前对话摘要")
    assert lines[1] == "- 2025年9月30日两市成交额多少？ → 2025-09-30; 21814.2亿元, 1.5%"
    assert lines[2] == "- 那10月9日呢？ → 2025-10-09, 2025年10月9日; 26532.0亿元, 2.65万亿元, 4832.0亿元, 22.27%"
    assert lines[3] == "- 节后为什么放量？ → -"
    assert len(summarise(HISTORY * 10).splitlines()) == 1 + 12  # bounded: the 12 most recent older exchanges


async def test_the_model_sees_a_bounded_context(tmp_path):
    model = ScriptedChatModel(responses=[call("turnover_day", {"date": "2025-10-09"}), AIMessage(GOOD)])
    ctx = make_ctx(tmp_path, market=StubMarket(), llm_context_turns=2)
    long_history = HISTORY * 4  # 20 exchanges
    answer = await LLMAgent(ctx, [model]).answer("比10月9日多多少？", history=long_history)
    assert answer.mode == "llm"
    sent = model.received[0]
    # system, summary, its acknowledgement, 2 exchanges verbatim, the question
    assert len(sent) == 1 + 2 + 4 + 1
    summary = sent[1]
    assert isinstance(summary, HumanMessage) and summary.content.startswith("此前对话摘要")
    assert "26532.0亿元" in summary.content and "2025-09-30" in summary.content
    assert [m.content for m in sent[3:7]] == [t.text for t in long_history[-4:]]
    assert sent[-1].content == "比10月9日多多少？"
    # Bounded whatever the length: the same number of messages as for the short history's tail.
    short = context_messages(HISTORY, 2)
    assert len(short) == len(sent) - 2


async def test_short_history_is_passed_as_it_is(tmp_path):
    model = ScriptedChatModel(responses=[AIMessage("好的。")])
    await LLMAgent(make_ctx(tmp_path), [model]).answer("再说一遍", history=HISTORY[:4])
    assert [m.content for m in model.received[0][1:-1]] == [t.text for t in HISTORY[:4]]


async def test_tool_calls_past_the_run_limit_get_an_error_result(tmp_path):
    market = StubMarket()
    fan_out = AIMessage(
        "",
        tool_calls=[
            {"name": "turnover_day", "args": {"date": "2025-10-09"}, "id": f"c{i}", "type": "tool_call"}
            for i in range(5)
        ],
    )
    model = ScriptedChatModel(responses=[fan_out, AIMessage(GOOD)])
    answer = await LLMAgent(make_ctx(tmp_path, market=market, llm_max_tool_calls=3), [model]).answer("10月9日？")
    assert answer.text == GOOD
    results = [m for m in model.received[-1] if isinstance(m, ToolMessage)]
    assert len(results) == 5 and sum("limit" in str(m.content).lower() for m in results) == 2
    assert len([c for c in market.calls if c[0] == "turnover"]) == 3
