"""Follow-ups of an industry or theme answer: the same industry on another day ("比昨天呢", "上涨家数呢") or over
another period ("那这个行业上上周呢"), its share or move, the one on the table pointed back at ("它成交额多少"),
a breadth answer's other counts ("总共几家", "平盘或下跌的呢"), a period set against the same part of the one
before ("和上月同期比呢"), and a theme's own ("占两市多少", "比昨天多了多少", "新能源呢" after the AI theme).
The stats and day follow-ups are agent/offline/followup.py's."""

from __future__ import annotations

import re
from datetime import date

from agent.offline.reading.lexicon import has
from agent.offline.reading.query import Query
from agent.offline.reading.question import DAY_BEFORE, absolute_dates, relative_dates
from agent.offline.reading.understand import AGAINST_BEFORE, Clause
from agent.offline.sectors.industry_ranks import BREADTH
from agent.offline.sectors.naming import POINTS_BACK, industries_named, periods_named, theme_in

AGAINST = re.compile(r"比|相比|较|对比|\bthan\b|\bvs\.?|\bversus\b|\bcompared?\b", re.I)
_CHANGE = re.compile(r"变化|差多少|差了多少|多了多少|少了多少|涨了多少|\bchange\b|\bdifference\b", re.I)
_INDUSTRY_SHARE = re.compile(r"占两市|占比|占.{0,3}(?:比例|比重)|\bshare\b", re.I)
# the industry handler's breadth words too ("它涨的家数多少")
_INDUSTRY_BREADTH = re.compile(BREADTH.pattern + r"|几家(?:上涨|涨)|多少家(?:上涨|涨)", re.I)
_INDUSTRY_MOVE = re.compile(r"涨|跌|涨跌幅|\brise|\bfell\b|\bup\b|\bdown\b", re.I)
_MEAN = re.compile(r"日均|平均|均值|\baverage\b|\bmean\b|\bper day\b", re.I)
# A breadth answer's other counts: all its stocks, and those that did not rise (flat or falling)
_ALL_STOCKS = re.compile(
    r"(?:总共|一共|共|总计|合计)(?:有)?(?:几|多少)(?:家|只)|几家公司|\bhow many (?:stocks|in all)\b", re.I
)
_NOT_UP = re.compile(r"平盘|下跌|跌的|没涨|不涨|未涨|\bflat\b|\bfell\b|\bdown\b|\bfalling\b", re.I)
_MARKET = re.compile(r"两市|沪深|沪市|深市|大盘|全市场|A股|\bmarket\b", re.I)


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
    on the session before, so "变化多少" is the later day on the table), or over the period it names, or over the
    period on the table when it names neither ("占比多少" after the period's top industry)."""
    text, env = clause.text, clause.env
    base = date.fromisoformat(prev["date"]) if prev.get("date") else None
    table = sorted(date.fromisoformat(d) for d in prev.get("table") or [])
    found = [f.day for f in absolute_dates(text, env.clock_day) + relative_dates(text, env.clock_day, env.calendar)]
    day: date | None = next((d for d in found if d), None)
    share = bool(_INDUSTRY_SHARE.search(text))
    breadth, move = bool(_INDUSTRY_BREADTH.search(text)), bool(_INDUSTRY_MOVE.search(text))
    periods = periods_named(clause)
    if day is None and (periods or (prev.get("periods") and not breadth and not move)):
        over = {
            "industry": prev["industry"],
            "periods": periods[:2] or list(prev["periods"]),
            "mean": bool(_MEAN.search(text) or (not periods and prev.get("mean"))),
            "share_of_market": share or bool(prev.get("share_of_market")),  # "那这个行业上上周呢": the same figures
        }
        return Query(kind="sector", lang=clause.lang, text=text, extra=over, followup=True)
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
        "move": move and not breadth,
        "table": [base] if base else [],
        "share_of_market": share,
        "breadth": breadth,
    }
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra, followup=True)


