"""A short follow-up ("那昨天呢？", "深市呢？", "去年呢？"): the previous answer's query with one slot changed.

The slots: the day (a new day, the day before, or the day on the table compared with its previous session),
the market (沪市/深市), the period (a new one, or "那个月/那一周/那年": the one containing the day on the
table), the measure (合计/日均/最高...) and the subject (an industry stays the industry).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.context import AgentContext
from agent.offline.day.handler import answer_day
from agent.offline.news.handler import answer_news
from agent.offline.parts import Citations, Reply
from agent.offline.reading.lexicon import THAT_DAY, has
from agent.offline.reading.period_spans import holding_period, period_before
from agent.offline.reading.periods import month_end, period_words
from agent.offline.reading.query import Query
from agent.offline.reading.question import absolute_dates, relative_dates, zh_number
from agent.offline.reading.understand import Clause, read_followup
from agent.offline.sectors.followups import AGAINST, continues_industry, industry_followup, theme_followup
from agent.offline.stats.followups import RANKED, day_ranked_in_period, stats_of
from agent.offline.stats.handler import answer_stats, recognise_stats, restate_stats
from agent.offline.stats.markets import markets_against_after
from tools.errors import MarketDataError
from tools.stats.models import StatsQuery
from tools.stats.periods import parse_period

# The period that contains the day on the table ("那个月合计呢" after a day or a period's highest day).
_THAT_PERIOD = re.compile(
    r"(?:那|当)(?:个|一)?(月|周|星期|年|季度)|\bthat (month|week|year|quarter)\b|"
    r"\bthe same (month|week|year)\b|\bthe whole (month|week|year|quarter)\b",
    re.I,
)
_SAME_PERIOD = re.compile(r"同期|同一时期|这段时间|那段时间|这段期间|期间|\b(?:same|that) period\b|\bover it\b", re.I)
_WHICH_MORE = re.compile(
    r"哪(?:一)?(?:年|个月|月|个季度|季度|周|个|段)(?:的)?(?:日均|合计|成交额?)?(?:更|比较|较)?(?:高|多|大|低|少|小)|"
    r"\bwhich (?:year|month|one|quarter|period)\b.{0,20}\b(?:higher|more|bigger|lower|less)\b",
    re.I,
)
# "差了多少" / "quarter-on-quarter change?" after two statistics of two periods: the two compared.
_TWO_DIFF = re.compile(
    r"差了?多少|相差|差距|差别|变化(?:了)?(?:多少|大吗)?|(?:增长|增加|减少|下降|多|少|涨|降)了?多少|"
    r"多了?还是少了?|增加还是减少|高还是低|\bhigher or lower\b|\bmore or less\b|"
    r"\bdifference\b|\bchange\b|\bgrowth\b|\bhow much (?:more|less|higher|lower)\b",
    re.I,
)
# "同比呢" / "环比呢" after a statistic: the period against the same one a year earlier / the one before it
_YEAR_ON_YEAR = re.compile(r"同比|去年同期|\byoy\b|\by/y\b|\byear[- ]on[- ]year\b|\bvs\.? last year\b", re.I)
_PERIOD_ON_PERIOD = re.compile(
    r"环比|\bqoq\b|\bmom\b|\bwow\b|\b(?:quarter|month|week)[- ]on[- ](?:quarter|month|week)\b|"
    r"\bsequential(?:ly)?\b",
    re.I,
)
_COMBINED = re.compile(r"加起来|合起来|加在一起|两(?:个|者|市)(?:加|合)|\b(?:combined|together|added up)\b", re.I)
_WHICH_DAYS = re.compile(
    r"(?:都|分别)?是?哪(?:几|些)天|哪几个交易日|列(?:出来|一下)|\bwhich (?:days|sessions)\b|\blist them\b", re.I
)
_BARE_ASK = re.compile(
    r"(?:那|是|在)?(?:哪天|哪一天|几号|什么时候|多少|多少亿|多少钱|多大)(?:呢|啊)?[?？]?|"
    r"(?:which|what) (?:day|date)\??|when\??|how much\??",
    re.I,
)
_SHAPES = (
    "SHAPE_MAX", "SHAPE_MIN", "SHAPE_SUM", "SHAPE_MEAN", "SHAPE_MEDIAN", "SHAPE_RANK", "SHAPE_PERCENTILE",
    "SHAPE_FIRST", "SHAPE_LAST",
)  # fmt: skip


def recognise_followup(clause: Clause) -> Query | None:
    prev = clause.env.previous or {}
    if prev.get("intent") != "stats" and _statistic_of_its_own(clause):
        return None  # "那今年以来破3万亿的有几天" after a day (or a declined forecast): a question of its own
    previous = stats_of(prev)
    again = (
        previous is not None and previous.measure == "compare" and clause.brief(10) and _TWO_DIFF.search(clause.text)
    )
    if clause.index == 0 and previous is not None and (_BARE_ASK.fullmatch(clause.text.strip()) or again):
        # "是哪天" after "最高的一天成交多少", "多少" after "地量是哪天", "变化幅度多少" after a comparison: the
        # answer on the table, asked again
        return Query(kind="stats", lang=clause.lang, text=clause.text, stats=previous,
                     focus=prev.get("focus", "summary"), followup=True)  # fmt: skip
    spread = _spread_of_the_two(clause, previous, prev)
    if spread is not None:
        return spread
    which = _which_of_the_two(clause) or day_ranked_in_period(clause, prev)
    if which is not None:
        return which
    same_period = clause.index == 0 and bool(prev.get("period")) and bool(_SAME_PERIOD.search(clause.text))
    sessions_around = _sessions_around(clause, prev)
    if sessions_around is not None:  # "之后五个交易日平均成交呢" after a day: those sessions
        before = Query(
            kind="stats", lang=clause.lang, text="", stats=StatsQuery(measure="summary", period=sessions_around)
        )
        q = recognise_stats(clause, inherited=before)
        if q is None or q.stats is None or q.stats.measure == "unplaced":
            q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=before.stats, focus="summary")
        q.stats = q.stats.model_copy(update={"period": sessions_around})  # type: ignore[union-attr]
        q.followup = True
        return q
    if not (clause.followup or same_period or _continues_statistic(clause, prev) or continues_industry(clause, prev)):
        return None
    if prev.get("intent") == "sector" and prev.get("industry"):
        return industry_followup(clause, prev)
    themed = theme_followup(clause, prev) if prev.get("intent") == "sector" and prev.get("theme") else None
    if themed is not None:
        return themed
    previous_stats = stats_of(prev)
    if previous_stats is None and prev.get("intent") == "day" and _continues_statistic(clause, prev):
        q = recognise_stats(clause)
        if q is not None and q.stats is not None:
            _on_named_day(q, prev)
            q.followup = True
            return q
    that_period = _that_period(clause.text, prev)
    if that_period is not None:
        base = previous_stats or StatsQuery(measure="summary", period=that_period)
        before = Query(kind="stats", lang=clause.lang, text="", stats=base.model_copy(update={"period": that_period}))
        q = recognise_stats(clause, inherited=before) or restate_stats(clause, before.stats, prev)  # type: ignore[arg-type]
        if q is None or q.stats is None:
            q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=before.stats, focus="summary")
        q.stats = q.stats.model_copy(update={"period": that_period})  # type: ignore[union-attr]
        q.followup = True
        return q
    against_markets = _MARKETS_AGAINST.search(clause.text)
    if previous_stats is not None and against_markets and not THAT_DAY.search(clause.text):
        return markets_against_after(clause, previous_stats, prev, against_markets[0])  # "深市比沪市多多少"
    if previous_stats is not None and previous_stats.measure == "count" and _WHICH_DAYS.search(clause.text):
        listed = Query(kind="stats", lang=clause.lang, text=clause.text, stats=previous_stats, followup=True)
        listed.extra["listed"] = True  # "都是哪几天" after "本月有几天破3万亿": the same count, each day named
        return listed
    if previous_stats is not None and len(clause.text.strip()) <= 30:
        against = _against_earlier(clause, previous_stats, prev)
        if against is not None:
            return against
    before_it = _PERIOD_BEFORE_IT.search(clause.text)
    shifted = period_before(previous_stats.period, clause.env.clock_day) if previous_stats and before_it else None
    if previous_stats is not None and shifted is not None and clause.brief(10):
        q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=previous_stats.model_copy(
            update={"period": shifted}), focus=prev.get("focus", "summary"), followup=True)  # fmt: skip
        return q  # "and the week before?" after last week: the same statistic, one period earlier
    shape_named = has(clause.text, "SHAPE_MAX", "SHAPE_MIN")  # "最高的那天呢": that shape of the period, not the day
    if previous_stats is not None and THAT_DAY.search(clause.text) and prev.get("date") and not shape_named:
        return read_followup(clause)  # "那天沪市呢": the day the statistic named, not the period again
    if previous_stats is not None:
        before = Query(kind="stats", lang=clause.lang, text="", stats=previous_stats)
        q = recognise_stats(clause, inherited=before)
        total_of_count = q is not None and q.focus == "sum" and previous_stats.measure == "count"  # "今年一共呢"
        if before.stats is not None and (
            q is None or (q.stats and q.stats.measure == "summary" and q.focus == "summary") or total_of_count
        ):
            q = restate_stats(clause, before.stats, prev) or q  # no measure of its own: the previous one
        if q is None and before.stats is not None:
            q = _other_shape(clause, before.stats)  # "最低的呢" after "7月最高的一天": the same period
        if q is None and previous_stats.part != "total" and clause.brief(8) and has(clause.text, "SHAPE_SHARE"):
            same = StatsQuery(measure="summary", period=previous_stats.period, part=previous_stats.part)
            q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=same, focus="sum")
            q.extra["share_of_total"] = True  # "share呢" after "沪市呢": that market's share over the period
        if q is not None:
            _on_named_day(q, prev)
            if q.stats is not None and previous_stats.part != "total" and _COMBINED.search(clause.text):
                q.stats = q.stats.model_copy(update={"part": "total"})  # "加起来" after 沪市 and 深市: both markets
            q.followup = True
            return q
    return read_followup(clause)


def _statistic_of_its_own(clause: Clause) -> bool:
    """A count, ranking or run over a period the clause names itself: not a slot of the answer before."""
    clock = clause.env.clock_day
    if not [p for p in period_words(clause.text, default_year=clock.year, clock_day=clock) if p.spec != "all"]:
        return False
    q = recognise_stats(clause)
    own = ("count", "top", "bottom", "first", "last", "streak", "percentile", "group")
    # "这周合计呢" after a day: the week's figure, a question of its own (not the day again)
    summed = q is not None and q.stats is not None and q.stats.measure == "summary" and q.focus != "summary"
    return q is not None and q.stats is not None and (q.stats.measure in own or summed)


def _spread_of_the_two(clause: Clause, previous: StatsQuery | None, prev: dict) -> Query | None:
    """ "相差多少" after a period's highest day and then its lowest (or the other way round): the gap of the two."""
    if clause.index > 0 or previous is None or previous.measure != "summary" or not clause.brief(10):
        return None
    metas = [t.meta for t in clause.env.history if t.role == "assistant" and t.meta][-2:]
    focuses = {m.get("focus") for m in metas if (m.get("stats") or {}).get("period") == previous.period}
    if focuses != {"max", "min"} or not _TWO_DIFF.search(clause.text):
        return None
    q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=previous, focus="summary", followup=True)
    q.extra["spread"] = True
    return q


