"""Period specs for the turnover statistics: parse a spec, then resolve it against the stored sessions.

Two steps, so the caller can decide whether to fetch newer data in between:
``parse_period(spec, today)`` turns the text (grammar in tools.stats.models) into
calendar bounds without touching data; ``resolve_period(bounds, ...)`` finds
the stored sessions in those bounds (a bisect on the series' dates), counts the
calendar's sessions, and says whether the period is partial and why.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from calendar import month_name
from dataclasses import dataclass
from datetime import date, timedelta

from tools.calendar import FIRST_DATA_DAY, TradingCalendar
from tools.daily.analytics import TurnoverSeries
from tools.errors import InvalidDateError, InvalidQueryError, NoDataError
from tools.freshness import UPDATE_HINT
from tools.stats.models import Period, PeriodKind

MAX_LAST_N = 20000
_DAY = r"\d{4}-\d{1,2}-\d{1,2}|\d{8}"
_DAY_RE = re.compile(rf"^(?:{_DAY})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_QUARTER_RE = re.compile(r"^(\d{4})-?q([1-4])$")
_HALF_RE = re.compile(r"^(\d{4})-?h([12])$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_WEEK_RE = re.compile(r"^(\d{4})-?w(\d{1,2})$")
_LAST_RE = re.compile(rf"^last:(\d{{1,5}})(?:\+(\d{{1,5}}))?(?:@({_DAY}))?$")
RELATIVE = {
    "this_week": ("本周", "this week"),
    "last_week": ("上周", "last week"),
    "this_month": ("本月", "this month"),
    "last_month": ("上月", "last month"),
    "this_quarter": ("本季度", "this quarter"),
    "last_quarter": ("上季度", "last quarter"),
    "this_half": ("本半年", "this half-year"),
    "last_half": ("上个半年", "last half-year"),
    "this_year": ("今年", "this year"),
    "ytd": ("今年以来", "year to date"),
    "last_year": ("去年", "last year"),
}


@dataclass(frozen=True)
class PeriodBounds:
    """A parsed spec: calendar bounds, or for ``last_n`` the session count and the day it ends on or before."""

    spec: str
    kind: PeriodKind
    start: date
    end: date
    relative: str | None = None  # the relative word it came from (this_week ...)
    last_n: int = 0
    skip: int = 0  # last_n: the latest sessions left out ("再往前5个交易日" = last:5+5)


@dataclass(frozen=True)
class Span:
    """A resolved period and its sessions in the series: ``series.dates[lo:hi]``."""

    period: Period
    lo: int
    hi: int


def _say(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _day(text: str, lang: str = "zh") -> date:
    """YYYY-MM-DD or YYYYMMDD (already matched by _DAY)."""
    parts = text.split("-") if "-" in text else [text[:4], text[4:6], text[6:]]
    try:
        return date(*(int(p) for p in parts))
    except ValueError:
        raise InvalidDateError(_say(lang, f"无效日期 {text!r}", f"invalid date {text!r}")) from None


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), nxt - timedelta(days=1)


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week(day: date) -> PeriodBounds:
    iso = day.isocalendar()
    start = date.fromisocalendar(iso.year, iso.week, 1)
    return PeriodBounds(f"{iso.year}-W{iso.week:02d}", "week", start, start + timedelta(days=6))


def _month(year: int, month: int) -> PeriodBounds:
    start, end = _month_bounds(year, month)
    return PeriodBounds(f"{year}-{month:02d}", "month", start, end)


def _quarter(year: int, q: int) -> PeriodBounds:
    start, _ = _month_bounds(year, 3 * q - 2)
    _, end = _month_bounds(year, 3 * q)
    return PeriodBounds(f"{year}Q{q}", "quarter", start, end)


def _half(year: int, h: int) -> PeriodBounds:
    start, _ = _month_bounds(year, 6 * h - 5)
    _, end = _month_bounds(year, 6 * h)
    return PeriodBounds(f"{year}H{h}", "half", start, end)


def _year(year: int) -> PeriodBounds:
    return PeriodBounds(str(year), "year", date(year, 1, 1), date(year, 12, 31))


def _relative(word: str, today: date) -> PeriodBounds:
    if word.endswith("week"):
        base = _week(today if word == "this_week" else today - timedelta(days=7))
    elif word.endswith("month"):
        base = _month(*_shift_month(today, 0 if word == "this_month" else -1))
    elif word.endswith("quarter"):
        q = (today.month - 1) // 3 + 1
        year, q = (today.year, q) if word == "this_quarter" else ((today.year, q - 1) if q > 1 else (today.year - 1, 4))
        base = _quarter(year, q)
    elif word.endswith("half"):
        h = 1 if today.month <= 6 else 2
        year, h = (today.year, h) if word == "this_half" else ((today.year, 1) if h == 2 else (today.year - 1, 2))
        base = _half(year, h)
    else:
        base = _year(today.year if word in ("this_year", "ytd") else today.year - 1)
    return PeriodBounds(base.spec, base.kind, base.start, base.end, relative=word)


def parse_period(spec: str, today: date, lang: str = "zh") -> PeriodBounds:
    """The calendar bounds of a spec; InvalidQueryError/InvalidDateError with a one-line message when it is bad."""
    text = (spec or "").strip().lower()
    if text in ("all", ""):
        return PeriodBounds("all", "all", FIRST_DATA_DAY, today)
    if text == "latest":
        return PeriodBounds("latest", "last_n", FIRST_DATA_DAY, today, last_n=1)
    if text in RELATIVE:
        bounds = _relative(text, today)
    elif _DAY_RE.match(text):
        day = _day(text, lang)
        bounds = PeriodBounds(day.isoformat(), "day", day, day)
    elif ".." in text:
        left, _, right = text.partition("..")
        start = _parse_day(left, lang) if left.strip() else FIRST_DATA_DAY
        end = _parse_day(right, lang) if right.strip() else today
        if start > end:
            raise InvalidQueryError(
                _say(lang, f"区间起点晚于终点：{spec!r}", f"the range starts after it ends: {spec!r}")
            )
        bounds = PeriodBounds(f"{start}..{end}", "range", start, end)
    elif m := _YEAR_RE.match(text):
        bounds = _year(int(m.group(1)))
    elif m := _QUARTER_RE.match(text):
        bounds = _quarter(int(m.group(1)), int(m.group(2)))
    elif m := _HALF_RE.match(text):
        bounds = _half(int(m.group(1)), int(m.group(2)))
    elif m := _MONTH_RE.match(text):
        if not 1 <= int(m.group(2)) <= 12:
            raise InvalidDateError(_say(lang, f"无效月份 {spec!r}", f"invalid month {spec!r}"))
        bounds = _month(int(m.group(1)), int(m.group(2)))
    elif m := _WEEK_RE.match(text):
        try:
            bounds = _week(date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1))
        except ValueError:
            raise InvalidDateError(_say(lang, f"无效周次 {spec!r}", f"invalid ISO week {spec!r}")) from None
    elif m := _LAST_RE.match(text):
        n = int(m.group(1))
        if not 1 <= n <= MAX_LAST_N:
            raise InvalidQueryError(
                _say(lang, f"N 须在 1..{MAX_LAST_N}：{spec!r}", f"last:N needs N in 1..{MAX_LAST_N}: {spec!r}")
            )
        skip = int(m.group(2) or 0)
        end = _day(m.group(3), lang) if m.group(3) else today
        label = f"last:{n}" + (f"+{skip}" if skip else "") + (f"@{end}" if m.group(3) else "")
        bounds = PeriodBounds(label, "last_n", FIRST_DATA_DAY, end, last_n=n, skip=skip)
    else:
        examples = (
            "2025-10-09, 2015-06, 2015Q2, 2015H1, 2015, 2026-W30, a..b, last:20, this_week, last_month, "
            "this_half, ytd, all"
        )
        raise InvalidQueryError(
            _say(lang, f"看不懂的时间段 {spec!r}（可用：{examples}）", f"unknown period {spec!r} (use: {examples})")
        )
    if bounds.end < FIRST_DATA_DAY:
        raise InvalidDateError(
            _say(lang, f"{spec} 早于数据起始日 {FIRST_DATA_DAY}", f"{spec} is before the data begin ({FIRST_DATA_DAY})")
        )
    if bounds.start > today:
        raise InvalidDateError(
            _say(lang, f"{spec} 是未来的日期（今天是 {today}）", f"{spec} is in the future (today is {today})")
        )
    return bounds


def _parse_day(text: str, lang: str) -> date:
    if not _DAY_RE.match(text.strip()):
        raise InvalidDateError(
            _say(lang, f"无效日期 {text.strip()!r}：请用 YYYY-MM-DD", f"invalid date {text.strip()!r}: use YYYY-MM-DD")
        )
    return _day(text.strip(), lang)


def label_for(bounds: PeriodBounds, lang: str = "zh") -> str:
    zh = lang != "en"
    s, e, kind = bounds.start, bounds.end, bounds.kind
    if kind == "day":
        base = s.isoformat()
    elif kind == "range" or (kind == "week" and bounds.relative):
        base = f"{s}至{e}" if zh else f"{s} to {e}"
    elif kind == "week":
        base = f"{bounds.spec}（{s}至{e}）" if zh else f"{bounds.spec} ({s} to {e})"
    elif kind == "month":
        base = f"{s.year}年{s.month}月" if zh else f"{month_name[s.month]} {s.year}"
    elif kind == "quarter":
        base = f"{s.year}年第{bounds.spec[-1]}季度" if zh else f"{s.year} Q{bounds.spec[-1]}"
    elif kind == "half":
        first = bounds.spec.endswith("1")
        # the calendar name says it all; "本半年（2026年下半年）" would only repeat it
        return (f"{s.year}年上半年" if first else f"{s.year}年下半年") if zh else f"{'H1' if first else 'H2'} {s.year}"
    elif kind == "year":
        base = f"{s.year}年" if zh else str(s.year)
    elif kind == "all":
        base = "全部历史" if zh else "all history"
    elif bounds.spec == "latest":
        base = "最新交易日" if zh else "the latest session"
    elif bounds.skip:
        base = (
            f"最近{bounds.skip}个交易日之前的{bounds.last_n}个交易日"
            if zh
            else f"the {bounds.last_n} sessions before the last {bounds.skip}"
        )
    elif "@" in bounds.spec:
        base = f"截至{e}的{bounds.last_n}个交易日" if zh else f"the {bounds.last_n} sessions to {e}"
    else:
        base = f"最近{bounds.last_n}个交易日" if zh else f"the last {bounds.last_n} sessions"
    if bounds.relative:
        word = RELATIVE[bounds.relative][0 if zh else 1]
        return f"{word}（{base}）" if zh else f"{word} ({base})"
    return base


def resolve_period(
    bounds: PeriodBounds,
    series: TurnoverSeries,
    calendar: TradingCalendar,
    asof: date,
    lang: str = "zh",
) -> Span:
    """The stored sessions of ``bounds``; ``asof`` is the clock's latest closed session.

    NoDataError (one line, says why) when the period has no stored session.
    """
    zh = lang != "en"
    label = label_for(bounds, lang)
    latest = series.last_date
    if bounds.kind == "last_n":
        last = series.index_on_or_before(min(bounds.end, asof))
        if last is not None and bounds.skip:
            last = last - bounds.skip if last >= bounds.skip else None
        if last is None:
            raise NoDataError(f"{label}：没有数据" if zh else f"{label}: no data", bounds.end)
        lo, hi = max(0, last - bounds.last_n + 1), last + 1
        start, end, expected = series.dates[lo], series.dates[last], bounds.last_n
        cal: list[date] = []  # not needed: a last_n period counts stored sessions only
    else:
        start, end = bounds.start, bounds.end
        lo = bisect_left(series.dates, start)
        hi = bisect_right(series.dates, min(end, asof))
        cal = calendar.sessions(max(start, FIRST_DATA_DAY), end)
        expected = len(cal)
    notes: list[str] = []
    partial = False
    if bounds.kind == "last_n" and hi - lo < bounds.last_n:
        partial = True
        notes.append(f"只有{hi - lo}个交易日的数据" if zh else f"only {hi - lo} sessions have data")
    elif bounds.kind not in ("last_n", "all"):
        if cal and cal[-1] > asof:
            partial = True
            notes.append(f"{label}尚未结束（统计截至{asof}）" if zh else f"{label} is not over (counted to {asof})")
        through = min(cal[-1], asof) if cal else None
        if latest is not None and through is not None and latest < through:
            partial = True
            missing = len(calendar.sessions(latest + timedelta(days=1), through))
            notes.append(
                f"本地数据截至{latest}，缺少其后的{missing}个交易日"
                if zh
                else f"the local data end on {latest}; {missing} later sessions are missing"
            )
        if start < FIRST_DATA_DAY <= end:
            partial = True
            notes.append(f"数据从{FIRST_DATA_DAY}开始" if zh else f"the data begin on {FIRST_DATA_DAY}")
    if hi <= lo:
        raise NoDataError(_empty_message(bounds, label, calendar, latest, expected, zh), bounds.start)
    period = Period(
        spec=bounds.spec,
        kind=bounds.kind,
        label=label,
        start=start,
        end=end,
        first_session=series.dates[lo],
        last_session=series.dates[hi - 1],
        sessions=hi - lo,
        expected_sessions=expected,
        partial=partial,
        note="；".join(notes) if zh and notes else ("; ".join(notes) if notes else None),
    )
    return Span(period, lo, hi)


def _empty_message(
    bounds: PeriodBounds, label: str, calendar: TradingCalendar, latest: date | None, expected: int, zh: bool
) -> str:
    if expected == 0:
        if bounds.kind == "day":
            note = calendar.resolve(bounds.start).note("zh" if zh else "en") or ""
            return note.split("；")[0].split(". ")[0]
        return f"{label}没有交易日（休市）" if zh else f"{label} has no trading sessions (market closed)"
    if latest is not None and bounds.start > latest:
        return (
            f"{label}没有数据：本地数据截至{latest}；运行 {UPDATE_HINT} 获取更新的数据"
            if zh
            else f"no data for {label}: the local data end on {latest}; run `{UPDATE_HINT}`"
        )
    return f"{label}没有已收盘交易日的数据" if zh else f"no closed session with data in {label}"


def no_session_message(calendar: TradingCalendar, day: date, latest: date | None, lang: str = "zh") -> str:
    """Why ``day`` has no stored session: the market was closed, or the local data end before it."""
    if not calendar.is_trading_day(day):
        return (calendar.resolve(day).note(lang) or "").split("；")[0].split(". ")[0]
    return _say(lang, f"{day} 没有数据（本地数据截至{latest}）", f"no data for {day} (the local data end on {latest})")


def previous_bounds(span: Span, series: TurnoverSeries, today: date, lang: str = "zh") -> PeriodBounds:
    """The period before ``span`` of the same kind (the default of ``compare``)."""
    period = span.period
    kind, start = period.kind, period.start
    if kind == "week":
        return _week(start - timedelta(days=7))
    if kind == "month":
        return _month(*_shift_month(start, -1))
    if kind == "quarter":
        q = (start.month - 1) // 3 + 1
        return _quarter(start.year, q - 1) if q > 1 else _quarter(start.year - 1, 4)
    if kind == "half":
        return _half(start.year, 1) if start.month > 6 else _half(start.year - 1, 2)
    if kind == "year":
        return _year(start.year - 1)
    if kind == "all":
        raise InvalidQueryError(_say(lang, "比较全部历史需要给出 compare_to", "comparing 'all' needs compare_to"))
    if span.lo == 0:
        raise NoDataError(_say(lang, f"{period.label}之前没有数据", f"no data before {period.label}"))
    before = series.dates[span.lo - 1]
    if kind == "day":
        return PeriodBounds(before.isoformat(), "day", before, before)
    return parse_period(f"last:{period.sessions}@{before}", today, lang)


def group_bounds(day: date, group_by: str) -> PeriodBounds:
    """The calendar week/month/quarter/half/year containing ``day`` (the groups of measure ``group``)."""
    if group_by == "week":
        return _week(day)
    if group_by == "month":
        return _month(day.year, day.month)
    if group_by == "quarter":
        return _quarter(day.year, (day.month - 1) // 3 + 1)
    if group_by == "half":
        return _half(day.year, 1 if day.month <= 6 else 2)
    return _year(day.year)


def query_bounds(spec: str, dates: tuple[date, ...] | None, today: date, lang: str = "zh") -> PeriodBounds:
    """The bounds of a query: its period spec, or with named ``dates`` the range from the first to the last
    (one named day: that day, so a holiday is named as such)."""
    if not dates:
        return parse_period(spec, today, lang)
    first, last = min(dates), max(dates)
    return parse_period(str(first) if first == last else f"{first}..{last}", today, lang)


def head_span(span: Span, k: int, series: TurnoverSeries, lang: str = "zh") -> Span:
    """The first ``k`` sessions of ``span`` as a range period (compare mode aligned); the span itself if shorter."""
    if span.hi - span.lo <= k:
        return span
    first, last = series.dates[span.lo], series.dates[span.lo + k - 1]
    label = span.period.label
    period = Period(
        spec=f"{first}..{last}",
        kind="range",
        label=_say(lang, f"{label}前{k}个交易日", f"the first {k} sessions of {label}"),
        start=first,
        end=last,
        first_session=first,
        last_session=last,
        sessions=k,
        expected_sessions=k,
    )
    return Span(period, span.lo, span.lo + k)
