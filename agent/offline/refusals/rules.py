"""Questions the answerer does not answer, and the one plain sentence it says instead.

A refusal names what was asked, says why it cannot be answered and what can be
asked instead; it never carries an unrelated day's figures. Recognised before
any figure is looked up, so a prediction or a stock question never falls
through to "the latest day's turnover".
"""

from __future__ import annotations

import re
from typing import Literal

from agent.offline.reading.lexicon import has, kinds, words_of
from agent.offline.reading.question import TURNOVER
from agent.wording import Lang

RefusalKind = Literal[
    "advice",
    "not_in_data",
    "prediction",
    "intraday",
    "stock",
    "northbound",
    "sector",
    "index_level",
    "out_of_scope",
    "unsupported_stat",
    "unnamed_day",
]

# Intraday words the intraday handler (registered in front) could not read into a moment or a line.
_INTRADAY = re.compile(
    r"(?<![年月周度])同期|同一时间|同一时刻|同时段|几点|什么时候(?:破|突破|站上|过)|分时|"
    r"\bsame time\b|\bwhat time\b|\bby (?:noon|\d{1,2}(?::\d{2})?)\b",
    re.I,
)
_NORTHBOUND = re.compile(r"北向|北上资金|沪股通|深股通|陆股通|外资净|\bnorthbound\b|\bstock connect\b", re.I)
_SECTOR = re.compile(
    r"板块|行业|概念股|题材|赛道|(?:AI|人工智能|半导体|芯片|券商|银行|白酒|新能源|医药|军工|地产|房地产)(?:股)?(?:成交|的成交)|"
    r"\bsector\b|\bindustry\b|\bboard turnover\b",
    re.I,
)
# Single stocks: a six-digit code, a few names new users ask about, or the words for a stock's price.
_STOCK = re.compile(
    r"(?<!\d)(?:60|68|00|30)\d{4}(?!\d)|茅台|宁德时代|比亚迪|中国平安|招商银行|工商银行|腾讯|阿里|中芯国际|东方财富|"
    r"个股|股价|涨停|跌停|这只股|哪只股|买什么股|推荐.*股|\bstock price\b|\bshare price\b|\bmoutai\b|\bkweichow\b|"
    r"\bbyd\b|\bcatl\b|\bticker\b|\bwhich stock",
    re.I,
)
_INDEX_LEVEL = re.compile(
    r"(?:上证|深证|创业板|沪深300|科创50|大盘|指数)(?:指数)?.{0,6}(?:点位|多少点|涨了|跌了|涨跌|收盘|涨幅|跌幅)|"
    r"(?:涨了|跌了)多少(?!.*成交)|\bindex (?:level|close|closed)\b|\bhow many points\b",
    re.I,
)
_OUTSIDE = re.compile(
    r"天气|比特币|加密货币|美股|港股|纳斯达克|道琼斯|标普|黄金价格|金价|油价|汇率|人民币兑|房价|彩票|基金净值|债券收益率|期货|"
    r"\bweather\b|\bbitcoin\b|\bcrypto|\bnasdaq\b|\bdow jones\b|\bs&p\b|\bforex\b|\bexchange rate\b|\bgold price\b|"
    r"\bhong kong\b|\bus stocks?\b|\bhang seng\b",
    re.I,
)
# Statistics the stats tool has no measure for: ranking weeks, counting days against the day before.
# Statistics the stats reader does not compute (weeks and quarters are grouped, 放量/缩量 days counted and ranked
# by agent.offline.stats.reading): a change between two named days' weeks, say. Kept narrow on purpose.
_UNSUPPORTED_STAT = re.compile(r"周环比最大|\bweek-over-week (?:biggest|largest)\b", re.I)
# Days known only by a festival's name: the answerer has no table of them, so it asks for the date.
HOLIDAY_NAME = re.compile(
    r"国庆|春节|除夕|元旦|五一|劳动节|清明|端午|中秋|圣诞|黄金周|长假|节前|节后|"
    r"\bchristmas\b|\bnew year|\bnational day\b|\bspring festival\b|\bgolden week\b",
    re.I,
)


# Indexes the data do not keep (only 上证指数 and 深证成指 are stored): named back in the refusal.
OTHER_INDEX = re.compile(
    r"创业板指?|科创50|科创板?指?|沪深300|中证\d*|上证50|上证180|北证50?|恒生(?:指数|科技)?|纳斯达克|纳指|道琼斯|道指|"
    r"标普(?:500)?|日经(?:225)?|\bnasdaq\b|\bs&p(?: 500)?\b|\bchinext\b|\bcsi ?300\b",
    re.I,
)


def other_index(text: str) -> str | None:
    """The index named that the data do not keep ("创业板指", "沪深300"), or None."""
    m = OTHER_INDEX.search(text)
    if m is None:
        return None
    return {"创业板": "创业板指", "科创": "科创50", "北证": "北证50"}.get(m[0], m[0])


