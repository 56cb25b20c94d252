"""Put a blind set's questions to the offline answerer in-process, and grade every turn.

Each item gets its own clock (its ``now`` in the exchange's zone, for the market data and the answerer) and
its own conversation (memory across its turns, forgotten afterwards), through the same MarketService the bot
and ``marketbot ask --now`` use; the data dir, the turnover store and the news index are shared by all items
(filled once from the bundled defaults). The LLM is off whatever the environment says.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from agent.context import AgentContext
from agent.memory import ConversationMemory
from agent.service import MarketService
from config import Settings
from retrieval.kb import NewsKnowledgeBase
from tests.agent.blind.data_source import BlindData
from tests.agent.blind.grading import Sessions, TurnVerdict, grade_turn, item_verdict
from tools.service import MarketData


@dataclass
class ItemResult:
    id: str
    category: str
    now: datetime
    turns: list[str]
    replies: list[str]
    expect: list[dict]
    figures: list[dict] | None
    verdicts: list[TurnVerdict] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return item_verdict(self.verdicts)


def load_items(path: Path, only: set[str] | None = None) -> list[dict]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [it for it in items if not only or it["id"] in only]


def offline_settings(data_dir: Path) -> Settings:
    """Bundled defaults in ``data_dir``: no network, no LLM (explicit arguments win over the environment)."""
    return Settings(data_dir=data_dir, auto_fetch=False, load_demo_corpus=True, llm_model=None, llm_fallbacks=[])


def moment(text: str, settings: Settings) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=settings.zone)


async def _ask_all(items: list[dict], settings: Settings, news: NewsKnowledgeBase) -> list[list[str]]:
    memory = ConversationMemory(settings)
    run = uuid.uuid4().hex[:8]
    out = []
    try:
        for it in items:
            now = moment(it["now"], settings)
            clock = lambda now=now: now  # noqa: E731 - one fixed moment per item
            ctx = AgentContext(settings=settings, market=MarketData(settings, clock=clock), news=news, now=clock)
            service = MarketService(ctx, memory=memory)
            conversation = f"blind-{run}-{it['id']}"
            replies = []
            for question in it["turns"]:
                # The language is the answerer's to detect, as for `marketbot ask`.
                answer = await service.answer(question, conversation_id=conversation)
                replies.append(answer.text)
            await service.forget(conversation)
            out.append(replies)
    finally:
        memory.close()
    return out


def run_items(
    items: list[dict],
    figures: dict[str, list[dict] | None],
    source: BlindData,
    settings: Settings,
    news: NewsKnowledgeBase,
    categories: dict[str, str] | None = None,
) -> list[ItemResult]:
    """Answer every item's turns and grade them against the reference figures."""
    sessions = Sessions.of(source.turnover)
    results = []
    for it, replies in zip(items, asyncio.run(_ask_all(items, settings, news)), strict=True):
        figs = figures.get(it["id"])
        res = ItemResult(
            it["id"], (categories or {}).get(it["id"], "?"), moment(it["now"], settings), it["turns"], replies,
            it["expect"], figs,
        )  # fmt: skip
        for i, (question, reply, expect) in enumerate(zip(it["turns"], replies, it["expect"], strict=True)):
            turn_figs = None if figs is None else figs[i]
            res.verdicts.append(grade_turn(question, reply, expect, turn_figs, sessions, res.now))
        results.append(res)
    return results


def good_verdict(kind: str) -> str:
    """The verdict a turn earns when the bot does what the set expects."""
    return "declined_correctly" if kind == "decline" else "right"


def verdict_changes(results: list[ItemResult], known: dict[str, list[str]]) -> list[str]:
    """Every item whose per-turn verdicts differ from the recorded ones (unlisted items must be all good)."""
    changed = []
    for r in results:
        good = [good_verdict(e["kind"]) for e in r.expect]
        expected = known.get(r.id, good)
        got = [v.verdict for v in r.verdicts]
        if got != expected:
            how = "REGRESSED" if expected == good else "now passes" if got == good else "changed"
            changed.append(f"{r.id} {how}: expected {expected}, got {got} {r.turns} -> {r.replies[-1][:120]!r}")
    return changed
