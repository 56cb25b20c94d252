"""Question -> typed queries: the first step of the offline answerer's pipeline.

A question is split into its parts (clauses ending in ？/?/。/；); each part is offered to the
recognisers of ``agent.offline.pipeline`` in order and the first that knows it returns a ``Query``.
Parts share the question's subject: an explicit date anywhere in the question is the day of
every part, and relative words next to it ("比上个交易日", "the previous session") are read
against it, never against the clock. Follow-ups read the previous answer's ``meta`` (the
subject and the days on the table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from agent.answer import Turn
from agent.offline.reading import holidays, names_en, nicknames, typos
from agent.offline.reading.clauses import own_subject_parts, split_clauses
from agent.offline.reading.lexicon import THAT_DAY, has, leftovers, tokens
from agent.offline.reading.numerals import normalise
from agent.offline.reading.query import Query
from agent.offline.reading.question import (
    CHANGE,
    DAY_AFTER,
    DAY_BEFORE,
    DOWN,
    FOLLOWUP_START,
    HELP,
    NEWS,
    TURNOVER,
    UP,
    WHY,
    Calendar,
    Found,
    absolute_dates,
    detect_lang,
    relative_dates,
    threshold_yi,
)
from agent.wording import Lang

_RELATIVE_WORDS = re.compile(
    r"今天|今日|昨天|昨日|前天|大前天|上个?(?:周|星期|礼拜)[一二三四五六日天]|today|yesterday", re.I
)
_PAIR_WHY = re.compile(
    r"(前一天|后一天|前者|后者|那天|较早|较晚|earlier|later|first|second).{0,8}(少|多|低|高|less|more|lower|higher)",
    re.I,
)
# The gap between the two days on the table ("两天差多少", "what's the difference?").
_PAIR_DIFF = re.compile(r"差多少|差了多少|相差|差距|差额|\bdifference\b|\bhow (?:much|far) apart\b", re.I)
_LATER_SIDE = re.compile(r"后一天|后者|较晚|later|second", re.I)
_COMPARE = re.compile(r"比较|对比|相比|\bcompare|\bversus\b|\bvs\b", re.I)
_ASKS = re.compile(r"多少|几|吗|呢|怎么|如何|哪|\bwhat\b|\bhow\b|\bwhich\b|\bwhen\b", re.I)
_SH = re.compile(
    r"沪市|上交所|上海证券交易所|上证(?!50)|\bsh\b(?! *(?:\+|and|&|vs\.?) *sz\b)|"
    r"\bshanghai\b(?![ +]*(?:and|\+|&) *shenzhen)",
    re.I,
)
_SZ = re.compile(
    r"深市|深交所|深圳证券交易所|深证|(?<!sh vs )(?<!sh and )(?<!sh \+ )(?<!sh\+)(?<!sh&)\bsz\b|"
    r"(?<!shanghai )(?<!shanghai and )(?<!\+ )\bshenzhen\b",
    re.I,
)
# The day before named as what the day on the table is compared with, not as the day asked about.
AGAINST_BEFORE = re.compile(
    r"(?:和|与|跟|同|比|较|相比|对比)\s*(?:起)?(?:前一天|前一个?交易日|上一个?交易日|上个交易日|昨天)|"
    r"(?:前一天|前一个?交易日|上一个?交易日|上个交易日)\s*(?:比|相比|对比)|"
    r"\b(?:compare[sd]?|compared|versus|vs\.?|than)\b.{0,20}\b(?:day before|previous (?:session|trading day|day)|"
    r"prior session)\b",
    re.I,
)
_AGAINST_NAMED = re.compile(
    r"^\s*(?:那)?\s*(?:沪市|深市|两市)?\s*(?:的)?\s*(?:比|和|跟|与|较|相比|对比|同)|\bthan\b|\bcompared?\b|\bvs\.?\b|"
    r"\bversus\b",
    re.I,
)
_NAMES_TOTAL = re.compile(r"两市|沪深|合计|总|\btotal\b|\bcombined\b|\bboth\b", re.I)
_SHARE_OF_TOTAL = re.compile(
    r"占比|比例|占了?多少|占了?几成|占多大|份额|占两市|\bshare\b|\bproportion\b|\bpercent(?:age)?\b", re.I
)
_MARKET_SHARE = re.compile(r"(沪市|深市|上海|深圳|上证)\s*(?:的)?(?:成交额?)?\s*(?:占比|占两市|占了?多少|的?比例|份额)")
_BOTH_SPLIT = re.compile(
    r"分别|各(?:是|为|多少)|沪深各|\beach\b|\bseparately\b|\bsplit\b|\bbreakdown\b|沪市和深市|沪深两市各", re.I
)


@dataclass
class Env:
    """What reading needs besides the words: the clock's day, the trading calendar, the chat so far."""

    clock_day: date
    calendar: Calendar
    history: Sequence[Turn] = ()
    previous: dict[str, Any] | None = None  # the last answer's meta (follow-ups)

    def __post_init__(self) -> None:
        if self.previous is None:
            self.previous = next((t.meta for t in reversed(self.history) if t.role == "assistant" and t.meta), None)