def _which_of_the_two(clause: Clause) -> Query | None:
    """ "哪年更高？" after two statistics of two periods ("2024年日均多少", "2025年呢"): the two compared."""
    text = clause.text.strip()
    combined = bool(_COMBINED.search(text)) and len(text) <= 12
    if clause.index > 0 or len(text) > 40 or not (_WHICH_MORE.search(text) or _TWO_DIFF.search(text) or combined):
        return None
    long = len(text.split()) > 8 if text.isascii() else len(text) > 14
    if long and not _TWO_DIFF.search(text):
        return None
    metas = [t.meta for t in clause.env.history if t.role == "assistant" and t.meta]
    days = [str(m["date"]) for m in metas[-2:] if m.get("intent") == "day" and m.get("date")]
    if len(days) == 2 and days[0] != days[1] and combined:  # "两个加起来" after 昨天 and 前天: their sum
        day_a, day_b = sorted(date.fromisoformat(d) for d in days)
        if clause.env.calendar.next(day_a) != day_b:  # two days apart: no period of just those two
            return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": [text]})
        both = StatsQuery(measure="summary", period=f"{day_a.isoformat()}..{day_b.isoformat()}")
        return Query(kind="stats", lang=clause.lang, text=text, stats=both, focus="sum", followup=True)
    if len(days) == 2 and days[0] != days[1]:  # "which one was higher?" after two days' answers: the two days
        pair = sorted(date.fromisoformat(d) for d in days)
        return Query(kind="pair", lang=clause.lang, text=clause.text, dates=pair, want_change=True, followup=True)
    asked = [stats_of(m) for m in metas]
    periods = [s for s in asked if s is not None]
    if combined and len(periods) >= 2 and periods[-1].period != periods[-2].period:  # "两个加起来": both periods
        specs = sorted((periods[-2].period, periods[-1].period))
        if all(re.fullmatch(r"\d{4}-\d{2}", s) for s in specs):
            a_year, a_month = map(int, specs[0].split("-"))
            b_year, b_month = map(int, specs[1].split("-"))
            if (b_year * 12 + b_month) - (a_year * 12 + a_month) == 1:  # two months in a row: one span
                span = f"{specs[0]}-01..{month_end(b_year, b_month).isoformat()}"
                both = StatsQuery(measure="summary", period=span, part=periods[-1].part)
                return Query(kind="stats", lang=clause.lang, text=text, stats=both, focus="sum", followup=True)
        return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": [text]})
    if combined:
        return None
    if len(periods) < 2 or periods[-1].period == periods[-2].period:
        return None
    last, before = periods[-1], periods[-2]
    if _starts(before.period, clause.env.clock_day) > _starts(last.period, clause.env.clock_day):
        last, before = before, last  # "and the week before? what's the change?": the later period first
    # the later period first: the difference reads "2025年比2024年多…"
    stats = StatsQuery(measure="compare", period=last.period, compare_to=before.period, part=last.part)
    prev = clause.env.previous or {}
    return Query(kind="stats", lang=clause.lang, text=clause.text, stats=stats, focus=prev.get("focus", "summary"),
                 followup=True)  # fmt: skip


