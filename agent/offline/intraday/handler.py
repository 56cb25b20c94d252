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
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause


def recognise_clause(clause: Clause) -> Query | None:
    now = datetime.combine(clause.env.clock_day, time(0))  # the words need only the clock's day
    ask = recognise(clause.text, clause.lang, now, previous=clause.env.previous if clause.index == 0 else None)
    if ask is None or not ask.explicit:
        return None
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
