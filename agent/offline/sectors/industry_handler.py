"""Industry questions of the offline pipeline: "半导体成交额", "哪些行业成交额增加最多", and the themes as sets of
industries: "AI相关行业占成交额多少", "AI相关行业成交额占比最近一个月怎么变".

The words live here, at the top, so the reader's lexicon can take them over. A THS industry's name
(tools.industries) is answered from the industry store; concept-board names (算力, CPO ...) stay with
the board handler (agent.offline.sectors.handler), registered after this one.
"""

from __future__ import annotations

import re
from datetime import date

from agent.context import AgentContext
from agent.offline.parts import Citations, Handler, Reply
from agent.offline.reading.lexicon import THAT_DAY
from agent.offline.reading.periods import period_words
from agent.offline.reading.query import Query
from agent.offline.reading.question import TURNOVER
from agent.offline.reading.understand import Clause, days_named
from agent.offline.sectors import industry_ranks
from agent.offline.sectors.industries import (
    industry_answer,
    movers_answer,
    span_answer,
    theme_answer,
    theme_extras,
)
from agent.offline.sectors.industry_pairs import industries_each_answer, industries_sum_answer

# --- the words ---------------------------------------------------------------------------------
# The turnover words of every reader, and "trading" alone ("banks trading today")
TURNOVER_WORDS = re.compile(TURNOVER.pattern + r"|\btrading\b", re.I)
MOVERS = re.compile(
    r"哪些行业.{0,8}(?:增加|减少|放量|缩量|增|减)|哪个行业.{0,8}(?:增加|减少|放量|缩量|增|减)|行业.{0,6}(?:增加|减少|放量|缩量)|"
    r"(?:放量|缩量|增量|减量|增加|减少).{0,10}(?:哪些|哪个|什么)行业|行业.{0,4}贡献|"
    r"\bwhich (?:industr|sector).{0,40}\b(?:increase|rise|drop|fall|decrease|gain|grew|jump)",
    re.I,
)
SHARE_OF_MARKET = re.compile(r"占两市|占.{0,4}(?:比例|比重|占比)|占比|比例|\bshare\b|\bof the market\b", re.I)
MOVE = re.compile(r"涨跌|涨了|跌了|涨幅|跌幅|\bup or down\b|\breturn\b|\b(?:sector|industry|index) move\b", re.I)
MEAN = re.compile(r"日均|平均|均值|\baverage\b|\bmean\b|\bper day\b", re.I)
DECREASE = re.compile(r"减少|缩量|下降|\bdecrease|\bfell\b|\bdrop", re.I)
FUTURE = re.compile(r"会不会|将会|明天|下周|预计|有望|能否|\bwill\b", re.I)  # predictions go to the refusals
SUFFIXES = ("板块", "行业")
# A theme is asked as industries ("AI相关行业", "新能源行业", "AI产业链"); "AI板块" stays with the concept boards.
THEME_SUFFIX = r"(?:相关)?(?:行业|产业链)"
SHARE_WORDS = re.compile(r"占比|占.{0,4}成交|比重|份额|\bshare\b", re.I)
CHANGE_WORDS = re.compile(r"怎么变|如何变|变化|走势|趋势|升还是降|\btrend\b|\bchanged?\b", re.I)
# A window of sessions: 最近一个月 ≈ 20 sessions, 一周 5, 一季度 60, 一年 250; "最近N个交易日" as said.
# A bare "1月" or "3月" is a date, not a window: a window needs 最近/近/过去 or 个 ("一个月").
WINDOWS = (
    (re.compile(r"(?:最近|近|过去)\s*(\d{1,3})\s*个?交易日"), 0),
    (re.compile(r"(?:最近|近|过去)\s*(?:一|1)?\s*个?(?:星期|周)|(?:一|1)\s*个星期|一周"), 5),
    (re.compile(r"(?:最近|近|过去)\s*(?:一|1)?\s*个?月|(?:一|1)\s*个月"), 20),
    (re.compile(r"(?:最近|近|过去)\s*(?:三|3)\s*个?月|(?:三|3)\s*个月|(?:一|1)\s*个?季度"), 60),
    (re.compile(r"(?:最近|近|过去)\s*半\s*年|半年来"), 120),
    (re.compile(r"(?:最近|近|过去)\s*(?:一|1)\s*年|一年来"), 250),
)


