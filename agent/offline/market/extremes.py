"""The days of a period with an index's biggest one-day rise or fall ("深成指今年最大单日跌幅是哪天",
"上证涨得最多的3天"), and a day's move held against them ("今天深成指跌幅是今年最大的吗"): ranked by the statistics API
(``order_by='sh_pct'|'sz_pct'``) from the stored % changes, each day with its 两市成交额."""

from __future__ import annotations

import re
from datetime import date

from agent.context import AgentContext
from agent.offline.lookups import safe
from agent.offline.market import phrases as M
from agent.offline.market.names import asked_index
from agent.offline.parts import Reply
from agent.offline.reading.query import Query
from agent.offline.reading.question import zh_number
from agent.offline.reading.understand import Clause, days_named
from agent.offline.stats.phrases import period_text
from agent.offline.stats.reading import read_stats
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError
from tools.stats.models import StatsQuery, TopResult

INDEX_EXTREME = re.compile(
    r"(?:单日)?最大(?:的)?(?:单日)?(涨幅|跌幅)|(涨|跌)得最(?:多|狠|猛|凶)|(涨|跌)幅最大|(涨|跌)最多|"
    r"\b(?:biggest|largest|sharpest|worst|best) (?:[a-z-]+ ){0,3}?(gain|rise|drop|fall|decline)\b",
    re.I,
)
# "跌幅是今年最大的吗", "涨幅算不算本月最大": the day's move asked against the period's biggest
DAY_IS_EXTREME = re.compile(r"(涨幅|跌幅)\s*(?:是不是|是|算不算|算)\s*[^，,？?]{0,10}?最大(?:的)?")
SZ_NAMED = re.compile(r"深证成指|深成指|深证|\bshenzhen\b|\bsz component\b", re.I)


def index_extreme(clause: Clause, m: re.Match, order_by: str | None = None) -> Query:
    """The period's days with the index's biggest rise (fall): each with its move and that day's turnover;
    ``order_by``: the index of the part before, when this part names none."""
    text = clause.text
    word = next(g for g in m.groups() if g).lower()
    up = word in ("涨幅", "涨", "gain", "rise")
    words = read_stats(text, clock_day=clause.env.clock_day)
    period = words.period if words is not None else "all"
    n = re.search(r"(\d+|[一二两三四五六七八九十]+)\s*(?:个交易日|天|日|days?|sessions?)", text)
    count = int(zh_number(n[1]) or 1) if n else 1
    index = "sz_pct" if SZ_NAMED.search(text) else (order_by if order_by and not asked_index(text) else "sh_pct")
    stats = StatsQuery(measure="top" if up else "bottom", period=period, order_by=index, n=max(1, min(count, 20)))  # type: ignore[arg-type]
    return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra={"index_extreme": True})


def recognise_day_against_extreme(clause: Clause) -> Query | None:
    """ "今天深成指跌幅是今年最大的吗": the period's biggest move of the index, and whether the day's is it."""
    text = clause.text
    m = DAY_IS_EXTREME.search(text)
    if m is None:
        return None
    words = read_stats(text, clock_day=clause.env.clock_day)
    period = words.period if words is not None and words.measure != "unplaced" else "this_year"
    absolute, relative = days_named(clause)
    days = [f.day for f in absolute + relative if f.day]
    index = "sz_pct" if asked_index(text) == "sz" else "sh_pct"
    stats = StatsQuery(measure="top" if m[1] == "涨幅" else "bottom", period=period, order_by=index, n=1)  # type: ignore[arg-type]
    extra = {"index_extreme": True, "day_against": days[0].isoformat() if days else "latest"}
    return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra=extra)


def extreme_days(ctx: AgentContext, q: Query) -> Reply:
    assert q.stats is not None
    meta: dict = {"intent": "stats", "lang": q.lang}
    try:
        result = ctx.market.stats(q.stats)
    except MarketDataError as err:
        return Reply([str(err)], meta)
    if not isinstance(result, TopResult):
        return Reply([str(result)], meta)
    sz = q.stats.order_by == "sz_pct"
    paragraphs = [M.extreme_days(result, period_text(result.period, q.lang), sz, q.lang)]
    against = q.extra.get("day_against")
    if against and result.days:
        day = result.period.last_session if against == "latest" else date.fromisoformat(against)
        lead = _day_against(ctx, day, result.days[0].date, sz, q.stats.measure == "top", q.lang) if day else None
        paragraphs = [lead, *paragraphs] if lead else paragraphs
    if result.days:
        meta["date"] = result.days[0].date.isoformat()
    return Reply(paragraphs, meta)


def _day_against(ctx: AgentContext, day: date, extreme: date, sz: bool, up: bool, lang: Lang) -> str | None:
    """Yes or no first: the day's own move, then whether it is the period's biggest."""
    report = safe(lambda: ctx.market.turnover(day))
    pct = None if report is None else (report.sz_change_pct if sz else report.sh_change_pct)
    if report is None or pct is None:
        return None
    name = (
        ("深证成指" if sz else "上证指数")
        if lang == "zh"
        else ("the Shenzhen Component" if sz else "the Shanghai Composite")
    )
    is_it = report.date == extreme
    if lang == "zh":
        word = "涨幅" if up else "跌幅"
        verdict = f"是，这是所查时段内单日{word}最大的一天" if is_it else f"不是，所查时段内单日{word}最大的另有其日"
        return f"{fmt_date(report.date)}{name}{pct:+.2f}%：{verdict}。"
    verdict = "the biggest of the period" if is_it else "not the biggest of the period"
    return f"On {fmt_date(report.date, lang)} {name} moved {pct:+.2f}%: {verdict}."