@dataclass
class Clause:
    """One part of the question, with what the whole question says (its language, its explicit days)."""

    text: str
    lang: Lang
    question: str
    env: Env
    index: int = 0
    explicit_days: list[date] = field(default_factory=list)  # absolute dates anywhere in the question
    before: Query | None = None  # the query of the part before (its subject carries over)

    def brief(self, zh_chars: int) -> bool:
        """A few words only; English spells out in ~3 letters what Chinese says in one ("and the biggest day?")."""
        return len(self.text.strip()) <= (zh_chars if self.lang == "zh" else 3 * zh_chars)

    @property
    def followup(self) -> bool:
        """Short and shaped like a follow-up ("那昨天呢？", "and the day before?") with an answer before it."""
        if self.env.previous is None or self.index > 0:
            return False
        stripped = self.text.strip()
        short = len(stripped) <= 18 if self.lang == "zh" else len(stripped.split()) <= 8
        if short and len({f.day for found in days_named(self) for f in found}) >= 2:
            return False  # "深市占比今天比昨天高了多少": two days of its own make a whole question
        return short and bool(
            FOLLOWUP_START.search(stripped)
            or stripped.rstrip("?？ ").endswith("呢")
            or DAY_BEFORE.search(stripped)
            or DAY_AFTER.search(stripped)
            or (len(stripped) <= 8 and bool(_CHANGE_ONLY.search(stripped)))  # "放量了多少": the table day's change
            or _PAIR_WHY.search(stripped)
            or _PAIR_DIFF.search(stripped)
            or _TWO_DAYS_TOGETHER.fullmatch(stripped)
            or re.fullmatch(r"(为什么|为何|why)[?？]?", stripped, re.I)
            or names_only_a_slot(stripped, self.env.clock_day)
            or bool(
                _SHARE_OF_TOTAL.search(stripped) and (_SH.search(stripped) or _SZ.search(stripped))
            )  # "沪市占比多少"
        )


_TWO_DAYS_TOGETHER = re.compile(
    r"(?:这|那)?(?:两|2)天(?:的)?(?:平均|日均|均值|合计|加起来|一共|总共)(?:成交)?(?:多少|是多少)?[?？]?|"
    r"(?:the )?(?:average|mean|sum|total) of (?:the|those|these) two (?:days|sessions)\??",
    re.I,
)
_CHANGE_ONLY = re.compile(r"(?:放量|缩量|放了|缩了|增加|减少|多|少)了?多少|变化多少|\bhow much (?:more|less)\b", re.I)


def names_only_a_slot(text: str, clock_day: date) -> bool:
    """ "Q2?", "2024年？", "深市?": nothing but a period or a market, the one slot a follow-up changes."""
    from agent.offline.reading.periods import period_words

    rest = text
    for p in sorted(period_words(text, default_year=clock_day.year, clock_day=clock_day), key=lambda p: -p.start):
        rest = rest[: p.start] + rest[p.end :]
    rest = re.sub(r"沪市|深市|上交所|深交所|\bshanghai\b|\bshenzhen\b|\band\b|\bin\b", "", rest, flags=re.I)
    return rest != text and not re.sub(r"[\W_]|的|数据|多少|呢", "", rest.lower())


