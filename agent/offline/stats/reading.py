"""Reading a statistics question ("2015年6月成交额最高的是哪一天？") into the stats API's query.

The measure comes from the question's words (最高/平均/几天/第一次/第几高/连续/比上周), the period
from ``agent.offline.reading.periods``, the threshold from ``agent.offline.reading.question``;
``None`` when the words do not
ask for a statistic, so the day reader can take the question instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from agent.offline.reading.lexicon import has
from agent.offline.reading.periods import PeriodWords, period_words
from agent.offline.reading.question import absolute_dates, threshold_range, threshold_yi, zh_number
from agent.offline.reading.strays import stray_number
from agent.offline.stats import words as W
from tools.errors import MarketDataError
from tools.stats.periods import parse_period

Focus = Literal["sum", "mean", "median", "max", "min", "summary", "first_session", "last_session", "sessions"]
_FOCUS_CLASSES = ("SHAPE_MAX", "SHAPE_MIN", "SHAPE_SUM", "SHAPE_MEAN", "SHAPE_MEDIAN", "MEASURE_TURNOVER")


@dataclass(frozen=True)
class StatsWords:
    measure: str
    period: str
    focus: Focus = "summary"
    threshold_yi: float | None = None
    direction: str = "at_or_above"
    n: int = 5
    day: date | None = None
    since: date | None = None
    compare_to: str | None = None
    want_current: bool = False
    relative_period: bool = False
    asks_record: bool = False  # "是不是历史最高": the answer also names the record
    by: str | None = None  # "哪个月/哪一年": rank the months (years) of the period by their sums
    group_count: bool = False  # by: count the groups over (under) the line instead of ranking them
    threshold_hi_yi: float | None = None  # direction "between": the upper bound
    value_yi: float | None = None  # percentile: the amount to place
    listed: bool = False  # by: each year (month) in order ("每年日均分别多少"), not ranked
    same_part: bool = False  # "本月至今比上月同期": the two spans end on the same day of their periods
    volume_move: str | None = None  # "up" 放量 / "down" 缩量 days only (count, streak, top/bottom by change)
    order_by: str = "amount"  # top/bottom: "change" ranks days by their change on the previous session
    unplaced: str | None = None  # measure "unplaced": the words of a statistic the reader cannot compute
    each_period: bool = False  # summary of ``period`` and of ``compare_to``, one after the other
    periods: tuple[str, ...] = ()  # three or more periods named ("5月、6月、7月各自"): each one's summary, in order
    both_moves: bool = False  # count: the 放量 days and the 缩量 days, both


def _lists_days(text: str) -> bool:
    """Each session of the period asked: "每天/逐日/列一下", or "分别" that is not SH against SZ."""
    if has(text, "SHAPE_LIST"):
        return True
    if W.MAX.search(text) or W.MIN.search(text):  # "最高和最低分别是哪天": 分别 is the two days asked, not every day
        return False
    return has(text, "SHAPE_SPLIT") and not has(text, "MARKET_SH", "MARKET_SZ")


def _n(match: re.Match | None) -> int | None:
    if not match:
        return None
    raw = next((g for g in match.groups() if g), None)
    value = zh_number(raw) if raw else None
    return int(value) if value and 1 <= value <= 100 else None


def _nth(text: str) -> tuple[str, int] | None:
    """("top" | "bottom", N) for an ordinal superlative, else None."""
    m = W.NTH.search(text)
    if not m:
        return None
    raw, word = (m[1], m[2]) if m[1] else (m[3].lower(), m[4].lower())
    value = W.EN_ORDINALS.get(raw) or zh_number(re.sub(r"(?:st|nd|rd|th)$", "", raw))
    if not value or not 2 <= value <= 100:
        return None
    low = word in ("低", "少", "冷清", "lowest", "quietest", "smallest")
    return ("bottom" if low else "top"), int(value)


def _ranked_n(text: str, periods: list) -> tuple[str, int] | None:
    """("top" | "bottom", N) for "前五", "最低的3天", "top 10"; not "前5个交易日", which is a window (a period)."""
    for kind, pattern in (("bottom", W.BOTTOM_N), ("top", W.TOP_N)):
        m = pattern.search(text)
        value = _n(m)
        if m and value and value > 1 and not any(p.start <= m.start() < p.end for p in periods):
            return ("bottom" if has(text, "SLANG_LOW") else kind), value  # "地量前三": the three lowest
    return None


def _same_part_spans(m: re.Match, today: date) -> tuple[str, str] | None:
    """(this period from its start to today, the previous one over the same calendar days) as period specs."""
    unit = (m[1] or m[2] or m[3] or "").lower()
    if unit in ("去年", "上一年", "上年", "year"):
        start, ref_start = date(today.year, 1, 1), date(today.year - 1, 1, 1)
        ref_end = _safe_day(today.year - 1, today.month, today.day)
    elif unit in ("上月", "上个月", "month"):
        start = today.replace(day=1)
        ref_start = (start - timedelta(days=1)).replace(day=1)
        ref_end = _safe_day(ref_start.year, ref_start.month, today.day)
    else:  # a week: Monday to today's weekday, against the same days of the week before
        start = today - timedelta(days=today.weekday())
        ref_start, ref_end = start - timedelta(days=7), today - timedelta(days=7)
    return f"{start.isoformat()}..{today.isoformat()}", f"{ref_start.isoformat()}..{ref_end.isoformat()}"


def _safe_day(year: int, month: int, day: int) -> date:
    """The day, or the month's last day when it has fewer (31 May against 30 April)."""
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


