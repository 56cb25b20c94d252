"""Every question of the bank gets an answer about what was asked (tests/agent/question_bank.py).

One warm context per clock (the real store seeded from the bundled snapshot, the real demo news
store); the expected figures come from plain reference code over the snapshot, not from the code
under test. Relative dates run against fixed clocks (NOW, SUNDAY, LAGGING).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.answer import Answer, Turn
from agent.context import AgentContext
from agent.offline import answerer as offline
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


def test_the_checks_catch_an_answer_to_a_different_question():
    """The bank's checks fail on the answers the issue reported (the latest day's figures for anything)."""
    from agent.answer import Answer

    wrong = Answer(
        text="2026年7月31日（周五），沪深两市成交额25419.5亿元（约2.54万亿元）。",
        meta={"intent": "day", "date": "2026-07-31"},
    )
    june = next(i for i in BANK if i.question == "2015年6月成交额最高的是哪一天？")
    assert any("first paragraph lacks" in p for p in check(june, wrong)) and "intent 'day'" in check(june, wrong)[0]
    stock = next(i for i in BANK if i.question == "贵州茅台今天成交额多少")
    assert "answer has '亿元'" in check(stock, wrong)
    day = next(i for i in BANK if i.question == "2025年10月9日两市成交额多少？")
    assert check(day, wrong)  # another day's figure is not the answer
