"""Periods named in a question, as the stats API's period spec (see tools.stats.models).

"2015年6月" -> "2015-06", "2024年一季度" -> "2024Q1", "去年" -> "last_year", "近20个交易日" -> "last:20",
"2024-10-01到2024-10-31" -> "2024-10-01..2024-10-31", "历史上" -> "all". Relative periods stay relative:
the stats API resolves them against its clock and the trading calendar and says when one is partial.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from agent.offline.reading.period_spans import (
    UNTIL_NOW,
    PeriodWords,
    bounded_by_a_day,
    iso_week,
    month_end,
    period_before,
    periods_holding_a_day,
    taken,
    week_of_month,
    weeks_named,
    window_before,
)
from agent.offline.reading.question import EN_MONTH_NUMBERS, absolute_dates, safe_date, zh_number

_THE_ONE_BEFORE = re.compile(
    r"\b(?:vs\.?|versus|than|and|compared (?:with|to)|against|with)\s+(the (?:week|month|quarter|year) before)\b|"
    r"(?:和|跟|与|比|对比|较)\s*((?:再)?(?:前一周|前一个月|前一季度|前一年|上一周|上一个月))"
)
_SINCE = re.compile(r"\b(?:since|starting(?: from| in)?)\s+$")
_FROM_ON = re.compile(r"\s*(?:起|开始)(?![的])")  # "2025年8月起": from that month on

_N = r"(\d+|[一二两三四五六七八九十百]+)"
_NC = r"(?:\d+|[一二两三四五六七八九十百]+)"
_EN_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A month named alone ("July avg turnover"): whole names or the usual abbreviations, not "market" or "mayor".
_EN_MONTH_FULL = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_EN_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}  # noqa: SIM905
_QUARTER_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# (pattern, spec or a function of the match), most specific first; every pattern is matched on lower case.
_RELATIVE: list[tuple[str, str]] = [
    (r"今年以来|年初至今|年初以来|今年到目前|\byear[- ]to[- ]date\b|\bytd\b|\bso far this year\b", "ytd"),
    (
        r"本周(?![二三四五六天]|一(?!共)|日(?!均))|这周(?![二三四五六天]|一(?!共)|日(?!均))|这一周|这个星期(?![一二三四五六天])|"
        r"本星期(?![一二三四五六天])|\bthis week\b(?!'s? (?:monday|tuesday|wednesday|thursday|friday))",
        "this_week",
    ),
    (
        r"上周(?![二三四五六天]|一(?!共)|日(?!均)|的?(?:同一天|今天|这一?天|同日))|"
        r"上个?星期(?![二三四五六天]|一(?!共)|日(?!均)|的?(?:同一天|今天|这一?天))|上一周|"
        r"(?<!same day )(?<!same day of )(?<!same weekday )\blast week\b|\bprevious week\b",
        "last_week",
    ),
    (r"本月|这个月|当月|\bthis month\b|\bmonth[- ]to[- ]date\b|\bmtd\b", "this_month"),
    (r"上个?月|上一个月|\blast month\b|\bprevious month\b", "last_month"),
    (r"本季度|这个季度|\bthis quarter\b", "this_quarter"),
    (r"上个?季度|上一季度|\blast quarter\b", "last_quarter"),
    (r"今年(?!以来)|年内|本年度|\bthis year\b", "this_year"),
    (r"去年|上一年|\blast year\b|\bprevious year\b", "last_year"),
    (
        r"历史上|有史以来|有数据以来|史上|历史(?:最|第|新|纪录|排名|上)|\bever\b|\ball[- ]time\b|\bon record\b|"
        r"\bin history\b",
        "all",
    ),
]


def _within_months(low: str, today: date) -> list[PeriodWords]:
    """Spans inside or across months: "1-6月" / "Jan-Jun 2026" (months), "Jul 1-15" / "7月上半月" / "上旬" (days
    of one month). A year not named is the clock's, or the year before when the span would begin after today."""
    found: list[PeriodWords] = []

    def add(m: re.Match, year: str | None, first: tuple[int, int], last: tuple[int, int | None]) -> None:
        if taken(found, m):
            return
        try:
            y = int(year) if year else today.year
            a = date(y, *first)
            if not year and a > today:
                y, a = y - 1, date(y - 1, *first)
            b = month_end(y, last[0]) if last[1] is None else date(y, last[0], last[1])
        except ValueError:
            return
        if a <= b:
            found.append(PeriodWords(f"{a.isoformat()}..{b.isoformat()}", m.start(), m.end()))

    dash = r"\s*(?:到|至|~|～|—|-|–|through|thru|to)\s*"
    months = rf"(?:((?:19|20)\d\d)\s*年\s*)?(?<![\d月])(\d{{1,2}})\s*(?:月份?)?{dash}(\d{{1,2}})\s*月(?!\s*\d)"
    for m in re.finditer(months, low):
        if 1 <= int(m[2]) < int(m[3]) <= 12:  # "2026年1-6月", "1月到6月"
            add(m, m[1], (int(m[2]), 1), (int(m[3]), None))
    for m in re.finditer(
        rf"\b(?:from\s+)?{_EN_MONTH}\s*,?\s*((?:19|20)\d\d){dash}{_EN_MONTH}\s*,?\s*((?:19|20)\d\d)\b", low
    ):
        since = date(int(m[2]), EN_MONTH_NUMBERS[m[1][:3]], 1)
        until = month_end(int(m[4]), EN_MONTH_NUMBERS[m[3][:3]])
        if since < until and not any(p.start <= m.start() < p.end for p in found):  # "Nov 2025 through Jan 2026"
            found.append(PeriodWords(f"{since.isoformat()}..{until.isoformat()}", m.start(), m.end()))
    for m in re.finditer(rf"\b(?:from\s+)?{_EN_MONTH}{dash}{_EN_MONTH}(?:\s*,?\s*((?:19|20)\d\d))?\b", low):
        a, b = EN_MONTH_NUMBERS[m[1][:3]], EN_MONTH_NUMBERS[m[2][:3]]
        if a < b:  # "Jan-Jun 2026", "from January to June"
            add(m, m[3], (a, 1), (b, None))
    for m in re.finditer(
        rf"\b{_EN_MONTH}\s*(\d{{1,2}})(?:st|nd|rd|th)?{dash}(?:{_EN_MONTH}\s*)?(\d{{1,2}})(?:st|nd|rd|th)?\b"
        r"(?:\s*,?\s*((?:19|20)\d\d))?",
        low,
    ):
        a_month = EN_MONTH_NUMBERS[m[1][:3]]
        b_month = EN_MONTH_NUMBERS[m[3][:3]] if m[3] else a_month  # "Jul 1-15", "July 1 to July 15, 2026"
        add(m, m[5], (a_month, int(m[2])), (b_month, int(m[4])))
    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?{dash}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}"
                         r"(?:\s*,?\s*((?:19|20)\d\d))?", low):  # fmt: skip
        month = EN_MONTH_NUMBERS[m[3][:3]]  # "1-15 July 2026"
        add(m, m[4], (month, int(m[1])), (month, int(m[2])))
    parts = {"上半月": (1, 15), "下半月": (16, None), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None)}
    for m in re.finditer(r"(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月份?\s*(?:的)?(上半月|下半月|上旬|中旬|下旬)", low):
        first, last = parts[m[3]]
        month = int(m[2])
        if 1 <= month <= 12:
            add(m, m[1], (month, first), (month, last))
    # "今年前两个月", "2025年头三个月", "去年前5个月": the year's first N months (with the year named, never alone)
    for m in re.finditer(rf"(今年|去年|前年|((?:19|20)\d\d)\s*年)\s*的?(?:前|头)\s*{_N}\s*个月", low):
        year = int(m[2]) if m[2] else today.year - {"今年": 0, "去年": 1, "前年": 2}[m[1]]
        n = zh_number(m[3])
        if n and 1 <= n <= 12:
            add(m, str(year), (1, 1), (int(n), None))
    # "7月上半月和下半月": a bare part is of the month named before it; "上个月下半月", "本月上旬": of that month
    for m in re.finditer(r"(本月|这个月|上个?月)?\s*的?(上半月|下半月|上旬|中旬|下旬)", low):
        first, last = parts[m[2]]
        earlier = [p for p in found if p.end <= m.start() and ".." in p.spec]
        if m[1]:
            back = 0 if m[1] in ("本月", "这个月") else 1
            year, month = (today.year, today.month - back) if today.month > back else (today.year - 1, 12)
        elif earlier:
            year, month = int(earlier[-1].spec[:4]), int(earlier[-1].spec[5:7])
        else:
            continue
        add(m, str(year), (month, first), (month, last))
    for m in re.finditer(rf"\b(first|second) half of {_EN_MONTH}(?:\s*,?\s*((?:19|20)\d\d))?", low):
        month = EN_MONTH_NUMBERS[m[2][:3]]
        add(m, m[3], (month, 1 if m[1] == "first" else 16), (month, 15 if m[1] == "first" else None))
    return found


