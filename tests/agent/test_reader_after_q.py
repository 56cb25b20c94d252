"""Issue 16's reader after blind set Q and its live check, each class on phrasings of our own: a day ranked in the
period on the table, "since <month>" in English and "<month>起", a measure ruled out by name ("not the daily avg"),
a second part asking for days under a line in the first part's period, two questions behind one comma with an
industry of its own, an industry's share without a turnover word, and a prediction about a single stock.
End to end offline on the bundled history; figures checked against the bundled CSVs."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from agent.offline import answerer as offline
from agent.offline.reading.periods import period_words
from tests.agent.offline_env import ZONE, fresh_context
from tests.agent.test_reader_after_j import chat
from tests.agent.test_reader_after_o import TOTAL, _industries, between, yi


def test_a_day_is_ranked_in_the_period_on_the_table(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 30, 18, 0, tzinfo=ZONE)):
        _, in_period = chat(ctx, "上个月日均成交多少", "5月20号排第几")
        _, in_history = chat(ctx, "上个月日均成交多少", "5月20号在历史上排第几")
    may = between("2026-05-01", "2026-05-31")
    rank = 1 + sum(TOTAL[d] > TOTAL["2026-05-20"] for d in may)
    assert f"{len(may)}个交易日中两市成交额排第{rank}高" in in_period
    everyone = 1 + sum(v > TOTAL["2026-05-20"] for d, v in TOTAL.items() if d <= "2026-06-30")
    assert f"排第{everyone}高" in in_history and "有数据以来" in in_history


def test_since_a_month_is_open_from_that_month_on() -> None:
    clock = date(2026, 8, 2)
    assert [p.spec for p in period_words("highest month since Sep 2025", 2026, clock)] == ["2025-09-01.."]
    assert [p.spec for p in period_words("2025年9月起日均", 2026, clock)] == ["2025-09-01.."]
    assert [p.spec for p in period_words("2025年9月的日均", 2026, clock)] == ["2025-09"]


def _monthly(start: str) -> dict[str, list[float]]:
    months: dict[str, list[float]] = defaultdict(list)
    for d in sorted(TOTAL):
        if d < start:
            continue
        months[d[:7]].append(TOTAL[d])
    return months


def test_a_measure_ruled_out_by_name_is_not_the_one_ranked(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 8, 2, 12, 0, tzinfo=ZONE)):
        asked = "Since Sep 2025, which month had the biggest turnover? The total, not the average."
        summed = offline.answer(asked, ctx)
        zh = offline.answer("2025年9月起哪个月成交额最多（看合计而不是日均）", ctx).text
    months = _monthly("2025-09-01")
    best = max(months, key=lambda m: sum(months[m]))
    figure = f"{sum(months[best]) / 1e8:,.1f}"
    assert "highest total" in summed.text and figure in summed.text
    assert f"合计{sum(months[best]) / 1e8:.1f}亿元" in zh


def test_a_second_part_asks_for_days_under_a_line_in_the_first_part_s_period(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 8, 3, 20, 0, tzinfo=ZONE)):
        text = offline.answer("24年天量是哪天？有没有超过3万亿的日子", ctx).text
    year = between("2024-01-01", "2024-12-31")
    over = [d for d in year if TOTAL[d] > 3e12]
    top = max(year, key=TOTAL.__getitem__)
    assert yi(TOTAL[top]) in text and f"交易日有{len(over)}个" in text


def test_two_questions_behind_one_comma_with_an_industry_of_its_own(tmp_path) -> None:  # noqa: ANN001
    day = "2025-11-12"
    rows = [r for r in _industries() if r["date"] == day]
    top = max(rows, key=lambda r: float(r["amount_yuan"]))
    bank = next(r for r in rows if r["industry"] == "银行")
    for ctx in fresh_context(tmp_path, datetime(2025, 11, 20, 20, 0, tzinfo=ZONE)):
        text = offline.answer("11月12号成交额最大的是哪个行业，银行那天涨跌多少", ctx).text
        share = offline.answer("11月12号银行占比多少", ctx).text
        kept = offline.answer("银行和证券11月12号成交额各多少，银行比证券少多少", ctx).text
    assert f"成交额最大的是{top['industry']}" in text and f"{float(bank['change_pct']):+.2f}%"[1:] in text
    assert f"{float(bank['amount_yuan']) / TOTAL[day] * 100:.1f}%" in share
    assert "银行" in kept and "证券" in kept and kept.count("\n\n") < 3  # one part, the pair's own answer


def test_a_prediction_about_a_single_stock_says_both(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 8, 3, 20, 0, tzinfo=ZONE)):
        stock = offline.answer("比亚迪下周会涨吗", ctx).text
        market = offline.answer("下周成交额会放量吗", ctx).text
    assert "不做预测" in stock and "单只股票" in stock and "亿元" not in stock
    assert "不做预测" in market and "单只股票" not in market