def market_part(text: str) -> str:
    sh, sz = bool(_SH.search(text)), bool(_SZ.search(text))
    if sh and not sz:
        return "sh"
    if sz and not sh:
        return "sz"
    return "total"


def wants_split(text: str) -> bool:
    together = re.search(r"两市|沪深(?!各)|\bcombined\b", text) and not (_SH.search(text) or _SZ.search(text))
    if together and not re.search(
        r"沪深各|沪深两市各|各自|沪市和深市|\bshanghai and shenzhen\b|\bsh and sz\b", text, re.I
    ):
        return False  # "三季度两市总成交和日均分别多少": 分别 is the two figures, of the two markets together
    shapes = sum(has(text, kind) for kind in ("SHAPE_MEAN", "SHAPE_MEDIAN", "SHAPE_SUM", "SHAPE_MAX", "SHAPE_MIN"))
    if shapes >= 2 and not (_SH.search(text) or _SZ.search(text)):
        return False  # "中位数和平均数各是多少": each figure, not each market
    return bool(_BOTH_SPLIT.search(text) or (_SH.search(text) and _SZ.search(text)))


# The two markets together named beside a split ("SH+SZ combined, and Shanghai and Shenzhen separately"): all three
_WITH_TOTAL = re.compile(r"两市|沪深两市|\bcombined\b|\bsh ?\+ ?sz\b|\bshanghai ?\+ ?shenzhen\b|\bboth markets\b", re.I)


def with_total(text: str) -> bool:
    return bool(_WITH_TOTAL.search(text)) and wants_split(text)


def days_named(clause: Clause) -> tuple[list[Found], list[Found]]:
    """(absolute, relative) days the clause names; relative ones are dropped when the question has an
    explicit date (it wins: "on 2024-10-08 ... previous session" is the session before 2024-10-08)."""
    env = clause.env
    absolute = absolute_dates(clause.text, env.clock_day)
    relative = relative_dates(clause.text, env.clock_day, env.calendar)
    if clause.explicit_days:  # only the clock's own days stay beside a date: "今天比8月25日" is a pair
        relative = [f for f in relative if _CLOCK_DAY.fullmatch(f.raw.strip())]
    return absolute, relative


def _session_a_year_before(day: date, calendar: Any) -> date:
    """The same calendar day a year earlier (28 February for a 29th), or the session before it when it was closed."""
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        earlier = day.replace(year=day.year - 1, day=28)
    return calendar.previous(earlier + timedelta(days=1))


_A_YEAR_BEFORE = re.compile(
    r"去年同期|上年同期|去年的?今天|去年这一?天|去年同一天|去年同日|\bsame day last year\b|\ba year (?:ago|earlier)\b",
    re.I,
)
# The day named is what the clock's day is set against: "比上周五", "than last Friday", "compared with 7/24".
_AGAINST_DAY = re.compile(
    r"(?:^|[^对])(?:比|较|相比|相较于?|对比)\s*$|\b(?:than|compared (?:with|to)|vs\.?|versus)\s+$", re.I
)


def _set_against(text: str, day: Found) -> bool:
    """The day named is what another day is set against: "比上周五", "和昨天比", "than last Friday"."""
    before, after = text[max(0, day.pos - 6) : day.pos], text[day.pos + len(day.raw) : day.pos + len(day.raw) + 4]
    return bool(
        _AGAINST_DAY.search(before) or (re.search(r"(?:和|跟|与|同)\s*$", before) and re.match(r"\s*相?比", after))
    )


_RESTATED = re.compile(r"也就是|即|就是|\bi\.?e\.?|\bnamely\b|\bthat is\b", re.I)
_OPEN_ASKED = re.compile(
    r"开盘|开市|开门|休市|交易日|\b(?:market|exchange)s? (?:is |was )?open\b|\btrading day\b", re.I
)
_CLOCK_DAY = re.compile(r"今天|今日|昨天|昨日|前天|\btoday(?:'s)?\b|\byesterday(?:'s)?\b", re.I)


