"""Read the figures an answer prints, and match them against a reference's unrounded figures.

Rules (the grader's verdicts rest on them; grading.py says how they combine):

Tokens read from a reply (zh and en, as the bot or any model might print them):
- Amounts: a number with 万亿/亿 (元 optional), with or without thousands separators ("25419.5亿元",
  "25,419.5 亿元", "2.54万亿元", "25420亿"), "1.59 trillion yuan", "1,587.8 billion yuan", "100 million yuan";
  a bare 元 amount of at least 1,000,000. A sign is an explicit +/-/−, or a word just before the number that
  says down (减少/下降/缩量/少了/少/down/lower/less/fell).
- Percents: "+21.6%", "21.6％", "3.5个百分点", "第95百分位", "95分位", "95th percentile".
- Dates: 2025-10-09, 2025/10/9, 2025.10.9, 2025年10月9日/号, 10月9日/号 (no year: matched on month and
  day), "9 Oct 2025", "Oct 9, 2025", "October 9" (no year). Months: 2026年5月, 2026-05, "May 2026", 5月.
  Years: 2025年, or a bare 19xx/20xx not inside a date.
- Counts: an integer followed by 个交易日/交易日/天/日/个/家/只/次/days/sessions/trading days/industries,
  or a rank "第13高", "No. 13", "#13", "13th". Index points: a number with 点/points/pts.

A printed number matches a reference value when the value rounds to it at the printed precision (within
half a unit of the last printed digit, plus 1e-9 relative slack), and the printed precision is fine enough to
tell figures apart: amounts to 0.1亿 or finer, or within 0.5% of the value ("2.54万亿元" matches
2,541,948,177,796.45 元; "约3万亿" matches nothing). Changes and differences (keys with "change"/"diff")
compare absolute values unless the reply gives a sign, which must then agree. A date matches on its
day (month and day when printed without a year), a month on its month, a count exactly.

"Stated figures" (what makes a reply an answer rather than a decline) are data-like amounts, percents,
counts and points outside quoted examples (「…」, “…”, "…") that do not repeat a number of the question; an
amount is data-like unless it is a round threshold (a multiple of 500亿 printed in 万亿元 with at most one
decimal, or in 亿元 with none: "1万亿元", "2.5万亿", "30000亿").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YI = 1e8
UNITS = {"万亿": 1e12, "亿": YI, "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "hundred million": YI}
MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}  # noqa: SIM905

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"(?P<sign>[+\-−])?"
_AMOUNT_ZH = re.compile(_SIGN + r"(?P<num>" + _NUM + r")\s*(?P<unit>万亿|亿)(?:元|人民币)?")
_AMOUNT_EN = re.compile(
    _SIGN + r"(?:(?:CNY|RMB|¥)\s*)?(?P<num>" + _NUM + r")\s*(?P<unit>trillion|tn|billion|bn|hundred million|"
    r"100 million)\b",
    re.IGNORECASE,
)
_YUAN = re.compile(_SIGN + r"(?P<num>\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{7,}(?:\.\d+)?)\s*(?:元|yuan)")
_DOWN = re.compile(r"(减少|下降|缩量|少了|少|跌|down|lower|less|fell|decrease[ds]?)\s*(了|by)?\s*$", re.IGNORECASE)
_PERCENT = re.compile(
    _SIGN + r"(?:(?P<num>\d+(?:\.\d+)?)\s*(?:%|％|个百分点|percentage points?)"
    r"|第\s*(?P<pnum>\d+(?:\.\d+)?)\s*百分位|(?P<fnum>\d+(?:\.\d+)?)\s*(?:百)?分位"
    r"|(?P<enum>\d+(?:\.\d+)?)(?:st|nd|rd|th)?\s+percentile)",
    re.IGNORECASE,
)
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATES = [
    re.compile(r"(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"(?:\s+(?P<y>\d{4}))?", re.IGNORECASE),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE),
]
_MONTHS = [
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?![-\d])"),
    re.compile(r"(?<!\d)" + _MON + r"\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月(?:份)?(?!\s*\d)"),
]
_YEAR = re.compile(r"(?<![\d\-/.])(?P<y>(?:19|20)\d{2})(?![\d\-/.])")
_COUNT = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?:个交易日|交易日|天|日(?!均)|个(?!月|百分点)|家|只|次"
    r"|trading days?|sessions?|days?|industries|stocks)",
    re.IGNORECASE,
)
_RANK = re.compile(
    r"第\s*(?P<num>\d+)(?!\s*百分位)|(?:No\.|#)\s*(?P<n2>\d+)|(?<![\d.])(?P<n3>\d+)(?:st|nd|rd|th)\b(?!\s+percentile)",
    re.IGNORECASE,
)
_POINTS = re.compile(r"(?P<num>" + _NUM + r")\s*(?:点|points?|pts)", re.IGNORECASE)
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|『[^』]*』")
# Example questions in a help text: from the phrase that introduces them to the end of the paragraph.
_EXAMPLES = re.compile(
    r"(可以这样问|可以问|例如|比如|for example|e\.g\.|you can ask|try asking|such as)(.|\n(?!\s*\n))*", re.IGNORECASE
)


@dataclass(frozen=True)
class Num:
    """A printed number: its value (in 元 for amounts), half its last printed unit, sign, where it is."""

    kind: str  # amount | percent | count | points
    value: float
    half: float
    sign: int  # +1, -1, or 0 when the reply gives none
    pos: int
    raw: str


@dataclass(frozen=True)
class DateTok:
    kind: str  # date | month | year
    year: int | None
    month: int | None
    day: int | None
    pos: int
    raw: str


def _number(text: str) -> tuple[float, int]:
    clean = text.replace(",", "")
    decimals = len(clean.split(".")[1]) if "." in clean else 0
    return float(clean), decimals


def _sign(m: re.Match[str], text: str) -> int:
    if m.group("sign"):
        return -1 if m.group("sign") in "-−" else 1
    return -1 if _DOWN.search(text[max(0, m.start() - 8) : m.start()]) else 0


def amounts(text: str) -> list[Num]:
    out: list[Num] = []
    taken: list[tuple[int, int]] = []
    for rx in (_AMOUNT_ZH, _AMOUNT_EN, _YUAN):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            value, decimals = _number(m.group("num"))
            unit_word = (m.groupdict().get("unit") or "元").lower()
            unit = YI if unit_word == "100 million" else UNITS.get(unit_word, 1.0)
            out.append(Num("amount", value * unit, 0.5 * 10**-decimals * unit, _sign(m, text), m.start(), m[0]))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda n: n.pos)
    return [n for i, n in enumerate(out) if not _restated(n, out[i - 1] if i else None, out[i + 1 : i + 2], text)]


_BESIDE = re.compile(r"\s*[（(]?\s*(?:约|about|approx\.?|~)?\s*")


def _restated(n: Num, before: Num | None, after: list[Num], text: str) -> bool:
    """A rounded restatement beside the same amount printed finer ("2.70 trillion yuan (27,039.7 亿元)",
    "25419.5亿元（约2.54万亿元）") is one figure: the finer one is what the reply states."""
    for other in [before, *after]:
        if other is None or other.half >= n.half or abs(other.value - n.value) > n.half + 1e-9 * abs(n.value):
            continue
        a, b = (other, n) if other.pos < n.pos else (n, other)
        gap = text[a.pos + len(a.raw) : b.pos]
        if _BESIDE.fullmatch(re.sub(r"^\s*(?:元|yuan)", "", gap)):
            return True
    return False


def percents(text: str) -> list[Num]:
    out = []
    for m in _PERCENT.finditer(text):
        raw = m.group("num") or m.group("pnum") or m.group("fnum") or m.group("enum")
        value, decimals = _number(raw)
        out.append(Num("percent", value, 0.5 * 10**-decimals, _sign(m, text), m.start(), m[0]))
    return out


def dates(text: str) -> list[DateTok]:
    out: list[DateTok] = []
    taken: list[tuple[int, int]] = []
    for rx in _DATES:
        for m in rx.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower()[:3]]
            day, year = int(g["d"]), (int(g["y"]) if g.get("y") else None)
            if 1 <= month <= 12 and 1 <= day <= 31:
                out.append(DateTok("date", year, month, day, m.start(), m[0]))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda t: t.pos)


def _spans(toks: list[DateTok]) -> list[tuple[int, int]]:
    return [(t.pos, t.pos + len(t.raw)) for t in toks]


def months(text: str) -> list[DateTok]:
    taken = _spans(dates(text))
    out = []
    for rx in _MONTHS:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower()[:3]]
            if 1 <= month <= 12:
                out.append(DateTok("month", int(g["y"]) if g.get("y") else None, month, None, m.start(), m[0]))
                taken.append((m.start(), m.end()))
    return out


def years(text: str) -> list[DateTok]:
    """Years on their own (2025年, "in 2025"), not the year of a printed date."""
    inside = _spans(dates(text))
    return [
        DateTok("year", int(m["y"]), None, None, m.start(), m[0])
        for m in _YEAR.finditer(text)
        if not any(a <= m.start() < b for a, b in inside)
    ]


def counts(text: str) -> list[Num]:
    inside = _spans(dates(text))
    out = []
    for m in _COUNT.finditer(text):
        if not any(a <= m.start() < b for a, b in inside):
            out.append(Num("count", float(m["num"].replace(",", "")), 0.5, 0, m.start(), m[0]))
    for m in _RANK.finditer(text):
        raw = m.group("num") or m.group("n2") or m.group("n3")
        out.append(Num("count", float(raw), 0.5, 0, m.start(), m[0]))
    return out


def points(text: str) -> list[Num]:
    out = []
    for m in _POINTS.finditer(text):
        value, decimals = _number(m["num"])
        out.append(Num("points", value, 0.5 * 10**-decimals, 0, m.start(), m[0]))
    return out


# --- matching one reference figure ------------------------------------------------------------------


def figure_kind(key: str) -> str:
    """What a reference key holds, from its name (the set's convention: *_yuan, *_pct, *_pts, *date, ...)."""
    if key.endswith("_yuan"):
        return "amount"
    if key.endswith("_pct") or key == "pct":  # set B names a bare percentage "pct"
        return "percent"
    if key.endswith("_pts"):
        return "points"
    if "date" in key:
        return "date"
    if key == "month":
        return "month"
    if key in ("year", "higher_year"):
        return "year"
    if key.endswith("_industry"):
        return "name"
    return "count"


def _close(n: Num, value: float, signed: bool) -> bool:
    target = value if signed and n.sign else abs(value)
    printed = n.value * (n.sign or 1) if signed and n.sign else n.value
    return abs(printed - target) <= n.half + 1e-9 * max(abs(target), 1.0)


def _fine_enough(n: Num, value: float) -> bool:
    if n.kind == "amount":
        return n.half <= 0.05 * YI + 1.0 or n.half <= 0.005 * abs(value)
    if n.kind == "percent":
        return n.half <= 0.5
    return True


def number_matches(n: Num, key: str, value: float) -> bool:
    signed = "change" in key or "diff" in key
    return _fine_enough(n, value) and _close(n, value, signed)


def tokens_of(text: str, kind: str) -> list[Num]:
    return {"amount": amounts, "percent": percents, "count": counts, "points": points}[kind](text)


def find(key: str, value: object, text: str) -> str | None:
    """The printed form of ``value`` in ``text`` (None when it is not there)."""
    kind = figure_kind(key)
    if isinstance(value, str) and kind in ("amount", "percent", "count", "points"):
        # the key's name suggested a number, the value says otherwise: a day, a month, or a name
        kind = (
            "date"
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
            else "month"
            if re.fullmatch(r"\d{4}-\d{2}", value)
            else "name"
        )
    if kind in ("amount", "percent", "count", "points"):
        for n in tokens_of(text, kind):
            if number_matches(n, key, float(value)):  # type: ignore[arg-type]
                return n.raw
        return None
    if kind == "name":
        return str(value) if str(value) in text else None
    if kind == "year":
        return next((t.raw for t in years(text) if t.year == int(value)), None)  # type: ignore[call-overload]
    y, m, *rest = (int(p) for p in str(value).split("-"))
    if kind == "month":
        for t in months(text) + dates(text):
            if t.month == m and (t.year in (None, y)):
                return t.raw
        return None
    for t in dates(text):
        if t.month == m and t.day == rest[0] and t.year in (None, y):
            return t.raw
    return None


def nearest(key: str, value: object, text: str) -> str | None:
    """The printed number of the same kind closest to ``value`` (for the report when it was missed)."""
    kind = figure_kind(key)
    if kind not in ("amount", "percent", "count", "points") or not isinstance(value, int | float):
        return None
    toks = tokens_of(text, kind)
    if not toks:
        return None
    best = min(toks, key=lambda n: abs(n.value - abs(float(value))))
    return best.raw


# How far outside the rounding tolerance a printed number may be and still look like the same figure miscomputed.
NEAR = {"amount": (0.005, 0.0), "percent": (0.0, 0.15), "count": (0.0, 1.0), "points": (0.001, 0.0)}


def near_miss(key: str, value: object, text: str) -> bool:
    """A number of the same kind printed close to the value but not matching it: a wrong figure, maybe."""
    kind = figure_kind(key)
    if kind not in NEAR or not isinstance(value, int | float) or not value:
        return False
    rel, absolute = NEAR[kind]
    target = abs(float(value))
    return any(
        not number_matches(n, key, float(value)) and abs(n.value - target) <= max(rel * target, absolute)
        for n in tokens_of(text, kind)
    )


# --- what a reply states --------------------------------------------------------------------------


def unquoted(text: str) -> str:
    """The text with quoted examples and help-text example lists blanked out (same length: positions hold)."""
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    return _EXAMPLES.sub(blank, _QUOTED.sub(blank, text))


def threshold_like(n: Num) -> bool:
    if n.kind != "amount" or abs(n.value / 5e10 - round(n.value / 5e10)) > 1e-6:
        return False
    in_wan_yi = n.half >= 0.5 * 10**-1 * 1e12 - 1  # 万亿/trillion printed with at most one decimal
    in_yi_whole = abs(n.half - 0.5 * YI) < 1  # 亿 printed with no decimal
    return in_wan_yi or in_yi_whole


def stated(reply: str, question: str) -> list[Num]:
    """The data-like figures a reply states, in order (see the module's rules)."""
    text = unquoted(reply)
    echo = {round(n.value, 6) for n in amounts(question) + percents(question) + counts(question)}
    found = [n for n in amounts(text) if not threshold_like(n)]
    found += percents(text) + counts(text) + points(text)
    return sorted((n for n in found if round(n.value, 6) not in echo), key=lambda n: n.pos)
