"""Slips of a pinyin keyboard in the words every question turns on, put right before the question is read.

"成较多少" and "成角额" are 成交 typed with the wrong character of the same sound (jiao), "成交鹅" is 成交额 (e),
"3万忆" is 3万亿 (yi); the index names too: "户指" is 沪指 (hu), "深城指" 深成指 (cheng), "上正指数" 上证指数 (zheng).
Only a word's own context counts: the character after 成 is replaced only where 成交 is
the one reading ("成较多少", not "成绩"), so a question that really says something else is left as typed.
"""

from __future__ import annotations

import re

# (slip, correction); each slip is bound to the characters around it so that no other word can match.
_SLIPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"成[较角叫脚教焦缴胶浇娇郊](?=额|量|金额|了|的|多少|几|情况|怎么|\s|[?？,，。]|$)"), "成交"),
    (re.compile(r"成交[鹅饿俄恶厄峨](?!子)"), "成交额"),
    (re.compile(r"(?<=[\d一二两三四五六七八九十])\s*万[忆意艺义亦](?![思见])"), "万亿"),
    (re.compile(r"两[是事式时](?=成交|量能|总成交|合计)"), "两市"),
    # 沪指 (hu zhi): not the 户 of 用户/客户/账户 ("用户指南"), nor a 指 that starts another word (指南, 指定)
    (re.compile(r"(?<![用客账开住农散商大门])[户护](?=指(?![南定令导出示引标针]))"), "沪"),
    # 深成指 / 深证成指 (cheng): 城, 诚, 程, 呈, 承, 乘 before 指
    (re.compile(r"(?<=深)[城诚程呈承乘](?=指)|(?<=深证)[城诚程呈承乘](?=指)"), "成"),
    # 上证 (zheng): 正, 政, 征, 整 before the index's own words
    (re.compile(r"(?<=上)[正政征整](?=指数|综指|综合指数)"), "证"),
)


def correct(text: str) -> str:
    for slip, word in _SLIPS:
        text = slip.sub(word, text)
    return text
