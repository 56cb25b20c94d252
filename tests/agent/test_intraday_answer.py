"""Intraday questions answered offline from minute bars brought in by the intraday import."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from agent.context import AgentContext
from agent.offline import answerer as offline
from agent.offline.intraday.answer import recognise
from agent.summary import daily_summary
from config import Settings
from tests.agent.offline_env import ZONE
from tests.tools.intraday_fixtures import flat_session, write_csv
from tools.importer import import_file, load_kind
from tools.service import MarketData

YI = 1e8
# Per-minute amounts (亿元, SH + SZ): 40 + 60 on 07-29, 36 + 54 on 07-30, 48 + 72 on 07-31 (until 14:10).
FLAT = {date(2026, 7, 29): (40, 60), date(2026, 7, 30): (36, 54)}
TODAY = date(2026, 7, 31)


@pytest.fixture
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("intraday")
    sessions = [flat_session(d, sh * YI, sz * YI) for d, (sh, sz) in FLAT.items()]
    sessions.append(flat_session(TODAY, 48 * YI, 72 * YI, upto=time(14, 10)))
    assert import_file(write_csv(path / "m.csv", *sessions), load_kind("intraday"), Settings(data_dir=path)).ok
    return path


def at(data_dir, controlled_news, moment: datetime) -> AgentContext:
    settings = Settings(data_dir=data_dir, auto_fetch=False, load_demo_corpus=False)
    return AgentContext(
        settings=settings, market=MarketData(settings, clock=lambda: moment), news=controlled_news, now=lambda: moment
    )


def moment(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute, 20), ZONE)


@pytest.mark.parametrize(
    ("text", "live", "day", "minute", "focus", "line"),
    [
        ("现在成交额多少？", True, None, None, {"level"}, None),
        ("比昨天同期放量还是缩量？", True, None, None, {"compare"}, None),
        ("几点破的万亿？", False, None, None, {"crossing"}, 10000.0),
        ("今天几点突破1.5万亿", True, None, None, {"crossing"}, 15000.0),
        ("全天预计多少？", True, None, None, {"estimate"}, None),
        ("7月29日上午10点成交额多少", False, date(2026, 7, 29), time(10, 0), {"level"}, None),
        ("昨天下午两点半成交额", False, date(2026, 7, 30), time(14, 30), {"level"}, None),
        ("午盘成交额多少", True, None, time(11, 30), {"level"}, None),
        ("What time did turnover pass 1 trillion today?", True, None, None, {"crossing"}, 10000.0),
        ("What was turnover at 10:30 on Jul 30?", False, date(2026, 7, 30), time(10, 30), {"level"}, None),
        ("How much has traded so far, and what's the full-day estimate?", True, None, None, {"estimate"}, None),
    ],
)
def test_recognised_questions(text, live, day, minute, focus, line):
    ask = recognise(text, "zh", moment(TODAY, 14, 10), live=live)
    assert ask is not None
    assert (ask.day, ask.at, set(ask.focus), ask.threshold_yi) == (day, minute, focus, line)


@pytest.mark.parametrize(
    ("text", "live"),
    [
        ("2025年10月9日成交额多少", True),
        ("为什么今天放量", True),
        ("今天成交额多少", False),  # after the close: the daily answer
        ("比昨天放量了吗", False),
        ("最近有什么新闻", True),
    ],
)
def test_not_intraday_questions(text, live):
    assert recognise(text, "zh", moment(TODAY, 16, 0), live=live) is None


def test_now_with_the_same_time_comparison(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(TODAY, 14, 10))
    a = offline.answer("现在成交额多少？比昨天同期放量还是缩量？", ctx)
    lines = a.text.splitlines()
    # 14:10 is bar 190: 191 x 120 = 22920; 07-30 then 191 x 90 = 17190; mean (100 + 90) / 2 x 191 = 18145.
    assert lines[0] == "截至2026-07-31 14:10，沪深两市成交额2.29万亿元（沪市9168.0亿元，深市1.38万亿元）。"
    assert lines[1].startswith("较上一交易日（07-30）同一时间（1.72万亿元）放量5730.0亿元（+33.3%）")
    one = offline.answer("比昨天同期放量还是缩量？", ctx)  # asked alone: the answer to it comes first
    assert one.text.startswith("截至14:10，较上一交易日（07-30）同一时间（1.72万亿元）放量5730.0亿元（+33.3%）。")
    assert "较近2个交易日均值同一时间（1.81万亿元）放量4775.0亿元（+26.3%）" in a.text
    assert a.meta["intent"] == "intraday" and a.meta["parts"] == ["intraday", "intraday"]
    assert (a.meta["date"], a.meta["at"], a.meta["total_yi"]) == ("2026-07-31", "14:10", 22920.0)
    assert a.chart.kind == "intraday" and a.chart.at == time(14, 10)


def test_crossing_time_and_estimate_in_english(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(TODAY, 14, 10))
    a = offline.answer("What time did turnover pass 2 trillion today?", ctx)
    # 120 x (j + 1) >= 20000 first at j = 166 -> 13:46; 07-30 had 167 x 90 = 15030 then.
    assert a.text.startswith("Passed 2 trillion at 13:46 (up 501.0 billion yuan on the previous session")
    est = offline.answer("全天预计多少？", ctx)
    # Flat sessions reach 191/241 of the day by 14:10: 22920 / (191 / 241) = 120 x 241 = 28920.
    assert est.text.startswith("预计全天约2.89万亿元（估算，并非确定值")
    assert "方法：按截至此刻的累计成交额 ÷ 近2个交易日" in est.text and "可靠性较低" in est.text
    not_yet = offline.answer("今天几点突破3万亿", ctx)
    assert not_yet.text.startswith("截至14:10尚未突破3万亿（目前2.29万亿元）。")


def test_past_session_at_a_minute(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(date(2026, 8, 1), 10, 0))
    a = offline.answer("7月29日上午10点成交额多少", ctx)
    assert a.text.startswith("截至2026-07-29 10:00，沪深两市成交额3100.0亿元（沪市1240.0亿元，深市1860.0亿元）。")
    assert "本地没有更早交易日的分钟数据" in a.text and a.meta["at"] == "10:00"


def test_weekend_says_closed_first_and_gives_the_last_session(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(date(2026, 8, 1), 10, 0))  # Saturday
    for question, lead in [
        ("现在成交额多少？", "今天（2026-08-01）休市，以下是最近交易日 2026-07-31 的数据。"),
        ("How much has traded so far?", "The market is closed today (2026-08-01); figures for the last session"),
    ]:
        a = offline.answer(question, ctx)
        assert a.text.startswith(lead) and a.meta["date"] == "2026-07-31"


def test_after_the_close_now_says_closed(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(date(2026, 7, 30), 16, 0))
    a = offline.answer("现在成交额多少", ctx)
    assert a.text.startswith("今天已收盘（15:00）。\n2026-07-30 全天沪深两市成交额2.17万亿元")


def test_trading_hours_without_a_refresh_say_so_first(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(date(2026, 8, 3), 10, 5))  # Monday, no bars stored yet
    a = offline.answer("现在成交额多少？", ctx)
    assert a.text.startswith("今天（2026-08-03）还没有分钟数据（尚未刷新），以下是 2026-07-31 的数据。")


def test_a_moment_of_a_day_without_minute_data_points_to_the_daily_figure(data_dir, controlled_news):
    """The day's full total is not what traded at 10:00: it is pointed to, not given as the answer."""
    ctx = at(data_dir, controlled_news, moment(date(2026, 8, 1), 10, 0))
    a = offline.answer("7月28日上午10点成交额多少", ctx)
    assert a.text.startswith("2026-07-28 没有分钟成交额数据（本地分钟数据：2026-07-29 至 2026-07-31）")
    assert "可以问“2026年7月28日成交额多少”" in a.text and "亿元" not in a.text


