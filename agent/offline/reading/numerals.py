"""Dates and numbers as people type them, rewritten once into the digits the readers parse.

Every reader (days, periods, thresholds, counts) sees the same normalised text, so a Chinese-numeral
date ("二〇二四年十月八日", "三月五号"), a two-digit year ("24年3月5日", "15年", "24/10/8") or a
dotted month.day ("7.30") is read the same way everywhere, and a date-like span is never dropped
(and then replaced by "today") because one reader did not know its spelling.
"""

from __future__ import annotations

import re
from datetime import date

from agent.offline.reading.question import zh_number

_ZH_DIGIT = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_ZH_NUM = "零〇一二两三四五六七八九十"

# 二〇二四年: a year spelled digit by digit; 二二年 / 一五年: a two-digit year so spelled.
_ZH_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
_ZH_SHORT_YEAR = re.compile(
    r"(?<![〇零一二两三四五六七八九十百千\d])([〇零一二三四五六七八九]{2})\s*年(?![前来内间代])"
)
# 十月八日 / 三月五号 / 十二月: a month, optionally its day, in Chinese numerals.
_ZH_MONTH_DAY = re.compile(rf"(?<![{_ZH_NUM}\d个])([{_ZH_NUM}]{{1,3}})\s*月(?:\s*([{_ZH_NUM}]{{1,3}})\s*([日号]))?")
_ZH_DAY_ONLY = re.compile(rf"(?<=\d月)([{_ZH_NUM}]{{1,3}})\s*([日号])")
# 24年3月5日 / 15年 / 25年三季度: a two-digit year; not 近10年 / 十年来 / 3年前 (a span of years).
_SHORT_YEAR = re.compile(r"(?<![\d.近过去前这几多十百])(\d{2})\s*年(?![前来内间代])")
# 24/10/8, 24-10-08, 24.10.8: year/month/day with a two-digit year.
_SHORT_YMD = re.compile(r"(?<![\d/.-])(\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-])")
# 7.30 / 1.14: month.day, when it is not an amount (1.5万亿, 2.5%, 1.2 trillion).
_DOTTED = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d.])(?!\s*(?:万|亿|%|倍|个|点|元|块|trillion|tn|billion|bn|pct|percent))",
    re.I,
)


# 去年3月9号 / 今年7.30 / 前年10月: a month (and day) of the year named by a relative word, as digits.
_RELATIVE_YEAR = re.compile(r"(今年|去年|前年)(?=\s*\d{1,2}\s*月)")
# 9月24号 2024 / 9月24日2024年: a year written after the month and day
_YEAR_AFTER = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})[日号]?\s*[,，]?\s*((?:19|20)\d\d)(?:\s*年)?(?![\d月])")
# 07年530 / 15年612: a year, then a month and day run together (chat's name for a famous session)
_YEAR_MDD = re.compile(r"((?:19|20)\d\d)年(\d{3,4})(?![\d.,%]|\s*(?:个|天|点|亿|万|元|家|只))")
# 城交额 / 乘交 / 成较额, turnvoer / trunover: the measure's common typos (homophones, swapped letters).
_TYPOS = (
    (re.compile(r"[城乘程诚呈承]交(?=额|金额|量|了|多少|怎么|情况|$)|成[较叫缴教](?=额)"), "成交"),
    (re.compile(r"\b(?:turnvoer|trunover|turnvover|tunrover|turover|tunover|turnovr)\b", re.I), "turnover"),
)
# 去年924 / 前年519: a relative year and a month-day nickname (then read as "2024年924")
_RELATIVE_MDD = re.compile(r"(今年|去年|前年)(\d{3,4})(?![\d.,%]|\s*(?:个|天|点|亿|万|元|家|只))")
# 2w亿 / 两w亿 / 1.5W亿: "w" is 万 as chat types it.
_W_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*[wW万]\s*亿")


def _short_year(two: str, clock_day: date) -> int:
    """A two-digit year: this century unless that is after the clock's year (then the last one)."""
    year = 2000 + int(two)
    return year if year <= clock_day.year else year - 100


def normalise(text: str, clock_day: date) -> str:
    """``text`` with date-like spans in digits: "二〇二四年十月八日" -> "2024年10月8日", "24年" -> "2024年",
    "24/10/8" -> "2024-10-8", "7.30" -> "7月30日". Everything else is left as typed."""

    def zh_year(m: re.Match[str]) -> str:
        return "".join(_ZH_DIGIT[c] for c in m[1]) + "年"

    def month_day(m: re.Match[str]) -> str:
        month = zh_number(m[1])
        if month is None or not 1 <= month <= 12 or not float(month).is_integer():
            return m[0]
        out = f"{int(month)}月"
        if m[2]:
            day = zh_number(m[2])
            if day is None or not 1 <= day <= 31:
                return m[0]
            out += f"{int(day)}{m[3]}"
        return out

    def day_only(m: re.Match[str]) -> str:
        day = zh_number(m[1])
        return f"{int(day)}{m[2]}" if day is not None and 1 <= day <= 31 else m[0]

    def short_year(m: re.Match[str]) -> str:
        return f"{_short_year(m[1], clock_day)}年"

    def short_ymd(m: re.Match[str]) -> str:
        month, day = int(m[3]), int(m[4])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m[0]
        return f"{_short_year(m[1], clock_day)}-{month:02d}-{day:02d}"

    def dotted(m: re.Match[str]) -> str:
        month, day = int(m[1]), int(m[2])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m[0]
        return f"{month}月{day}日"

    def year_mdd(m: re.Match[str]) -> str:
        digits = m[2]
        month, day = (int(digits[0]), int(digits[1:])) if len(digits) == 3 else (int(digits[:2]), int(digits[2:]))
        return f"{m[1]}年{month}月{day}日" if 1 <= month <= 12 and 1 <= day <= 31 else m[0]

    def relative_year(m: re.Match[str]) -> str:
        return f"{clock_day.year - {'今年': 0, '去年': 1, '前年': 2}[m[1]]}年"

    for typo, word in _TYPOS:
        text = typo.sub(word, text)
    text = _W_AMOUNT.sub(lambda m: f"{m[1]}万亿", text)
    text = _ZH_YEAR.sub(zh_year, text)
    text = _ZH_SHORT_YEAR.sub(lambda m: "".join(_ZH_DIGIT[c] for c in m[1]) + "年", text)  # then read as "22年"
    text = _ZH_MONTH_DAY.sub(month_day, text)
    text = _ZH_DAY_ONLY.sub(day_only, text)
    text = _SHORT_YEAR.sub(short_year, text)
    text = _SHORT_YMD.sub(short_ymd, text)
    text = _RELATIVE_MDD.sub(lambda m: f"{relative_year(m)}{m[2]}", text)  # "去年924" -> "2024年924"
    text = _YEAR_MDD.sub(year_mdd, text)
    text = _YEAR_AFTER.sub(lambda m: f"{m[3]}年{int(m[1])}月{int(m[2])}日", text)
    if re.search(r"[\u4e00-\u9fff]", text):  # "7.30" as a day is a Chinese habit; English 7.30 is a number
        text = _DOTTED.sub(dotted, text)
    return _RELATIVE_YEAR.sub(relative_year, text)
