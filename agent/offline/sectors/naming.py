"""The industries and themes a question names, and the words that point back at the one on the table ("它",
"这个行业"): one place for every industry reader (industry_handler, followups, subjects)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from agent.offline.reading.lexicon import THAT_DAY

if TYPE_CHECKING:
    from agent.offline.reading.understand import Clause

# A theme is asked as industries ("AI相关行业", "新能源行业", "AI产业链"); "AI板块" stays with the concept boards.
THEME_SUFFIX = r"(?:相关)?(?:行业|产业链)"
# The industry (or theme) of the answer before: "它成交额多少", "那这个行业上上周呢"
POINTS_BACK = re.compile(
    r"它|这个行业|该行业|那个行业|这一行业|此行业|这个板块|该板块|那个板块|\bit\b|\bthat (?:industry|sector)\b|"
    r"\bthis (?:industry|sector)\b",
    re.I,
)


def industry_names() -> list[str]:
    """The THS industries' names, the longest first (so "光学光电子" is found before "电子" could be)."""
    from tools.industries.store import bundled_names

    global _NAMES
    if _NAMES is None:
        _NAMES = sorted(bundled_names(), key=len, reverse=True)
    return _NAMES


_NAMES: list[str] | None = None


def industries_named(text: str) -> list[str]:
    """The industries named, in the order named; a name inside a longer one named ("电子" in "消费电子") is not."""
    found = [n for n in industry_names() if n in text]
    return sorted((n for n in found if not any(n != m and n in m for m in found)), key=text.index)


def _theme_at(text: str, name: str, as_board: bool, industries: list[str]) -> int | None:
    """Where the theme word ``name`` stands as a theme in ``text`` ("新能源相关行业", a bare "新能源" that is no part
    of an industry's name in the question nor a 概念), or None."""
    suffixed = re.search(re.escape(name) + ("" if "行业" in name else THEME_SUFFIX), text, re.I)
    if suffixed:
        return suffixed.start()
    word = rf"(?<![a-z]){re.escape(name)}(?![a-z])" if name.isascii() else re.escape(name)
    bare = re.search(word + (r"(?!\s*概念)" if as_board else r"(?!\s*(?:概念|板块))"), text, re.I)
    if bare and len(name) >= 2 and not any(name in n for n in industries) and "概念" not in text:
        return bare.start()
    return None


def themes_named(text: str, as_board: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, theme) of every theme named, in order; of two overlapping words the longer ("大金融", not
    "金融")."""
    from tools.industries.themes import load_themes

    industries = [n for n in industry_names() if n in text]
    spans: list[tuple[int, int, str]] = []
    for theme in load_themes():
        for name in sorted((theme.name, *theme.aliases), key=len, reverse=True):
            at = _theme_at(text, name, as_board, industries)
            if at is not None:
                spans.append((at, at + len(name), theme.name))
                break
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def theme_in(text: str, as_board: bool = False) -> str | None:
    """The theme named: "新能源相关行业", "AI产业链", or the bare name ("新能源今天合计成交多少", "新能源板块") when
    it is no part of an industry's name in the question ("消费电子" is an industry, not the 消费 theme) nor a 概念."""
    from tools.industries.themes import load_themes

    industries = [n for n in industry_names() if n in text]
    for theme in load_themes():
        for name in sorted((theme.name, *theme.aliases), key=len, reverse=True):
            if _theme_at(text, name, as_board, industries) is not None:
                return theme.name
    return None


@dataclass(frozen=True)
class Subject:
    """An industry, or a theme (its industries summed), as the question names it."""

    name: str
    members: tuple[str, ...]
    theme: bool = False


def subjects_in(text: str, as_board: bool = True) -> list[Subject]:
    """Every industry and theme named, in the order named ("AI和新能源", "白酒和银行", "半导体和军工")."""
    from tools.industries.themes import load_themes

    members = {t.name: tuple(t.industries) for t in load_themes()}
    themes = themes_named(text, as_board)
    found = [(text.index(n), Subject(n, (n,))) for n in industries_named(text)]
    found = [(at, s) for at, s in found if not any(a <= at < b for a, b, _ in themes)]
    found += [(a, Subject(name, members[name], theme=True)) for a, _b, name in themes]
    return [s for _, s in sorted(found, key=lambda f: f[0])]


def day_named(clause: Clause) -> tuple[date | None, bool]:
    """The day the part names (or the question's explicit date, or "那天": the day on the table), and False when a
    date it names does not exist (the day reader says so)."""
    from agent.offline.reading.understand import days_named

    absolute, relative = days_named(clause)
    found = sorted(absolute + relative, key=lambda f: f.pos)
    if any(f.day is None for f in found):
        return None, False
    days = [f.day for f in found if f.day] or clause.explicit_days[:1]
    prev = clause.env.previous or {}
    if not days and prev.get("date") and THAT_DAY.search(clause.text):  # "那天哪个行业成交最大": the day on the table
        days = [date.fromisoformat(str(prev["date"]))]
    return (days[0] if days else None), True


def periods_named(clause: Clause) -> list[str]:
    """The period specs the part names, in order. A month without a year that is still to come ("7月" asked in June)
    is last year's, as the statistics reader takes it: the month that has been."""
    from agent.offline.reading.periods import period_words

    clock = clause.env.clock_day
    named_year = re.search(r"(?<!\d)((?:19|20)\d\d)\s*年", clause.text)
    specs = []
    for p in period_words(clause.text, default_year=clock.year, clock_day=clock):
        if re.fullmatch(rf"{clock.year}-\d\d", p.spec) and p.spec > f"{clock:%Y-%m}" and not named_year:
            specs.append(f"{clock.year - 1}{p.spec[4:]}")
        else:
            specs.append(p.spec)
    return specs
