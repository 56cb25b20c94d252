"""Slips of a pinyin keyboard in the words every question turns on, put right before the question is read.

"成较多少" and "成角额" are 成交 typed with the wrong character of the same sound (jiao), "成交鹅" is 成交额 (e),
"3万忆" is 3万亿 (yi). Only a word's own context counts: the character after 成 is replaced only where 成交 is
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
    (re.compile(r"[申伸身绅](?=市)"), "深"),  # "申市呢": 深市 (shen)
    # 放量 / 缩量 with the wrong character or in pinyin: "放亮的", "suo量", "fang量"
    (re.compile(r"放[亮谅凉粮梁](?=的|了|吗|呢|天|日|\s|[?？,，。]|$)"), "放量"),
    (re.compile(r"缩[两凉亮](?=的|了|吗|呢|天|日|\s|[?？,，。]|$)"), "缩量"),
    (re.compile(r"(?<![a-z])fang\s*(?=量)", re.I), "放"),
    (re.compile(r"(?<![a-z])suo\s*(?=量)", re.I), "缩"),
)


def correct(text: str) -> str:
    for slip, word in _SLIPS:
        text = slip.sub(word, text)
    return text
