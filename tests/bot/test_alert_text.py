"""Thresholds as users type them, and the flash's wording and figures (zh/en)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.intraday_feed import AlertCrossing
from bot.alerts.text import ThresholdError, default_thresholds, flash_text, parse_thresholds, threshold_list

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["1万亿", "1.5万亿"], (10000, 15000)),
        (["15000亿", "2"], (15000, 20000)),
        (["1.5T,2.5tn", "1"], (10000, 15000, 25000)),
        (["2万亿元、8000亿元"], (8000, 20000)),
        (["1.2", "1.2万亿"], (12000,)),
    ],
)
def test_thresholds_parse(tokens: list[str], expected: tuple[int, ...]) -> None:
    assert parse_thresholds(tokens) == expected


@pytest.mark.parametrize(
    ("tokens", "key"),
    [
        ([], "alerts_no_thresholds"),
        (["abc"], "alerts_bad_threshold"),
        (["1.234"], "alerts_bad_step"),
        (["6"], "alerts_out_of_range"),
        (["4000亿"], "alerts_out_of_range"),
        (["1", "1.5", "2", "2.5", "3", "3.5", "4"], "alerts_too_many"),
    ],
)
def test_bad_thresholds_are_refused_with_a_reason(tokens: list[str], key: str) -> None:
    with pytest.raises(ThresholdError) as info:
        parse_thresholds(tokens)
    assert info.value.key == key


def test_defaults_keep_only_valid_lines() -> None:
    assert default_thresholds([10000.0, 15000.0, 3000.0, 12345.0]) == (10000, 15000)
    assert default_thresholds([100.0]) == (10000, 15000, 20000)  # never an empty list
    assert threshold_list([10000, 15000], "zh") == "1万亿元、1.5万亿元"
    assert threshold_list([8000], "en") == "800 billion yuan"


def _crossing(**changes: object) -> AlertCrossing:
    values: dict[str, object] = dict(
        threshold_yi=10000.0,
        at=datetime(2025, 10, 9, 10, 21, tzinfo=SH),
        total_yi=10004.6,
        prev_date=date(2025, 9, 30),
        prev_same_time_yi=8800.0,
        diff_yi=1204.6,
        diff_pct=13.69,
        estimate_yi=23456.8,
        estimate_low_yi=22000.0,
        estimate_high_yi=24500.0,
        estimate_sessions=5,
    )
    values.update(changes)
    return AlertCrossing(**values)  # type: ignore[arg-type]


def test_flash_states_time_figure_difference_and_estimate() -> None:
    text = flash_text(_crossing(), "zh", datetime(2025, 10, 9, 10, 22, 5, tzinfo=SH))
    assert text.splitlines()[0] == "⚡ 10:21 沪深两市成交额突破1万亿元"
    assert "截至10:21累计10004.6亿元（约1.00万亿元）" in text
    assert "较上个交易日同一时间放量：+1204.6亿元（+13.7%）" in text
    assert "预计全天约23456.8亿元（约2.35万亿元），按回测误差校正后的区间为2.20–2.45万亿元（按近5个交易日" in text
    assert "延迟" not in text

    en = flash_text(_crossing(prev_same_time_yi=11000.0, diff_yi=-995.4, diff_pct=-9.05), "en")
    assert en.startswith("⚡ 10:21 Shanghai+Shenzhen turnover passed 1 trillion yuan")
    # -995.4 / 11000 = -9.049%: a tool's -9.05 is printed with both decimals, not rounded again to -9.1
    assert "-995.4 亿元 (-9.05%), less than the previous session at the same time" in en
    assert "; allowing for its backtested error, 2.20–2.45 trillion yuan (from the share" in en
    assert "over the last 5 sessions). An estimate, not a certainty." in en


def test_flash_says_what_is_missing_and_when_it_is_late() -> None:
    text = flash_text(
        _crossing(prev_same_time_yi=None, diff_yi=None, diff_pct=None, estimate_yi=None),
        "zh",
        datetime(2025, 10, 9, 10, 30, tzinfo=SH),
    )
    assert "上个交易日同一时间的分钟数据缺失" in text and "暂不估算" in text
    assert text.startswith("（延迟通知：10:30才发出）")  # said first, before the figures


def test_english_ranges_under_a_trillion_are_in_billions() -> None:
    en = flash_text(_crossing(estimate_yi=9500.0, estimate_low_yi=9000.0, estimate_high_yi=9800.0), "en")
    assert "900.0–980.0 billion yuan" in en and "亿元" not in en.split("allowing")[1]
