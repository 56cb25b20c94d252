"""The words of a question: language, days, thresholds, numbers and news topics (no LLM).

These are the lexers ``agent.offline.reading.understand`` builds a ``Query`` from. Absolute dates
(2025年10月9日, 2025-10-09, Oct 9 2025) are exact; a year left out and relative words
(昨天, 上周五, last Friday) resolve against the clock's date ``clock_day``, so a store
that lags the clock is never read as if it were current; 今天/today is ``today``, which
the caller sets to the latest session with data (or the clock's day when it has none).
Trading days come from the calendar when one is given (weekdays otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

from agent.wording import EN_MONTH_NUMBERS


class Calendar(Protocol):
    def previous(self, day: date) -> date: ...
    def next(self, day: date) -> date: ...
    def is_trading_day(self, day: date) -> bool: ...


class WeekdayCalendar:
    """Stand-in when no exchange calendar is at hand: Monday to Friday."""

    def previous(self, day: date) -> date:
        day -= timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return day

    def next(self, day: date) -> date:
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    def is_trading_day(self, day: date) -> bool:
        return day.weekday() < 5


def detect_lang(text: str) -> Literal["zh", "en"]:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cjk and _ZH_PARTICLE_END.search(text):
        return "zh"  # "share呢", "turnover多少": English words in a Chinese sentence
    return "zh" if cjk and cjk * 3 >= latin else ("zh" if not latin and not cjk else "en")


_ZH_PARTICLE_END = re.compile(r"(?:[呢吗嘛吧啊呀么]|多少|几天|哪天|怎么样)\s*[?？!！。]*\s*$")


# --- vocabulary ----------------------------------------------------------------------------

_ZH_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

HELP = re.compile(r"帮助|你能做什么|能回答什么|怎么用|使用说明|^/?help\b|what can you|how do i use", re.I)
WHY = re.compile(
    r"为什么|为何|原因|怎么回事|驱动|推动|因为什么|\bwhy\b|\breasons?\b|\bdrove\b|\bdriv(?:e|er|ers|ing)\b|"
    r"what caused|behind",
    re.I,
)
NEWS = re.compile(r"新闻|消息|资讯|快讯|公告|头条|\bnews\b|\bheadlines?\b|\bstories\b", re.I)
# English words by letters around them, not \b: "10月9号的turnover" has a CJK letter before "turnover".
TURNOVER = re.compile(
    r"成交额|成交量|成交|量能|交易额|放量|缩量|(?<![a-z])(?:turnover|volume|traded?|trading value)(?![a-z])", re.I
)
UP = re.compile(
    r"突破|站上|超过|破|放量|增加|上升|大增|多了|暴增|\bcross|\babove\b|\bsurg|\bjump|\brose\b|\brise\b|\bincreas|\bhit\b|\btop",
    re.I,
)
DOWN = re.compile(r"跌破|缩量|减少|下降|萎缩|少了|回落|\bfell\b|\bfall|\bdrop|\bdeclin|\bshr[iu]nk|\bbelow\b", re.I)
CHANGE = re.compile(
    r"(比|较|相比|相较于?)(上个|上一个?|前一个?)?(交易日|日|天)|多了多少|少了多少|变化多少|增加了?多少|减少了?多少|"
    r"(than|versus|vs\.?|compared? (to|with)) (the )?(previous|prior|last) (session|trading day|day)|"
    r"how much (more|less)",
    re.I,
)
# A part that starts with a comparison and names nothing to compare ("vs last month?", "比上月呢") continues too.
FOLLOWUP_START = re.compile(
    r"^\s*(那|那么|还有|再|那如果|比起?|相比|and\b|what about\b|how about\b|and what about\b|vs\.?(?:\s|$)|versus\b|"
    r"compared? (?:to|with)\b)|\bthen\s*[?？]?\s*$",  # "深市 then?"
    re.I,
)
# The session after the day on the table ("那天之后一天", "第二天", "the day after"): a follow-up, never tomorrow
DAY_AFTER = re.compile(
    r"(?:之|以)?后一天|后一个?交易日|第二天|次日|隔天|\bthe (?:day|session|trading day) after\b", re.I
)
DAY_BEFORE = re.compile(
    r"前一天|前一个?交易日|上一个?交易日|再往前|再前一天|the day before|previous (session|trading day|day)|"
    r"day before that|prior session|(?:session|trading day) before\b",
    re.I,
)


_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def zh_number(text: str) -> float | None:
    """A number written in digits or Chinese numerals: "20", "二十", "一万五千", "两万", "一点五", "1.5万"."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) if "." in text else int(text)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千万])", text)
    if m:
        return float(m[1]) * _ZH_UNITS[m[2]]
    whole, _, frac = text.partition("点")
    if frac and not all(c in _ZH_DIGITS for c in frac):
        return None
    total, section, digit = 0, 0, None
    for c in whole:
        if c in _ZH_DIGITS and c != "十":
            digit = _ZH_DIGITS[c]
        elif c in _ZH_UNITS:
            unit = _ZH_UNITS[c]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    value: float = total + section + (digit or 0)
    if frac:
        value += float("0." + "".join(str(_ZH_DIGITS[c]) for c in frac))
    return value


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day_: int, today: date) -> int:
    """The latest year in which month/day is not after today; a day in the next three weeks is this year's (asked on
    1 December, "12月15号" is a date still to come, not last year's)."""
    soon = safe_date(today.year, month, day_)
    if soon is not None and today < soon <= today + timedelta(days=21):
        return today.year
    for year in (today.year, today.year - 1, today.year - 4):
        candidate = safe_date(year, month, day_)
        if candidate and candidate <= today:
            return year
    return today.year - 1