def read_day(clause: Clause) -> Query | None:
    """A question about one day (or two days side by side): its figure, the change, the why."""
    text = clause.text
    absolute, relative = days_named(clause)
    found = sorted(absolute + relative, key=lambda f: f.pos)
    # "24年国庆节后第一天，也就是10月8号": a date restated after 也就是 is the same day, not a second one
    found = [f for i, f in enumerate(found) if i == 0 or not _RESTATED.search(text[found[i - 1].pos : f.pos])]
    invalid = next((f.raw for f in found if f.day is None), None)
    q = Query(kind="day", lang=clause.lang, text=text)
    if invalid:
        q.kind, q.invalid = "invalid_date", invalid
        return q
    for f in found:
        if f.day not in q.dates:
            q.dates.append(f.day)  # type: ignore[arg-type]
    rel = next((f for f in relative if _RELATIVE_WORDS.fullmatch(f.raw)), None)
    if rel is not None and len(q.dates) == 1:
        q.relative_word = rel.raw
    q.want_why = bool(WHY.search(text))
    q.want_change = bool(CHANGE.search(text)) or (bool(clause.explicit_days) and bool(DAY_BEFORE.search(text)))
    q.threshold_yi = threshold_yi(text)
    up, down = bool(UP.search(text)), bool(DOWN.search(text))
    q.direction = None if up == down else ("up" if up else "down")  # "放量还是缩量": asks, assumes nothing
    q.part = market_part(text)  # type: ignore[assignment]
    q.extra["share"] = q.part != "total" and bool(_SHARE_OF_TOTAL.search(text))  # "深市占比多少"
    share_of = _MARKET_SHARE.search(text)  # "沪市深市分别成交多少，深市占比多少": that market's share of the total
    if q.part == "total" and share_of:
        q.extra["share_of"] = "sh" if share_of[1] in ("沪市", "上海", "上证") else "sz"
    asks_turnover = bool(
        TURNOVER.search(text)
        # "那天地量是多少", "今天比上周二缩了多少量": the day's turnover, however it is called
        or has(text, "SLANG_HIGH", "SLANG_LOW", "SLANG_UP", "SLANG_DOWN", "MEASURE_TURNOVER")
        or q.threshold_yi
        or q.want_why
        or q.want_change
        or q.extra["share"]
        or bool(q.dates and _OPEN_ASKED.search(text))  # "今天开盘了没": the day's session (a holiday is said)
    ) or (len(q.dates) >= 2 and (bool(_COMPARE.search(text)) or has(text, "SHAPE_COMPARE")))
    if q.dates and not asks_turnover and not clause.followup and _leftover(text, found):
        return None  # "今天吃什么": a day is named, but what is asked is not turnover
    if len(q.dates) == 1 and _A_YEAR_BEFORE.search(text):  # "今天比去年同期多多少": that day a year before
        q.dates.append(_session_a_year_before(q.dates[0], clause.env.calendar))
    if len(q.dates) == 1 and not clause.followup and _set_against(text, found[0]):
        # "成交额比上周五多多少": the clock's day against the day named; "…？和昨天比呢" the part before's day
        before = clause.before
        other = before.dates[0] if before is not None and before.kind == "day" and len(before.dates) == 1 else None
        other = other or clause.env.clock_day
        if other != q.dates[0]:
            q.dates.append(other)
    if len(q.dates) >= 2:
        q.kind, q.dates = "pair", sorted(q.dates[:2])
        return q
    if q.dates:
        return q
    short_question = len(text) <= 12 and _ASKS.search(text)
    if clause.before is not None and clause.before.kind in ("day", "pair") and (asks_turnover or short_question):
        q.dates, q.kind = list(clause.before.dates), clause.before.kind  # "...多少？为什么？": the same day
        q.relative_word, q.latest = clause.before.relative_word, clause.before.latest
        return q
    if clause.explicit_days and (asks_turnover or short_question):
        q.dates = [clause.explicit_days[0]]
        return q
    if asks_turnover:
        unplaced = unplaced_words(text)
        anaphor = THAT_DAY.search(text)
        if anaphor:  # "那天两市成交多少" after a part that named no day: which day is not known, not "the latest"
            unplaced = [anaphor[0], *unplaced]
        if unplaced:  # "asdfgh 量能", "924那天": words no reading places are not "the latest day"
            return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": unplaced})
        q.latest = True
        return q
    return None