def _starts(spec: str, today: date) -> date:
    """Where a period spec starts (for telling which of two is later); the earliest day when it cannot say."""

    try:
        bounds = parse_period(spec, today)
    except MarketDataError:  # a spec it cannot place keeps the order the periods were asked in
        return date.min
    return date.min if bounds.kind == "last_n" else bounds.start


_MARKETS_AGAINST = re.compile(
    r"(?:沪市|深市).{0,4}(?:比|较).{0,4}(?:沪市|深市)|\bshenzhen\b.{0,12}\b(?:than|vs\.?)\b.{0,8}\bshanghai\b", re.I
)
_NTH_PLACE = re.compile(r"第\s*(\d+|[二两三四五六七八九十]+)\s*(?:名|位|高|大|多|的|个|天)?")
_LOWEST = re.compile(r"低|少|小|\blowest\b|\bquietest\b", re.I)
_FOCUS_OF = (("SHAPE_MAX", "max"), ("SHAPE_MIN", "min"), ("SHAPE_MEDIAN", "median"), ("SHAPE_MEAN", "mean"),
             ("SHAPE_SUM", "sum"))  # fmt: skip


def _other_shape(clause: Clause, stats: StatsQuery) -> Query | None:
    """A short follow-up naming only another summary figure (最低/日均/合计) of the period on the table."""
    if not clause.brief(12):
        return None
    nth = _NTH_PLACE.search(clause.text)
    if nth and stats.measure in ("summary", "top", "bottom"):  # "排第二的呢" after "最高的是哪天": the top N
        n = zh_number(nth[1]) or 0
        if 2 <= n <= 20:
            low = _LOWEST.search(clause.text) is not None
            ranked = StatsQuery(measure="bottom" if low else "top", period=stats.period, part=stats.part, n=int(n))
            return Query(kind="stats", lang=clause.lang, text=clause.text, stats=ranked)
    if stats.measure == "count" and stats.threshold_yi is not None and has(clause.text, "SHAPE_FIRST", "SHAPE_LAST"):
        first = has(clause.text, "SHAPE_FIRST") and not has(clause.text, "SHAPE_LAST")  # "最近一次是哪天" after a count
        shape = stats.model_copy(update={"measure": "first" if first else "last"})
        return Query(kind="stats", lang=clause.lang, text=clause.text, stats=shape)
    focus = next((f for kind, f in _FOCUS_OF if has(clause.text, kind)), None)
    if focus is None:
        return None
    summary = StatsQuery(measure="summary", period=stats.period, part=stats.part)
    return Query(kind="stats", lang=clause.lang, text=clause.text, stats=summary, focus=focus)  # type: ignore[arg-type]


