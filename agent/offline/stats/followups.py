"""Follow-ups about a statistic on the table: what the previous answer's statistic was, and "今天排第几" after
a period's figure (the day ranked in that period)."""

from __future__ import annotations

import re

from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.offline.stats.handler import recognise_stats
from tools.errors import MarketDataError
from tools.stats.models import StatsQuery
from tools.stats.periods import parse_period

RANKED = re.compile(r"第几|排名|分位|历史最高|最高的?吗|纪录|\brank|\brecord\b", re.I)


def stats_of(meta: dict) -> StatsQuery | None:
    """The statistic a previous answer was about (None when it was not one, or its meta is from an older version)."""
    if meta.get("intent") != "stats" or not isinstance(meta.get("stats"), dict):
        return None
    try:
        return StatsQuery(**meta["stats"])
    except ValueError:  # pydantic's ValidationError
        return None


_ALL_TIME = re.compile(r"历史|有史以来|有数据以来|史上|\ball[- ]time\b|\bever\b|\bin history\b", re.I)


def day_ranked_in_period(clause: Clause, prev: dict) -> Query | None:
    """ "今天排第几" after "今年以来最高是哪天": the day ranked in the period on the table, not in all history
    (unless the history is named, or the day lies outside that period)."""
    stats = stats_of(prev)
    if clause.index > 0 or stats is None or stats.period == "all" or not clause.brief(16):
        return None
    if not RANKED.search(clause.text) or _ALL_TIME.search(clause.text):
        return None
    q = recognise_stats(clause)
    if q is None or q.stats is None or q.stats.measure not in ("rank", "percentile") or q.stats.period != "all":
        return None
    if q.stats.date is None or q.stats.value_yi is not None:
        return None
    try:
        bounds = parse_period(stats.period, clause.env.clock_day, clause.lang)
    except MarketDataError:  # a spec the calendar arithmetic does not take (a window of sessions): rank as asked
        return None
    if not bounds.start <= q.stats.date <= bounds.end:
        return None
    q.stats = q.stats.model_copy(update={"period": stats.period, "dates": stats.dates})
    q.followup = True
    return q