def test_a_closed_day_asked_with_an_intraday_word_gets_its_daily_figure(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(date(2026, 8, 1), 10, 0))
    a = offline.answer("7月28日盘中成交额多少", ctx)
    first, second = a.text.splitlines()[:2]
    assert first.startswith("2026-07-28 没有分钟成交额数据")
    assert second.startswith("日线数据：2026-07-28 全天成交额")


def test_daily_summary_gains_the_intraday_line(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(date(2026, 7, 30), 16, 0))
    text = daily_summary(ctx, date(2026, 7, 30)).text
    # 07-30 (90 a minute): 1万亿 at j = 111 -> 11:21, 1.5万亿 at j = 166 -> 13:46, 2万亿 at j = 222 -> 14:42;
    # at 11:30 (bar 120): 121 x 90 = 10890 against 121 x 100 = 12100 on 07-29.
    assert (
        "盘中11:21破1万亿，13:46破1.5万亿，14:42破2万亿；午盘（11:30）较上一交易日（07-29）同一时间（1.21万亿元）缩量1210.0亿元（-10.0%）。"
        in text
    )
    assert "盘中" not in daily_summary(ctx, date(2026, 7, 24)).text  # no minute data that day: no line


def test_lunch_break_says_so_first(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(TODAY, 12, 15))
    a = offline.answer("现在成交额多少？", ctx)
    assert a.text.startswith("午间休市（11:30—13:00），以下是上午收盘时的数据。\n截至2026-07-31 11:30，")
    assert "1.45万亿元" in a.text.splitlines()[1]  # 121 x 120


