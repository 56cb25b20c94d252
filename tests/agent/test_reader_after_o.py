"""Issue 16's reader after blind set O, each class on phrasings of our own (not the set's): a year said beside bare
months, two calendar periods joined into one span, a day to the year's end, a second clause continuing the first
one's period, follow-ups that change the amount placed or step one period back, an index follow-up naming another
period, and a theme over a period or asked as a 板块 with no board data. End to end offline on the bundled history;
figures checked against the bundled CSVs."""

from __future__ import annotations

import csv
import gzip
import json
import statistics
from datetime import date, datetime
from pathlib import Path

import pytest

from agent.offline import answerer as offline
from agent.offline.reading.periods import period_words
from tests.agent.offline_env import ZONE, fresh_context
from tests.agent.test_reader_after_j import chat

DATA = Path(__file__).resolve().parents[2] / "tools" / "data"


def _lines(name: str) -> list[str]:
    text = gzip.decompress((DATA / name).read_bytes()).decode("utf-8")
    return [ln for ln in text.splitlines() if not ln.startswith("#")]


ROWS = list(csv.DictReader(_lines("turnover_snapshot.csv.gz")))
TOTAL = {r["date"]: float(r["sh_yuan"]) + float(r["sz_yuan"]) for r in ROWS}
SH = {r["date"]: float(r["sh_yuan"]) for r in ROWS}
DAYS = sorted(TOTAL)


def yi(value: float) -> str:
    return f"{value / 1e8:.1f}亿元"


def between(a: str, b: str) -> list[str]:
    return [d for d in DAYS if a <= d <= b]


@pytest.mark.parametrize(
    ("text", "specs"),
    [
        ("10月和9月（2025年）日均对比", ["2025-10", "2025-09"]),
        ("September vs August this year", ["2026-09", "2026-08"]),
        ("between Nov 2025 and Jan 2026 how many days", ["2025-11-01..2026-01-31"]),
        ("2025年11月至2026年2月日均", ["2025-11-01..2026-02-28"]),
        ("Q2 to Q3 2025 average", ["2025-04-01..2025-09-30"]),
        ("11月和12月比", ["2026-11", "2026-12"]),  # 和 sets two months side by side, it joins nothing
        ("2025年11月3日到年底合计", ["2025-11-03..2025-12-31"]),
    ],
)
def test_years_beside_months_and_joined_spans(text: str, specs: list[str]) -> None:
    assert [p.spec for p in period_words(text, default_year=2026, clock_day=date(2026, 12, 1))] == specs


def test_a_second_clause_continues_the_first_one_s_period(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 1, 8, 18, 0, tzinfo=ZONE)):
        both = offline.answer("2025年11月日均成交多少？最低是哪天", ctx).text
        share = offline.answer("2025年三季度日均成交多少？沪市占比多少", ctx).text
    nov = between("2025-11-01", "2025-11-30")
    low = min(nov, key=TOTAL.__getitem__)
    assert yi(sum(TOTAL[d] for d in nov) / len(nov)) in both and yi(TOTAL[low]) in both
    q3 = between("2025-07-01", "2025-09-30")
    assert f"{sum(SH[d] for d in q3) / sum(TOTAL[d] for d in q3) * 100:.2f}%" in share


