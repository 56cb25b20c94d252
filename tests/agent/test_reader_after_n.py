"""Issue 16's reader after blind set N, each class on phrasings of our own (not the set's): the week or month holding
a day named, the window of sessions before the latest one, a market's share on two days in percentage points, a day
set against the clock's day, short English follow-ups of a statistic, and English words written next to Chinese.
End to end offline on the bundled history; figures checked against the snapshot CSV."""

from __future__ import annotations

import csv
import gzip
from datetime import date, datetime
from pathlib import Path

import pytest

from agent.offline import answerer as offline
from agent.offline.reading.periods import period_words
from agent.offline.reading.question import detect_lang
from tests.agent.offline_env import ZONE, fresh_context
from tests.agent.test_reader_after_j import chat

SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"
_LINES = [ln for ln in gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8").splitlines() if not ln.startswith("#")]
ROWS = {r["date"]: (float(r["sh_yuan"]), float(r["sz_yuan"])) for r in csv.DictReader(_LINES)}
TOTAL = {d: sh + sz for d, (sh, sz) in ROWS.items()}
DAYS = sorted(TOTAL)


def yi(value: float) -> str:
    return f"{value / 1e8:.1f}亿元"


def sessions_to(last: str) -> list[str]:
    return [d for d in DAYS if d <= last]


@pytest.mark.parametrize(
    ("text", "specs"),
    [
        ("2025年3月12日那一周和前一周比", ["2025-03-10..2025-03-16", "2025-03-03..2025-03-09"]),
        ("3月12号所在的那周合计", ["2025-03-10..2025-03-16"]),
        ("the week of 12 March 2025 against the week before", ["2025-03-10..2025-03-16", "2025-03-03..2025-03-09"]),
        ("2025年3月12日那个月日均多少", ["2025-03"]),
        ("近10个交易日均值和之前10个交易日相比", ["last:10", "last:10+10"]),
        ("last 3 sessions vs the prior 3 sessions", ["last:3", "last:3+3"]),
    ],
)
def test_periods_held_by_a_day_or_before_a_window(text: str, specs: list[str]) -> None:
    assert [p.spec for p in period_words(text, default_year=2025, clock_day=date(2025, 5, 6))] == specs


def test_a_week_holding_a_day_against_the_week_before(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 5, 6, 18, 0, tzinfo=ZONE)):
        text = offline.answer("2025年3月12日那一周和前一周比，合计差多少", ctx).text
    this = sum(TOTAL[d] for d in DAYS if "2025-03-10" <= d <= "2025-03-14")
    before = sum(TOTAL[d] for d in DAYS if "2025-03-03" <= d <= "2025-03-07")
    assert yi(abs(this - before)) in text and yi(this) in text and yi(before) in text


def test_the_latest_sessions_against_the_same_number_before_them(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 5, 20, 18, 0, tzinfo=ZONE)):
        text = offline.answer("最近4个交易日日均和再往前4个交易日比", ctx).text
    days = sessions_to("2026-05-20")
    recent, earlier = days[-4:], days[-8:-4]
    diff = sum(TOTAL[d] for d in recent) / 4 - sum(TOTAL[d] for d in earlier) / 4
    assert yi(abs(diff)) in text and "再往前4个交易日" in text and "last:" not in text


def test_a_market_s_share_on_two_days_in_percentage_points(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 10, 18, 0, tzinfo=ZONE)):
        text = offline.answer("深市占比今天比昨天高了几个百分点", ctx).text
    share = {d: ROWS[d][1] / TOTAL[d] * 100 for d in ("2026-06-10", "2026-06-09")}
    first = text.splitlines()[0]
    assert f"{share['2026-06-10']:.2f}%" in first and f"{share['2026-06-09']:.2f}%" in first
    assert f"{abs(share['2026-06-10'] - share['2026-06-09']):.2f}个百分点" in first


def test_a_day_set_against_the_clock_s_day(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 10, 18, 0, tzinfo=ZONE)):
        text = offline.answer("成交额比上周三少了多少", ctx).text
    assert "2026年6月10日" in text and "2026年6月3日" in text and yi(TOTAL["2026-06-03"] - TOTAL["2026-06-10"]) in text
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 10, 10, 0, tzinfo=ZONE)):
        before_close = offline.answer("成交额比上周三少了多少", ctx).text
    assert "还没有2026年6月10日" in before_close and yi(TOTAL["2026-06-03"] - TOTAL["2026-06-10"]) not in before_close


