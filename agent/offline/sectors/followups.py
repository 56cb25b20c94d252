"""Follow-ups of an industry or theme answer: the same industry on another day ("比昨天呢", "上涨家数呢"), its
share or move, and a theme's own ("占两市多少", "新能源呢" after the AI theme). The stats and day follow-ups are
agent/offline/followup.py's."""

from __future__ import annotations

import re
from datetime import date

from agent.offline.reading.lexicon import has
from agent.offline.reading.query import Query
from agent.offline.reading.question import DAY_BEFORE, absolute_dates, relative_dates
from agent.offline.reading.understand import AGAINST_BEFORE, Clause
from agent.offline.sectors.industry_handler import theme_in

AGAINST = re.compile(r"比|相比|较|对比|\bthan\b|\bvs\.?|\bversus\b|\bcompared?\b", re.I)
_CHANGE = re.compile(r"变化|差多少|差了多少|多了多少|少了多少|涨了多少|\bchange\b|\bdifference\b", re.I)
_INDUSTRY_SHARE = re.compile(r"占两市|占比|占.{0,3}(?:比例|比重)|\bshare\b", re.I)
_INDUSTRY_BREADTH = re.compile(r"上涨家数|涨跌家数|几家(?:上涨|涨)|多少家(?:上涨|涨)|\badvancers?\b", re.I)
_INDUSTRY_MOVE = re.compile(r"涨|跌|涨跌幅|\brise|\bfell\b|\bup\b|\bdown\b", re.I)


def continues_industry(clause: Clause, prev: dict) -> bool:
    """ "变化多少" / "涨了多少" right after an industry answer, naming no market or other subject: that industry."""
    text = clause.text.strip()
    subject = prev.get("industry") or prev.get("theme")
    if clause.index > 0 or prev.get("intent") != "sector" or not subject or len(text) > 12:
        return False
    if _INDUSTRY_SHARE.search(text) or _INDUSTRY_BREADTH.search(text):  # "占两市多少", "上涨家数呢": its own
        return True
    return bool(_CHANGE.search(text) or _INDUSTRY_MOVE.search(text)) and not has(
        text, "MARKET_TOTAL", "MARKET_SH", "MARKET_SZ"
    )


def industry_followup(clause: Clause, prev: dict) -> Query:
    """After an industry answer: the same industry on the day the follow-up names (its answer has the change
    on the session before, so "变化多少" is the later day on the table)."""
    text, env = clause.text, clause.env
    base = date.fromisoformat(prev["date"]) if prev.get("date") else None
    table = sorted(date.fromisoformat(d) for d in prev.get("table") or [])
    found = [f.day for f in absolute_dates(text, env.clock_day) + relative_dates(text, env.clock_day, env.calendar)]
    day: date | None = next((d for d in found if d), None)
    if day is not None and base is not None and day == env.calendar.previous(base) and AGAINST.search(text):
        day = base  # "比昨天呢": the day on the table against its session before, which its answer gives
    if day is None and base is not None:
        if DAY_BEFORE.search(text) and not AGAINST_BEFORE.search(text):
            day = env.calendar.previous(base)
        elif _CHANGE.search(text) and table:
            day = table[-1]
        else:
            day = base
    extra = {
        "industry": prev["industry"],
        "move": bool(_INDUSTRY_MOVE.search(text)) and not _INDUSTRY_BREADTH.search(text),
        "table": [base] if base else [],
        "share_of_market": bool(_INDUSTRY_SHARE.search(text)),
        "breadth": bool(_INDUSTRY_BREADTH.search(text)),
    }
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra, followup=True)


def theme_followup(clause: Clause, prev: dict) -> Query | None:
    """ "占两市比例呢" / "上涨家数呢" / "新能源呢" after a theme's answer: that theme (or the one named) that day."""
    text = clause.text
    share, breadth, other = _INDUSTRY_SHARE.search(text), _INDUSTRY_BREADTH.search(text), theme_in(text, True)
    if not clause.brief(12) or not (share or breadth or other):
        return None
    day = date.fromisoformat(prev["date"]) if prev.get("date") else None
    share_asked = bool(share) or (other is not None and bool(prev.get("share_of_market")))  # "新能源呢"
    extra = {"theme": other or prev["theme"], "share_of_market": share_asked, "breadth": bool(breadth)}
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra, followup=True)
