"""Which stored index a question names: 上证指数 ("sh") or 深证成指 ("sz"); None for both or neither ("大盘",
"指数", no name at all). The answer leads with the index asked, and a follow-up keeps it ("这周累计呢" after
"深成指呢" is 深证成指's week)."""

from __future__ import annotations

import re
from typing import Literal

IndexKey = Literal["sh", "sz"]

SH_NAMES = re.compile(
    r"上证指数|上证综指|上证综合指数|上证|沪指|沪综指|\b(?:shanghai|sse|sh) composite\b|\bshanghai index\b", re.I
)
SZ_NAMES = re.compile(
    r"深证成指|深证成份指数|深成指|深证指数|深指|\bshenzhen (?:component|index)\b|\b(?:szse|sz) component\b", re.I
)


# Either stored index, or the market's index said generally ("大盘", "指数")
ANY_INDEX = re.compile(rf"{SH_NAMES.pattern}|{SZ_NAMES.pattern}|大盘|股指|指数|\bindex\b", re.I)


def asked_index(text: str) -> IndexKey | None:
    """The one stored index the text names, or None when it names both or neither."""
    sh, sz = bool(SH_NAMES.search(text)), bool(SZ_NAMES.search(text))
    if sh == sz:
        return None
    return "sh" if sh else "sz"


def index_label(key: IndexKey, lang: str, sz_name: str | None = None) -> str:
    if lang == "en":
        return "the Shanghai Composite" if key == "sh" else "the Shenzhen Component"
    return "上证指数" if key == "sh" else (sz_name or "深证成指")