def _against_earlier(clause: Clause, stats: StatsQuery, prev: dict) -> Query | None:
    """ "同比呢" (the same period a year before) / "环比呢" (the period before it) after a statistic."""
    if _YEAR_ON_YEAR.search(clause.text):
        if stats.period in ("ytd", "this_year"):  # 今年以来: Jan 1 to today against the same days a year before
            today = clause.env.clock_day
            stats = stats.model_copy(update={"period": f"{today.year}-01-01..{today.isoformat()}"})
        earlier = year_before(stats.period)
        if earlier is None:
            return None
        if stats.measure not in ("summary", "compare"):  # "今年破2万亿几天？去年同期呢": the same count, a year before
            same = stats.model_copy(update={"period": earlier})
            focus = prev.get("focus", "summary")
            return Query(kind="stats", lang=clause.lang, text=clause.text, stats=same, focus=focus, followup=True)
        compare = StatsQuery(measure="compare", period=stats.period, compare_to=earlier, part=stats.part)
    elif _PERIOD_ON_PERIOD.search(clause.text):
        compare = StatsQuery(measure="compare", period=stats.period, part=stats.part)
    else:
        return None
    return Query(kind="stats", lang=clause.lang, text=clause.text, stats=compare, focus=prev.get("focus", "summary"),
                 followup=True)  # fmt: skip