def not_in_data(text: str) -> str | None:
    """The name of what the question asks about that the bot keeps no data on (创业板, 科创板, 北交所, 港股,
    ETFs, volume in shares, money flows), or None. Read by the lexicon, so "创业板指" is an index, not 创业板."""
    word = next((w for w in words_of(text, "OUT_OF_DATA")), None)
    if word is None:
        return None
    return _OUT_OF_DATA_NAMES.get(word.lower(), word)


_OUT_OF_DATA_NAMES = {
    "多少股": "成交量（股数）", "股数": "成交量（股数）", "手数": "成交量（手数）", "成交量多少股": "成交量（股数）",
    "shares traded": "volume in shares", "in shares": "volume in shares", "number of shares": "volume in shares",
    "多少手": "成交量（手数）", "成交股数": "成交量（股数）", "etf": "ETF", "北证": "北交所", "恒生": "港股",
    "资金流向": "资金流向", "净流入": "资金净流入", "净流出": "资金净流出", "流入": "资金流入", "流出": "资金流出",
    "主力资金": "主力资金", "money flow": "money flows", "net inflow": "net inflows",
}  # fmt: skip


def index_asked(text: str) -> bool:
    """An index level or a price move ("大盘涨了吗", "上证收盘多少点", "放量上涨的日子"): issue 17's data.
    "上证成交额" is Shanghai's turnover, and "成交额涨了多少" a change in turnover: neither is an index question."""
    found = kinds(text)
    name = bool(words_of(text, "INDEX_NAME"))
    move = "PRICE_MOVE" in found
    # "2026上半年日均 vs 2025上半年 涨了多少": a turnover statistic's change, not the index's
    turnover = bool(found & {"MEASURE_TURNOVER", "SLANG_UP", "SLANG_DOWN", "SLANG_LOW", "SLANG_HIGH", "SHAPE_MEAN",
                             "SHAPE_SUM", "SHAPE_MEDIAN"})  # fmt: skip
    slang_with_move = move and bool(found & {"SLANG_UP", "SLANG_DOWN"})  # 放量上涨: the turnover AND the index
    return (move and (name or not turnover or slang_with_move)) or (name and not turnover)


def names_stock(text: str) -> bool:
    """A single stock named or asked about ("贵州茅台明天能涨吗", "this stock")."""
    return bool(_STOCK.search(text)) or has(text, "STOCK")


_STOCK_WORDS = re.compile(r"个股|股价|涨停|跌停|这只股|哪只股|买什么股|推荐|stock|share price|ticker", re.I)


def stock_named(text: str) -> str | None:
    """The single stock's name or code as asked ("中芯国际", "600519"), None for words about stocks in general."""
    found = [m[0] for m in _STOCK.finditer(text)] + list(words_of(text, "STOCK"))
    named = [w for w in found if not _STOCK_WORDS.search(w)]
    return max(named, key=len) if named else None


def recognise_refusal(text: str) -> RefusalKind | None:
    """The kind of question this answerer will not answer, or None."""
    if _NORTHBOUND.search(text):
        return "northbound"
    if has(text, "PREDICTION") and not re.search(r"预期(?:之外|外)|超预期", text):
        return "prediction"
    if _INTRADAY.search(text):
        return "intraday"
    if names_stock(text):
        return "stock"
    if has(text, "ADVICE"):
        return "advice"
    if _OUTSIDE.search(text):
        return "out_of_scope"
    if index_asked(text) and not has(text, "WHY"):  # "那天为啥跌这么多": the news answers a why
        return "index_level"
    if not_in_data(text):  # "半导体ETF": the ETF is not kept, whatever industry it is named after
        return "not_in_data"
    if _SECTOR.search(text) or (has(text, "INDUSTRY") and not has(text, "NEWS")):
        return "sector"
    if _INDEX_LEVEL.search(text) and not TURNOVER.search(text) and not has(text, "SHAPE_MEAN", "SHAPE_SUM"):
        return "index_level"
    if _OUTSIDE.search(text):
        return "out_of_scope"
    if _UNSUPPORTED_STAT.search(text):
        return "unsupported_stat"
    return None


_CAN_DO_ZH = "我能回答的是沪深两市成交额（某天、某段时间的统计、历史排名和对比）以及相关新闻"
_CAN_DO_EN = (
    "What I can answer is Shanghai + Shenzhen turnover (a day, statistics over a period, records and comparisons) "
    "and the news about it"
)


_INDEX_CAN_DO_ZH = (
    "某天的收盘点位和涨跌（点数和百分比）、一段时间的累计涨跌、上涨和下跌的天数、最长连涨或连跌、离某个点位还差多少"
)
_INDEX_CAN_DO_EN = (
    "a day's close and change (points and %), the change over a period, how many sessions rose or fell, the "
    "longest run of rises or falls, and how far a close is from a level"
)