def _industry_names() -> list[str]:
    from tools.industries.store import bundled_names

    global _NAMES
    if _NAMES is None:
        _NAMES = sorted(bundled_names(), key=len, reverse=True)
    return _NAMES


_NAMES: list[str] | None = None


def _day(clause: Clause) -> tuple[date | None, bool]:
    absolute, relative = days_named(clause)
    found = sorted(absolute + relative, key=lambda f: f.pos)
    if any(f.day is None for f in found):
        return None, False
    days = [f.day for f in found if f.day] or clause.explicit_days[:1]
    prev = clause.env.previous or {}
    if not days and prev.get("date") and THAT_DAY.search(clause.text):  # "那天哪个行业成交最大": the day on the table
        days = [date.fromisoformat(str(prev["date"]))]
    return (days[0] if days else None), True


def theme_in(text: str, as_board: bool = False) -> str | None:
    """The theme named: "新能源相关行业", "AI产业链", or the bare name ("新能源今天合计成交多少", "新能源板块") when
    it is no part of an industry's name in the question ("消费电子" is an industry, not the 消费 theme) nor a 概念."""
    from tools.industries.themes import load_themes

    industries = [n for n in _industry_names() if n in text]
    for theme in load_themes():
        for name in sorted((theme.name, *theme.aliases), key=len, reverse=True):
            if re.search(re.escape(name) + ("" if "行业" in name else THEME_SUFFIX), text, re.I):
                return theme.name
            word = rf"(?<![a-z]){re.escape(name)}(?![a-z])" if name.isascii() else re.escape(name)
            bare = re.search(word + (r"(?!\s*概念)" if as_board else r"(?!\s*(?:概念|板块))"), text, re.I)
            if bare and len(name) >= 2 and not any(name in n for n in industries) and "概念" not in text:
                return theme.name
    return None


def _window(text: str) -> int | None:
    for pattern, sessions in WINDOWS:
        found = pattern.search(text)
        if found:
            return min(250, max(1, int(found.group(1)))) if sessions == 0 else sessions
    return 20 if CHANGE_WORDS.search(text) else None  # "怎么变" without a window: the last month


