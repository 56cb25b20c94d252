"""Statistics over a period: recognise the question, ask ``MarketData.stats``, word the result.

"沪市和深市分别多少" asks the same statistic for each exchange: one stats call per part.
"""

from __future__ import annotations

import contextlib
import logging
import re
from datetime import date

from agent.answer import ChartRequest
from agent.context import AgentContext
from agent.offline.day.handler import answer_day, day_lead
from agent.offline.lookups import safe
from agent.offline.parts import Citations, Reply
from agent.offline.reading.lexicon import has
from agent.offline.reading.periods import period_words
from agent.offline.reading.query import Query
from agent.offline.reading.question import relative_dates, threshold_yi
from agent.offline.reading.understand import (
    Clause,
    days_named,
    market_part,
    names_only_a_slot,
    wants_split,
    with_total,
)
from agent.offline.refusals.phrases import source_failed
from agent.offline.stats import phrases as S
from agent.offline.stats import shape_phrases as SP
from agent.offline.stats.groups import cannot, each_of, sub_periods
from agent.offline.stats.markets import markets_against, share_compare
from agent.offline.stats.reading import asks_both_ends, read_stats
from agent.offline.stats.words import BELOW
from tools.errors import InvalidDateError, MarketDataError, NoDataError
from tools.stats.models import (
    CompareResult,
    CountResult,
    FirstLastResult,
    RankResult,
    StatsQuery,
    SummaryResult,
    TopResult,
)

log = logging.getLogger(__name__)
_SPREAD = re.compile(
    r"差多少|差了多少|相差|差距|多多少|多了多少|\bdifference\b|\bgap\b|\bspread\b|\bhow much (?:more|higher)\b", re.I
)
SHARE_WORDS = re.compile(r"占比|比例|比重|占两市|占多少|占几成|份额|\bshare\b|\bproportion\b|\bpercentage\b", re.I)


_AGAINST_MEAN = re.compile(r"比|相比|对比|\bvs\.?|\bversus\b|\bthan\b|\bcompared?\b|\bagainst\b", re.I)


def _day_against_a_mean(clause: Clause) -> Query | None:
    """ "今天成交比上月日均高多少", "today's turnover vs last month's daily average": one day set against a
    period's daily mean (the compare of a one-day period with that period, led by the means)."""
    text, clock = clause.text, clause.env.clock_day
    if not has(text, "SHAPE_MEAN") or not _AGAINST_MEAN.search(text):
        return None
    absolute, relative = days_named(clause)
    days = {f.day for f in absolute + relative if f.day}
    periods = [p for p in period_words(text, default_year=clock.year, clock_day=clock) if p.spec != "all"]
    if len(days) != 1 or len(periods) != 1:
        return None
    day = days.pop()
    stats = StatsQuery(measure="compare", period=day.isoformat(), compare_to=periods[0].spec, part=market_part(text))  # type: ignore[arg-type]
    return Query(kind="stats", lang=clause.lang, text=text, stats=stats, focus="mean", dates=[day])