def unplaced_words(text: str) -> list[str]:
    """Content words of ``text`` no lexicon class accounts for, and bare numbers that are no date, amount or
    count: a question carrying them is not understood, whatever else it names."""
    stray = [t.text for t in tokens(text) if t.kind == "NUMBER" and t.text.isdigit() and len(t.text) >= 3]
    return stray + leftovers(text)


_FILLER = re.compile(
    r"[\s？?！!。，,.、:：]|的|是|多少|呢|吗|怎么样|如何|那|那么|情况|数据|两市|沪深|A股|"
    r"\b(?:what|was|is|the|on|for|how|much|about|and|of|in|a|were|did|it|market|stock|total|combined)\b",
    re.I,
)


def _leftover(text: str, found: list[Found]) -> bool:
    """Words left once the days and filler are taken out: the question asks about something else."""
    rest = text
    for f in found:
        rest = rest.replace(f.raw, " ")
    rest = _FILLER.sub("", rest.lower())
    return len(rest) > 2


def read_followup(clause: Clause) -> Query | None:
    """A short follow-up: the previous answer's subject, with the day, period or part it changes."""
    prev = clause.env.previous or {}
    text, env = clause.text, clause.env
    table = [date.fromisoformat(d) for d in prev.get("table") or ([prev["date"]] if prev.get("date") else [])]
    bare_why = re.fullmatch(r"(为什么|为何|why)[?？]?", text.strip(), re.I)
    if (prev.get("intent") == "pair" or len(table) >= 2) and WHY.search(text) and (_PAIR_WHY.search(text) or bare_why):
        earlier, later = sorted(table)[:2] if len(table) >= 2 else (table[0], table[0])
        pair = Query(kind="pair", lang=clause.lang, text=text, dates=[earlier, later], want_why=True, followup=True)
        # "为什么前一天比较少" names its side; a bare "为什么" explains the day last answered.
        subject = prev.get("date")
        pair.explain_first = earlier.isoformat() == subject if bare_why and subject else not _LATER_SIDE.search(text)
        return pair
    base = date.fromisoformat(prev["date"]) if prev.get("date") else None
    q = read_day(clause)
    if q is not None and q.kind == "invalid_date":
        return q
    together = has(text, "SHAPE_MEAN", "SHAPE_SUM") and len(text.strip()) <= 12
    if len(table) >= 2 and together and (q is None or not q.dates):  # "两天平均": the two days on the table
        pair = Query(kind="pair", lang=clause.lang, text=text, dates=sorted(table)[:2], followup=True)
        pair.extra["together"] = True
        return pair
    if len(table) >= 2 and (_PAIR_DIFF.search(text) or _CHANGE_ONLY.search(text)) and (q is None or not q.dates):
        # "两天差多少": the two days on the table compared, earlier against later; no new day named.
        earlier, later = sorted(table)[:2]
        return Query(kind="pair", lang=clause.lang, text=text, dates=[earlier, later], followup=True)
    if (
        base is not None
        and q is not None
        and q.kind == "day"
        and len(q.dates) == 1
        and q.dates[0] != base
        and (_AGAINST_NAMED.search(text))
    ):  # "比周四多了多少", "深市比昨天呢": the day on the table against the day named (in the market asked)
        pair = Query(kind="pair", lang=clause.lang, text=text, dates=sorted([q.dates[0], base]), followup=True)
        named_part = market_part(text)
        pair.part = named_part if named_part != "total" else prev.get("part", "total")  # type: ignore[assignment]
        return pair
    if NEWS.search(text) and not WHY.search(text):
        return Query(kind="news", lang=clause.lang, text=text, topic=prev.get("topic"), dates=q.dates if q else [])
    against_before = bool(AGAINST_BEFORE.search(text))
    if base is not None and _A_YEAR_BEFORE.search(text) and (q is None or not q.dates or q.latest):
        # "那去年同一天呢": the day on the table a year earlier
        year_before = Query(kind="day", lang=clause.lang, text=text, followup=True)
        year_before.dates = [_session_a_year_before(base, env.calendar)]
        year_before.part = prev.get("part", "total") if market_part(text) == "total" else market_part(text)  # type: ignore[assignment]
        return year_before
    if q is None or (not q.dates and not q.latest) or q.latest:
        asked_why = bool(WHY.search(text))
        q = Query(kind="day", lang=clause.lang, text=text, want_why=asked_why)
        q.part = market_part(text)  # type: ignore[assignment]
        q.extra["share"] = q.part != "total" and bool(_SHARE_OF_TOTAL.search(text))  # "沪市占比多少"
        if against_before and base is not None:  # "和上一个交易日比呢": the day on the table, with its change
            q.dates, q.want_change = [base], True
        elif DAY_AFTER.search(text) and base is not None:
            try:
                q.dates = [env.calendar.next(base)]
            except Exception:  # after the calendar's end: the answer says there is no data
                q.dates = [base + timedelta(days=1)]
        elif DAY_BEFORE.search(text) and base is not None:
            try:
                q.dates = [env.calendar.previous(base)]
            except Exception:  # before the first session: the answer says there is no data
                q.dates = [base - timedelta(days=1)]
        elif base is not None:
            q.dates = [base]
        elif THAT_DAY.search(text):  # "那天多少" with no day on the table: which day is not known, not the latest
            return Query(kind="unclear", lang=clause.lang, text=text, extra={"unplaced": [THAT_DAY.search(text)[0]]})  # type: ignore[index]
        else:
            q.latest = True
    q.followup = True
    if q.part == "total" and prev.get("part") in ("sh", "sz") and not _NAMES_TOTAL.search(text):
        q.part = prev["part"]  # "深市呢？" then "和上一个交易日比呢？": still Shenzhen
        q.extra["share"] = q.extra.get("share") or bool(_SHARE_OF_TOTAL.search(text))  # "share呢" after "深市呢"
    if base is not None and q.kind == "day" and q.dates and q.dates[0] != base:
        q.extra["table"] = [q.dates[0], base]  # the day before and the day answered stay on the table
    q.want_why = q.want_why or bool(prev.get("want_why"))
    if q.threshold_yi is None and prev.get("threshold_yi"):
        q.threshold_yi = float(prev["threshold_yi"])
    return q


