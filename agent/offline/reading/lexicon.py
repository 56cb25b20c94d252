"""The offline reader's vocabulary: every class of question words, zh and en, in one place.

A question is read by one tokenizer, ``tokens()``: longest match over all the words below (Chinese by
characters, English by whole words, either language anywhere: "今天turnover多少"), numbers and dates as
their own tokens, and whatever is left as ``OTHER``. ``leftovers()`` is what no class accounts for: a
reading that leaves content words over is not an answer to the question (agent.offline.pipeline).

The classes name what a word does in a question, not where it is used. Words of data the bot does not
keep (OUT_OF_DATA, INDEX, INDUSTRY, ADVICE) are here too, so such a question is declined by name instead
of falling through to the two-market total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Each class: its words. English words are matched case-insensitively on word boundaries.
LEXICON: dict[str, tuple[str, ...]] = {
    # --- the data: markets and measures ----------------------------------------------------------
    "MARKET_TOTAL": (
        "两市", "沪深两市", "沪深", "俩市", "沪深俩市", "两市合计", "A股", "a股", "全市场", "大A", "市场", "全天", "全年",
        "shanghai+shenzhen", "shanghai + shenzhen", "shanghai and shenzhen", "a-share", "a-shares", "two markets",
        "market", "combined", "total",
    ),  # fmt: skip
    "MARKET_SH": ("沪市", "上交所", "上海证券交易所", "上海市场", "shanghai", "sse"),
    "MARKET_SZ": ("深市", "深交所", "深圳证券交易所", "深圳市场", "shenzhen", "szse"),
    "MEASURE_TURNOVER": (
        "成交额", "成交", "交易额", "成交金额", "量能", "量", "turnover", "traded", "trade", "trading value",
        "trading", "volume", "value traded",
    ),  # fmt: skip
    # 量 slang: 放量/缩量 a change, 地量/天量 the low/high, 破万亿 a line crossed.
    "SLANG_UP": ("放量", "放了", "增加", "上升", "increase", "increased", "rise", "rose", "higher", "jump", "surge", "增量", "大增", "暴增", "higher volume", "more volume"),
    "SLANG_DOWN": ("缩量", "萎缩", "缩了", "减少", "下降", "回落", "decrease", "drop", "dropped", "lower", "fell", "decline", "shrink", "lower volume"),
    "SLANG_LOW": ("地量",),
    "SLANG_HIGH": ("天量",),
    # --- shapes of an answer ---------------------------------------------------------------------
    "SHAPE_MAX": ("最高", "最好", "最强", "最多", "最大", "峰值", "最活跃", "highest", "most", "biggest", "largest", "peak", "busiest", "max"),
    "SHAPE_MIN": ("最低", "最差", "最弱", "最少", "最小", "最冷清", "lowest", "least", "smallest", "quietest", "min"),
    "SHAPE_SUM": ("总成交额", "成交总额", "总额", "合计", "累计", "总共", "一共", "总和", "加起来", "sum", "cumulative", "altogether"),
    "SHAPE_MEAN": ("平均", "日均", "均值", "均量", "平均每天", "average", "mean", "per day", "daily average"),
    "SHAPE_MEDIAN": ("中位数", "median"),
    "SHAPE_COUNT": ("多少天", "几天", "多少个交易日", "几个交易日", "天数", "how many days", "how many sessions", "number of days"),
    "SHAPE_SHARE": ("占比", "比例", "比重", "占两市", "份额", "share", "proportion", "percentage"),
    "SHAPE_LIST": ("每天", "每日", "每个交易日", "列一下", "列出", "列表", "逐日", "哪几天", "each day", "day by day", "list", "every day"),
    "SHAPE_SPLIT": ("分别", "各", "各是", "各为", "各自", "separately", "each", "breakdown", "split"),
    "SHAPE_TOP": ("前三", "前五", "前十", "前几", "排名前", "top"),
    "ORDINAL": ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    "SHAPE_RANK": ("排第几", "第几高", "第几大", "排名", "第几名", "排在第", "排到", "rank", "ranked"),
    "SHAPE_PERCENTILE": ("分位", "百分位", "分位数", "什么水平", "算高还是低", "算高吗", "算多吗", "percentile", "a lot"),
    "SHAPE_FIRST": ("第一次", "首次", "头一次", "最早", "first time", "first", "earliest"),
    "SHAPE_LAST": ("最近一次", "上一次", "上次", "最后一次", "last time", "most recent"),
    "SHAPE_STREAK": ("连续", "持续", "streak", "in a row", "consecutive", "straight"),
    "SHAPE_LONGEST": ("最长", "longest"),
    "SHAPE_WHICH": ("哪天", "哪一天", "哪个交易日", "哪个月", "哪一个月", "哪月", "哪一年", "哪年", "哪几天", "什么时候", "何时",
                    "从哪天到哪天", "which day", "what day", "which month", "which year", "when"),
    "SHAPE_COMPARE": ("比", "变化", "change", "changed", "higher or lower", "相比", "对比", "较", "环比", "同比", "多还是少", "高还是低", "还是", "更高", "更低", "差多少",
                      "差了多少", "相差", "差距", "多了多少", "少了多少", "多多少", "少多少", "than", "versus", "vs",
                      "compare", "compared", "difference", "more or less"),
    "SHAPE_RECORD": ("创新高", "创纪录", "历史最高", "历史新高", "纪录", "record", "all-time high"),
    # --- thresholds and ranges -------------------------------------------------------------------
    "THRESHOLD_UP": ("破", "突破", "站上", "超过", "上", "以上", "过", "达到", "above", "over", "cross", "top", "exceed", "hit"),
    "THRESHOLD_DOWN": ("跌破", "低于", "不到", "不足", "以下", "少于", "之下", "below", "under", "less than"),
    "RANGE": ("之间", "区间", "到", "至", "between", "and", "to"),
    # --- time --------------------------------------------------------------------------------------
    "RELATIVE_DAY": (
        "昨晚", "今晚", "今天", "今日", "昨天", "昨日", "前天", "大前天", "上个交易日", "上一个交易日", "上一交易日", "前一天", "前一个交易日",
        "前一交易日", "再往前", "再前一天", "当天", "那天", "那一天", "这一天", "today", "yesterday", "day before",
        "previous session", "previous trading day", "the day before", "that day",
    ),  # fmt: skip
    "WEEKDAY": ("周一", "周二", "周三", "周四", "周五", "星期一", "星期二", "星期三", "星期四", "星期五", "礼拜一", "礼拜五",
                "monday", "tuesday", "wednesday", "thursday", "friday"),
    "PERIOD": (
        "年", "月", "月份", "周", "季度", "一季度", "二季度", "三季度", "四季度", "上半年", "下半年", "年内", "年初",
        "今年", "去年", "今年以来", "年初至今", "本周", "这周", "上周", "本月", "这个月", "上个月", "上月", "本季度",
        "上季度", "历史", "历史上", "有史以来", "有数据以来", "史上", "以来", "至今", "到现在", "到目前为止", "目前为止",
        "近", "最近", "过去", "交易日", "个交易日", "天", "日", "号", "一年", "近一年", "全年", "年末", "年底", "期间",
        "this year", "last year", "ytd", "year to date", "so far this year", "this week", "last week", "this month",
        "last month", "quarter", "half", "first half", "second half", "ever", "in history", "on record", "sessions",
        "days", "day", "week", "month", "year", "since", "so far", "last", "previous", "prior", "past", "recent",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ),  # fmt: skip
    "INTRADAY": ("早盘", "午盘", "尾盘", "盘中", "早上", "上午", "下午", "刚才", "刚刚", "此刻", "实时", "现在", "目前", "眼下",
                 "分时", "同期", "几点", "right now", "now", "intraday", "this morning", "midday"),
    # --- other kinds of question -----------------------------------------------------------------
    "WHY": ("为什么", "为何", "原因", "怎么回事", "因为什么", "why", "reason", "reasons", "drove", "behind"),
    "NEWS": ("新闻", "消息", "资讯", "快讯", "公告", "头条", "news", "headlines"),
    "ADVICE": ("抄底", "加仓", "减仓", "清仓", "满仓", "建仓", "补仓", "止损", "止盈", "割肉", "上车", "下车", "进场", "入场",
               "离场", "买入", "卖出", "该买", "该卖", "能买", "可以买", "值得买", "should i buy", "should i sell",
               "buy the dip", "good time to buy"),
    "PREDICTION": ("明天", "明日", "后天", "下周", "下个月", "下月", "下个交易日", "明年", "将来", "未来", "会不会", "预测",
                   "预计", "预判", "估计", "有望", "还会", "将会", "tomorrow", "next week", "next month", "will",
                   "forecast", "predict", "expect"),
    # Data the bot does not keep: each word names what it is (the refusal says it by name).
    "OUT_OF_DATA": ("资金流向", "净流入", "净流出", "流入", "流出", "主力资金", "money flow", "net inflow", "创业板", "科创板", "北交所", "北证", "港股", "恒生", "美股", "纳斯达克", "道琼斯", "标普", "ETF", "etf",
                    "个股", "基金", "期货", "债券", "北向", "北向资金", "北上资金", "沪股通", "深股通", "成交量多少股",
                    "多少股", "股数", "手数", "chinext", "star market", "hong kong", "nasdaq", "northbound", "shares traded"),
    # Index levels and returns (issue 17 adds them; until then declined by name, never the market total).
    "INDEX_NAME": ("上证指数", "上证综指", "上证", "沪指", "深证成指", "深成指", "深证", "创业板指", "科创50", "沪深300",
                   "大盘", "指数", "index", "index level"),
    "PRICE_MOVE": ("点位", "多少点", "收盘", "收在", "涨幅", "跌幅", "涨跌幅", "涨跌", "涨了", "跌了", "上涨", "下跌", "涨", "跌",
                   "points"),
    # Industries and breadth (issue 17): the board handler answers the watched boards; the rest is declined.
    "INDUSTRY": ("AI", "semiconductor", "chip", "chips", "brokerage", "liquor", "行业", "板块", "概念", "题材", "赛道", "半导体", "芯片", "白酒", "券商", "银行", "医药", "军工", "地产",
                 "房地产", "新能源", "软件开发", "人工智能", "上涨家数", "下跌家数", "家上涨", "家下跌", "涨跌家数",
                 "sector", "sectors", "industry", "industries"),
    "HOLIDAY": ("国庆", "春节", "除夕", "元旦", "五一", "劳动节", "清明", "端午", "中秋", "节后", "节前", "长假", "假期",
                "christmas", "national day", "spring festival", "golden week"),
    # --- glue ------------------------------------------------------------------------------------
    "CONNECTOR": ("和", "与", "跟", "同", "及", "以及", "还有", "并且", "而且", "另外", "对", "对于", "在", "从", "自",
                  "起", "后", "之后", "以后", "前", "之前", "以前", "那会", "那时", "当时", "期间", "内", "里", "中",
                  "的", "之", "of", "in", "on", "at", "for", "from", "with", "by", "during", "after", "before"),
    "ASK": (
        "已经", "得", "daily", "where", "can", "could", "when", "time", "多少", "几", "吗", "呢", "么", "了", "了吗", "了没", "没", "没有", "是", "是不是", "是否", "有", "有没有", "什么",
        "怎么样", "怎样", "如何", "哪", "哪些", "吧", "啊", "呀", "嘛", "请问", "请", "帮我", "帮忙", "查", "查一下",
        "看看", "看下", "一下", "告诉我", "说说", "给我", "能", "可以", "会", "算", "算是", "情况", "数据", "大概",
        "大约", "左右", "亿", "万亿", "元", "亿元", "块", "钱", "个", "这个", "那个", "这", "那", "那么", "它", "这么",
        "这么大", "这么厉害", "厉害", "的话", "就", "都", "也", "还", "又", "再", "一", "多", "少", "高", "低", "大", "小",
        "what", "whats", "what's", "how", "much", "many", "is", "was", "were", "are", "did", "do", "does", "the",
        "a", "an", "it", "its", "and", "or", "about", "please", "tell", "me", "show", "give", "i", "you", "there",
        "any", "has", "have", "had", "yuan", "trillion", "billion", "only", "just", "up", "down", "again", "than",
        "whole", "full", "lot", "level", "yes", "no", "so", "far", "that", "this", "which", "be", "been", "total",
    ),  # fmt: skip
    # Words that colour a question without narrowing it ("15年牛市那会" is 2015).
    "COLOUR": ("牛市", "熊市", "行情", "那波", "那轮", "那会", "那会儿", "那时候", "这波", "这轮"),
    # Single stocks: a few names new users ask about (six-digit codes are read as numbers and refused by rule).
    "STOCK": ("茅台", "贵州茅台", "宁德时代", "比亚迪", "中国平安", "招商银行", "工商银行", "腾讯", "阿里", "中芯国际",
              "东方财富", "中际旭创", "股价", "涨停", "跌停", "这只股", "哪只股", "moutai", "byd", "catl",
              "share price", "stock price", "ticker"),
    "GREETING": ("你好", "您好", "在吗", "谢谢", "多谢", "hi", "hello", "hey", "thanks", "thank you"),
    "HELP": ("帮助", "你能做什么", "能回答什么", "怎么用", "使用说明", "help"),
}

# The words that carry no content of their own (what a question asks is in the other classes).
GLUE = frozenset({"CONNECTOR", "ASK", "GREETING", "COLOUR"})


@dataclass(frozen=True)
class Token:
    text: str
    kind: str  # a LEXICON class, "NUMBER", "AMOUNT", "DATE" or "OTHER"
    start: int


_NUMBER = re.compile(r"第\s*(?:\d+|[一二两三四五六七八九十百]+)|\d+(?:st|nd|rd|th)\b|\d+(?:\.\d+)?%?|[零〇一二两三四五六七八九十百千万]+(?=[万亿个天日号月年次名倍%]|$)")
_AMOUNT = re.compile(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千点]+)\s*(?:万亿|亿元?|万(?!\S*亿))|\d+(?:\.\d+)?\s*(?:trillion|tn|billion|bn)\b", re.I)
_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}[日号]?)?|\d{1,2}月\d{1,2}[日号]?|\d{4}q[1-4]|q[1-4]", re.I)
_PUNCT = re.compile(r"[\s\W_]+")
_LATIN_WORD = re.compile(r"[a-z][a-z'&+-]*", re.I)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], int, dict[str, str], int]:
    """(zh word -> class, longest zh word, en phrase -> class, longest en phrase in words)."""
    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for kind, words in LEXICON.items():
        for word in words:
            if re.search(r"[\u4e00-\u9fff]", word):
                zh.setdefault(word, kind)
            else:
                en.setdefault(word.lower(), kind)
    return zh, max(map(len, zh)), en, max(len(w.split()) for w in en)


def tokens(text: str) -> list[Token]:
    """The question as lexicon tokens, longest match first; unknown characters are ``OTHER``."""
    zh, zh_longest, en, en_longest = _index()
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        m = _DATE.match(text, i) or _AMOUNT.match(text, i)
        m = m or (None if text[i].isalpha() and text[i].isascii() else _NUMBER.match(text, i))
        if m and m.group(0):
            out.append(Token(m.group(0), {_DATE: "DATE", _AMOUNT: "AMOUNT"}.get(m.re, "NUMBER"), i))
            i = m.end()
            continue
        if text[i].isascii() and text[i].isalpha():
            words = [w for w in _LATIN_WORD.finditer(text, i)][:en_longest]
            words = [w for k, w in enumerate(words) if k == 0 or text[words[k - 1].end() : w.start()].strip() in ("", "+")]
            for k in range(len(words), 0, -1):
                phrase = text[i : words[k - 1].end()].lower()
                phrase = re.sub(r"\s+", " ", phrase)
                kind = en.get(phrase) or en.get(re.sub(r"'s$", "", phrase))
                if kind:
                    out.append(Token(phrase, kind, i))
                    i = words[k - 1].end()
                    break
            else:
                word = words[0].group(0) if words else text[i]
                out.append(Token(word, "OTHER", i))
                i += len(word)
            continue
        m = _PUNCT.match(text, i)
        if m:
            i = m.end()
            continue
        for size in range(min(zh_longest, n - i), 0, -1):
            kind = zh.get(text[i : i + size])
            if kind:
                out.append(Token(text[i : i + size], kind, i))
                i += size
                break
        else:
            out.append(Token(text[i], "OTHER", i))
            i += 1
    return out


def kinds(text: str) -> set[str]:
    """The classes of the words of ``text``."""
    return {t.kind for t in tokens(text)}


def words_of(text: str, kind: str) -> list[str]:
    """The words of class ``kind`` in ``text``, in order."""
    return [t.text for t in tokens(text) if t.kind == kind]


def leftovers(text: str) -> list[str]:
    """Runs of words no class accounts for ("在…之间" is accounted for; "牛市" is not), in order."""
    runs: list[str] = []
    last_end = -2
    for t in tokens(text):
        if t.kind != "OTHER":
            last_end = -2
            continue
        if runs and t.start == last_end:
            runs[-1] += t.text
        else:
            runs.append(t.text)
        last_end = t.start + len(t.text)
    # A lone Chinese character left over is most often a typo ("成交采") or a particle: not a content word.
    return [r for r in runs if len(r) >= 2 or (r.isascii() and len(r) > 2)]


def pattern(*classes: str) -> re.Pattern[str]:
    """One regex over the words of ``classes`` (longest first), for readers still written as regexes."""
    words = sorted({w for c in classes for w in LEXICON[c]}, key=len, reverse=True)
    parts = [re.escape(w) if re.search(r"[^\x00-\x7f]", w) else rf"\b{re.escape(w)}\b" for w in words]
    return re.compile("|".join(parts), re.I)


def has(text: str, *classes: str) -> bool:
    return any(t.kind in classes for t in tokens(text))
