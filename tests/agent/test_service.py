"""MarketService: LLM when configured, offline otherwise and on any LLM failure; memory per conversation."""

from __future__ import annotations

from datetime import date

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agent.llm.agent_loop import LLMAgent
from agent.service import MarketService
from tests.agent.agent_fakes import (
    ScriptedChatModel,
    StubNews,
    call,
    make_ctx,
    news_item,
    real_ctx,
)

KEY = "sk-service-test-0123456789abcdef"
QUESTION = "2025年10月9日两市成交额是多少？"


@pytest.fixture
def ctx(tmp_path):
    return real_ctx(tmp_path, [news_item(1, "2025-10-09T15:20", "节后首日两市放量", "科技股领涨，成交额明显放大。")])


async def test_offline_when_no_model(ctx):
    answer = await MarketService(ctx).answer(QUESTION, conversation_id="c1")
    assert answer.mode == "offline" and "26532.0亿元" in answer.text
    assert answer.meta["date"] == "2025-10-09"


async def test_offline_follow_up_uses_memory(ctx):
    service = MarketService(ctx)
    await service.answer(QUESTION, conversation_id="c1")
    follow = await service.answer("那前一天呢？", conversation_id="c1")
    assert follow.meta["date"] == "2025-09-30" and "21814.2亿元" in follow.text
    other = await service.answer("那前一天呢？", conversation_id="someone-else")
    assert other.meta.get("date") != "2025-09-30"
    # Memory survives a restart (a new service over the same data dir).
    turns = MarketService(ctx).memory.load("c1")
    assert [t.role for t in turns] == ["user", "assistant"] * 2 and turns[1].meta["mode"] == "offline"


async def test_offline_stats_follow_up_through_memory(ctx):
    # The statistic asked first is restated for the period of the follow-up (not the last day of March).
    service = MarketService(ctx)
    await service.answer("2025年3月成交额最高的是哪天", conversation_id="c1")
    follow = await service.answer("那4月呢", conversation_id="c1")
    assert follow.meta["intent"] == "stats" and "2025年4月" in follow.text.split("\n\n")[0]
    assert follow.meta["stats"]["period"] == "2025-04"


async def test_llm_answers_and_gets_history(ctx):
    model = ScriptedChatModel(
        responses=[
            call("turnover_day", {"date": "2025-10-09"}),
            AIMessage("2025年10月9日两市成交额26532.0亿元。"),
            call("turnover_day", {"date": "2025-09-30"}),
            AIMessage("2025年9月30日两市成交额21814.2亿元。"),
        ]
    )
    service = MarketService(ctx, llm_agent=LLMAgent(ctx, [model]))
    first = await service.answer(QUESTION, conversation_id="c1")
    assert first.mode == "llm" and first.grounded and first.text == "2025年10月9日两市成交额26532.0亿元。"
    second = await service.answer("那前一天呢？", conversation_id="c1")
    assert second.text == "2025年9月30日两市成交额21814.2亿元。"
    sent = [m.content for m in model.received[2] if isinstance(m, (HumanMessage, AIMessage)) and m.content]
    assert sent[:3] == [QUESTION, first.text, "那前一天呢？"]
    assert service.memory.load("c1")[1].meta["mode"] == "llm"


async def test_llm_failure_falls_back_to_offline(ctx, caplog):
    model = ScriptedChatModel(responses=[RuntimeError(f"upstream 503 (key {KEY})")])
    ctx.settings.llm_api_key = __import__("pydantic").SecretStr(KEY)
    service = MarketService(ctx, llm_agent=LLMAgent(ctx, [model]))
    answer = await service.answer(QUESTION, conversation_id="c1")
    assert answer.mode == "offline" and "26532.0亿元" in answer.text
    assert "LLM agent failed, answering offline" in caplog.text and KEY not in caplog.text


async def test_misconfigured_llm_falls_back_to_offline(tmp_path, caplog):
    ctx = real_ctx(tmp_path, llm_model="deepseek-chat", llm_provider="deepseek")  # no API key
    answer = await MarketService(ctx).answer(QUESTION, conversation_id="c1")
    assert answer.mode == "offline" and "MARKETBOT_LLM_API_KEY" in caplog.text


async def test_offline_crash_gives_a_polite_answer(tmp_path, monkeypatch):
    from agent.offline import answerer as offline

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(offline, "answer", broken)
    answer = await MarketService(make_ctx(tmp_path)).answer("hello?", conversation_id="c1")
    assert answer.text.startswith("Sorry") and answer.meta["error"] is True


async def test_broken_memory_does_not_stop_answers(tmp_path, monkeypatch):
    service = MarketService(make_ctx(tmp_path))
    monkeypatch.setattr(service.memory, "load", lambda cid: (_ for _ in ()).throw(OSError("disk")))
    monkeypatch.setattr(service.memory, "append", lambda *a: (_ for _ in ()).throw(OSError("disk")))
    answer = await service.answer(QUESTION, conversation_id="c1")
    assert answer.mode == "offline" and answer.text


async def test_delegates(ctx):
    service = MarketService(ctx)
    turnover = await service.turnover(date(2025, 10, 9))
    assert "26532.0亿元" in turnover.text
    news = await service.news("放量")
    assert news.sources and news.sources[0].url == "https://news.example/1"
    summary = await service.daily_summary(date(2025, 10, 9))
    assert "26532.0亿元" in summary.text
    png = await service.chart_png(days=20, end=date(2025, 10, 9), highlight=date(2025, 10, 9))
    assert png.startswith(b"\x89PNG")


async def test_forget(tmp_path):
    service = MarketService(make_ctx(tmp_path, news=StubNews()))
    await service.answer(QUESTION, conversation_id="c1")
    await service.forget("c1")
    assert service.memory.load("c1") == []


async def test_housekeeping_for_the_bot_jobs(ctx, caplog):
    import responses

    service = MarketService(ctx)
    assert service.now() == ctx.now()
    assert await service.is_trading_day(date(2025, 10, 9))
    assert not await service.is_trading_day(date(2025, 10, 1))  # National Day closure
    # The store already covers the clock's latest session: nothing to fetch, no request made for the index.
    # The empty board store asks for its watchlist; the source is unreachable here, so nothing is written.
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        summary = await service.refresh_market()
    assert summary.startswith("written=0 requests=0") and "boards written=0" in summary
    # Every feed unreachable: logged and skipped, nothing added, nothing raised.
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        assert await service.refresh_news() == 0
    assert sum("news feed" in r.getMessage() for r in caplog.records) == 2
