"""The shapes added after blind set C, each on phrasings of our own (not the blind sets'): one session of a period
by its place, 放量/缩量 days counted, in runs and by their biggest change, weeks and quarters ranked and counted,
so-far against the same part of the period before, index extremes; and the words that must not turn into "the
latest day" (gibberish, an unnamed 那天, a count by a rule not read). Reading only, on the real trading calendar."""

from __future__ import annotations

from datetime import date

import pytest

from agent.answer import Turn
from agent.offline.answerer import read_question
from agent.offline.reading.understand import Env
from tools.calendar import TradingCalendar

CLOCK = date(2026, 7, 31)


@pytest.fixture(scope="module")
def calendar(tmp_path_factory):  # noqa: ANN001, ANN201
    from config import Settings
    from tools.daily.store import TurnoverStore

    data = tmp_path_factory.mktemp("cal")
    return TradingCalendar.load(Settings(data_dir=data, auto_fetch=False), TurnoverStore.open(data))


def read_one(text: str, calendar, clock: date = CLOCK, history=()):  # noqa: ANN001, ANN201
    queries = read_question(text, Env(clock_day=clock, calendar=calendar, history=history), "zh")
    assert len(queries) == 1, [q.kind for q in queries]
    return queries[0]


@pytest.mark.parametrize(
    ("text", "focus", "period"),
    [
        ("2024年的最后一个交易日两市成交多少", "last_session", "2024"),
        ("上个月第一个交易日量能", "first_session", "last_month"),
        ("What was turnover on the last trading day of 2023?", "last_session", "2023"),
    ],
)
def test_one_session_of_a_period_by_its_place(text, focus, period, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar)
    assert q.kind == "stats" and q.focus == focus and q.stats.period == period


@pytest.mark.parametrize(
    ("text", "measure", "move", "order_by"),
    [
        ("6月份缩量的交易日一共几天", "count", "down", "amount"),
        ("今年连续放量最长几天", "streak", "up", "amount"),
        ("去年哪天放量最猛", "top", None, "change"),
        ("2025年单日缩量最多的一天", "bottom", None, "change"),
        ("how many days in 2024 was turnover higher than the previous day", "count", "up", "amount"),
    ],
)
def test_volume_moves_are_counted_run_and_ranked(text, measure, move, order_by, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar)
    assert q.kind == "stats" and q.stats.measure == measure
    assert q.stats.volume_move == move and q.stats.order_by == order_by


def test_both_directions_asked_are_both_counted(calendar) -> None:  # noqa: ANN001
    q = read_one("今年放量和缩量各有几天", calendar)
    assert q.stats is not None and q.stats.measure == "count" and q.extra["both_moves"]


@pytest.mark.parametrize(
    ("text", "by"),
    [("2024年哪个季度日均最高", "quarter"), ("今年哪一周成交最多", "week"), ("25年哪个月最低", "month")],
)
def test_groups_of_a_period_are_ranked(text, by, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar)
    assert q.kind == "stats" and q.extra["by"] == by


def test_months_over_a_line_are_counted(calendar) -> None:  # noqa: ANN001
    q = read_one("2024年有几个月日均超过1万亿", calendar)
    assert q.extra["group_count"] and q.extra["by"] == "month" and q.focus == "mean"


@pytest.mark.parametrize(
    ("text", "clock", "spans"),
    [
        ("本月至今成交额比上月同期多多少", date(2026, 5, 20), ("2026-05-01..2026-05-20", "2026-04-01..2026-04-20")),
        ("今年以来日均和去年同期比", date(2026, 3, 31), ("2026-01-01..2026-03-31", "2025-01-01..2025-03-31")),
    ],
)
def test_so_far_against_the_same_part_of_the_period_before(text, clock, spans, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar, clock)
    assert q.kind == "stats" and (q.stats.period, q.stats.compare_to) == spans


def test_the_week_before_last_and_its_weekday(calendar) -> None:  # noqa: ANN001
    week = read_one("上上周成交合计", calendar, date(2026, 7, 29))
    assert week.stats is not None and week.stats.period == "2026-W29"
    day = read_one("上上周五成交额", calendar, date(2026, 7, 29))
    assert day.kind == "day" and day.dates == [date(2026, 7, 17)]


