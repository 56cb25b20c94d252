"""A short follow-up ("那昨天呢？", "深市呢？", "去年呢？"): the previous answer's query with one slot changed."""

from __future__ import annotations

import re

from agent.context import AgentContext
from agent.offline.day.handler import answer_day
from agent.offline.news.handler import answer_news
from agent.offline.parts import Citations, Reply
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause, read_followup
from agent.offline.stats.handler import answer_stats, recognise_stats, restate_stats
from tools.stats.models import StatsQuery

_THAT_DAY = re.compile(r"那天|那一天|当天|这一天|\bthat day\b|\bthat session\b", re.I)


def recognise_followup(clause: Clause) -> Query | None:
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


def answer_followup(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    if q.kind == "stats":
        return answer_stats(ctx, q, cites)
    if q.kind == "news":
        return answer_news(ctx, q, cites)
    return answer_day(ctx, q, cites)
