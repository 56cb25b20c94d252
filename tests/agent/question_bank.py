"""The question bank: questions a market chat gets, with what a right answer must contain.

Expected figures come from ``bank_reference`` (plain code over the bundled snapshot). Each item
says which kind of answer it needs (``intent``), strings that must appear in the answer's first
paragraph (the answer to what was asked, never a footnote), strings that must appear anywhere, in
order when ``ordered``, and strings that must not (another day's figure, any figure for a refusal).
Used by tests/agent/test_question_bank.py and benchmarks/question_bank.py.
"""

from __future__ import annotations

from tests.agent.bank_days import change, followups, holidays, multi_part, relative, sh_sz, single_day
from tests.agent.bank_item import LAGGING, NOW, SUNDAY, Item, check
from tests.agent.bank_reference import Reference
from tests.agent.bank_stats import (
    anchored,
    count_above,
    first_above,
    months_and_years,
    period_vs_period,
    rank,
    records,
    streaks,
    sum_mean,
    superlative,
)

__all__ = ["LAGGING", "NOW", "SUNDAY", "Item", "build_bank", "check"]


def _refusals(kind: str, refusal: str, questions: list[str], labelled: bool = False) -> list[Item]:
    return [
        Item(kind, q, "refusal", refusal=refusal, must_not=[] if labelled else ["亿元"], figures_only_labelled=labelled)
        for q in questions
    ]


def predictions(ref: Reference) -> list[Item]:
    return _refusals(
        "predictions",
        "prediction",
        [
            "明天会涨吗？",
            "明天成交额会超过2万亿吗？",
            "下周成交额会放量吗",
            "会不会突破3万亿",
            "预测一下下个月的成交额",
            "Will turnover exceed 3 trillion tomorrow?",
            "Can you forecast next week's turnover?",
            "What will turnover be tomorrow?",
            "今天会放量吗",
        ],
        labelled=True,
    )


def out_of_scope(ref: Reference) -> list[Item]:
    return (
        _refusals(
            "out of scope",
            "stock",
            [
                "贵州茅台今天成交额多少",
                "600519成交额",
                "宁德时代股价多少",
                "Which stock should I buy?",
                "What is Moutai's share price?",
            ],
        )
        + _refusals(
            "out of scope",
            "northbound",
            ["北向资金今天净流入多少", "上周北向资金流入了多少", "How much northbound money flowed in today?"],
        )
        + [  # the sector handler: no board data ships, so said first; a theme is then summed over its industries
            Item(
                "sectors",
                "AI板块成交额多少",
                "sector",
                first=["暂无", "板块成交额数据", "同花顺行业口径", "AI相关行业"],
            ),
            Item("sectors", "哪个板块成交最多", "sector_top", first=["暂无", "板块成交额数据"], must_not=["亿元"]),
            Item("sectors", "What was the semiconductor sector turnover?", "sector", first=["半导体 (THS industry)"]),
            Item(
                "sectors",
                "What was the computing power sector turnover?",
                "sector_amount",
                first=["No board turnover data"],
                must_not=["亿元"],
            ),
        ]
        + _refusals("out of scope", "not_in_data", ["板块资金流向怎么样", "半导体ETF今天成交额"])
        + _refusals(
            "out of scope",
            "out_of_scope",
            ["今天天气怎么样", "比特币价格多少", "美股昨天涨了吗", "What's the USD/CNY exchange rate?"],
        )
        + [  # index closes are stored with each day (issue 17): answered; other indexes are still refused
            Item("market", "上证指数今天收盘多少点", "day", must=["上证指数收于", "点"]),
            Item("market", "2026年7月31日大盘涨了吗", "day", first=["上证指数收于3832.26点，涨0.72%"]),
        ]
        + _refusals("out of scope", "index_level", ["创业板指今天收盘多少点"])
        + [  # weeks ranked, and days against their previous session (放量/缩量): counted and ranked, not summed
            Item(
                "stats",
                "Which week of July 2026 had the highest turnover?",
                "stats",
                first=["the week of 6 Jul 2026", "145,380.8"],
            ),
            Item("stats", "2026年7月有几天成交额低于前一天", "stats", first=["缩量", "有13个"], must_not=["合计"]),
            Item(
                "stats",
                "How many days in 2025 was turnover lower than the previous day?",
                "stats",
                first=["on 124 sessions of 243"],
            ),
            Item("stats", "2026年7月哪天成交额比前一天增加最多", "stats", first=["2026年7月10日", "增加4748.2亿元"]),
            Item(
                "stats",
                "Which day had the biggest increase in turnover in 2025?",
                "stats",
                first=["18 Sep 2025", "7,584.2 亿元"],
            ),
        ]  # fmt: skip
        + _refusals(  # a festival without a date: ask for the date, not the latest day's figure
            "holidays",
            "unnamed_day",
            ["国庆节那天成交额多少", "What was turnover on Christmas Day 2025?", "春节期间成交额多少"],
        )
        + [  # intraday questions with no minute data stored: said first, then the daily figure
            Item("intraday", q, "intraday", first=[lead])
            for q, lead in [
                ("今天成交额比昨天同期多吗", "本地还没有任何分钟成交额数据"),
                ("几点破的万亿", "本地还没有任何分钟成交额数据"),
                ("What time did turnover cross 1 trillion?", "No minute turnover data stored yet"),
            ]
        ]
    )


def nonsense(ref: Reference) -> list[Item]:
    questions = [
        "你好",
        "asdfgh",
        "今天吃什么",
        "tell me a joke",
        "哈哈哈",
        "？？？",
        "给我讲个故事",
        "blue banana sky",
    ]
    return [Item("nonsense", q, "unclear", must_not=["亿元"]) for q in questions]


BUILDERS = (
    single_day,
    change,
    sh_sz,
    superlative,
    first_above,
    count_above,
    sum_mean,
    anchored,
    months_and_years,
    rank,
    records,
    streaks,
    period_vs_period,
    multi_part,
    followups,
    relative,
    holidays,
    predictions,
    out_of_scope,
    nonsense,
)


def build_bank(ref: Reference | None = None) -> list[Item]:
    ref = ref or Reference.load()
    return [item for build in BUILDERS for item in build(ref)]