_THAT_DAY = re.compile(r"[^\d年月\s，,]{0,4}(?:那天|那一天|当天|那日)|\bthat day\b", re.I)
_UNTIL = re.compile(r"\s*(?:之后|以后|以来|后|起)?\s*(?:到|至|直到|until|to)\s*([^\s，,？?。]{1,8})", re.I)
_NOW_WORDS = re.compile(r"现在|今天|目前|至今|当前|今|如今|now|today|date|present", re.I)
_OWN_PERIOD = re.compile(r"全年|当年|那一?年|这一年|全月|当月|那个月|这个月里|\bthat year\b|\bthat month\b", re.I)
_STAT_CLASSES = (
    "SHAPE_MAX", "SHAPE_MIN", "SHAPE_SUM", "SHAPE_MEAN", "SHAPE_MEDIAN", "SHAPE_COUNT", "SHAPE_SHARE", "SHAPE_LIST",
    "SHAPE_TOP", "SHAPE_RANK", "SHAPE_PERCENTILE", "SHAPE_FIRST", "SHAPE_LAST", "SHAPE_STREAK", "SHAPE_LONGEST",
    "SHAPE_RECORD", "SLANG_LOW", "SLANG_HIGH",
)  # fmt: skip


def _asks_a_statistic(text: str, line: float | None) -> bool:
    """Words of a statistic (a shape, a line, a comparison) beside the day named."""
    shapes = (
        W.MAX,
        W.MIN,
        W.SUM,
        W.MEAN,
        W.MEDIAN,
        W.COUNT,
        W.SHARE,
        W.RANK,
        W.RECORD,
        W.STREAK,
        W.FIRST,
        W.LAST,
        W.TOP_N,
    )
    return (
        line is not None
        or has(text, *_STAT_CLASSES)
        or bool(W.VS_PREVIOUS.search(text))
        or any(p.search(text) for p in shapes)
    )


def asks_both_ends(text: str) -> bool:
    """ "最高和最低", "max 和 min", "最大和最小分别是哪天": the period's highest and lowest days, both."""
    return bool(W.MAX.search(text) and W.MIN.search(text))


def _volume_move(text: str) -> str | None:
    text = re.sub(r"多少", "", text)  # "比前一天少了多少": the 多 of 多少 asks, it names no direction
    up, down = bool(W.VOL_UP.search(text)), bool(W.VOL_DOWN.search(text))
    return None if up == down else ("up" if up else "down")


def _volume_shape(text: str, moved: str, periods: list, line: float | None) -> dict | None:
    """The statistic of 放量 / 缩量 days a period question asks: how many (几天), the longest run (连续),
    or the biggest change (单日放量最多), as StatsWords fields; None when it asks none of these."""
    if W.STREAK.search(text):
        return {"measure": "streak", "volume_move": moved, "threshold_yi": line, "want_current": bool(
            W.CURRENT.search(text) and not W.LONGEST.search(text))}  # fmt: skip
    if W.BIGGEST_MOVE.search(text) and line is None:
        # "缩量最多的3天"; not the "30个交易日" of "最近30个交易日里", which is the period
        counts = [m for m in W.MOVE_N.finditer(text) if not any(p.start <= m.start() < p.end for p in periods)]
        n = _n(counts[0]) if counts and not W.COUNT.search(text) else None
        return {"measure": "top" if moved == "up" else "bottom", "n": n or 1, "order_by": "change"}
    if W.COUNT.search(text) or has(text, "SHAPE_COUNT") or W.SHARE.search(text):
        return {"measure": "count", "volume_move": moved}
    return None


