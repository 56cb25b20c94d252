"""The blind grader's own rules, on written replies (no answerer): how figures print, what a decline is."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.agent.blind import matching as M
from tests.agent.blind.grading import Sessions, grade_turn

ZONE = ZoneInfo("Asia/Shanghai")
TOTAL = 2_541_948_177_796.45  # 2026-07-31, 元


@pytest.mark.parametrize(
    "printed",
    ["25419.5亿元", "25,419.5 亿元", "约2.54万亿元", "25419亿", "2.54 trillion yuan", "2,541.9 billion yuan"],
)
def test_an_amount_matches_at_its_printed_precision(printed: str) -> None:
    assert M.find("total_yuan", TOTAL, f"当天成交{printed}。") is not None


@pytest.mark.parametrize("printed", ["25419.7亿元", "约3万亿元", "2.5万亿元", "2.55万亿元"])
def test_an_amount_off_or_too_coarse_does_not_match(printed: str) -> None:
    assert M.find("total_yuan", TOTAL, f"当天成交{printed}。") is None


def test_a_change_matches_on_its_size_unless_the_sign_disagrees() -> None:
    assert M.find("change_yuan", -50_839_876_545.26, "减少508.4亿元") is not None
    assert M.find("change_yuan", -50_839_876_545.26, "down 508.4 亿元") is not None
    assert M.find("change_yuan", -50_839_876_545.26, "变化+508.4亿元") is None
    assert M.find("change_pct", -2.448, "(-2.4%)") is not None
    assert M.find("change_pct", -2.448, "(-2.5%)") is None


@pytest.mark.parametrize(
    "printed", ["2024-10-08", "2024/10/8", "2024年10月8日", "10月8号", "Tue 8 Oct 2024", "Oct 8, 2024", "October 8"]
)
def test_dates_in_every_usual_form(printed: str) -> None:
    assert M.find("max_date", "2024-10-08", f"最高在{printed}。") is not None
    assert M.find("max_date", "2024-10-09", f"最高在{printed}。") is None


def test_counts_ranks_months_and_percentiles() -> None:
    assert M.find("count_days", 38, "有38个交易日") is not None
    assert M.find("count_days", 38, "38 sessions") is not None
    assert M.find("count_days", 38, "共380个交易日") is None
    assert M.find("rank", 13, "排第13高") is not None
    assert M.find("month", "2026-05", "最高的是2026年5月（日均…）") is not None
    assert M.find("percentile_pct", 99.465, "处在第99.5百分位") is not None


def test_example_questions_state_nothing() -> None:
    reply = "没太明白你的问题。可以这样问：\n• 2025年10月9日两市成交额多少？\n• 今年成交额超过2万亿的有几天？"
    assert M.stated(reply, "在吗") == []
    assert M.stated("我不预测能否破3万亿元。", "明天能破3万亿吗") == []  # a round threshold, echoed


SESSIONS = Sessions.of([("2026-07-30", 1.1e12, 1.2428e12), ("2026-07-31", 1.18768e12, 1.35427e12)])
AFTER_CLOSE = datetime(2026, 7, 31, 19, 0, tzinfo=ZONE)


def _decline(reply: str, question: str, reason: str, now: datetime = AFTER_CLOSE) -> str:
    expect = {"kind": "decline", "decline_reason": reason, "query": {}}
    return grade_turn(question, reply, expect, {}, SESSIONS, now).verdict


def test_a_decline_substitutes_no_figure() -> None:
    assert _decline("我没有科创板的数据，无法回答。", "科创板今天成交额多少", "no 科创板 split") == "declined_correctly"
    market = "最新交易日2026年7月31日，沪深两市成交额25419.5亿元。"
    assert _decline(market, "科创板今天成交额多少", "no 科创板 split") == "wrong"
    named = "我没有科创板的数据；" + market
    assert _decline(named, "科创板今天成交额多少", "no 科创板 split") == "declined_correctly"
    # A cue about something else (minute data) does not decline advice.
    aside = "本地还没有任何分钟成交额数据。日线数据：2026-07-31 全天成交额2.54万亿元。"
    assert _decline(aside, "现在能抄底吗", "advice; bot must not advise") == "wrong"


def test_a_decline_reason_is_read_in_either_language() -> None:
    holiday = (
        "注意：2026-05-01 是劳动节休市日，A股不交易；以下为此前最近交易日 2026-04-30 的数据。两市成交额27409.1亿元。"
    )
    for reason in ("2026-05-01 was a Labour Day holiday", "2026-05-01 劳动节休市"):
        assert _decline(holiday, "5月1号成交多少", reason) == "declined_correctly", reason
    # under either language, a labelled aside must still decline the very thing asked first
    assert _decline("2026年4月30日两市成交额27409.1亿元。", "5月1号成交多少", "劳动节休市") == "wrong"
    assert _decline("我不做预测。目前最新交易日两市成交额25419.5亿元。", "下周会缩量吗", "预测") == "declined_correctly"
    weekend = "Note: 2026-07-25 is a Saturday; A-shares do not trade. Showing the session before: 19,311.4 亿元."
    assert _decline(weekend, "turnover last Saturday?", "not a trading day (weekend)") == "declined_correctly"
    assert _decline("Showing 24 Jul 2026: 19,311.4 亿元.", "turnover last Saturday?", "weekend") == "wrong"


def test_a_day_not_closed_is_never_shown() -> None:
    morning = datetime(2026, 7, 31, 10, 30, tzinfo=ZONE)
    reply = "本地没有分钟数据。日线数据：2026-07-31 全天成交额2.54万亿元。"
    assert _decline(reply, "现在成交额多少了", "no minute bars", morning) == "wrong"
    assert _decline("本地没有分钟数据，当天还没有收盘。", "现在成交额多少了", "no minute bars", morning) == (
        "declined_correctly"
    )


def test_a_rounded_restatement_beside_the_finer_figure_is_that_figure() -> None:
    # 2.54 trillion would match 2026-07-31's total at its printed precision; the figure stated is 25,400.0 亿
    morning = datetime(2026, 7, 31, 10, 30, tzinfo=ZONE)
    reply = "7月30日成交额2.54万亿元（25,400.0亿元）。"
    assert [n.raw for n in M.amounts(reply)] == ["25,400.0亿元"]
    expect = {"kind": "answer", "query": {"day": "2026-07-30"}}
    figures = {"total_yuan": 25_400.0e8}
    assert grade_turn("7月30日成交额", reply, expect, figures, SESSIONS, morning).verdict == "right"
    # alone, the rounded one is read
    assert [n.raw for n in M.amounts("7月30日2.54万亿元，另一天25,400.0亿元")] == ["2.54万亿元", "25,400.0亿元"]


def _answer(reply: str, figures: dict, day: str = "2026-07-31") -> str:
    expect = {"kind": "answer", "query": {"day": day}}
    return grade_turn("问题", reply, expect, figures, SESSIONS, AFTER_CLOSE).verdict


def test_answers_right_partial_wrong_and_declined() -> None:
    figures = {"total_yuan": TOTAL, "sz_yuan": 1.35427e12}
    assert _answer("2026年7月31日两市25419.5亿元，深市13542.7亿元。", figures) == "right"
    assert _answer("2026年7月31日两市25419.5亿元。", figures) == "partial"
    assert _answer("2026年7月30日两市23428.0亿元。", figures) == "wrong"  # another day
    assert _answer("没太明白你的问题。", figures) == "declined_answerable"
