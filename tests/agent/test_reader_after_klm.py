"""Issue 16's reader after blind sets K to M, each class on phrasings of our own (not the sets'): the holiday whose eve
has come, runs of sessions next to a holiday, weekdays and weeks of the calendar, a date still to come, a day
against the same day a year before, the matching days of a count listed, industries on the clock's day, a theme's
breadth and share. End to end offline on the bundled history; figures checked against the snapshot CSV."""

from __future__ import annotations

import csv
import gzip
from datetime import date, datetime
from pathlib import Path

import pytest

from agent.offline import answerer as offline
from agent.offline.reading import holidays
from agent.offline.reading.periods import period_words
from tests.agent.offline_env import ZONE, fresh_context
from tests.agent.test_reader_after_j import chat
from tools.calendar import TradingCalendar

SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"
_LINES = [ln for ln in gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8").splitlines() if not ln.startswith("#")]
TOTAL = {r["date"]: float(r["sh_yuan"]) + float(r["sz_yuan"]) for r in csv.DictReader(_LINES)}


def yi(value: float) -> str:
    return f"{value / 1e8:.1f}亿元"


@pytest.fixture(scope="module")
def calendar(tmp_path_factory):  # noqa: ANN001, ANN201
    from config import Settings
    from tools.daily.store import TurnoverStore

    data = tmp_path_factory.mktemp("cal")
    return TradingCalendar.load(Settings(data_dir=data, auto_fetch=False), TurnoverStore.open(data))


def test_the_eve_of_a_holiday_about_to_start_is_that_holiday_s(calendar) -> None:  # noqa: ANN001
    # on the day before the 2025 National Day closure, "节前最后一个交易日" is that day, not the eve of the last one
    assert holidays.rewrite("国庆前最后一个交易日", date(2025, 9, 30), calendar) == "2025年9月30日"
    assert holidays.rewrite("劳动节前最后一个交易日", date(2026, 4, 30), calendar) == "2026年4月30日"


def test_runs_of_sessions_next_to_a_holiday(calendar) -> None:  # noqa: ANN001
    assert holidays.rewrite("国庆节后两天", date(2025, 10, 20), calendar) == "2025-10-09到2025-10-10"
    assert holidays.rewrite("五一前最后4个交易日", date(2026, 5, 20), calendar) == "2026-04-27到2026-04-30"


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("前三周合计", "2026-06-15..2026-07-05"),
        ("上周二到周四日均", "2026-06-30..2026-07-02"),
        ("本周一至周二", "2026-07-06..2026-07-07"),
    ],
)
def test_calendar_weeks_and_weekdays_of_a_week(text: str, spec: str) -> None:
    assert [p.spec for p in period_words(text, default_year=2026, clock_day=date(2026, 7, 8))] == [spec]


def test_this_weeks_day_is_a_day_not_the_week() -> None:
    assert period_words("这周四成交多少", default_year=2026, clock_day=date(2026, 7, 10)) == []


def test_a_date_in_the_coming_weeks_is_still_to_come(tmp_path):
    for ctx in fresh_context(tmp_path, datetime(2025, 11, 25, 20, 0, tzinfo=ZONE)):
        text = offline.answer("12月3号两市成交额", ctx).text
        assert "2025年12月3日还没有到" in text and "2024年12月" not in text


def test_a_day_against_the_same_day_a_year_before(tmp_path):
    for ctx in fresh_context(tmp_path, datetime(2026, 3, 10, 18, 0, tzinfo=ZONE)):
        text = offline.answer("今天比去年同期放量多少", ctx).text
        diff = TOTAL["2026-03-10"] - TOTAL["2025-03-10"]
        assert "2025年3月10日" in text and f"{abs(diff) / 1e8:.1f}亿元" in text


def test_the_days_a_count_finds_are_listed_when_asked(ctx):
    days = [d for d, v in TOTAL.items() if d.startswith("2025-11") and v < 1.8e12]
    text = offline.answer("2025年11月低于1.8万亿的是哪几天，一共几天", ctx).text
    assert f"有{len(days)}个" in text
    assert all(f"{int(d[5:7])}月{int(d[8:])}日" in text for d in days)


def test_industries_on_the_clocks_day_not_the_datas_last(tmp_path):
    for ctx in fresh_context(tmp_path, datetime(2025, 12, 12, 20, 0, tzinfo=ZONE)):
        assert offline.answer("今天成交额最大的行业是哪个", ctx).text.startswith("2025年12月12日")


def test_a_theme_s_stocks_that_rose_and_its_share_of_the_market(ctx):
    text = offline.answer("2026年3月6日金融合计成交多少，上涨家数多少，占两市比例", ctx).text
    assert "金融相关行业" in text and "上涨" in text and "家（共" in text and "占两市成交额" in text


def test_more_or_less_after_two_days(ctx):
    *_, third = chat(ctx, "2026年3月10日成交额", "3月9日呢", "多了还是少了")
    diff = TOTAL["2026-03-10"] - TOTAL["2026-03-09"]
    assert f"{abs(diff) / 1e8:.1f}亿元" in third


# --- after set L -------------------------------------------------------------------------------------------


def test_a_markets_share_asked_beside_both_markets(ctx):
    text = offline.answer("2025年12月12日沪市深市各成交多少，沪市占比多少", ctx).text
    sh = 909950905460.90 / TOTAL["2025-12-12"] * 100
    assert f"沪市占两市合计的{sh:.1f}%" in text


