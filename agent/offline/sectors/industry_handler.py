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
from agent.offline.reading.query import Query
from agent.offline.reading.question import TURNOVER
from agent.offline.reading.understand import Clause
from agent.offline.sectors import industry_ranks
from agent.offline.sectors.followups import breadth_followup, pointed_back, same_part_followup
from agent.offline.sectors.industries import (
    industry_answer,
    movers_answer,
    theme_answer,
    theme_extras,
)
from agent.offline.sectors.industry_pairs import Asked, subjects_answer
from agent.offline.sectors.industry_spans import span_answer
from agent.offline.sectors.naming import Subject, day_named, industry_names, periods_named, theme_in
from agent.offline.sectors.rank_reading import rank_continued, rank_followup, rank_query
from agent.offline.sectors.subjects import added_up, named_together, subjects_continued

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
MEASURE = re.compile(MEAN.pattern + r"|合计|累计|总共|一共|总额", re.I)
DECREASE = re.compile(r"减少|缩量|下降|\bdecrease|\bfell\b|\bdrop", re.I)
FUTURE = re.compile(r"会不会|将会|明天|下周|预计|有望|能否|\bwill\b", re.I)  # predictions go to the refusals
SUFFIXES = ("板块", "行业")
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
    # the industry (theme, ranking) on the table, taken up again: "它成交额多少", "涨幅前三呢", "总共几家"
    again = pointed_back(clause) or rank_followup(clause) or rank_continued(clause) or breadth_followup(clause)
    again = again or same_part_followup(clause) or subjects_continued(clause) or added_up(clause)
    if again is not None:
        return again
    day, ok = day_named(clause)
    together = named_together(clause, day) if ok else None  # "白酒和银行昨天谁的成交多"
    if together is not None:
        return together
    asks = TURNOVER_WORDS.search(text) or SHARE_WORDS.search(text) or industry_ranks.BREADTH.search(text)
    prev = clause.env.previous or {}
    after_theme = prev.get("intent") == "sector" and bool(prev.get("theme")) and clause.followup  # "新能源呢"
    # "新能源板块有多少家上涨", "军工板块上个月占两市比例": boards keep no advancers and no period sums, so a theme's
    # breadth and its figures over a period are its industries' even when it is asked as a 板块
    over_period = bool(periods_named(clause))
    as_board = bool(industry_ranks.BREADTH.search(text)) or over_period
    theme = theme_in(text, as_board=as_board) if asks or after_theme else None
    if theme is not None:
        day, ok = day_named(clause)
        if not ok:
            return None
        if day is None and after_theme and prev.get("date"):
            day = date.fromisoformat(prev["date"])
        # "占比多少" of a theme is its share of 两市 (the answer keeps the all-industries share beside it, labelled)
        of_market = (
            SHARE_WORDS.search(text)
            or re.search(r"占两市|\bof the market\b", text, re.I)
            or (
                prev.get("share_of_market") and not asks  # "新能源呢" after a share
            )
        )
        periods = periods_named(clause)
        if periods and _window(text) is None:  # "新能源今年以来日均", "11月军工最高是哪天": the theme over the period
            over = {"theme": theme, "periods": periods[:2], "mean": bool(MEAN.search(text)),
                    "share_of_market": bool(of_market)}  # fmt: skip
            return Query(kind="sector", lang=clause.lang, text=text, extra=over)
        on_theme = {
            "theme": theme,
            "sessions": _window(text),
            "share_of_market": bool(of_market),
            "breadth": bool(industry_ranks.BREADTH.search(text)),
        }
        return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=on_theme)
    named = next((n for n in industry_names() if n in text), None)
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
        day, ok = day_named(clause)  # "证券行业昨天上涨家数多少": the industry's own advancers
        on_table = named == prev.get("industry") or (prev.get("intent") == "sector" and clause.followup)
        if day is None and on_table and prev.get("date"):  # "通信设备的上涨家数呢": the day on the table
            day = date.fromisoformat(prev["date"])
        own = {"industry": named, "share_of_market": False, "move": bool(MOVE.search(text)), "breadth": True}
        return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=own) if ok else None
    ranked = industry_ranks.read_rank(text) if not MOVERS.search(text) else None
    if ranked is not None and not any(n in text for n in industry_names()):
        return rank_query(clause, ranked)  # "上周成交额最大的行业", "今天有几个行业上涨"
    # "半导体占比多少", "半导体本月以来日均多少": a share or a measure of the industry is its turnover's
    if not TURNOVER_WORDS.search(text) and not (named and (SHARE_OF_MARKET.search(text) or MEASURE.search(text))):
        name = next((n for n in industry_names() if n in text), None)
        if name is None and before is not None and before.kind == "sector" and before.extra.get("industry"):
            name = before.extra["industry"] if clause.brief(12) and MOVE.search(text) else None  # "…几家上涨？涨跌幅呢"
        if name is not None and MOVE.search(text):  # "白酒今天跌了多少": the industry index's own move
            day, ok = day_named(clause)
            moved = {"industry": name, "share_of_market": False, "move": True}
            if day is None and before is not None and before.kind == "sector" and name == before.extra.get("industry"):
                day = before.day
            return (
                Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=moved)
                if ok
                else None
            )
        return _another_industry(clause)
    day, ok = day_named(clause)
    if not ok:
        return None
    if MOVERS.search(text):
        movers = {"industry": None, "decrease": bool(DECREASE.search(text))}
        return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=movers)
    name = next((n for n in industry_names() if n in text), None)
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
    periods = periods_named(clause)
    if periods:
        extra["periods"] = periods[:2]
        extra["mean"] = bool(MEAN.search(text))
        return Query(kind="sector", lang=clause.lang, text=text, extra=extra)
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day else [], extra=extra)


