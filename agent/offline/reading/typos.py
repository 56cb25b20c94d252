"""Slips of a pinyin keyboard in the words every question turns on, put right before the question is read.

"成较多少" and "成角额" are 成交 typed with the wrong character of the same sound (jiao), "成交鹅" is 成交额 (e),
"3万忆" is 3万亿 (yi); the index names too: "户指" is 沪指 (hu), "深城指" 深成指 (cheng), "上正指数" 上证指数 (zheng).
Only a word's own context counts: the character after 成 is replaced only where 成交 is
the one reading ("成较多少", not "成绩"), so a question that really says something else is left as typed.
A key word left in pinyin ("有几个行业shangzhang的": the candidate never picked) is put back in characters, and
an industry's name typed with one character of the same sound ("半导题") is that industry (see _name_slips).
"""

from __future__ import annotations

import re
from functools import cache

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
    (re.compile(r"证[卷劵](?!子)"), "证券"),  # a two-character name, too short for the same-sound table below
    # 沪指 (hu zhi): not the 户 of 用户/客户/账户 ("用户指南"), nor a 指 that starts another word (指南, 指定)
    (re.compile(r"(?<![用客账开住农散商大门])[户护](?=指(?![南定令导出示引标针]))"), "沪"),
    # 深成指 / 深证成指 (cheng): 城, 诚, 程, 呈, 承, 乘 before 指
    (re.compile(r"(?<=深)[城诚程呈承乘](?=指)|(?<=深证)[城诚程呈承乘](?=指)"), "成"),
    # 上证 (zheng): 正, 政, 征, 整 before the index's own words
    (re.compile(r"(?<=上)[正政征整](?=指数|综指|综合指数)"), "证"),
)

# The market's key words as typed in pinyin when the candidate was not picked. Whole syllable runs only, so no
# English word can hold one.
_PINYIN = {
    "shangzhang": "上涨",
    "xiadie": "下跌",
    "chengjiaoe": "成交额",
    "chengjiao": "成交",
    "hangye": "行业",
    "bankuai": "板块",
    "liangshi": "两市",
    "zhangfu": "涨幅",
    "diefu": "跌幅",
}
_PINYIN_WORD = re.compile(r"(?<![a-z])(" + "|".join(sorted(_PINYIN, key=len, reverse=True)) + r")(?![a-z])", re.I)

# Characters of the industries' names with others of the same sound (tone aside) that a pinyin keyboard offers
# next to them. A group is a set of interchangeable slips, not a dictionary: only a whole industry name with one
# of them in place of its own character is put right.
_SAME_SOUND = (
    "体题提替梯", "导倒到道岛", "备被倍贝背", "设社射摄", "电点店典垫", "器气汽期起企", "药要耀", "务物误雾",
    "属术数书输", "品聘拼", "造早燥", "服福附复伏", "融容荣熔", "险现显线限", "券卷劝劵", "酒九久就", "行航杭",
    "银印引饮隐", "金今进近", "元原源院园员圆", "件建见间健", "机及计技集基", "械谢泄", "料疗", "制治植纸织值质",
    "信新心欣", "通铜同统", "工公共功攻", "业叶页夜", "化话华划", "材财采菜彩", "装状壮", "石视施事市式实",
    "油游有友", "煤美每媒", "炭碳探", "池驰迟", "网王往", "军均君", "光广", "风丰封锋", "护互户沪", "生声升",
    "医易一依", "环换还", "保包宝报", "零领铃", "部步", "交教较郊", "铁贴", "钢港刚岗", "运云匀", "证正政整",
    "贵轨柜", "贸茂帽", "商上伤", "动洞冻", "子自资字",
)  # fmt: skip
_MIN_NAME = 3  # a two-character name with one sound changed is too often another word ("燃起", "有戏")


@cache
def _name_slips() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Every industry name (of three characters or more) with one character swapped for one of the same sound,
    mapped to the name; a variant two names share, or that is a name itself, is left alone."""
    from tools.industries.store import bundled_names

    names = set(bundled_names())
    sounds: dict[str, str] = {}
    for group in _SAME_SOUND:
        for ch in group:
            sounds[ch] = sounds.get(ch, "") + group.replace(ch, "")
    found: dict[str, set[str]] = {}
    for name in names:
        if len(name) < _MIN_NAME:
            continue
        for i, ch in enumerate(name):
            for other in sounds.get(ch, ""):
                found.setdefault(name[:i] + other + name[i + 1 :], set()).add(name)
    slips = {v: next(iter(n)) for v, n in found.items() if len(n) == 1 and v not in names}
    if not slips:
        return None, {}
    return re.compile("|".join(map(re.escape, sorted(slips, key=len, reverse=True)))), slips


def correct(text: str) -> str:
    for slip, word in _SLIPS:
        text = slip.sub(word, text)
    text = _PINYIN_WORD.sub(lambda m: _PINYIN[m[1].lower()], text)
    pattern, slips = _name_slips()
    return pattern.sub(lambda m: slips[m[0]], text) if pattern is not None else text