def test_stale_minute_data_in_a_session_is_said_first(tmp_path, controlled_news):
    from tools.intraday.models import MinuteBar
    from tools.intraday.service import IntradayData

    def store(fetched: datetime) -> AgentContext:
        ctx = at(tmp_path / fetched.strftime("%H%M"), controlled_news, moment(TODAY, 14, 10))
        bars = flat_session(TODAY, 48 * YI, 72 * YI, upto=time(14, 10))
        IntradayData(ctx.settings).store.upsert(
            MinuteBar(day=t.date(), minute=t.time(), sh_yuan=sh, sz_yuan=sz, source="test", fetched_at=fetched)
            for t, (sh, sz) in bars.items()
        )
        return ctx

    old = store(datetime(2026, 7, 31, 13, 0, tzinfo=ZONE))
    report = old.market.intraday_data().report()
    assert report.live and report.stale and report.freshness_note == "分钟数据最后更新于 13:00，可能不是最新"
    assert offline.answer("现在成交额多少？", old).text.startswith("分钟数据最后更新于 13:00，可能不是最新。")
    fresh = store(datetime(2026, 7, 31, 14, 10, 5, tzinfo=ZONE))
    assert not fresh.market.intraday_data().report().stale


def test_follow_ups_keep_the_subject_and_change_the_minute_or_the_day(data_dir, controlled_news):
    from agent.answer import Turn

    ctx = at(data_dir, controlled_news, moment(TODAY, 14, 10))
    history: list[Turn] = []
    for question, start in [
        ("现在成交额多少？", "截至2026-07-31 14:10，沪深两市成交额2.29万亿元"),
        ("那10点呢？", "截至2026-07-31 10:00，沪深两市成交额3720.0亿元"),  # 31 x 120
        ("那7月30日呢？", "截至2026-07-30 10:00，沪深两市成交额2790.0亿元"),  # the same minute, 31 x 90
    ]:
        a = offline.answer(question, ctx, history)
        assert a.text.startswith(start), a.text
        history += [Turn(role="user", text=question), Turn(role="assistant", text=a.text, meta=a.meta)]
    assert offline.answer("那为什么呢？", ctx, history).meta["intent"] != "intraday"


def test_a_question_in_parts_gets_one_answer_in_order(data_dir, controlled_news):
    ctx = at(data_dir, controlled_news, moment(TODAY, 14, 10))
    a = offline.answer("现在成交额多少？比昨天同期放量还是缩量？几点破的万亿？全天预计多少？", ctx)
    lines = a.text.splitlines()
    assert lines[0].startswith("截至2026-07-31 14:10，沪深两市成交额2.29万亿元")
    assert lines[1].startswith("较上一交易日（07-30）同一时间（1.72万亿元）放量5730.0亿元")
    assert lines[2].startswith("关口：10:53突破1万亿")  # 120 x (j + 1) >= 10000 first at j = 83
    assert any(line.startswith("预计全天约2.89万亿元") for line in lines) and a.text.count("截至2026-07-31") == 1