def refusal_text(kind: RefusalKind, lang: Lang, latest: str | None = None, named: str | None = None) -> str:
    """One plain sentence saying what cannot be answered, then what can be asked instead."""
    zh = lang != "en"
    if kind == "advice":
        return (
            "我不提供投资建议，抄底、加仓这类买卖决定我不替你判断。我可以告诉你成交额现在处在什么水平，"
            "例如“今天两市成交额多少”“今年成交额最低是哪天”。"
            if zh
            else "I do not give investment advice, so I will not say whether to buy or sell. I can tell you where "
            "turnover stands, e.g. 'What was turnover today?' or 'What was the lowest day this year?'"
        )
    if kind == "not_in_data":
        what = named or ("这个市场" if zh else "that market")
        return (
            f"我没有{what}的数据，无法回答；也不会用沪深两市合计代替。{_CAN_DO_ZH}。"
            if zh
            else f"I have no data on {what}, so I cannot answer that, and I will not pass the Shanghai + Shenzhen "
            f"total off as it. {_CAN_DO_EN}."
        )
    if kind == "unsupported_stat":
        return (
            "这类统计我还算不了（按周排名、和前一天比的天数或涨幅）。我能算的是某段时间的合计、日均、中位数、最高最低、"
            "前N名、超过或低于某条线的天数、第一次、连续纪录、某天的排名和两段时间的对比。"
            if zh
            else "I cannot compute that statistic (ranking weeks, days or changes against the day before). "
            "I can give a period's sum, mean, median, highest and lowest days, the top N, days above or below a line, "
            "the first time, streaks, a day's rank and one period against another."
        )
    if kind == "unnamed_day":
        return (
            f"我不确定“{named}”指哪一天，请给出具体日期，例如“2025年10月9日两市成交额多少”"
            "（休市的日子我会说明，并给出之前最近的交易日）。"
            if zh
            else f'I cannot tell which date "{named}" means; please give the date, e.g. "turnover on 2025-10-09" '
            "(for a day the market was closed I say so and give the session before it)."
        )
    if kind == "prediction":
        where = (
            (f"，例如“{latest}两市成交额多少”" if latest else "")
            if zh
            else (f', e.g. "turnover on {latest}"' if latest else "")
        )
        return (
            f"我不做预测，无法回答将来的涨跌或成交额会是多少。我可以告诉你成交额现在处在什么水平{where}。"
            if zh
            else f"I do not make predictions, so I cannot say what turnover or prices will do. I can tell you where "
            f"turnover stands now{where}."
        )
    if kind == "intraday":
        return (
            "这个盘中问题我没看明白问的是哪个时刻或哪条线，无法回答。可以这样问：“今天几点突破1万亿？”"
            "“现在成交额比昨天同一时间放量多少？”“5月14日上午10点成交额多少？”"
            if zh
            else "I could not tell which moment or which line this intraday question is about, so I cannot answer "
            "it. You could ask: 'What time did turnover cross 1 trillion today?', 'How does turnover now compare "
            "with the same time yesterday?'"
        )
    if kind == "stock":
        return (
            f"我没有单只股票的数据{f'（{named}是个股）' if named else ''}，无法回答个股的问题。{_CAN_DO_ZH}。"
            if zh
            else f"I have no data on single stocks{f' ({named} is one)' if named else ''}, so I cannot answer that. "
            f"{_CAN_DO_EN}."
        )
    if kind == "northbound":
        return (
            f"北向资金的净流入数据无法提供：沪深交易所自2024年起已不再公布北向资金的每日净买入数据。{_CAN_DO_ZH}。"
            if zh
            else "I cannot give northbound net flows: the exchanges stopped publishing daily northbound net buying "
            f"in 2024. {_CAN_DO_EN}."
        )
    if kind == "sector":
        return (
            "这个板块问题我答不了：我只有关注板块的每日成交额（可以问「AI板块成交额多少」「哪个板块成交最多」），"
            f"没有板块的资金流向、涨跌等数据；不会用两市合计代替。{_CAN_DO_ZH}。"
            if zh
            else "I cannot answer that sector question: I only keep the daily turnover of the watched boards (ask e.g. "
            f"'Which sectors traded the most?'), and I will not pass the whole market's total off as a sector's. "
            f"{_CAN_DO_EN}."
        )
    if kind == "index_level" and named:
        return (
            f"我只有上证指数和深证成指每天的收盘点位和涨跌幅，没有{named}的数据，无法回答。{_CAN_DO_ZH}。"
            if zh
            else "I keep only the Shanghai Composite's and the Shenzhen Component's daily closes and changes, "
            f"not {named}'s, so I cannot answer that. {_CAN_DO_EN}."
        )
    if kind == "index_level":  # a stored index (or none named), asked in a way not read: said so, no figure
        return (
            "上证指数和深证成指每天的收盘点位和涨跌幅我有，但这个问法我没读懂问的是哪项指数数字，为免答非所问，先不给数字。"
            f"我能回答的是：{_INDEX_CAN_DO_ZH}。"
            if zh
            else "I keep the Shanghai Composite's and the Shenzhen Component's daily closes and changes, but I could "
            f"not tell which index figure this asks for, so I give none rather than answer something else. I can "
            f"give: {_INDEX_CAN_DO_EN}."
        )
    return (
        f"这个问题超出了我的范围（我只回答A股两市成交额及相关新闻）。{_CAN_DO_ZH}。"
        if zh
        else f"That is outside what I cover (A-share turnover and its news only). {_CAN_DO_EN}."
    )
