"""The intraday answers' place in the offline pipeline (agent.offline.pipeline): one Handler in front of the refusals.

A question in parts ("现在成交额多少？比昨天同期放量还是缩量？几点破的万亿？全天预计多少？") gets one intraday
answer: the first intraday part answers with everything the whole question asks, the parts after it add
nothing of their own. "今天成交额多少" without an intraday word stays with the day answer, which leads with
the session so far when the market is trading (``MarketData.intraday``, from the same minute bars).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from agent.context import AgentContext
from agent.offline.intraday.answer import INTENT, answer, recognise
from agent.offline.intraday.reading import IntradayAsk
from agent.offline.parts import Citations, Handler, Reply
from agent.offline.reading.lexicon import has
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause

# Words of a statistic over days: with them, "现在/什么时候" is not a moment of one session.
_STATISTIC = (
    "SHAPE_STREAK", "SHAPE_FIRST", "SHAPE_LAST", "SHAPE_COUNT", "SHAPE_MEAN", "SHAPE_MEDIAN", "SHAPE_SUM",
    "SHAPE_RANK", "SHAPE_PERCENTILE", "SHAPE_MAX", "SHAPE_MIN", "SHAPE_LIST", "SAME_PART", "SHAPE_SHARE",
)  # fmt: skip


def recognise_clause(clause: Clause) -> Query | None:
    now = datetime.combine(clause.env.clock_day, time(0))  # the words need only the clock's day
    ask = recognise(clause.text, clause.lang, now, previous=clause.env.previous if clause.index == 0 else None)
    if ask is None or not ask.explicit:
        return None
    if ask.at is None and has(clause.text, *_STATISTIC):
        return None  # "现在已经连续多少天破万亿", "第一次突破3万亿是什么时候", "这个月到目前为止日均": statistics
    if clause.before is not None and clause.before.kind == INTENT:
        return Query(kind=INTENT, lang=clause.lang, text=clause.text, extra={"covered": clause.before})
    whole = recognise(clause.question, clause.lang, now)
    if whole is not None and clause.question != clause.text:
        ask = replace(ask, focus=ask.focus | whole.focus, threshold_yi=ask.threshold_yi or whole.threshold_yi)
    return Query(
        kind=INTENT, lang=clause.lang, text=clause.text, dates=[ask.day] if ask.day else [], extra={"ask": ask}
    )


def answer_clause(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    first = q.extra.get("covered")
    if first is not None:  # the intraday part before this one already answered it
        return Reply([], dict(first.extra.get("meta", {})))
    ask: IntradayAsk = q.extra["ask"]
    result = answer(ask, ctx, q.lang)
    q.extra["meta"] = result.meta
    return Reply([result.text], result.meta, result.chart)


HANDLER = Handler(INTENT, recognise_clause, answer_clause)
