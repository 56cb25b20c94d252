"""Token usage per answer and the budgets, with the real client against the local OpenAI-compatible server."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
import time_machine
from langchain_core.messages import AIMessage

from agent.llm.agent_loop import LLMAgent
from agent.llm.budget import Asker, Period, local_today, spent_budget
from agent.llm.usage_report import build_report, format_report
from agent.llm.usage_store import DB_NAME, UsageRecord, UsageStore
from agent.service import MarketService
from tests.agent.agent_fakes import TZ, ScriptedChatModel, call, real_ctx
from tests.agent.fake_openai_server import FakeOpenAIServer, text, tools

KEY = "sk-budget-test-0123456789abcdef"
QUESTION = "2025年10月9日两市成交额是多少？"
FINAL = "2025年10月9日两市成交额26532.0亿元。"
# Per model call the server reports 100 input + 20 output tokens; one answer = 2 calls = 240 tokens.
SCRIPT = [tools(("turnover_day", {"date": "2025-10-09"})), text(FINAL)]
PER_ANSWER = 240


def service_for(tmp_path, server: FakeOpenAIServer, **settings) -> MarketService:
    ctx = real_ctx(
        tmp_path,
        llm_model="fake-model",
        llm_base_url=server.base_url,
        llm_api_key=KEY,
        llm_max_retries=0,
        llm_timeout_s=5.0,
        **settings,
    )
    return MarketService(ctx)


def rows(tmp_path) -> list[tuple]:
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        return db.execute(
            "SELECT day, user_id, chat_id, model, endpoint, input_tokens, output_tokens, model_calls"
            " FROM llm_usage ORDER BY id"
        ).fetchall()


class Script(list):
    """The same two steps for every answer: the server's script repeats its last step, so spell them out."""

    def __init__(self, answers: int) -> None:
        super().__init__(step for _ in range(answers) for step in SCRIPT)


@time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=TZ), tick=False)
async def test_usage_is_recorded_per_answer_from_the_reported_usage(tmp_path):
    with FakeOpenAIServer(Script(2)) as server:
        service = service_for(tmp_path, server)
        first = await service.answer(QUESTION, "c1", user_id=7, chat_id=-100)
        second = await service.answer(QUESTION, "c1", user_id=8, chat_id=-100)
    assert first.mode == second.mode == "llm" and first.text == FINAL
    assert rows(tmp_path) == [
        ("2026-12-02", 7, -100, "fake-model", server.base_url, 200, 40, 2),
        ("2026-12-02", 8, -100, "fake-model", server.base_url, 200, 40, 2),
    ]


@time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=TZ), tick=False)
async def test_a_budget_running_out_mid_conversation_switches_to_the_offline_answer(tmp_path):
    # 500 tokens: the first two answers (0 then 240 used before them) go to the LLM; the third (480) would
    # too; after it 720 >= 500, so the fourth is offline, with the note first, and the server is not asked.
    with FakeOpenAIServer(Script(4)) as server:
        service = service_for(tmp_path, server, llm_budget_user_tokens=500)
        answers = [await service.answer(QUESTION, "c1", user_id=7, chat_id=7) for _ in range(4)]
        assert len(server.requests) == 6
        other_user = await service.answer(QUESTION, "c2", user_id=9, chat_id=9)
    assert [a.mode for a in answers] == ["llm", "llm", "llm", "offline"]
    first_line, rest = answers[3].text.split("\n", 1)
    assert first_line == "今天的 LLM 额度已用完，以下是离线回答（明天 0 点重置）。"
    assert "26532.0亿元" in rest and answers[3].meta["budget"] == "user"
    assert other_user.mode == "llm"  # another user's budget is untouched
    # The conversation goes on: the offline answer is in memory for follow-ups.
    assert service.memory.load("c1")[-1].text == answers[3].text


@time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=TZ), tick=False)
async def test_chat_and_global_budgets(tmp_path):
    with FakeOpenAIServer(Script(3)) as server:
        service = service_for(tmp_path, server, llm_budget_chat_tokens=200, llm_budget_global_tokens=400)
        in_group = await service.answer(QUESTION, "g:1", user_id=1, chat_id=-5)
        same_group = await service.answer("What was the turnover on 2025-10-09?", "g:2", user_id=2, chat_id=-5)
        elsewhere = await service.answer(QUESTION, "p:3", user_id=3, chat_id=3)
        anyone = await service.answer(QUESTION, "p:4", user_id=4, chat_id=4)
    assert [a.mode for a in (in_group, same_group, elsewhere, anyone)] == ["llm", "offline", "llm", "offline"]
    assert same_group.text.startswith("Today's LLM budget is used up") and same_group.meta["budget"] == "chat"
    assert anyone.meta["budget"] == "global"


async def test_budgets_reset_at_midnight_in_shanghai(tmp_path):
    with FakeOpenAIServer(Script(3)) as server:
        service = service_for(tmp_path, server, llm_budget_user_tokens=PER_ANSWER)
        # 23:59 in Shanghai is 15:59 UTC: the same local day for both answers.
        with time_machine.travel(datetime(2026, 12, 2, 23, 59, tzinfo=TZ), tick=False):
            assert (await service.answer(QUESTION, "c", user_id=7)).mode == "llm"
            assert (await service.answer(QUESTION, "c", user_id=7)).mode == "offline"
        # 00:00:30 the next day in Shanghai (still Dec 2 in UTC): a new day, a new budget.
        with time_machine.travel(datetime(2026, 12, 3, 0, 0, 30, tzinfo=TZ), tick=False):
            assert datetime.now().astimezone(TZ).date() == date(2026, 12, 3)
            assert (await service.answer(QUESTION, "c", user_id=7)).mode == "llm"
    assert [r[0] for r in rows(tmp_path)] == ["2026-12-02", "2026-12-03"]