def recognise_clause(clause: Clause) -> Query | None:
    text = clause.text
    if FUTURE.search(text):
        return None
    added = _added_up(clause) or _each_named(clause)
    if added is not None:
        return added
    asks = TURNOVER_WORDS.search(text) or SHARE_WORDS.search(text) or industry_ranks.BREADTH.search(text)
    prev = clause.env.previous or {}
    after_theme = prev.get("intent") == "sector" and bool(prev.get("theme")) and clause.followup  # "新能源呢"
    # "新能源板块有多少家上涨": boards keep no advancers, so a theme's breadth is its industries' even as a 板块
    theme = theme_in(text, as_board=bool(industry_ranks.BREADTH.search(text))) if asks or after_theme else None
    if theme is not None:
        day, ok = _day(clause)
        if not ok:
            return None
        if day is None and after_theme and prev.get("date"):
            day = date.fromisoformat(prev["date"])
        of_market = re.search(r"占两市|两市.{0,3}(?:比例|占比)|\bof the market\b", text, re.I) or (
            prev.get("share_of_market") and (SHARE_WORDS.search(text) or not asks)  # "新能源的占比呢", "新能源呢"
        )
        clock = clause.env.clock_day
        periods = [p.spec for p in period_words(text, default_year=clock.year, clock_day=clock)]
        if periods and _window(text) is None:  # "新能源今年以来日均", "11月军工最高是哪天": the theme over the period
            over = {"theme": theme, "periods": periods[:2], "mean": bool(MEAN.search(text))}
            return Query(kind="sector", lang=clause.lang, text=text, extra=over)
        on_theme = {
            "theme": theme,
            "sessions": _window(text),
            "share_of_market": bool(of_market),
            "breadth": bool(industry_ranks.BREADTH.search(text)),
        }
        return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=on_theme)
    named = next((n for n in _industry_names() if n in text), None)
    prev = clause.env.previous or {}
    short = len(text.strip()) <= 12 and not re.search(r"全市场|两市|整体|全部|\bmarket\b", text, re.I)
    if named is None and short and clause.index == 0 and prev.get("intent") == "sector" and prev.get("industry"):
        named = prev["industry"] if industry_ranks.BREADTH.search(text) else None  # "上涨家数呢": that industry's
    before = clause.before
    subject = (
        before is not None and before.kind == "sector" and (before.extra.get("industry") or before.extra.get("theme"))
    )
    if named is None and subject and len(text.strip()) <= 12 and SHARE_OF_MARKET.search(text):
        own = {**before.extra, "share_of_market": True}  # type: ignore[union-attr]  # "…合计成交多少？占两市多少"
        return Query(kind="sector", lang=clause.lang, text=text, dates=list(before.dates), extra=own)  # type: ignore[union-attr]
    if (
        named is None
        and short
        and before is not None
        and before.kind == "sector"
        and before.extra.get("industry")
        and industry_ranks.BREADTH.search(text)
    ):  # "昨天半导体成交多少？上涨家数几家": that industry, that day
        own = {"industry": before.extra["industry"], "share_of_market": False, "move": False, "breadth": True}
        return Query(kind="sector", lang=clause.lang, text=text, dates=[before.day] if before.day else [], extra=own)
    if named is not None and industry_ranks.BREADTH.search(text) and not FUTURE.search(text):
        day, ok = _day(clause)  # "证券行业昨天上涨家数多少": the industry's own advancers
        on_table = named == prev.get("industry") or (prev.get("intent") == "sector" and clause.followup)
        if day is None and on_table and prev.get("date"):  # "通信设备的上涨家数呢": the day on the table
            day = date.fromisoformat(prev["date"])
        own = {"industry": named, "share_of_market": False, "move": bool(MOVE.search(text)), "breadth": True}
        return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=own) if ok else None
    ranked = industry_ranks.read_rank(text) if not MOVERS.search(text) else None
    if ranked is not None and not any(n in text for n in _industry_names()):
        clock = clause.env.clock_day
        periods = [p.spec for p in period_words(text, default_year=clock.year, clock_day=clock)]
        if ranked["rank"] == "amount" and periods and _window(text) is None:  # "7月累计成交最高的三个行业"
            return Query(kind="sector", lang=clause.lang, text=text, extra={"rank": {**ranked, "period": periods[0]}})
        day, ok = _day(clause)  # "昨天成交额最大的行业", "今天上涨家数": the day's industries ranked or counted
        return (
            Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra={"rank": ranked})
            if ok
            else None
        )
    if not TURNOVER_WORDS.search(text) and not (named and SHARE_OF_MARKET.search(text)):  # "半导体占比多少"
        name = next((n for n in _industry_names() if n in text), None)
        if name is None and before is not None and before.kind == "sector" and before.extra.get("industry"):
            name = before.extra["industry"] if clause.brief(12) and MOVE.search(text) else None  # "…几家上涨？涨跌幅呢"
        if name is not None and MOVE.search(text):  # "白酒今天跌了多少": the industry index's own move
            day, ok = _day(clause)
            moved = {"industry": name, "share_of_market": False, "move": True}
            if day is None and before is not None and before.kind == "sector" and name == before.extra.get("industry"):
                day = before.day
            return (
                Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=moved)
                if ok
                else None
            )
        return _another_industry(clause)
    day, ok = _day(clause)
    if not ok:
        return None
    if MOVERS.search(text):
        movers = {"industry": None, "decrease": bool(DECREASE.search(text))}
        return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=movers)
    name = next((n for n in _industry_names() if n in text), None)
    before = clause.before
    continues = name is None and before is not None and before.kind == "sector" and before.extra.get("industry")
    if continues and not re.search(r"两市|沪深|沪市|深市|大盘|全市场|A股|\bmarket\b", text, re.I):
        name = before.extra["industry"]  # type: ignore[union-attr]  # "白酒今天跌了多少？成交额多少": that industry
        day = day or before.day  # type: ignore[union-attr]
    if name is None or "概念" in text:
        return None
    extra: dict = {
        "industry": name,
        "share_of_market": bool(SHARE_OF_MARKET.search(text)),
        "move": bool(MOVE.search(text)),
        "place": bool(industry_ranks.PLACE.search(text)),  # "在所有行业里排第几": its place among them that day
    }
    # A period named ("白酒7月份日均", "半导体这周比上周"): the industry summed over it, never the latest day.
    periods = [
        p.spec for p in period_words(text, default_year=clause.env.clock_day.year, clock_day=clause.env.clock_day)
    ]
    if periods:
        extra["periods"] = periods[:2]
        extra["mean"] = bool(MEAN.search(text))
        return Query(kind="sector", lang=clause.lang, text=text, extra=extra)
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra)