def test_short_english_follow_ups_keep_the_period(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        _, lowest = chat(ctx, "what was the average daily turnover in May 2026?", "and the quietest day?")
    may = {d: TOTAL[d] for d in DAYS if d.startswith("2026-05")}
    low = min(may, key=may.__getitem__)
    assert "lowest" in lowest and yi(may[low]).replace("亿元", "") in lowest.replace(",", "")


def test_a_market_s_share_asked_after_it_in_mixed_words(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 9, 9, 18, 0, tzinfo=ZONE)):
        *_, day_share = chat(ctx, "今天两市成交额", "沪市呢", "share呢")
        *_, period_share = chat(ctx, "2025年8月日均成交多少", "深市呢", "share呢")
    assert f"沪市占两市合计的{ROWS['2025-09-09'][0] / TOTAL['2025-09-09'] * 100:.1f}%" in day_share
    aug = [d for d in DAYS if d.startswith("2025-08")]
    pct = sum(ROWS[d][1] for d in aug) / sum(TOTAL[d] for d in aug) * 100
    assert f"{pct:.2f}%" in period_share and "占同期两市" in period_share


def test_english_words_written_against_chinese_are_still_words(tmp_path) -> None:  # noqa: ANN001
    assert detect_lang("share呢") == "zh" and detect_lang("what about Shanghai?") == "en"
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        text = offline.answer("2025年成交额top3是哪几天", ctx).text
    y2025 = sorted((d for d in DAYS if d.startswith("2025")), key=TOTAL.__getitem__, reverse=True)[:3]
    assert all(yi(TOTAL[d]) in text for d in y2025) and "3个交易日" in text


def test_the_week_after_a_holiday_is_the_calendar_week_of_its_first_session(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 5, 20, 18, 0, tzinfo=ZONE)):
        text = offline.answer("五一节后那一周日均成交多少", ctx).text
    week = [d for d in DAYS if "2025-05-06" <= d <= "2025-05-11"]  # closed 1-5 May 2025; back on Tuesday the 6th
    assert len(week) == 4 and yi(sum(TOTAL[d] for d in week) / 4) in text


def test_the_days_over_a_line_named_and_the_one_day_followed_up(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 11, 5, 18, 0, tzinfo=ZONE)):
        which, that_day = chat(ctx, "2025年10月成交额超过2.5万亿的是哪些天", "那天深市多少")
        one, its_sh = chat(ctx, "2025年9月成交额破3.1万亿的是哪天", "那天沪市成交多少")
    october = [d for d in DAYS if d.startswith("2025-10") and TOTAL[d] >= 2.5e12]
    assert october and all(yi(TOTAL[d]) in which for d in october)
    september = [d for d in DAYS if d.startswith("2025-09") and TOTAL[d] >= 3.1e12]
    assert len(september) == 1 and yi(TOTAL[september[0]]) in one
    assert yi(ROWS[september[0]][0]) in its_sh.split("。")[0]


def test_an_industry_against_the_session_before_gives_the_change_and_its_percent(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 24, 18, 0, tzinfo=ZONE)):
        _, against = chat(ctx, "银行今天成交额", "比昨天呢")
    assert against.startswith("2026年7月24日") and "较上一交易日" in against and "%）" in against


def test_two_months_medians_compared(tmp_path) -> None:  # noqa: ANN001
    import statistics

    for ctx in fresh_context(tmp_path, datetime(2026, 1, 6, 18, 0, tzinfo=ZONE)):
        text = offline.answer("2025年10月成交额中位数比9月少了多少", ctx).text
    oct_, sep = (statistics.median(TOTAL[d] for d in DAYS if d.startswith(m)) for m in ("2025-10", "2025-09"))
    first = text.splitlines()[0]
    assert "中位数" in first and yi(oct_) in first and yi(sep) in first and yi(abs(oct_ - sep)) in first


