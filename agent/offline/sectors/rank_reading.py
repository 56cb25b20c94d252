"""Reading the industries ranked or counted: a part's own ranking ("上周成交额最大的行业"), a part that adds a
figure to the ranking before it ("…？日均多少", "…？占比多少"), and a follow-up that ranks the same day again
another way ("涨幅前三呢" after the top three by turnover, "跌的呢" after how many rose). The answers are
agent.offline.sectors.industry_ranks'."""

from __future__ import annotations

import re
from datetime import date

from agent.offline.reading.periods import period_words
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.offline.sectors.industry_ranks import LEAST, MEAN, MOST, N_RANKED, SHARE, read_rank
from agent.offline.sectors.naming import POINTS_BACK, day_named, industries_named, periods_named, theme_in

_SUM = re.compile(r"合计|一共|总共|累计|总额|加起来|\bin all\b|\btotal\b", re.I)
_MARKET = re.compile(r"两市|沪深|沪市|深市|大盘|全市场|A股|\bmarket\b", re.I)
# The other direction of a count or a move ("跌的呢" after how many rose, "涨的呢" after the worst)
_FALLING = re.compile(r"跌|绿|\bfell\b|\bdown\b|\bfalling\b|\blosers?\b", re.I)
_RISING = re.compile(r"涨|红|\brose\b|\bup\b|\brising\b|\bgainers?\b", re.I)
_DIRECTED = ("count", "return", "advancers")


def rank_query(clause: Clause, ranked: dict) -> Query | None:
    """The part's own ranking: over the period it names (summed, or the daily mean when asked), else on its day."""
    text, clock = clause.text, clause.env.clock_day
    periods = periods_named(clause)
    if periods and ranked["rank"] == "amount":  # "上周成交额最大的行业是哪个，一周合计多少", "7月累计成交最高的三个"
        return Query(kind="sector", lang=clause.lang, text=text, extra={"rank": {**ranked, "period": periods[0]}})
    if periods and ranked["rank"] != "breadth":  # "上周涨幅最大的行业": moves are kept per day, not over a period
        raw = next(p for p in period_words(text, default_year=clock.year, clock_day=clock))
        return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": [text[raw.start : raw.end]]})
    day, ok = day_named(clause)  # "昨天成交额最大的行业", "今天上涨家数": the day's industries ranked or counted
    if not ok:
        return None
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra={"rank": ranked})


def rank_continued(clause: Clause) -> Query | None:
    """ "上个月日均成交最多的是哪个行业？日均多少": a few words adding a figure (the mean, the sum, the share of
    两市) to the ranking of the part before, which the pipeline merges into one answer."""
    before = clause.before
    if before is None or before.kind != "sector" or not before.extra.get("rank") or not clause.brief(12):
        return None
    text = clause.text
    if industries_named(text) or theme_in(text) or _MARKET.search(SHARE.sub("", text)):  # "占两市" is a share
        return None
    rank = dict(before.extra["rank"])
    if rank["rank"] != "amount" or not (MEAN.search(text) or _SUM.search(text) or SHARE.search(text)):
        return None
    rank.update(mean=bool(rank.get("mean") or MEAN.search(text)), share=bool(rank.get("share") or SHARE.search(text)))
    extra = {"rank": rank, "continues": True}  # merged into the part before (agent.offline.pipeline.merge_parts)
    return Query(kind="sector", lang=clause.lang, text=text, dates=list(before.dates), extra=extra)


def rank_followup(clause: Clause) -> Query | None:
    """ "涨幅前三呢" / "跌幅最大的呢" / "前五呢" / "跌的呢" / "占比多少" after a ranking answer: the industries of the
    same day (or period) ranked or counted again, the way the follow-up says."""
    prev = clause.env.previous or {}
    asked = prev.get("rank")
    if prev.get("intent") != "sector" or not asked or clause.index > 0 or not clause.brief(14):
        return None
    text = clause.text
    if POINTS_BACK.search(text) or industries_named(text) or theme_in(text) or _MARKET.search(SHARE.sub("", text)):
        return None  # "它涨了多少": the industry ranked first, read by the industry follow-ups
    day, ok = day_named(clause)
    if not ok:
        return None
    new = read_rank(text, implied=True)
    if new is None or new["rank"] == "breadth":
        new = _reranked(text, asked, clause.brief(8))
    if new is None:
        return None
    periods = periods_named(clause)
    if periods:  # "这个月日均成交最多的三个行业": a period of its own, read as the part's own ranking
        return rank_query(clause, new)
    if day is None and asked.get("period"):
        if new["rank"] != "amount":  # "涨幅前三呢" after a period's ranking: moves are kept per day, not summed
            return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": [text.strip("？?。 ")]})
        new["period"] = asked["period"]  # "占比多少" after last week's top industry: the same week
    elif day is None and prev.get("date"):
        day = date.fromisoformat(prev["date"])  # "涨幅前三呢": the day on the table
    dates = [day] if day and not new.get("period") else []
    return Query(kind="sector", lang=clause.lang, text=text, dates=dates, extra={"rank": new}, followup=True)


def _reranked(text: str, asked: dict, short: bool) -> dict | None:
    """The ranking before with what the follow-up changes: its length ("前五呢"), its end ("最少的呢"), its
    direction ("跌的呢"), or the share of 两市 beside each ("占比多少")."""
    new = dict(asked)
    changed = False
    n = N_RANKED.search(text)
    if n and asked["rank"] != "count":
        from agent.offline.reading.question import zh_number

        new["n"], changed = max(1, min(int(zh_number(n[1] or n[2]) or 1), 10)), True
    ends = N_RANKED.sub("", text)  # "前五呢" keeps the direction; "最少的呢" says one
    if LEAST.search(ends) or MOST.search(ends):
        new["down"], changed = bool(LEAST.search(ends)), True
    elif asked["rank"] in _DIRECTED and (_FALLING.search(text) or _RISING.search(text)) and short:
        new["down"], changed = bool(_FALLING.search(text)), True
    if asked["rank"] == "amount" and (SHARE.search(text) or MEAN.search(text)):
        new["share"] = bool(asked.get("share") or SHARE.search(text))
        new["mean"], changed = bool(asked.get("mean") or MEAN.search(text)), True
    return new if changed else None
