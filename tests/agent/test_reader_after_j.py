"""Issue 16's reader after blind set J, each class on phrasings of our own (not the sets'): spans inside or across
months, a year alone in English, a period left out or restated in brackets, the first session over a line, the
index's own statistics, and follow-ups that keep the period or the day on the table. End to end offline on the
bundled history; figures checked against the snapshot CSV."""

from __future__ import annotations

import csv
import gzip
from datetime import date, datetime
from pathlib import Path

import pytest

from agent.answer import Turn
from agent.context import AgentContext
from agent.offline import answerer as offline
from agent.offline.reading.periods import period_words
from tests.agent.offline_env import ZONE, fresh_context

SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"
_LINES = [ln for ln in gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8").splitlines() if not ln.startswith("#")]
ROWS = list(csv.DictReader(_LINES))
TOTAL = {r["date"]: float(r["sh_yuan"]) + float(r["sz_yuan"]) for r in ROWS}
CLOCK = date(2026, 11, 23)


def yi(value: float) -> str:
    return f"{value / 1e8:.1f}亿元"


def span(a: str, b: str) -> list[float]:
    return [v for d, v in TOTAL.items() if a <= d <= b]


def chat(ctx: AgentContext, *questions: str) -> list[str]:
    history: list[Turn] = []
    replies = []
    for question in questions:
        answer = offline.answer(question, ctx, history=history)
        history += [Turn(role="user", text=question), Turn(role="assistant", text=answer.text, meta=answer.meta)]
        replies.append(answer.text)
    return replies


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("Mar 2-13 2026 turnover", "2026-03-02..2026-03-13"),
        ("from February to April 2025", "2025-02-01..2025-04-30"),
        ("2025年3到5月日均", "2025-03-01..2025-05-31"),
        ("2026年3月下旬合计", "2026-03-21..2026-03-31"),
        ("2025年11月中旬", "2025-11-11..2025-11-20"),
        ("second half of March 2026", "2026-03-16..2026-03-31"),
        ("16-20 March 2026", "2026-03-16..2026-03-20"),
        ("average in 2023?", "2023"),
        ("从3月到现在的日均", "2026-03-01.."),
    ],
)
def test_spans_inside_and_across_months_are_one_period(text: str, spec: str) -> None:
    found = period_words(text, default_year=2026, clock_day=CLOCK)
    assert [p.spec for p in found] == [spec]


def test_a_period_left_out_is_not_asked_and_one_restated_in_brackets_is_one() -> None:
    assert [p.spec for p in period_words("不算2月，3月到现在", default_year=2026, clock_day=CLOCK)] == ["2026-03-01.."]
    restated = period_words("最近两个月（6-7月）合计", default_year=2026, clock_day=CLOCK)
    assert [p.spec for p in restated] == ["2026-06-01..2026-07-31"]


def test_a_month_span_in_english_is_summed_over_its_days(ctx):
    text = offline.answer("what was the total for Mar 2-13 2026?", ctx).text
    assert f"{sum(span('2026-03-02', '2026-03-13')) / 1e8:,.1f} 亿元" in text


def test_the_first_session_ever_over_a_line_is_that_day_not_the_first_session(ctx):
    first = next(d for d, v in TOTAL.items() if v >= 2e12)
    text = offline.answer("历史上头一天成交额站上2万亿是哪天", ctx).text
    assert "1991年4月3日" not in text
    assert f"{int(first[:4])}年{int(first[5:7])}月{int(first[8:])}日" in text


def test_the_index_highest_close_names_the_day_and_its_turnover(ctx):
    year = [r for r in ROWS if r["date"].startswith("2025")]
    best = max(year, key=lambda r: float(r["sz_close"]))
    text = offline.answer("2025年深成指收盘最高是哪天", ctx).text
    assert f"{float(best['sz_close']):.2f}点" in text and yi(TOTAL[best["date"]]) in text


def test_sessions_by_the_index_move_are_counted_not_declined(ctx):
    picked = [r for r in ROWS if r["date"].startswith("2025") and r["sh_pct"] and float(r["sh_pct"]) < -2]
    mean = sum(TOTAL[r["date"]] for r in picked) / len(picked)
    text = offline.answer("2025年上证跌超2%的交易日有几天，那些天平均成交多少", ctx).text
    assert f"有{len(picked)}个" in text and yi(mean).replace("亿元", "") in text


def test_a_count_of_the_other_move_keeps_the_period(ctx):
    _, second = chat(ctx, "2026年6月放量的有几天", "缩量几天")
    june = [d for d in TOTAL if d.startswith("2026-06")]
    every = sorted(TOTAL)
    down = sum(1 for d in june if TOTAL[d] < TOTAL[every[every.index(d) - 1]])
    assert "2026年6月" in second and f"缩量（成交额低于前一交易日）的交易日有{down}个" in second


def test_a_rank_after_a_day_ranks_that_day(ctx):
    _, second = chat(ctx, "2025年10月9日成交额", "排历史第几")
    rank = 1 + sum(1 for v in TOTAL.values() if v > TOTAL["2025-10-09"])
    assert f"2025年10月9日（周四），{yi(TOTAL['2025-10-09'])}" in second and f"排第{rank}高" in second


def test_both_markets_added_up_after_each_one(ctx):
    *_, third = chat(ctx, "2025年四季度沪市合计", "深市呢", "两个加起来")
    assert f"两市成交额合计{yi(sum(span('2025-10-01', '2025-12-31')))}" in third


def test_the_index_month_then_that_months_turnover(ctx):
    _, move, turnover = chat(ctx, "上证指数2026年3月10日收盘多少点", "当月涨幅呢", "同期日均成交")
    assert "2026年3月" in move and "涨跌幅" in move
    assert yi(sum(span("2026-03-01", "2026-03-31")) / len(span("2026-03-01", "2026-03-31"))) in turnover


def test_the_sessions_after_the_day_on_the_table(ctx):
    _, second = chat(ctx, "2025年9月1日成交额", "之后三个交易日合计呢")
    assert "2025年9月2日至2025年9月4日" in second and yi(sum(span("2025-09-02", "2025-09-04"))) in second


def test_two_days_asked_then_which_was_higher(ctx):
    *_, third = chat(ctx, "turnover on 2026-03-10?", "and 2026-03-11?", "which one was higher and by how much?")
    diff = TOTAL["2026-03-11"] - TOTAL["2026-03-10"]
    assert f"{abs(diff) / 1e8:,.1f} 亿元" in third


def test_two_industries_added_up_with_their_share(ctx):
    *_, third = chat(ctx, "2026年7月15日白酒成交额", "银行呢", "两个合计占两市多少")
    assert "白酒、银行合计成交额" in third and "占两市成交额" in third


@pytest.mark.parametrize("question", ["2025年9月1日两市乘交额", "2025年9月1号那天地量到底多少"])
def test_a_typo_of_the_measure_or_slang_beside_a_date_is_that_days_turnover(ctx, question: str):
    assert yi(TOTAL["2025-09-01"]) in offline.answer(question, ctx).text


def test_last_weeks_day_asked_at_the_weekend_gives_both_readings(tmp_path):
    saturday = datetime(2026, 3, 14, 10, 0, tzinfo=ZONE)
    for ctx in fresh_context(tmp_path, saturday):
        text = offline.answer("上周三的量", ctx).text
        assert "2026年3月4日" in text and yi(TOTAL["2026-03-11"]) in text and yi(TOTAL["2026-03-04"]) in text
