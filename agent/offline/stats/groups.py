"""Answers over the parts of a period: each month (year, week, quarter) of it summed and ranked or listed in
order ("2025年哪个月最高", "二季度按月分别多少"), groups over a line ("几个月日均超过2万亿"), and one paragraph per
query for statistics asked of several periods or moves at once ("5月、6月、7月各自", "放量几天缩量几天")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent.answer import ChartRequest
from agent.context import AgentContext
from agent.offline.lookups import safe
from agent.offline.parts import Reply
from agent.offline.reading.query import Query
from agent.offline.reading.question import threshold_yi
from agent.offline.refusals.phrases import source_failed
from agent.offline.stats import phrases as S
from agent.offline.stats import shape_phrases as SP
from agent.wording import Lang
from tools.errors import MarketDataError, NoDataError
from tools.stats.models import GroupResult, StatsQuery


def each_of(ctx: AgentContext, queries: list[StatsQuery], render: Callable[[Any], str], lang: Lang) -> list[str]:
    """One paragraph per query, in order; a query the data cannot answer says why in its own place."""
    texts = []
    for each in queries:
        try:
            texts.append(render(ctx.market.stats(each)))
        except MarketDataError as err:
            texts.append(source_failed(str(err), lang))
    return texts


def sub_periods(ctx: AgentContext, q: Query, query: StatsQuery, meta: dict[str, object]) -> Reply:
    """ "2025年哪个月成交额最高": each month (year) of the period summed by the stats API, then ranked."""
    lang = q.lang
    if q.extra["by"] in ("week", "quarter", "half") or q.extra.get("group_count"):  # the stats API's groups
        return _groups(ctx, q, query, meta)
    try:
        whole = ctx.market.stats(query)
    except NoDataError:
        return Reply([S.no_period_data(query.period, safe(ctx.market.latest_date), lang)], meta)
    except MarketDataError as err:
        return Reply([source_failed(str(err), lang)], meta)
    first, last = whole.period.first_session, whole.period.last_session
    if first is None or last is None:
        return Reply([S.no_period_data(query.period, safe(ctx.market.latest_date), lang)], meta)
    if q.extra["by"] == "year":
        specs = [str(y) for y in range(first.year, last.year + 1)]
    else:
        # every month from the first session's to the last's ("二季度按月": April to June, not January on)
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        specs = [f"{k // 12}-{k % 12 + 1:02d}" for k in months]
    results = []
    for spec in specs:
        try:
            result = ctx.market.stats(query.model_copy(update={"period": spec}))
        except MarketDataError:  # a month without data: left out
            continue
        if result.period.sessions:
            results.append(result)
    if q.extra.get("listed"):  # "每年日均分别多少": in order, not ranked
        meta["date"] = last.isoformat()
        return Reply([SP.groups(whole, results, q.focus, lang)], meta)
    key = (lambda r: r.mean_yi) if q.focus == "mean" else (lambda r: r.sum_yi)
    ranked = sorted(results, key=key, reverse=not q.extra.get("lowest"))
    text = S.sub_periods(whole, ranked, q.focus, bool(q.extra.get("lowest")), lang)
    meta["date"] = last.isoformat()
    return Reply([text], meta, ChartRequest(days=max(20, min(whole.period.sessions, 250)), end=last))


def _groups(ctx: AgentContext, q: Query, query: StatsQuery, meta: dict[str, object]) -> Reply:
    """ "25年哪个季度最高", "今年哪一周成交最多": the stats API's groups, ranked by sum (or daily mean)."""
    lang = q.lang
    grouped = query.model_copy(
        update={
            "measure": "group", "group_by": q.extra["by"], "rank_by": "mean" if q.focus == "mean" else "sum",
            "threshold_yi": None, "threshold_hi_yi": None,
        }
    )  # fmt: skip
    try:
        result = ctx.market.stats(grouped)
    except NoDataError:
        return Reply([S.no_period_data(query.period, safe(ctx.market.latest_date), lang)], meta)
    except MarketDataError as err:
        return Reply([source_failed(str(err), lang)], meta)
    if result.period.last_session is not None:
        meta["date"] = result.period.last_session.isoformat()
    if q.extra.get("listed"):  # "2024年每个季度的日均": in calendar order
        return Reply([SP.listed_groups(result, q.focus, lang)], meta)
    if q.extra.get("group_count"):
        line = threshold_yi(q.text)
        if line is None or not isinstance(result, GroupResult) or result.omitted:
            return Reply([cannot("分组太多" if lang == "zh" else "too many groups", lang)], meta)
        return Reply([SP.groups_over(result, q.focus, line, query.direction, lang)], meta)
    return Reply([SP.ranked_groups(result, q.focus, bool(q.extra.get("lowest")), lang)], meta)


def cannot(message: str, lang: str) -> str:
    if lang == "zh":
        return f"这个统计无法按所问的方式计算：{message}"
    return f"I cannot compute that statistic as asked: {message}"