# A measure the question rules out by name: "not the daily avg", "而不是日均", "rather than the mean".
_DENIED = re.compile(
    r"\b(?:not|rather than|instead of)\s+(?:the\s+)?(?:daily\s+)?(?:avg|average|mean|median|sum|total)\b|"
    r"(?:而)?(?:不是|非|不要|不看)\s*(?:日均|平均|均值|中位数|合计|总和|总额)",
    re.I,
)


def _since(text: str, clock_day: date) -> date | None:
    m = W.SINCE.search(text)
    if m:
        return date(int(m[1] or m[2] or m[3]), 1, 1)
    m = re.search(r"(?:自|从)?(.{4,14}?)(?:以来|起)|\bsince (.+?)(?:[,?，？]|$)", text)
    if m:
        found = absolute_dates(m[1] or m[2] or "", clock_day)
        if found and found[0].day:
            return found[0].day
    return None


def _restated(periods: list[PeriodWords], clock_day: date) -> list[PeriodWords]:
    """Of two periods named one after the other with nothing joining them, the narrower when one holds the other
    ("上半年最后一个月 6月": June); both when they do not nest."""
    try:
        a, b = (parse_period(p.spec, clock_day) for p in periods)
    except MarketDataError:
        return periods
    if a.start <= b.start and b.end <= a.end:
        return [periods[1]]
    if b.start <= a.start and a.end <= b.end:
        return [periods[0]]
    return periods