def test_a_relative_year_before_a_month_and_day_is_that_year(calendar) -> None:  # noqa: ANN001
    q = read_one("去年6月3号量能多少", calendar, date(2026, 4, 1))
    assert q.kind == "day" and q.dates == [date(2025, 6, 3)]


def test_a_month_named_later_than_the_clock_is_last_years(calendar) -> None:  # noqa: ANN001
    q = read_one("11月日均多少", calendar, date(2026, 7, 1))
    assert q.stats is not None and q.stats.period == "2025-11"


@pytest.mark.parametrize(
    ("text", "index", "measure"),
    [("上证今年最大单日涨幅是哪天", "sh_pct", "top"), ("深成指去年跌得最狠的三天", "sz_pct", "bottom")],
)
def test_index_extremes_rank_days_by_the_index_move(text, index, measure, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar)
    assert q.stats is not None and (q.stats.order_by, q.stats.measure) == (index, measure)


@pytest.mark.parametrize(
    ("text", "word"),
    [("qwerty 成交额", "qwerty"), ("那天两市成交额多少", "那天"), ("今年有几天成交高于去年的均值", "有几天")],
)
def test_words_no_reading_places_are_named_not_answered(text, word, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar)
    assert q.kind == "unclear" and word in q.extra["unplaced"][0]


@pytest.mark.parametrize("text", ["现在能追吗", "帮我推荐两只票", "下周还能继续放量吗"])
def test_advice_and_predictions_are_refused_first(text, calendar) -> None:  # noqa: ANN001
    q = read_one(text, calendar)
    assert q.kind == "refusal" and q.refusal in ("advice", "prediction")


def test_year_on_year_after_a_quarter(calendar) -> None:  # noqa: ANN001
    meta = {"intent": "stats", "stats": {"measure": "summary", "period": "2025Q2"}, "date": "2025-06-30"}
    history = [Turn(role="user", text="2025年二季度成交多少"), Turn(role="assistant", text="…", meta=meta)]
    q = read_one("同比呢", calendar, history=history)
    assert q.stats is not None and (q.stats.measure, q.stats.period, q.stats.compare_to) == (
        "compare",
        "2025Q2",
        "2024Q2",
    )


def test_a_range_of_month_days_is_one_period(calendar) -> None:  # noqa: ANN001
    q = read_one("2025年4月7日到4月11日一共成交了多少", calendar)
    assert q.stats is not None and q.stats.period == "2025-04-07..2025-04-11"
    nick = read_one("612那波 从6月12号到6月19号日均多少", calendar, date(2015, 7, 1))  # the nickname is that date
    assert nick.stats is not None and nick.stats.period == "2015-06-12..2015-06-19"


def test_a_day_asked_inside_a_year_without_a_date_is_not_the_years_figure(calendar) -> None:  # noqa: ANN001
    q = read_one("24年光棍节那天成交额", calendar)
    assert q.kind == "unclear" and "那天" in q.extra["unplaced"][0]


def test_the_other_volume_direction_as_a_follow_up(calendar) -> None:  # noqa: ANN001
    meta = {"intent": "stats", "stats": {"measure": "count", "period": "2025-03", "volume_move": "down"}}
    history = [Turn(role="user", text="25年3月缩量几天"), Turn(role="assistant", text="…", meta=meta)]
    q = read_one("放量呢", calendar, history=history)
    assert q.stats is not None and (q.stats.measure, q.stats.volume_move, q.stats.period) == ("count", "up", "2025-03")


def test_same_period_last_year_after_a_year_to_date(calendar) -> None:  # noqa: ANN001
    meta = {"intent": "stats", "stats": {"measure": "summary", "period": "ytd"}}
    history = [Turn(role="user", text="今年以来合计多少"), Turn(role="assistant", text="…", meta=meta)]
    q = read_one("跟去年同期比呢", calendar, date(2026, 5, 8), history=history)
    assert q.stats is not None and q.stats.measure == "compare"
    assert (q.stats.period, q.stats.compare_to) == ("2026-01-01..2026-05-08", "2025-01-01..2025-05-08")
