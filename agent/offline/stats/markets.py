"""The two markets set against each other over a period ("7月深市比沪市多成交了多少", "深市比沪市多多少" after a
period's figure): each market's statistic and the first named minus the other. A count or a run of days one market
leads is not computed: said by name, never answered with each market's total or the latest day."""

from __future__ import annotations

import re
from typing import Any

from agent.offline.lookups import safe
from agent.offline.reading.lexicon import has
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.offline.stats.phrases import period_text
from agent.wording import Lang
from tools.stats.models import StatsQuery, SummaryResult

MARKET_AGAINST_MARKET = re.compile(
    r"(?:沪市|深市|上海|深圳|上交所|深交所)(?:的)?(?:成交额?)?\s*(?:比|高于|超过|大于|低于|少于)\s*"
    r"(?:沪市|深市|上海|深圳|上交所|深交所)(?:的)?(?:成交额?)?(?:高|多|大|低|少)?|"
    r"\b(?:shanghai|shenzhen)\b.{0,16}\b(?:above|over|higher than|more than|below|less than)\s+(?:shanghai|shenzhen)\b",
    re.I,
)


def _first_named(words: str) -> str:
    return "sh" if re.match(r"沪|上|shanghai", words, re.I) else "sz"


def _both(clause: Clause, period: str, dates: Any, focus: str, first: str, followup: bool) -> Query:
    q = Query(kind="stats", lang=clause.lang, text=clause.text, followup=followup,
              stats=StatsQuery(measure="summary", period=period, dates=dates))  # fmt: skip
    q.focus = "mean" if focus == "mean" else "sum"
    q.extra["split"] = True
    q.extra["markets_diff"] = first
    return q


def _not_computed(clause: Clause, words: str) -> Query:
    return Query(kind="unclear", lang=clause.lang, text=clause.text, extra={"unplaced": [words]})


def markets_against(clause: Clause, words: Any) -> Query | None:
    """A question of its own setting the markets against each other, or None when it does not."""
    m = MARKET_AGAINST_MARKET.search(clause.text)
    if m is None or words.measure not in ("count", "summary", "streak"):
        return None
    counted = has(clause.text, "SHAPE_COUNT") or re.search(r"多少个?交易日|几个?交易日|\bhow many\b", clause.text, re.I)
    if words.measure == "summary" and words.by is None and words.compare_to is None and not counted:
        return _both(clause, words.period, None, words.focus, _first_named(m[0]), followup=False)
    return _not_computed(clause, m[0])  # "有多少天深市成交额比沪市高": days one market leads are not counted yet


def markets_against_after(clause: Clause, previous: StatsQuery, prev: dict, words: str) -> Query:
    """ "深市比沪市多多少" after a period's statistic: the two markets over that period."""
    if previous.measure != "summary":
        return _not_computed(clause, words)
    return _both(clause, previous.period, previous.dates, str(prev.get("focus")), _first_named(words), followup=True)


def _summary(ctx: Any, query: StatsQuery, spec: str, part: str) -> SummaryResult | None:
    one = query.model_copy(update={"measure": "summary", "period": spec, "compare_to": None, "part": part})
    result = safe(lambda: ctx.market.stats(one))
    return result if isinstance(result, SummaryResult) else None


def share_compare(ctx: Any, query: StatsQuery, lang: Lang) -> str | None:
    """A market's share of 两市成交额 in two periods (each from the summed 元 of the period), and the change in
    percentage points, later minus earlier; None when a period has no data."""
    shares = []
    for spec in (query.period, str(query.compare_to)):
        part, whole = _summary(ctx, query, spec, query.part), _summary(ctx, query, spec, "total")
        if part is None or whole is None or not whole.sum_yuan:
            return None
        shares.append((part.period, 100 * (part.sum_yuan or 0.0) / whole.sum_yuan))
    (a_period, a), (b_period, b) = shares
    name = {"sh": ("沪市", "Shanghai"), "sz": ("深市", "Shenzhen")}[query.part]
    moved = abs(a - b)
    if lang == "zh":
        return (
            f"{name[0]}成交额占两市的比例：{period_text(a_period, lang)}{a:.2f}%，{period_text(b_period, lang)}"
            f"{b:.2f}%，{'上升' if a >= b else '下降'}{moved:.2f}个百分点。"
        )
    return (
        f"{name[1]}'s share of Shanghai + Shenzhen turnover: {a:.2f}% in {period_text(a_period, lang)}, "
        f"{b:.2f}% in {period_text(b_period, lang)}: {'up' if a >= b else 'down'} {moved:.2f} percentage points."
    )
