"""One verdict per turn of a blind item, from the reply's text alone (never the answerer's internal state).

Verdicts:
- ``right``: every expected figure is printed (matching.py's rules) and nothing forbidden is shown; for a
  ``partial`` item, also a sentence saying what it cannot answer (a decline cue, below). Noted, not
  counted: a reply that also says a part was not understood (a clause split wrongly), and one whose first
  amount is none of the amounts asked (the asked figure buried in a broader answer).
- ``declined_correctly``: a ``decline`` item, and the reply substitutes no figure: it states no data-like
  figure at all, or its text before the first figure declines the very thing asked (a decline cue plus:
  for advice, a word of advice; for a prediction, of prediction; for intraday, of minute data; for a day
  that is not a session or not in the data yet, of closure or missing data; for an entity or measure
  outside the data, a word of the question naming it), so what follows is a labelled aside ("以下为此前最近
  交易日…", "the latest session is…"; the set allows that).
- ``declined_answerable``: an ``answer``/``partial`` item, no expected figure printed and no figure stated
  (a "没太明白", a help text, "no data" for data we have).
- ``wrong``: a confident answer to something else or a wrong number: a ``decline`` item answered with
  figures; an answer stating figures whose first printed date (not a period's end) is another day than the
  one asked (and not one of the expected dates); a full-day total shown for a session that had not closed
  at the item's ``now`` (before 15:00), or a figure of a later day printed in the sentence of its date;
  or figures stated and none of the expected ones among them. The grader names the figures it missed and
  hints ``question`` or ``figure``; a human splits the two. A reply that prints some expected figures and,
  for a missed one, a number of the same kind just outside the rounding tolerance (matching.near_miss) is
  ``wrong`` with hint ``figure``.
- ``partial``: some expected figures printed (not counting dates: a period's ends answer nothing), some
  not; the note says whether the reply admits the gap or is silent about it (silent partials are often a
  different question answered: read them).
- ``unverified``: the reference could not compute the figures (rows not in the data source) and the reply
  states figures, so nothing can be said.

Decline cues (zh/en) are listed in ``DECLINE_CUES``: "no data / cannot / do not give advice or forecasts /
not a session / not covered / did not understand / here is what I can answer". A cue alone never makes a
reply a correct decline: what decides is that no figure was substituted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from tests.agent.blind import matching as M

DECLINE_CUES = re.compile(
    "|".join(
        [
            r"没有|无法|不能|不提供|不做|不预测|不给|不构成|不在.{0,12}(范围|之内|数据)|暂无|尚无|无数据|缺少|不支持",
            r"不涵盖|不包括|不覆盖|只有.{0,20}数据|仅有|休市|不交易|非交易日|没有交易|还没有|没太明白|没理解|不明白",
            r"看不懂|请换个|换个说法|我能回答|可以问我|我可以回答|投资建议|不荐股|不预判|无从|不清楚|不确定|不支持",
            r"\bno data\b|not available|unavailable|don't have|do not have|cannot|can't|unable|not covered",
            r"doesn't cover|does not cover|not a trading (day|session)|market was closed|closed|holiday|no session",
            r"do not trade|does not trade|did not trade|no trading",
            r"not a session|I don't (give|make|predict|forecast)|I do not (give|make|predict|forecast)|not investment",
            r"won't|not sure what|didn't understand|did not understand|I can answer|only have|no minute",
            r"数据截至|不是最新|data (ends|only runs|stops)|not (the )?latest",
        ]
    ),
    re.IGNORECASE,
)
NOT_UNDERSTOOD = re.compile(
    r"没太明白|没理解|不明白|看不懂|换个说法|didn't understand|did not understand|not sure what"
)
# A date that opens or closes a range ("2026年1月5日至2026年7月31日") is a period, not the day answered.
_RANGE_AFTER = re.compile(r"^\s*(（[^）]*）|\([^)]*\))?\s*(至|到|~|～|—|–|to\b|through\b)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(至|到|~|～|—|–|\bto|\bthrough)\s*$", re.IGNORECASE)
VERDICTS = ("right", "declined_correctly", "declined_answerable", "wrong", "partial", "unverified")
CLOSE_HOUR = 15  # a session's total is final from 15:00 Asia/Shanghai


@dataclass
class Sessions:
    """The daily totals the grader needs (from the same data source as the reference)."""

    total: dict[str, float]
    sh: dict[str, float]
    sz: dict[str, float]
    order: list[str]

    @classmethod
    def of(cls, rows: list[tuple[str, float, float]]) -> Sessions:
        return cls(
            {d: a + b for d, a, b in rows}, {d: a for d, a, _ in rows}, {d: b for d, _, b in rows}, [r[0] for r in rows]
        )

    def forbidden(self, now: datetime) -> dict[str, float]:
        """Figures not known yet at ``now``: the day's own totals while its session is open or to come."""
        day = now.date().isoformat()
        if day not in self.total or now.hour >= CLOSE_HOUR:
            return {}
        i = self.order.index(day)
        out = {"day_total_yuan": self.total[day], "day_sh_yuan": self.sh[day], "day_sz_yuan": self.sz[day]}
        if i:
            out["day_change_yuan"] = self.total[day] - self.total[self.order[i - 1]]
        return out

    def future_shown(self, reply: str, now: datetime) -> str | None:
        """A figure of a day not closed at ``now``, printed in the same sentence as that day's date."""
        today = now.date().isoformat()
        text = M.unquoted(reply)
        for t in M.dates(text):
            day = f"{t.year or now.year:04d}-{t.month:02d}-{t.day:02d}"
            if day not in self.total or day < today or (day == today and now.hour >= CLOSE_HOUR):
                continue
            sentence = re.split(r"[。！？!?\n]|\. ", text[t.pos :], maxsplit=1)[0]
            for n in M.amounts(sentence):
                if any(M.number_matches(n, "x", v) for v in (self.total[day], self.sh[day], self.sz[day])):
                    return f"{n.raw} ({day})"
        return None


