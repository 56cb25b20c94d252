"""Grounding of numbers: every figure an answer states must come from that turn's tool results.

``check(answer, tool_results)`` extracts amounts (元/亿/万亿, English
trillion/billion), percentages and dates from the answer and looks each up
among the facts in the tool results (their numeric fields, and the figures
inside their texts such as news snippets), with unit conversion (1万亿元 =
10000亿元 = 1e12元) and the rounding the stated precision implies: 26532.0亿元
stated as "2.65万亿元" or "约2.7万亿" is grounded; "2.65亿" is not. A change may
be the difference of two reported amounts. Signs are not compared ("下降5%"
states the size of a -5% change).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from agent.wording import EN_MONTH_NUMBERS

log = logging.getLogger(__name__)

Kind = Literal["amount", "percent", "date"]

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_ZH_AMOUNT = re.compile(_NUM + r"\s*(?:(万亿|亿)\s*(?:元|人民币)?|(万)\s*元|(元))")
_EN_AMOUNT = re.compile(
    r"(?:(?:RMB|CNY|¥)\s*)?" + _NUM + r"\s*(hundred million|trillion|tn|billion|bn|million|mn)\b"
    r"(?:\s*(?:yuan|RMB|CNY)\b)?",
    re.IGNORECASE,
)
_PERCENT = re.compile(_NUM + r"\s*(%|％|个百分点|percentage points?|percent\b)", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)日?")
_ZH_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_EN_DATE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?",
    re.IGNORECASE,
)
_EN_DAY_MONTH = re.compile(
    r"\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\b(?:,?\s+(\d{4}))?", re.IGNORECASE
)

_MULTIPLIERS = {
    "万亿": 1e12,
    "亿": 1e8,
    "万": 1e4,
    "元": 1.0,
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "hundred million": 1e8,
}
_LOWER_BOUND = re.compile(r"(超过|逾|突破|超|高于|above|over|more than|exceed\w*|surpass\w*|top\w*)\s*$", re.I)
_UPPER_BOUND = re.compile(r"(不足|低于|不到|近|接近|将近|nearly|almost|under|below|less than)\s*$", re.I)
_APPROX = re.compile(r"(约|大约|左右|about|around|roughly|approximately|~|≈)\s*$", re.I)

MARKERS = {"zh": "[未核实]", "en": "[unverified]"}


@dataclass(frozen=True)
class Figure:
    kind: Kind
    text: str
    start: int
    end: int
    value: float | date
    half_ulp: float = 0.0  # rounding slack the stated precision implies (same unit as value)
    bound: Literal["exact", "lower", "upper", "approx"] = "exact"
    year_known: bool = True


@dataclass
class Verdict:
    figures: list[Figure] = field(default_factory=list)
    ungrounded: list[Figure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.ungrounded

    def summary(self) -> str:
        bad = ", ".join(f.text for f in self.ungrounded) or "-"
        return f"{len(self.figures)} figures, {len(self.ungrounded)} ungrounded: {bad}"


@dataclass
class Facts:
    amounts: list[tuple[float, float]] = field(default_factory=list)  # (元, resolution 元)
    percents: list[tuple[float, float]] = field(default_factory=list)
    dates: set[date] = field(default_factory=set)


def _number(text: str) -> tuple[float, float]:
    """The value and half a unit of its last digit."""
    clean = text.replace(",", "")
    decimals = len(clean.split(".")[1]) if "." in clean else 0
    return float(clean), 0.5 * 10**-decimals


def _bound(text: str, start: int) -> Literal["exact", "lower", "upper", "approx"]:
    before = text[max(0, start - 12) : start]
    if _APPROX.search(before):
        return "approx"
    if _LOWER_BOUND.search(before):
        return "lower"
    if _UPPER_BOUND.search(before):
        return "upper"
    return "exact"


def extract_figures(text: str) -> list[Figure]:
    """Amounts, percentages and dates stated in ``text``, in order of position."""
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(fig: Figure) -> None:
        if free(fig.start, fig.end):
            taken.append((fig.start, fig.end))
            figures.append(fig)

    for m in _ISO_DATE.finditer(text):
        try:
            add(Figure("date", m.group(0), m.start(), m.end(), date(int(m[1]), int(m[2]), int(m[3]))))
        except ValueError:
            continue
    for regex, month_group, day_group, year_group in (
        (_ZH_MONTH_DAY, 1, 2, None),
        (_EN_DATE, 1, 2, 3),
        (_EN_DAY_MONTH, 2, 1, 3),
    ):
        for m in regex.finditer(text):
            month = m[month_group]
            month_no = int(month) if month.isdigit() else EN_MONTH_NUMBERS[month[:3].lower()]
            year = int(m[year_group]) if year_group and m[year_group] else 2000  # leap-safe placeholder
            try:
                day = date(year, month_no, int(m[day_group]))
            except ValueError:
                continue
            add(Figure("date", m.group(0), m.start(), m.end(), day, year_known=year != 2000))
    for m in _ZH_AMOUNT.finditer(text):
        unit = m[2] or m[3] or m[4]
        value, half = _number(m[1])
        mult = _MULTIPLIERS[unit]
        add(Figure("amount", m.group(0), m.start(), m.end(), value * mult, half * mult, _bound(text, m.start())))
    for m in _EN_AMOUNT.finditer(text):
        value, half = _number(m[1])
        mult = _MULTIPLIERS[m[2].lower()]
        add(Figure("amount", m.group(0), m.start(), m.end(), value * mult, half * mult, _bound(text, m.start())))
    for m in _PERCENT.finditer(text):
        value, half = _number(m[1])
        add(Figure("percent", m.group(0), m.start(), m.end(), value, half, _bound(text, m.start())))
    return sorted(figures, key=lambda f: f.start)


def _parse_date(text: str) -> date | None:
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


def collect_facts(
    tool_results: Iterable[str | dict | list], extra_texts: Iterable[str] = (), extra_dates: Iterable[date] = ()
) -> Facts:
    """Facts from tool results (JSON text or parsed), plus texts (the question) and dates (today) allowed as given."""
    facts = Facts(dates=set(extra_dates))
    structured: list[float] = []

    def from_text(text: str) -> None:
        for fig in extract_figures(text):
            if fig.kind == "date":
                if fig.year_known:
                    facts.dates.add(fig.value)  # type: ignore[arg-type]
            elif fig.kind == "amount":
                facts.amounts.append((float(fig.value), fig.half_ulp))  # type: ignore[arg-type]
            else:
                facts.percents.append((float(fig.value), fig.half_ulp))  # type: ignore[arg-type]

    def walk(obj: Any, key: str = "") -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                if key == "days_above":  # keys are threshold lines in 亿元
                    with contextlib.suppress(ValueError):
                        structured.append(float(k) * 1e8)
                walk(v, str(k))
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)
        elif isinstance(obj, bool) or obj is None:
            return
        elif isinstance(obj, (int, float)):
            k = key.lower()
            if k.endswith("_yi"):
                structured.append(float(obj) * 1e8)
            elif k.endswith("_yuan"):
                facts.amounts.append((float(obj), 0.5))
            elif "pct" in k or "percent" in k:
                facts.percents.append((float(obj), 0.005))
        elif isinstance(obj, str):
            day = _parse_date(obj)
            if day is not None:
                facts.dates.add(day)
            else:
                from_text(obj)

    for result in tool_results:
        if isinstance(result, str):
            try:
                result = json.loads(result)
            except ValueError:
                from_text(result)
                continue
        walk(result)
    for text in extra_texts:
        from_text(text)
    # Amounts reported in 亿元 carry one decimal: half of 0.1亿 of slack.
    facts.amounts.extend((v, 0.05e8) for v in structured)
    # A stated change may be the difference of two reported amounts (e.g. "比上周五多了1200亿").
    unique = sorted(set(structured))[:300]
    facts.amounts.extend((abs(a - b), 0.1e8) for i, a in enumerate(unique) for b in unique[i + 1 :])
    return facts


def _matches(fig: Figure, candidates: list[tuple[float, float]]) -> bool:
    stated = abs(float(fig.value))  # type: ignore[arg-type]
    for fact, resolution in candidates:
        fact = abs(fact)
        tol = fig.half_ulp + resolution + 1e-9 * fact
        if fig.bound == "approx":
            tol += 0.02 * fact
        if abs(stated - fact) <= tol:
            return True
        if fig.bound == "lower" and 0.5 * fact <= stated <= fact + tol:
            return True
        if fig.bound == "upper" and fact - tol <= stated <= 1.5 * fact:
            return True
    return False


def _date_grounded(fig: Figure, dates: set[date]) -> bool:
    day: date = fig.value  # type: ignore[assignment]
    if fig.year_known:
        return day in dates
    return any((d.month, d.day) == (day.month, day.day) for d in dates)


def check(
    answer: str, tool_results: Iterable[str | dict | list], question: str = "", allowed_dates: Iterable[date] = ()
) -> Verdict:
    """Verdict on every figure in ``answer`` against the turn's tool results (and the question's own figures)."""
    facts = collect_facts(tool_results, [question] if question else [], allowed_dates)
    verdict = Verdict(figures=extract_figures(answer))
    for fig in verdict.figures:
        if fig.kind == "date":
            grounded = _date_grounded(fig, facts.dates)
        else:
            grounded = _matches(fig, facts.amounts if fig.kind == "amount" else facts.percents)
        if not grounded:
            verdict.ungrounded.append(fig)
    log.info("grounding verdict: %s", verdict.summary())
    return verdict


def mark_ungrounded(text: str, verdict: Verdict, lang: str = "zh") -> str:
    """Append a visible marker to each ungrounded figure so it is never read as fact."""
    marker = MARKERS.get(lang, MARKERS["en"])
    for fig in sorted(verdict.ungrounded, key=lambda f: f.start, reverse=True):
        text = text[: fig.end] + marker + text[fig.end :]
    return text


def remove_ungrounded(text: str, verdict: Verdict, lang: str = "zh") -> str:
    """Replace each ungrounded figure with a placeholder (for media where markers do not fit)."""
    placeholder = "（数字未核实，已删除）" if lang == "zh" else "(unverified figure removed)"
    for fig in sorted(verdict.ungrounded, key=lambda f: f.start, reverse=True):
        text = text[: fig.start] + placeholder + text[fig.end :]
    return text


def correction_request(verdict: Verdict, lang: str = "zh") -> str:
    """The one corrective message sent back to the model."""
    bad = "; ".join(f.text for f in verdict.ungrounded)
    if lang == "zh":
        return (
            f"[数字核对] 你的回答中这些数字在本轮工具结果中找不到依据：{bad}。"
            "请只使用工具结果中的数字（注意单位：1万亿元 = 10000亿元），必要时再调用工具；"
            "无法核实的数字请删除。请给出完整的修改后回答。"
        )
    return (
        f"[figure check] These figures in your answer are not supported by this turn's tool results: {bad}. "
        "Use only figures from tool results (mind units: 1万亿元 = 10000亿元), call a tool if needed, and drop "
        "what you cannot verify. Give the full corrected answer."
    )