async def test_monthly_budgets_reset_on_the_first(tmp_path):
    with FakeOpenAIServer(Script(3)) as server:
        service = service_for(tmp_path, server, llm_budget_period="month", llm_budget_user_tokens=PER_ANSWER)
        with time_machine.travel(datetime(2026, 11, 3, 9, 0, tzinfo=TZ), tick=False):
            assert (await service.answer(QUESTION, "c", user_id=7)).mode == "llm"
        with time_machine.travel(datetime(2026, 11, 30, 23, 59, tzinfo=TZ), tick=False):
            spent = await service.answer(QUESTION, "c", user_id=7)
            assert spent.mode == "offline" and spent.text.startswith("本月的 LLM 额度已用完")
        with time_machine.travel(datetime(2026, 12, 1, 0, 1, tzinfo=TZ), tick=False):
            assert (await service.answer(QUESTION, "c", user_id=7)).mode == "llm"


def test_periods_and_local_day(tmp_path):
    assert Period.of(date(2026, 12, 31), "month") == Period("month", date(2026, 12, 1), date(2027, 1, 1))
    assert Period.of(date(2024, 2, 29), "day") == Period("day", date(2024, 2, 29), date(2024, 3, 1))
    ctx = real_ctx(tmp_path)
    # 16:30 UTC is half past midnight in Shanghai.
    assert local_today(datetime.fromisoformat("2026-12-02T16:30:00+00:00"), ctx.settings) == date(2026, 12, 3)


async def test_a_failed_answer_still_counts_its_tokens(tmp_path):
    # Two model calls with reported usage, then the endpoint breaks: offline answer, the tokens are recorded.
    used = AIMessage("", tool_calls=call("turnover_day", {"date": "2025-10-09"}).tool_calls)
    used.usage_metadata = {"input_tokens": 500, "output_tokens": 30, "total_tokens": 530}
    model = ScriptedChatModel(responses=[used, RuntimeError("endpoint exploded")])
    ctx = real_ctx(tmp_path, llm_budget_user_tokens=500)
    service = MarketService(ctx, llm_agent=LLMAgent(ctx, [model]))
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=TZ), tick=False):
        first = await service.answer(QUESTION, "c", user_id=7)
        second = await service.answer(QUESTION, "c", user_id=7)
    assert first.mode == "offline" and "额度" not in first.text
    assert rows(tmp_path)[0][5:] == (500, 30, 2)
    assert second.mode == "offline" and second.meta["budget"] == "user"
    assert len(model.received) == 2  # the spent budget kept the second question from the model


def test_report_figures_equal_the_recorded_sums(tmp_path):
    ctx = real_ctx(
        tmp_path,
        llm_prices={"deepseek-chat": {"input_per_million": 2.0, "output_per_million": 8.0}},
        llm_price_currency="CNY",
    )
    store = UsageStore(ctx.settings)
    records = [
        (date(2026, 12, 2), 7, -100, "deepseek-chat", 1000, 100, 2),
        (date(2026, 12, 2), 8, -100, "qwen-plus", 3000, 300, 3),
        (date(2026, 12, 1), 7, 7, "deepseek-chat", 500, 50, 1),
        (date(2026, 11, 30), 7, 7, "deepseek-chat", 9999, 999, 9),  # last month: in neither period
    ]
    for day, user, chat, model, inp, out, calls in records:
        store.record(UsageRecord(day, user, chat, model, "https://x/v1", inp, out, calls))
    everyone = build_report(store, ctx.settings, date(2026, 12, 2))
    assert everyone.day.totals.tokens == 1100 + 3300 and everyone.day.totals.answers == 2
    assert everyone.month.totals.tokens == 1100 + 3300 + 550 and everyone.month.totals.model_calls == 6
    assert everyone.month.cost == pytest.approx((1500 * 2 + 150 * 8) / 1e6)
    assert everyone.month.unpriced == ["qwen-plus"]
    assert [(c.chat_id, c.tokens, c.answers) for c in everyone.month.top_chats] == [(-100, 4400, 2), (7, 550, 1)]
    mine = build_report(store, ctx.settings, date(2026, 12, 2), user_id=7)
    assert (mine.day.totals.tokens, mine.month.totals.tokens, mine.month.top_chats) == (1100, 1650, [])
    text_zh = format_report(mine, "zh")
    assert "今天 (2026-12-02): 1,100 tokens（输入 1,000，输出 100），2 次模型调用，1 个回答" in text_zh
    assert "额度：1,100 / 200,000 tokens" in text_zh
    text_en = format_report(everyone, "en")
    assert "This month (2026-12): 4,950 tokens" in text_en and "chat -100: 4,400 tokens, 2 answers" in text_en
    assert "estimated cost: 0.0042 CNY; no price set for: qwen-plus" in text_en
    assert spent_budget(store, ctx.settings, Asker(7, 7), date(2026, 12, 2)) is None
