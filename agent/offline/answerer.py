"""The offline answerer: the embedded default with no LLM, and the fallback when the LLM fails.

One pipeline, read top to bottom: ``agent.offline.reading.understand`` reads the question into typed queries,
one per part; each part's handler (``agent.offline.pipeline.HANDLERS``, in order) calls the same facades
as the LLM tools (``MarketData``, its ``stats``, ``NewsKnowledgeBase``) and words the result;
the parts are joined in the order asked. Every figure comes from a tool result; causes come only
from retrieved news, cited as [n]. ``answer()`` never raises.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from agent.answer import Answer, Turn
from agent.context import AgentContext
from agent.offline.day.handler import answer_day
from agent.offline.lookups import calendar_of
from agent.offline.news.handler import news_reply
from agent.offline.parts import Citations
from agent.offline.pipeline import assemble, read, run
from agent.offline.reading.query import Query
from agent.offline.reading.question import WeekdayCalendar, detect_lang
from agent.offline.reading.understand import Env, clauses_of
from agent.offline.refusals.phrases import internal_error
from agent.wording import Lang

log = logging.getLogger(__name__)


# --- entry points --------------------------------------------------------------------------------


def answer(question: str, ctx: AgentContext, history: Sequence[Turn] = (), lang: str | None = None) -> Answer:
    """Answer one question offline; never raises."""
    use_lang: Lang = lang if lang in ("zh", "en") else detect_lang(question)  # type: ignore[assignment]
    try:
        env = Env(
            clock_day=ctx.now().date(),
            calendar=calendar_of(ctx) or WeekdayCalendar(),
            history=history,
        )
        replies, cites, queries = run(clauses_of(question, env, use_lang), ctx, use_lang)
        return assemble(replies, cites, use_lang, queries)
    except Exception:
        log.exception("offline answer failed")
        return Answer(text=internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def read_question(question: str, env: Env, lang: str | None = None) -> list[Query]:
    """The typed queries a question asks (the first step of ``answer``), for tests and tools."""
    use_lang: Lang = lang if lang in ("zh", "en") else detect_lang(question)  # type: ignore[assignment]
    return [q for _, q in read(clauses_of(question, env, use_lang), use_lang)]


def turnover_answer(ctx: AgentContext, day: date | None, lang: str = "zh") -> Answer:
    """The bot's /turnover: a day's figure, change, context and drivers (None = latest)."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    try:
        q = Query(kind="day", lang=use_lang, text="", dates=[day] if day else [], latest=day is None)
        cites = Citations(lang=use_lang)
        return assemble([answer_day(ctx, q, cites)], cites, use_lang, [q])
    except Exception:
        log.exception("turnover answer failed")
        return Answer(text=internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def news_answer(ctx: AgentContext, query: str, lang: str = "zh", day: date | None = None) -> Answer:
    """The bot's /news: the top news for a query (on or around ``day`` when given)."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    cites = Citations(lang=use_lang)
    q = Query(kind="news", lang=use_lang, text=query, topic=query, dates=[day] if day else [])
    return assemble([news_reply(ctx, query, use_lang, day, cites)], cites, use_lang, [q])


__all__ = ["answer", "news_answer", "read_question", "turnover_answer"]