def year_before(spec: str) -> str | None:
    """The same period one year earlier, for a period spec with its year in it ("2026Q1" -> "2025Q1",
    "2026-03" -> "2025-03", "2026-01-01..2026-07-31" -> "2025-01-01..2025-07-31"); None for relative specs."""

    def shift(day: str) -> str:
        d = date.fromisoformat(day)
        try:
            return d.replace(year=d.year - 1).isoformat()
        except ValueError:  # 29 February
            return d.replace(year=d.year - 1, day=28).isoformat()

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}", spec):
        a, b = spec.split("..")
        return f"{shift(a)}..{shift(b)}"
    m = re.fullmatch(r"(\d{4})((?:-\d{2}|[QH]\d|-W\d{2})?)", spec)
    if m:
        return f"{int(m[1]) - 1}{m[2]}"
    return {"this_year": "last_year", "ytd": None}.get(spec)


def _continues_statistic(clause: Clause, prev: dict) -> bool:
    """ "最高是哪天" right after a statistic: a shape with no period or day of its own continues its period
    ("排历史第几": the history is where the day is ranked, not a new subject)."""
    if clause.index > 0 or prev.get("intent") not in ("stats", "day") or not clause.brief(16):
        return False
    text, clock = clause.text, clause.env.clock_day
    named = [p for p in period_words(text, clock_day=clock) if p.spec != "all"] or absolute_dates(text, clock)
    named = named or relative_dates(text, clock, clause.env.calendar)
    ranked = bool(RANKED.search(text))
    periods = [p for p in period_words(text, clock_day=clock) if p.spec != "all"]
    if prev.get("intent") == "stats" and len(periods) == 1 and AGAINST.search(text):
        return True  # "日均和上月比多了多少" after this month's mean: this month against the one named
    if prev.get("intent") == "day":  # "历史排名第几" after a day: that day's rank, not today's
        return not named and ranked and bool(prev.get("date"))
    # "缩量几天" after "7月放量几天": the same period's count of the other move
    counted = has(text, "SHAPE_COUNT", "SHAPE_STREAK") and has(text, "SLANG_UP", "SLANG_DOWN", "THRESHOLD_UP",
                                                                 "THRESHOLD_DOWN")  # fmt: skip
    listed = (prev.get("stats") or {}).get("measure") == "count" and bool(_WHICH_DAYS.search(text))  # "都是哪几天"
    # "缩量最厉害的是哪天" after "缩量几天": the biggest move of the same period
    moved = has(text, "SLANG_UP", "SLANG_DOWN") and bool(re.search(r"最(?:厉害|多|猛|狠|大)|\bbiggest\b", text, re.I))
    counted = counted or moved
    market = prev.get("intent") == "stats" and clause.brief(8) and has(text, "MARKET_TOTAL", "MARKET_SH", "MARKET_SZ")
    return not named and (has(text, *_SHAPES) or ranked or counted or listed or market)  # "两市合计": the market slot