def recognise_stats(clause: Clause, inherited: Query | None = None) -> Query | None:
    against_mean = _day_against_a_mean(clause) if inherited is None else None
    if against_mean is not None:
        return against_mean
    before = inherited or clause.before
    inherited_period = before.stats.period if before is not None and before.stats is not None else None
    # "今年以来上证涨跌多少？日均成交多少": the turnover over the period of the index's move before it
    carried = before is not None and before.stats is None and bool(before.extra.get("index_period"))
    if carried and before is not None:
        inherited_period = before.extra["index_period"]
    words = read_stats(clause.text, clause.env.clock_day, inherited_period, carried=carried)
    restates = before is not None and before.stats is not None and _restates(clause, words, before.stats.measure)
    if inherited is None and restates and before is not None and before.stats is not None:
        # "今年超过2万亿的有几天？去年呢？": the same statistic for the period (part, line) this part names
        meta = {"focus": before.focus, "split": before.extra.get("split")}
        return restate_stats(clause, before.stats, meta)
    counted = before is not None and before.stats is not None and before.stats.measure == "count"
    if counted and inherited is None and len(clause.text.strip()) <= 8 and has(clause.text, "SHAPE_LIST"):
        listed = Query(kind="stats", lang=clause.lang, text=clause.text, stats=before.stats)  # type: ignore[union-attr]
        listed.extra["listed"] = True  # "…有几天？都列出来": the same count, each day named
        return listed
    if words is None:
        return None
    if words.measure == "count" and words.period == "all" and not re.search(r"历史|有史以来|\bever\b", clause.text):
        absolute, relative = days_named(clause)
        if any(f.day for f in absolute + relative):  # "今天破3万亿没": that day against the line, not a count
            return None
    if words.measure == "unplaced":
        return Query(kind="unclear", lang=clause.lang, text=clause.text, extra={"unplaced": [words.unplaced]})
    against = markets_against(clause, words)  # "7月深市比沪市多成交了多少"
    if against is not None:
        return against
    day = words.day
    relative_word = None
    if words.measure in ("rank", "percentile") and day is None and words.value_yi is None:
        if clause.explicit_days:
            day = clause.explicit_days[0]
        else:
            rel = relative_dates(clause.text, clause.env.clock_day, clause.env.calendar)
            day, relative_word = (rel[0].day, rel[0].raw) if rel else (None, None)
    period = words.period
    if period.startswith("last:") and "@" not in period and clause.explicit_days:
        # "2024年10月8日前20个交易日": the window ends at the named day (before it, when the words say so)
        anchor = clause.explicit_days[0]
        if re.search(r"前|之前|以前|\bbefore\b|\bprior\b", clause.text, re.I):
            with contextlib.suppress(Exception):  # before the first session: the stats API says there is no data
                anchor = clause.env.calendar.previous(anchor)
        period = f"{period}@{anchor.isoformat()}"
    stats = StatsQuery(
        measure=words.measure,  # type: ignore[arg-type]
        period=period,
        part=market_part(clause.text),  # type: ignore[arg-type]
        volume_move=words.volume_move,  # type: ignore[arg-type]
        order_by=words.order_by,  # type: ignore[arg-type]
        threshold_yi=words.threshold_yi if words.measure in ("count", "first", "last", "streak") else None,
        threshold_hi_yi=words.threshold_hi_yi if words.measure in ("count", "first", "last", "streak") else None,
        direction=words.direction,  # type: ignore[arg-type]
        value_yi=words.value_yi,
        n=words.n,
        date=day,
        since=words.since,
        compare_to=words.compare_to,
    )
    q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=stats, focus=words.focus)
    if (
        words.measure in ("rank", "percentile") and words.value_yi is None and (relative_word or day is None)
    ):  # "今天排第几": said first when today has no data
        q.relative_word, q.latest = relative_word, day is None
        q.dates = [day] if day else []
    q.extra["want_current"] = words.want_current
    q.extra["asks_record"] = words.asks_record and words.by is None
    q.extra["by"] = words.by
    q.extra["listed"] = words.listed
    q.extra["same_part"] = words.same_part
    q.extra["group_count"] = words.group_count
    q.extra["each_period"] = words.each_period
    q.extra["spread"] = asks_both_ends(clause.text) and bool(_SPREAD.search(clause.text))
    q.extra["periods"] = list(words.periods)
    q.extra["both_moves"] = words.both_moves
    q.extra["lowest"] = words.by is not None and words.asks_record
    # "一季度和二季度各是多少": "各" is each period, not SH and SZ, unless the exchanges are named
    each_period = words.measure == "compare" and words.compare_to is not None
    both_days = words.measure == "summary" and asks_both_ends(clause.text)
    q.extra["split"] = (
        wants_split(clause.text)
        and not (words.listed and words.measure == "count")  # "分别是哪几天": each day, not SH and SZ
        and not (words.measure in ("top", "bottom") and not _names_exchanges(clause.text))  # "前五，各多少": each day
        and (not each_period or _names_exchanges(clause.text))
        and (not both_days or _names_exchanges(clause.text))  # "最高和最低分别是哪天": 分别 is the two days
    )
    q.extra["from_bottom"] = bool(_FROM_BOTTOM.search(clause.text))  # "排倒数第几": 1 = the lowest
    q.extra["with_total"] = q.extra["split"] and with_total(clause.text)  # "两市日均多少，沪市和深市分别多少"
    q.extra["share_of_total"] = stats.part != "total" and bool(SHARE_WORDS.search(clause.text))
    return q


_BOTH_MARKETS = re.compile(r"两市|沪深|两个市场|\bboth markets\b|\bcombined\b|\bsh ?\+ ?sz\b", re.I)
_FROM_BOTTOM = re.compile(
    r"倒数|从低(?:往|到|向)高|由低(?:往|到|向)高|从小(?:往|到)大|\bfrom the (?:bottom|lowest)\b|\bbottom up\b", re.I
)


def _names_exchanges(text: str) -> bool:
    return bool(re.search(r"沪|深|上交所|\bshanghai\b|\bshenzhen\b", text, re.I))


