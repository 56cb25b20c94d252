from datetime import date

import pytest

from agent.answer import Turn
from agent.question import WeekdayCalendar, detect_lang, parse_question

TODAY = date(2026, 7, 31)  # a Friday: the latest session in the bundled history


class HolidayCalendar(WeekdayCalendar):
    """Weekdays minus the 2025 National Day closure, enough to test trading-day arithmetic."""

    CLOSED = {date(2025, 10, d) for d in (1, 2, 3, 6, 7, 8)}

    def is_trading_day(self, day: date) -> bool:
        return super().is_trading_day(day) and day not in self.CLOSED

    def previous(self, day: date) -> date:
        day = super().previous(day)
        while day in self.CLOSED:
            day = super().previous(day)
        return day


def p(text: str, today: date = TODAY, history=(), calendar=None):
    return parse_question(text, today, history, calendar)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为什么今天两市成交额突破1万亿？", "zh"),
        ("What was turnover on Oct 9, 2025?", "en"),
        ("A股 turnover yesterday?", "en"),
        ("2025-10-09 成交额", "zh"),
    ],
)
def test_detect_lang(text, expected):
    assert detect_lang(text) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025年10月9日两市成交额多少", date(2025, 10, 9)),
        ("10月9日两市成交额", date(2025, 10, 9)),  # the latest 10月9日 not after today
        ("7月30日成交额", date(2026, 7, 30)),
        ("2025-10-09的成交额", date(2025, 10, 9)),
        ("2025/10/9 成交额", date(2025, 10, 9)),
        ("20251009成交额", date(2025, 10, 9)),
        ("今天成交额多少", TODAY),
        ("昨天成交额", date(2026, 7, 30)),
        ("前天的成交额", date(2026, 7, 29)),
        ("上周五成交额", date(2026, 7, 24)),
        ("上个星期一成交额", date(2026, 7, 20)),
        ("上个交易日成交额是多少", date(2026, 7, 30)),
        ("What was turnover today?", TODAY),
        ("turnover yesterday", date(2026, 7, 30)),
        ("turnover last Friday", date(2026, 7, 24)),
        ("turnover on Oct 9, 2025", date(2025, 10, 9)),
        ("turnover on 9 October 2025", date(2025, 10, 9)),
        ("turnover on October 9th", date(2025, 10, 9)),
    ],
)
def test_dates(text, day):
    assert p(text).dates == [day]


def test_relative_days_skip_weekends_and_holidays():
    monday = date(2025, 10, 13)
    assert p("昨天成交额", monday).dates == [date(2025, 10, 10)]
    holiday_cal = HolidayCalendar()
    assert p("上个交易日成交额", date(2025, 10, 9), calendar=holiday_cal).dates == [date(2025, 9, 30)]
    assert p("前天成交额", date(2025, 10, 10), calendar=holiday_cal).dates == [date(2025, 9, 30)]


def test_relative_days_count_from_the_clock_when_the_data_lags():
    """今天 is the latest session with data; 昨天, 上周五 and a year left out follow the clock."""
    clock_day = date(2026, 11, 23)  # a Monday, months after the latest session (TODAY)

    def q(text: str) -> list[date]:
        return parse_question(text, TODAY, clock_day=clock_day).dates

    assert q("今天成交额") == [TODAY]
    assert q("昨天成交额") == [date(2026, 11, 20)]
    assert q("turnover last Friday") == [date(2026, 11, 20)]
    assert q("上个交易日成交额") == [date(2026, 11, 20)]
    assert q("10月9日成交额") == [date(2026, 10, 9)]


def test_seed_question():
    q = p("为什么今天两市成交额突破1万亿？比上个交易日多了多少？")
    assert q.lang == "zh" and q.intent == "why"
    assert q.dates == [TODAY] and q.implicit_today
    assert q.threshold_yi == 10000.0 and q.wants_change and q.direction == "up"


