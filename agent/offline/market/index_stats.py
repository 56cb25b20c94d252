"""Statistics of the index itself: sessions by the size of its move or by its level ("今年上证涨超2%的有几天",
"收在4000点以上的交易日", "跌超1%那些天平均成交额") and its highest or lowest close ("今年上证最高收盘是哪天，
那天成交多少").

Read here, computed by the statistics API (``StatsQuery.index_pct_*``, ``index_close_*``, ``order_by='sh_close'``)
from the stored closes and % changes of 上证指数 and 深证成指, and worded with each matching day's 两市成交额."""

from __future__ import annotations

import re
from typing import Any

from agent.context import AgentContext
from agent.offline.lookups import safe
from agent.offline.market.period_move import period_of
from agent.offline.parts import Citations, Reply
from agent.offline.reading.lexicon import has
from agent.offline.reading.query import Query
from agent.offline.reading.question import TURNOVER
from agent.offline.reading.understand import Clause
from agent.offline.stats.phrases import period_text
from agent.offline.stats.reading import read_stats
from agent.wording import Lang, fmt_date, fmt_weekday, fmt_yi
from tools.errors import MarketDataError
from tools.stats.models import CountResult, StatsQuery, TopResult

_SZ = re.compile(r"深证成指|深成指|深证指数|\bshenzhen (?:component|index)\b|\bszse component\b", re.I)
# "涨超2%", "跌幅超过1.5%", "跌逾3个点", "rose more than 2%", "fell over 1%"
_MOVE_SIZE = re.compile(
    r"(涨|跌)(?:幅)?\s*(?:超过|超|大于|逾|达到|在)?\s*(\d+(?:\.\d+)?)\s*(?:%|％|个点|个百分点)(?:以上)?|"
    r"\b(rose|gained|gain|rise|rallied|was up|up|fell|fall|dropped|drop|lost|lose|declined|decline|was down|down)\s+"
    r"(?:by\s+)?"
    r"(?:more than|over|at least|above)\s+(\d+(?:\.\d+)?)\s*(?:%|percent|pct)",
    re.I,
)
# "收在4000点以上", "4000点上方", "跌破3800点", "closed above 4,000 points"
_LEVEL = re.compile(
    r"(\d{3,5}(?:\.\d+)?)\s*点\s*(以上|上方|之上|以下|下方|之下)|(站上|跌破|低于|高于)\s*(\d{3,5}(?:\.\d+)?)\s*点|"
    r"\b(?:closed?|closing|finished|ended)\s+(above|below|under|over)\s+(\d{1,2},?\d{3}(?:\.\d+)?)\b",
    re.I,
)
_HIGHEST_CLOSE = re.compile(
    r"最高收盘|收盘(?:点位)?最高|最高收(?:在|于)|收得最高|\bhighest clos(?:e|ing)\b|\bclosed highest\b|\bpeak close\b",
    re.I,
)
_LOWEST_CLOSE = re.compile(
    r"最低收盘|收盘(?:点位)?最低|最低收(?:在|于)|收得最低|\blowest clos(?:e|ing)\b|\bclosed lowest\b", re.I
)
_MEAN = re.compile(r"平均|日均|均值|\baverage\b|\bmean\b", re.I)


