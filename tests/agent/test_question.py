"""Reading questions into typed queries (agent.offline.reading.understand + the recognisers of
agent.offline.pipeline)."""

from datetime import date, timedelta

import pytest

from agent.answer import Turn
from agent.offline.answerer import read_question
from agent.offline.reading.periods import period_words
from agent.offline.reading.question import WeekdayCalendar, detect_lang, threshold_yi, zh_number
from agent.offline.reading.understand import Env

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


def read(text: str, clock: date = TODAY, history=(), calendar=None):
    env = Env(clock_day=clock, calendar=calendar or HolidayCalendar(), history=history)
    return read_question(text, env)


def one(text: str, **kw):
    queries = read(text, **kw)
    assert len(queries) == 1, queries
    return queries[0]


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
        ("10月9日两市成交额", date(2025, 10, 9)),  # the latest 10月9日 not after the clock
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
def test_days(text, day):
    q = one(text)
    assert q.kind == "day" and q.dates == [day]


def test_relative_days_are_calendar_days_of_the_clock():
    """昨天 on a Monday is the Sunday (the answer then says it was not a trading day)."""
    monday = date(2025, 10, 13)
    assert one("昨天成交额", clock=monday).dates == [monday - timedelta(days=1)]
    assert one("昨天成交额", clock=monday).relative_word == "昨天"
    assert one("上个交易日成交额", clock=date(2025, 10, 9)).dates == [date(2025, 9, 30)]
    lagging = date(2026, 11, 23)
    assert one("今天成交额", clock=lagging).dates == [lagging]
    assert one("10月9日成交额", clock=lagging).dates == [date(2026, 10, 9)]


def test_an_explicit_date_wins_over_relative_words():
    q = one("What was the combined turnover on 2024-10-08, and how did it compare with the previous session?")
    assert q.dates == [date(2024, 10, 8)] and q.want_change
    q = one("2024年10月8日成交额比上个交易日多了多少")
    assert q.dates == [date(2024, 10, 8)] and q.want_change


def test_a_question_in_parts_is_one_day_with_every_part_asked():
    q = one("2025年10月9日成交额多少？比上个交易日多了多少？为什么？")
    assert q.dates == [date(2025, 10, 9)] and q.want_change and q.want_why
    seed = one("为什么今天两市成交额突破1万亿？比上个交易日多了多少？")
    assert seed.want_why and seed.want_change and seed.threshold_yi == 10000.0 and seed.dates == [TODAY]


@pytest.mark.parametrize(
    ("text", "threshold"),
    [
        ("成交额突破2万亿", 20000.0),
        ("成交额站上1.5万亿了吗", 15000.0),
        ("两万亿成交额", 20000.0),
        ("一万五千亿", 15000.0),
        ("一点五万亿", 15000.0),
        ("成交额破万亿", 10000.0),
        ("did turnover cross 1 trillion yuan?", 10000.0),
        ("turnover above 2.5 trillion", 25000.0),
        ("成交额跌破8000亿", 8000.0),
        ("成交额跌破八千亿", 8000.0),
    ],
)
def test_thresholds(text, threshold):
    assert threshold_yi(text) == threshold


@pytest.mark.parametrize(("text", "value"), [("二十", 20), ("一百二十", 120), ("两万", 20000), ("一万五千", 15000)])
def test_chinese_numerals(text, value):
    assert zh_number(text) == value


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("2015年6月成交额", "2015-06"),
        ("2024年一季度", "2024Q1"),
        ("Q3 2025 turnover", "2025Q3"),
        ("2026年上半年", "2026H1"),
        ("2024年全年", "2024"),
        ("in 2024", "2024"),
        ("June 2015", "2015-06"),
        ("本周", "this_week"),
        ("上周", "last_week"),
        ("上个月", "last_month"),
        ("今年以来", "ytd"),
        ("去年", "last_year"),
        ("近20个交易日", "last:20"),
        ("最近两周", "last:10"),
        ("last 10 sessions", "last:10"),
        ("2024-10-01到2024-10-31", "2024-10-01..2024-10-31"),
        ("历史上最高", "all"),
    ],
)
def test_periods(text, spec):
    assert [p.spec for p in period_words(text)][:1] == [spec]


def test_a_day_inside_a_month_name_is_the_day():
    assert period_words("What was the turnover on 9 Oct 2025?") == []


@pytest.mark.parametrize(
    ("text", "measure", "period"),
    [
        ("2015年6月成交额最高的是哪一天？", "summary", "2015-06"),
        ("2024年成交额合计多少", "summary", "2024"),
        ("2025年成交额超过2万亿的有几天", "count", "2025"),
        ("两市成交额第一次超过2万亿是哪一天", "first", "all"),
        ("2024年10月8日成交额历史第几高", "rank", "all"),
        ("成交额已经连续多少天超过1万亿", "streak", "all"),
        ("本周成交额比上周多还是少？", "compare", "this_week"),
        ("今年成交额最高的5天", "top", "this_year"),
        ("最近20个交易日平均成交额", "summary", "last:20"),
    ],
)
def test_statistics(text, measure, period):
    q = one(text)
    assert q.kind == "stats" and q.stats.measure == measure and q.stats.period == period


