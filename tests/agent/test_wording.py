from datetime import date

import pytest

from agent.wording import (
    change_verb,
    clip,
    fmt_change,
    fmt_date,
    fmt_date_short,
    fmt_threshold,
    fmt_yi,
    fmt_yi_short,
)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (26532.0, "zh", "26532.0亿元（约2.65万亿元）"),
        (10000.0, "zh", "10000.0亿元（约1.00万亿元）"),
        (8765.43, "zh", "8765.4亿元"),
        (26532.0, "en", "2.65 trillion yuan (26,532.0 亿元)"),
        (8765.4, "en", "876.5 billion yuan (8,765.4 亿元)"),
    ],
)
def test_amounts_carry_their_unit(value, lang, expected):
    assert fmt_yi(value, lang) == expected


def test_short_amounts():
    assert fmt_yi_short(14363.1) == "14363.1亿元"
    assert fmt_yi_short(14363.1, "en") == "14,363.1 亿元"


@pytest.mark.parametrize(
    ("change", "pct", "lang", "expected"),
    [
        (1700.3, 7.2, "zh", "+1700.3亿元（+7.2%）"),
        (-7987.4, -23.14, "zh", "-7987.4亿元（-23.1%）"),
        (8589.0, 33.12, "en", "+8,589.0 亿元 (+33.1%)"),
        (12.0, None, "zh", "+12.0亿元"),
    ],
)
def test_signed_changes(change, pct, lang, expected):
    assert fmt_change(change, pct, lang) == expected


def test_change_verbs():
    assert change_verb(1.0) == "增加" and change_verb(-1.0) == "减少" and change_verb(0.0) == "持平"
    assert change_verb(-1.0, "en") == "down"


def test_dates():
    assert fmt_date(date(2025, 10, 9)) == "2025年10月9日"
    assert fmt_date(date(2025, 10, 9), "en") == "9 Oct 2025"
    assert fmt_date_short(date(2025, 10, 9)) == "10月9日"
    assert fmt_date_short(date(2024, 1, 2), "en") == "2 Jan"


def test_thresholds():
    assert fmt_threshold(10000) == "1万亿元"
    assert fmt_threshold(15000) == "1.5万亿元"
    assert fmt_threshold(8000) == "8000亿元"
    assert fmt_threshold(20000, "en") == "2 trillion yuan"


def test_clip_keeps_short_text_and_cuts_long_text_on_a_boundary():
    assert clip("短句。", 10) == "短句。"
    text = "沪深两市成交额较节前明显放大，科技板块领涨，券商板块午后拉升，北向资金净流入。"
    out = clip(text, 20)
    assert out.endswith("…") and len(out) <= 21 and out.startswith("沪深两市成交额")
