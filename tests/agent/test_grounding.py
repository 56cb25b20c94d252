"""Grounding: figures in an answer against the turn's tool results, with unit conversion and rounding."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest

from agent.llm.grounding import (
    check,
    collect_facts,
    correction_request,
    extract_figures,
    mark_ungrounded,
    remove_ungrounded,
)

REPORT = json.dumps(
    {
        "unit": "亿元",
        "date": "2025-10-09",
        "total_yi": 26532.0,
        "sh_yi": 11532.0,
        "sz_yi": 15000.0,
        "prev_date": "2025-09-30",
        "prev_total_yi": 21700.0,
        "change_yi": 4832.0,
        "change_pct": 22.27,
        "percentile_1y": 98.4,
        "thresholds": [
            {"threshold_yi": 20000.0, "above": True, "crossed_up": False, "crossed_down": False, "streak_days": 3}
        ],
        "source": "test",
        "as_of": "2025-10-09T16:00:00+08:00",
    }
)
NEWS = json.dumps(
    {
        "status": "ok",
        "items": [
            {
                "n": 1,
                "title": "两融余额创新高",
                "published_at": "2025-10-09T10:00+08:00",
                "snippet": "融资余额达到2.45万亿元，较节前增加1.2%。",
            }
        ],
    },
    ensure_ascii=False,
)


@pytest.mark.parametrize(
    "answer",
    [
        "2025年10月9日两市成交额26532.0亿元，较前一交易日增加4832.0亿元，增幅22.27%。",
        "2025-10-09 两市成交额约2.65万亿元。",
        "10月9日成交额约2.7万亿，比前一日多约4832亿。",
        "成交额超过2.6万亿元，突破2万亿元关口，高于近一年98.4%的交易日。",
        "Turnover on Oct 9, 2025 was 2.65 trillion yuan (26,532.0亿元), up 22.3% from 2025-09-30.",
        "沪市11532.0亿元，深市15000.0亿元，深市比沪市多3468.0亿元。",  # a difference of two reported amounts
        "新闻提到融资余额达到2.45万亿元[1]。",  # a figure quoted from a news result
        "2653200000000元",
        "On Thu 9 Oct 2025 turnover was 2.65 trillion yuan, 30 Sep 2025 21,700.0亿元.",
    ],
)
def test_grounded_answers(answer):
    verdict = check(answer, [REPORT, NEWS])
    assert verdict.ok, verdict.summary()
    assert verdict.figures


@pytest.mark.parametrize(
    "answer, bad",
    [
        ("2025年10月9日两市成交额2.75万亿元。", "2.75万亿元"),  # wrong figure
        ("2025年10月9日两市成交额2.65亿元。", "2.65亿元"),  # unit slip: 亿 instead of 万亿
        ("10月9日成交额26532.0万亿元。", "26532.0万亿元"),  # unit slip the other way
        ("成交额2.66万亿元。", "2.66万亿元"),  # beyond rounding: 2.6532 rounds to 2.65
        ("较前一交易日增加35%。", "35%"),
        ("2025年10月8日成交额26532.0亿元。", "2025年10月8日"),  # a date no tool reported
        ("Turnover was 2.8 trillion yuan.", "2.8 trillion"),
        ("On Thu 8 Oct 2025 turnover was 2.65 trillion yuan.", "8 Oct 2025"),
    ],
)
def test_ungrounded_figures_are_named(answer, bad):
    verdict = check(answer, [REPORT, NEWS])
    assert not verdict.ok
    assert any(bad in f.text for f in verdict.ungrounded), verdict.summary()


def test_no_tool_results_means_every_figure_is_ungrounded():
    verdict = check("成交额2.65万亿元，增长22%。", [])
    assert len(verdict.ungrounded) == 2


def test_question_figures_and_allowed_dates():
    verdict = check(
        "今天（2025-10-10）成交额未突破3万亿元。",
        [REPORT],
        question="今天成交额破3万亿了吗？",
        allowed_dates=[date(2025, 10, 10)],
    )
    assert verdict.ok, verdict.summary()


def test_extract_kinds_and_values():
    figures = extract_figures("2025年10月9日成交2.65万亿元，涨1.5%，Oct 10 又成交3,000 billion yuan")
    kinds = [(f.kind, f.value) for f in figures]
    assert kinds[0] == ("date", date(2025, 10, 9))
    assert kinds[1] == ("amount", pytest.approx(2.65e12))
    assert kinds[2] == ("percent", 1.5)
    assert kinds[3][0] == "date" and figures[3].year_known is False
    assert kinds[4] == ("amount", pytest.approx(3e12))


def test_citation_markers_and_bare_numbers_are_not_figures():
    assert extract_figures("见[1][2]，连续3个交易日") == []


def test_unit_conversion_facts():
    facts = collect_facts([REPORT])
    assert any(abs(value - 2.6532e12) < 1 for value, _ in facts.amounts)
    assert date(2025, 9, 30) in facts.dates


def test_mark_and_remove(caplog):
    caplog.set_level(logging.INFO, logger="agent.llm.grounding")
    answer = "成交额2.75万亿元，增长22.27%。"
    verdict = check(answer, [REPORT])
    assert "1 ungrounded: 2.75万亿元" in caplog.text  # the verdict is logged
    assert mark_ungrounded(answer, verdict, "zh") == "成交额2.75万亿元[未核实]，增长22.27%。"
    assert mark_ungrounded(answer, verdict, "en").count("[unverified]") == 1
    removed = remove_ungrounded(answer, verdict, "zh")
    assert "2.75" not in removed and "22.27%" in removed
    assert "2.75万亿元" in correction_request(verdict, "zh") and "2.75万亿元" in correction_request(verdict, "en")
