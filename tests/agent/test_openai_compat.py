"""The real langchain-openai client against a local OpenAI-compatible server: tools, streaming, failures, fallback."""

from __future__ import annotations

import logging

import pytest

from agent.llm.agent_loop import AgentFailure, LLMAgent
from config.settings import LLMEndpoint
from tests.agent.agent_fakes import make_ctx
from tests.agent.fake_openai_server import FakeOpenAIServer, raw, status, text, tools

KEY = "sk-test-primary-0123456789abcdef"
FALLBACK_KEY = "sk-test-fallback-fedcba9876543210"
FINAL = "2025年10月9日两市成交额26532.0亿元（约2.65万亿元），比前一交易日增加4832.0亿元[1]。"
SCRIPT = [
    tools(("turnover_day", {"date": "2025-10-09"})),
    tools(("search_news", {"query": "成交额 放量", "date": "2025-10-09", "k": 3})),
    text(FINAL),
]


def agent_for(tmp_path, base_url: str, fallbacks: list[LLMEndpoint] = (), **overrides) -> LLMAgent:
    settings = dict(
        llm_model="fake-model",
        llm_base_url=base_url,
        llm_api_key=KEY,
        llm_max_retries=0,
        llm_timeout_s=5.0,
        llm_fallbacks=list(fallbacks),
    )
    settings.update(overrides)
    return LLMAgent(make_ctx(tmp_path, **settings))


def fallback_to(server: FakeOpenAIServer) -> LLMEndpoint:
    return LLMEndpoint(model="fallback-model", base_url=server.base_url, api_key=FALLBACK_KEY)


async def test_tool_calls_round_trip(tmp_path):
    with FakeOpenAIServer(SCRIPT) as server:
        answer = await agent_for(tmp_path, server.base_url).answer("10月9日两市成交额多少？为什么放量？")
    assert answer.mode == "llm" and answer.grounded
    assert answer.text == FINAL
    assert [s.n for s in answer.sources] == [1] and answer.sources[0].url == "https://news.example/1"
    assert answer.meta["tool_calls"] == 2 and answer.meta["model_calls"] == 3
    assert answer.meta["input_tokens"] == 300  # usage from the server, summed over the turn
    first = server.requests[0]
    assert first["model"] == "fake-model" and first["max_tokens"] == 1200 and not first.get("stream")
    assert {t["function"]["name"] for t in first["tools"]} >= {"turnover_day", "search_news", "compare_days"}
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"
    # The tool result went back to the server as a tool message with the figures.
    tool_messages = [m for m in server.requests[1]["messages"] if m["role"] == "tool"]
    assert '"total_yi":26532.0' in tool_messages[0]["content"]


async def test_streaming_partials(tmp_path):
    partials: list[str] = []

    async def on_partial(text_so_far: str) -> None:
        partials.append(text_so_far)

    with FakeOpenAIServer(SCRIPT) as server:
        agent = agent_for(tmp_path, server.base_url)
        answer = await agent.answer("10月9日成交额？", on_partial=on_partial)
    assert all(r.get("stream") for r in server.requests)
    assert answer.text == FINAL
    assert partials and FINAL.startswith(partials[0]) and len(partials[0]) < len(FINAL)
    assert answer.meta["tool_calls"] == 2


async def test_rate_limit_then_success_is_retried_by_the_client(tmp_path):
    with FakeOpenAIServer([status(429, "rate limited"), *SCRIPT]) as server:
        answer = await agent_for(tmp_path, server.base_url, llm_max_retries=1).answer("10月9日成交额？")
    assert answer.text == FINAL
    assert len(server.requests) == 4


@pytest.mark.parametrize(
    "failure",
    [
        status(500, "boom"),
        status(429, "slow down"),
        raw(b'{"id": "x", "choices": [{"message": '),
        raw(b"<html>bad gateway</html>", "text/html"),
    ],
    ids=["500", "429", "truncated-json", "html"],
)
async def test_failure_moves_to_the_next_endpoint(tmp_path, failure):
    with FakeOpenAIServer([failure]) as broken, FakeOpenAIServer(SCRIPT, model="fallback-model") as backup:
        answer = await agent_for(tmp_path, broken.base_url, [fallback_to(backup)]).answer("10月9日成交额？")
    assert answer.text == FINAL
    assert broken.requests and len(backup.requests) == 3
    assert backup.requests[0]["model"] == "fallback-model"
    assert backup.headers[0]["authorization"] == f"Bearer {FALLBACK_KEY}"


async def test_timeout_moves_to_the_next_endpoint(tmp_path):
    with FakeOpenAIServer([text("late", delay_s=2.0)]) as slow, FakeOpenAIServer(SCRIPT) as backup:
        agent = agent_for(tmp_path, slow.base_url, [fallback_to(backup)], llm_timeout_s=0.3)
        answer = await agent.answer("10月9日成交额？")
    assert answer.text == FINAL and len(slow.requests) == 1


async def test_all_endpoints_failing_raises_without_the_key(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    with FakeOpenAIServer([status(500)]) as first, FakeOpenAIServer([status(503)]) as second:
        agent = agent_for(tmp_path, first.base_url, [fallback_to(second)])
        with pytest.raises(AgentFailure) as info:
            await agent.answer("10月9日成交额？")
    assert first.requests and second.requests
    assert KEY not in str(info.value) and FALLBACK_KEY not in str(info.value)
    assert KEY not in caplog.text and FALLBACK_KEY not in caplog.text


async def test_overall_time_limit(tmp_path):
    with FakeOpenAIServer([text("late", delay_s=2.0)]) as slow:
        agent = agent_for(tmp_path, slow.base_url, llm_time_limit_s=0.3)
        with pytest.raises(AgentFailure, match="time limit"):
            await agent.answer("10月9日成交额？")