ADDED_UP = re.compile(
    r"加起来|合起来|加在一起|加一起|合在一起|两个?(?:行业)?(?:合计|一共|总共)|"
    r"\b(?:combined|together|both|add(?:ed)? up)\b",
    re.I,
)


def _added_up(clause: Clause) -> Query | None:
    """ "两个加起来占两市多少" after two industries' answers on one day: the two summed, and their share."""
    prev = clause.env.previous or {}
    if clause.index > 0 or prev.get("intent") != "sector" or not ADDED_UP.search(clause.text):
        return None
    metas = [t.meta for t in clause.env.history if t.role == "assistant" and t.meta][-2:]
    if len(metas) < 2 or not all(m.get("intent") == "sector" and m.get("industry") for m in metas):
        return None
    names, days = [str(m["industry"]) for m in metas], {m.get("date") for m in metas}
    if names[0] == names[1] or len(days) != 1 or None in days:
        return None
    day = date.fromisoformat(str(days.pop()))
    return Query(kind="sector", lang=clause.lang, text=clause.text, dates=[day], extra={"sum_of": names},
                 followup=True)  # fmt: skip


_EACH = re.compile(r"各|分别|各自|\beach\b|\brespectively\b|比|相比|对比|差|\bvs\.?|\bversus\b|\bcompared?\b", re.I)
_DIFF = re.compile(r"比|差|相比|对比|\bvs\.?|\bversus\b|\bcompared?\b|\bminus\b|\bdifference\b", re.I)


def _each_named(clause: Clause) -> Query | None:
    """ "证券和银行两个行业成交额各多少，证券比银行多多少": each industry named, in the order named, on one day."""
    text = clause.text
    found = [n for n in _industry_names() if n in text]
    names = sorted((n for n in found if not any(n != m and n in m for m in found)), key=text.index)
    if len(names) != 2 or not _EACH.search(text) or ADDED_UP.search(text) or FUTURE.search(text):
        return None
    if period_words(text, default_year=clause.env.clock_day.year, clock_day=clause.env.clock_day):
        return None  # over a period: not this answer (the industry span reader takes one industry)
    day, ok = _day(clause)
    if not ok:
        return None
    extra = {"each_of": names, "diff": bool(_DIFF.search(text))}
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra)


