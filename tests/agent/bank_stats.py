"""Question bank: statistics over periods (superlatives, first times, counts, sums and means, ranks, streaks)."""

from __future__ import annotations

from datetime import date

from tests.agent.bank_item import EN_MONTH_NAMES, Item
from tests.agent.bank_reference import Reference, en_day, yi, zh_day


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
    # An ordinal ("第二高", "third quietest"): the top (bottom) N, ending with the day asked.
    out.append(
        Item("superlative", "2025年成交额第二高的是哪天", "stats", first=[zh_day(y25[1]), yi(ref.value(y25[1]))])
    )
    out.append(
        Item(
            "superlative",
            "What was the third quietest day in 2024?",
            "stats",
            first=[en_day(y24[2]), yi(ref.value(y24[2]), "en")],
        )
    )
    top5 = sorted(ref.days, key=ref.value, reverse=True)[:5]  # "哪年" asks where the 5 days fall, not year sums
    out.append(Item("superlative", "成交额最高的5天都在哪年", "stats", must=[zh_day(d) for d in top5], ordered=True))
    lo = ref.min_day(ref.days)  # no period named: all the history, not the latest day
    out.append(Item("superlative", "成交额最低的一天是哪天", "stats", first=[zh_day(lo), yi(ref.value(lo))]))
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


def anchored(ref: Reference) -> list[Item]:
    """Periods bounded by a named day: the explicit date wins over "last N sessions"."""
    d = date(2024, 10, 8)
    before20 = [x for x in ref.days if x < d][-20:]
    upto10 = [x for x in ref.days if x < d][-10:]
    before = [x for x in ref.days if x < d]
    since = [x for x in ref.days if x >= date(2025, 10, 9)]
    sep, aug = ref.month(2024, 9), ref.month(2024, 8)
    hi, lo = ref.max_day(before), ref.min_day(since)
    return [
        Item("sum and mean", "2024年10月8日前20个交易日平均成交额", "stats",
             first=[yi(ref.mean(before20)), zh_day(before20[0])]),
        Item("sum and mean", "average turnover in the 10 sessions before 2024-10-08", "stats",
             first=[yi(ref.mean(upto10), "en"), en_day(upto10[-1])]),
        Item("superlative", "2024年10月8日之前成交额最高是哪天", "stats", first=[zh_day(hi), yi(ref.value(hi))]),
        Item("superlative", "2025年10月9日以来成交额最低是哪天", "stats", first=[zh_day(lo), yi(ref.value(lo))]),
        Item("multi-part", "2024年9月成交额合计多少？比8月多多少？", "stats", ordered=True,
             must=[yi(ref.total(sep)), "比2024年8月多", yi(ref.total(aug))]),
        Item("multi-part", "今年成交额超过2万亿的有几天？去年呢？", "stats", ordered=True,
             must=[f"有{ref.count_at_or_above(ref.year(y), 20000)}个" for y in (2026, 2025)]),
    ]  # fmt: skip


def months_and_years(ref: Reference) -> list[Item]:
    """ "Which month/year": the months (years) summed and ranked."""
    months = {m: ref.month(2025, m) for m in range(1, 13)}
    top_month = max(months, key=lambda m: ref.total(months[m]))
    low24 = min(range(1, 13), key=lambda m: ref.total(ref.month(2024, m)))
    years = {y: ref.year(y) for y in range(1991, 2027)}
    top_year = max(years, key=lambda y: ref.total(years[y]))
    return [
        Item("superlative", "2025年哪个月成交额最高", "stats",
             first=[f"2025年{top_month}月（合计{yi(ref.total(months[top_month]))}"]),
        Item("superlative", "Which month of 2025 had the highest turnover?", "stats",
             first=[yi(ref.total(months[top_month]), "en")]),
        Item("superlative", "2024年哪个月成交额最低", "stats",
             first=["最低", f"2024年{low24}月（合计{yi(ref.total(ref.month(2024, low24)))}"]),
        Item("superlative", "哪一年成交额最高", "stats", first=[f"{top_year}年（合计{yi(ref.total(years[top_year]))}"]),
    ]  # fmt: skip


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


def records(ref: Reference) -> list[Item]:
    top = ref.max_day(ref.days)
    last = ref.latest
    return [
        Item(
            "rank in history",
            "今天是不是历史最高",
            "stats",
            first=["不是最高纪录", zh_day(top), f"第{ref.rank(last)}高"],
        ),
        Item("rank in history", "Is today's turnover a record?", "stats", first=["not the record", en_day(top)]),
        Item("rank in history", f"{zh_day(top)}是历史最高吗", "stats", first=[zh_day(top), "第1高"]),
        Item("superlative", "What's the record turnover?", "stats", first=[en_day(top), yi(ref.value(top), "en")]),
    ]


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
        Item(  # "9月" is September of the year the question names, not of the clock's year
            "period vs period",
            "2025年10月成交额比9月多多少",
            "stats",
            must=[yi(ref.total(ref.month(2025, 10))), yi(ref.total(ref.month(2025, 9)))],
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
