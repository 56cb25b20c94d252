"""One question of the bank and how an answer is checked against it (see tests/agent/question_bank.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 31, 20, 0, tzinfo=ZONE)  # Friday evening: the bundled data's last session has closed
SUNDAY = datetime(2026, 8, 2, 10, 0, tzinfo=ZONE)  # a weekend right after the data ends
LAGGING = datetime(2026, 11, 29, 10, 0, tzinfo=ZONE)  # months after the data ends (a Sunday)
EN_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Item:
    kind: str
    question: str
    intent: str  # the answer's meta intent: day, pair, stats, refusal, unclear
    first: list[str] = field(default_factory=list)  # in the first paragraph
    must: list[str] = field(default_factory=list)  # anywhere
    ordered: bool = False  # ``must`` appear in this order
    must_not: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # earlier questions of the same chat
    now: datetime = NOW
    refusal: str | None = None
    figures_only_labelled: bool = False  # any 亿元 figure must sit in a sentence naming the latest session

    @property
    def lang(self) -> str:
        return "en" if self.question.isascii() else "zh"


def check(item: Item, answer: object) -> list[str]:
    """What is wrong with ``answer`` for ``item`` (empty when it is right)."""
    text: str = answer.text  # type: ignore[attr-defined]
    meta: dict = answer.meta  # type: ignore[attr-defined]
    problems = []
    if meta.get("intent") != item.intent:
        problems.append(f"intent {meta.get('intent')!r}, expected {item.intent!r}")
    if item.refusal and meta.get("refusal") != item.refusal:
        problems.append(f"refusal {meta.get('refusal')!r}, expected {item.refusal!r}")
    first = text.split("\n\n")[0]
    problems += [f"first paragraph lacks {s!r}" for s in item.first if s not in first]
    problems += [f"answer lacks {s!r}" for s in item.must if s not in text]
    problems += [f"answer has {s!r}" for s in item.must_not if s in text]
    if item.ordered and not problems:
        positions = [text.index(s) for s in item.must]
        if positions != sorted(positions):
            problems.append(f"parts out of order: {item.must}")
    if item.figures_only_labelled:
        for paragraph in text.split("\n\n"):
            if ("亿元" in paragraph) and not any(w in paragraph for w in ("最新交易日", "latest session")):
                problems.append(f"unlabelled figure in a refusal: {paragraph[:60]!r}")
    return problems