# --- dates ---------------------------------------------------------------------------------


@dataclass
class Found:
    pos: int
    day: date | None
    raw: str


def absolute_dates(text: str, today: date) -> list[Found]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, y: int | None, mo: int, d: int) -> None:
        if any(s <= m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        year = y if y is not None else _year_for(mo, d, today)
        found.append(Found(m.start(), safe_date(year, mo, d), m.group(0)))

    for m in re.finditer(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", text):
        add(m, int(m[1]), int(m[2]), int(m[3]))
    for m in re.finditer(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", text):
        add(m, int(m[1]), int(m[2]), int(m[3]))
    for m in re.finditer(r"(?<!\d)(19\d{2}|20\d{2})(\d{2})(\d{2})(?!\d)", text):
        add(m, int(m[1]), int(m[2]), int(m[3]))
    for m in re.finditer(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]", text):
        add(m, None, int(m[1]), int(m[2]))
    for m in re.finditer(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(\d{{4}}))?", text, re.I):
        add(m, int(m[3]) if m[3] else None, EN_MONTH_NUMBERS[m[1].lower()[:3]], int(m[2]))
    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s*(\d{{4}}))?", text, re.I):
        add(m, int(m[3]) if m[3] else None, EN_MONTH_NUMBERS[m[2].lower()[:3]], int(m[1]))
    for m in re.finditer(r"(?<![\d月/.\-])(\d{1,2})\s*号|\bthe (\d{1,2})(?:st|nd|rd|th)\b", text, re.I):
        # "24号" / "on the 24th": the latest such day of a month not after the clock's day
        day_ = int(m[1] or m[2])
        if 1 <= day_ <= 31:
            month_start = today.replace(day=1)
            back = month_start if day_ <= today.day else (month_start - timedelta(days=1)).replace(day=1)
            add(m, back.year, back.month, day_)
    for m in re.finditer(r"(?<!\d)(\d{1,2})/(\d{1,2})(?![\d/])", text):  # 10/9 read as month/day
        if 1 <= int(m[1]) <= 12:
            add(m, None, int(m[1]), int(m[2]))
    return found


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _this_or_last(clock_day: date, weekday: int) -> date:
    """A bare weekday ("周四"): this week's, or last week's when this week's is still to come (on a Wednesday
    "周四" is the Thursday just past: nobody asks the turnover of a day that has not traded)."""
    day = week_start(clock_day) + timedelta(days=weekday)
    return day if day <= clock_day else day - timedelta(days=7)


def relative_dates(text: str, clock_day: date, cal: Calendar) -> list[Found]:
    """Relative days as calendar days counted from the clock (昨天 on a Monday is the Sunday: the answer
    says it was not a trading day); 上个交易日/the previous session is the session before the clock's day."""
    found: list[Found] = []
    low = text.lower()

    def add(pattern: str, resolve, unless_before: str | None = None) -> None:
        for m in re.finditer(pattern, low):
            before = low[max(0, m.start() - 16) : m.start()]
            if unless_before and re.search(unless_before, before):
                continue  # e.g. "比上个交易日" is the comparison base, not the day asked about
            found.append(Found(m.start(), resolve(m), m.group(0)))

    add(r"大前天|three days ago", lambda m: clock_day - timedelta(days=3))
    add(r"(?<!大)前天|day before yesterday", lambda m: clock_day - timedelta(days=2))
    add(r"昨天|昨日|(?<!before )yesterday", lambda m: clock_day - timedelta(days=1))
    add(r"今天|今日|\btoday\b", lambda m: clock_day)
    # "上周同一天", "一周前", "same day last week": the clock's weekday a week back (a holiday there is said)
    add(
        r"上周(?:的)?(?:同一天|今天|这一?天|同日)|上个?星期(?:的)?(?:同一天|今天|这一?天)|一(?:周|个星期)前|"
        r"\b(?:the )?same (?:week)?day (?:of )?last week\b|\ba week (?:ago|earlier)\b",
        lambda m: clock_day - timedelta(days=7),
    )
    add(
        r"(上个|上一个?)交易日(?!呢)",
        lambda m: cal.previous(clock_day),
        unless_before=r"(比|较|相比|相较于?|和|与|跟|同)$",
    )
    add(
        r"\b(last|previous|prior) (trading day|session)\b",
        lambda m: cal.previous(clock_day),
        unless_before=r"(than|versus|vs\.?|compared? (to|with)|from|over|with|to)( the)? $",
    )
    add(
        r"上上个?(?:周|星期|礼拜)(一(?!共)|[二三四五六天]|日(?!均))",  # the week before last
        lambda m: week_start(clock_day) - timedelta(days=14) + timedelta(days=_ZH_WEEKDAY[m[1]]),
    )
    add(
        r"(?<!上)上个?(?:周|星期|礼拜)(一(?!共)|[二三四五六天]|日(?!均))",  # "上周日均" is last week's mean
        lambda m: week_start(clock_day) - timedelta(days=7) + timedelta(days=_ZH_WEEKDAY[m[1]]),
    )
    add(
        r"(?<!上)(?<!上个)(?:周|星期|礼拜)(一(?!共)|[二三四五六天]|日(?!均))",
        lambda m: _this_or_last(clock_day, _ZH_WEEKDAY[m[1]]),
    )
    add(
        r"\blast (mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rs|rsday|urday|\.)?\b",  # not "last month"
        lambda m: week_start(clock_day) - timedelta(days=7) + timedelta(days=_EN_WEEKDAY[m[1]]),
    )
    add(
        r"\b(?:on |this )(mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b",
        lambda m: week_start(clock_day) + timedelta(days=_EN_WEEKDAY[m[1]]),
    )
    return found


# --- other slots ---------------------------------------------------------------------------


_NUM = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万点]+)"