# Between a Latin letter and a Chinese character there is no regex word edge (both are \w).
_ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
# Period words written in capitals ("YTD成交", "H1日均", "Q3合计"): set apart like lower-case words
_CAPITAL_TERMS = re.compile(r"(?<![A-Za-z0-9])(?:YTD|MTD|QTD|YOY|QOQ|MOM|WOW|H[12]|Q[1-4]|SH|SZ)(?![A-Za-z0-9])")


def _spaced(text: str) -> str:
    """Lower-case English words set apart from the Chinese around them; names in capitals stay as written
    ("IT服务", "A股", "AI相关")."""

    def apart(m: re.Match[str]) -> str:
        before = m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff"
        after = m.end() < len(text) and "\u4e00" <= text[m.end()] <= "\u9fff"
        return (" " if before else "") + m[0] + (" " if after else "")

    return _CAPITAL_TERMS.sub(apart, _ENGLISH_WORD.sub(apart, text))


def clauses_of(question: str, env: Env, lang: Lang | None = None) -> list[Clause]:
    use_lang = lang or detect_lang(question)
    question = typos.correct(question)  # "成较多少": a pinyin slip in the measure word
    question = normalise(question, env.clock_day)  # "二〇二四年十月八日", "24年", "7.30": digits, once for every reader
    question = nicknames.rewrite(question, env.clock_day)  # "924以来": from 2024-09-24
    question = holidays.rewrite(question, env.clock_day, env.calendar)  # "节后第一天": its date
    question = names_en.in_chinese(_spaced(question))  # word edges for English patterns; "banks" is 银行
    explicit = [f.day for f in absolute_dates(question, env.clock_day) if f.day]
    return [
        Clause(text=t, lang=use_lang, question=question, env=env, index=i, explicit_days=explicit)
        for i, t in enumerate(part for text in split_clauses(question) for part in own_subject_parts(text))
    ]


def help_query(clause: Clause) -> Query | None:
    return Query(kind="help", lang=clause.lang, text=clause.text) if HELP.search(clause.text) else None