def test_follow_ups_change_the_amount_or_step_one_period_back(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        _, placed = chat(ctx, "2.5万亿在今年算什么分位", "3.5万亿呢")
        _, before, change = chat(
            ctx, "Average daily turnover in June 2026?", "and the month before?", "what's the change?"
        )
    year = between("2026-01-01", "2026-07-20")
    pct = sum(TOTAL[d] <= 3.5e12 for d in year) / len(year) * 100
    assert placed.startswith("35000.0亿元") and f"第{pct:.1f}百分位" in placed
    may, june = between("2026-05-01", "2026-05-31"), between("2026-06-01", "2026-06-30")
    mean_may, mean_june = (sum(TOTAL[d] for d in m) / len(m) for m in (may, june))
    assert f"{mean_may / 1e8:,.1f}" in before and "May 2026" in before
    assert change.startswith("The daily mean") and f"{(mean_june - mean_may) / 1e8:+,.1f}" in change


def test_an_index_follow_up_naming_another_period(tmp_path) -> None:  # noqa: ANN001
    closes = {r["date"]: float(r["sz_close"]) for r in ROWS if r["sz_close"]}
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        *_, april = chat(ctx, "深证成指5月涨了多少", "那4月呢")
    pct = (closes["2026-04-30"] / closes["2026-03-31"] - 1) * 100
    assert "2026年4月" in april and f"{pct:+.2f}%" in april


THEMES = {t["name"]: t["industries"] for t in json.loads((DATA / "industry_themes.json").read_text("utf-8"))["themes"]}


def _industries() -> list[dict]:
    return list(csv.DictReader(_lines("ths_industries.csv.gz")))


def test_a_theme_over_a_period_and_a_theme_asked_as_a_board(tmp_path) -> None:  # noqa: ANN001
    finance = set(THEMES["金融"])
    by_day: dict[str, float] = {}
    for r in _industries():
        if r["industry"] in finance and "2026-03-01" <= r["date"] <= "2026-03-31":
            by_day[r["date"]] = by_day.get(r["date"], 0.0) + float(r["amount_yuan"])
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        span = offline.answer("2026年3月金融成交额最高是哪天", ctx).text
        board = offline.answer("AI板块2026年3月2日成交额多少", ctx).text
    top = max(by_day, key=by_day.__getitem__)
    ai = set(THEMES["AI"])
    ai_day = sum(float(r["amount_yuan"]) for r in _industries() if r["date"] == "2026-03-02" and r["industry"] in ai)
    assert f"最高在{int(top[:4])}年{int(top[5:7])}月{int(top[8:])}日，{by_day[top] / 1e8:.1f}亿元" in span
    assert f"日均{statistics.mean(by_day.values()) / 1e8:.1f}亿元" in span
    assert board.startswith("暂无") and "同花顺行业口径" in board and f"{ai_day / 1e8:.1f}亿元" in board


def test_after_set_p_a_week_s_total_advice_and_theme_follow_ups(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 24, 18, 0, tzinfo=ZONE)):
        week = offline.answer("这周一共成交多少", ctx).text  # 一共, not Monday
        monday = offline.answer("这周一成交多少", ctx).text
        advice = offline.answer("成交放量了，仓位该上几成", ctx).text
        *_, energy = chat(ctx, "AI板块今天成交额多少", "占两市多少", "新能源呢")
        _, listed = chat(ctx, "今年破3.8万亿的有几天", "都列出来")
    days = between("2026-07-20", "2026-07-24")
    assert yi(sum(TOTAL[d] for d in days)) in week and monday.startswith("2026年7月20日")
    assert "投资建议" in advice and "亿元" not in advice
    energy_names = set(THEMES["新能源"])
    amount = sum(
        float(r["amount_yuan"]) for r in _industries() if r["date"] == "2026-07-24" and r["industry"] in energy_names
    )
    assert "新能源相关行业" in energy and f"{amount / TOTAL['2026-07-24'] * 100:.2f}%" in energy
    over = [d for d in between("2026-01-01", "2026-07-24") if TOTAL[d] >= 3.8e12]
    assert over and all(yi(TOTAL[d]) in listed for d in over)


def test_a_week_of_a_month_is_a_calendar_week_inside_it() -> None:
    clock = date(2026, 12, 1)
    assert [p.spec for p in period_words("2025年6月最后一周日均", 2026, clock)] == ["2025-06-23..2025-06-29"]
    assert [p.spec for p in period_words("2025年6月第一周合计", 2026, clock)] == ["2025-06-02..2025-06-08"]


def test_a_day_set_against_the_part_before_in_one_message(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 10, 15, 18, 0, tzinfo=ZONE)):
        text = offline.answer("今天成交额多少？和昨天比呢？深市占多少？", ctx).text
    share = {d: (TOTAL[d] - SH[d]) / TOTAL[d] * 100 for d in ("2025-10-15", "2025-10-14")}
    assert f"2025年10月15日{share['2025-10-15']:.2f}%，2025年10月14日{share['2025-10-14']:.2f}%" in text