def restate_stats(clause: Clause, stats: StatsQuery, prev: dict) -> Query | None:
    """ "那2024年呢？" / "那深市呢？" after a statistic: the same statistic with the period, part or line changed."""
    year = int(stats.period[:4]) if stats.period[:4].isdigit() else None  # "下半年呢" after "2025年上半年"
    periods = period_words(clause.text, default_year=year, clock_day=clause.env.clock_day)
    part = market_part(clause.text)
    line = threshold_yi(clause.text)
    flipped = _flipped_move(clause.text, stats)
    # "两市合计" after 沪市 and 深市: the two markets together again (a market slot set back to the total)
    both = part == "total" and stats.part != "total" and bool(_BOTH_MARKETS.search(clause.text))
    if not periods and part == "total" and not both and line is None and flipped is None:
        return None
    update: dict = {} if flipped is None else {"volume_move": flipped}  # "缩量呢" after "有几天放量"
    if periods:
        update["period"] = periods[0].spec
    if part != "total" or both:
        update["part"] = part
    if line is not None and stats.threshold_yi is not None:
        update["threshold_yi"] = line
        if stats.direction != "between" and re.search(
            r"以上|以下|超过|高于|低于|不到|破|above|below|over|under", clause.text
        ):
            update["direction"] = "below" if BELOW.search(clause.text) else "at_or_above"  # "那3万亿以上的呢"
    elif line is not None and stats.value_yi is not None:
        update["value_yi"] = line  # "2万亿呢" after where 3万亿 stands: where that amount stands
    q = Query(kind="stats", lang=clause.lang, text=clause.text, stats=stats.model_copy(update=update))
    q.focus = prev.get("focus", "summary")
    # "深市占比多少"; "那去年一季度呢" after a market's share: its share again
    kept_share = bool(prev.get("share_of_total")) and part == "total" and stats.part != "total"
    q.extra["share_of_total"] = (part != "total" and bool(SHARE_WORDS.search(clause.text))) or kept_share
    q.extra["split"] = bool(prev.get("split")) and part == "total"
    return q


def _flipped_move(text: str, stats: StatsQuery) -> str | None:
    """The other volume direction named in a follow-up of a 放量/缩量 statistic, or None."""
    if stats.volume_move is None:
        return None
    if re.search(r"缩量|缩了|\blower volume\b", text, re.I) and stats.volume_move == "up":
        return "down"
    if re.search(r"放量|放了|\bhigher volume\b", text, re.I) and stats.volume_move == "down":
        return "up"
    return None


def _restates(clause: Clause, words: object, before_measure: str | None = None) -> bool:
    """A short part with no statistic of its own ("去年呢？", "深市呢？") continues the part before it."""
    text = clause.text.strip()
    plain = words is None or (getattr(words, "measure", "") == "summary" and getattr(words, "focus", "") == "summary")
    # "今年一共呢" after a count: 一共 is the count over the new period, not a sum of turnover
    total_of_count = getattr(words, "focus", "") == "sum" and before_measure == "count"
    if not (plain or total_of_count) or len(text) > 12:
        return False
    if re.search(r"呢[?？]?$|^那|^and\b|^what about\b|^how about\b", text, re.I):
        return True
    own_day = clause.explicit_days or relative_dates(text, clause.env.clock_day, clause.env.calendar)
    if market_part(text) != "total" and SHARE_WORDS.search(text) and not own_day:
        return True  # "…四季度日均多少？沪市占比多少": that market's share over the same period
    return names_only_a_slot(text, clause.env.clock_day)  # "Q2?", "2024年?": only what changes is named


def _word(result: object, q: Query) -> str:
    measure = getattr(result, "measure", "")
    lang = q.lang
    assert q.stats is not None
    # Relative periods are named as asked ("本周"), with their exact dates from the result.
    spec = q.stats.period
    asked = spec if (not spec[:1].isdigit() or spec.endswith("..")) and spec != "all" else None
    if measure == "summary" and q.extra.get("spread"):  # "最高和最低差多少": the gap, from the unrounded amounts
        return S.summary(result, q.focus, lang, asked) + S.spread(result, lang)
    if measure == "summary":
        return S.summary(result, q.focus, lang, asked)
    if measure in ("top", "bottom") and q.stats.order_by == "change":
        return SP.change_top(result, lang, asked)
    if measure in ("top", "bottom"):
        return S.top(result, lang, asked)
    if measure == "count":
        return S.count(result, lang, asked, listed=bool(q.extra.get("listed")))
    if measure == "rank":
        return S.rank(result, lang, asked, from_bottom=bool(q.extra.get("from_bottom")))
    if measure in ("first", "last"):
        return S.first_last(result, lang, asked)
    if measure == "percentile":
        return SP.percentile(result, lang, asked)
    if measure == "days":
        return SP.days(result, lang, asked)
    if measure == "streak":
        return S.streak(result, bool(q.extra.get("want_current")), lang, asked)
    other = q.stats.compare_to if q.stats.compare_to and not q.stats.compare_to[:1].isdigit() else None
    if isinstance(result, CompareResult) and result.a.period.kind == "day" and result.b.period.kind != "day":
        return SP.day_against_mean(result, lang, other)
    if q.focus == "median" or has(q.text, "SHAPE_MEDIAN"):  # "中位数比上月变化了多少": the medians first
        return SP.median_compare(result, lang, asked, other) + "\n" + SP.compare(result, lang, asked, other)
    return SP.compare(result, lang, asked, other, by_mean=q.focus == "mean" or has(q.text, "SHAPE_MEAN"))