@pytest.mark.parametrize(
    ("text", "threshold"),
    [
        ("成交额突破2万亿", 20000.0),
        ("成交额站上1.5万亿了吗", 15000.0),
        ("两万亿成交额", 20000.0),
        ("成交额破万亿", 10000.0),
        ("did turnover cross 1 trillion yuan?", 10000.0),
        ("turnover above 2.5 trillion", 25000.0),
        ("成交额跌破8000亿", 8000.0),
    ],
)
def test_thresholds(text, threshold):
    assert p(text).threshold_yi == threshold


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("2025年10月9日两市成交额多少？", "turnover_day"),
        ("How much was turnover on 2025-10-09?", "turnover_day"),
        ("为什么10月9日放量？", "why"),
        ("Why did turnover jump on Oct 9, 2025?", "why"),
        ("比较2025年10月9日和2024年10月8日的成交额", "compare"),
        ("compare 2024-10-08 vs 2025-10-09", "compare"),
        ("最近20个交易日成交额", "range"),
        ("last 10 days turnover", "range"),
        ("本周成交额", "range"),
        ("本月成交额走势", "range"),
        ("有什么关于证监会的新闻", "news"),
        ("news about chips", "news"),
        ("帮助", "help"),
        ("what can you do?", "help"),
        ("你好", "unclear"),
        ("tell me a joke", "unclear"),
    ],
)
def test_intents(text, intent):
    assert p(text).intent == intent


def test_change_base_is_not_the_day_asked():
    q = p("今天成交额比上个交易日多了多少")
    assert q.dates == [TODAY] and q.wants_change
    q = p("How much more than the previous session was turnover today?")
    assert q.dates == [TODAY] and q.wants_change


def test_ranges():
    q = p("最近20个交易日成交额")
    assert (q.range_days, q.range_end) == (20, TODAY)
    assert p("last 10 days turnover").range_days == 10
    assert p("本周成交额").range_days == 5  # Mon 27 .. Fri 31 Jul 2026
    assert p("本月成交额").range_days == 23  # weekdays of July 2026
    assert p("近两周成交额").range_days == 10
    last_week = p("上周成交额")
    assert (last_week.range_days, last_week.range_end) == (5, date(2026, 7, 24))


def test_news_topics():
    assert p("有什么关于证监会的新闻").topic == "证监会"
    assert p("news about chips").topic == "chips 芯片"
    assert p("半导体新闻").topic == "半导体"
    assert p("news about the CSRC").topic == "CSRC 证监会"  # the news is Chinese
    assert p("What's the latest news?").topic is None


def test_invalid_date_is_reported():
    q = p("2025年2月30日成交额")
    assert q.invalid_date == "2025年2月30日" and q.dates == []


def _history(meta: dict) -> list[Turn]:
    return [Turn(role="user", text="q"), Turn(role="assistant", text="a", meta=meta)]


def test_followups_reuse_the_previous_intent():
    history = _history({"intent": "why", "date": "2025-10-09", "threshold_yi": 20000.0})
    q = p("那昨天呢？", history=history)
    assert (q.intent, q.dates, q.followup, q.threshold_yi) == ("why", [date(2026, 7, 30)], True, 20000.0)
    cal = HolidayCalendar()
    q = p("and the day before?", history=history, calendar=cal)
    assert (q.intent, q.dates, q.lang) == ("why", [date(2025, 9, 30)], "en")
    q = p("上一个交易日呢", history=history, calendar=cal)
    assert q.dates == [date(2025, 9, 30)]
    q = p("what about Oct 8, 2024?", history=history)
    assert q.dates == [date(2024, 10, 8)] and q.intent == "why"


def test_followups_switch_to_range_and_news():
    history = _history({"intent": "turnover_day", "date": "2025-10-09"})
    assert p("那最近60天呢", history=history).intent == "range"
    assert p("那最近60天呢", history=history).range_days == 60
    news = p("那新闻呢？", history=history)
    assert news.intent == "news" and news.dates == [date(2025, 10, 9)]
    range_history = _history({"intent": "range", "date": "2026-07-31", "range_days": 10})
    assert p("那上周五呢", history=range_history).range_end == date(2026, 7, 24)


def test_a_full_question_after_history_is_not_a_followup():
    history = _history({"intent": "why", "date": "2025-10-09"})
    q = p("2024年10月8日两市成交额多少？", history=history)
    assert not q.followup and q.intent == "turnover_day" and q.dates == [date(2024, 10, 8)]