def _on_named_day(q: Query, prev: dict) -> None:
    """ "排历史第几？" after "2015年最高是哪天": the rank of the day the answer named, not of today."""
    if q.stats is None or q.stats.measure not in ("rank", "percentile") or q.stats.value_yi is not None:
        return
    if q.stats.date is None and prev.get("date") and not q.relative_word:
        q.stats = q.stats.model_copy(update={"date": date.fromisoformat(prev["date"])})
        q.latest, q.dates = False, []


_SESSIONS_AROUND = re.compile(
    r"(之后|此后|后面|往后|接下来|随后|之前|此前|前面)\s*(?:的)?\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个)?\s*(?:交易日|天|日)|"
    r"\b(?:the\s+)?(next|following|previous|prior)\s+(\d+|two|three|four|five|ten)\s+(?:trading\s+)?(?:days|sessions)\b|"
    r"\b(\d+|two|three|four|five|ten)\s+(?:trading\s+)?(?:days|sessions)\s+(after|before)\b",
    re.I,
)
# "and the week before?", "再前一个月呢": the period before the one on the table
_PERIOD_BEFORE_IT = re.compile(
    r"\bthe (?:week|month|quarter|year) before\b(?! last)|\bthe (?:previous|prior) (?:week|month|quarter|year)\b|"
    r"再前一(?:周|个月|季度|年)|再往前一(?:周|个月|季度|年)|再上一(?:周|个月|季度|年)",
    re.I,
)
_BEFORE_THAT = re.compile(
    r"在这之前|这之前|在此之前|此前|那之前|在那之前|\bbefore (?:that|then|it)\b|\bprior to that\b", re.I
)
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def _sessions_around(clause: Clause, prev: dict) -> str | None:
    """The N sessions after (before) the day on the table, as a period of dates ("之后五个交易日", "the next 5
    sessions"); None when the follow-up names no such run or there is no day on the table."""
    if clause.index == 0 and prev.get("date") and _BEFORE_THAT.search(clause.text):
        day = date.fromisoformat(
            str(prev["date"])
        )  # "在这之前历史最高是哪天": every session before the day on the table
        return f"..{(day - timedelta(days=1)).isoformat()}"
    m = _SESSIONS_AROUND.search(clause.text)
    if m is None or clause.index > 0 or prev.get("intent") not in ("day", "pair") or not prev.get("date"):
        return None
    word, raw = (m[1], m[2]) if m[1] else ((m[3], m[4]) if m[3] else (m[6], m[5]))
    n = _EN_COUNT.get(raw.lower()) if raw.isalpha() and raw.isascii() else zh_number(raw)
    if not n or not 1 <= n <= 250:
        return None
    day, cal = date.fromisoformat(str(prev["date"])), clause.env.calendar
    after = word.lower() in ("之后", "此后", "后面", "往后", "接下来", "随后", "next", "following", "after")
    step = cal.next if after else cal.previous
    days = [step(day)]
    for _ in range(int(n) - 1):
        days.append(step(days[-1]))
    first, last = sorted((days[0], days[-1]))
    return f"{first.isoformat()}..{last.isoformat()}"


def _that_period(text: str, prev: dict) -> str | None:
    if prev.get("period") and _SAME_PERIOD.search(text):  # "同期成交总额" after the index over a month
        return str(prev["period"])
    m = _THAT_PERIOD.search(text)
    if m is None or not prev.get("date"):
        return None
    unit = next(g for g in m.groups() if g).lower()
    return holding_period(date.fromisoformat(prev["date"]), "周" if unit in ("周", "星期", "week") else unit)


def answer_followup(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    if q.kind == "stats":
        return answer_stats(ctx, q, cites)
    if q.kind == "news":
        return answer_news(ctx, q, cites)
    if q.kind == "sector":
        from agent.offline.sectors.industry_handler import answer_clause

        return answer_clause(ctx, q, cites)
    return answer_day(ctx, q, cites)