def read_stats(
    text: str, clock_day: date, inherited_period: str | None = None, carried: bool = False
) -> StatsWords | None:
    """The statistic the words ask for, or None when they ask about a day (or nothing). ``carried``: the
    inherited period stands for the words' own (a part after an index's move over that period)."""
    text = _DENIED.sub(lambda m: " " * len(m[0]), text)  # "(sum, not the daily avg)": the measure asked is the sum
    if W.DAY_A_YEAR_BEFORE.search(text):
        return None  # "今天比去年同期多多少": the day against the same day a year before (the day reader's pair)
    # "8月" without a year: the year of the period just asked about, else the clock's (not after it).
    year = int(inherited_period[:4]) if inherited_period and inherited_period[:4].isdigit() else clock_day.year
    named_year = re.search(r"(?<!\d)((?:19|20)\d\d)\s*年", text)
    if named_year:  # "2025年10月比9月": the 9月 of the year the question names
        year = int(named_year[1])
    periods = period_words(text, default_year=year, clock_day=clock_day)
    # "12月日均" asked in August: the December that has been (last year's), not one still to come
    periods = [
        p
        if not re.fullmatch(rf"{clock_day.year}-\d\d", p.spec) or p.spec <= f"{clock_day:%Y-%m}" or named_year
        else PeriodWords(f"{clock_day.year - 1}{p.spec[4:]}", p.start, p.end, p.relative)
        for p in periods
    ]
    if len(periods) == 2 and not W.JOINS.search(text[periods[0].end : periods[1].start]):
        periods = _restated(periods, clock_day)  # "节前最后一周 这周有几天放量": the second names the first again
    line = threshold_yi(text)
    below = bool(W.BELOW.search(text)) and line is not None
    direction = "below" if below else "at_or_above"
    upper = None
    span = threshold_range(text)
    if span is not None:  # "在1万亿到1.5万亿之间": both ends, inclusive
        line, upper = span
        direction = "between"
    days = [f.day for f in absolute_dates(text, clock_day) if f.day]
    # Days that are part of a period ("2024-10-01到2024-10-31") are not days asked about.
    in_period = {f.day for f in absolute_dates(text, clock_day) if any(p.start <= f.pos < p.end for p in periods)}
    days = [d for d in days if d not in in_period]
    # "自2020年以来第一次…": a start for first/last; elsewhere "…以来" is the period itself
    since = _since(text, clock_day) if line is not None and (W.FIRST.search(text) or W.LAST.search(text)) else None
    if since is not None:
        days = [d for d in days if d != since]
        periods = [p for p in periods if not p.spec.startswith(str(since.year)) or p.spec == "all"]
    open_end = next((p for p in periods if p.spec.endswith("..")), None)
    until = _UNTIL.match(text, open_end.end) if open_end is not None else None
    unread_end = until[0].strip() if until is not None and not _NOW_WORDS.match(until[1]) else None
    period = periods[0].spec if periods else inherited_period
    relative = bool(periods and periods[0].relative)

    def words(measure: str, **overrides: object) -> StatsWords:
        fields: dict[str, object] = {
            "period": period or "all",
            "threshold_yi": line,
            "threshold_hi_yi": upper,
            "direction": direction,
            "relative_period": relative,
        }
        fields.update(overrides)
        return StatsWords(measure=measure, **fields)  # type: ignore[arg-type]

    if unread_end:  # "924之后到国庆前": the period's end was not read, so its start alone is not the question
        return words("unplaced", unplaced=unread_end)
    that_day = _THAT_DAY.search(text)
    if that_day and periods and not days and not _asks_a_statistic(text, line):  # "25年双十一那天": which day?
        return words("unplaced", unplaced=that_day[0])

    stray = stray_number(text)
    named = [f.day for f in absolute_dates(text, clock_day) if f.day]
    if stray and any(f"{d.month}{d.day:02d}" == stray for d in named):
        stray = None  # "924行情 从9月24号…": the number is that date's nickname, and the date is read
    if stray and not days:  # "924行情启动后到24年底": a number that is no date, amount or count is not dropped
        return words("unplaced", unplaced=stray)
    place = "first_session" if W.FIRST_SESSION.search(text) else "last_session" if W.LAST_SESSION.search(text) else None
    place = None if line is not None else place  # "第一天破万亿": the first session over the line, not the first one
    if place and len(periods) >= 2 and not days:  # "去年最后一个交易日和今年第一个交易日": two sessions, not one
        return words("unplaced", unplaced=text[periods[0].start : periods[-1].end + 6].strip())
    if place and periods and not days:  # the session itself is asked: its day answer, not the period's figures
        return words("summary", focus=place)
    same = W.SAME_PART.search(text)
    one_day = re.search(r"(?<![至迄])今(?:天|日)(?!均)|昨天|昨日|\btoday\b|\byesterday\b", text, re.I)
    if same and not days and not one_day:  # ("今天比去年同期": the day against the same day a year before)
        spans = _same_part_spans(same, clock_day)
        against = re.search(r"比|和|与|跟|相比|对比|\bvs\b|\bthan\b|\bcompared?\b", text, re.I)
        if spans is not None and line is not None and W.COUNT.search(text) and not against:
            return words("count", period=spans[1])  # "去年同期破2万亿的有几天": the count in that same part
        if spans is not None:
            focus = "mean" if W.MEAN.search(text) else "sum"
            return words("compare", period=spans[0], compare_to=spans[1], focus=focus, same_part=True)
    both_ways = bool(W.VOL_UP.search(text) and W.VOL_DOWN.search(text))
    if both_ways and W.COUNT.search(text) and (periods or inherited_period) and not days:  # "放量几天缩量几天"
        return words("count", volume_move="up", both_moves=True)
    moved = _volume_move(text)
    if moved and not periods and not days and W.STREAK.search(text):  # "最近连着缩量几天了": the run going on now
        return words("streak", period=inherited_period or "all", volume_move=moved, threshold_yi=line,
                     want_current=not W.LONGEST.search(text))  # fmt: skip
    if moved and (periods or inherited_period) and not days and len(periods) < 2:
        found = _volume_shape(text, moved, periods, line)
        if found is not None:
            return words(found.pop("measure"), **found)
    if days and periods and not _asks_a_statistic(text, line):  # "26年元旦1月1号两市成交": the day, in that year
        return None
    if has(text, "SHAPE_PERCENTILE"):  # "3万亿算什么水平", "今天这个量在今年什么分位": where it stands
        return words("percentile", value_yi=line if not days else None, day=days[0] if days else None,
                     period=period or "all", threshold_yi=None, direction="at_or_above")  # fmt: skip
    each = W.EACH.search(text)
    if each and periods and not days:  # "2020到2024每年日均成交额分别多少": each year (month) of the period
        by = next((u for u, word in W.GROUP_UNITS if re.search(word, each[0], re.I)), "month")
        focus = "mean" if W.MEAN.search(text) else "sum"
        return words("summary", focus=focus, by=by, listed=True)
    ranked = _ranked_n(text, periods)
    if ranked and not days:  # "2025年成交额前五的日子列一下": the top N as a list, before "列一下" lists every day
        return words(ranked[0], n=ranked[1])
    which_day = W.WHICH_DAY.search(text) and not (
        W.FIRST_OVER.search(text) or W.LAST_OVER.search(text) or has(text, *W.OTHER_DAY_SHAPES)
    )  # "最长连续破2万亿几天，从哪天到哪天": the run's ends, not every day over the line
    if len(periods) == 1 and not days and (_lists_days(text) or which_day) and line is not None:
        return words("count", listed=True)  # "9月破2.5万亿的有几天，分别是哪几天": the count, with each such day
    if len(periods) == 1 and not days and _lists_days(text) and not W.MEAN.search(text):  # "上周每天成交多少"
        return words("days")  # (two periods "各是多少" are compared below, each with its figures)
    grouped = W.GROUP_COUNT.search(text)
    if grouped and line is not None and periods and not days:
        unit = grouped[1] or grouped[2]
        by = next((u for u, word in W.GROUP_UNITS if re.search(word, unit, re.I)), "month")
        return words("summary", focus="mean" if W.MEAN.search(text) else "sum", by=by, group_count=True)
    which = W.WHICH.search(text)
    asks_days = _n(W.TOP_N.search(text)) or _n(W.BOTTOM_N.search(text))
    if which and (W.MAX.search(text) or W.MIN.search(text)) and not (asks_days and asks_days > 1):
        by = next((unit for unit, word in W.GROUP_UNITS if re.search(word, which[0], re.I)), "month")
        focus = "mean" if W.MEAN.search(text) else "sum"
        in_a_year = period and period[:4].isdigit() or period in ("this_year", "last_year", "ytd")
        if (by in ("month", "quarter", "half") and not in_a_year) or (by == "week" and not period):
            return None  # "哪个月" needs a year, "哪一周" a period  # "哪个月" needs a year
        return words("summary", focus=focus, by=by, period=period or "all", asks_record=bool(W.MIN.search(text)))
    if days and not periods:  # "2025年10月9日在全年排第几": the year (month) of the day named
        whole = _OWN_PERIOD.search(text)
        if whole:
            period = str(days[0].year) if "年" in whole[0] or "year" in whole[0].lower() else f"{days[0]:%Y-%m}"
    if W.RANK.search(text) and line is not None and not days:  # "2万亿这个量能排第几": where that amount stands
        return words("percentile", value_yi=line, period=period or "all", threshold_yi=None, direction="at_or_above")
    if W.RANK.search(text):
        return words("rank", day=days[0] if days else None, period=period or "all")
    if W.RECORD.search(text):
        if days or W.YES_NO.search(text):  # "今天是不是历史最高" / "创新高了吗": where the day ranks
            return words("rank", day=days[0] if days else None, period=period or "all", asks_record=True)
        return words("summary", focus="max", period=period or "all")  # "the record turnover"
    if W.STREAK.search(text) and (line is not None or period):
        current = bool(W.CURRENT.search(text)) or (not W.LONGEST.search(text) and not periods)
        return words("streak", want_current=current, threshold_yi=line or 10000.0)
    if line is not None and W.FIRST_OVER.search(text) and W.LAST_OVER.search(text):  # "第一次和最近一次": the count
        return words("count", period=period or "all")
    if line is not None and (W.FIRST_OVER.search(text) or W.LAST_OVER.search(text)):
        measure = "first" if W.FIRST_OVER.search(text) else "last"
        return words(measure, since=since, period=period or "all")
    if line is not None and (W.COUNT.search(text) or W.SHARE.search(text)):
        return words("count", period=period or "all")
    if len(periods) >= 3 and not days and line is None and not W.RANK.search(text) and not W.WHICH.search(text):
        # "5月、6月、7月各自的总成交": each period's figure, in the order named
        named_focus: str = next((f for f, rx in (("max", W.MAX), ("min", W.MIN), ("median", W.MEDIAN), ("mean", W.MEAN),
                                     ("sum", W.SUM)) if rx.search(text)), "summary")  # fmt: skip
        return words("summary", focus=named_focus, periods=tuple(p.spec for p in periods))
    if len(periods) >= 2 and (
        W.VS_PREVIOUS.search(text)
        or re.search(r"比|相比|对比|和|与|vs|than|compare", text, re.I)
        # "July's mean above June's": two periods set against each other; "几天高于去年的均值" counts days
        or (re.search(r"高于|低于|超过|\babove\b|\bbelow\b|\bexceed", text, re.I) and not W.COUNT.search(text))
    ):
        side = next((f for f, rx in (("median", W.MEDIAN), ("max", W.MAX), ("min", W.MIN)) if rx.search(text)), None)
        if side and not re.search(r"比|对比|差|\bvs\b|\bthan\b|\bcompare|\bdifference\b", text, re.I):
            # "今年中位数和去年全年中位数": that figure of each period, side by side (compare has sums and means)
            return words("summary", focus=side, period=periods[0].spec, compare_to=periods[1].spec, each_period=True)
        return words("compare", period=periods[0].spec, compare_to=periods[1].spec)
    against = re.search(r"比|相比|较|\bthan\b|\bcompared?\b|\bvs\b|\bversus\b", text, re.I)
    if len(periods) == 1 and inherited_period and inherited_period != periods[0].spec and against:
        # "本月合计多少" then "vs last month?": the period on the table against the one named
        return words("compare", period=inherited_period, compare_to=periods[0].spec)  # "……？比8月多多少？"
    if (periods or inherited_period) and W.VS_PREVIOUS.search(text):  # "比前一周呢" after a week: that week's
        return words("compare")
    nth = _nth(text)
    if nth and not days:
        return words(nth[0], n=nth[1], period=period or "all")
    bottom_n = _n(W.BOTTOM_N.search(text))
    if bottom_n and bottom_n > 1 and (periods or days == []):
        return words("bottom", n=bottom_n)
    top_n = _n(W.TOP_N.search(text))
    if top_n and top_n > 1 and (W.MAX.search(text) or re.search(r"前|top", text, re.I)) and not days:
        return words("bottom" if has(text, "SLANG_LOW") else "top", n=top_n)  # "地量前三": the three lowest
    if not periods and not days and W.TREND.search(text):
        return words("summary", period="last:20", relative_period=True)  # "最近成交额怎么样": the last 20 sessions
    count_word = W.COUNT.search(text)
    if count_word and line is None and len(periods) <= 1 and W.THAN_A_DAY.search(text):
        # "历史上有几天比今天高", "有多少天比这个高": where the day (the amount before) stands, its counts said
        return words("percentile", day=days[0] if days else None, period=period or "all")
    whole = re.search(
        r"数据.{0,4}(?:一共|总共|共)|有数据以来|历史上?(?:一共|总共)|\bin (?:the|your) data\b", text, re.I
    )
    if count_word and line is None and whole and not periods and not days:  # "数据一共有多少个交易日"
        return words("summary", focus="sessions", period="all")
    if count_word and line is None and (periods or inherited_period) and not days:
        if has(text, "THRESHOLD_UP", "THRESHOLD_DOWN") or (has(text, "RANGE") and has(text, "AMOUNT")):
            return words("unplaced", unplaced=count_word[0])  # "有多少天超过了去年的最高值": a rule not read
        if not has(text, *_FOCUS_CLASSES[:-1]):
            return words("summary", focus="sessions")  # "2月一共开了几天市", "几个交易日": the period's sessions
    all_history = re.search(r"历史|有史以来|\bever\b|\bon record\b|\ball[- ]time", text) or (
        W.WHICH_DAY.search(text) and (W.MAX.search(text) or W.MIN.search(text))  # "成交额最低的一天是哪天"
    )
    # "…地量是哪天？有没有跌破万亿的日子": days under a line in the period the part before named
    any_days = inherited_period and line is not None and W.ANY_DAYS.search(text)
    # "今年破3万亿的有几天？最高的一天是多少": a figure of the period the part before named
    shaped = inherited_period and any(rx.search(text) for rx in (W.MAX, W.MIN, W.MEAN, W.SUM, W.MEDIAN))
    if not periods and not (days == [] and (all_history or any_days or shaped or (carried and inherited_period))):
        return None
    if days and not periods:
        return None
    if asks_both_ends(text):  # "max 和 min 分别是哪天": the summary has both days
        return words("summary", focus="summary")
    asked = [f for f, rx in (("max", W.MAX), ("min", W.MIN), ("median", W.MEDIAN), ("mean", W.MEAN), ("sum", W.SUM))
             if rx.search(text)]  # fmt: skip
    if len(asked) >= 2:  # "中位数和平均数各是多少": the summary, which has every figure
        return words("summary", focus="summary")
    if asked:
        return words("summary", focus=asked[0])
    if line is not None:
        return words("count")
    return words("summary")
