"""Days named by a holiday ("节后第一天", "春节后首日", "国庆节前最后一个交易日", "去年五一节后第一天") rewritten as
their dates before the question is read, like the numerals: the closures come from the exchange's bundled table
(tools.calendar.CLOSURES) and the sessions around them from the trading calendar, so every reader sees a date.

A holiday word that does not name a day this way ("国庆期间", "国庆那天") is left as it is: the refusals ask
for the date rather than guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from agent.offline.reading.question import zh_number

_NAMES = {
    "国庆": "国庆节", "国庆节": "国庆节", "national day": "国庆节", "golden week": "国庆节",
    "春节": "春节", "除夕": "春节", "spring festival": "春节", "chinese new year": "春节",
    "元旦": "元旦", "new year": "元旦", "五一": "劳动节", "劳动节": "劳动节", "may day": "劳动节",
    "清明": "清明节", "清明节": "清明节", "端午": "端午节", "端午节": "端午节", "中秋": "中秋节", "中秋节": "中秋节",
}  # fmt: skip
_HOLIDAY = "|".join(sorted(map(re.escape, _NAMES), key=len, reverse=True))
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)\s*年|(?P<rel>今年|去年|前年))?"
_AFTER = re.compile(
    rf"{_YEAR}\s*(?P<name>{_HOLIDAY})?\s*(?:节|长假|假期|假)?\s*(?:后|之后|以后|过后)\s*(?:的)?\s*"
    r"(?P<first>第一天|首日|第一个交易日|首个交易日|第一个工作日|开盘(?:第一天|首日)?)?",
    re.I,
)
_BEFORE = re.compile(
    rf"{_YEAR}\s*(?P<name>{_HOLIDAY})?\s*(?:节|长假|假期|假)?\s*(?:前|之前)\s*(?:的)?\s*"
    r"(?P<last>最后一天|最后一个交易日|最后交易日|最后一个工作日)?",
    re.I,
)
# "节后三天", "国庆后前5个交易日", "节前最后三个交易日": a run of sessions next to the holiday
_AFTER_N = re.compile(
    rf"{_YEAR}\s*(?P<name>{_HOLIDAY})?\s*(?:节|长假|假期|假)?\s*(?:后|之后)\s*(?:的)?\s*(?:前|头)?\s*"
    r"(?P<n>\d{1,2}|[两二三四五六七八九十])\s*(?:个)?(?:交易日|天)",
    re.I,
)
_BEFORE_N = re.compile(
    rf"{_YEAR}\s*(?P<name>{_HOLIDAY})?\s*(?:节|长假|假期|假)?\s*(?:前|之前)\s*(?:的)?\s*(?:最后)?\s*"
    r"(?P<n>\d{1,2}|[两二三四五六七八九十])\s*(?:个)?(?:交易日|天)",
    re.I,
)
# "元旦后那一周", "节后第一周", "国庆前最后一周": the calendar week holding the first (last) session next to it
_WEEK_NEXT_TO = re.compile(
    rf"{_YEAR}\s*(?P<name>{_HOLIDAY})?\s*(?:节|长假|假期|假)?\s*(?P<dir>后|之后|前|之前)\s*(?:的)?\s*"
    r"(?:那|第|最后)?\s*一?\s*(?:个)?(?:周|星期|礼拜)(?![一二三四五六天]|日(?!均))",
    re.I,
)
_EN = re.compile(
    rf"\b(?P<which>first|last) (?:trading )?(?:day|session) (?P<dir>after|before) (?:the )?(?P<name>{_HOLIDAY})\b", re.I
)


def _closures() -> dict[date, str]:
    from tools.calendar import CLOSURES

    return CLOSURES


def _closure(name: str | None, clock_day: date, year: int | None, calendar: Any = None) -> tuple[date, date] | None:
    """(first, last) closed weekday of the latest such holiday on or before the clock (in ``year`` when named).
    With ``calendar`` (a day *before* the holiday is asked): the latest holiday whose session before it has
    come, so on 2025-09-30 "节前最后一天" is that day, before the National Day closure that starts tomorrow."""
    horizon = clock_day + timedelta(days=21) if calendar is not None else clock_day
    days = sorted(
        (
            d
            for d, n in _closures().items()
            if (name is None or n == name) and d <= horizon and (year is None or d.year == year)
        ),
        reverse=True,
    )  # fmt: skip
    while days:
        last = days[0]
        run = [
            d
            for d in days
            if last - d <= timedelta(days=12) and (name is not None or _closures()[d] == _closures()[last])
        ]
        if calendar is None or calendar.previous(min(run)) <= clock_day:
            return min(run), last
        days = [d for d in days if d not in run]  # that holiday's eve is still to come: the one before it
    return None


def _count(raw: str) -> int | None:
    """The run's length, two to twenty sessions ("三天", "5个交易日"); one is the first/last-day reading's."""
    n = zh_number(raw)
    return int(n) if n is not None and 2 <= n <= 20 else None


def _year(m: re.Match, clock_day: date) -> int | None:
    if m["year"]:
        return int(m["year"])
    if m["rel"]:
        return clock_day.year - ("今年", "去年", "前年").index(m["rel"])
    return None


def rewrite(text: str, clock_day: date, calendar: Any) -> str:
    """``text`` with each holiday-named day replaced by its date ("2026年2月24日"); unchanged when none parses."""
    if not hasattr(calendar, "next"):
        return text  # no exchange calendar: nothing to count sessions with

    def day_text(d: date) -> str:
        return f"{d.year}年{d.month}月{d.day}日"

    def after(m: re.Match) -> str:
        # bare "后" after a name is a day only with 第一天/首日, or as "节后" (the holiday's own word)
        if not m["first"] and not re.search(r"节|长假|假期|假", m[0]):
            return m[0]
        if not m["name"] and not re.search(r"节|长假|假期", m[0]):
            return m[0]
        span = _closure(_NAMES.get((m["name"] or "").lower()), clock_day, _year(m, clock_day))
        return day_text(calendar.next(span[1])) if span else m[0]

    def before(m: re.Match) -> str:
        if not m["last"] and not re.search(r"节|长假|假期|假", m[0]):
            return m[0]
        if not m["name"] and not re.search(r"节|长假|假期", m[0]):
            return m[0]
        span = _closure(_NAMES.get((m["name"] or "").lower()), clock_day, _year(m, clock_day), calendar)
        return day_text(calendar.previous(span[0])) if span else m[0]

    def english(m: re.Match) -> str:
        before_it = m["dir"].lower() == "before"
        span = _closure(_NAMES.get(m["name"].lower()), clock_day, None, calendar if before_it else None)
        if span is None:
            return m[0]
        d = calendar.next(span[1]) if m["dir"].lower() == "after" else calendar.previous(span[0])
        return d.isoformat()

    def sessions(m: re.Match, after: bool) -> str:
        """ "节后三天" / "节前最后3个交易日": the run of sessions next to the holiday, as a date range."""
        n = _count(m["n"])
        if n is None or not re.search(r"节|长假|假期|假", m[0]) and not m["name"]:
            return m[0]
        name = _NAMES.get((m["name"] or "").lower())
        span = _closure(name, clock_day, _year(m, clock_day), None if after else calendar)
        if span is None:
            return m[0]
        step = calendar.next if after else calendar.previous
        days = [step(span[1] if after else span[0])]
        while len(days) < n:
            days.append(step(days[-1]))
        first, last = sorted((days[0], days[-1]))
        return f"{first.isoformat()}到{last.isoformat()}"

    def week(m: re.Match) -> str:
        if not m["name"] and not re.search(r"节|长假|假期", m[0]):
            return m[0]
        after = "后" in m["dir"]
        name = _NAMES.get((m["name"] or "").lower())
        span = _closure(name, clock_day, _year(m, clock_day), None if after else calendar)
        if span is None:
            return m[0]
        if after:
            first = calendar.next(span[1])
            return f"{first.isoformat()}到{(first + timedelta(days=6 - first.weekday())).isoformat()}"
        last = calendar.previous(span[0])
        return f"{(last - timedelta(days=last.weekday())).isoformat()}到{last.isoformat()}"

    try:
        text = _WEEK_NEXT_TO.sub(week, text)
        text = _AFTER_N.sub(lambda m: sessions(m, after=True), text)
        text = _BEFORE_N.sub(lambda m: sessions(m, after=False), text)
        text = _AFTER.sub(after, text)
        text = _BEFORE.sub(before, text)
        return _EN.sub(english, text)
    except Exception:  # a calendar that cannot count that far: the words stay, and the refusals ask for the date
        return text