def threshold_yi(text: str) -> float | None:
    """A turnover line named in the question, in 亿元: "2万亿" / "两万亿" / "一万五千亿" / "8000亿" / "2 trillion"."""
    m = re.search(rf"({_NUM})\s*万亿", text)
    if m and zh_number(m[1]):
        return float(zh_number(m[1]) or 0) * 10000.0
    if re.search(r"(破|上|过|超|超过|突破|跌破|低于|不到)万亿|^\s*万亿(?:成交|以上|之上|大关)", text):
        return 10000.0  # "破万亿", "万亿成交连续多少天了": the 1万亿 line
    m = re.search(r"(\d+(?:\.\d+)?)(?:\s*|-)(trillion|tn)\b", text, re.I)
    if m:
        return float(m[1]) * 10000
    m = re.search(r"\b(one|two|three|four) trillion\b", text, re.I)
    if m:
        return {"one": 1, "two": 2, "three": 3, "four": 4}[m[1].lower()] * 10000.0
    m = re.search(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:billion|bn)\b", text, re.I)
    if m:
        return float(m[1]) * 10
    m = re.search(rf"(?<![\d.])({_NUM})\s*亿", text)
    if m and not re.search(r"成交额(是|为|有)", text):
        value = zh_number(m[1])
        if value and value >= 100:
            return float(value)
    return None


