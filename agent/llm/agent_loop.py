"""The LLM agent: LangChain ``create_agent`` over the market and news tools, with grounded figures.

One turn: build the system prompt (clock, data freshness), run the agent with
a step budget (the last allowed model call gets no tools, so it must answer),
a time limit and a per-call token cap; endpoints fall back in order on
failure. The figures of the final text are checked against the turn's tool
results; ungrounded ones trigger one corrective retry, then are marked. Any
failure raises ``AgentFailure`` so the caller can fall back to the offline
answerer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from agent.answer import Answer, Lang, Turn, is_lang
from agent.context import AgentContext
from agent.llm.chat_models import build_chat_models, describe, endpoint_of, failure_hint, is_transient
from agent.llm.compat_model import text_tool_call_middleware
from agent.llm.grounding import Verdict, check, correction_request, mark_ungrounded
from agent.llm.history import context_messages
from agent.llm.prompt import build_system_prompt
from agent.llm.tools import TurnRecorder, build_tools
from agent.offline.reading.question import detect_lang
from config.logging import redact, secret_values

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

log = logging.getLogger(__name__)

PartialCallback = Callable[[str], Awaitable[None]]
PARTIAL_INTERVAL_S = 0.4
ENDPOINT_COOLDOWN_S = 60.0
# How a reply that is a tool call written as text starts (compat_model reads it): never streamed to users.
TOOL_CALL_TEXT_STARTS = ("<tool_call>", "```", "{")
_CITATION = re.compile(r"\[(\d{1,2})\]")
FINAL_STEP_NOTICE = (
    "[step limit] No more tool calls are possible. Answer now from the tool results above; say what is unknown."
)


@dataclass
class TurnStats:
    """What a turn cost, as the endpoints reported it, and which endpoint answered last."""

    model_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    model: str = ""
    endpoint: str = ""
    started: float = field(default_factory=time.monotonic)

    def served_by(self, model: object) -> None:
        self.model, self.endpoint = describe(model), endpoint_of(model)


class AgentFailure(RuntimeError):
    """The LLM could not produce an answer (all endpoints failed, time or step limit, empty reply).

    ``stats`` holds the tokens spent before the failure: they count against the budgets too.
    """

    def __init__(self, message: str, stats: TurnStats | None = None) -> None:
        super().__init__(message)
        self.stats = stats


def _step_budget_middleware(max_calls: int, stats: TurnStats) -> Any:
    """Counts model calls; the last allowed one gets no tools, one more is an error.

    LangChain's ModelCallLimitMiddleware stops the run at the limit (``exit_behavior="end"`` leaves the
    turn with a tool call and no answer); this one instead takes the tools away on the last allowed call,
    so the model must answer from what it has, which is what a user needs.
    """
    from langchain.agents.middleware import AgentMiddleware
    from langchain_core.messages import HumanMessage

    class StepBudget(AgentMiddleware):
        calls = 0  # this run's calls; ``stats`` sums over the turn (a grounding retry is a second run)

        def _adjust(self, request: Any) -> Any:
            self.calls += 1
            stats.model_calls += 1
            if self.calls > max_calls:
                raise AgentFailure(f"step limit of {max_calls} model calls reached", stats)
            if self.calls == max_calls:
                return request.override(tools=[], messages=[*request.messages, HumanMessage(FINAL_STEP_NOTICE)])
            return request

        def _count(self, response: Any) -> Any:
            for message in getattr(response, "result", None) or []:
                usage = getattr(message, "usage_metadata", None) or {}
                stats.input_tokens += usage.get("input_tokens", 0)
                stats.output_tokens += usage.get("output_tokens", 0)
            return response

        def wrap_model_call(self, request: Any, handler: Any) -> Any:
            return self._count(handler(self._adjust(request)))

        async def awrap_model_call(self, request: Any, handler: Any) -> Any:
            return self._count(await handler(self._adjust(request)))

    return StepBudget()


def _fallback_middleware(models: list[BaseChatModel], cooldown: dict[int, float], stats: TurnStats) -> Any:
    """Tries endpoints in order; one that fails is skipped for ``ENDPOINT_COOLDOWN_S`` (all tried if all cool).

    LangChain's ModelFallbackMiddleware tries the fallbacks on every call afresh; this one remembers a
    failed endpoint across calls and turns (the agent lives as long as the service), so a provider that
    is rate-limiting or down is not asked again on every step of every answer for the next minute.
    """
    from langchain.agents.middleware import AgentMiddleware
    from langgraph.errors import GraphBubbleUp

    class EndpointFallback(AgentMiddleware):
        def _order(self) -> list[int]:
            now = time.monotonic()
            healthy = [i for i in range(len(models)) if cooldown.get(i, 0.0) <= now]
            return healthy or list(range(len(models)))

        def _failed(self, index: int, exc: Exception) -> None:
            cooldown[index] = time.monotonic() + ENDPOINT_COOLDOWN_S
            kind = "transient" if is_transient(exc) else "permanent"
            log.warning(
                "LLM endpoint %d (%s) failed (%s, %s); trying the next one",
                index,
                describe(models[index]),
                type(exc).__name__,
                kind,
            )

        def wrap_model_call(self, request: Any, handler: Any) -> Any:
            last: Exception | None = None
            for index in self._order():
                try:
                    response = handler(request.override(model=models[index]))
                    stats.served_by(models[index])
                    return response
                except GraphBubbleUp:
                    raise
                except Exception as exc:
                    self._failed(index, exc)
                    last = exc
            raise last or AgentFailure("no LLM endpoint")

        async def awrap_model_call(self, request: Any, handler: Any) -> Any:
            last: Exception | None = None
            for index in self._order():
                try:
                    response = await handler(request.override(model=models[index]))
                    stats.served_by(models[index])
                    return response
                except GraphBubbleUp:
                    raise
                except Exception as exc:
                    self._failed(index, exc)
                    last = exc
            raise last or AgentFailure("no LLM endpoint")

    return EndpointFallback()


class LLMAgent:
    def __init__(self, ctx: AgentContext, models: Sequence[BaseChatModel] | None = None) -> None:
        self.ctx = ctx
        self._models = list(models) if models is not None else None
        # Endpoint index -> monotonic time until which it is skipped after a failure (429, outage).
        self._cooldown: dict[int, float] = {}

    def _chat_models(self, streaming: bool) -> list[BaseChatModel]:
        if self._models is not None:
            return self._models
        return build_chat_models(self.ctx.settings, streaming=streaming)

    def _system_prompt(self, lang: str) -> tuple[str, date | None]:
        """The prompt, and the latest session with data it names (None when unknown)."""
        market, news = self.ctx.market, self.ctx.news
        latest = news_latest = None
        sessions: list[date] = []
        today = self.ctx.now().date()
        try:
            latest = market.latest_date()
            if latest is not None and latest > today:  # a pinned clock (tests, --date) before the data ends
                latest = today
            if latest is not None:
                sessions = [d.date for d in market.turnover_range(8, latest).days]
        except Exception:  # the prompt still works without the calendar
            log.debug("recent sessions unavailable for the prompt", exc_info=True)
        try:
            news_latest = news.latest_date()
        except Exception:
            log.debug("news freshness unavailable for the prompt", exc_info=True)
        return build_system_prompt(self.ctx.now(), latest, news_latest, lang, sessions), latest

    def _build_agent(
        self,
        models: list[BaseChatModel],
        recorder: TurnRecorder,
        system_prompt: str,
        max_calls: int,
        stats: TurnStats,
    ) -> Any:
        from langchain.agents import create_agent
        from langchain.agents.middleware import ToolCallLimitMiddleware

        # Built-in where it does what we need: calls past the run's tool-call limit get an error result
        # ("continue"), so one runaway step of parallel calls cannot fan out to dozens of data requests.
        # Retries of one request are the client's (ChatOpenAI max_retries, honouring Retry-After), so
        # ModelRetryMiddleware would only multiply them.
        middleware: list[Any] = [
            _step_budget_middleware(max_calls, stats),
            ToolCallLimitMiddleware(run_limit=max(self.ctx.settings.llm_max_tool_calls, 1), exit_behavior="continue"),
            text_tool_call_middleware(),
        ]
        if len(models) > 1:
            middleware.append(_fallback_middleware(models, self._cooldown, stats))
        else:
            stats.served_by(models[0])
        return create_agent(
            models[0], build_tools(self.ctx, recorder), system_prompt=system_prompt, middleware=middleware
        )

    async def _run(
        self, agent: Any, messages: list[BaseMessage], max_calls: int, on_partial: PartialCallback | None
    ) -> list[BaseMessage]:
        config = {"recursion_limit": 2 * max_calls + 4}
        if on_partial is None:
            result = await agent.ainvoke({"messages": messages}, config=config)
            return result["messages"]
        state: dict[str, Any] = {}
        buffer, current_id, last_sent = "", None, 0.0
        async for mode, chunk in agent.astream(
            {"messages": messages}, config=config, stream_mode=["messages", "values"]
        ):
            if mode == "values":
                state = chunk
                continue
            message, metadata = chunk
            if metadata.get("langgraph_node") != "model" or not isinstance(getattr(message, "content", None), str):
                continue
            if message.id != current_id:
                buffer, current_id = "", message.id
            buffer += message.content
            if buffer.lstrip().startswith(TOOL_CALL_TEXT_STARTS):  # a tool call written as text: not for users
                continue
            if buffer.strip() and time.monotonic() - last_sent >= PARTIAL_INTERVAL_S:
                last_sent = time.monotonic()
                try:
                    await on_partial(buffer)
                except Exception:  # a display problem must not end the turn
                    log.debug("partial callback failed", exc_info=True)
        return state.get("messages", [])

    async def answer(
        self,
        question: str,
        history: Sequence[Turn] = (),
        lang: str | None = None,
        on_partial: PartialCallback | None = None,
    ) -> Answer:
        settings = self.ctx.settings
        # A language answers are not written in (or none) follows the question, as the offline answerer does.
        use_lang: Lang = lang if is_lang(lang) else detect_lang(question)
        stats = TurnStats()
        try:
            return await asyncio.wait_for(
                self._answer(question, history, use_lang, on_partial, stats), timeout=settings.llm_time_limit_s
            )
        except AgentFailure as exc:
            exc.stats = stats
            raise
        except TimeoutError:
            raise AgentFailure(f"time limit of {settings.llm_time_limit_s:g}s reached", stats) from None
        except Exception as exc:
            message = redact(f"{type(exc).__name__}: {exc}{failure_hint(exc)}", secret_values(settings))
            raise AgentFailure(f"LLM failed: {message}", stats) from None

    async def _answer(
        self,
        question: str,
        history: Sequence[Turn],
        lang: Lang,
        on_partial: PartialCallback | None,
        stats: TurnStats,
    ) -> Answer:
        from langchain_core.messages import HumanMessage, ToolMessage

        settings = self.ctx.settings
        models = self._chat_models(streaming=on_partial is not None)
        system_prompt, latest = await asyncio.to_thread(self._system_prompt, lang)
        recorder = TurnRecorder(lang="en" if lang == "en" else "zh")
        messages = context_messages(history, settings.llm_context_turns, lang)
        messages.append(HumanMessage(question))
        start = len(messages)

        max_calls = max(settings.llm_max_steps, 1)
        agent = self._build_agent(models, recorder, system_prompt, max_calls, stats)
        state = await self._run(agent, messages, max_calls, on_partial)
        text = self._final_text(state)
        # Dates the answer may state without a tool having reported them: the clock's last ten days (今天, 昨天,
        # 上周五 said from the prompt's clock, e.g. "昨天（…）没有数据") and the latest session.
        today = self.ctx.now().date()
        allowed = [today - timedelta(days=n) for n in range(10)] + ([latest] if latest else [])

        def verdict_for(msgs: list[BaseMessage], answer_text: str) -> Verdict:
            results = [m.content for m in msgs[start:] if isinstance(m, ToolMessage) and isinstance(m.content, str)]
            return check(answer_text, results, question=question, allowed_dates=allowed)

        verdict = verdict_for(state, text)
        retried = False
        if not verdict.ok:
            retried = True
            log.info("grounding: asking the model once to correct %d figure(s)", len(verdict.ungrounded))
            retry_calls = max(2, max_calls // 2)
            # A new run, so a step budget of its own; its tokens add to the turn's.
            retry_agent = self._build_agent(models, recorder, system_prompt, retry_calls, stats)
            retry_messages = [*state, HumanMessage(correction_request(verdict, lang))]
            state = await self._run(retry_agent, retry_messages, retry_calls, on_partial)
            text = self._final_text(state)
            verdict = verdict_for(state, text)
            if not verdict.ok:
                log.warning("grounding: %s after the retry; marking them", verdict.summary())
                text = mark_ungrounded(text, verdict, lang)

        text = redact(text, secret_values(settings))
        cited = {int(n) for n in _CITATION.findall(text)}
        known = {n for n, _ in recorder.sources.values()}
        text = _CITATION.sub(lambda m: m.group(0) if int(m.group(1)) in known else "", text)
        tool_calls = sum(1 for m in state[start:] if isinstance(m, ToolMessage))
        return Answer(
            text=text.strip(),
            lang=lang,
            mode="llm",
            sources=recorder.source_refs(cited & known),
            chart=recorder.chart,
            grounded=verdict.ok,
            meta={
                "model": stats.model or describe(models[0]),
                "endpoint": stats.endpoint,
                "tool_calls": tool_calls,
                "model_calls": stats.model_calls,
                "input_tokens": stats.input_tokens,
                "output_tokens": stats.output_tokens,
                "grounding": verdict.summary(),
                "grounding_retry": retried,
                "elapsed_s": round(time.monotonic() - stats.started, 3),
                **_answered_date(state[start:]),
            },
        )

    @staticmethod
    def _final_text(state: list[BaseMessage]) -> str:
        from langchain_core.messages import AIMessage

        for message in reversed(state):
            if isinstance(message, AIMessage):
                text = message.text.strip()
                if not text:
                    break
                return text
        raise AgentFailure("the model returned no answer text")


def _answered_date(messages: Sequence[BaseMessage]) -> dict[str, str]:
    """The last day a turnover tool reported, so an offline follow-up knows what "那昨天呢" refers to."""
    from langchain_core.messages import ToolMessage

    for message in reversed(messages):
        if isinstance(message, ToolMessage) and message.name in {"turnover_day", "compare_days"}:
            try:
                data = json.loads(message.content)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
            day = data.get("date") or (data.get("b") or {}).get("date")
            if day:
                return {"intent": "turnover_day", "date": str(day)}
    return {}
