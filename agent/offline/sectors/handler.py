"""The sector handler of the offline pipeline: board turnover questions, answered by agent.offline.sectors.answer.

Tried in front of the refusals (``agent.offline.pipeline.HANDLERS``), so "AI板块成交额多少？" and
"哪个板块成交最多？" get the board figures (or one line saying there are none for the day) instead of
the sector refusal; questions about the future and other sector questions still reach the refusals.
"""

from __future__ import annotations

from dataclasses import replace

from agent.context import AgentContext
from agent.offline.day.handler import TODAY_WORDS
from agent.offline.parts import Citations, Handler, Reply
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause, days_named
from agent.offline.sectors import answer as sector_answer
from tools.boards.watchlist import Watchlist


def _watchlist() -> Watchlist:
    """The process settings' watchlist (a recogniser gets no context); the bundled one when unreadable."""
    from config import get_settings

    return sector_answer.watchlist_of(get_settings())


def recognise_clause(clause: Clause) -> Query | None:
    ask = sector_answer.recognise(clause.text, clause.lang, _watchlist())
    if ask is None:
        return None
    absolute, relative = days_named(clause)
    found = sorted(absolute + relative, key=lambda f: f.pos)
    if any(f.day is None for f in found):
        return None  # an impossible date: the day reader says so
    said_today = any(f.raw.lower() in TODAY_WORDS for f in found)
    days = [f.day for f in found if f.day and f.raw.lower() not in TODAY_WORDS] or clause.explicit_days[:1]
    ask = replace(ask, day=days[0] if days else None, said_today=said_today)
    return Query(kind="sector", lang=clause.lang, text=clause.text, dates=days[:1], extra={"sector": ask})


def answer_query(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    result = sector_answer.answer(q.extra["sector"], ctx, q.lang)
    return Reply([p for p in result.text.split("\n\n") if p], result.meta)


HANDLER = Handler("sectors", recognise_clause, answer_query)