_UNIT_YI = {"万亿": 10000.0, "亿": 1.0, "trillion": 10000.0, "tn": 10000.0, "billion": 10.0, "bn": 10.0}
_RANGE = re.compile(
    rf"({_NUM})\s*(万亿|亿|trillion|tn|billion|bn)?\s*(?:到|至|~|～|—|-|and|to)\s*({_NUM})\s*(万亿|亿|trillion|tn|billion|bn)"
    r"(?:元|yuan)?\s*(?:之间|区间|以内|范围)?",
    re.I,
)


def threshold_range(text: str) -> tuple[float, float] | None:
    """A range of amounts in 亿元, lower first: "在1万亿到1.5万亿之间" / "1-1.5万亿" / "between 1 and 1.5 trillion".
    The first amount takes the second's unit when it has none of its own ("1到1.5万亿")."""
    m = _RANGE.search(text)
    if not m or not (re.search(r"之间|区间|between|范围|以内", text, re.I) or m[2]):
        return None
    low, high = zh_number(m[1]), zh_number(m[3])
    if low is None or high is None:
        return None
    unit_hi = _UNIT_YI[m[4].lower()]
    unit_lo = _UNIT_YI[m[2].lower()] if m[2] else unit_hi
    a, b = float(low) * unit_lo, float(high) * unit_hi
    return (min(a, b), max(a, b)) if a > 0 and b > 0 and a != b else None


_TOPIC_STRIP = re.compile(
    r"有关|关于|相关的?|最近|近期|今天|今日|昨天|有什么|有没有|哪些|什么|的|新闻|消息|资讯|快讯|头条|请|帮我|给我|找|查|看看|一下|吗|呢|"
    r"\b(what's|whats|any|the|latest|recent|news|headlines?|about|on|regarding|stories|what|is|are|there|show|me|find|give|some|of|for|today|yesterday|please)\b",
    re.I,
)


# English topic words and their usual Chinese terms: the news is Chinese and lexical matching
# (and the "mentions the topic" check) need the Chinese word.
_EN_TOPICS = {
    "csrc": "证监会",
    "securities regulator": "证监会",
    "regulator": "证监会",
    "pboc": "央行",
    "central bank": "央行",
    "rate cut": "降息",
    "interest rate": "利率",
    "rrr": "降准",
    "reserve requirement": "降准",
    "chip": "芯片",
    "semiconductor": "半导体",
    "brokerage": "券商",
    "broker": "券商",
    "property": "房地产",
    "real estate": "房地产",
    "northbound": "北向资金",
    "robot": "机器人",
    "tariff": "关税",
    "stimulus": "政策",
    "policy": "政策",
    "bank": "银行",
    "liquor": "白酒",
    "new energy": "新能源",
    "battery": "电池",
    "gold": "黄金",
    "margin": "两融",
    "state fund": "国家队",
    "national team": "国家队",
    "star market": "科创板",
    "computing power": "算力",
}


def topic_of(text: str, today: date) -> str | None:
    m = re.search(r"(?:关于|有关)(.+?)(?:的)?(?:新闻|消息|资讯|快讯)", text) or re.search(
        r"(?:news|headlines?|stories)\s+(?:about|on|regarding)\s+(.+?)[?.!]*$", text, re.I
    )
    raw = m[1] if m else text
    for f in absolute_dates(raw, today):
        raw = raw.replace(f.raw, " ")
    raw = re.sub(r"[？?！!。,.，、:：\"'“”]", " ", _TOPIC_STRIP.sub(" ", raw))
    topic = " ".join(w for w in raw.split() if len(w) > 1 or not w.isascii())
    return expand_topic(topic) or None


def expand_topic(topic: str) -> str:
    """Add the Chinese terms of known English topic words: "CSRC" -> "CSRC 证监会"."""
    low = f" {topic.lower()} "
    extra = [zh for en, zh in _EN_TOPICS.items() if re.search(rf"\b{en}s?\b", low) and zh not in topic]
    return " ".join([topic, *dict.fromkeys(extra)]).strip()
