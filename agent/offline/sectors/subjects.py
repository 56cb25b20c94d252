"""Reading questions about several industries or themes at once: named side by side in one part ("白酒和银行昨天谁
的成交多", "AI和新能源今天成交分别多少，两个加起来占两市多少"), or added up after answers about each ("三个加起来
占两市多少" after 银行, 保险 and 证券). Answered by agent.offline.sectors.industry_pairs."""

from __future__ import annotations

import re
from datetime import date

from agent.offline.reading.query import Query
from agent.offline.reading.question import zh_number
from agent.offline.reading.understand import Clause
from agent.offline.sectors.naming import Subject, periods_named, subjects_in

ADDED_UP = re.compile(
    r"加起来|合起来|加在一起|加一起|合在一起|(?:两|三|四|五|\d)(?:个|者)?(?:行业)?(?:合计|一共|总共)|"
    r"\b(?:combined|together|add(?:ed)? up)\b",
    re.I,
)
_SUM = re.compile(r"合计|一共|总共|总计|\bin all\b|\btotal\b", re.I)
EACH = re.compile(r"各|分别|各自|\beach\b|\brespectively\b|\bboth\b", re.I)
# The two set against each other: "谁多", "哪个成交更多", "比", "差多少"
WHO = re.compile(
    r"谁|哪个(?:更|比较)?(?:多|大|高|少|小|低)|哪个的?成交|\bwhich (?:one |of them )?(?:traded|had)\b", re.I
)
DIFF = re.compile(r"比|差|相比|对比|多多少|少多少|\bvs\.?|\bversus\b|\bcompared?\b|\bminus\b|\bdifference\b", re.I)
SHARE = re.compile(r"占两市|占比|占.{0,4}(?:比例|比重|几个点|多少)|比重|份额|\bshare\b|\bof the market\b", re.I)
_JOINED = re.compile(r"^\s*(?:和|与|跟|及|以及|还有|还是|或|、|，|,|/|&|\+|and|or|vs\.?|versus)\s*$", re.I)
_COUNT = re.compile(r"(两|二|三|四|五|\d)\s*(?:个|者|家|大)")
_MOVE = re.compile(r"涨跌幅|涨幅|跌幅|涨跌|涨得|跌得|涨了|跌了|涨多少|跌多少|\brose\b|\bfell\b|\bgained\b", re.I)
FUTURE = re.compile(r"会不会|将会|明天|下周|预计|有望|能否|\bwill\b", re.I)


def _joined(text: str, subjects: list[Subject]) -> bool:
    """The subjects stand side by side ("白酒和银行", "AI、新能源"), not one inside a phrase about the other."""
    ends = []
    at = 0
    for s in subjects:
        found = _find(text, s, at)
        if found is None:
            return False
        ends.append(found)
        at = found[1]
    return all(_JOINED.match(text[a[1] : b[0]]) for a, b in zip(ends, ends[1:], strict=False))


def _find(text: str, s: Subject, start: int) -> tuple[int, int] | None:
    from tools.industries.themes import load_themes

    words = [s.name]
    if s.theme:
        theme = next(t for t in load_themes() if t.name == s.name)
        words = sorted((theme.name, *theme.aliases), key=len, reverse=True)
    hits = [(m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), text[start:], re.I)]
    if not hits:
        return None
    first = min(hits, key=lambda h: (h[0], -h[1]))
    end = first[1]
    suffix = re.match(r"(?:相关)?(?:行业|产业链|板块)", text[start + end :])  # "AI相关行业和新能源行业"
    end += suffix.end() if suffix else 0
    return start + first[0], start + end


def _members(theme: str) -> list[str]:
    from tools.industries.themes import load_themes

    return next((list(t.industries) for t in load_themes() if t.name == theme), [theme])


