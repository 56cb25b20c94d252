"""Index questions that change one slot of the index question on the table and keep the rest (issue 16):
the index ("深成指呢" after 上证's move over a period: 深证成指 over the same period), the period ("这周累计呢",
"那去年全年上证呢"), the day ("昨天呢" after a day's index move), and a part that asks more of the part before it
in the same message ("今天上证涨了多少点？涨幅多少": one day, one answer; "今年上证涨的天数？跌的天数呢": one count;
"上周两市成交合计多少？上证周涨跌幅呢": the index over the first part's week)."""

from __future__ import annotations

import re
from datetime import date

from agent.offline.market.names import ANY_INDEX, IndexKey, asked_index
from agent.offline.reading.lexicon import THAT_DAY
from agent.offline.reading.period_spans import holding_period
from agent.offline.reading.periods import period_words
from agent.offline.reading.query import Query
from agent.offline.reading.question import DAY_AFTER, DAY_BEFORE, TURNOVER
from agent.offline.reading.understand import Clause, Env, days_named
from tools.stats.models import StatsQuery

NAMED = ANY_INDEX  # an index named: 上证指数, 深证成指, or the market's ("大盘")
# A market's turnover, not an index ("深市呢" after an index answer is Shenzhen's turnover)
MARKET = re.compile(r"沪市|深市|两市|上海|深圳|沪深|\bshanghai\b(?! composite| index)|\bshenzhen\b(?! component)", re.I)
# What a part adds to the index part before it: its move again ("涨幅多少", "多少点", "涨了还是跌了")
MOVE_AGAIN = re.compile(
    r"涨跌幅|涨幅|跌幅|涨跌|多少点|几个点|点数|涨了?多少|跌了?多少|是涨是跌|涨还是跌|涨了还是跌了|百分之几|"
    r"\bhow many points\b|\bin points\b|\bpercent(?:age)?\b|\bchange\b",
    re.I,
)
# "这周累计呢": a period's move asked by its total
CUMULATIVE = re.compile(r"累计|累积|一共|总共|合计|\bcumulative\b|\bin total\b", re.I)
COUNT_AGAIN = re.compile(r"(?:涨|跌)的?(?:天数|日子|交易日|天)|(?:上涨|下跌)(?:天数|日)|几天|多少天|天数", re.I)
# "周涨跌幅", "月涨幅": the move over the period of that unit the part before named
UNIT_MOVE = re.compile(r"(周|月|年|季度?)(?:度)?(?:的)?(?:涨幅|跌幅|涨跌幅?|累计)", re.I)
# "当月", "那一周", "那个月": the calendar period holding the day on the table, not the clock's
HOLDING = re.compile(r"(?:当|那个?|那一)(月|周|星期|年|季度?)")
_UNIT_OF_SPEC = (
    (re.compile(r"^(?:this_week|last_week|\d{4}-W\d{2})$"), "周"),
    (re.compile(r"^(?:this_month|last_month|\d{4}-\d{2})$"), "月"),
    (re.compile(r"^(?:this_quarter|last_quarter|\d{4}Q\d)$"), "季"),
    (re.compile(r"^(?:this_year|last_year|ytd|\d{4})$"), "年"),
)
_FILLER = re.compile(
    r"那么|那|呢|的|吗|呀|啊|了|还有|再|全年|整年|全月|整月|全周|整周|[\s?？。！!,，]|"
    r"\b(?:and|what|about|then|how|the|on|for|of|is|was|did|do)\b",
    re.I,
)


def _short(text: str) -> bool:
    text = text.strip()
    return len(text) <= 12 or (text.isascii() and len(text.split()) <= 9)


def table_meta(env: Env) -> dict:
    """The answer on the table: the last one, or the one before a reply that understood nothing (its meta names
    no day: "那天" then still means the day the answer before it named)."""
    metas = [t.meta for t in reversed(env.history) if t.role == "assistant" and t.meta]
    prev = env.previous or {}
    if prev.get("intent") != "unclear":
        return prev
    return next((m for m in metas if m.get("intent") != "unclear"), prev)


