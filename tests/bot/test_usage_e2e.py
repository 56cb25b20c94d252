"""/usage through the real Application and the real MarketService (scripted LLM): the figures are the recorded sums."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
import time_machine
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from agent.llm.agent_loop import LLMAgent
from agent.llm.usage_store import DB_NAME
from agent.service import MarketService
from tests.agent.agent_fakes import TZ, ScriptedChatModel, real_ctx
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot

ADMIN = 1
GROUP = -4001
BOT = "@marketbot_test_bot"
FINAL = "2025年10月9日两市成交额26532.0亿元。"


def step(messages: list[BaseMessage]) -> AIMessage:
    """Ask for the day's figure, then answer from it; each call reports 300 input and 25 output tokens."""
    usage = {"input_tokens": 300, "output_tokens": 25, "total_tokens": 325}
    if isinstance(messages[-1], ToolMessage):
        return AIMessage(FINAL, usage_metadata=usage)
    tool_call = {"name": "turnover_day", "args": {"date": "2025-10-09"}, "id": "c1", "type": "tool_call"}
    return AIMessage("", tool_calls=[tool_call], usage_metadata=usage)


def recorded_sums(tmp_path, user_id: int | None = None) -> tuple[int, int, int, int]:
    where, params = ("WHERE user_id = ?", [user_id]) if user_id is not None else ("", [])
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        return db.execute(
            "SELECT SUM(input_tokens + output_tokens), SUM(input_tokens), SUM(output_tokens), COUNT(*)"
            f" FROM llm_usage {where}",
            params,
        ).fetchone()


@time_machine.travel(datetime(2026, 12, 2, 11, 0, tzinfo=TZ))
async def test_usage_for_a_user_and_for_an_admin(botapi: FakeBotAPI, tmp_path) -> None:
    ctx = real_ctx(tmp_path)
    service = MarketService(ctx, llm_agent=LLMAgent(ctx, [ScriptedChatModel(responses=[step])]))
    async with running_bot(bot_settings(tmp_path, botapi, admin_user_ids=[ADMIN]), service):
        botapi.inject_message("10月9日成交额多少？", chat_id=7)
        await botapi.wait_for_message(7)
        await botapi.wait_until_idle(quiet=0.3)
        for n in range(2):
            since = len(botapi.calls)
            botapi.inject_message(f"{BOT} 10月9日成交额多少？{n}", chat_id=GROUP, user_id=8)
            assert FINAL in (await botapi.wait_for_message(GROUP, since=since)).plain_text
            await botapi.wait_until_idle(quiet=0.3)  # the answer is complete (and recorded) before the next

        since = len(botapi.calls)
        botapi.inject_message("/usage", chat_id=7)
        own = (await botapi.wait_for_message(7, since=since)).plain_text
        since = len(botapi.calls)
        botapi.inject_message("/usage", chat_id=ADMIN)
        everyone = (await botapi.wait_for_message(ADMIN, since=since)).plain_text

    assert recorded_sums(tmp_path, 7) == (650, 600, 50, 1)
    assert recorded_sums(tmp_path) == (1950, 1800, 150, 3)
    assert own.startswith("Your LLM usage")
    assert "Today (2026-12-02): 650 tokens (input 600, output 50), 2 model calls, 1 answers" in own
    assert "budget: 650 / 200,000 tokens" in own and "Top chats" not in own
    assert "Today (2026-12-02): 1,950 tokens (input 1,800, output 150), 6 model calls, 3 answers" in everyone
    assert "This month (2026-12): 1,950 tokens" in everyone
    assert f"chat {GROUP}: 1,300 tokens, 2 answers" in everyone and "chat 7: 650 tokens, 1 answers" in everyone
    assert everyone.index(f"chat {GROUP}") < everyone.index("chat 7:")  # the top chat first


@pytest.mark.parametrize("admin", [True, False])
async def test_usage_command_scope(botapi: FakeBotAPI, tmp_path, admin: bool) -> None:
    service = StandInService()
    settings = bot_settings(tmp_path, botapi, admin_user_ids=[5] if admin else [])
    async with running_bot(settings, service):
        botapi.inject_message("/usage", chat_id=GROUP, user_id=5)
        reply = await botapi.wait_for_message(GROUP)
    assert reply.plain_text == ("usage of everyone" if admin else "usage of 5")
    assert service.calls == [("usage_report", (None if admin else 5, "en"))]
