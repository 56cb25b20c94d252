"""Index questions of the offline pipeline: "大盘涨了吗", "上证指数收盘多少点", "放量下跌的日子今年有几天".

The words live here, at the top, so the reader's lexicon can take them over. An index question is
answered from the day's stored closes (``MarketData.turnover``); a count by direction goes to the
statistics (``StatsQuery.index_move`` / ``volume_move``). Registered in front of the statistics and
the day reader (which would answer the turnover instead of the index asked) and in front of the
refusals, which still answer predictions and the indexes that are not stored (创业板指, 沪深300 ...).
"""

from __future__ import annotations

import re

from agent.context import AgentContext
from agent.offline.day.handler import TODAY_WORDS, day_lead, meta_of
from agent.offline.lookups import freshness_line, report_or_reason, safe
from agent.offline.market import compound, levels, period_move
from agent.offline.market import phrases as M
from agent.offline.market.names import asked_index
from agent.offline.market.points import day_points
from agent.offline.parts import Citations, Handler, Reply
from agent.offline.reading.lexicon import has
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause, days_named
from agent.offline.refusals.rules import OTHER_INDEX  # other indexes are not stored: the refusals name them
from agent.offline.stats.reading import read_stats
from agent.wording import fmt_date
from tools.stats.models import StatsQuery

# --- the words ---------------------------------------------------------------------------------
INDEX_WORDS = re.compile(
    r"大盘|上证指数|上证综指|上证|沪指|深证成指|深成指|深证指数|股指|指数|\bshanghai composite\b|\bindex\b|\bmarket\b",
    re.I,
)
# The index's move words are the compound reader's (one list), with the words of a level
INDEX_MOVE_WORDS = re.compile(
    compound.MOVE.pattern
    + r"|几点位|点位|点数|\bfall\b|\brise|\bpoints?\b|\bhow did\b.{0,40}\bdo\b|\bperform(?:ed|ance)?\b"
    + r"|\b(?:weekly |monthly |daily )?(?:change|return)\b"
    + r"|\bmove[ds]?\b|\b(?:up|down)\b|\bwhere (?:is|was|did) it\b|\blevel\b",
    re.I,
)
NOT_INDEX = re.compile(
    r"成交额|成交量|成交|量能|放量|缩量|(?<![天地放缩增])量(?=呢|多|如何|怎么|咋|是多少|有多少|大[吗不]|[?？]|$)|turnover|volume",
    re.I,
)  # turnover questions stay with the day reader ("上证涨了多少，量多大": both)
FUTURE = re.compile(
    r"明天|明日|后天|下周|下个?月|下个交易日|明年|将来|未来|会不会|会涨|会跌|能否|预测|预计|有望|还会|将会|\bwill\b",
    re.I,
)
NAMED_INDEX = re.compile(
    r"大盘|上证指数|上证综指|上证|沪指|深证成指|深成指|股指|指数|"
    r"\b(?:shanghai|shenzhen) (?:composite|component)(?: index)?\b|\bsse composite\b|\bindex\b",
    re.I,
)
DIRECTION_DAYS = re.compile(r"(放量|缩量)\s*(上涨|下跌)|(上涨|下跌)\s*(?:且|并|又|而)?\s*(放量|缩量)")
COUNT_WORDS = re.compile(r"(?:有)?(?:多少|几)\s*(?:个)?(?:交易日|天|次|日)|天数|\bhow many\b", re.I)
VOLUME = {"放量": "up", "缩量": "down"}
PRICE = {"上涨": "up", "下跌": "down"}


def _direction_count(clause: Clause) -> Query | None:
    found = DIRECTION_DAYS.search(clause.text)
    last_time = bool(re.search(r"上一次|最近一次|上次|\blast time\b", clause.text, re.I))
    if found is None or not (COUNT_WORDS.search(clause.text) or last_time):
        return None
    volume = found.group(1) or found.group(4)
    price = found.group(2) or found.group(3)
    words = read_stats(clause.text, clause.env.clock_day)
    # "上一次缩量下跌是什么时候": the count over all history says its latest such day
    period = (
        words.period if words is not None and words.measure != "unplaced" else ("all" if last_time else "this_year")
    )
    stats = StatsQuery(measure="count", period=period, index_move=PRICE[price], volume_move=VOLUME[volume])  # type: ignore[arg-type]
    # "上一次缩量下跌是什么时候" asks for that day, not how many there were
    extra = {"then_last_day": last_time and not COUNT_WORDS.search(clause.text)}
    return Query(kind="stats", lang=clause.lang, text=clause.text, stats=stats, extra=extra)