def recognise(clause: Clause) -> Query | None:
    """A statistic of the index's moves or closes, or None when the words ask none."""
    text = clause.text
    index = "sz" if _SZ.search(text) else "sh"
    words = read_stats(text, clause.env.clock_day)
    period = period_of(clause) or (words.period if words is not None and words.measure != "unplaced" else "all")
    extra = {"index_stat_query": True, "index_extreme": True}  # "…是哪天？那天成交多少": that day's turnover is in it
    highest, lowest = _HIGHEST_CLOSE.search(text), _LOWEST_CLOSE.search(text)
    if highest or lowest:
        order = f"{index}_close"
        stats = StatsQuery(measure="top" if highest else "bottom", period=period, order_by=order, n=1)  # type: ignore[arg-type]
        return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra=extra)
    fields: dict = {}
    size = _MOVE_SIZE.search(text)
    if size:
        word, value = (size[1], size[2]) if size[1] else (size[3], size[4])
        down = word.lower() in ("跌", "fell", "fall", "dropped", "drop", "lost", "lose", "declined", "decline",
                                "was down", "down")  # fmt: skip
        fields["index_pct_below" if down else "index_pct_above"] = -float(value) if down else float(value)
    level = _LEVEL.search(text)
    if level:
        if level[1]:
            points, above = float(level[1]), level[2] in ("以上", "上方", "之上")
        elif level[4]:
            points, above = float(level[4]), level[3] in ("站上", "高于")
        else:
            points, above = float(level[6].replace(",", "")), level[5].lower() in ("above", "over")
        fields["index_close_above" if above else "index_close_below"] = points
    if not fields:
        return None
    if has(text, "SHAPE_MAX", "SHAPE_MIN") and TURNOVER.search(text):  # "涨超1%的日子里成交最大的一天": by amount
        measure = "top" if has(text, "SHAPE_MAX") else "bottom"
        stats = StatsQuery(measure=measure, period=period, index=index, n=1, **fields)  # type: ignore[arg-type]
        extra["by_amount"] = True
        return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra=extra)
    stats = StatsQuery(measure="count", period=period, index=index, **fields)  # type: ignore[arg-type]
    extra["with_mean"] = bool(_MEAN.search(text))
    return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra=extra)


def stats_or_reason(ctx: AgentContext, q: Query) -> tuple[Any, dict]:
    """(the index statistic's result, or the data layer's one-line reason as a str; the answer's meta)."""
    assert q.stats is not None
    meta: dict = {"intent": "stats", "lang": q.lang, "stats": q.stats.model_dump(mode="json", exclude_defaults=True)}
    try:
        return ctx.market.stats(q.stats), meta
    except MarketDataError as err:
        return str(err), meta


