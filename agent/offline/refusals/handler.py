"""Answers without turnover statistics: refusals, help, "没太明白", and news on a topic."""

from __future__ import annotations

import logging
import re

from agent.context import AgentContext
from agent.offline.lookups import safe
from agent.offline.parts import Citations, Reply
from agent.offline.reading.query import Query
from agent.offline.reading.question import NEWS, TURNOVER
from agent.offline.reading.understand import Clause, market_part, read_day, wants_split
from agent.offline.refusals import phrases as general
from agent.offline.refusals.rules import (
    HOLIDAY_NAME,
    names_stock,
    not_in_data,
    other_index,
    recognise_refusal,
    refusal_text,
    stock_named,
)
from agent.wording import Lang, fmt_date

log = logging.getLogger(__name__)

EXAMPLES_ZH = (
    "2025年10月9日两市成交额多少？比上个交易日多了多少？",
    "2026年7月成交额最高的是哪一天？",
    "今年成交额超过2万亿的有几天？",
)
EXAMPLES_EN = (
    "What was turnover on 2025-10-09, and how did it compare with the previous session?",
    "Which day had the highest turnover in July 2026?",
    "How many days this year was turnover above 2 trillion yuan?",
)


# Declined before any other handler looks at the part: data the bot does not keep, and advice.
# index_level is not among them: the market handler answers the indexes that are stored (上证指数, 深证成指) first.
FIRST_DECLINES = ("advice", "not_in_data", "stock", "northbound", "out_of_scope")


def recognise_decline(clause: Clause) -> Query | None:
    q = recognise_refusal_clause(clause)
    return q if q is not None and q.refusal in FIRST_DECLINES else None


def recognise_refusal_clause(clause: Clause) -> Query | None:
    kind = recognise_refusal(clause.text)
    holiday = HOLIDAY_NAME.search(clause.text)
    if kind is None and holiday and not clause.explicit_days and not NEWS.search(clause.text):
        q = Query(kind="refusal", lang=clause.lang, text=clause.text, refusal="unnamed_day")
        q.extra["named"] = holiday[0]  # "国庆节那天成交额多少": not the latest day's figure
        return q
    if kind is None:
        return None
    previous = clause.env.previous or {}
    after_period = clause.index == 0 and bool(previous.get("period") or previous.get("stats"))
    if kind == "intraday" and after_period and re.search(r"同期(?!.*(?:几点|分时|时刻|时间))", clause.text):
        return None  # "同期成交总额" after a period's answer: that period, which the follow-up reader takes
    q = Query(kind="refusal", lang=clause.lang, text=clause.text, refusal=kind)
    if kind == "stock":
        q.extra["named"] = stock_named(clause.text)  # "其中中芯国际占了多少": the stock declined by name
    if kind == "index_level":
        q.extra["named"] = other_index(clause.text)  # "创业板指": the index not kept, said by name
    if kind == "not_in_data":
        q.extra["named"] = not_in_data(clause.text)  # "科创板": said by name
        q.extra["clause"] = clause  # an exchange named beside it is still answered (answer_refusal)
    return q


def answer_refusal(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    latest = safe(ctx.market.latest_date)
    latest_text = fmt_date(latest, q.lang) if latest else None
    text = refusal_text(q.refusal, q.lang, latest_text, q.extra.get("named"))  # type: ignore[arg-type]
    if q.refusal == "prediction" and names_stock(q.text):  # "贵州茅台明天能涨吗": both things it does not do
        text += "另外，我没有单只股票的数据。" if q.lang == "zh" else " I also have no data on single stocks."
    paragraphs = [text]
    answerable = _exchange_part(q)
    if answerable is not None:  # "深市和创业板各成交多少": 创业板 declined by name, 深市 answered
        from agent.offline.day.handler import answer_day

        day = answer_day(ctx, answerable, cites)
        return Reply([text, *day.paragraphs], day.meta, day.chart)
    # A prediction gets the one sentence (what the bot does not do, what it can: its example names the latest
    # session), no figure of another day beside it: blind readers took one as an answer to another question.
    return Reply(paragraphs, {"intent": "refusal", "refusal": q.refusal, "lang": q.lang})


def _exchange_part(q: Query) -> Query | None:
    """The day question of an exchange the data keep (沪市/深市), asked beside one they do not ("深市和创业板")."""
    if q.refusal != "not_in_data" or not TURNOVER.search(q.text) or q.extra.get("clause") is None:
        return None
    part = market_part(q.text)
    if part == "total" or wants_split(q.text):
        return None
    day = read_day(q.extra["clause"])
    if day is None or day.kind != "day":
        return None
    day.part = part  # type: ignore[assignment]
    day.extra["share"] = False
    return day


def unclear_text(lang: Lang) -> str:
    examples = EXAMPLES_ZH if lang == "zh" else EXAMPLES_EN
    if lang == "zh":
        return "没太明白你的问题。可以这样问：\n" + "\n".join(f"• {e}" for e in examples)
    return "I did not quite understand that. You could ask:\n" + "\n".join(f"• {e}" for e in examples)


def answer_unclear(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    unplaced = q.extra.get("unplaced")
    if unplaced:  # the words are named, and no figure is given for a question not understood
        words = "、".join(f"“{w}”" for w in unplaced) if q.lang == "zh" else ", ".join(f'"{w}"' for w in unplaced)
        text = (
            f"这个问题里的{words}我没能读懂（对不上我认得的日期、时段、条件或指标），为免答非所问，先不给数字。"
            "可以换个说法，比如写明日期：“2025年9月24日两市成交额多少”。"
            if q.lang == "zh"
            else f"I could not place {words} in the question (not a date, period or measure I know), so I give no "
            'figure rather than answer something else. Try e.g. "turnover on 2025-09-24".'
        )
        return Reply([text], {"intent": "unclear", "lang": q.lang})
    if q.extra.get("among_parts"):  # one part of a longer question
        part = q.text.strip().rstrip("？?。！!；;")
        text = (
            f"“{part}”这一问没太明白，换个说法再问一次吧。"
            if q.lang == "zh"
            else f'I did not understand the part "{part}".'
        )
        return Reply([text], {"intent": "unclear", "lang": q.lang})
    return Reply([unclear_text(q.lang)], {"intent": "unclear", "lang": q.lang})


def answer_help(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    return Reply([general.help_text(q.lang)], {"intent": "help", "lang": q.lang})