def _absolute(text: str, low: str, today: date) -> list[PeriodWords]:
    found: list[PeriodWords] = _within_months(low, today)

    def add(m: re.Match, spec: str) -> None:
        if not taken(found, m):
            found.append(PeriodWords(spec, m.start(), m.end()))

    for m in re.finditer(
        r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*(?:到|至|~|—|-{1,2}|\.\.|and|to)\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})", low
    ):
        try:
            a, b = date(int(m[1]), int(m[2]), int(m[3])), date(int(m[4]), int(m[5]), int(m[6]))
        except ValueError:
            continue
        add(m, f"{min(a, b).isoformat()}..{max(a, b).isoformat()}")
    for m in re.finditer(
        r"(?<!\d)((?:19|20)\d\d)\s*年?\s*(?:到|至|~|～|—|-)\s*((?:19|20)\d\d)\s*年?(?![\d月/.-])", low
    ):
        first, last = sorted((int(m[1]), int(m[2])))  # "2020到2024": the years from the first through the last
        add(m, f"{first}-01-01..{last}-12-31")
    for m in re.finditer(
        r"(\d{4})\s*年\s*(?:第\s*)?([一二三四1-4])\s*季度|(\d{4})\s*年?\s*q([1-4])|q([1-4])\s*(\d{4})", low
    ):
        year = m[1] or m[3] or m[6]
        q = _QUARTER_ZH[m[2]] if m[2] else int(m[4] or m[5])
        add(m, f"{year}Q{q}")
    for m in re.finditer(r"(今年|去年|前年)\s*(?:第\s*)?([一二三四1-4])\s*季度", low):
        add(m, f"{today.year - ('今年', '去年', '前年').index(m[1])}Q{_QUARTER_ZH[m[2]]}")
    for m in re.finditer(r"(?:first|second|third|fourth) quarter of (\d{4})", low):
        q = ("first", "second", "third", "fourth").index(m[0].split()[0]) + 1
        add(m, f"{m[1]}Q{q}")
    for m in re.finditer(
        r"(\d{4})\s*年?\s*(上半年|下半年)|\b(first|second) half of (\d{4})\b|\b(\d{4})\s*h([12])\b", low
    ):
        year = m[1] or m[4] or m[5]
        half = 1 if m[2] == "上半年" or m[3] == "first" or m[6] == "1" else 2
        add(m, f"{year}H{half}")
    for m in re.finditer(r"(今年|去年)\s*(上半年|下半年)", low):
        year = today.year - (m[1] == "去年")
        add(m, f"{year}H{1 if m[2] == '上半年' else 2}")
    for m in re.finditer(r"(今年|去年|前年)\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?:份)?", low):
        year = today.year - ("今年", "去年", "前年").index(m[1])
        if 1 <= int(m[2]) <= 12:
            add(m, f"{year}-{int(m[2]):02d}")
    for m in re.finditer(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?:份)?", low):
        if 1 <= int(m[2]) <= 12:
            add(m, f"{m[1]}-{int(m[2]):02d}")
    for m in re.finditer(rf"\b{_EN_MONTH}\s*,?\s*(\d{{4}})\b", low):
        add(m, f"{m[2]}-{EN_MONTH_NUMBERS[m[1][:3]]:02d}")
    for m in re.finditer(r"(?<![\d-])(\d{4})-(\d{1,2})(?![\d-])", low):
        if 1 <= int(m[2]) <= 12:
            add(m, f"{m[1]}-{int(m[2]):02d}")
    for m in re.finditer(
        r"(?<!\d)((?:19|20)\d{2})\s*(?:年|全年)(?!\s*\d{1,2}\s*月)|\b(?:in|during|of|for)\s+((?:19|20)\d{2})\b(?![-/])",
        low,
    ):
        add(m, m[1] or m[2])
    if text.isascii():  # "How many trading days did 2025 have": a year standing alone in English is that year
        alone = r"(?<![\d$.,/-])((?:19|20)\d\d)(?:'s)?(?![\d/.,%-]|\s*(?:points?|pts|yuan|bn|billion|tn))"
        for m in re.finditer(alone, low):
            if not re.search(r"(?:above|over|below|under|than|top|past|at|by)\s*$", low[: m.start()]):
                add(m, m[1])
    return found