def test_pinyin_slips_in_the_measure_words_are_put_right(tmp_path) -> None:  # noqa: ANN001
    from agent.offline.reading.typos import correct

    assert correct("上周二两市成较多少") == "上周二两市成交多少" and correct("成交鹅破3万忆") == "成交额破3万亿"
    assert correct("成绩怎么样") == "成绩怎么样"  # 成 with another word is not a slip
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 20, 18, 0, tzinfo=ZONE)):
        text = offline.answer("2026年7月17日两市成角额多少", ctx).text
    assert yi(TOTAL["2026-07-17"]) in text


def test_an_index_move_asked_in_english(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 2, 18, 0, tzinfo=ZONE)):
        moved = offline.answer("How much did the Shanghai Composite move in Q1 2026?", ctx).text
    closes = {r["date"]: float(r["sh_close"]) for r in csv.DictReader(_LINES) if r["sh_close"]}
    pct = (closes["2026-03-31"] / closes["2025-12-31"] - 1) * 100
    assert f"{pct:+.2f}%" in moved and "cannot" not in moved


def test_an_industry_s_advancers_and_place_asked_in_english(tmp_path) -> None:  # noqa: ANN001
    rows = [r for r in csv.DictReader(_industry_lines()) if r["date"] == "2026-06-25"]
    ranked = sorted(rows, key=lambda r: -float(r["amount_yuan"]))
    bank = next(r for r in rows if r["industry"] == "银行")
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 26, 18, 0, tzinfo=ZONE)):
        rose = offline.answer("On 2026-06-25, how many stocks rose in the banking industry?", ctx).text
        place = offline.answer("What rank was 银行 by turnover on June 25?", ctx).text
    assert f"{bank['up_count']} stocks rose, out of {bank['total_count']} stocks in it" in rose
    assert f"ranked {ranked.index(bank) + 1} of {len(rows)}" in place


def _industry_lines() -> list[str]:
    path = SNAPSHOT.with_name("ths_industries.csv.gz")
    return [ln for ln in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines() if not ln.startswith("#")]


def test_two_industries_side_by_side_and_their_difference(tmp_path) -> None:  # noqa: ANN001
    rows = {
        r["industry"]: float(r["amount_yuan"]) for r in csv.DictReader(_industry_lines()) if r["date"] == "2026-07-10"
    }
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 14, 18, 0, tzinfo=ZONE)):
        zh = offline.answer("7月10日半导体和银行成交额各多少，半导体比银行多多少", ctx).text
        en = offline.answer("chipmakers vs banks turnover on July 10?", ctx).text
    diff = rows["半导体"] - rows["银行"]
    assert yi(rows["半导体"]) in zh and yi(rows["银行"]) in zh and f"半导体比银行多{yi(diff)}" in zh
    assert f"{diff / 1e8:+,.1f} 亿元" in en


def test_a_theme_s_share_of_the_market_asked_in_its_own_clause(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 15, 18, 0, tzinfo=ZONE)):
        text = offline.answer("今天金融行业合计成交多少？占两市多少", ctx).text
    rows = {
        r["industry"]: float(r["amount_yuan"]) for r in csv.DictReader(_industry_lines()) if r["date"] == "2026-06-15"
    }
    finance = sum(rows[n] for n in ("证券", "银行", "保险", "多元金融"))
    assert f"{finance / TOTAL['2026-06-15'] * 100:.2f}%" in text and "没太明白" not in text


def test_english_counts_of_expanding_sessions_and_a_mean_led_comparison(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 31, 18, 0, tzinfo=ZONE)):
        grew = offline.answer("How many sessions in June 2026 saw turnover expand on the prior day?", ctx).text
        means = offline.answer("Was June's average daily turnover above May's this year?", ctx).text
    june = [d for d in DAYS if d.startswith("2026-06")]
    up = sum(TOTAL[d] > TOTAL[DAYS[DAYS.index(d) - 1]] for d in june)
    assert f"on {up} sessions of {len(june)}" in grew
    may = [d for d in DAYS if d.startswith("2026-05")]
    diff = sum(TOTAL[d] for d in june) / len(june) - sum(TOTAL[d] for d in may) / len(may)
    assert means.startswith("The daily mean") and f"{diff / 1e8:+,.1f}" in means.replace(" 亿元", "")