def recognise_clause(clause: Clause) -> Query | None:
    if FUTURE.search(clause.text):
        return None  # a prediction: the refusals answer it
    level = levels.recognise(clause)  # "离4200还差多少点": the close on the table against a level
    if level is not None:
        return level
    if has(clause.text, "WHY") and period_move.period_of(clause) is None:
        return None  # "为什么7月28日深成指大跌": the day's why answer (its index moves, turnover and news)
    counted = _direction_count(clause) or compound.recognise(clause)
    if counted is not None:
        return counted
    text = clause.text
    if OTHER_INDEX.search(text) or FUTURE.search(text):
        return None
    # "昨天是缩量下跌吗": the day's turnover read with the index move (the day answer's 放量/缩量 line)
    volume_and_price = bool(DIRECTION_DAYS.search(text))
    # "今天上证涨了多少，成交多少": the index move and the turnover, both (a stored index named)
    both = bool(NAMED_INDEX.search(text) and INDEX_MOVE_WORDS.search(text) and NOT_INDEX.search(text))
    if not (volume_and_price or both) and (
        not (INDEX_WORDS.search(text) or NAMED_INDEX.search(text))
        or not INDEX_MOVE_WORDS.search(text)
        or NOT_INDEX.search(text)
    ):
        return None
    spec = period_move.period_of(clause)
    if spec is not None:  # "上证指数今年以来涨了多少": over a period, never the latest day's move
        extra = {"index": True, "index_period": spec, "index_name": asked_index(text)}
        q = Query(kind="day", lang=clause.lang, text=text, extra=extra)
        if both:  # "How did the Shanghai Composite do in June, and what was average turnover?": the period's too
            from agent.offline.stats.handler import recognise_stats

            turnover = recognise_stats(clause)
            if turnover is not None and turnover.stats is not None:
                rest = NAMED_INDEX.sub(" ", text)  # "Shanghai Composite" names the index, not Shanghai's turnover
                if not has(rest, "MARKET_SH", "MARKET_SZ"):
                    turnover.stats = turnover.stats.model_copy(update={"part": "total"})
            q.extra["turnover_query"] = turnover
        return q
    absolute, relative = days_named(clause)
    found = sorted(absolute + relative, key=lambda f: f.pos)
    if any(f.day is None for f in found):
        return None  # an impossible date: the day reader says so
    days = [f.day for f in found if f.day]
    relative_word = next((f.raw for f in found if f.raw.lower() in TODAY_WORDS or f in relative), None)
    before = clause.before
    if not days and before is not None and before.kind == "day" and len(before.dates) == 1:
        # "上周五两市成交额多少？上证指数收在多少点": the day the part before named, not today
        days, relative_word = list(before.dates), before.relative_word
    q = Query(kind="day", lang=clause.lang, text=text, dates=days[:1] or clause.explicit_days[:1])
    q.relative_word = relative_word
    q.latest = not q.dates or (relative_word or "").lower() in TODAY_WORDS
    if q.latest and relative_word and relative_word.lower() in TODAY_WORDS:
        q.dates = []
    q.extra["index"] = True
    q.extra["index_name"] = asked_index(text)  # the index asked is said first
    q.extra["with_turnover"] = volume_and_price or both
    return q


def answer_clause(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    if q.extra.get("index_level") is not None:
        return levels.answer(ctx, q)
    more = compound.answer(ctx, q, cites)
    if more is not None:
        return more
    if q.kind == "stats" and q.extra.get("then_last_day") and q.stats is not None:
        return _last_such_day(ctx, q, cites)
    if q.kind == "stats":
        from agent.offline.stats.handler import answer_stats

        return answer_stats(ctx, q, cites)
    if q.extra.get("index_period"):
        return period_move.answer(ctx, q, cites)
    lead, day, show = day_lead(ctx, q)
    if not show:
        return Reply([lead or ""], meta_of(q, q.day))
    report = report_or_reason(ctx, day, q.lang)
    if isinstance(report, str):
        return Reply([p for p in (lead, report) if p], meta_of(q, day))
    paragraphs = [lead] if lead else []
    fresh = None if lead else freshness_line(ctx, report, q.lang, q.latest)
    if fresh and report.stale:
        paragraphs.append(fresh)  # stale figures: said first
    asked = q.extra.get("index_name")
    paragraphs.append(M.index_answer(report, q.lang, day_points(ctx, report), asked))
    if q.extra.get("with_turnover"):  # the turnover asked beside the index: the day's answer, on the same report
        from agent.offline.day.handler import day_reply

        turnover = Query(kind="day", lang=q.lang, text=q.text, dates=[report.date], relative_word=q.relative_word)
        turnover.latest = q.latest
        paragraphs.extend(day_reply(ctx, turnover, report, cites, None).paragraphs)
    return Reply(paragraphs, meta_of(q, report.date, intent_detail="index", index=asked))


def _last_such_day(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    """The latest session of a kind ("上一次缩量下跌"): named first, then that day's answer."""
    from agent.offline.day.handler import answer_day
    from agent.offline.stats.handler import answer_stats

    result = safe(lambda: ctx.market.stats(q.stats))  # type: ignore[arg-type]
    last = getattr(result, "last_day", None)
    if last is None:  # none such (or the data failed): the count's own answer says so
        return answer_stats(ctx, q, cites)
    kind = f"{'放量' if q.stats.volume_move == 'up' else '缩量'}{'上涨' if q.stats.index_move == 'up' else '下跌'}"  # type: ignore[union-attr]
    if q.lang == "zh":
        lead = f"最近一次{kind}是{fmt_date(last.date)}（所查时段内共{result.count}个这样的交易日）。"  # type: ignore[union-attr]
    else:
        lead = f"The latest such session was {fmt_date(last.date, 'en')} ({result.count} in all)."  # type: ignore[union-attr]
    day = Query(kind="day", lang=q.lang, text=q.text, dates=[last.date])
    reply = answer_day(ctx, day, cites)
    return Reply([lead, *reply.paragraphs], reply.meta)


# In front of the refusals, whose index rule now covers only the indexes that are not stored.
HANDLER = Handler("market", recognise_clause, answer_clause)
