"""Issue 16's reader generalisations, each on phrasings of its own (not the blind sets'): days named by a holiday,
follow-ups that change one slot, shapes (top N as a list, two periods each, each year in order), and one-session
windows read as days. Reading only, on the real trading calendar; no answer is looked up."""

from __future__ import annotations

from datetime import date

import pytest

from agent.answer import Turn
from agent.offline.answerer import read_question
from agent.offline.reading import holidays
from agent.offline.reading.understand import Env
from tools.calendar import TradingCalendar


@pytest.fixture(scope="module")
def calendar(tmp_path_factory):  # noqa: ANN001, ANN201
    from config import Settings
    from tools.daily.store import TurnoverStore

    data = tmp_path_factory.mktemp("cal")
    return TradingCalendar.load(Settings(data_dir=data, auto_fetch=False), TurnoverStore.open(data))


def read(text: str, clock: date, calendar, history=()):  # noqa: ANN001, ANN201
    return read_question(text, Env(clock_day=clock, calendar=calendar, history=history), "zh")


@pytest.mark.parametrize(
    ("text", "clock", "expected"),
    [
        ("国庆长假后第一天", date(2025, 10, 15), "2025年10月9日"),
        ("劳动节前最后一个交易日", date(2025, 5, 20), "2025年4月30日"),
        ("去年春节后首日", date(2026, 7, 31), "2025年2月5日"),
    ],
)
def test_a_holiday_named_day_becomes_its_date(text: str, clock: date, expected: str, calendar) -> None:  # noqa: ANN001
    assert holidays.rewrite(text, clock, calendar) == expected


def test_holiday_words_that_name_no_day_stay(calendar) -> None:  # noqa: ANN001
    assert holidays.rewrite("国庆期间成交额多少", date(2025, 10, 15), calendar) == "国庆期间成交额多少"


def test_top_n_as_a_list_is_top_not_every_day(calendar) -> None:  # noqa: ANN001
    (q,) = read("把2024年成交额最高的三天列出来", date(2026, 7, 31), calendar)
    assert q.stats is not None and (q.stats.measure, q.stats.n, q.stats.period) == ("top", 3, "2024")


def test_a_window_of_n_sessions_is_still_a_window(calendar) -> None:  # noqa: ANN001
    (q,) = read("近3个交易日成交额分别是多少", date(2026, 7, 31), calendar)
    assert q.stats is not None and (q.stats.measure, q.stats.period) == ("days", "last:3")


def test_the_previous_session_and_the_latest_session_are_days(calendar) -> None:  # noqa: ANN001
    (q,) = read("2026-03-02成交额，和前一个交易日比变化多少", date(2026, 7, 31), calendar)
    assert q.kind == "day" and q.dates == [date(2026, 3, 2)]
    (latest,) = read("最近一天的成交额", date(2026, 7, 31), calendar)
    assert latest.kind == "day" and latest.latest


def test_two_quarters_each_are_compared_not_split_by_exchange(calendar) -> None:  # noqa: ANN001
    (q,) = read("去年三季度和四季度的日均成交额各多少", date(2026, 7, 31), calendar)
    assert q.stats is not None and (q.stats.measure, q.stats.period, q.stats.compare_to) == (
        "compare",
        "2025Q3",
        "2025Q4",
    )
    assert not q.extra.get("split")


def test_each_year_of_a_range_in_order(calendar) -> None:  # noqa: ANN001
    (q,) = read("2021到2023每一年成交额合计分别多少", date(2026, 7, 31), calendar)
    assert q.stats is not None and q.stats.period == "2021-01-01..2023-12-31"
    assert q.extra.get("by") == "year" and q.extra.get("listed")


def test_weekday_mean_is_a_mean_not_a_sunday(calendar) -> None:  # noqa: ANN001
    (q,) = read("上周日均成交", date(2026, 7, 29), calendar)
    assert q.stats is not None and q.stats.period == "last_week" and q.focus == "mean"


def _after_day(day: str, part: str | None = None) -> list[Turn]:
    meta = {"intent": "day", "date": day, "lang": "zh"} | ({"part": part} if part else {})
    return [Turn(role="user", text="…"), Turn(role="assistant", text="…", meta=meta)]


def test_compared_with_the_day_before_keeps_the_day_and_the_market(calendar) -> None:  # noqa: ANN001
    (q,) = read("跟前一个交易日比呢？", date(2026, 7, 31), calendar, _after_day("2026-06-10", "sz"))
    assert q.kind == "day" and q.dates == [date(2026, 6, 10)] and q.want_change and q.part == "sz"


def test_the_month_that_contains_the_day_on_the_table(calendar) -> None:  # noqa: ANN001
    (q,) = read("那个月日均呢？", date(2026, 7, 31), calendar, _after_day("2025-03-14"))
    assert q.kind == "stats" and q.stats is not None and q.stats.period == "2025-03"


def test_against_a_named_weekday_is_a_pair_with_the_day_on_the_table(calendar) -> None:  # noqa: ANN001
    (q,) = read("和周二比呢", date(2026, 7, 27), calendar, _after_day("2026-07-24"))
    assert q.kind == "pair" and q.dates == [date(2026, 7, 21), date(2026, 7, 24)]