def _year_before(found: list[PeriodWords], pos: int, default: int) -> int:
    """The year of the last dated period named before ``pos`` (a quarter or month without a year shares it)."""
    earlier = [p for p in found if p.end <= pos and re.match(r"\d{4}", p.spec)]
    return int(max(earlier, key=lambda p: p.end).spec[:4]) if earlier else default


_EXCLUDED = re.compile(r"(?:剔除|除去|去掉|去除|扣除|不算|不含|除了|\bexcluding|\bexcept(?: for)?|\bwithout)\s*$", re.I)


_MONTH_DAY_RANGE = re.compile(
    r"(?:((?:19|20)\d\d)\s*年\s*)?(?<!\d)(\d{1,2})月(\d{1,2})[日号]?\s*(?:到|至|~|～|—|-)\s*"
    r"(?:((?:19|20)\d\d)\s*年\s*)?(?:(\d{1,2})月)?(\d{1,2})[日号]"
)


def period_words(text: str, default_year: int | None = None, clock_day: date | None = None) -> list[PeriodWords]:
    """Every period the question names, in order of mention. A month named without its year ("8月")
    is taken in ``default_year`` (skipped when None). "从去年8月到现在" is the open period from that month."""
    low = text.lower()
    found = _absolute(text, low, clock_day or date.today())

    def add_range(m: re.Match[str], year: int) -> None:
        start_year = int(m[1]) if m[1] else year
        try:
            a = date(start_year, int(m[2]), int(m[3]))
            b = date(int(m[4]) if m[4] else start_year, int(m[5] or m[2]), int(m[6]))
        except ValueError:
            return
        if a <= b and not taken(found, m):
            found.append(PeriodWords(f"{a.isoformat()}..{b.isoformat()}", m.start(), m.end()))

    if default_year is not None:
        for half in re.finditer(r"(?<![年\d])(上半年|下半年)", low):
            if not taken(found, half):
                found.append(
                    PeriodWords(
                        f"{default_year}H{1 if half[1] == '上半年' else 2}", half.start(), half.end(), bare=True
                    )
                )
        for quarter in re.finditer(r"(?<![年\d])(?:第\s*)?([一二三四1-4])\s*季度", low):  # "一季度和二季度"
            if not taken(found, quarter):
                year = _year_before(found, quarter.start(), default_year)  # "去年三季度和四季度": last year's both
                spec = f"{year}Q{_QUARTER_ZH[quarter[1]]}"
                found.append(PeriodWords(spec, quarter.start(), quarter.end(), bare=year == default_year))
        # (ASCII word edges: "june的" and "q2比q1" are words next to Chinese, not inside one)
        for month in re.finditer(rf"(?<![a-z])(?:in |of |during |for )?{_EN_MONTH_FULL}(?![a-z])(?!\s*,?\s*\d)", low):
            name = month[1]
            named = re.match(r"(?:in|of|during|for) ", month[0]) or low.startswith("'s", month.end())
            if name == "may" and not (named or re.search(r"(?:vs\.?|than|and|with|to) $", low[: month.start()])):
                continue  # "may I ask": a verb, not the month ("May's", "than May" are the month)
            if not taken(found, month):
                spec = f"{default_year}-{_EN_MONTHS[name[:3]]:02d}"
                found.append(PeriodWords(spec, month.start(), month.end(), bare=True))
        for span in _MONTH_DAY_RANGE.finditer(low):  # "9月24号到10月8号": a range in the year asked
            add_range(span, default_year)
        for quarter in re.finditer(r"(?<![a-z0-9-])q([1-4])(?![a-z0-9-])(?!\s*(?:19|20)\d\d)", low):  # a bare "Q2"
            if not taken(found, quarter):
                year = _year_before(found, quarter.start(), default_year)
                found.append(
                    PeriodWords(f"{year}Q{quarter[1]}", quarter.start(), quarter.end(), bare=year == default_year)
                )
        for month in re.finditer(r"(?<![\d年])(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?:份)?", low):
            if 1 <= int(month[1]) <= 12 and not taken(found, month):
                spec = f"{default_year}-{int(month[1]):02d}"
                found.append(PeriodWords(spec, month.start(), month.end(), bare=True))
    m = re.search(
        rf"(?:最近|近|过去|前(?=\s*{_NC}\s*个?交易日))\s*{_N}\s*(个)?(交易日|日|天|个?星期|周|个月|月)|"
        r"\b(?:last|past|recent|previous|trailing|prior)\s+(\d+)\s+(trading\s+)?(days|sessions|weeks|months)\b|"
        r"\b(\d+)\s+(?:trading\s+)?(days|sessions)\s+(?:before|up to|ending|to)\b|"
        rf"\b(\d+)-(day|session) (?:average|mean|avg)\b|{_N}\s*(日)(?:均值|均量|均线|平均)",
        low,
    )
    if m:
        n = zh_number(m[1] or m[11] or "") or int(m[4] or m[7] or m[9] or 0)
        unit = m[3] or m[6] or m[8] or m[10] or m[12]
        one_day = n == 1 and not re.search(r"周|星期|月|week|month", unit or "")
        if n and not one_day:  # "前一交易日" is the session before, "最近一个交易日" the latest: days, not windows
            sessions = int(n) * (
                5
                if ("周" in unit or "星期" in unit or unit == "weeks")
                else 21
                if "月" in unit or unit == "months"
                else 1
            )
            found.append(PeriodWords(f"last:{min(sessions, 2500)}", m.start(), m.end(), relative=True))
            if unit and re.fullmatch(r"交易日|日|天|days|sessions", unit.strip().replace("trading ", "")):
                found += window_before(low, m.end(), min(sessions, 2500))
    today = clock_day or date.today()
    held = periods_holding_a_day(text, low, today)
    found += [p for p in held if not any(q.start < p.end and p.start < q.end for q in found)]
    found += weeks_named(low, today, found)
    for m in re.finditer(
        r"(?:近|最近|过去)\s*(?:一|1)\s*年|\b(?:past|last) (?:one )?year\b(?! ?\d)|\bpast 12 months\b", low
    ):
        if "last year" in m[0] and "past" not in m[0]:
            continue  # "last year" is the calendar year before
        year_ago = safe_date(today.year - 1, today.month, today.day) or date(today.year - 1, today.month, 28)
        found.append(
            PeriodWords(f"{(year_ago + timedelta(days=1)).isoformat()}..{today.isoformat()}", m.start(), m.end(), True)
        )
    for m in re.finditer(  # "among all 2026 sessions", "in 2025 so far": an English year named alone
        r"\b(?:in|during|for|of|among(?: all)?|across)\s+((?:19|20)\d\d)\b(?!\s*[-/.]\d)|"
        r"\b((?:19|20)\d\d)\s+(?:so far|sessions|trading days|to date|ytd)\b",
        low,
    ):
        if not taken(found, m):
            found.append(PeriodWords(m[1] or m[2], m.start(), m.end()))
    for m in re.finditer(  # two weeks back ("上上周三" is a day: question.relative_dates)
        r"(?:上上周|上上个?星期|上上一周)(?![二三四五六天]|一(?!共)|日(?!均))|\bthe week before last\b", low
    ):
        found.append(PeriodWords(iso_week(today - timedelta(days=14)), m.start(), m.end(), relative=True))
    for m in re.finditer(
        r"上上个?月|再前一个?月|再上一?个?月|再往前一个?月|\bthe month before last\b", low
    ):  # two back
        year, mon = (today.year, today.month - 2) if today.month > 2 else (today.year - 1, today.month + 10)
        found.append(PeriodWords(f"{year}-{mon:02d}", m.start(), m.end(), relative=True))
    # 前年 / 大前年: the year two (three) back ("前年3月", "前年一季度" are read above)
    for m in re.finditer(r"(大)?前年(?!\s*(?:第\s*)?[一二三四1-4]\s*季度|\s*\d{1,2}\s*月)", low):
        if not taken(found, m):
            found.append(PeriodWords(str(today.year - (3 if m[1] else 2)), m.start(), m.end(), relative=True))
    for pattern, spec in _RELATIVE:
        for m in re.finditer(pattern, low):
            if not taken(found, m):
                found.append(PeriodWords(spec, m.start(), m.end(), relative=spec != "all"))
    # A month inside a full date ("9 Oct 2025", "2025年10月9日") is that day, not the month.
    days = [(f.pos, f.pos + len(f.raw)) for f in absolute_dates(text, date.today()) if f.day]
    found = [p for p in found if not any(s <= p.start < e or p.start <= s < p.end for s, e in days) or ".." in p.spec]
    if not any(p.spec.startswith("last:") for p in found):
        spans = bounded_by_a_day(text, low, today)
        # "…启动后到2024年底": the year inside the span only says where it ends
        found = [p for p in found if not any(s.start <= p.start and p.end <= s.end for s in spans)] + spans
    for i, p in enumerate(found):  # "从去年8月到现在", "2月到现在", "since Aug 2025": open from that month (year) on
        until = UNTIL_NOW.match(low, p.end) or _FROM_ON.match(low, p.end)
        since = _SINCE.search(low[max(0, p.start - 8) : p.start])
        if re.fullmatch(r"\d{4}(?:-\d{2})?", p.spec) and (until or since):
            start = p.spec + ("-01" if len(p.spec) == 7 else "-01-01")
            found[i] = PeriodWords(f"{start}..", p.start, until.end() if until else p.end)
    found = _joined_ranges(text, _qualified_by_a_year(sorted(found, key=lambda p: p.start), today))
    found = [week_of_month(low, p) or p for p in found]  # "9月最后一周": that week, not the month
    if len(found) == 1:  # "last week vs the week before": the period just before the one named
        before = _THE_ONE_BEFORE.search(low, found[0].end)
        earlier = period_before(found[0].spec, today) if before else None
        if before and earlier:
            words = 1 if before[1] else 2  # the period's own words, after the word setting it against the first
            found.append(PeriodWords(earlier, before.start(words), before.end(), relative=found[0].relative))
    # "剔除1月，就是2月到现在": a period named to be left out is not a period asked about
    found = [p for p in found if not _EXCLUDED.search(low[max(0, p.start - 8) : p.start])]
    # "近三个月（5-7月）": a period restated in brackets right after it is that one, said precisely
    found = [
        p
        for i, p in enumerate(found)
        if not (i + 1 < len(found) and re.fullmatch(r"\s*[（(]\s*", text[p.end : found[i + 1].start]))
    ]
    # "the first half of July (Jul 1-15)": the same period named twice is one period
    return [p for i, p in enumerate(found) if all(q.spec != p.spec for q in found[:i])]


