"""MarketService: what the bot and the CLI call.

``answer()`` uses the LLM agent when ``settings.llm_model`` is set and the
offline answerer otherwise, and also when the LLM fails, times out or is
misconfigured (logged; the user still gets an answer, never a traceback).
Each LLM answer's token usage is recorded (also a failed one's), and a spent
budget (per user, chat, overall) sends the question to the offline answerer
with a first line saying so. Budget periods follow the wall clock in
``settings.timezone``, not the answers' clock (which ``--now`` may pin).
Conversation memory is loaded and saved per conversation id. Blocking work
(SQLite, Chroma, matplotlib) runs off the event loop in worker threads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from agent.answer import Answer, Turn, is_lang
from agent.context import AgentContext
from agent.llm.budget import Asker, SpentBudget, budget_notice, local_today, spent_budget
from agent.llm.usage_report import build_report, format_report
from agent.llm.usage_store import UsageRecord, UsageStore
from agent.offline.reading.question import detect_lang
from config.logging import redact, secret_values

if TYPE_CHECKING:  # SQLAlchemy comes with it: opened when a conversation is first loaded or saved
    from agent.memory import ConversationMemory

log = logging.getLogger(__name__)

# Live feeds the bot ingests through the day (财联社 telegraph, Eastmoney global news).
NEWS_FEEDS = ("cls", "em")

SORRY = {
    "zh": "抱歉，暂时无法回答这个问题（内部错误）。请稍后再试，或换个问法，例如「2025年10月9日两市成交额是多少？」。",
    "en": "Sorry, I could not answer that just now (internal error). Please try again, or ask e.g. "
    '"What was the turnover on 2025-10-09?"',
}


class MarketService:
    def __init__(
        self,
        ctx: AgentContext,
        memory: ConversationMemory | None = None,
        llm_agent: object | None = None,
        usage: UsageStore | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.ctx = ctx
        self._memory = memory
        self.usage = usage or UsageStore(ctx.settings)
        self._clock = clock or (lambda: datetime.now(ctx.settings.zone))  # budgets' clock: real time
        self._llm_agent = llm_agent  # built on first use; tests inject one with scripted models

    @property
    def memory(self) -> ConversationMemory:
        if self._memory is None:
            from agent.memory import ConversationMemory

            self._memory = ConversationMemory(self.ctx.settings)
        return self._memory

    @memory.setter
    def memory(self, value: ConversationMemory) -> None:
        self._memory = value

    @property
    def llm_enabled(self) -> bool:
        return bool(self.ctx.settings.llm_model) or self._llm_agent is not None

    def _agent(self) -> object:
        if self._llm_agent is None:
            from agent.llm.agent_loop import LLMAgent

            self._llm_agent = LLMAgent(self.ctx)
        return self._llm_agent

    async def answer(
        self,
        question: str,
        conversation_id: str,
        lang: str | None = None,
        on_partial: Callable[[str], Awaitable[None]] | None = None,
        *,
        user_id: int | None = None,
        chat_id: int | None = None,
    ) -> Answer:
        """LLM agent when configured and within budget (offline on failure or a spent budget), else offline."""
        lang = lang or detect_lang(question)
        history = await asyncio.to_thread(self._load, conversation_id)
        asker = Asker(user_id, chat_id)
        result: Answer | None = None
        spent: SpentBudget | None = None
        if self.llm_enabled:
            spent = await asyncio.to_thread(self._spent, asker)
            if spent is not None:
                log.info(
                    "LLM %s budget spent (%d of %d tokens); answering offline", spent.scope, spent.used, spent.limit
                )
        if self.llm_enabled and spent is None:
            try:
                result = await self._agent().answer(question, history, lang, on_partial)  # type: ignore[attr-defined]
                await asyncio.to_thread(self._record, asker, result.meta)
            except Exception as exc:  # AgentFailure, config errors, anything: the offline answerer takes over
                message = redact(str(exc), secret_values(self.ctx.settings))
                log.warning("LLM agent failed, answering offline: %s", message)
                stats = getattr(exc, "stats", None)
                if stats is not None and stats.model_calls:  # the tokens were spent all the same
                    await asyncio.to_thread(self._record, asker, vars(stats))
        if result is None:
            result = await self._offline(question, history, lang)
            if spent is not None:
                notice = budget_notice(spent, result.lang)
                result = result.model_copy(
                    update={"text": f"{notice}\n{result.text}", "meta": {**result.meta, "budget": spent.scope}}
                )
        await asyncio.to_thread(self._save, conversation_id, question, result)
        return result

    def _spent(self, asker: Asker) -> SpentBudget | None:
        try:
            return spent_budget(self.usage, self.ctx.settings, asker, local_today(self._clock(), self.ctx.settings))
        except Exception:  # an unreadable usage file must not stop answers
            log.exception("usage store unreadable; budgets not checked")
            return None

    def _record(self, asker: Asker, meta: dict) -> None:
        """One usage row for an answer (or a failed attempt) from its reported tokens and calls."""
        try:
            self.usage.record(
                UsageRecord(
                    day=local_today(self._clock(), self.ctx.settings),
                    user_id=asker.user_id,
                    chat_id=asker.chat_id,
                    model=str(meta.get("model") or "unknown"),
                    endpoint=str(meta.get("endpoint") or ""),
                    input_tokens=int(meta.get("input_tokens") or 0),
                    output_tokens=int(meta.get("output_tokens") or 0),
                    model_calls=int(meta.get("model_calls") or 0),
                )
            )
        except Exception:
            log.exception("LLM usage not recorded")

    async def usage_report(self, user_id: int | None = None, lang: str = "zh") -> str:
        """Today's and this month's LLM usage as text: one user's, or everyone's (``user_id=None``)."""

        def build() -> str:
            today = local_today(self._clock(), self.ctx.settings)
            return format_report(build_report(self.usage, self.ctx.settings, today, user_id), lang)

        return await asyncio.to_thread(build)

    async def _offline(self, question: str, history: list[Turn], lang: str) -> Answer:
        try:
            from agent.offline import answerer as offline

            return await asyncio.to_thread(offline.answer, question, self.ctx, history, lang)
        except Exception:
            log.exception("offline answerer failed")
            return Answer(text=SORRY.get(lang, SORRY["en"]), lang=lang if is_lang(lang) else "en", meta={"error": True})

    def _load(self, conversation_id: str) -> list[Turn]:
        try:
            return self.memory.load(conversation_id)
        except Exception:  # a broken memory file must not stop answers
            log.exception("conversation memory unreadable")
            return []

    def _save(self, conversation_id: str, question: str, result: Answer) -> None:
        # Plain JSON only; a statistic's query (a dict) stays, so "那4月呢？" can restate it next turn.
        meta = {k: v for k, v in result.meta.items() if _plain(v)}
        meta["mode"] = result.mode
        try:
            self.memory.append(
                conversation_id, Turn(role="user", text=question), Turn(role="assistant", text=result.text, meta=meta)
            )
        except Exception:
            log.exception("conversation memory not saved")

    async def turnover(self, day: date | None, lang: str = "zh") -> Answer:
        from agent.offline import answerer as offline

        return await asyncio.to_thread(offline.turnover_answer, self.ctx, day, lang)

    async def news(self, query: str, lang: str = "zh") -> Answer:
        from agent.offline import answerer as offline

        return await asyncio.to_thread(offline.news_answer, self.ctx, query, lang)

    async def daily_summary(self, day: date | None = None, lang: str = "zh") -> Answer:
        from agent import summary

        return await asyncio.to_thread(summary.daily_summary, self.ctx, day, lang)

    async def chart_png(self, days: int = 60, end: date | None = None, highlight: date | None = None) -> bytes:
        return await asyncio.to_thread(self.ctx.market.chart, days, end, highlight)

    async def sectors(self, day: date | None = None, lang: str = "zh") -> Answer:
        """The bot's /sectors: a day's industries (direction, split, AI share, breadth)."""
        from agent.sectors_day import sectors_answer

        return await asyncio.to_thread(sectors_answer, self.ctx, day, lang)

    async def industry_chart_png(self, day: date | None = None) -> bytes:
        """The chart of a day's change by industry (the /sectors 📊 button)."""
        from tools.industries.service import IndustryData

        return await asyncio.to_thread(IndustryData(self.ctx.market).chart, day)

    async def forget(self, conversation_id: str) -> None:
        """Drop a conversation's memory (e.g. the bot's /reset)."""
        await asyncio.to_thread(self.memory.clear, conversation_id)

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """The bot's chat got a new id (group -> supergroup): its conversations follow."""
        await asyncio.to_thread(self.memory.move_chat, old_chat_id, new_chat_id)

    # --- housekeeping for the bot's scheduled jobs --------------------------------------------
    def now(self) -> datetime:
        """The clock the answers use (aware, in settings.zone)."""
        return self.ctx.now()

    async def is_trading_day(self, day: date) -> bool:
        return await asyncio.to_thread(self.ctx.market.calendar.is_trading_day, day)

    async def refresh_market(self) -> str:
        """Fetch the missing sessions from the live sources; returns a one-line summary."""
        result = await asyncio.to_thread(self.ctx.market.update)
        summary = f"written={result.written} requests={result.requests} errors={len(result.errors)}"
        summary += "; " + await asyncio.to_thread(self._refresh_boards)
        log.info("market refresh: %s", summary)
        return summary

    def _refresh_boards(self) -> str:
        """The watchlist boards' missing days (one request per board) and today's industry ranking."""
        try:
            boards = self.ctx.market.boards().update()
        except Exception as exc:  # a bad watchlist file or a source bug must not stop the index refresh
            log.warning("board refresh failed: %s", exc)
            return "boards failed"
        return f"boards written={boards.written} requests={boards.requests} errors={len(boards.errors)}"

    async def refresh_news(self, feeds: tuple[str, ...] = NEWS_FEEDS) -> int:
        """Ingest the live news feeds; a failing feed is logged and skipped. Returns items added."""
        added = 0
        for spec in feeds:
            try:
                report = await asyncio.to_thread(self.ctx.news.ingest_feed, spec)
                added += report.added
            except Exception as exc:  # one feed's outage must not stop the others
                log.warning("news feed %s failed: %s", spec, redact(str(exc), secret_values(self.ctx.settings)))
        return added


def _plain(value: object) -> bool:
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
