"""The question bank: questions a market chat gets, with what a right answer must contain.

Expected figures come from ``bank_reference`` (plain code over the bundled snapshot). Each item
says which kind of answer it needs (``intent``), strings that must appear in the answer's first
paragraph (the answer to what was asked, never a footnote), strings that must appear anywhere, in
order when ``ordered``, and strings that must not (another day's figure, any figure for a refusal).
Used by tests/agent/test_question_bank.py and benchmarks/question_bank.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from tests.agent.bank_reference import Reference, day_text, en_day, yi, zh_day

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 31, 20, 0, tzinfo=ZONE)  # Friday evening: the bundled data's last session has closed
SUNDAY = datetime(2026, 8, 2, 10, 0, tzinfo=ZONE)  # a weekend right after the data ends
LAGGING = datetime(2026, 11, 29, 10, 0, tzinfo=ZONE)  # months after the data ends (a Sunday)
EN_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Item:
    kind: str
    question: str
    intent: str  # the answer's meta intent: day, pair, stats, refusal, unclear
    first: list[str] = field(default_factory=list)  # in the first paragraph
    must: list[str] = field(default_factory=list)  # anywhere
    ordered: bool = False  # ``must`` appear in this order
    must_not: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # earlier questions of the same chat
    now: datetime = NOW
    refusal: str | None = None
    figures_only_labelled: bool = False  # any 亿元 figure must sit in a sentence naming the latest session

    @property
    def lang(self) -> str:
        return "en" if self.question.isascii() else "zh"


def _signed(ref: Reference, d: date, lang: str) -> str:
    change = ref.change(d)
    if lang == "zh":
        return ("增加" if change > 0 else "减少") + yi(abs(change))
    return ("up " if change > 0 else "down ") + yi(abs(change), "en")


def single_day(ref: Reference) -> list[Item]:
    days = [
        date(2025, 10, 9),
        date(2024, 10, 8),
        date(2015, 6, 8),
        date(2014, 12, 5),
        date(2020, 7, 6),
        date(2023, 8, 28),
        date(2019, 2, 25),
        date(2026, 7, 1),
        date(2010, 11, 11),
        date(2007, 5, 30),
        date(2024, 9, 30),
        date(2026, 5, 21),
    ]
    out = []
    for i, d in enumerate(days):
        zh = [f"{zh_day(d)}两市成交额多少？", f"{d.isoformat()}成交额是多少"][i % 2]
        en = [f"What was the turnover on {en_day(d)}?", f"turnover on {d.isoformat()}"][i % 2]
        for q, lang in ((zh, "zh"), (en, "en")):
            other = ref.latest if d != ref.latest else ref.prev(d)
            out.append(
                Item(
                    "single day",
                    q,
                    "day",
                    first=[day_text(d, lang), yi(ref.value(d), lang)],
                    must_not=[yi(ref.value(other), lang)],
                )
            )
    return out


def change(ref: Reference) -> list[Item]:
    days = [
        date(2025, 10, 9),
        date(2024, 9, 30),
        date(2024, 10, 8),
        date(2015, 6, 8),
        date(2026, 7, 31),
        date(2026, 7, 15),
        date(2023, 1, 3),
        date(2020, 2, 3),
    ]
    out = []
    for d in days:
        prev = ref.prev(d)
        out.append(
            Item(
                "change",
                f"{zh_day(d)}成交额比上个交易日多了多少？",
                "day",
                first=[zh_day(d), _signed(ref, d, "zh"), zh_day(prev)],
            )
        )
        out.append(
            Item(
                "change",
                f"How much did turnover change on {d.isoformat()} from the previous session?",
                "day",
                first=[en_day(d), _signed(ref, d, "en"), en_day(prev)],
            )
        )
    return out


def sh_sz(ref: Reference) -> list[Item]:
    out = []
    for d in (date(2025, 10, 9), date(2024, 10, 8), date(2015, 6, 8), date(2026, 7, 31)):
        out.append(Item("SH/SZ split", f"{zh_day(d)}沪市成交额多少", "day", first=[zh_day(d), "沪市" + yi(ref.sh[d])]))
        out.append(
            Item(
                "SH/SZ split",
                f"{d.isoformat()}沪市和深市成交额分别是多少",
                "day",
                first=["沪市" + yi(ref.sh[d]), "深市" + yi(ref.sz[d])],
            )
        )
        out.append(
            Item(
                "SH/SZ split",
                f"Shanghai and Shenzhen turnover on {en_day(d)} separately?",
                "day",
                first=["Shanghai " + yi(ref.sh[d], "en"), "Shenzhen " + yi(ref.sz[d], "en")],
            )
        )
    for year in (2025, 2015):
        days = ref.year(year)
        top_sh, top_sz = ref.max_day(days, "sh"), ref.max_day(days, "sz")
        out.append(
            Item("SH/SZ split", f"{year}年沪市成交额最高是哪天", "stats", first=[zh_day(top_sh), yi(ref.sh[top_sh])])
        )
        out.append(
            Item("SH/SZ split", f"{year}年深市成交额最高的一天", "stats", first=[zh_day(top_sz), yi(ref.sz[top_sz])])
        )
    return out


def superlative(ref: Reference) -> list[Item]:
    out = []
    for y, m in ((2015, 6), (2026, 7), (2024, 10), (2025, 4), (2020, 7), (2007, 5)):
        days = ref.month(y, m)
        hi, lo = ref.max_day(days), ref.min_day(days)
        out.append(
            Item("superlative", f"{y}年{m}月成交额最高的是哪一天？", "stats", first=[zh_day(hi), yi(ref.value(hi))])
        )
        out.append(Item("superlative", f"{y}年{m}月成交额最低的是哪天", "stats", first=[zh_day(lo), yi(ref.value(lo))]))
        out.append(
            Item(
                "superlative",
                f"Which day had the highest turnover in {EN_MONTH_NAMES[m - 1]} {y}?",
                "stats",
                first=[en_day(hi), yi(ref.value(hi), "en")],
            )
        )
    for y in (2024, 2025, 2015):
        hi = ref.max_day(ref.year(y))
        out.append(Item("superlative", f"{y}年成交额最高的一天是哪天", "stats", first=[zh_day(hi), yi(ref.value(hi))]))
    y24, y25 = sorted(ref.year(2024), key=ref.value), sorted(ref.year(2025), key=ref.value, reverse=True)
    out.append(Item("superlative", "2024年成交额最低的3天", "stats", must=[zh_day(d) for d in y24[:3]], ordered=True))
    out.append(
        Item("superlative", "Top 3 turnover days in 2025", "stats", must=[en_day(d) for d in y25[:3]], ordered=True)
    )
    hi = ref.max_day(ref.days)
    out.append(Item("superlative", "历史上成交额最高的是哪一天？", "stats", first=[zh_day(hi), yi(ref.value(hi))]))
    out.append(
        Item("superlative", "What is the highest turnover ever?", "stats", first=[en_day(hi), yi(ref.value(hi), "en")])
    )
    return out


def first_above(ref: Reference) -> list[Item]:
    out = []
    for line, zh_line, en_line in (
        (10000, "1万亿", "1 trillion"),
        (15000, "一万五千亿", "1.5 trillion"),
        (20000, "两万亿", "2 trillion"),
        (30000, "3万亿", "3 trillion"),
    ):
        d = ref.first_at_or_above(line)
        out.append(
            Item(
                "first time above",
                f"两市成交额第一次超过{zh_line}是哪一天",
                "stats",
                first=[zh_day(d), yi(ref.value(d))],
            )
        )
        out.append(
            Item(
                "first time above",
                f"When did turnover first exceed {en_line} yuan?",
                "stats",
                first=[en_day(d), yi(ref.value(d), "en")],
            )
        )
    below = max(d for d in ref.days if ref.value(d) < 10000 * 1e8)
    out.append(
        Item(
            "first time above", "成交额上一次低于1万亿是什么时候", "stats", first=[zh_day(below), yi(ref.value(below))]
        )
    )
    for year, line in ((2020, 10000), (2019, 10000)):
        d = ref.first_at_or_above(line, date(year, 1, 1))
        out.append(Item("first time above", f"{year}年以来成交额第一次超过1万亿是哪天", "stats", first=[zh_day(d)]))
    return out


def count_above(ref: Reference) -> list[Item]:
    out = []
    for year in (2024, 2025, 2015):
        for line, zh_line, en_line in ((10000, "1万亿", "1 trillion"), (20000, "2万亿", "2 trillion")):
            n = ref.count_at_or_above(ref.year(year), line)
            out.append(
                Item("count above", f"{year}年成交额超过{zh_line}的有几天", "stats", first=[f"有{n}个", f"{year}年"])
            )
            out.append(
                Item(
                    "count above",
                    f"How many days in {year} was turnover above {en_line} yuan?",
                    "stats",
                    first=[f"on {n} session", str(year)],
                )
            )
    n = ref.count_at_or_above(ref.year(2026), 30000)
    out.append(Item("count above", "今年成交额超过3万亿的交易日有多少个", "stats", first=[f"有{n}个", "2026年1月5日"]))
    return out


def sum_mean(ref: Reference) -> list[Item]:
    out = []
    for year in (2023, 2024, 2025):
        days = ref.year(year)
        out.append(
            Item("sum and mean", f"{year}年全年两市成交额合计多少", "stats", first=[yi(ref.total(days)), f"{year}年"])
        )
        out.append(Item("sum and mean", f"{year}年日均成交额是多少", "stats", first=[yi(ref.mean(days))]))
        out.append(
            Item("sum and mean", f"What was the total turnover in {year}?", "stats", first=[yi(ref.total(days), "en")])
        )
        out.append(
            Item(
                "sum and mean",
                f"What was the average daily turnover in {year}?",
                "stats",
                first=[yi(ref.mean(days), "en")],
            )
        )
    for y, m in ((2025, 3), (2026, 6)):
        days = ref.month(y, m)
        out.append(Item("sum and mean", f"{y}年{m}月平均每天成交额多少", "stats", first=[yi(ref.mean(days))]))
        out.append(Item("sum and mean", f"{y}年{m}月成交额总共多少", "stats", first=[yi(ref.total(days))]))
    return out


def rank(ref: Reference) -> list[Item]:
    out = []
    for d in (date(2024, 10, 8), date(2025, 10, 9), date(2015, 6, 8), date(2026, 7, 31)):
        r = ref.rank(d)
        out.append(Item("rank in history", f"{zh_day(d)}成交额历史上排第几", "stats", first=[zh_day(d), f"第{r}高"]))
        out.append(
            Item(
                "rank in history",
                f"Where does {d.isoformat()} rank in history?",
                "stats",
                first=[en_day(d), f"#{r} of {len(ref.days)}"],
            )
        )
    return out


def streaks(ref: Reference) -> list[Item]:
    start, n = ref.current_streak(10000)
    s2, e2, n2 = ref.longest_streak(ref.year(2025), 20000)
    s3, e3, n3 = ref.longest_streak(ref.days, 10000)
    return [
        Item("streaks", "成交额已经连续多少个交易日超过1万亿", "stats", first=[f"{n}个交易日", zh_day(start)]),
        Item(
            "streaks",
            "How many sessions in a row has turnover been above 1 trillion yuan?",
            "stats",
            first=[f"{n} sessions", en_day(start)],
        ),
        Item(
            "streaks",
            "2025年成交额连续在2万亿以上最长持续了几天",
            "stats",
            first=[zh_day(s2), zh_day(e2), f"{n2}个交易日"],
        ),
        Item(
            "streaks",
            "What was the longest streak above 2 trillion yuan in 2025?",
            "stats",
            first=[en_day(s2), en_day(e2), f"{n2} sessions"],
        ),
        Item("streaks", "历史上成交额连续超过1万亿最长是多少天", "stats", first=[zh_day(s3), f"{n3}个交易日"]),
    ]


def period_vs_period(ref: Reference) -> list[Item]:
    this_week, last_week = (
        ref.between(date(2026, 7, 27), date(2026, 7, 31)),
        ref.between(date(2026, 7, 20), date(2026, 7, 24)),
    )
    july, june = ref.month(2026, 7), ref.month(2026, 6)
    y25, y24 = ref.year(2025), ref.year(2024)
    word = "少" if ref.total(this_week) < ref.total(last_week) else "多"
    return [
        Item(
            "period vs period",
            "本周成交额比上周多还是少？",
            "stats",
            first=[f"本周两市成交额比上周{word}"],
            must=[yi(ref.total(this_week)), yi(ref.total(last_week))],
        ),
        Item(
            "period vs period",
            "Was turnover this week higher or lower than last week?",
            "stats",
            must=[yi(ref.total(this_week), "en"), yi(ref.total(last_week), "en")],
        ),
        Item(
            "period vs period", "本月成交额和上月相比怎么样", "stats", must=[yi(ref.total(july)), yi(ref.total(june))]
        ),
        Item(
            "period vs period",
            "2025年成交额比2024年多多少",
            "stats",
            must=[yi(ref.total(y25)), yi(ref.total(y24))],
            first=["2025年两市成交额比2024年多"],
        ),
        Item(
            "period vs period",
            "Compare turnover in July 2026 with June 2026",
            "stats",
            must=[yi(ref.mean(july), "en"), yi(ref.mean(june), "en")],
        ),
        Item(
            "period vs period",
            "今年日均成交额比去年高吗",
            "stats",
            must=[yi(ref.mean(ref.year(2026))), yi(ref.mean(y25))],
        ),
    ]


def multi_part(ref: Reference) -> list[Item]:
    out = []
    for d in (date(2025, 10, 9), date(2024, 10, 8), date(2026, 7, 31)):
        out.append(
            Item(
                "multi-part",
                f"{zh_day(d)}成交额多少？比上个交易日多了多少？为什么？",
                "day",
                ordered=True,
                must=[yi(ref.value(d)), _signed(ref, d, "zh"), "可能的驱动"],
            )
        )
        out.append(
            Item(
                "multi-part",
                f"What was the combined turnover on {d.isoformat()}, and how did it compare with the previous session?",
                "day",
                ordered=True,
                first=[en_day(d)],
                must=[yi(ref.value(d), "en"), _signed(ref, d, "en"), en_day(ref.prev(d))],
            )
        )
    july = ref.month(2026, 7)
    hi = ref.max_day(july)
    out.append(
        Item(
            "multi-part",
            "2026年7月成交额最高的是哪天？平均多少？",
            "stats",
            ordered=True,
            must=[zh_day(hi), yi(ref.value(hi)), "日均" + yi(ref.mean(july))],
        )
    )
    d = date(2024, 10, 8)
    out.append(
        Item(
            "multi-part",
            "2024年10月8日成交额多少？历史上排第几？",
            "stats",
            ordered=True,
            must=[yi(ref.value(d)), f"第{ref.rank(d)}高"],
        )
    )
    return out


def followups(ref: Reference) -> list[Item]:
    d, prev = date(2025, 10, 9), date(2025, 9, 30)
    diff = ref.value(d) - ref.value(prev)
    hi24 = ref.max_day(ref.year(2024))
    sz25 = ref.max_day(ref.year(2025), "sz")
    return [
        Item(
            "follow-ups",
            "那前一天呢？",
            "day",
            history=["2025-10-09成交额多少"],
            first=[zh_day(prev), yi(ref.value(prev))],
            must_not=["2025年10月8日"],
        ),
        Item(
            "follow-ups",
            "为什么前一天比较少？",
            "pair",
            history=["2025-10-09成交额多少", "那前一天呢？"],
            first=[zh_day(prev), zh_day(d), "少" + yi(diff)],
        ),
        Item(
            "follow-ups",
            "那2024年呢？",
            "stats",
            history=["2015年6月成交额最高的是哪一天？"],
            first=[zh_day(hi24), yi(ref.value(hi24))],
        ),
        Item(
            "follow-ups",
            "那2024年呢？",
            "stats",
            history=["2025年成交额超过2万亿的有几天"],
            first=[f"有{ref.count_at_or_above(ref.year(2024), 20000)}个"],
        ),
        Item(
            "follow-ups",
            "and the day before?",
            "day",
            history=["What was turnover on 2024-10-08?"],
            first=[en_day(date(2024, 9, 30)), yi(ref.value(date(2024, 9, 30)), "en")],
        ),
        Item(
            "follow-ups",
            "那2024年10月8日呢？",
            "day",
            history=["2025年10月9日为什么放量？"],
            first=[zh_day(date(2024, 10, 8)), yi(ref.value(date(2024, 10, 8)))],
        ),
        Item(
            "follow-ups",
            "那深市呢？",
            "stats",
            history=["2025年沪市成交额最高是哪天"],
            first=[zh_day(sz25), yi(ref.sz[sz25])],
        ),
        Item(
            "follow-ups",
            "为什么？",
            "day",
            history=["2024-10-08成交额多少"],
            first=[zh_day(date(2024, 10, 8))],
            must=["可能的驱动"],
        ),
    ]


def relative(ref: Reference) -> list[Item]:
    last = ref.latest  # 2026-07-31, a Friday: NOW's "today"
    week = ref.between(date(2026, 7, 27), last)
    last5 = ref.days[-5:]
    june = ref.month(2026, 6)
    hi26 = ref.max_day(ref.year(2026))
    out = [
        Item("relative dates", "今天成交额多少", "day", first=[zh_day(last), yi(ref.value(last))]),
        Item(
            "relative dates",
            "昨天两市成交额",
            "day",
            first=[zh_day(date(2026, 7, 30)), yi(ref.value(date(2026, 7, 30)))],
        ),
        Item("relative dates", "前天成交额多少", "day", first=[zh_day(date(2026, 7, 29))]),
        Item(
            "relative dates", "上周五成交额", "day", first=[zh_day(date(2026, 7, 24)), yi(ref.value(date(2026, 7, 24)))]
        ),
        Item("relative dates", "上个交易日成交额是多少", "day", first=[zh_day(date(2026, 7, 30))]),
        Item("relative dates", "本周成交额合计多少", "stats", first=["本周", yi(ref.total(week))]),
        Item("relative dates", "本月日均成交额", "stats", first=[yi(ref.mean(ref.month(2026, 7)))]),
        Item("relative dates", "今年成交额最高是哪天", "stats", first=[zh_day(hi26)]),
        Item("relative dates", "最近5个交易日平均成交额", "stats", first=[yi(ref.mean(last5))]),
        Item("relative dates", "去年两市成交额合计", "stats", first=[yi(ref.total(ref.year(2025)))]),
        Item("relative dates", "turnover yesterday", "day", first=[en_day(date(2026, 7, 30))]),
        Item("relative dates", "What was the total turnover this week?", "stats", first=[yi(ref.total(week), "en")]),
        Item("relative dates", "average daily turnover last month", "stats", first=[yi(ref.mean(june), "en")]),
        Item("relative dates", "turnover last Friday", "day", first=[en_day(date(2026, 7, 24))]),
        # The data months behind the clock: said first; "today" then shows the latest session, labelled.
        Item(
            "relative dates",
            "今天成交额多少",
            "day",
            now=LAGGING,
            first=["2026年11月29日", "本地数据截至2026年7月31日"],
            must=[yi(ref.value(last))],
        ),
        Item(
            "relative dates",
            "昨天成交额多少",
            "day",
            now=LAGGING,
            first=["2026年11月28日", "本地数据截至2026年7月31日"],
            must_not=["亿元"],
        ),
        Item(
            "relative dates",
            "本周成交额多少",
            "stats",
            now=LAGGING,
            first=["本周没有成交额数据", "2026年7月31日"],
            must_not=["亿元"],
        ),
        Item("relative dates", "What was turnover today?", "day", now=LAGGING, first=["29 Nov 2026", "31 Jul 2026"]),
    ]
    return out


def holidays(ref: Reference) -> list[Item]:
    out = []
    for asked, lang in (
        (date(2025, 10, 3), "zh"),
        (date(2024, 10, 1), "zh"),
        (date(2026, 7, 26), "zh"),
        (date(2025, 2, 1), "zh"),
        (date(2025, 10, 5), "en"),
        (date(2026, 7, 25), "en"),
    ):
        session = ref.session_on_or_before(asked)
        q = f"{asked.isoformat()}两市成交额" if lang == "zh" else f"turnover on {asked.isoformat()}"
        out.append(
            Item(
                "holidays/weekends",
                q,
                "day",
                first=[asked.isoformat()],
                must=[day_text(session, lang), yi(ref.value(session), lang)],
            )
        )
    last = ref.latest
    out += [
        Item(
            "holidays/weekends",
            "今天成交额多少",
            "day",
            now=SUNDAY,
            first=["今天（2026年8月2日，周日）不是交易日", zh_day(last)],
            must=[yi(ref.value(last))],
        ),
        Item(
            "holidays/weekends",
            "What was turnover today?",
            "day",
            now=SUNDAY,
            first=["not a trading day", en_day(last)],
            must=[yi(ref.value(last), "en")],
        ),
        Item(
            "holidays/weekends", "昨天成交额多少", "day", now=SUNDAY, first=["2026年8月1日", "不是交易日", zh_day(last)]
        ),
        Item(
            "holidays/weekends", "今天为什么放量", "day", now=SUNDAY, first=["不是交易日"], must=[yi(ref.value(last))]
        ),
    ]
    return out


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
        + _refusals(
            "out of scope",
            "sector",
            ["AI板块成交额多少", "哪个板块成交最多", "What was the semiconductor sector turnover?"],
        )
        + _refusals(
            "out of scope",
            "out_of_scope",
            ["今天天气怎么样", "比特币价格多少", "美股昨天涨了吗", "What's the USD/CNY exchange rate?"],
        )
        + _refusals("out of scope", "index_level", ["上证指数今天收盘多少点"])
        + _refusals(
            "out of scope",
            "intraday",
            ["今天成交额比昨天同期多吗", "几点破的万亿", "What time did turnover cross 1 trillion?"],
        )
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
    rank,
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


def check(item: Item, answer: object) -> list[str]:
    """What is wrong with ``answer`` for ``item`` (empty when it is right)."""
    text: str = answer.text  # type: ignore[attr-defined]
    meta: dict = answer.meta  # type: ignore[attr-defined]
    problems = []
    if meta.get("intent") != item.intent:
        problems.append(f"intent {meta.get('intent')!r}, expected {item.intent!r}")
    if item.refusal and meta.get("refusal") != item.refusal:
        problems.append(f"refusal {meta.get('refusal')!r}, expected {item.refusal!r}")
    first = text.split("\n\n")[0]
    problems += [f"first paragraph lacks {s!r}" for s in item.first if s not in first]
    problems += [f"answer lacks {s!r}" for s in item.must if s not in text]
    problems += [f"answer has {s!r}" for s in item.must_not if s in text]
    if item.ordered and not problems:
        positions = [text.index(s) for s in item.must]
        if positions != sorted(positions):
            problems.append(f"parts out of order: {item.must}")
    if item.figures_only_labelled:
        for paragraph in text.split("\n\n"):
            if ("亿元" in paragraph) and not any(w in paragraph for w in ("最新交易日", "latest session")):
                problems.append(f"unlabelled figure in a refusal: {paragraph[:60]!r}")
    return problems
