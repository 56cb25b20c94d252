"""The offline answerer: the embedded default with no LLM, and the fallback when the LLM fails.

One pipeline, read top to bottom: ``agent.offline.reading.understand`` reads the question into typed queries,
one per part; each part's handler (``agent.offline.pipeline.HANDLERS``, in order) calls the same facades
as the LLM tools (``MarketData``, its ``stats``, ``NewsKnowledgeBase``) and words the result;
the parts are joined in the order asked. Every figure comes from a tool result; causes come only
from retrieved news, cited as [n]. ``answer()`` never raises.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date

from agent.answer import Answer, Turn
from agent.context import AgentContext
from agent.offline.day import phrases as P
from agent.offline.day.handler import answer_day
from agent.offline.lookups import (  # noqa: F401 - re-exported for agent.summary
    CHART_DAYS,
    calendar_of,
    data_today,
    driver_hits,
    freshness_line,
    holiday_note,
    market_context_line,
    safe,
    sources_of,
)
from agent.offline.pipeline import HANDLERS, Citations, Handler, Reply, assemble, read, register, run
from agent.offline.reading.query import Query
from agent.offline.reading.question import WeekdayCalendar, detect_lang
from agent.offline.reading.understand import Clause, Env, clauses_of, help_query, news_query, read_day, read_followup
from agent.offline.refusals.handler import (
    answer_help,
    answer_news,
    answer_refusal,
    answer_unclear,
    news_reply,
    recognise_refusal_clause,
)
from agent.offline.stats.handler import answer_stats, recognise_stats, restate_stats
from agent.wording import Lang
from tools.stats.models import StatsQuery

log = logging.getLogger(__name__)
_THAT_DAY = re.compile(r"那天|那一天|当天|这一天|\bthat day\b|\bthat session\b", re.I)


# --- the built-in handlers, in the order they are tried ------------------------------------------


def _recognise_followup(clause: Clause) -> Query | None:
    if not clause.followup:
        return None
    prev = clause.env.previous or {}
    previous_stats = _stats_of(prev)
    if previous_stats is not None and _THAT_DAY.search(clause.text) and prev.get("date"):
        return read_followup(clause)  # "那天沪市呢": the day the statistic named, not the period again
    if previous_stats is not None:
        before = Query(kind="stats", lang=clause.lang, text="", stats=previous_stats)
        q = recognise_stats(clause, inherited=before)
        if before.stats is not None and (
            q is None or (q.stats and q.stats.measure == "summary" and q.focus == "summary")
        ):
            q = restate_stats(clause, before.stats, prev) or q  # no measure of its own: the previous one
        if q is not None:
            q.followup = True
            return q
    return read_followup(clause)


def _stats_of(meta: dict) -> StatsQuery | None:
    """The statistic a previous answer was about (None when it was not one, or its meta is from an older version)."""
    if meta.get("intent") != "stats" or not isinstance(meta.get("stats"), dict):
        return None
    try:
        return StatsQuery(**meta["stats"])
    except ValueError:  # pydantic's ValidationError
        return None


def _answer_followup(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    if q.kind == "stats":
        return answer_stats(ctx, q, cites)
    if q.kind == "news":
        return answer_news(ctx, q, cites)
    return answer_day(ctx, q, cites)


UNCLEAR = Handler("unclear", lambda clause: None, answer_unclear)
for _handler in (
    Handler("refusal", recognise_refusal_clause, answer_refusal),
    Handler("help", help_query, answer_help),
    Handler("followup", _recognise_followup, _answer_followup),
    Handler("news", news_query, answer_news),
    Handler("stats", recognise_stats, answer_stats),
    Handler("day", read_day, answer_day),
):
    register(_handler)
# Handlers of other modules register themselves in front of the refusals when imported.
import agent.offline.intraday.handler  # noqa: E402, F401 - registers the intraday handler in front of the refusals

# After the board handler, so each registers in front of the one it must precede.
import agent.offline.market.handler  # noqa: E402, F401 - index questions, in front of the statistics
import agent.offline.sectors.industry_handler  # noqa: E402, F401 - THS industries, in front of the boards
from agent.offline.sectors import handler as answer_sectors  # noqa: E402, F401

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
        replies, cites, queries = run(clauses_of(question, env, use_lang), ctx, use_lang, UNCLEAR)
        return assemble(replies, cites, use_lang, queries)
    except Exception:
        log.exception("offline answer failed")
        return Answer(text=P.internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def read_question(question: str, env: Env, lang: str | None = None) -> list[Query]:
    """The typed queries a question asks (the first step of ``answer``), for tests and tools."""
    use_lang: Lang = lang if lang in ("zh", "en") else detect_lang(question)  # type: ignore[assignment]
    return [q for _, q in read(clauses_of(question, env, use_lang), use_lang, UNCLEAR)]


def turnover_answer(ctx: AgentContext, day: date | None, lang: str = "zh") -> Answer:
    """The bot's /turnover: a day's figure, change, context and drivers (None = latest)."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    try:
        q = Query(kind="day", lang=use_lang, text="", dates=[day] if day else [], latest=day is None)
        cites = Citations(lang=use_lang)
        return assemble([answer_day(ctx, q, cites)], cites, use_lang, [q])
    except Exception:
        log.exception("turnover answer failed")
        return Answer(text=P.internal_error(use_lang), lang=use_lang, meta={"intent": "error"})


def news_answer(ctx: AgentContext, query: str, lang: str = "zh", day: date | None = None) -> Answer:
    """The bot's /news: the top news for a query (on or around ``day`` when given)."""
    use_lang: Lang = "en" if lang == "en" else "zh"
    cites = Citations(lang=use_lang)
    q = Query(kind="news", lang=use_lang, text=query, topic=query, dates=[day] if day else [])
    return assemble([news_reply(ctx, query, use_lang, day, cites)], cites, use_lang, [q])


__all__ = ["HANDLERS", "answer", "news_answer", "read_question", "register", "turnover_answer"]
