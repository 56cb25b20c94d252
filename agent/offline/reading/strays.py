"""Numbers a question carries that no reader places: they are named back to the user, never dropped (a dropped
"924" would turn "924那天成交多少" into the latest day's, or the day on the table's, figure)."""

from __future__ import annotations

import re

# A bare number of three or four digits that is no year and has no unit after it ("924那波", "1008那天"); not an
# index's name (沪深300, 中证1000, 创业板50: declined by name elsewhere)
STRAY_NUMBER = re.compile(
    r"(?<![\d.,深证创板指])(?!(?:19|20)\d\d)\d{3,4}(?![\d.,]|\s*(?:年|月|日|号|点|个|天|%|只|家|万|亿|元|w|W|\s*[a-zA-Z]))"
)


def stray_number(text: str) -> str | None:
    """The first bare number of three or four digits that is no year and has no unit after it, or None."""
    m = STRAY_NUMBER.search(text)
    return m[0] if m else None
