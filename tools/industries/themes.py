"""Themes as sets of THS industries, shipped as data (``tools/data/industry_themes.json``).

Industries partition the market, so a theme's turnover is the sum of its
industries' and adds up like them. Concept boards (tools/boards) stay for the
names users type; they overlap and never add up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

THEMES_FILE = "data/industry_themes.json"
ENGLISH_NAMES_FILE = "data/industry_names_en.json"


@dataclass(frozen=True)
class Theme:
    name: str
    industries: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""


def _key(text: str) -> str:
    return "".join(text.split()).lower().removesuffix("板块").removesuffix("行业")


@lru_cache(maxsize=1)
def load_themes() -> tuple[Theme, ...]:
    body = json.loads(resources.files("tools").joinpath(THEMES_FILE).read_text(encoding="utf-8"))
    return tuple(
        Theme(
            name=item["name"],
            industries=tuple(item["industries"]),
            aliases=tuple(item.get("aliases", ())),
            note=item.get("note", ""),
        )
        for item in body["themes"]
    )


def find_theme(text: str) -> Theme | None:
    """A theme by its name or an alias (case, spaces and a trailing 板块/行业 ignored)."""
    wanted = _key(text)
    for theme in load_themes():
        if wanted in (_key(theme.name), *map(_key, theme.aliases)):
            return theme
    return None


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    """English word (lower case) -> the THS industry it names ("banks" -> "银行"), from the shipped table."""
    body = json.loads(resources.files("tools").joinpath(ENGLISH_NAMES_FILE).read_text(encoding="utf-8"))
    return {word.lower(): name for name, words in body["names"].items() for word in words}
