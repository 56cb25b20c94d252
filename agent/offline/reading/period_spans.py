"""Periods named against something else in the question: a day ("8月18日那一周", "2024年10月8日之前"), the window
just named ("再往前5个交易日"), the clock's week ("前两周", "这周一到周三"). The spans periods.period_words reads
besides the calendar's own names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from agent.offline.reading.question import absolute_dates, zh_number

_N = r"(\d+|[一二两三四五六七八九十百]+)"


@dataclass(frozen=True)
class PeriodWords:
    spec: str  # the stats API's period spec
    start: int  # where the words are in the question (to tell them from the days named)
    end: int
    relative: bool = False  # resolved against the clock ("本周", "last year")
    bare: bool = False  # a month (quarter, half) named without its year, which came from the default


UNTIL_NOW = re.compile(r"\s*(?:(?:到|至|直到)\s*(?:现在|今天|目前|当前|今)|以来|至今|\s*(?:to|until) (?:now|today))")


_WEEKDAY_NUM = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4}


def weeks_named(low: str, today: date, found: list[PeriodWords]) -> list[PeriodWords]:
    """Calendar weeks by count and weekdays within a week: "前两周" / "上两周" (the two whole weeks before this one),
    "这周一到周三", "上周二至周四" (those days of that week)."""
    monday = today - timedelta(days=today.weekday())
    out: list[PeriodWords] = []
    for m in re.finditer(
        r"(?:前|上)\s*(\d+|[两二三四五六七八九十]+)\s*(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天])", low
    ):
        n = zh_number(m[1])
        if n and 2 <= n <= 52 and not taken(found + out, m):
            start = monday - timedelta(days=7 * int(n))
            out.append(PeriodWords(f"{start.isoformat()}..{(monday - timedelta(days=1)).isoformat()}", m.start(),
                                   m.end(), relative=True))  # fmt: skip
    span = (
        r"(这|本|上|上上)\s*(?:个)?(?:周|星期|礼拜)([一二三四五1-5])\s*(?:到|至|~|-|—)\s*(?:周|星期|礼拜)?"
        r"([一二三四五1-5])"
    )
    for m in re.finditer(span, low):
        back = {"这": 0, "本": 0, "上": 1, "上上": 2}[m[1]]
        a, b = _WEEKDAY_NUM[m[2]], _WEEKDAY_NUM[m[3]]
        if a <= b and not taken(found + out, m):
            week = monday - timedelta(days=7 * back)
            first, last = week + timedelta(days=a), week + timedelta(days=b)
            out.append(PeriodWords(f"{first.isoformat()}..{last.isoformat()}", m.start(), m.end(), relative=True))
    return out


def taken(found: list[PeriodWords], m: re.Match) -> bool:
    """Whether the words of ``m`` overlap a period already read ("for Jan-Jun 2026" is one period, not January)."""
    return any(p.start < m.end() and m.start() < p.end for p in found)


_BEFORE = re.compile(r"\s*(?:之前|以前|前(?![\d一二两三四五六七八九十]))")
_AFTER = re.compile(r"\s*(?:之后|以后|以来|起)")


_TO_END_OF = re.compile(
    r"\s*(?:到|至|直到)\s*(年底|年末|月底|月末)|\s*(?:to|until|through) the end of the (year|month)"
)


# "2024年9月24日以来到10月8号", "…行情启动后到2024年底": from a day on, then up to a day or a year's end
_THEN_UP_TO = re.compile(
    r"\s*(?:行情|那波|这波)?\s*(?:启动|开始|爆发)?\s*(?:之后|以后|以来|后|起)\s*(?:一直)?\s*(?:到|至|直到)\s*"
)
_YEAR_END = re.compile(r"((?:19|20)\d\d)\s*年\s*(?:底|末)")


def _up_to(text: str, pos: int, days: list) -> tuple[date, int] | None:
    """The last day of a span whose end is named at ``pos`` (a date, or a year's end), and where its words end."""
    last_day = next((g for g in days if g.pos == pos and g.day is not None), None)
    if last_day is not None:
        return last_day.day, pos + len(last_day.raw)
    year_end = _YEAR_END.match(text, pos)
    return (date(int(year_end[1]), 12, 31), year_end.end()) if year_end else None


def bounded_by_a_day(text: str, low: str, today: date) -> list[PeriodWords]:
    """ "2024年10月8日之前" -> "..2024-10-07", "2024年10月8日以来" / "since 2024-10-08" -> "2024-10-08..",
    "2025年10月9日到年底" -> "2025-10-09..2025-12-31", "2024年9月24日以来到10月8号" -> "2024-09-24..2024-10-08"."""
    found = []
    days = [f for f in absolute_dates(text, today) if f.day is not None]
    for f in days:
        assert f.day is not None
        end = f.pos + len(f.raw)
        before = low[max(0, f.pos - 8) : f.pos]
        to_end = _TO_END_OF.match(low, end)
        then = _THEN_UP_TO.match(text, end)
        upto = _up_to(text, then.end(), days) if then else None
        if upto is not None:  # from the day, up to the day (year's end) named after it
            if f.day <= upto[0]:
                found.append(PeriodWords(f"{f.day.isoformat()}..{upto[0].isoformat()}", f.pos, upto[1]))
        elif to_end:
            year_end = (to_end[1] or "") in ("年底", "年末") or to_end[2] == "year"
            last = date(f.day.year, 12, 31) if year_end else month_end(f.day.year, f.day.month)
            found.append(PeriodWords(f"{f.day.isoformat()}..{last.isoformat()}", f.pos, to_end.end()))
        elif _BEFORE.match(text, end) or re.search(r"\bbefore\s+(?:the\s+)?$", before):
            found.append(PeriodWords(f"..{(f.day - timedelta(days=1)).isoformat()}", f.pos, end))
        elif UNTIL_NOW.match(low, end):  # "2025年10月9日到现在": from that day on
            found.append(PeriodWords(f"{f.day.isoformat()}..", f.pos, UNTIL_NOW.match(low, end).end()))  # type: ignore[union-attr]
        elif _AFTER.match(text, end) or re.search(r"\b(?:since|after)\s+$", before):
            start = f.day + timedelta(days=1) if re.search(r"之后|以后|after", text[end : end + 3] + before) else f.day
            found.append(PeriodWords(f"{start.isoformat()}..", f.pos, end))
    return found


# "8月18日那一周" / "2025年8月18日所在的月份" / "the week of Aug 18": the calendar week (month) holding the day;
# "…和前一周比" after it is the week before that one, not the week before today.
_HOLDING_WEEK = re.compile(r"\s*的?\s*(?:那一?周|那个?星期|那个?礼拜|所在的?(?:那)?一?(?:周|星期)|当周)")
_HOLDING_MONTH = re.compile(r"\s*的?\s*(?:那个?月|所在的?(?:那个?)?月份?)")
_WEEK_OF = re.compile(r"\bthe (week|month) (?:of|containing)\s+$")
_NEIGHBOUR_WEEK = re.compile(
    r"(?:和|跟|与|比|较|对比|vs\.?|versus|against|with)\s*(?:它的|其|那)?\s*"
    r"(前一周|上一周|之前一周|前一个?星期|后一周|下一周|the week before|the previous week|the following week)"
)


def periods_holding_a_day(text: str, low: str, today: date) -> list[PeriodWords]:
    found: list[PeriodWords] = []
    for f in absolute_dates(text, today):
        if f.day is None:
            continue
        end = f.pos + len(f.raw)
        week, month = _HOLDING_WEEK.match(low, end), _HOLDING_MONTH.match(low, end)
        before = _WEEK_OF.search(low[max(0, f.pos - 24) : f.pos])
        if week or (before and before[1] == "week"):
            words_end = week.end() if week else end
            found.append(PeriodWords(holding_period(f.day, "week"), end, words_end))
            neighbour = _NEIGHBOUR_WEEK.search(low, words_end)
            if neighbour and not re.search(r"[。？?！!；;]", low[words_end : neighbour.start()]):
                step = -7 if re.search(r"前|上|before|previous", neighbour[1]) else 7
                other = holding_period(f.day + timedelta(days=step), "week")
                found.append(PeriodWords(other, neighbour.start(1), neighbour.end(1)))
        elif month or (before and before[1] == "month"):
            found.append(PeriodWords(holding_period(f.day, "month"), end, month.end() if month else end))
    return found


# "最近5个交易日和再往前5个交易日比" / "vs the 5 sessions before that": the window just before the one named.
_WINDOW_BEFORE = re.compile(
    rf"(?:再往前|再前|往前|之前|此前|前面|前)\s*的?\s*{_N}\s*(?:个?\s*(?:交易日|日|天)|个(?=\s*(?:比|对比|相比|呢|的|[，,？?]|$)))|"
    r"\b(?:the\s+)?(?:previous|prior|preceding)\s+(\d+)\s+(?:trading\s+)?(?:days|sessions)\b|"
    r"\b(?:the\s+)?(\d+)\s+(?:trading\s+)?(?:days|sessions)\s+before\s+(?:that|those|them|it)\b"
)


def window_before(low: str, after: int, latest: int) -> list[PeriodWords]:
    m = _WINDOW_BEFORE.search(low, after)
    if (
        not m
        or re.search(r"[。？?！!；;]", low[after : m.start()])
        or not re.search(
            r"和|跟|与|比|较|对比|相比|vs|versus|against|compared|with",
            low[after : m.start()] + low[m.end() : m.end() + 6],
        )
    ):
        return []
    n = zh_number(m[1]) if m[1] else int(m[2] or m[3])
    if not n or n < 2 or n > 2500:  # "比前一天少了多少": the session before a day, not a window of one
        return []
    return [PeriodWords(f"last:{n}+{latest}", m.start(), m.end(), relative=True)]


def month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def holding_period(day: date, unit: str) -> str:
    """The calendar week (Monday to Sunday), month, quarter or year holding ``day``, as a stats period spec
    ("那一周/那个月" after a day, "8月18日那一周")."""
    unit = unit.lower()
    if unit in ("年", "year"):
        return str(day.year)
    if unit in ("季", "季度", "quarter"):
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    if unit in ("周", "week"):
        monday = day - timedelta(days=day.weekday())
        return f"{monday.isoformat()}..{(monday + timedelta(days=6)).isoformat()}"
    return f"{day:%Y-%m}"


def iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def period_before(spec: str, today: date) -> str | None:
    """The calendar period just before ``spec`` ("and the week before?" after last week), or None when the
    spec is no calendar week, month, quarter, half or year."""
    monday = today - timedelta(days=today.weekday())
    if spec == "this_week":
        return "last_week"
    if spec == "last_week":
        return iso_week(monday - timedelta(days=14))
    if spec in ("this_month", "last_month"):
        first = today.replace(day=1)
        if spec == "last_month":
            first = (first - timedelta(days=1)).replace(day=1)
        back = (first - timedelta(days=1)).replace(day=1)
        return "last_month" if spec == "this_month" else f"{back:%Y-%m}"
    if spec in ("this_year", "last_year"):
        return "last_year" if spec == "this_year" else str(today.year - 2)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", spec):
        return iso_week(date.fromisocalendar(int(m[1]), int(m[2]), 1) - timedelta(days=7))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", spec):
        y, mo = int(m[1]), int(m[2])
        return f"{y - 1}-12" if mo == 1 else f"{y}-{mo - 1:02d}"
    if m := re.fullmatch(r"(\d{4})Q([1-4])", spec):
        y, q = int(m[1]), int(m[2])
        return f"{y - 1}Q4" if q == 1 else f"{y}Q{q - 1}"
    if m := re.fullmatch(r"(\d{4})H([12])", spec):
        return f"{m[1]}H1" if m[2] == "2" else f"{int(m[1]) - 1}H2"
    if re.fullmatch(r"\d{4}", spec):
        return str(int(spec) - 1)
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", spec):
        a, b = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        if a.weekday() == 0 and (b - a).days in (4, 6):  # a calendar week written as its days
            return f"{(a - timedelta(days=7)).isoformat()}..{(b - timedelta(days=7)).isoformat()}"
    return None


# "9月最后一周", "2024年9月第一周": a week of a month, read as the calendar weeks (Monday to Sunday) wholly inside it
_WEEK_OF_MONTH = re.compile(
    r"\s*的?\s*(最后|第([一二三四五1-5])|首|头)\s*一?\s*(?:个)?(?:周|星期|礼拜)(?![二三四五六天]|一(?!共)|日(?!均))"
)


def week_of_month(low: str, month: PeriodWords) -> PeriodWords | None:
    """The week named right after a month period ("2024-09" + "最后一周" -> "2024-09-23..2024-09-29")."""
    m = _WEEK_OF_MONTH.match(low, month.end)
    found = re.fullmatch(r"(\d{4})-(\d{2})", month.spec)
    if m is None or found is None:
        return None
    first = date(int(found[1]), int(found[2]), 1)
    last = month_end(first.year, first.month)
    mondays = [first + timedelta(days=(7 - first.weekday()) % 7 + 7 * i) for i in range(6)]
    weeks = [d for d in mondays if d + timedelta(days=6) <= last]
    nth = {"首": 1, "头": 1}.get(m[1]) or (zh_number(m[2]) if m[2] else None)
    if not weeks or (nth is not None and not 1 <= nth <= len(weeks)):
        return None
    monday = weeks[-1] if m[1] == "最后" else weeks[int(nth or 1) - 1]
    return PeriodWords(f"{monday.isoformat()}..{(monday + timedelta(days=6)).isoformat()}", month.start, m.end())
