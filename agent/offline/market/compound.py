"""Index questions built on another part of the chat or of the question (issue 16's "one slot changes"):
"涨跌幅呢" after a day (that day's index move), "今天它涨了多少" after an industry (that industry's index),
"近10个交易日上证涨了几天" (sessions counted by the index's direction), "2025年成交最大的那天上证是涨是跌" (the day a
statistic names, then its index move), and statistics of index closes that are not computed ("上证最高收在哪天"),
declined by name instead of answered as another question."""

from __future__ import annotations

import re
from datetime import date

from agent.context import AgentContext
from agent.offline.lookups import report_or_reason
from agent.offline.market import extremes, followups, index_stats, runs
from agent.offline.market import phrases as M
from agent.offline.market.names import ANY_INDEX, asked_index
from agent.offline.market.period_move import period_of
from agent.offline.market.points import day_points
from agent.offline.parts import Citations, Reply
from agent.offline.reading.lexicon import THAT_DAY, has
from agent.offline.reading.period_spans import holding_period
from agent.offline.reading.query import Focus, Query
from agent.offline.reading.question import TURNOVER, threshold_yi
from agent.offline.reading.understand import Clause
from agent.offline.stats.reading import read_stats
from tools.stats.models import StatsQuery

NAMED = ANY_INDEX  # an index named: 上证指数, 深证成指, or the market's ("大盘")
MOVE = re.compile(
    r"涨跌幅|涨跌|涨幅|跌幅|涨了|跌了|涨得|跌得|涨多少|跌多少|是涨是跌|涨还是跌|上涨|下跌|收盘|收在|收于|收报|收了?多少|多少点|"
    r"涨超|跌超|涨逾|跌逾|大涨|大跌|(?:上)?[涨跌]的(?=天数|日子|交易日|天|次数)|收红|收绿|飘红|翻红|翻绿|收涨|收跌|"
    r"\bup or down\b|\bclose[ds]?\b|\bdrop\b|\bgain(?:ed|s)?\b|\bdecline[ds]?\b|\blos[et]\b|"
    r"\brose\b|\bfell\b|\bfall(?:s|en)?\b|\brises?\b|\bmove[ds]?\b",
    re.I,
)
COUNT = re.compile(
    r"(?:多少|几)\s*(?:个)?(?:交易日|天|次|日)|天数|(?:交易日|日子|天)\s*(?:有|是|共)?\s*(?:多少|几)\s*(?:个|天)?|"
    r"\bhow many (?:days|sessions)\b",
    re.I,
)
# A line on the index itself: a size of move ("跌超2%", "fell more than 1%") or a level ("4000点以上")
INDEX_LINE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|个点|点|percent\b|pct\b|points?\b)|百分之", re.I)
AVERAGE = re.compile(r"平均|日均|均值|\baverage\b|\bmean\b", re.I)
SHARE = re.compile(r"占比|比例|百分之几|比重|\bshare\b|\bpercent(?:age)?\b|\bproportion\b", re.I)
DAYS = re.compile(r"交易日|日子|那些天|哪些天|那几天|天|\bdays\b|\bsessions\b", re.I)
UP_WORDS = re.compile(r"涨|上涨|红|\brose\b|\brise[ns]?\b|\bgain(?:ed|s)?\b|\bup\b", re.I)
DOWN_WORDS = re.compile(r"跌|下跌|绿|\bfell\b|\bfall(?:s|en)?\b|\bdrop(?:ped|s)?\b|\blos[est]\b|\bdown\b", re.I)
# A turnover statistic that names one day ("成交最大的那天", "成交额历史最高那天")
STAT_DAY = re.compile(
    r"(?:成交额?|量能).{0,6}(最大|最高|最多|最低|最少|最小).{0,3}(?:的)?(?:那天|那一天|一天|那日|当天)|"
    r"\b(biggest|highest|largest|lowest|smallest) (?:turnover|volume) (?:day|session)\b|"
    r"\b(?:day|session) (?:with|of) the (biggest|highest|largest|most|lowest|smallest|least) (?:turnover|volume)\b",
    re.I,
)
# "深成指今年最大单日跌幅是哪天", "上证涨得最多的3天": days ranked by the index's own % move
INDEX_EXTREME = extremes.INDEX_EXTREME
# "月涨幅呢", "这周涨了多少", "monthly change?": the index over the period that holds the day on the table
UNIT_MOVE = re.compile(
    r"(?:那|当|这|本)?(?:个|一)?(月|周|年|季度|季)(?:度)?(?:的)?(?:涨幅|跌幅|涨跌幅?|涨了|跌了)|"
    r"\b(month|week|year|quarter)(?:ly|-to-date)? (?:move|change|gain|return|performance)\b",
    re.I,
)
PERIOD_MOVE = re.compile(r"月?涨幅|月?跌幅|涨跌幅|涨了多少|跌了多少|\bchange\b|\bmove\b|\bperformance\b", re.I)
INDEX_SHAPES = ("SHAPE_MAX", "SHAPE_MIN", "SHAPE_MEAN", "SHAPE_MEDIAN", "SHAPE_WHICH", "SHAPE_RANK", "SHAPE_TOP")