def test_statistics_slots():
    q = one("本周成交额比上周多还是少？")
    assert q.stats.compare_to == "last_week"
    q = one("2024年10月8日成交额历史第几高")
    assert q.stats.date == date(2024, 10, 8)
    assert one("2015年6月成交额最高的是哪一天？").focus == "max"
    assert one("2025年沪市成交额最高是哪天").stats.part == "sh"
    assert one("2020年以来成交额第一次超过1万亿是哪天").stats.since == date(2020, 1, 1)
    assert one("今年成交额最高的5天").stats.n == 5


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("明天会涨吗？", "prediction"),
        ("会不会突破3万亿", "prediction"),
        ("Will turnover exceed 3 trillion tomorrow?", "prediction"),
        ("贵州茅台今天成交额多少", "stock"),
        ("600519成交额", "stock"),
        ("北向资金今天净流入多少", "northbound"),
        ("板块资金流向怎么样", "not_in_data"),  # money flows are not kept; "AI板块成交额多少" is answered
        ("半导体ETF成交额", "not_in_data"),  # an ETF is not kept, whatever industry it is named after
        ("今天天气怎么样", "out_of_scope"),
    ],
)
def test_refusals(text, kind):
    q = one(text)
    assert q.kind == "refusal" and q.refusal == kind


@pytest.mark.parametrize("text", ["你好", "tell me a joke", "今天吃什么", "asdfgh"])
def test_unclear(text):
    assert one(text).kind == "unclear"


def test_news_topics():
    assert one("有什么关于证监会的新闻").topic == "证监会"
    assert one("news about chips").topic == "chips 芯片"
    assert one("半导体新闻").topic == "半导体"
    assert one("news about the CSRC").topic == "CSRC 证监会"  # the news is Chinese
    assert one("What's the latest news?").topic is None


def test_invalid_date_is_reported():
    q = one("2025年2月30日成交额")
    assert q.kind == "invalid_date" and q.invalid == "2025年2月30日"


def _history(meta: dict) -> list[Turn]:
    return [Turn(role="user", text="q"), Turn(role="assistant", text="a", meta=meta)]


def test_followups_keep_the_subject():
    history = _history({"intent": "day", "date": "2025-10-09", "want_why": True, "threshold_yi": 20000.0})
    q = one("那昨天呢？", history=history)
    assert (q.kind, q.dates, q.followup, q.threshold_yi, q.want_why) == (
        "day",
        [TODAY - timedelta(1)],
        True,
        20000.0,
        True,
    )
    q = one("and the day before?", history=history)
    assert q.dates == [date(2025, 9, 30)] and q.lang == "en"
    assert one("what about Oct 8, 2024?", history=history).dates == [date(2024, 10, 8)]
    news = one("那新闻呢？", history=history)
    assert news.kind == "news"


def test_after_two_days_the_earlier_one_is_explained_against_the_later():
    history = _history({"intent": "day", "date": "2025-09-30", "table": ["2025-09-30", "2025-10-09"]})
    q = one("为什么前一天比较少？", history=history)
    assert q.kind == "pair" and q.dates == [date(2025, 9, 30), date(2025, 10, 9)] and q.explain_first and q.want_why


def test_a_statistic_followup_changes_only_the_period():
    history = _history(
        {
            "intent": "stats",
            "stats": {"measure": "count", "period": "2025", "threshold_yi": 20000.0},
            "focus": "summary",
        }
    )
    q = one("那2024年呢？", history=history)
    assert q.stats.measure == "count" and q.stats.period == "2024" and q.stats.threshold_yi == 20000.0


def test_a_full_question_after_history_is_not_a_followup():
    history = _history({"intent": "day", "date": "2025-10-09", "want_why": True})
    q = one("2024年10月8日两市成交额多少？", history=history)
    assert not q.followup and q.dates == [date(2024, 10, 8)] and not q.want_why


@pytest.mark.parametrize(
    "meta",
    [
        {"intent": "why", "date": "2025-10-09", "threshold_yi": 20000.0},  # memory written by the older answerer
        {"intent": "range", "date": "2026-07-31", "range_days": 10},
        {"intent": "stats", "stats": {"measure": "no such measure"}},
    ],
)
def test_followups_survive_meta_from_older_versions(meta):
    q = one("那前一天呢？", history=_history(meta))
    assert q.kind == "day" and (q.dates or q.latest) and q.followup
