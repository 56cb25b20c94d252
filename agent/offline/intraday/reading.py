"""Reading intraday questions: "现在成交额多少？比昨天同期放量还是缩量？几点破的万亿？全天预计多少？",
"5月14日上午10点成交额多少", "what time did turnover pass 1 trillion today?".

Only the words: which session (a date, or the current one), which minute, what is asked (level,
same-time comparison, crossing time, full-day estimate) and the threshold named. No data access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from agent.offline.reading.question import zh_number
from agent.wording import Lang

_TURNOVER = re.compile(r"成交|量能|放量|缩量|万亿|turnover|volume|traded|trading value", re.I)
_NOW = re.compile(
    r"现在|目前|此刻|当前|盘中|截至目前|截止目前|到现在|实时|眼下|刚才|刚刚|"
    r"\bright now\b|\bnow\b|so far|at the moment|currently|"
    r"intraday|\blive\b",
    re.I,
)
_SAME_TIME = re.compile(
    r"同期|同一时间|同一时刻|同时段|此时|同一分钟|same time|same minute|this time (yesterday|last)", re.I
)
_CROSS_WHEN = re.compile(
    r"(几点|什么时候|何时|哪个时间|几时|多会儿).{0,8}(破|突破|过|达到|站上|超过)|"
    r"(破|突破|站上).{0,6}(几点|什么时候|何时|的时间)|"
    r"(what time|when)\b.{0,40}\b(cross|pass|break|broke|hit|reach|top)",
    re.I,
)
_ESTIMATE = re.compile(
    r"预计全天|全天预计|预测全天|估计全天|全天能|全天会|全天大概|全天有望|全天.{0,4}(预计|预测|估计)|"
    r"\bprojection\b|\bprojected\b|\bestimate|expected full|full[- ]day (figure|total)? ?(estimate|projection)|"
    r"on track|for the full day|whole day",
    re.I,
)
_WHY_OR_NEWS = re.compile(r"为什么|为何|原因|新闻|消息|\bwhy\b|\bnews\b|板块|行业|sector", re.I)
_AGAINST_YESTERDAY = re.compile(
    r"(比|较|相比|对比)(昨|上一?个?交易日|前一?交易日)|than yesterday|vs\.? yesterday", re.I
)
_TODAY = re.compile(r"今天|今日|\btoday\b", re.I)
_YESTERDAY = re.compile(r"昨天|昨日|\byesterday\b", re.I)

_ZH_CLOCK = re.compile(
    r"(上午|早上|早盘|中午|下午|午后|尾盘)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*[点:：时]\s*"
    r"(半|一刻|三刻|\d{1,2}|[一二三四五]?十?[一二三四五六七八九]?)?\s*分?"
)
_EN_CLOCK = re.compile(r"\b(?:at|by|as of|until|till)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", re.I)
_MORNING_CLOSE = re.compile(r"午盘|早盘|早上|上午|半日|午间收盘|morning session|at midday|at noon|lunch", re.I)
_ISO = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s*(\d{4}))?", re.I
)
_THRESHOLD_ZH = re.compile(r"(\d+(?:\.\d+)?|[一两二三四五])?\s*万亿")
_THRESHOLD_EN = re.compile(r"(\d+(?:\.\d+)?)\s*(?:trillion|tn)\b", re.I)


@dataclass(frozen=True)
class IntradayAsk:
    """One intraday question, read."""

    text: str
    lang: Lang
    day: date | None  # None: the current session (or the last one when the market is closed)
    at: time | None  # None: the latest minute with data
    relative: bool  # asked about "now/today" rather than a named day
    focus: frozenset[str] = field(default_factory=frozenset)  # level, compare, crossing, estimate
    threshold_yi: float | None = None
    explicit: bool = True  # False: only "today" while the market trades (the daily answer may serve it instead)


def _zh_int(text: str) -> int | None:
    value = zh_number(text) if text else None
    return int(value) if value is not None and float(value).is_integer() else None


def read_time(text: str) -> time | None:
    """The minute named in a question (上午10点, 10:30, 下午两点半, at 2:15 pm, 午盘), or None."""
    for match in _ZH_CLOCK.finditer(text):
        part, hour_text, minute_text = match.groups()
        hour = _zh_int(hour_text)
        if hour is None or hour > 24:
            continue
        if match.group(0).strip()[-1] in ":：" and not minute_text:
            continue
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(minute_text or "")
        if minute is None:
            minute = _zh_int(minute_text) if minute_text else 0
        if minute is None or minute > 59:
            continue
        if part in ("下午", "午后", "尾盘") and hour < 12:
            hour += 12
        elif part is None and 1 <= hour <= 3:
            hour += 12  # "2点" in a trading question is the afternoon
        if hour <= 23:
            return time(hour, minute)
    english = _EN_CLOCK.search(text)
    if english:
        hour, minute = int(english.group(1)), int(english.group(2) or 0)
        suffix = (english.group(3) or "").lower().replace(".", "")
        if suffix == "pm" and hour < 12 or not suffix and 1 <= hour <= 3:
            hour += 12
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
    if _MORNING_CLOSE.search(text):
        return time(11, 30)
    return None


def read_day(text: str, today: date, same_time: bool) -> tuple[date | None, bool]:
    """(the session named, whether it was a named date); 昨天 next to 同期/此时 names the comparison, not the day."""
    match = _ISO.search(text)
    if match:
        return _safe(int(match.group(1)), int(match.group(2)), int(match.group(3))), True
    match = _MONTH_DAY.search(text)
    if match:
        month, day_ = int(match.group(1)), int(match.group(2))
        year = today.year if (month, day_) <= (today.month, today.day) else today.year - 1
        return _safe(year, month, day_), True
    match = _EN_DATE.search(text)
    if match:
        month = _EN_MONTHS.index(match.group(1).lower()[:3]) + 1
        day_ = int(match.group(2))
        year = int(match.group(3)) if match.group(3) else today.year
        if not match.group(3) and (month, day_) > (today.month, today.day):
            year -= 1
        return _safe(year, month, day_), True
    if _YESTERDAY.search(text) and not same_time:
        return today - timedelta(days=1), True
    return None, False


def _safe(year: int, month: int, day_: int) -> date | None:
    try:
        return date(year, month, day_)
    except ValueError:
        return None


def read_threshold(text: str) -> float | None:
    match = _THRESHOLD_ZH.search(text)
    if match:
        number = match.group(1)
        value = float(zh_number(number) or 0) if number else 1.0
        return value * 10000
    match = _THRESHOLD_EN.search(text)
    return float(match.group(1)) * 10000 if match else None


_IN_HISTORY = re.compile(
    r"第一次|首次|头一次|最早|最近一次|上一次|上次|历史|哪一?天|哪年|哪个月|"
    r"\bfirst\b|\blast time\b|\bever\b|\bwhich day\b",
    re.I,
)
_FOLLOWUP = re.compile(r"^\s*(那|那么|还有|再|and\b|what about\b|how about\b)|呢[？?\s]*$", re.I)


def recognise(
    text: str, lang: Lang, now: datetime, live: bool = False, previous: dict | None = None
) -> IntradayAsk | None:
    """An IntradayAsk when ``text`` asks about turnover within a session; None otherwise.

    ``live``: the market is trading now, so a plain "今天成交额多少" is a question about the session so far.
    ``previous``: the meta of the last answer; after an intraday answer a short follow-up ("那10点呢？",
    "那5月13日呢？") keeps the subject and changes only the minute or the day.
    """
    estimate = bool(_ESTIMATE.search(text))
    if previous and previous.get("intent") == "intraday" and _FOLLOWUP.search(text) and len(text) <= 40:
        followup = _followup(text, lang, now, previous)
        if followup is not None:
            return followup
    if not (_TURNOVER.search(text) or estimate) or _WHY_OR_NEWS.search(text):
        return None
    same_time = bool(_SAME_TIME.search(text))
    against_yesterday = bool(_AGAINST_YESTERDAY.search(text))
    at = read_time(text)
    if same_time and previous and previous.get("period") and not (at or against_yesterday or _NOW.search(text)):
        return None  # "同期成交总额" after a period's answer: the same period, not the same minute
    focus = set()
    if same_time or against_yesterday or re.search(r"放量|缩量", text):
        focus.add("compare")
    if _CROSS_WHEN.search(text) and not (_IN_HISTORY.search(text) and not (_TODAY.search(text) or _NOW.search(text))):
        focus.add("crossing")  # ("第一次突破3万亿是什么时候" asks for a day in the history, not a minute)
    if estimate:
        focus.add("estimate")
    now_words = bool(_NOW.search(text))
    if not (focus or at or now_words or (live and _TODAY.search(text))):
        return None
    if focus == {"compare"} and not (same_time or now_words or at or live):
        return None  # "比昨天放量了吗" after the close is a daily comparison
    day, named = read_day(text, now.date(), same_time or against_yesterday)
    if named and day is None:
        return None  # an impossible date: the day answerer explains it
    relative = not named or day == now.date()
    return IntradayAsk(
        text=text,
        lang=lang,
        day=None if relative else day,
        at=at,
        relative=relative,
        focus=frozenset(focus or {"level"}),
        threshold_yi=read_threshold(text),
        explicit=bool(focus or at or now_words),
    )


def _followup(text: str, lang: Lang, now: datetime, previous: dict) -> IntradayAsk | None:
    at = read_time(text)
    day, named = read_day(text, now.date(), False)
    if at is None and not named:
        return None
    if not named and previous.get("date"):
        day = date.fromisoformat(previous["date"])  # "那10点呢" asks about the same session
    if at is None and previous.get("at"):
        at = time.fromisoformat(previous["at"])  # "那昨天呢" asks about the same minute of that day
    relative = day is None or day == now.date()
    return IntradayAsk(
        text=text, lang=lang, day=None if relative else day, at=at, relative=relative, focus=frozenset({"level"})
    )
