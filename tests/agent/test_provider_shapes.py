"""The providers' documented response shapes, replayed by the local OpenAI-compatible server.

Each shape either works end to end (tools called, answer grounded) or fails
with a message naming the cause, and the service then answers offline:
- OpenAI chat completions: streamed tool_calls deltas (id and name first, arguments in pieces) and parallel
  calls by index (platform.openai.com, chat streaming / function calling).
- DeepSeek thinking mode: reasoning_content beside content; a turn that called tools must send it back, a
  turn that did not need not (api-docs.deepseek.com/guides/thinking_mode).
- Qwen, DashScope compatible mode: later tool-call pieces repeat "id": "" and "type": "function", then an
  empty function (Alibaba Cloud Model Studio, function calling, streaming output).
- Ollama's OpenAI endpoint: each call whole in one chunk, parallel calls all at index 0; a model without tool
  support refuses tools (docs.ollama.com/api/openai-compatibility, ollama.com/blog/streaming-tool).
- vLLM: without --enable-auto-tool-choice / --tool-call-parser a request with tools is refused; models served
  without a parser write the call as text (Hermes <tool_call> tags, Llama 3.1 JSON) (docs.vllm.ai, tool calling).
"""

from __future__ import annotations

import json
import logging

import pytest

from agent.llm.agent_loop import LLMAgent
from agent.service import MarketService
from tests.agent.agent_fakes import make_ctx, real_ctx
from tests.agent.fake_openai_server import (
    FakeOpenAIServer,
    Step,
    deepseek_thinking_rule,
    ollama_no_tools_rule,
    text,
    tools,
    vllm_without_tool_parser_rule,
)

KEY = "sk-shapes-0123456789abcdef"
FINAL = "2025年10月9日两市成交额26532.0亿元，比前一交易日增加4832.0亿元[1]。"
DAY = ("turnover_day", {"date": "2025-10-09"})
NEWS = ("search_news", {"query": "成交额 放量", "date": "2025-10-09", "k": 3})
THOUGHT = "用户问10月9日的成交额，先查当天数据。"


def settings(base_url: str) -> dict:
    return dict(llm_model="fake-model", llm_base_url=base_url, llm_api_key=KEY, llm_max_retries=0, llm_timeout_s=5.0)


async def ask(tmp_path, server: FakeOpenAIServer, stream: bool) -> tuple:
    partials: list[str] = []

    async def on_partial(so_far: str) -> None:
        partials.append(so_far)

    agent = LLMAgent(make_ctx(tmp_path, **settings(server.base_url)))
    answer = await agent.answer("10月9日两市成交额多少？为什么放量？", on_partial=on_partial if stream else None)
    return answer, partials


def tool_results(request: dict) -> list[dict]:
    return [json.loads(m["content"]) for m in request["messages"] if m["role"] == "tool"]


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
@pytest.mark.parametrize("style", ["openai", "qwen", "ollama"])
async def test_parallel_tool_calls_in_each_providers_chunking(tmp_path, style, stream):
    with FakeOpenAIServer([tools(DAY, NEWS, style=style), text(FINAL)]) as server:
        answer, _ = await ask(tmp_path, server, stream)
    assert answer.text == FINAL and answer.grounded and answer.meta["tool_calls"] == 2
    (assistant,) = [m for m in server.requests[1]["messages"] if m["role"] == "assistant"]
    assert [(c["function"]["name"], json.loads(c["function"]["arguments"])) for c in assistant["tool_calls"]] == [
        DAY,
        NEWS,
    ]
    day, news = tool_results(server.requests[1])
    assert day["total_yi"] == 26532.0 and news["items"][0]["n"] == 1
    assert answer.meta["input_tokens"] == 200  # the usage each shape reports (last chunk when streamed)


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
async def test_deepseek_reasoning_goes_back_only_with_tool_calls_and_never_to_users(tmp_path, stream):
    final = FINAL.replace("[1]", "")  # no news searched, so no citation
    script = [tools(DAY, reasoning=THOUGHT), Step("text", content=final, reasoning="数据已有，作答。")]
    with FakeOpenAIServer(script, rules=[deepseek_thinking_rule]) as server:
        answer, partials = await ask(tmp_path, server, stream)
    assert answer.text == final and THOUGHT not in answer.text
    assert all("数据" not in p and "用户" not in p for p in partials)
    (assistant,) = [m for m in server.requests[1]["messages"] if m["role"] == "assistant"]
    assert assistant["reasoning_content"] == THOUGHT and assistant["tool_calls"]
    assert len(server.requests) == 2  # no 400 on the way


async def test_deepseek_answers_without_tools_send_no_reasoning_back(tmp_path):
    # A follow-up turn: the earlier answer comes from memory as plain text, without its reasoning.
    from agent.answer import Turn

    script = [Step("text", content="好的。", reasoning=THOUGHT)]
    with FakeOpenAIServer(script, rules=[deepseek_thinking_rule]) as server:
        agent = LLMAgent(make_ctx(tmp_path, **settings(server.base_url)))
        history = [Turn(role="user", text="你好"), Turn(role="assistant", text="你好！")]
        answer = await agent.answer("再说一遍", history=history)
    assert answer.text == "好的。"
    assert all("reasoning_content" not in m for m in server.requests[0]["messages"])


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
@pytest.mark.parametrize(
    "written",
    [
        '<tool_call>\n{"name": "turnover_day", "arguments": {"date": "2025-10-09"}}\n</tool_call>',
        '```json\n{"name": "turnover_day", "arguments": {"date": "2025-10-09"}}\n```',
        '{"name": "turnover_day", "parameters": {"date": "2025-10-09"}}',
    ],
    ids=["hermes-tags", "fenced-json", "llama-json"],
)
async def test_tool_calls_written_as_text_are_called(tmp_path, written, stream):
    with FakeOpenAIServer([text(written), text(FINAL.replace("[1]", ""))]) as server:
        answer, partials = await ask(tmp_path, server, stream)
    assert answer.text == FINAL.replace("[1]", "") and answer.grounded and answer.meta["tool_calls"] == 1
    assert tool_results(server.requests[1])[0]["total_yi"] == 26532.0
    assert not any("turnover_day" in p for p in partials)  # the call text is never shown


async def test_text_that_only_looks_like_a_call_stays_text(tmp_path):
    reply = '{"name": "rm -rf", "arguments": {}}'  # not one of our tools
    with FakeOpenAIServer([text(reply)]) as server:
        answer, _ = await ask(tmp_path, server, False)
    assert answer.text == reply and answer.meta["tool_calls"] == 0


@pytest.mark.parametrize(
    ("rule", "hint"),
    [
        (vllm_without_tool_parser_rule, "--enable-auto-tool-choice and the model's --tool-call-parser"),
        (ollama_no_tools_rule, "this Ollama model cannot call tools"),
    ],
    ids=["vllm-no-parser", "ollama-no-tools"],
)
async def test_refusals_are_explained_and_answered_offline(tmp_path, caplog, rule, hint):
    caplog.set_level(logging.WARNING)
    with FakeOpenAIServer([text(FINAL)], rules=[rule]) as server:
        service = MarketService(real_ctx(tmp_path, **settings(server.base_url)))
        answer = await service.answer("2025年10月9日两市成交额是多少？", "c1")
    assert answer.mode == "offline" and "26532.0亿元" in answer.text
    assert len(server.requests) == 1  # a 400 is not retried
    warning = next(r.getMessage() for r in caplog.records if "answering offline" in r.getMessage())
    assert "400" in warning and hint in warning and KEY not in warning