def _qualified_by_a_year(found: list[PeriodWords], today: date) -> list[PeriodWords]:
    """ "July vs June this year", "十二月和十一月(25年)": a year said beside parts of it only says which year
    they are in; months named without a year take it."""
    years = {"this_year": today.year, "last_year": today.year - 1}
    for p in found:
        year = years.get(p.spec) or (int(p.spec) if re.fullmatch(r"\d{4}", p.spec) else None)
        parts = [q for q in found if q is not p]
        if not year or not parts:
            continue
        if all(q.bare for q in parts):
            return [replace(q, spec=f"{year}{q.spec[4:]}", bare=False) for q in parts]
        if len(parts) >= 2 and all(re.fullmatch(rf"{year}(?:-\d{{2}}|Q\d|H\d)", q.spec) for q in parts):
            return parts
    return found


_RANGE_JOIN = re.compile(r"\s*(?:到|至|~|～|-|—|–|\bto\b|\bthrough\b|\buntil\b|\band\b)\s*", re.I)


def _joined_ranges(text: str, found: list[PeriodWords]) -> list[PeriodWords]:
    """ "2025年10月到2026年1月", "between Dec 2025 and Feb 2026": two calendar periods joined as one span
    (from the first one's first day to the second one's last); "和/and" joins only after "between"."""
    out: list[PeriodWords] = []
    for p in found:
        last = out[-1] if out else None
        join = _RANGE_JOIN.fullmatch(text[last.end : p.start]) if last is not None else None
        between = last is not None and re.search(
            r"(?:\bbetween|从|自)\s*$", text[max(0, last.start - 10) : last.start], re.I
        )
        if last is not None and join and ("and" not in join[0].lower() or between):
            first = f"{p.spec[:4]}{last.spec[4:]}" if last.bare and not p.bare else last.spec  # "Q1 to Q2 2025"
            a, b = _calendar_bounds(first), _calendar_bounds(p.spec)
            if a and b and a[0] <= b[1]:
                out[-1] = PeriodWords(f"{a[0].isoformat()}..{b[1].isoformat()}", last.start, p.end)
                continue
        out.append(p)
    return out


def _calendar_bounds(spec: str) -> tuple[date, date] | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})", spec):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), month_end(y, mo)
    if m := re.fullmatch(r"(\d{4})Q([1-4])", spec):
        y, q = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if m := re.fullmatch(r"(\d{4})H([12])", spec):
        y, h = int(m[1]), int(m[2])
        return date(y, 6 * h - 5, 1), month_end(y, 6 * h)
    if re.fullmatch(r"\d{4}", spec):
        return date(int(spec), 1, 1), date(int(spec), 12, 31)
    return None


__all__ = ["PeriodWords", "month_end", "period_words"]