def index_answer_on_table(prev: dict) -> bool:
    return prev.get("intent_detail") == "index" or (prev.get("intent") == "day" and bool(prev.get("period")))


def no_day_of_its_own(clause: Clause) -> bool:
    absolute, relative = days_named(clause)
    return (
        not absolute
        and all(r.raw.lower() in ("今天", "今日", "today") for r in relative)
        or bool(THAT_DAY.search(clause.text))
    )


def period_query(clause: Clause, spec: str, index: IndexKey | None) -> Query:
    extra = {"index": True, "index_period": spec, "index_name": index}
    return Query(kind="day", lang=clause.lang, text=clause.text, extra=extra, followup=True)


def day_query(clause: Clause, day: date, index: IndexKey | None) -> Query:
    extra = {"index": True, "index_name": index}
    return Query(kind="day", lang=clause.lang, text=clause.text, dates=[day], extra=extra, followup=True)


def recognise(clause: Clause) -> Query | None:
    """The index question a follow-up or a later part of the message asks, or None."""
    text = clause.text
    if TURNOVER.search(text) or MARKET.search(text):
        return None
    if clause.index > 0:
        return _more_of_the_part_before(clause)
    prev = clause.env.previous or {}
    if not _short(text) or not prev.get("date"):
        return None
    periods = period_words(text, default_year=clause.env.clock_day.year, clock_day=clause.env.clock_day)
    index = asked_index(text) or prev.get("index")
    if prev.get("intent_detail") in ("index_count", "index_run") and prev.get("stats"):
        return _same_statistic(clause, prev, periods)
    # Nothing but the slot it changes (a period, an index, "that day"), a move word and filler
    only_slot = not _FILLER.sub("", CUMULATIVE.sub("", MOVE_AGAIN.sub("", THAT_DAY.sub("", _without(text, periods)))))
    if index_answer_on_table(prev):
        holding = HOLDING.search(text)
        if holding and not _FILLER.sub("", HOLDING.sub("", MOVE_AGAIN.sub("", CUMULATIVE.sub("", text)))):
            unit = "周" if holding[1] == "星期" else holding[1]  # "当月涨幅呢", "那一周呢": the period holding the day
            return period_query(clause, holding_period(date.fromisoformat(prev["date"]), unit), index)
        if periods and only_slot and no_day_of_its_own(clause):  # "这周累计呢", "那去年全年上证呢", "那上个月呢"
            return period_query(clause, periods[0].spec, index)
        if prev.get("period") and NAMED.search(text) and only_slot and no_day_of_its_own(clause):
            return period_query(clause, prev["period"], asked_index(text))  # "深成指呢": the same period
        moved = _another_day(clause, prev)
        if moved is not None:  # "昨天呢", "10月8日呢": that day's index move
            moved.extra.update({"index": True, "index_name": index})
            return moved
    named_alone = NAMED.search(text) and only_slot and not periods and no_day_of_its_own(clause)
    if named_alone and prev.get("intent") in ("day", "pair") and (THAT_DAY.search(text) or clause.followup):
        # "what about the Shanghai index that day?" after a day: that day's index
        return day_query(clause, date.fromisoformat(prev["date"]), asked_index(text))
    return None


def _another_day(clause: Clause, prev: dict) -> Query | None:
    """A follow-up that names a day and nothing else ("昨天呢", "前一天呢"): the general follow-up reader's day."""
    from agent.offline.reading.understand import read_followup

    absolute, relative = days_named(clause)
    found = absolute + relative
    stepped = DAY_BEFORE.search(clause.text) or DAY_AFTER.search(clause.text)  # "前一天呢": from the day shown
    if not (found or stepped) or not clause.followup:
        return None
    rest = DAY_AFTER.sub(" ", DAY_BEFORE.sub(" ", clause.text))
    for f in found:
        rest = rest.replace(f.raw, " ")
    if _FILLER.sub("", NAMED.sub("", rest)):
        return None  # words of its own besides the day: not this slot alone
    q = read_followup(clause)
    if q is None or q.kind != "day" or not q.dates:
        return None
    return Query(kind="day", lang=clause.lang, text=clause.text, dates=q.dates[:1], followup=True)


