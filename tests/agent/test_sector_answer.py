"""Sector questions offline: recognition, direct answers, the board sentence of "why" answers, the summary line.

Board data comes in through the real CSV importer (synthetic, consistent figures) into a tmp data dir.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from agent import summary
from agent.llm.tools import TurnRecorder, build_tools
from agent.offline import answerer as offline
from agent.offline.sectors import answer as sector_answer
from tests.agent.agent_fakes import news_item, real_ctx
from tools.boards.service import reset_board_stores
from tools.importer import import_file, load_kind

YI = 1e8
# 亿元 on the session before the National Day break and the first one after it; 人工智能 has no row on 10-09.
DAYS = {
    "2025-09-30": {("BK1036", "半导体"): 2000, ("BK1134", "算力概念"): 2600, ("BK0800", "人工智能"): 1500},
    "2025-10-09": {("BK1036", "半导体"): 3000, ("BK1134", "算力概念"): 2500, ("BK0475", "银行"): 500},
}


@pytest.fixture
def ctx(tmp_path):
    context = real_ctx(tmp_path / "data", [news_item(1, "2025-10-09T15:20", "节后首日两市放量", "科技股领涨。")])
    lines = ["date,board_code,board_name,amount_yuan"] + [
        f"{day},{code},{name},{amount * YI:.0f}" for day, rows in DAYS.items() for (code, name), amount in rows.items()
    ]
    (tmp_path / "boards.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_file(tmp_path / "boards.csv", load_kind("boards"), context.settings).written == 6
    yield context
    reset_board_stores()


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("AI板块成交额多少？", "amount", "AI"),
        ("哪个板块成交最多？", "top", None),
        ("今天哪些板块成交额增加最多？", "movers", None),
        ("半导体板块今天成交了多少", "amount", "BK1036"),
        ("算力成交额是多少", "amount", "BK1134"),
        ("Which sectors traded the most on 2025-10-09?", "top", None),
        ("数据要素板块成交额多少", "amount", "数据要素"),
    ],
)
def test_recognises_sector_questions(text, kind, target):
    ask = sector_answer.recognise(text, "zh")
    assert ask is not None and (ask.kind, ask.target) == (kind, target)


@pytest.mark.parametrize(
    "text",
    [
        "两市成交额多少？",
        "为什么今天成交额突破1万亿？AI板块呢",
        "He said the turnover was high",
        "今天成交额比昨天多了多少",
        "AI板块明天成交额会不会放大？",
        "AI板块成交额有望突破1000亿吗",  # a prediction: the refusal answers it, not a figure
        "半导体板块成交额会超过500亿吗",
    ],
)
def test_leaves_other_questions_alone(text):
    assert sector_answer.recognise(text, "zh") is None


def test_ai_theme_amount_direct_answer(ctx):
    answer = offline.answer("2025年10月9日AI板块成交额多少？", ctx)
    assert answer.meta["intent"] == "sector_amount" and answer.meta["date"] == "2025-10-09"
    assert "AI相关板块中成交额最大的是半导体，3000.0亿元，较上一交易日+1000.0亿元（+50.0%）。" in answer.text
    assert "无法去重相加" in answer.text and "人工智能" in answer.text  # missing that day, said
    assert "数据要素" in answer.text and "尚无可用的板块代码，未计入" in answer.text


def test_which_board_traded_most_and_stale_first(ctx):
    answer = offline.answer("哪个板块成交最多？", ctx)  # the clock is 2025-10-10; board data ends 10-09
    first, body = answer.text.split("\n\n")
    assert first.startswith("注意：板块数据截至2025年10月9日")
    assert "1. 半导体 3000.0亿元；2. 算力概念 2500.0亿元；3. 银行 500.0亿元" in body and "有重叠" in body


def test_one_board_with_share_and_record(ctx):
    # 半导体 is also a THS industry (bundled, and the industries partition the market): that answer wins.
    industry = offline.answer("2025年10月9日半导体板块成交额多少？", ctx)
    assert "半导体（同花顺行业）成交额3064.2亿元" in industry.text
    answer = offline.answer("2025年10月9日算力板块成交额多少？", ctx)
    assert "2500.0亿元" in answer.text and "-100.0亿元" in answer.text


def test_no_board_data_for_the_day_is_one_line(ctx):
    answer = offline.answer("2025年9月10日AI板块成交额多少？", ctx)
    assert answer.text.count("\n") == 0 and answer.text.startswith("暂无2025年9月10日的板块成交额数据")


def test_why_answer_has_the_board_sentence_before_the_news(ctx):
    answer = offline.answer("2025年10月9日为什么成交额放量？", ctx)
    sentence = "板块层面，半导体（+1000.0亿元）成交额较上一交易日增加最多。"
    assert sentence in answer.text
    assert answer.text.index(sentence) < answer.text.index("[1]")
    other_day = offline.answer("2025年9月30日为什么成交额放量？", ctx)
    assert "暂无2025年9月30日的板块成交额数据" not in other_day.text  # 9-30 has rows, but no earlier day
    assert (
        "板块层面，当日成交额最大的是算力概念（2600.0亿元）；缺少上一交易日的板块数据，无法比较增减。" in other_day.text
    )
    # No concept-board rows that day, but the bundled THS industries split it: no "no board data" line then.
    no_boards = offline.answer("2025年8月1日为什么成交额放量？", ctx)
    assert "暂无2025年8月1日的板块成交额数据" not in no_boards.text
    assert "按行业拆分（同花顺90个行业合计" in no_boards.text
    # Before the industry history begins, the day says in one line that it has none.
    no_industries = offline.answer("2025年7月24日为什么成交额放量？", ctx)
    assert "2025-07-24 有两市成交额，但没有行业数据，无法按行业拆分。" in no_industries.text


def test_daily_summary_line(ctx):
    text = summary.daily_summary(ctx, date(2025, 10, 9)).text
    assert "板块成交额增加居前：半导体+1000.0亿元（+50.0%）。" in text
    assert "板块成交额" not in summary.daily_summary(ctx, date(2025, 8, 1)).text


def test_llm_tool_returns_compact_json(ctx):
    tools = {t.name: t for t in build_tools(ctx, TurnRecorder())}
    day = json.loads(tools["sector_turnover"].invoke({"date": "2025-10-09", "theme": "AI"}))
    assert day["theme"] == "AI" and day["top"][0]["amount_yi"] == 3000.0 and day["unit"] == "亿元"
    board = json.loads(tools["sector_turnover"].invoke({"date": "2025-10-09", "board": "半导体"}))
    assert board["board"]["change_yi"] == 1000.0 and board["history"]["is_record"] is True
    missing = json.loads(tools["sector_turnover"].invoke({"date": "2025-08-01"}))
    assert missing["status"] == "no_data"
    period = json.loads(tools["sector_turnover"].invoke({"days": 2, "date": "2025-10-09"}))
    assert period["sessions"] == 2 and period["boards"][0]["total_yi"] == 5100.0
    bad = json.loads(tools["sector_turnover"].invoke({"top": 99}))
    assert bad["status"] == "error" and "top must be" in bad["message"]


async def test_llm_agent_answers_from_the_sector_tool_and_stays_grounded(ctx):
    from langchain_core.messages import AIMessage

    from agent.llm.agent_loop import LLMAgent
    from tests.agent.agent_fakes import ScriptedChatModel, call

    text = "2025年10月9日半导体板块成交额3000.0亿元，较上一交易日增加1000.0亿元（+50.0%），居关注板块之首。"
    model = ScriptedChatModel(responses=[call("sector_turnover", {"date": "2025-10-09"}), AIMessage(text)])
    answer = await LLMAgent(ctx, [model]).answer("10月9日哪个板块成交最多？")
    assert answer.mode == "llm" and answer.grounded and answer.text == text
    wrong = text.replace("3000.0亿元", "3300.0亿元")
    model = ScriptedChatModel(responses=[call("sector_turnover", {"date": "2025-10-09"}), AIMessage(wrong)])
    flagged = await LLMAgent(ctx, [model]).answer("10月9日哪个板块成交最多？")
    assert not flagged.grounded  # a board figure the tool never gave is caught


def test_why_sentence_when_every_board_traded_less(ctx, tmp_path):
    rows = (
        "date,board_code,board_name,amount_yuan\n2025-10-10,BK1036,半导体,2.9e11\n2025-10-10,BK1134,算力概念,2.4e11\n"
    )
    (tmp_path / "oct10.csv").write_text(rows, encoding="utf-8")
    assert import_file(tmp_path / "oct10.csv", load_kind("boards"), ctx.settings).written == 2
    sentence = sector_answer.why_sentence(ctx, date(2025, 10, 10))
    assert sentence == "板块层面，当日成交额最大的是半导体（2900.0亿元）；关注的板块成交额均未较上一交易日增加。"


def test_a_board_without_a_row_that_day_and_english_without_data(ctx, tmp_path):
    answer = offline.answer("2025年10月9日人工智能板块成交额多少？", ctx)
    assert answer.text == "2025年10月9日人工智能板块没有成交额数据（其他板块有）。"
    empty = real_ctx(tmp_path / "empty", [])
    english = offline.answer("What was the computing power sector turnover?", empty)  # a concept board only
    assert english.text.startswith("No board turnover data") and "marketbot data update" in english.text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english.text)
