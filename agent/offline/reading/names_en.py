"""English names of industries ("the bank sector", "chipmakers") put as the industry's own name before the question is
read, so every reader that knows 银行 or 半导体 knows them too. Only in a question about industries or turnover: "the
central bank" in a question about news stays as written."""

from __future__ import annotations

import re
from functools import lru_cache

from tools.industries.themes import english_names

_ABOUT_INDUSTRIES = re.compile(
    r"\b(?:sectors?|industr(?:y|ies)|stocks|shares|turnover|traded|trading|rose|fell|advancers|rank(?:ed)?)\b|行业|成交",
    re.I,
)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = sorted(english_names(), key=len, reverse=True)
    return re.compile(r"(?<!central )\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def in_chinese(text: str) -> str:
    if not re.search(r"[A-Za-z]", text) or not _ABOUT_INDUSTRIES.search(text):
        return text
    names = english_names()
    return _pattern().sub(lambda m: names[m[1].lower()], text)