def theme_followup(clause: Clause, prev: dict) -> Query | None:
    """ "占两市比例呢" / "上涨家数呢" / "新能源呢" / "比昨天多了多少" after a theme's answer: that theme (or the one
    named) that day, or over the period on the table."""
    text = clause.text
    share, breadth, other = _INDUSTRY_SHARE.search(text), _INDUSTRY_BREADTH.search(text), theme_in(text, True)
    change = _CHANGE.search(text) or AGAINST.search(text)
    env = clause.env
    found = absolute_dates(text, env.clock_day) + relative_dates(text, env.clock_day, env.calendar)
    rest = text
    for f in found:
        rest = rest.replace(f.raw, "")
    if len(found) == 1 and found[0].day and not prev.get("periods") and re.fullmatch(r"[\W_那的呢]*", rest):
        # "昨天呢" after a theme's answer: the theme on that day, with the share asked before
        extra = {"theme": prev["theme"], "share_of_market": bool(prev.get("share_of_market")), "breadth": False}
        return Query(kind="sector", lang=clause.lang, text=text, dates=[found[0].day], extra=extra, followup=True)
    if not clause.brief(12) or not (share or breadth or other or change):
        return None
    day = date.fromisoformat(prev["date"]) if prev.get("date") else None
    if change and not (share or breadth or other):  # "比昨天多了多少": its answer has the change on the session before
        env = clause.env
        named = [f.day for f in absolute_dates(text, env.clock_day) + relative_dates(text, env.clock_day, env.calendar)]
        if prev.get("periods") or day is None or any(d != env.calendar.previous(day) for d in named):
            return None  # another day or a period: not the change the theme's answer gives
    if prev.get("periods") and not breadth:  # "占比多少" after the theme over a period: over that period
        extra = {"theme": other or prev["theme"], "periods": list(prev["periods"]), "mean": bool(prev.get("mean")),
                 "share_of_market": bool(share) or bool(prev.get("share_of_market"))}  # fmt: skip
        return Query(kind="sector", lang=clause.lang, text=text, extra=extra, followup=True)
    share_asked = bool(share) or (other is not None and bool(prev.get("share_of_market")))  # "新能源呢"
    extra = {"theme": other or prev["theme"], "share_of_market": share_asked, "breadth": bool(breadth)}
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra, followup=True)


def pointed_back(clause: Clause) -> Query | None:
    """ "它成交额多少" / "那这个行业上上周呢" / "它占两市多少": the industry on the table (the one an answer named,
    or ranked first), asked again on its day or period; a theme's the same way."""
    prev = clause.env.previous or {}
    if prev.get("intent") != "sector" or not POINTS_BACK.search(clause.text) or industries_named(clause.text):
        return None
    if clause.index > 0 and clause.before is not None and clause.before.kind == "sector":
        return None  # "…，它涨了多少": the part before is the subject (the industry handler reads it)
    if prev.get("industry"):
        return industry_followup(clause, prev)
    if prev.get("theme"):
        return theme_followup(clause, prev)
    return None


def breadth_followup(clause: Clause) -> Query | None:
    """ "总共几家" / "平盘或下跌的呢" after an industry's advancers: all its stocks that day, or those that did
    not rise, beside the advancers."""
    prev = clause.env.previous or {}
    if prev.get("intent") != "sector" or not prev.get("industry") or not prev.get("breadth") or clause.index > 0:
        return None
    text = clause.text
    if not clause.brief(12) or industries_named(text) or _MARKET.search(text):
        return None
    all_stocks, not_up = _ALL_STOCKS.search(text), _NOT_UP.search(text)
    if not (all_stocks or not_up):
        return None
    day = date.fromisoformat(prev["date"]) if prev.get("date") else None
    extra = {"industry": prev["industry"], "breadth": True, "not_up": bool(not_up), "share_of_market": False,
             "move": False}  # fmt: skip
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra, followup=True)


def same_part_followup(clause: Clause) -> Query | None:
    """ "和上月同期比呢" right after a part about an industry or theme over this period so far: both spans (the
    same calendar part of the period before), and the change."""
    from agent.offline.stats.reading import read_stats

    before = clause.before
    if before is None or before.kind != "sector" or not before.extra.get("periods") or not clause.brief(14):
        return None
    subject = before.extra.get("industry") or before.extra.get("theme")
    if not subject or industries_named(clause.text) or _MARKET.search(clause.text):
        return None
    words = read_stats(clause.text, clause.env.clock_day)
    if words is None or words.measure != "compare" or not words.same_part or words.compare_to is None:
        return None
    extra = {**before.extra, "periods": [words.period, words.compare_to], "same_part": True}
    return Query(kind="sector", lang=clause.lang, text=clause.text, extra=extra)