def _another_industry(clause: Clause) -> Query | None:
    """ "软件开发呢" after "半导体今天成交额多少": the same question for the industry named, on the same day."""
    prev = clause.env.previous or {}
    text = clause.text.strip()
    if prev.get("intent") != "sector" or not prev.get("industry") or len(text) > 14 or clause.index > 0:
        return None
    name = next((n for n in industry_names() if n in text), None)
    if name is None or name == prev["industry"]:
        return None
    day, ok = day_named(clause)
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


def _so_far(ctx: AgentContext, periods: list[str]) -> list[str]:
    """ "本月至今和上月同期" before today's close: both spans end on the last closed session's day of their period
    (July 1-14 against June 1-14 at 10:00 on July 15), not on today's, which has no figure yet."""
    latest = ctx.market.latest_date()
    try:
        (start, end), (ref_start, ref_end) = ([date.fromisoformat(d) for d in p.split("..")] for p in periods[:2])
    except ValueError:
        return periods
    if latest is None or not start <= latest < end:
        return periods
    ref_end = min(ref_end, ref_start + (latest - start))
    return [f"{start}..{latest}", f"{ref_start}..{ref_end}"]


def answer_clause(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    name = q.extra.get("industry")
    meta: dict = {"intent": "sector", "lang": q.lang, "date": q.day.isoformat() if q.day else None}
    share = bool(q.extra.get("share_of_market"))
    if q.extra.get("subjects"):
        subjects = [Subject(n, tuple(m), bool(t)) for n, m, t in q.extra["subjects"]]
        asked = Asked(diff=bool(q.extra.get("diff")), who=bool(q.extra.get("who")),
                      combined=bool(q.extra.get("combined")), share=bool(q.extra.get("share")),
                      move=bool(q.extra.get("move")))  # fmt: skip
        text, day = subjects_answer(ctx, subjects, q.day, q.extra.get("period"), q.lang, asked)
        asked_of = {k: q.extra.get(k) for k in ("period", "diff", "who", "combined", "share")}
        meta.update(date=day.isoformat() if day else None, subjects=q.extra["subjects"], subjects_asked=asked_of)
        return Reply([text], meta)
    periods = _so_far(ctx, q.extra["periods"]) if q.extra.get("same_part") else q.extra.get("periods")
    if q.extra.get("theme") and periods:
        text = span_answer(ctx, q.extra["theme"], periods, bool(q.extra.get("mean")), q.lang, share)
        return Reply([text], meta | {"theme": q.extra["theme"], "periods": q.extra["periods"], "share_of_market": share,
                                     "mean": bool(q.extra.get("mean"))})  # fmt: skip
    if q.extra.get("theme"):
        theme = q.extra["theme"]
        text = theme_answer(ctx, theme, q.day, q.extra.get("sessions"), q.lang)
        if q.extra.get("sessions") is None and (share or q.extra.get("breadth")):
            text += theme_extras(ctx, theme, q.day, q.lang, share, bool(q.extra.get("breadth")))
        return Reply([text], meta | {"theme": theme, "share_of_market": share})
    if q.extra.get("rank", {}).get("period"):
        rank = q.extra["rank"]
        text, first = industry_ranks.period_rank_answer(ctx, rank, q.lang)
        meta.update(
            rank=rank, periods=[rank["period"]], mean=bool(rank.get("mean")), share_of_market=bool(rank.get("share"))
        )
        if first is not None:  # "占比多少", "那这个行业上上周呢": the industry ranked first, over the period
            meta["industry"] = first
        return Reply([text], meta)
    if q.extra.get("rank"):
        text, day = industry_ranks.rank_answer(ctx, q.day, q.extra["rank"], q.lang)
        meta.update(date=day.isoformat() if day else meta["date"], rank=q.extra["rank"])
        named = industry_ranks.first_named(text, industry_names()) if q.extra["rank"]["rank"] != "breadth" else None
        if named is not None:  # "它今天涨了多少" after "成交额最大的行业": the industry named first
            meta["industry"] = named
        return Reply([text], meta)
    if name is None:
        return Reply([movers_answer(ctx, q.day, q.lang, q.extra.get("decrease", False))], meta)
    meta["industry"] = name
    meta["share_of_market"] = share
    if periods:
        meta.update(periods=q.extra["periods"], mean=bool(q.extra.get("mean")))
        return Reply([span_answer(ctx, name, periods, bool(q.extra.get("mean")), q.lang, share)], meta)
    text, day = industry_answer(
        ctx,
        name,
        q.day,
        q.lang,
        share_of_market=share,
        move=bool(q.extra.get("move")),
        breadth=bool(q.extra.get("breadth")),
        not_up=bool(q.extra.get("not_up")),
    )
    if q.extra.get("place") and day is not None:
        text = industry_ranks.place_line(ctx, name, day, q.lang) + text
    table = sorted({d for d in [day, *q.extra.get("table", [])] if d})
    meta.update(date=day.isoformat() if day else meta["date"], table=[d.isoformat() for d in table])
    meta["breadth"] = bool(q.extra.get("breadth"))
    return Reply([text], meta)


HANDLER = Handler("industries", recognise_clause, answer_clause)