def answer(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    assert q.stats is not None
    result, meta = stats_or_reason(ctx, q)
    if isinstance(result, str):
        return Reply([result], meta)
    where = period_text(result.period, q.lang)
    sz = q.stats.index == "sz" or q.stats.order_by == "sz_close"
    name = (
        ("深证成指" if sz else "上证指数")
        if q.lang != "en"
        else ("the Shenzhen Component" if sz else "the Shanghai Composite")
    )
    if isinstance(result, TopResult) and q.extra.get("by_amount"):
        text = _busiest_text(ctx, result, q.stats, where, name, q.lang)
        if result.days:
            meta["date"] = result.days[0].date.isoformat()
        return Reply([text], meta)
    if isinstance(result, TopResult):
        text = _close_text(result, where, name, q.lang)
        if result.days:
            meta["date"] = result.days[0].date.isoformat()
        return Reply([text], meta)
    assert isinstance(result, CountResult)
    text = _count_text(result, q.stats, where, name, bool(q.extra.get("with_mean")), q.lang)
    if result.last_day is not None:
        meta["date"] = result.last_day.date.isoformat()
    return Reply([text], meta)


def _close_text(result: TopResult, where: str, name: str, lang: Lang) -> str:
    high = result.measure == "top"
    if not result.days:
        return f"{where}没有{name}的收盘点位数据。" if lang != "en" else f"No closes of {name} stored for {where}."
    d = result.days[0]
    move = f"，当日{d.index_change_pct:+.2f}%" if d.index_change_pct is not None else ""
    if lang != "en":
        return (
            f"{where}{name}{'最高' if high else '最低'}收盘在{fmt_date(d.date)}（{fmt_weekday(d.date)}），"
            f"收于{d.index_close:.2f}点{move}；当天两市成交额{fmt_yi(d.value_yi)}。"
        )
    move_en = f" ({d.index_change_pct:+.2f}% that day)" if d.index_change_pct is not None else ""
    return (
        f"In {where}, {name}'s {'highest' if high else 'lowest'} close was {d.index_close:,.2f} points on "
        f"{fmt_weekday(d.date, lang)} {fmt_date(d.date, lang)}{move_en}; turnover that day was "
        f"{fmt_yi(d.value_yi, lang)}."
    )


def _busiest_text(ctx: AgentContext, result: TopResult, stats: StatsQuery, where: str, name: str, lang: Lang) -> str:
    """The day of the most (least) 两市成交额 among the sessions the index condition picks, with its move."""
    cond, high = _condition(stats, lang), result.measure == "top"
    if not result.days:
        return f"{where}没有{name}{cond}的交易日。" if lang != "en" else f"No session in {where} where {name} {cond}."
    d = result.days[0]
    report = safe(lambda: ctx.market.turnover(d.date))
    pct = (report.sz_change_pct if stats.index == "sz" else report.sh_change_pct) if report is not None else None
    move = f"（{name}{pct:+.2f}%）" if pct is not None and lang != "en" else ""
    if lang != "en":
        return (
            f"{where}{name}{cond}的交易日中，两市成交额{'最大' if high else '最小'}的是{fmt_date(d.date)}"
            f"（{fmt_weekday(d.date)}），{fmt_yi(d.value_yi)}{move}。"
        )
    move_en = f" ({name} {pct:+.2f}%)" if pct is not None else ""
    return (
        f"Of the sessions in {where} when {name} {cond}, the {'highest' if high else 'lowest'} turnover was on "
        f"{fmt_weekday(d.date, lang)} {fmt_date(d.date, lang)}: {fmt_yi(d.value_yi, lang)}{move_en}."
    )


def _condition(stats: StatsQuery, lang: Lang) -> str:
    zh = lang != "en"
    parts = []
    if stats.index_pct_above is not None:
        parts.append(f"涨幅超过{stats.index_pct_above:g}%" if zh else f"rose more than {stats.index_pct_above:g}%")
    if stats.index_pct_below is not None:
        parts.append(f"跌幅超过{-stats.index_pct_below:g}%" if zh else f"fell more than {-stats.index_pct_below:g}%")
    if stats.index_close_above is not None:
        parts.append(
            f"收在{stats.index_close_above:g}点以上（含）" if zh else f"closed at or above {stats.index_close_above:g}"
        )
    if stats.index_close_below is not None:
        parts.append(f"收在{stats.index_close_below:g}点以下" if zh else f"closed below {stats.index_close_below:g}")
    return ("且" if zh else " and ").join(parts)


def _count_text(result: CountResult, stats: StatsQuery, where: str, name: str, with_mean: bool, lang: Lang) -> str:
    cond = _condition(stats, lang)
    n = result.period.sessions
    if lang != "en":
        text = f"{where}{name}{cond}的交易日有{result.count}个，占{n}个交易日的{result.share_pct:.1f}%"
        if result.count and result.mean_yi is not None:
            text += f"；这些交易日两市成交额日均{fmt_yi(result.mean_yi)}" if with_mean else ""
        if result.first_day and result.last_day:
            first, last = fmt_date(result.first_day.date), fmt_date(result.last_day.date)
            text += f"；第一个是{first}，最近一个是{last}" if result.count > 1 else f"，是{first}"
        return text + "。"
    text = f"In {where}, {name} {cond} in {result.count} sessions ({result.share_pct:.1f}% of {n})"
    if with_mean and result.count and result.mean_yi is not None:
        text += f"; mean turnover on those sessions {fmt_yi(result.mean_yi, lang)}"
    if result.first_day and result.last_day:
        first, last = fmt_date(result.first_day.date, lang), fmt_date(result.last_day.date, lang)
        text += f"; first {first}, latest {last}" if result.count > 1 else f", on {first}"
    return text + "."
