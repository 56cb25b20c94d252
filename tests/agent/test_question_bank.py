"""Every question of the bank gets an answer about what was asked (tests/agent/question_bank.py).

One warm context per clock (the real store seeded from the bundled snapshot, the real demo news
store); the expected figures come from plain reference code over the snapshot, not from the code
under test. Relative dates run against fixed clocks (NOW, SUNDAY, LAGGING).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent import offline
from agent.answer import Answer, Turn
from agent.context import AgentContext
from tests.agent.question_bank import Item, build_bank, check
from tools.service import MarketData

BANK = build_bank()


def ask(ctx: AgentContext, item: Item) -> Answer:
    history: list[Turn] = []
    for earlier in item.history:
        previous = offline.answer(earlier, ctx, history)
        history += [Turn(role="user", text=earlier), Turn(role="assistant", text=previous.text, meta=previous.meta)]
    return offline.answer(item.question, ctx, history)


@pytest.fixture(scope="module")
def contexts(market, demo_news):
    cache: dict[datetime, AgentContext] = {}

    def at(now: datetime) -> AgentContext:
        if now not in cache:
            clocked = MarketData(market.settings, clock=lambda: now)
            cache[now] = AgentContext(settings=market.settings, market=clocked, news=demo_news, now=lambda: now)
        return cache[now]

    return at


def test_the_bank_is_big_and_varied():
    kinds = {item.kind for item in BANK}
    assert len(BANK) >= 200 and len(kinds) >= 12
    assert sum(item.lang == "en" for item in BANK) >= 50


@pytest.mark.parametrize("item", BANK, ids=[f"{i:03d}-{item.kind}" for i, item in enumerate(BANK)])
def test_bank_question(item: Item, contexts):
    answer = ask(contexts(item.now), item)
    problems = check(item, answer)
    assert not problems, f"{item.question!r}: {problems}\n---\n{answer.text}"
