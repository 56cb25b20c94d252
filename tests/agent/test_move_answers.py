"""Answers of the shapes added after blind set C, end to end offline on the bundled history (figures checked
against the snapshot CSV): the words say what was computed, and a question not understood gets no figure."""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

from agent.context import AgentContext
from agent.offline import answerer as offline

SNAPSHOT = Path(__file__).resolve().parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz"
_LINES = [ln for ln in gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8").splitlines() if not ln.startswith("#")]
TOTAL = {r["date"]: float(r["sh_yuan"]) + float(r["sz_yuan"]) for r in csv.DictReader(_LINES)}


def ask(ctx: AgentContext, question: str) -> str:
    return offline.answer(question, ctx).text


def yi(day: str) -> str:
    return f"{TOTAL[day] / 1e8:.1f}亿元"


def test_the_last_session_of_a_year_is_named_then_answered(ctx):
    text = ask(ctx, "2025年最后一个交易日成交额多少")
    assert text.startswith("2025年的最后一个交易日是2025年12月31日。")
    assert yi("2025-12-31") in text


def test_the_last_session_of_a_period_not_over_is_not_guessed(ctx):
    text = ask(ctx, "今年最后一个交易日成交多少")
    assert "还没有结束" in text and "亿元" not in text


def test_the_biggest_one_day_rise_names_the_day_and_the_rise(ctx):
    days = sorted(d for d in TOTAL if d.startswith("2025"))
    every = sorted(TOTAL)
    rise = {d: TOTAL[d] - TOTAL[every[every.index(d) - 1]] for d in days}
    best = max(days, key=rise.__getitem__)
    text = ask(ctx, "2025年单日放量最多是哪天")
    assert f"{best[:4]}年{int(best[5:7])}月{int(best[8:])}日" == "2025年9月18日"
    assert "2025年9月18日" in text and f"增加{rise[best] / 1e8:.1f}亿元" in text


def test_quarters_ranked_with_each_quarters_sum(ctx):
    text = ask(ctx, "2025年哪个季度成交额最高")
    q3 = sum(v for d, v in TOTAL.items() if "2025-07-01" <= d <= "2025-09-30")
    assert "最高的是2025年第3季度" in text and f"{q3 / 1e8:.1f}亿元" in text
    assert text.count("季度") >= 4  # all four quarters, the best first


def test_a_question_with_words_not_placed_names_them_and_states_no_figure(ctx):
    for question in ("zxcvb 量能", "今年有几天成交高于去年的均值"):
        text = ask(ctx, question)
        assert "没能读懂" in text and not re.search(r"\d+(?:\.\d+)?亿元", text), question


def test_advice_is_declined_before_anything_intraday(ctx):
    text = ask(ctx, "现在能追吗")
    assert "投资建议" in text and "亿元" not in text