def recognise(clause: Clause) -> Query | None:
    text, prev = clause.text, clause.env.previous or {}
    again = followups.recognise(clause)
    if again is not None:
        return again
    on_table = followups.index_answer_on_table(prev) and clause.followup
    if (NAMED.search(text) or on_table) and not TURNOVER.search(text):  # "今年深成指最长连涨了几天"
        run = runs.recognise_run(clause, asked_index(text) or (prev.get("index") if on_table else None))
        if run is not None:
            return run
    if not MOVE.search(text):
        return None
    short = len(text.strip()) <= 12 or (text.isascii() and len(text.split()) <= 9)
    if THAT_DAY.search(text):  # "那天上证涨了多少" after a reply that understood nothing: the day before it
        prev = followups.table_meta(clause.env)
    if short and not TURNOVER.search(text) and prev.get("date") and followups.no_day_of_its_own(clause):
        if prev.get("intent") == "sector" and prev.get("industry"):  # "今天它涨了多少": the industry's own index
            from agent.offline.sectors.followups import industry_followup

            q = industry_followup(clause, prev)
            q.extra["move"] = True
            return q
        unit = UNIT_MOVE.search(text)
        if unit and prev.get("intent") in ("day", "pair", "stats"):  # "月涨幅呢": the month of the day on the table
            spec = holding_period(date.fromisoformat(prev["date"]), next(g for g in unit.groups() if g))
            return followups.period_query(clause, spec, asked_index(text) or prev.get("index"))
        if prev.get("intent") in ("day", "pair", "stats") and (clause.followup or THAT_DAY.search(text)):
            day = date.fromisoformat(prev["date"])  # "涨跌幅呢" / "那天上证涨了多少": the day on the table
            return followups.day_query(clause, day, asked_index(text) or prev.get("index"))
    # "今年上证上涨的交易日占比", "上涨日和下跌日的平均成交额": sessions by the index's direction, counted or averaged
    averaged = bool(AVERAGE.search(text) and TURNOVER.search(text) and DAYS.search(text)) and not (
        re.search(r"涨跌幅|涨幅|跌幅|平均涨|平均跌|\baverage (?:move|change|gain)\b", text, re.I) or threshold_yi(text)
    )  # "破3万亿的那些天上证平均涨跌幅": the index's move averaged, not turnover on up days
    counted = (COUNT.search(text) or SHARE.search(text)) and not TURNOVER.search(text)
    if NAMED.search(text) and (INDEX_LINE.search(text) or has(text, "SHAPE_MAX", "SHAPE_MIN", "SHAPE_RECORD")):
        # "上证跌超2%的日子", "收在4000点以上的有几天", "今年上证最高收盘是哪天": the index's own statistics
        stat = index_stats.recognise(clause)
        if stat is not None:
            return stat
    if NAMED.search(text) and (counted or averaged or AVERAGE.search(text)) and INDEX_LINE.search(text):
        extra = {"index_stat": True}  # a line on the index not read: declined by name, not answered as another
        return Query(kind="refusal", lang=clause.lang, text=text, refusal="unsupported_stat", extra=extra)
    if NAMED.search(text) and (counted or averaged):
        up, down = bool(UP_WORDS.search(text)), bool(DOWN_WORDS.search(text))
        # "近10个交易日上证涨了几天": sessions counted by the index's direction ("涨了几天跌了几天": both)
        if up != down or (averaged and up) or (counted and up and down):
            words = read_stats(text, clause.env.clock_day)
            period = words.period if words is not None else "this_year"
            index = asked_index(text) or "sh"
            stats = StatsQuery(measure="count", period=period, index_move="up" if up else "down", index=index)
            extra = {"index_count": True, "with_mean": averaged}
            return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra=extra)
    stat_day = STAT_DAY.search(text)
    if stat_day and (NAMED.search(text) or re.search(r"是涨是跌|涨还是跌|涨跌", text)):
        words = read_stats(text, clause.env.clock_day)
        word = next(g for g in stat_day.groups() if g).lower()
        focus: Focus = "max" if word in ("最大", "最高", "最多", "biggest", "highest", "largest", "most") else "min"
        period = words.period if words is not None else "all"
        stats = StatsQuery(measure="summary", period=period)
        return Query(kind="stats", lang=clause.lang, text=text, stats=stats, focus=focus, extra={"then_index": True})
    extreme = INDEX_EXTREME.search(text)
    sectors = re.search(r"行业|板块|\bindustr|\bsector", text, re.I)
    if extreme and NAMED.search(text) and not sectors:
        return extremes.index_extreme(clause, extreme)
    day_extreme = extremes.recognise_day_against_extreme(clause)
    if day_extreme is not None:  # "今天深成指跌幅是今年最大的吗"
        return day_extreme
    before = clause.before
    if extreme and not sectors and before is not None and before.extra.get("index_extreme") and before.stats:
        # "…？今年最大跌幅是哪天": the index of the part before
        return extremes.index_extreme(clause, extreme, before.stats.order_by)
    if PERIOD_MOVE.search(text) and TURNOVER.search(text) and period_of(clause) is not None:
        return None  # "7月份上证涨幅和日均成交": the period's move and its turnover (the handler's period answer)
    if NAMED.search(text) and (has(text, *INDEX_SHAPES) or re.search(r"平均涨跌幅|平均涨幅", text)):
        return Query(
            kind="refusal", lang=clause.lang, text=text, refusal="unsupported_stat", extra={"index_stat": True}
        )
    return None