def named_together(clause: Clause, day: date | None) -> Query | None:
    """Two or more industries or themes named side by side in one part, each asked (or compared, or added up)."""
    text = clause.text
    subjects = subjects_in(text, as_board=False)
    if len(subjects) < 2 or FUTURE.search(text):
        return None
    asks_each = EACH.search(text) or WHO.search(text) or DIFF.search(text) or ADDED_UP.search(text)
    if not asks_each and not _joined(text, subjects):
        return None
    periods = periods_named(clause)
    if len(periods) > 1:
        return None  # two periods and two subjects: not this answer
    move = bool(_MOVE.search(text))
    if move and periods:  # "谁涨得多" over a period: the industries' moves are kept per day, not over periods
        return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": [text.strip("？?。 ")]})
    extra = {
        "move": move,
        "subjects": [(s.name, list(s.members), s.theme) for s in subjects],
        "period": periods[0] if periods else None,
        "diff": bool(DIFF.search(text)),
        "who": bool(WHO.search(text)),
        # "AI和新能源本周成交合计占两市多少": the two summed, unless each is asked ("分别合计")
        "combined": bool(ADDED_UP.search(text) or (_SUM.search(text) and not EACH.search(text))),
        "share": bool(SHARE.search(text)),
    }
    return Query(kind="sector", lang=clause.lang, text=text, dates=[day] if day and not periods else [], extra=extra)


def subjects_continued(clause: Clause) -> Query | None:
    """ "大金融和大消费今天谁成交多？多多少": a few words asking more of the subjects of the part before (their gap,
    their sum, their share of 两市), merged into that part's answer; or of the subjects of the answer before
    ("占两市多少" after "白酒和银行今天分别成交多少"), the same day or period."""
    before, prev = clause.before, clause.env.previous or {}
    if before is not None and before.kind == "sector" and before.extra.get("subjects"):
        base, dates, followup = dict(before.extra), list(before.dates), False
    elif clause.index == 0 and prev.get("intent") == "sector" and prev.get("subjects"):
        base = {"subjects": prev["subjects"], **(prev.get("subjects_asked") or {})}
        dates, followup = ([date.fromisoformat(prev["date"])] if prev.get("date") else []), True
    else:
        return None
    text = clause.text
    if not clause.brief(12) or subjects_in(text, as_board=False):
        return None
    asked = {"diff": DIFF.search(text), "who": WHO.search(text), "combined": ADDED_UP.search(text) or _SUM.search(text),
             "share": SHARE.search(text)}  # fmt: skip
    if not any(asked.values()):
        return None
    extra = {**base, **{k: bool(base.get(k) or v) for k, v in asked.items()}}
    if not followup:
        extra["continues"] = True  # merged into the part before (agent.offline.pipeline.merge_parts)
    return Query(kind="sector", lang=clause.lang, text=text, dates=dates, extra=extra, followup=followup)


def added_up(clause: Clause) -> Query | None:
    """ "三个加起来占两市多少" after an answer about each (of one day): the last as many subjects summed, and their
    share of 两市."""
    prev = clause.env.previous or {}
    if clause.index > 0 or prev.get("intent") != "sector" or not ADDED_UP.search(clause.text):
        return None
    if not clause.brief(16):
        return None
    counted = _COUNT.search(clause.text)
    wanted = int(zh_number(counted[1]) or 2) if counted else 2
    found: list[tuple[str, list[str], bool]] = []
    days: set[str | None] = set()
    for meta in reversed([t.meta for t in clause.env.history if t.role == "assistant" and t.meta]):
        if meta.get("intent") != "sector":
            break
        subjects = [tuple(s) for s in meta.get("subjects") or []]
        if not subjects and (meta.get("industry") or meta.get("theme")):
            one = str(meta.get("industry") or meta.get("theme"))
            subjects = [(one, _members(one) if not meta.get("industry") else [one], not meta.get("industry"))]
        if not subjects or meta.get("periods"):
            break
        for s in reversed(subjects):
            if all(s[0] != f[0] for f in found):
                found.insert(0, (str(s[0]), list(s[1]), bool(s[2])))
        days.add(meta.get("date"))
        if len(found) >= wanted:
            break
    if len(found) < wanted or len(days) != 1 or None in days:
        return None
    day = date.fromisoformat(str(days.pop()))
    extra = {"subjects": found[-wanted:], "period": None, "diff": False, "who": False, "combined": True,
             "share": True}  # fmt: skip
    return Query(kind="sector", lang=clause.lang, text=clause.text, dates=[day], extra=extra, followup=True)