# What a decline must address before any figure it gives, by the set's reason for the decline.
_REASON_CUES = [  # the writers gave their reasons in English or in Chinese: both are read
    (r"advi[cs]e|投资建议|荐股|建议", r"投资建议|建议|荐股|买卖|advice|recommend"),
    (r"predict|forecast|预测|预判|未来|明天|下周", r"预测|预判|预计|predict|forecast"),
    (r"minute|intraday|morning|盘中|分钟|时点|上午|下午|早盘|午盘", r"分钟|盘中|早盘|午盘|实时|minute|intraday"),
    (
        r"holiday|saturday|sunday|not a session|not a trading|non-trading|closed|no session|not in the sessions|"
        r"no trading|data ends|missing|not (?:yet )?(?:in the data|closed)|no data|after the last|not yet|"
        r"休市|周六|周日|非交易日|没有交易|未收盘|数据截至",
        r"休市|不交易|非交易日|不是交易日|还没有|数据截至|没有.{0,6}数据|holiday|closed|not a trading|no session|"
        r"no data|data (ends|only)|do(?:es)? not trade|did not trade",
    ),
]
_STOP_BIGRAMS = set("成交 交额 两市 沪深 深两 今天 多少 是多 昨天 现在 一下 什么 怎么 能不 可以 的成".split())  # noqa: SIM905


def _addresses(question: str, lead: str, reason: str) -> bool:
    """Does the text before the first figure decline the thing asked (not merely say "no data" of something)?"""
    if not DECLINE_CUES.search(lead):
        return False
    for why, cues in _REASON_CUES:
        if re.search(why, reason, re.IGNORECASE):
            return bool(re.search(cues, lead, re.IGNORECASE))
    # An entity or measure outside the data: the decline must name it (a word of the question).
    cjk = re.findall(r"[\u4e00-\u9fff]{2,}", question)
    grams = {w[i : i + 2] for w in cjk for i in range(len(w) - 1)} - _STOP_BIGRAMS
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9]{3,}", question)} - {"what", "how", "the", "today"}
    low = lead.lower()
    return any(g in lead for g in grams) or any(w in low for w in words)


@dataclass
class TurnVerdict:
    verdict: str
    found: dict[str, str] = field(default_factory=dict)  # key -> printed form
    missed: dict[str, str] = field(default_factory=dict)  # key -> "expected X; nearest printed Y"
    hint: str = ""  # for wrong: question | figure
    note: str = ""


def _iso(value: object) -> str | None:
    text = str(value)
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None


def _fmt(key: str, value: object) -> str:
    if isinstance(value, float) and M.figure_kind(key) == "amount":
        return f"{value / M.YI:,.1f}亿"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _first_date_off(reply: str, day: str, allowed: set[str]) -> str | None:
    """The first date printed when it is neither the day asked nor an expected date (None if fine)."""
    text = M.unquoted(reply)
    toks = [
        t
        for t in M.dates(text)
        if not _RANGE_AFTER.match(text[t.pos + len(t.raw) :]) and not _RANGE_BEFORE.search(text[: t.pos])
    ]
    if not toks:
        return None
    t = toks[0]
    for ok in {day} | allowed:
        y, m, d = (int(p) for p in ok.split("-"))
        if t.month == m and t.day == d and t.year in (None, y):
            return None
    return t.raw