def test_a_period_to_now_with_a_share_is_a_statistic_not_a_moment(tmp_path):
    for ctx in fresh_context(tmp_path, datetime(2026, 3, 13, 20, 0, tzinfo=ZONE)):
        text = offline.answer("这个月到现在深市占两市比例多少", ctx).text
        assert "分钟" not in text and "本月" in text and "%" in text


def test_the_two_markets_named_together_are_not_split(ctx):
    text = offline.answer("2025年四季度两市合计和日均分别多少", ctx).text
    assert "沪市" not in text and yi(sum(v for d, v in TOTAL.items() if "2025-10-01" <= d <= "2025-12-31")) in text


def test_the_gap_between_a_periods_highest_and_lowest_day(ctx):
    nov = {d: v for d, v in TOTAL.items() if d.startswith("2025-11")}
    text = offline.answer("2025年11月成交最高和最低的一天差了多少", ctx).text
    assert f"最高的一天比最低的一天多{yi(max(nov.values()) - min(nov.values()))}" in text


def test_the_days_of_a_count_asked_next(ctx):
    _, second = chat(ctx, "2025年11月有几天低于1.8万亿", "分别是哪几天")
    days = [d for d, v in TOTAL.items() if d.startswith("2025-11") and v < 1.8e12]
    assert all(f"{int(d[5:7])}月{int(d[8:])}日" in second for d in days)


def test_the_highest_before_the_day_on_the_table(ctx):
    _, second = chat(ctx, "2024年10月8日成交额", "在这之前最高是哪天")
    before = {d: v for d, v in TOTAL.items() if d < "2024-10-08"}
    best = max(before, key=before.__getitem__)
    assert f"{int(best[:4])}年{int(best[5:7])}月{int(best[8:])}日" in second and yi(before[best]) in second


def test_two_sessions_in_a_row_added_up(ctx):
    *_, third = chat(ctx, "2026年3月10日成交额", "前一天呢", "两个加起来")
    assert yi(TOTAL["2026-03-09"] + TOTAL["2026-03-10"]) in third


def test_another_industry_keeps_the_share_asked(ctx):
    *_, third = chat(ctx, "2026年3月6日白酒成交额", "占两市多少", "银行呢")
    assert third.startswith("2026年3月6日，银行") and "占两市成交额" in third


# --- after set M -------------------------------------------------------------------------------------------


def test_an_amount_ranked_in_a_period_is_placed_not_today(ctx):
    text = offline.answer("1.5万亿在2025年排第几", ctx).text
    year = [v for d, v in TOTAL.items() if d.startswith("2025")]
    assert f"排第{1 + sum(v > 1.5e12 for v in year)}高" in text


def test_the_periods_highest_day_named_with_that_day(ctx):
    _, second = chat(ctx, "2025年11月日均成交多少", "最高的那天呢")
    nov = {d: v for d, v in TOTAL.items() if d.startswith("2025-11")}
    best = max(nov, key=nov.__getitem__)
    assert f"{int(best[5:7])}月{int(best[8:])}日" in second and yi(nov[best]) in second


def test_the_same_day_a_year_before_as_a_follow_up(ctx):
    _, second = chat(ctx, "2026年3月16日成交额", "那去年同一天呢")
    assert second.startswith("2025年3月14日")  # 2025-03-16 was a Sunday: the session before it
    assert yi(TOTAL["2025-03-14"]) in second


def test_the_first_ranked_day_is_the_day_on_the_table(ctx):
    _, second = chat(ctx, "2025年12月成交额最高的3天", "第一名那天沪市多少")
    dec = {d: v for d, v in TOTAL.items() if d.startswith("2025-12")}
    best = max(dec, key=dec.__getitem__)
    assert second.startswith(f"{int(best[:4])}年{int(best[5:7])}月{int(best[8:])}日沪市成交额")


def test_another_industry_keeps_the_period(ctx):
    _, second = chat(ctx, "2026年2月白酒行业日均成交额", "保险呢")
    assert "保险" in second and "2026年2月" in second and "日均" in second


def test_a_nickname_date_after_a_relative_year(tmp_path):
    for ctx in fresh_context(tmp_path, datetime(2025, 8, 20, 20, 0, tzinfo=ZONE)):
        assert yi(TOTAL["2024-09-24"]) in offline.answer("去年924两市成交多少", ctx).text


def test_from_a_holiday_to_now_is_a_period(tmp_path):
    for ctx in fresh_context(tmp_path, datetime(2025, 10, 17, 20, 0, tzinfo=ZONE)):
        days = [v for d, v in TOTAL.items() if "2025-10-09" <= d <= "2025-10-17"]
        assert yi(sum(days) / len(days)) in offline.answer("国庆节后到现在日均多少", ctx).text


def test_english_industry_rankings(ctx):
    text = offline.answer("Which industry had the highest turnover on 2026-03-06?", ctx).text
    assert text.startswith("On 6 Mar 2026") and "亿元" in text


def test_an_industry_s_advancers_asked_after_its_turnover_are_that_day_s(ctx):
    # one answer: the industry's turnover and its own rising stocks, on the day the first part named
    text = offline.answer("2026年7月30日半导体成交额多少？上涨家数几家？", ctx).text
    assert text.count("半导体（同花顺行业）") == 1 and "上涨7家（共183家）" in text and "全市场" not in text


def test_a_statistic_of_its_own_after_a_declined_forecast_is_answered_as_asked(ctx):
    _, second = chat(ctx, "下周会放量破3万亿吗", "那2026年破3万亿的有几天")
    count = sum(1 for d, v in TOTAL.items() if d.startswith("2026") and v >= 3e12)
    assert "2026年（2026年1月5日至" in second and f"交易日有{count}个" in second and "最新交易日" not in second