def _another_industry(clause: Clause) -> Query | None:
    """ "软件开发呢" after "半导体今天成交额多少": the same question for the industry named, on the same day."""
    prev = clause.env.previous or {}
    text = clause.text.strip()
    if prev.get("intent") != "sector" or not prev.get("industry") or len(text) > 14 or clause.index > 0:
        return None
    name = next((n for n in _industry_names() if n in text), None)
    if name is None or name == prev["industry"]:
        return None
    day, ok = _day(clause)
    if not ok:
        return None
    if day is None and prev.get("date"):
        day = date.fromisoformat(prev["date"])
    # "通信设备呢" after "占两市多少": the same question, so the same share (and the same period, if one)
    share = bool(SHARE_OF_MARKET.search(text) or prev.get("share_of_market"))
    extra: dict = {"industry": name, "share_of_market": share, "move": bool(MOVE.search(text))}
    if prev.get("periods") and not clause.explicit_days:
        extra.update(periods=list(prev["periods"]), mean=bool(prev.get("mean")))
        return Query(kind="sector", lang=clause.lang, text=text, extra=extra, followup=True)
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra, followup=True)


def answer_clause(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    name = q.extra.get("industry")
    meta: dict = {"intent": "sector", "lang": q.lang, "date": q.day.isoformat() if q.day else None}
    if q.extra.get("sum_of") and q.day is not None:
        return Reply([industries_sum_answer(ctx, q.extra["sum_of"], q.day, q.lang)], meta)
    if q.extra.get("each_of"):
        return Reply([industries_each_answer(ctx, q.extra["each_of"], q.day, q.lang, q.extra["diff"])], meta)
    if q.extra.get("theme") and q.extra.get("periods"):
        text = span_answer(ctx, q.extra["theme"], q.extra["periods"], bool(q.extra.get("mean")), q.lang)
        return Reply([text], meta | {"theme": q.extra["theme"], "periods": q.extra["periods"]})
    if q.extra.get("theme"):
        theme = q.extra["theme"]
        text = theme_answer(ctx, theme, q.day, q.extra.get("sessions"), q.lang)
        if q.extra.get("sessions") is None and (q.extra.get("share_of_market") or q.extra.get("breadth")):
            text += theme_extras(ctx, theme, q.day, q.lang, bool(q.extra.get("share_of_market")),
                                 bool(q.extra.get("breadth")))  # fmt: skip
        return Reply([text], meta | {"theme": theme, "share_of_market": bool(q.extra.get("share_of_market"))})
    if q.extra.get("rank", {}).get("period"):
        return Reply([industry_ranks.period_rank_answer(ctx, q.extra["rank"], q.lang)], meta)
    if q.extra.get("rank"):
        text, day = industry_ranks.rank_answer(ctx, q.day, q.extra["rank"], q.lang)
        meta["date"] = day.isoformat() if day else meta["date"]
        named = industry_ranks.first_named(text, _industry_names()) if q.extra["rank"]["rank"] != "breadth" else None
        if named is not None:  # "它今天涨了多少" after "成交额最大的行业": the industry named first
            meta["industry"] = named
        return Reply([text], meta)
    if name is None:
        return Reply([movers_answer(ctx, q.day, q.lang, q.extra.get("decrease", False))], meta)
    meta["industry"] = name
    meta["share_of_market"] = bool(q.extra.get("share_of_market"))
    if q.extra.get("periods"):
        meta.update(periods=q.extra["periods"], mean=bool(q.extra.get("mean")))
        return Reply([span_answer(ctx, name, q.extra["periods"], bool(q.extra.get("mean")), q.lang)], meta)
    text, day = industry_answer(
        ctx,
        name,
        q.day,
        q.lang,
        share_of_market=bool(q.extra.get("share_of_market")),
        move=bool(q.extra.get("move")),
        breadth=bool(q.extra.get("breadth")),
    )
    if q.extra.get("place") and day is not None:
        text = industry_ranks.place_line(ctx, name, day, q.lang) + text
    table = sorted({d for d in [day, *q.extra.get("table", [])] if d})
    meta.update(date=day.isoformat() if day else meta["date"], table=[d.isoformat() for d in table])
    return Reply([text], meta)


HANDLER = Handler("industries", recognise_clause, answer_clause)
