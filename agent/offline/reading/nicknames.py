"""Sessions A-share chat knows by a bare month-day number: "924以来" is from 2024-09-24 (the day the policy package
was announced), "519行情" the 1999-05-19 rally, "530" the 2007-05-30 stamp-duty fall. Written out as the date
before anything is read, so "924那天成交多少" is that day, not a stray number; any other bare number is still
named back as not understood (agent.offline.reading.strays)."""

from __future__ import annotations

import re
from datetime import date

from agent.offline.reading.strays import STRAY_NUMBER

FAMOUS_SESSIONS = {"924": date(2024, 9, 24), "519": date(1999, 5, 19), "530": date(2007, 5, 30)}
_AFTER_A_YEAR = re.compile(r"(?:(?:19|20)?\d\d年|[今去前]年)\s*$")  # "去年924" is read with its year (numerals)


def rewrite(text: str, clock_day: date) -> str:
    def named(m: re.Match[str]) -> str:
        day = FAMOUS_SESSIONS.get(m[0])
        if day is None or day > clock_day or _AFTER_A_YEAR.search(text[: m.start()]):
            return m[0]
        return f"{day.year}年{day.month}月{day.day}日"

    return STRAY_NUMBER.sub(named, text)
