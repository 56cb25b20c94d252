"""Question bank: questions about a day (its figure, change, exchanges, parts, follow-ups, relative days, holidays)."""

from __future__ import annotations

from datetime import date

from tests.agent.bank_item import LAGGING, SUNDAY, Item
from tests.agent.bank_reference import Reference, day_text, en_day, yi, zh_day


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
        share = ref.sz[d] / (ref.sh[d] + ref.sz[d]) * 100  # "占比": the share itself, not only the two amounts
        out.append(
            Item("SH/SZ split", f"{zh_day(d)}深市成交额占比多少", "day", first=[f"深市占两市合计的{share:.1f}%"])
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


def multi_part(ref: Reference) -> list[Item]:
    out = []
    for d in (date(2025, 10, 9), date(2024, 10, 8), date(2026, 7, 31)):
        out.append(
            Item(
                "multi-part",
                f"{zh_day(d)}成交额多少？比上个交易日多了多少？为什么？",
                "day",
                ordered=True,
                # The why leads with the direction and the change (放量上涨：沪指…，成交额增加…), then the figure.
                must=[_signed(ref, d, "zh"), yi(ref.value(d)), "可能的驱动"],
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
    d = date(2025, 10, 9)
    out.append(Item("multi-part", "2025年10月9日成交额多少？明天会涨吗？", "day", ordered=True,
                    must=[yi(ref.value(d)), "我不做预测"]))  # fmt: skip
    out.append(Item("multi-part", "2025年10月9日成交额多少？讲个笑话？", "day", ordered=True,
                    must=[yi(ref.value(d)), "“讲个笑话”这一问没太明白"]))  # fmt: skip
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
        Item(  # "那天" with a part: that day's figures, not the period's statistic for the part
            "follow-ups",
            "那天沪市成交额多少",
            "day",
            history=["2024年成交额最高的一天是哪天"],
            first=[zh_day(hi24), "沪市" + yi(ref.sh[hi24])],
        ),
        Item(  # "那天" is the day the statistic named, not the period's last session
            "follow-ups",
            "那天为什么放量？",
            "day",
            history=["2024年成交额最高的一天是哪天"],
            first=[zh_day(hi24)],
            must_not=["2024年12月31日"],
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
            # The why carries over: it leads with the day's direction, then the figure.
            first=[zh_day(date(2024, 10, 8)), "放量上涨"],
            must=[yi(ref.value(date(2024, 10, 8)))],
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
        Item("relative dates", "最近成交额怎么样", "stats", first=["最近20个交易日", yi(ref.mean(ref.days[-20:]))]),
        Item(
            "relative dates",
            "今天放量还是缩量？",
            "day",
            first=[zh_day(last), _signed(ref, last, "zh")],
            must_not=["注意：当天成交额实际"],
        ),
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
    """A closed day asked by its date, or as "today", is said with no figures (the session before is another day,
    pointed to by its date); "昨天" on a Sunday is the session before, said first."""
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
                first=[day_text(asked, lang), "没有成交额" if lang == "zh" else "no turnover"],
                must=[day_text(session, lang)],
                must_not=["亿元"],
            )
        )
    last = ref.latest
    out += [
        Item(
            "holidays/weekends",
            "今天成交额多少",
            "day",
            now=SUNDAY,
            first=["今天（2026年8月2日，周日）不是交易日", "没有成交额", zh_day(last)],
            must_not=["亿元"],
        ),
        Item(
            "holidays/weekends",
            "What was turnover today?",
            "day",
            now=SUNDAY,
            first=["not a trading day", en_day(last)],
            must_not=["亿元"],
        ),
        Item(
            "holidays/weekends", "昨天成交额多少", "day", now=SUNDAY, first=["2026年8月1日", "不是交易日", zh_day(last)]
        ),
        Item("holidays/weekends", "今天为什么放量", "day", now=SUNDAY, first=["不是交易日"], must_not=["亿元"]),
    ]
    out += [
        Item("holidays/weekends", "今天成交额历史排第几", "stats", now=SUNDAY,
             first=["今天（2026年8月2日，周日）不是交易日", zh_day(last)], must_not=["亿元"]),
        Item("holidays/weekends", "今天成交额历史排第几", "stats", now=LAGGING,
             first=["本地数据截至2026年7月31日", "今天（2026年11月29日"], must=[f"第{ref.rank(last)}高"]),
        Item("holidays/weekends", "昨天和前天比成交额多了多少", "pair", now=SUNDAY,
             first=["2026年8月1日（周六）不是交易日"], must=["同一个交易日2026年7月31日"]),
        Item("holidays/weekends", "对比2025年10月3日和2025年10月9日的成交额", "pair",
             first=["2025年10月3日（周五）是国庆节休市日"], must_not=["亿元"]),
    ]  # fmt: skip
    return out