def test_this_month_so_far_against_the_same_days_before_the_close(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 12, 10, 0, tzinfo=ZONE)):
        text = offline.answer("本月至今日均和上月同期比", ctx).text  # 12 June's session is not over yet
    june, may = between("2026-06-01", "2026-06-11"), between("2026-05-01", "2026-05-11")
    diff = sum(TOTAL[d] for d in june) / len(june) - sum(TOTAL[d] for d in may) / len(may)
    assert "2026年6月1日至2026年6月11日" in text and yi(abs(diff)) in text


def test_industries_ranked_by_a_period_s_sum(tmp_path) -> None:  # noqa: ANN001
    sums: dict[str, float] = {}
    for r in _industries():
        if r["date"].startswith("2026-06"):
            sums[r["industry"]] = sums.get(r["industry"], 0.0) + float(r["amount_yuan"])
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        text = offline.answer("6月累计成交额最高的两个行业", ctx).text
    top = sorted(sums, key=sums.__getitem__, reverse=True)[:2]
    assert f"1. {top[0]}{yi(sums[top[0]])}；2. {top[1]}{yi(sums[top[1]])}" in text


def test_a_market_s_share_followed_into_another_period_and_a_theme_s_advancers(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        *_, last_year = chat(ctx, "今年二季度两市总成交多少", "深市占多少", "那去年二季度呢")
        breadth = offline.answer("2026年7月17日新能源板块有多少家上涨", ctx).text
    q2 = between("2025-04-01", "2025-06-30")
    pct = sum(TOTAL[d] - SH[d] for d in q2) / sum(TOTAL[d] for d in q2) * 100
    assert f"的{pct:.2f}%" in last_year and "2025年第2季度" in last_year
    up = sum(
        int(r["up_count"]) for r in _industries() if r["date"] == "2026-07-17" and r["industry"] in THEMES["新能源"]
    )
    assert "新能源相关行业" in breadth and f"上涨{up}家" in breadth


def test_a_day_against_a_period_s_daily_mean_and_last_month_is_no_monday(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 15, 18, 0, tzinfo=ZONE)):
        zh = offline.answer("今天成交比上月日均高多少", ctx).text
        en = offline.answer("today's turnover vs last month's daily average?", ctx).text
    june = between("2026-06-01", "2026-06-30")
    diff = TOTAL["2026-07-15"] - sum(TOTAL[d] for d in june) / len(june)
    assert zh.startswith("2026年7月15日") and f"{yi(abs(diff))}" in zh and "上月日均" in zh
    assert en.startswith("On 15 Jul 2026") and f"{abs(diff) / 1e8:,.1f} 亿元" in en


def test_after_set_q_figures_from_unrounded_values_and_slot_changes(tmp_path) -> None:  # noqa: ANN001
    closes = {r["date"]: float(r["sh_close"]) for r in ROWS if r["sh_close"]}
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 31, 18, 0, tzinfo=ZONE)):
        placed = offline.answer("2.5万亿在今年处于什么分位", ctx).text
        _, above = chat(ctx, "今年以来成交额2万亿以下的有几天", "那3万亿以上的呢")
        week = offline.answer("2026年4月8日那一周上证涨了多少", ctx).text
        hit = offline.answer("今天成交额破3万亿没 多少 sh占比多少", ctx).text
    year = between("2026-01-01", "2026-07-31")
    assert f"第{sum(TOTAL[d] <= 2.5e12 for d in year) / len(year) * 100:.1f}百分位" in placed  # 35.25... -> 35.3
    assert f"有{sum(TOTAL[d] >= 3e12 for d in year)}个" in above and "3万亿元以上" in above
    pct = (closes["2026-04-10"] / closes["2026-04-03"] - 1) * 100  # from the closes as stored, not 0.01-rounded
    assert f"{pct:+.2f}%" in week
    assert "没有" in hit and f"沪市占两市合计的{SH['2026-07-31'] / TOTAL['2026-07-31'] * 100:.1f}%" in hit