def _buried(said: list[M.Num], figures: dict) -> str | None:
    """The reply's first amount when the question asked for amounts and it is none of them (e.g. "深市呢？"
    answered by repeating the two-market total first): still right, but noted."""
    asked = {k: v for k, v in figures.items() if M.figure_kind(k) == "amount"}
    first = next((n for n in said if n.kind == "amount"), None)
    if not asked or first is None or any(M.number_matches(first, k, v) for k, v in asked.items()):
        return None
    return first.raw


def grade_turn(
    question: str, reply: str, expect: dict, figures: dict | None, sessions: Sessions, now: datetime
) -> TurnVerdict:
    kind = expect["kind"]
    text = M.unquoted(reply)  # an example question in a help text states and answers nothing
    said = M.stated(reply, question)
    cue = DECLINE_CUES.search(reply)
    for key, value in sessions.forbidden(now).items():
        hit = next((n for n in M.amounts(text) if M.number_matches(n, key, value)), None)
        if hit and not (figures and any(M.find(k, v, hit.raw) for k, v in figures.items())):
            return TurnVerdict("wrong", hint="question", note=f"shows {hit.raw} ({key}) before {now:%H:%M} close")
    day = _iso(expect.get("query", {}).get("day", ""))
    future = sessions.future_shown(reply, now)
    if future and not (figures and any(M.find(k, v, future.split(" ")[0]) for k, v in figures.items())):
        return TurnVerdict("wrong", hint="question", note=f"shows {future}, not closed at {now:%Y-%m-%d %H:%M}")
    if kind == "decline":
        if not said:
            return TurnVerdict("declined_correctly")
        # The sets name the reason "decline_reason" (A, B) or "why" (C, D).
        reason = expect.get("decline_reason") or expect.get("why", "")
        if _addresses(question, text[: said[0].pos], reason):
            return TurnVerdict("declined_correctly", note="declines first, then a labelled figure")
        return TurnVerdict("wrong", hint="question", note=f"substitutes {said[0].raw}")
    if figures is None:
        if said:
            return TurnVerdict("unverified", note="reference rows not in the data source")
        return TurnVerdict("declined_answerable", note="reference rows not in the data source")
    found = {k: p for k, v in figures.items() if (p := M.find(k, v, text)) is not None}
    missed = {
        k: f"expected {_fmt(k, v)}; nearest printed {M.nearest(k, v, text)}"
        for k, v in figures.items()
        if k not in found
    }
    dated = {v for k, v in figures.items() if M.figure_kind(k) == "date" and _iso(v)}
    off = _first_date_off(reply, day, dated) if day and said else None
    if off:
        return TurnVerdict("wrong", found, missed, "question", f"answers {off}, asked {day}")
    if not missed:
        if kind == "partial" and not cue:
            return TurnVerdict("partial", found, note="does not say what it cannot answer")
        notes = [] if not NOT_UNDERSTOOD.search(reply) else ["also says a part was not understood"]
        lead = _buried(said, figures)
        if lead:
            notes.append(f"leads with {lead}, not a figure asked")
        return TurnVerdict("right", found, note="; ".join(notes))
    close_call = [k for k in missed if M.near_miss(k, figures[k], text)]
    if any(M.figure_kind(k) != "date" for k in found):  # dates alone (a period's ends) answer nothing
        if close_call:
            return TurnVerdict("wrong", found, missed, "figure", f"prints a figure close to {close_call[0]}")
        return TurnVerdict("partial", found, missed, note="admits a gap" if cue else "silent about the rest")
    if said:
        hint = "figure" if close_call else "question"
        return TurnVerdict("wrong", found, missed, hint, f"states {said[0].raw}")
    return TurnVerdict("declined_answerable", found, missed)


def item_verdict(turns: list[TurnVerdict]) -> str:
    """An item is as good as its worst turn (wrong > unverified > declined_answerable > partial > declines/right)."""
    for worst in ("wrong", "unverified", "declined_answerable", "partial"):
        if any(t.verdict == worst for t in turns):
            return worst
    if all(t.verdict == "declined_correctly" for t in turns):
        return "declined_correctly"
    return "right"
