"""How far an index close is from a level ("离4200还差多少点", "还差多少点到4000", "how far is the Shanghai Composite
from 4,000?"): the level minus the stored close (unrounded) of the day asked, or of the index answer on the table,
and the % move that would take the close there."""

from __future__ import annotations

import re
from datetime import date

from agent.context import AgentContext
from agent.offline.day.handler import TODAY_WORDS, day_lead, meta_of
from agent.offline.lookups import report_or_reason, safe
from agent.offline.market.followups import index_answer_on_table, table_meta
from agent.offline.market.names import IndexKey, asked_index, index_label
from agent.offline.parts import Reply
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause, days_named
from agent.wording import Lang, fmt_date, fmt_weekday

_LEVEL = r"(\d{1,2},?\d{3}(?:\.\d+)?|\d{3,5}(?:\.\d+)?)"
LEVEL_GAP = re.compile(
    rf"(?:离|距离|距)\s*{_LEVEL}\s*(?:点位|点|整数关口|关口|大关)?\s*(?:还)?\s*(?:差|有|剩)\s*(?:多少|几|多远)|"
    rf"(?:还差|还有|还要涨|还得涨|还需|差)\s*(?:多少|几)\s*(?:个)?\s*(?:点)?\s*(?:才|就|能|可以)?\s*"
    rf"(?:到|回到|站上|突破|涨到|跌到)\s*{_LEVEL}|"
    rf"(?:到|回到|站上|突破|涨到|跌到|跌破)\s*{_LEVEL}\s*(?:点)?\s*(?:还)?\s*(?:差|要涨|需要涨|得涨|要跌|需要跌)\s*(?:多少|几)|"
    rf"\bhow (?:far|many points)\b.{{0,40}}?\b(?:from|to|below|above|off|short of)\s+{_LEVEL}\b",
    re.I,
)
_POINTS_WORD = re.compile(r"点|\bpoints?\b|\blevel\b", re.I)


def level_of(text: str) -> float | None:
    m = LEVEL_GAP.search(text)
    if m is None:
        return None
    return float(next(g for g in m.groups() if g).replace(",", ""))


def places_level(clause: Clause) -> bool:
    """Whether the number a question carries is an index level this module reads (then it is no stray number)."""
    return recognise(clause) is not None


def recognise(clause: Clause) -> Query | None:
    text = clause.text
    level = level_of(text)
    if level is None:
        return None
    prev = table_meta(clause.env)
    on_table = index_answer_on_table(prev) and clause.index == 0
    named = asked_index(text) or re.search(r"大盘|指数|\bindex\b", text, re.I)
    if not (named or on_table or _POINTS_WORD.search(text)):
        return None  # a bare number with no index in sight: not read as points
    index: IndexKey = asked_index(text) or (prev.get("index") if on_table else None) or "sh"
    absolute, relative = days_named(clause)
    found = sorted(absolute + relative, key=lambda f: f.pos)
    extra = {"index": True, "index_level": level, "index_name": index, "index_said": bool(asked_index(text))}
    q = Query(kind="day", lang=clause.lang, text=text, extra=extra)
    if any(f.day is None for f in found):
        return None  # an impossible date: the day reader says so
    days = [f.day for f in found if f.day]
    word = next((f.raw for f in found if f.raw.lower() in TODAY_WORDS or f in relative), None)
    if days and (word or "").lower() not in TODAY_WORDS:
        q.dates, q.relative_word = days[:1], word
    elif on_table and prev.get("date") and not days:  # "离4200还差多少点" after the close: that day's close
        q.dates, q.followup = [date.fromisoformat(prev["date"])], True
    else:
        q.latest, q.relative_word = True, word
    return q


def answer(ctx: AgentContext, q: Query) -> Reply:
    lead, day, show = day_lead(ctx, q)
    if not show or day is None:
        return Reply([lead or ""], meta_of(q, day))
    report = report_or_reason(ctx, day, q.lang)
    if isinstance(report, str):
        return Reply([p for p in (lead, report) if p], meta_of(q, day))
    level: float = q.extra["index_level"]
    row = safe(lambda: ctx.market.store.get(report.date))

    def close_of(key: IndexKey) -> float | None:
        stored = (row.sh_close if key == "sh" else row.sz_close) if row is not None else None
        return stored if stored is not None else (report.sh_close if key == "sh" else report.sz_close)

    key: IndexKey = q.extra["index_name"]
    other: IndexKey = "sz" if key == "sh" else "sh"
    if not q.extra.get("index_said") and _far(close_of(key), level) and not _far(close_of(other), level):
        key = other  # "离4000还差多少" after 深证成指's 16000s: a level only 上证指数 is anywhere near
    close = close_of(key)
    name = index_label(key, q.lang, report.sz_index_name)
    meta = meta_of(q, report.date, intent_detail="index", index=key)
    if close is None:
        text = (
            f"{fmt_date(report.date)}没有存储{name}的收盘点位，无法计算离{level:g}点还差多少。"
            if q.lang == "zh"
            else f"No close of {name} is stored for {fmt_date(report.date, q.lang)}, so I cannot say how far it is."
        )
        return Reply([p for p in (lead, text) if p], meta)
    return Reply([p for p in (lead, _gap_text(report.date, name, close, level, q.lang)) if p], meta)


def _far(close: float | None, level: float) -> bool:
    """A level more than twice or under half the close: not a level of that index."""
    return close is None or not 0.5 <= level / close <= 2


def _gap_text(day: date, name: str, close: float, level: float, lang: Lang) -> str:
    gap = level - close
    pct = (level / close - 1) * 100
    if lang == "zh":
        head = f"{fmt_date(day)}（{fmt_weekday(day)}）{name}收于{close:.2f}点，"
        if gap > 0:
            return head + f"距{level:g}点还差{gap:.2f}点（需再涨{pct:.2f}%）。"
        if gap < 0:
            return head + f"已在{level:g}点上方，高出{-gap:.2f}点（跌{-pct:.2f}%才回到{level:g}点）。"
        return head + f"正好在{level:g}点。"
    head = f"On {fmt_weekday(day, lang)} {fmt_date(day, lang)} {name} closed at {close:,.2f} points, "
    if gap > 0:
        return head + f"{gap:,.2f} points short of {level:,g} (a further {pct:.2f}% rise)."
    if gap < 0:
        return head + f"{-gap:,.2f} points above {level:,g} (a {-pct:.2f}% fall would take it back there)."
    return head + f"exactly at {level:,g}."
