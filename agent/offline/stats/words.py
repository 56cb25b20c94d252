"""The words of a statistic's question: shapes (最高/日均/几天/排第几), volume moves (放量/缩量), lines and
their direction, periods named against each other. One table per class, read by agent.offline.stats.reading."""

from __future__ import annotations

import re

MAX = re.compile(
    r"最高|最多|最大|峰值|最活跃|(?<![哪那每当一几某])天量|\bhighest\b|\bmost\b|\bbiggest\b|\blargest\b|\bpeak\b|\bbusiest\b|\bmax(imum)?\b",
    re.I,
)
MIN = re.compile(r"最低|最少|最小|最冷清|地量|\blowest\b|\bleast\b|\bsmallest\b|\bquietest\b|\bmin(imum)?\b", re.I)
SUM = re.compile(
    r"总成交额|成交总额|总额|合计|累计|总共|一共|总和|加起来|\btotal(?:led)?\b|\bsum\b|\bcumulative\b|"
    r"\baltogether\b|\bin all\b",
    re.I,
)
MEAN = re.compile(r"平均|日均|均值|均量|\baverage\b|\bmean\b|\bper day\b|\bavg\b", re.I)
MEDIAN = re.compile(r"中位数|\bmedian\b", re.I)
COUNT = re.compile(
    r"(?:有)?(?:多少|几)\s*(?:个)?(?:交易日|天|次|日)|天数|\bhow many\b|\bnumber of (?:days|sessions)\b|"
    r"(?:交易日|\bdays\b|\bsessions\b)\s*(?:有|一共|共)?\s*(?:多少|几)\s*个?",  # "破2万亿的days有几个"
    re.I,
)
SHARE = re.compile(
    r"占比|比例|百分之|比重|\bshare of\b|\bwhat share\b|\bpercentage\b|\bproportion\b|\bwhat percent", re.I
)
FIRST = re.compile(r"第一次|首次|头一次|最早|\bfirst\b|\bearliest\b", re.I)
LAST = re.compile(r"最近一次|上一次|上次|最后一次|\blast time\b|\bmost recent(?:ly)?\b", re.I)
# With a line, "第一天破万亿" / "最后一天跌破2万亿" is the first (last) session over it
FIRST_OVER = re.compile(FIRST.pattern + r"|第一\s*个?\s*(?:交易日|天)|头一天", re.I)
LAST_OVER = re.compile(LAST.pattern + r"|最后\s*一?\s*个?\s*(?:交易日|天)", re.I)
RANK = re.compile(
    r"第几高|第几大|排.{0,6}第几|排名|第几名|第几位|排在第|\brank(?:ed|s)?\b|\bwhich place\b|\bhow high\b.*\bhistory",
    re.I,
)
STREAK = re.compile(r"连续|连着|接连|一连|\bstreak\b|\bin a row\b|\bconsecutive\b|\bstraight\b", re.I)
LONGEST = re.compile(r"最长|最多连续|\blongest\b", re.I)
CURRENT = re.compile(r"目前|已经|现在|至今|仍|还在|\bcurrent(?:ly)?\b|\bso far\b|\bnow\b|\bstill\b", re.I)
VS_PREVIOUS = re.compile(
    r"比上周|比上个?月|比去年|比上一年|比上季度|较上周|较上月|较去年|环比|同比|多还是少|增加还是减少|"
    r"(?:比|较|和|与|跟|相比)(?:再)?(?:前一|上一|上上|之前一|前)个?(?:周|星期|月|季度|年)|"
    r"\bthan (?:the )?(?:last|previous) (?:week|month|year|quarter)\b|\bvs\.? (?:the )?(?:last|previous)\b|"
    r"\bcompared? (?:with|to) (?:the )?(?:last|previous|prior) (?:week|month|year|quarter)\b|\bmore or less\b",
    re.I,
)
# "破3万亿的是哪天": the day (days) over a line, named; not "哪天最高" (a maximum, read before)
WHICH_DAY = re.compile(r"哪一?天|哪个交易日|哪些日子|\b(?:which|what) (?:day|session|date)s?\b|\bwhen\b", re.I)
OTHER_DAY_SHAPES = (
    "SHAPE_STREAK", "SHAPE_LONGEST", "SHAPE_MAX", "SHAPE_MIN", "SHAPE_RANK", "SHAPE_FIRST", "SHAPE_LAST",
)  # fmt: skip
WHICH = re.compile(
    r"哪个月|哪一个月|哪月|哪一年|哪年|哪个季度|哪一季度|哪季度|哪一?个?季|哪一周|哪个星期|哪周|哪个礼拜|哪个半年|"
    r"\bwhich (?:month|year|quarter|week|half)\b",
    re.I,
)
# "25年有几个月日均超过2万亿": the months (weeks, quarters, years) of the period over a line, counted
GROUP_COUNT = re.compile(
    r"(?:几|多少)\s*个?\s*(月|周|星期|礼拜|季度|年)|\bhow many (months|weeks|quarters|years)\b", re.I
)
GROUP_UNITS = (
    ("week", r"周|星期|礼拜|week"),
    ("quarter", r"季|quarter"),
    ("half", r"半年|half"),
    ("year", r"年|year"),
)
RECORD = re.compile(r"创新高|创纪录|历史最高|历史新高|天量纪录|\brecord\b|\ball[- ]time high\b", re.I)
# Days set against one day or amount: "比今天高", "比这个多", "高于那天", "higher than today"
THAN_A_DAY = re.compile(
    r"(?:比|高于|低于|超过|大于|少于)\s*(?:今天|昨天|前天|那天|当天|这天|这个|它|这|那个|\d{4}-\d{2}-\d{2}|\d{1,2}月\d{1,2}[日号])"
    r"|\b(?:higher|more|lower|less|bigger) than (?:today|yesterday|that day|this|it)\b",
    re.I,
)
# Words between two periods that set them side by side or join them (else the second restates the first)
JOINS = re.compile(
    r"和|与|跟|及|比|对比|相比|较|到|至|、|[,，;；]|还是|或|高于|低于|超过|多于|少于|"
    r"\b(?:vs|versus|and|or|to|than|against|with|compared?|over|from|before|after|through|till|until|above|"
    r"below|higher|lower|more|less|exceed\w*|bigger|smaller)\b",
    re.I,
)
ANY_DAYS = re.compile(r"有没有|有无|是否有|有过|的日子|\b(?:any|were there) (?:days|sessions)\b", re.I)
YES_NO = re.compile(r"是不是|是否|了吗|了没|吗[?？]?$|\bis\b|\bwas\b|\bdid\b|\bhas\b", re.I)
TREND = re.compile(
    r"最近(?!一次|一个?交易日|一天)|近期|走势|趋势|这段时间|\brecent(?:ly)?\b|\btrend\b|\blately\b", re.I
)
BELOW = re.compile(
    r"低于|不到|不足|跌破|以下|少于|之下|\bbelow\b|\bunder\b|\bless than\b|\bfell short\b|"
    r"\bsub[- ](?=\d|one|two|three)",
    re.I,
)
TOP_N = re.compile(
    r"(?:前|最高的?|最大的?|top\s*)\s*(\d+|[一二两三四五六七八九十]+)(?!\s*个?(?:周|星期|礼拜|月|季度?|年))"
    r"\s*(?:个交易日|天|名|个|日|days?|sessions?)?|"
    r"(\d+|[一二两三四五六七八九十]+)\s*(?:个交易日|天)\s*(?:最高|最多)|\b(\d+) (?:highest|biggest|busiest)\b",
    re.I,
)
BOTTOM_N = re.compile(
    r"(?:最低的?|最少的?|bottom\s*)\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个交易日|天|名|个|日|days?|sessions?)|"
    r"\b(\d+) (?:lowest|quietest)\b",
    re.I,
)
# "第二高的是哪天" / "the third busiest day": the top (bottom) N, whose last line is the day asked.
NTH = re.compile(
    r"第\s*(\d+|[二两三四五六七八九十]+)\s*(高|大|多|活跃|低|少|冷清)|"
    r"\b(second|third|fourth|fifth|\d+(?:st|nd|rd|th))[- ](highest|biggest|busiest|largest|lowest|quietest|smallest)\b",
    re.I,
)
EACH = re.compile(
    r"每一?年|各年|历年|每个?月|各月|每个?季度?|各季度?|[四4]个季度|(?:十二|12)个月|每一?周|每个?星期|各周|"
    r"按(?:年|月|季度?|周)|逐(?:年|月|季|周)|分月|"
    r"\b(?:each|every|per|by) (?:year|month|quarter|week)\b",
    re.I,
)
EN_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
# 放量 / 缩量: a day's total against its previous session (not "比上周增加", a change between periods)
PREV_SESSION = r"(?:比|较|和|与|跟)(?:前一|上一个?|昨)(?:天|日|交易日)"
PREV_DAY = r"(?:前一|上一个?|昨)(?:天|日|个?交易日)"
VOL_UP = re.compile(
    r"放量|放了|增量|大增|暴增|单日.{0,4}(?:增加|增幅)|" + PREV_SESSION + r".{0,4}(?:增加|多|高|涨|大)|"
    r"(?:高于|多于|超过|大于)" + PREV_DAY + "|"
    r"\b(?:higher|more|rising) volume\b|\bvolume (?:rose|jumped|surged)\b|\bexpan(?:d|ds|ded|ding|sion)\b|"
    r"\b(?:biggest|largest|sharpest) (?:daily |one-day |single-day )?(?:increase|rise|jump)\b|"
    r"\b(?:up|higher) (?:on|than) the (?:previous|prior|day before)",
    re.I,
)
VOL_DOWN = re.compile(
    r"缩量|萎缩|缩了|单日.{0,4}(?:减少|降幅)|" + PREV_SESSION + r".{0,4}(?:减少|少|低|降|小)|"
    r"(?:低于|少于|小于|不如|不及)" + PREV_DAY + "|"
    r"\b(?:lower|less|falling) volume\b|\bvolume (?:fell|dropped|shrank)\b|\bshr(?:ink|inks|ank|unk)\b|"
    r"\bcontract(?:s|ed|ing|ion)\b|"
    r"\b(?:biggest|largest|sharpest) (?:daily |one-day |single-day )?(?:drop|fall|decline|decrease)\b|"
    r"\b(?:down|lower) (?:on|than) the (?:previous|prior|day before)",
    re.I,
)
# "今年以来比去年同期", "本月至今跟上月同期比": the period so far against the same calendar part of the one before
SAME_PART = re.compile(
    r"(去年|上一年|上年|上个?月|上周|上星期)同期|\bsame period (?:last|a) (year|month|week)\b|"
    r"\bsame (?:time|point) (?:last|a) (year|month|week)\b",
    re.I,
)
DAY_A_YEAR_BEFORE = re.compile(
    r"(?:(?<![至迄])今(?:天|日)(?!均)|昨天|昨日|\btoday\b|\byesterday\b).{0,12}"
    r"(?:去年同期|上年同期|去年的?今天|\bsame day last year\b|\ba year (?:ago|earlier)\b)",
    re.I,
)
BIGGEST_MOVE = re.compile(r"最多|最大|最猛|最厉害|最狠|最明显|\bbiggest\b|\blargest\b|\bsharpest\b|\bmost\b", re.I)
MOVE_N = re.compile(r"(\d+|[一二两三四五六七八九十]+)\s*(?:个交易日|天|日|名|days?|sessions?)", re.I)
# "25年最后一个交易日", "今年第一个交易日", "the last session of June": one session of the period, by its place
FIRST_SESSION = re.compile(
    r"(?:第一|首|头)\s*个?\s*(?:交易日|交易天|天)|开年第一天|\bfirst (?:trading )?(?:day|session)\b|"
    r"\bopening session\b",
    re.I,
)
LAST_SESSION = re.compile(
    r"(?:最后|最末|末)\s*(?:一)?\s*个?\s*(?:交易日|交易天|天)|收官日|\b(?:last|final) (?:trading )?(?:day|session)\b|"
    r"\bclosing session\b",
    re.I,
)
SINCE = re.compile(r"自\s*(\d{4})\s*年?(?:以来|起)|(\d{4})\s*年以来|\bsince (\d{4})\b", re.I)