def _more_of_the_part_before(clause: Clause) -> Query | None:
    """A later part of the message that asks more about the index part before it (or, naming an index, about the
    index over the period the part before asked about)."""
    before, text = clause.before, clause.text
    if before is None:
        return None
    own_period = period_words(text, default_year=clause.env.clock_day.year, clock_day=clause.env.clock_day)
    if not no_day_of_its_own(clause) or THAT_DAY.search(text):
        return None
    index = asked_index(text) or before.extra.get("index_name")
    if own_period:  # "上周上证涨了多少？这周呢": the index over the period this part names
        if before.extra.get("index_period") and clause.brief(8) and not _FILLER.sub("", _without(text, own_period)):
            return period_query(clause, own_period[0].spec, index)
        return None
    if before.extra.get("index") and (MOVE_AGAIN.search(text) or CUMULATIVE.search(text)):
        q = Query(kind="day", lang=clause.lang, text=text, dates=list(before.dates), followup=True)
        q.latest, q.relative_word = before.latest, before.relative_word
        q.extra = {"index": True, "index_name": index}
        if before.extra.get("index_period"):
            q.extra["index_period"] = before.extra["index_period"]
        return q
    if before.extra.get("index_count") and before.stats is not None and COUNT_AGAIN.search(text):
        # "跌的天数呢" after "今年上证涨的天数": the same count, whose answer gives both directions
        return Query(kind="stats", lang=clause.lang, text=text, stats=before.stats, extra=dict(before.extra))
    spec = before.stats.period if before.kind == "stats" and before.stats is not None else None
    unit = UNIT_MOVE.search(text)
    # an index named, or the part before was about one ("上证本月涨了几天？月涨幅多少")
    about_index = bool(NAMED.search(text)) or bool(before.extra.get("index_count") or before.extra.get("index_run"))
    if before.stats is not None and (before.extra.get("index_count") or before.extra.get("index_run")):
        index = asked_index(text) or before.stats.index
    if spec and about_index and unit and _unit_of(spec) == unit[1][0]:
        return period_query(clause, spec, index)  # "上周两市成交合计多少？上证周涨跌幅呢": that week's move
    return None


def _without(text: str, periods: list) -> str:
    """The text less its period words and any index name."""
    for p in sorted(periods, key=lambda p: -p.start):
        text = text[: p.start] + " " + text[p.end :]
    return NAMED.sub("", text)


def _unit_of(spec: str) -> str | None:
    return next((unit for pattern, unit in _UNIT_OF_SPEC if pattern.match(spec)), None)


# "连跌呢", "跌的呢" after a run of rises: the other direction
_OTHER_WAY = re.compile(r"(连(?:续)?\s*)?(上涨|下跌|涨|跌|阳|阴)", re.I)


def _same_statistic(clause: Clause, prev: dict, periods: list) -> Query | None:
    """The index count or run on the table again, with the index, the period or the direction the follow-up
    names ("深成指呢", "去年呢", "连跌呢"); None when it says more than that."""
    text = clause.text
    way = _OTHER_WAY.search(text)
    rest = _OTHER_WAY.sub("", _without(text, periods))
    if _FILLER.sub("", re.sub(r"天数|日子|天|几|多少|最长|最多", "", rest)) or not (
        periods or asked_index(text) or way
    ):
        return None
    stats = StatsQuery.model_validate(prev["stats"])
    update: dict = {"index": asked_index(text) or stats.index}
    if periods:
        update["period"] = periods[0].spec
    if way and prev["intent_detail"] == "index_run":
        update["index_move"] = "down" if way[2] in ("下跌", "跌", "阴") else "up"
    stats = stats.model_copy(update=update)
    if prev["intent_detail"] == "index_run":
        extra = {"index_run": True, "current": bool(prev.get("current")) and not periods}
    else:
        extra = {"index_count": True, "with_mean": bool(prev.get("with_mean"))}
    return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra=extra, followup=True)
