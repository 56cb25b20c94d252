"""The sentences that are not about any figure: help, a data source that failed, an internal error."""

from __future__ import annotations

from agent.wording import Lang


def _zh(lang: Lang) -> bool:
    return lang != "en"


def source_failed(message: str, lang: Lang) -> str:
    return (
        f"数据源暂时出错，请稍后再试（{message}）。"
        if _zh(lang)
        else f"The data source failed; please try again later ({message})."
    )


def internal_error(lang: Lang) -> str:
    return (
        "抱歉，处理这个问题时出错了。请换个说法再试，例如“2025年10月9日两市成交额多少？”"
        if _zh(lang)
        else 'Sorry, something went wrong with that question. Try e.g. "What was turnover on 9 Oct 2025?"'
    )


HELP_ZH = """我可以回答这些问题（数据来自本地的两市成交额历史和新闻库）：
• 某天的成交额：“2025年10月9日两市成交额多少？”
• 放量/缩量的原因、是否突破某条线：“为什么今天两市成交额突破1万亿？比上个交易日多了多少？”
• 两天对比：“对比2024年10月8日和2025年10月9日的成交额”
• 一段时间的统计：“2015年6月成交额最高的是哪一天？”、“今年超过2万亿的有几天？”、“本周比上周多还是少？”
• 纪录与排名：“第一次超过3万亿是哪天？”、“2024年10月8日历史上排第几？”、“已经连续多少天在1万亿以上？”
• 相关新闻：“关于证监会的新闻”
日期可以写成 2025年10月9日、10月9日、2025-10-09、昨天、上周五；
时间段可以写成 2024年、2025年3月、一季度、上周、近20个交易日。
不能回答的：预测、个股、板块成交额、北向资金净流入（交易所2024年起不再公布）。"""

HELP_EN = """I can answer these (from the local turnover history and news store):
• A day's turnover: "What was Shanghai + Shenzhen turnover on Oct 9, 2025?"
• Why it rose/fell or crossed a line: "Why did turnover cross 2 trillion today? How much more than the day before?"
• Two days compared: "Compare turnover on 2024-10-08 and 2025-10-09"
• Statistics over a period: "Which day had the highest turnover in June 2015?",
  "How many days this year above 2 trillion?"
• Records and ranks: "When did turnover first exceed 3 trillion?", "Where does 2024-10-08 rank in history?"
• News on a topic: "news about the CSRC"
Dates may be written 2025-10-09, 9 October 2025, Oct 9, yesterday, last Friday; periods as 2024, June 2015, Q1 2025,
last week, the last 20 sessions. Not covered: predictions, single stocks, sectors, northbound net flows."""


def help_text(lang: Lang, unclear: bool = False) -> str:
    if _zh(lang):
        return ("没太明白你的问题。" if unclear else "") + HELP_ZH
    return ("I did not quite understand that. " if unclear else "") + HELP_EN