def answer_stats(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    assert q.stats is not None
    if q.focus in ("first_session", "last_session"):
        return _session_of_period(ctx, q, cites)
    lang = q.lang
    query = q.stats
    lead = None
    if query.measure in ("rank", "percentile") and query.value_yi is None and (q.relative_word or q.latest):
        lead, day, show = day_lead(ctx, Query(kind="day", lang=lang, text=q.text, dates=q.dates,
                                              relative_word=q.relative_word, latest=q.latest))  # fmt: skip
        if not show or day is None:
            return Reply([lead or ""], {"intent": "stats", "lang": lang})
        query = query.model_copy(update={"date": day})
    meta: dict[str, object] = {
        "intent": "stats",
        "lang": lang,
        "stats": query.model_dump(mode="json", exclude_none=True),
    }
    meta["focus"] = q.focus
    if q.extra.get("share_of_total"):
        meta["share_of_total"] = True
    if q.extra.get("split"):
        meta["split"] = True
    if q.extra.get("by"):
        return sub_periods(ctx, q, query, meta)
    if q.extra.get("same_part") and query.compare_to:
        query = _same_part_so_far(ctx, query)
    if query.measure == "compare" and query.compare_to:  # two periods named: the later against the earlier
        probe = safe(lambda: ctx.market.stats(query))
        if isinstance(probe, CompareResult) and probe.a.period.start < probe.b.period.start:
            query = query.model_copy(update={"period": query.compare_to, "compare_to": query.period})
            q.stats = query
    if query.measure == "compare" and query.compare_to and q.extra.get("share_of_total"):
        shares = share_compare(ctx, query, lang)  # "这个月深市占比和上个月比变了多少": the two shares, in points
        if shares is not None:
            return Reply([shares], meta)
    if q.extra.get("both_moves"):  # "放量几天缩量几天": one count for each direction
        moves = [query.model_copy(update={"volume_move": move}) for move in ("up", "down")]
        return Reply(each_of(ctx, moves, lambda result: S.count(result, lang), lang), meta)
    named = q.extra.get("periods") or (
        [query.period, query.compare_to] if q.extra.get("each_period") and query.compare_to else []
    )
    if named:  # the same figure of each period named, one after the other
        queries = [query.model_copy(update={"period": spec, "compare_to": None}) for spec in named]
        return Reply(each_of(ctx, queries, lambda result: S.summary(result, q.focus, lang), lang), meta)
    split = q.extra.get("split") and query.part == "total" and query.measure != "days"  # days lists SH and SZ
    parts = (["total"] if split and q.extra.get("with_total") else []) + (["sh", "sz"] if split else [query.part])
    paragraphs: list[str] = []
    first_result = None
    by_part: dict[str, object] = {}
    for part in parts:
        try:
            result = ctx.market.stats(query.model_copy(update={"part": part}))
        except NoDataError:
            return Reply([S.no_period_data(query.period, safe(ctx.market.latest_date), lang)], meta)
        except (InvalidDateError, ValueError) as err:
            return Reply([cannot(str(err), lang)], meta)
        except MarketDataError as err:
            return Reply([source_failed(str(err), lang)], meta)
        first_result = first_result or result
        by_part[part] = result
        paragraphs.append(_word(result, q))
        if q.extra.get("asks_record") and getattr(result, "rank", 1) > 1:
            record = safe(lambda: ctx.market.stats(query.model_copy(update={"measure": "summary", "date": None})))
            if record is not None:
                paragraphs[-1] = S.not_the_record(record, lang) + paragraphs[-1]  # the yes/no first
    first_named = q.extra.get("markets_diff")
    sh, sz = by_part.get("sh"), by_part.get("sz")
    if first_named and isinstance(sh, SummaryResult) and isinstance(sz, SummaryResult):
        diff = SP.markets_difference(sh, sz, str(first_named), lang, by_mean=q.focus == "mean")
        paragraphs.insert(0, diff)  # "深市比沪市多多少": the difference asked, first
    if q.extra.get("share_of_total") and isinstance(first_result, SummaryResult):
        whole = safe(lambda: ctx.market.stats(query.model_copy(update={"part": "total", "measure": "summary"})))
        if isinstance(whole, SummaryResult) and whole.sum_yi:
            paragraphs.append(S.share_of_total(first_result, whole, lang))
    if lead:
        paragraphs.insert(0, lead)
    period = first_result.period if first_result is not None else None
    stale = first_result is not None and getattr(first_result, "stale", False) and first_result.freshness_note
    if stale and not lead:
        paragraphs.insert(0, _stale(first_result, lang))
    chart = None
    if period is not None and period.last_session is not None:
        meta["date"] = period.last_session.isoformat()
        chart = ChartRequest(days=max(20, min(period.sessions, 250)), end=period.last_session)
    named = _day_named(first_result, q.focus)
    if named is not None:  # "那天为什么放量" continues the day the answer named, not the period's last session
        meta["date"] = named.isoformat()
    return Reply(paragraphs, meta, chart)


def _session_of_period(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    """ "25年最后一个交易日成交额": which session that is, then that day's answer. The last session of a period
    not over yet is not known: said so, with no figure of another day."""
    assert q.stats is not None
    lang = q.lang
    meta: dict[str, object] = {"intent": "stats", "lang": lang}
    try:
        result = ctx.market.stats(q.stats.model_copy(update={"measure": "summary"}))
    except NoDataError:
        return Reply([S.no_period_data(q.stats.period, safe(ctx.market.latest_date), lang)], meta)
    except MarketDataError as err:
        return Reply([source_failed(str(err), lang)], meta)
    period = result.period
    first = q.focus == "first_session"
    day = period.first_session if first else period.last_session
    if day is None:
        return Reply([S.no_period_data(q.stats.period, safe(ctx.market.latest_date), lang)], meta)
    if not first and period.partial:
        return Reply([SP.period_not_over(period, lang)], meta)
    lead = SP.session_of_period(period, day, first, lang)
    reply = answer_day(ctx, Query(kind="day", lang=lang, text=q.text, dates=[day]), cites)
    return Reply([lead, *reply.paragraphs], reply.meta, reply.chart)


def _same_part_so_far(ctx: AgentContext, query: StatsQuery) -> StatsQuery:
    """ "本月至今比上月同期" before today's close: both spans end on the last closed session's day of their period
    (July 1-14 against June 1-14 at 10:00 on July 15), not on today's, which has no figure yet."""
    last = safe(ctx.market.latest_date)
    try:
        start, end = (date.fromisoformat(d) for d in query.period.split(".."))
        ref_start, ref_end = (date.fromisoformat(d) for d in str(query.compare_to).split(".."))
    except ValueError:
        return query
    if last is None or not start <= last < end:
        return query
    ref_end = min(ref_end, ref_start + (last - start))
    return query.model_copy(update={"period": f"{start}..{last}", "compare_to": f"{ref_start}..{ref_end}"})


def _day_named(result: object, focus: str) -> date | None:
    """The one day a statistic's answer is about (the highest, lowest, ranked or first/last day), if any."""
    if focus in ("max", "min") and isinstance(result, SummaryResult):
        return (result.max_day if focus == "max" else result.min_day).date
    if isinstance(result, (RankResult, FirstLastResult)) and result.day is not None:
        return result.day.date
    if isinstance(result, TopResult) and result.days:  # "第一名那天深市呢": the day ranked first
        return result.days[0].date
    if isinstance(result, CountResult) and result.count == 1 and result.first_day is not None:
        return result.first_day.date  # "9月破3万亿的是哪天？那天沪市呢": the one day that matched
    return None


def _stale(result: object, lang: str) -> str:
    from agent.wording import fmt_date

    latest = getattr(result, "latest_date", None)
    if lang == "zh":
        return (
            f"注意：本地数据截至{fmt_date(latest)}，不是最新，以下统计只含已有的数据。"
            if latest
            else "注意：本地数据不是最新。"
        )
    return (
        f"Note: the local data ends on {fmt_date(latest, 'en')} and is not current; "
        "the figures below cover what is stored."
        if latest
        else "Note: the local data is not current."
    )