def answer(ctx: AgentContext, q: Query, cites: Citations) -> Reply | None:
    """The reply for a query ``recognise`` made, or None for the plain handler's queries."""
    if q.kind == "sector":
        from agent.offline.sectors.industry_handler import answer_clause

        return answer_clause(ctx, q, cites)
    if q.kind == "stats" and q.extra.get("index_stat_query"):
        return index_stats.answer(ctx, q, cites)
    if q.kind == "refusal" and q.extra.get("index_stat"):
        text = (
            "指数收盘点位的统计（最高或最低收盘、平均涨跌幅）我还算不了，也不会拿成交额的统计代替。"
            "我能给出某天的收盘点位和涨跌幅、一段时间的涨跌幅，以及上涨、下跌或放量上涨等的天数。"
            if q.lang == "zh"
            else "I cannot compute statistics of index closes (the highest close, the average move), and I will not "
            "give a turnover statistic instead. I can give a day's close and move, a period's change, and how many "
            "sessions rose, fell or rose on higher volume."
        )
        return Reply([text], {"intent": "refusal", "lang": q.lang})
    if q.kind == "stats" and q.extra.get("index_count") and q.stats is not None:
        return runs.answer_counts(ctx, q)
    if q.kind == "stats" and q.extra.get("index_run") and q.stats is not None:
        return runs.answer_run(ctx, q)
    if q.kind == "stats" and q.extra.get("index_extreme") and q.stats is not None:
        return extremes.extreme_days(ctx, q)
    if q.kind == "stats" and q.extra.get("then_index"):
        from agent.offline.stats.handler import answer_stats

        reply = answer_stats(ctx, q, cites)
        day = reply.meta.get("date")
        report = report_or_reason(ctx, date.fromisoformat(day), q.lang) if day else None
        if report is not None and not isinstance(report, str):
            reply.paragraphs.append(M.index_answer(report, q.lang, day_points(ctx, report), asked_index(q.text)))
        return reply
    return None
