"""MarketService: what the bot and the CLI call (CONTRACT STUB, owned by the LLM-agent helper)."""

from __future__ import annotations

from datetime import date
from typing import Awaitable, Callable

from agent.answer import Answer
from agent.context import AgentContext


class MarketService:
    def __init__(self, ctx: AgentContext) -> None:
        raise NotImplementedError

    async def answer(self, question: str, conversation_id: str, lang: str | None = None,
                     on_partial: Callable[[str], Awaitable[None]] | None = None) -> Answer:
        """LLM agent when configured (falling back to the offline answerer on failure), else offline."""
        raise NotImplementedError

    async def turnover(self, day: date | None, lang: str = "zh") -> Answer: ...
    async def news(self, query: str, lang: str = "zh") -> Answer: ...
    async def daily_summary(self, day: date | None = None, lang: str = "zh") -> Answer: ...
    async def chart_png(self, days: int = 60, end: date | None = None,
                        highlight: date | None = None) -> bytes: ...
