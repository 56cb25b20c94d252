"""Rule-based understanding of the common question shapes (no LLM).

``parse_question`` turns a Chinese or English question into an intent, the
trading days it names, a threshold line, a topic and a range length. 今天/today
(and a question naming no day) means ``today``, which the caller sets to the
latest session with data; other relative words (昨天, 上周五, last Friday) and
years left out resolve against the clock's date ``clock_day``, so a store that
lags the clock is never read as if it were current; trading days come from the
calendar when one is given (weekdays otherwise). Follow-ups ("那昨天呢？",
"and the day before?") reuse the previous answer's ``meta``:

    {"intent": str, "date": "YYYY-MM-DD" | None, "dates": [...], "range_days": int,
     "range_end": "YYYY-MM-DD", "threshold_yi": float, "topic": str, "lang": "zh"|"en"}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from agent.answer import Turn
from agent.wording import EN_MONTH_NUMBERS

Intent = Literal["turnover_day", "why", "compare", "range", "news", "help", "unclear"]


class Calendar(Protocol):
    def previous(self, day: date) -> date: ...
    def is_trading_day(self, day: date) -> bool: ...


class WeekdayCalendar:
    """Stand-in when no exchange calendar is at hand: Monday to Friday."""

    def previous(self, day: date) -> date:
        day -= timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return day

    def is_trading_day(self, day: date) -> bool:
        return day.weekday() < 5


@dataclass
class ParsedQuestion:
    text: str
    lang: Literal["zh", "en"]
    intent: Intent
    dates: list[date] = field(default_factory=list)  # the days named, in order of mention
    implicit_today: bool = False  # no day named, or 今天/today: the latest session with data
    threshold_yi: float | None = None
    direction: Literal["up", "down"] | None = None
    wants_change: bool = False  # "比上个交易日多了多少" / "how much more than the previous session"
    range_days: int | None = None
    range_end: date | None = None
    range_label: str | None = None
    topic: str | None = None
    followup: bool = False
    invalid_date: str | None = None  # text of a date that does not exist (2025-02-30)

    @property
    def day(self) -> date | None:
        return self.dates[0] if self.dates else None


def detect_lang(text: str) -> Literal["zh", "en"]:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk and cjk * 3 >= latin else ("zh" if not latin and not cjk else "en")


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

_HELP = re.compile(r"帮助|你能做什么|能回答什么|怎么用|使用说明|^/?help\b|what can you|how do i use", re.I)
_WHY = re.compile(
    r"为什么|为何|原因|怎么回事|驱动|推动|因为什么|"
    r"\bwhy\b|\breasons?\b|\bdrove\b|\bdriv(?:e|er|ers|ing)\b|what caused|behind",
    re.I,
)
_NEWS = re.compile(r"新闻|消息|资讯|快讯|公告|头条|\bnews\b|\bheadlines?\b|\bstories\b", re.I)
_TURNOVER = re.compile(
    r"成交额|成交量|成交|量能|交易额|放量|缩量|\bturnover\b|\bvolume\b|\btraded\b|\btrading value\b", re.I
)
_UP = re.compile(
    r"突破|站上|超过|破|放量|增加|上升|大增|多了|暴增|\bcross|\babove\b|\bsurg|\bjump|\brose\b|\brise\b|\bincreas|\bhit\b|\btop",
    re.I,
)
_DOWN = re.compile(r"跌破|缩量|减少|下降|萎缩|少了|回落|\bfell\b|\bfall|\bdrop|\bdeclin|\bshr[iu]nk|\bbelow\b", re.I)
_CHANGE = re.compile(
    r"(比|较|相比|相较于?)(上个|上一个?|前一个?)?(交易日|日|天)|多了多少|少了多少|变化多少|增加了?多少|减少了?多少|"
    r"(than|versus|vs\.?|compared (to|with)) (the )?(previous|prior|last) (session|trading day|day)|"
    r"how much (more|less)",
    re.I,
)
_FOLLOWUP_START = re.compile(r"^\s*(那|那么|还有|再|那如果|and\b|what about\b|how about\b|and what about\b)", re.I)
_DAY_BEFORE = re.compile(
    r"前一天|前一个?交易日|上一个?交易日|再往前|再前一天|"
    r"the day before|previous (session|trading day|day)|day before that|prior session",
    re.I,
)


def _zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(c not in _ZH_DIGITS for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)
    return _ZH_DIGITS[text] if len(text) == 1 else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day_: int, today: date) -> int:
    """The latest year in which month/day is not after today."""
    for year in (today.year, today.year - 1, today.year - 4):
        candidate = _safe_date(year, month, day_)
        if candidate and candidate <= today:
            return year
    return today.year - 1


# --- dates ---------------------------------------------------------------------------------


@dataclass
class _Found:
    pos: int
    day: date | None
    raw: str


def _absolute_dates(text: str, today: date) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, y: int | None, mo: int, d: int) -> None:
        if any(s <= m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        year = y if y is not None else _year_for(mo, d, today)
        found.append(_Found(m.start(), _safe_date(year, mo, d), m.group(0)))

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
    for m in re.finditer(r"(?<!\d)(\d{1,2})/(\d{1,2})(?![\d/])", text):  # 10/9 read as month/day
        if 1 <= int(m[1]) <= 12:
            add(m, None, int(m[1]), int(m[2]))
    return found


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _relative_dates(text: str, today: date, clock_day: date, cal: Calendar) -> list[_Found]:
    """Relative days: 今天/today is ``today`` (the latest session); the others count back from the clock."""
    found: list[_Found] = []
    low = text.lower()

    def add(pattern: str, resolve, unless_before: str | None = None) -> None:
        for m in re.finditer(pattern, low):
            before = low[max(0, m.start() - 16) : m.start()]
            if unless_before and re.search(unless_before, before):
                continue  # e.g. "比上个交易日" is the comparison base, not the day asked about
            found.append(_Found(m.start(), resolve(m), m.group(0)))

    add(r"大前天|three days ago", lambda m: cal.previous(cal.previous(cal.previous(clock_day))))
    add(r"(?<!大)前天|day before yesterday", lambda m: cal.previous(cal.previous(clock_day)))
    add(r"昨天|昨日|(?<!before )yesterday", lambda m: cal.previous(clock_day))
    add(r"今天|今日|当天|\btoday\b", lambda m: today)
    add(r"(上个|上一个?)交易日(?!呢)", lambda m: cal.previous(clock_day), unless_before=r"(比|较|相比|相较于?)$")
    add(
        r"\b(last|previous|prior) (trading day|session)\b",
        lambda m: cal.previous(clock_day),
        unless_before=r"(than|versus|vs\.?|compared (to|with)|from|over)( the)? $",
    )
    add(
        r"上个?(?:周|星期|礼拜)([一二三四五六日天])",
        lambda m: _week_start(clock_day) - timedelta(days=7) + timedelta(days=_ZH_WEEKDAY[m[1]]),
    )
    add(
        r"(?<!上)(?<!上个)(?:周|星期|礼拜)([一二三四五六日天])",
        lambda m: _week_start(clock_day) + timedelta(days=_ZH_WEEKDAY[m[1]]),
    )
    add(
        r"\blast (mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
        lambda m: _week_start(clock_day) - timedelta(days=7) + timedelta(days=_EN_WEEKDAY[m[1]]),
    )
    add(
        r"\b(?:on |this )(mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b",
        lambda m: _week_start(clock_day) + timedelta(days=_EN_WEEKDAY[m[1]]),
    )
    return found


# --- other slots ---------------------------------------------------------------------------


def _threshold(text: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*万亿", text)
    if m:
        return float(m[1]) * 10000
    m = re.search(r"([一二两三四五六七八九十]+)(?:点([一二三四五六七八九]))?\s*万亿", text)
    if m and (whole := _zh_number(m[1])):
        return (whole + (_ZH_DIGITS[m[2]] / 10 if m[2] else 0)) * 10000.0
    if re.search(r"(破|上|过|超)万亿", text):
        return 10000.0
    m = re.search(r"(\d+(?:\.\d+)?)\s*(trillion|tn)\b", text, re.I)
    if m:
        return float(m[1]) * 10000
    m = re.search(r"\b(one|two|three) trillion\b", text, re.I)
    if m:
        return {"one": 1, "two": 2, "three": 3}[m[1].lower()] * 10000.0
    m = re.search(r"(?<![\d.])(\d{3,5})\s*亿", text)
    if m and not re.search(r"成交额(是|为|有)", text):
        return float(m[1])
    return None


def _range(text: str, today: date, cal: Calendar) -> tuple[int, date, str] | None:
    """(sessions, end, label) for a window the question names."""
    low = text.lower()
    m = re.search(
        r"(最近|近|过去|前(?!一个?(?:交易)?[日天]))\s*([0-9]+|[一二两三四五六七八九十]+)\s*(个)?(交易日|日|天|个?星期|周|个月)(?!\s*(?:均|平均|的均))",
        text,
    )
    if m and (n := _zh_number(m[2])):
        unit = m[4]
        days = n * 5 if "周" in unit or "星期" in unit else (n * 21 if "月" in unit else n)
        return days, today, m[0]
    m = re.search(r"\b(last|past|recent|previous)\s+(\d+)\s+(trading\s+)?(days|sessions|weeks|months)\b", low)
    if m:
        n = int(m[2])
        days = n * 5 if m[4] == "weeks" else (n * 21 if m[4] == "months" else n)
        return days, today, m[0]

    def count(start: date, end: date) -> int:
        day, n = start, 0
        while day <= end:
            n += cal.is_trading_day(day)
            day += timedelta(days=1)
        return max(n, 1)

    if re.search(r"本周|这周|这一周|\bthis week\b", low):
        return count(_week_start(today), today), today, "本周"
    if re.search(r"上周(?![一二三四五六日天])|上个?星期(?![一二三四五六日天])|\blast week\b", low):
        end = _week_start(today) - timedelta(days=1)
        start = end - timedelta(days=6)
        while not cal.is_trading_day(end):
            end -= timedelta(days=1)
        return count(start, end), end, "上周"
    if re.search(r"本月|这个月|\bthis month\b", low):
        return count(today.replace(day=1), today), today, "本月"
    if re.search(r"最近|近期|走势|趋势|\brecent(ly)?\b|\btrend\b", low) and _TURNOVER.search(text):
        return 20, today, "最近"
    return None


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


def _topic(text: str, today: date) -> str | None:
    m = re.search(r"(?:关于|有关)(.+?)(?:的)?(?:新闻|消息|资讯|快讯)", text) or re.search(
        r"(?:news|headlines?|stories)\s+(?:about|on|regarding)\s+(.+?)[?.!]*$", text, re.I
    )
    raw = m[1] if m else text
    for f in _absolute_dates(raw, today):
        raw = raw.replace(f.raw, " ")
    raw = re.sub(r"[？?！!。,.，、:：\"'“”]", " ", _TOPIC_STRIP.sub(" ", raw))
    topic = " ".join(w for w in raw.split() if len(w) > 1 or not w.isascii())
    return expand_topic(topic) or None


def expand_topic(topic: str) -> str:
    """Add the Chinese terms of known English topic words: "CSRC" -> "CSRC 证监会"."""
    low = f" {topic.lower()} "
    extra = [zh for en, zh in _EN_TOPICS.items() if re.search(rf"\b{en}s?\b", low) and zh not in topic]
    return " ".join([topic, *dict.fromkeys(extra)]).strip()


def _previous_meta(history: Sequence[Turn]) -> dict[str, Any] | None:
    for turn in reversed(history):
        if turn.role == "assistant" and turn.meta.get("intent"):
            return turn.meta
    return None


def _is_followup_shape(text: str, lang: str) -> bool:
    stripped = text.strip()
    short = len(stripped) <= 16 if lang == "zh" else len(stripped.split()) <= 7
    return short and (
        bool(_FOLLOWUP_START.search(stripped))
        or stripped.rstrip("?？ ").endswith("呢")
        or bool(_DAY_BEFORE.search(stripped))
    )


# --- entry point ---------------------------------------------------------------------------


def parse_question(
    text: str,
    today: date,
    history: Sequence[Turn] = (),
    calendar: Calendar | None = None,
    clock_day: date | None = None,
) -> ParsedQuestion:
    """Read one question. ``today`` is the latest session with data, ``clock_day`` the clock's
    date (default ``today``)."""
    cal = calendar or WeekdayCalendar()
    clock_day = clock_day or today
    lang = detect_lang(text)
    pq = ParsedQuestion(text=text, lang=lang, intent="unclear")

    found = sorted(_absolute_dates(text, clock_day) + _relative_dates(text, today, clock_day, cal), key=lambda f: f.pos)
    for f in found:
        if f.day is None:
            pq.invalid_date = pq.invalid_date or f.raw
        elif f.day not in pq.dates:
            pq.dates.append(f.day)
    pq.threshold_yi = _threshold(text)
    pq.wants_change = bool(_CHANGE.search(text))
    pq.direction = "down" if _DOWN.search(text) else ("up" if _UP.search(text) else None)
    window = _range(text, today, cal)
    if window:
        pq.range_days, pq.range_end, pq.range_label = window

    prev = _previous_meta(history)
    if prev and _is_followup_shape(text, lang) and not _HELP.search(text):
        return _followup(pq, prev, today, cal)

    if _HELP.search(text):
        pq.intent = "help"
    elif _NEWS.search(text) and not (_WHY.search(text) and _TURNOVER.search(text)):
        pq.intent = "news"
        pq.topic = _topic(text, today)
    elif _WHY.search(text):
        pq.intent = "why"
    elif len(pq.dates) >= 2:
        pq.intent = "compare"
    elif window:
        pq.intent = "range"
        if pq.dates:  # "2025年10月9日前20个交易日": the window ends on the named day
            pq.range_end = pq.dates[0]
    elif _TURNOVER.search(text) or pq.dates or pq.threshold_yi or pq.invalid_date:
        pq.intent = "turnover_day"
    if pq.intent in ("why", "turnover_day") and not pq.dates and not pq.invalid_date:
        pq.implicit_today = True
        pq.dates = [today]
    if pq.dates and pq.dates[0] == today and re.search(r"今天|今日|当天|\btoday\b", text, re.I):
        pq.implicit_today = True
    return pq


def _followup(pq: ParsedQuestion, prev: dict[str, Any], today: date, cal: Calendar) -> ParsedQuestion:
    pq.followup = True
    intent = prev.get("intent", "turnover_day")
    if pq.range_days is not None:
        intent = "range"
    elif _WHY.search(pq.text):
        intent = "why"
    elif _NEWS.search(pq.text):
        intent = "news"
    pq.intent = "turnover_day" if intent in ("compare", "help", "unclear") else intent
    base = date.fromisoformat(prev["date"]) if prev.get("date") else today
    if not pq.dates and not pq.invalid_date and _DAY_BEFORE.search(pq.text):
        try:
            pq.dates = [cal.previous(base)]
        except Exception:  # before the first session: let the answerer say there is no data
            pq.dates = [base - timedelta(days=1)]
    if pq.intent == "range":
        if pq.range_days is None:
            pq.range_days = int(prev.get("range_days") or 20)
            pq.range_end = pq.dates[0] if pq.dates else today
        return pq
    if pq.intent == "news":
        pq.topic = pq.topic or prev.get("topic")
        if not pq.dates and not pq.topic and prev.get("date"):
            pq.dates = [base]  # "那新闻呢？" after a day's answer: that day's news
        return pq
    if pq.threshold_yi is None and prev.get("threshold_yi"):
        pq.threshold_yi = float(prev["threshold_yi"])
    if not pq.dates and not pq.invalid_date:
        pq.dates = [base]
    return pq
