"""Answers about one day or two days side by side (tool: ``MarketData.turnover`` / ``compare``).

The first sentence says when the day asked has no figures of its own (a weekend, a holiday, a
day the local data does not reach yet, a session not closed), then the figures, the change,
the checks the question assumed, the context and the news of the day.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from agent.answer import ChartRequest
from agent.context import AgentContext
from agent.offline.day import lead as L
from agent.offline.day import phrases as P
from agent.offline.lookups import (
    CHART_DAYS,
    calendar_of,
    day_news,
    driver_hits,
    freshness_line,
    holiday_note,
    market_context_line,
    report_or_reason,
    safe,
)
from agent.offline.market import phrases as market_phrases
from agent.offline.news.phrases import drivers, news_line, no_drivers
from agent.offline.parts import Citations, Reply
from agent.offline.reading.query import Query
from agent.offline.refusals import phrases as general
from agent.offline.sectors import answer as sector_answer
from agent.offline.sectors.industries import why_industries
from agent.wording import Lang, fmt_date, fmt_pct, fmt_yi
from tools.daily.models import DailyTurnover, TurnoverReport
from tools.errors import InvalidDateError, MarketDataError, NoDataError
from tools.stats.models import DaysResult, StatsQuery

TODAY_WORDS = ("今天", "今日", "today")
# "今天" named: on a closed day it has no figure ("最近一个交易日" or a bare "成交额多少" is the latest session)
_YESTERDAY = re.compile(r"昨天|昨日|前天|\byesterday\b|\bday before\b", re.I)
_TODAY_NAMED = re.compile(r"今天|今日|\btoday\b", re.I)


SHARE_VOLUME = re.compile(r"成交量|股数|手数|\bshares traded\b|\bvolume in shares\b", re.I)


def meta_of(q: Query, day: date | None, table: list[date] | None = None, **extra: object) -> dict:
    meta: dict = {"intent": q.kind, "date": day.isoformat() if day else None, "lang": q.lang}
    if table:
        meta["table"] = [d.isoformat() for d in sorted(set(table))]
    if q.want_why:
        meta["want_why"] = True
    if q.threshold_yi:
        meta["threshold_yi"] = q.threshold_yi
    if q.part != "total":
        meta["part"] = q.part  # a follow-up keeps the market asked ("深市呢？" then "和上一个交易日比呢？")
    meta.update({k: v for k, v in extra.items() if v not in (None, "", [])})
    return meta


def _holiday_name(ctx: AgentContext, day: date) -> str | None:
    cal = calendar_of(ctx)
    try:
        return cal.resolve(day).holiday_name if cal is not None and hasattr(cal, "resolve") else None
    except Exception:
        return None


def _is_session(ctx: AgentContext, day: date) -> bool:
    cal = calendar_of(ctx)
    try:
        return bool(cal.is_trading_day(day)) if cal is not None else day.weekday() < 5
    except Exception:
        return day.weekday() < 5


def day_lead(ctx: AgentContext, q: Query) -> tuple[str | None, date | None, bool]:
    """(first sentence, day to show, show figures?) for "today" or a relative day; explicit dates need none.

    A day without figures of its own is said first: a weekend or holiday (then its latest earlier
    session), a day the local data does not reach (then, for "today" only, the latest session), a
    session still trading."""
    if not q.latest and not q.relative_word:
        return None, q.day, True
    word = q.relative_word or ("今天" if q.lang == "zh" else "today")
    clock = ctx.now()
    asked = q.day or clock.date()
    latest = safe(ctx.market.latest_date)
    today_like = q.latest or q.relative_word in TODAY_WORDS
    if latest is None:
        return None, None if today_like else asked, True
    if not _is_session(ctx, asked):
        session = _session_before(ctx, asked)
        if session <= latest:
            # "昨天" on a Monday is the session before (Friday); "今天" on a Sunday has no figure of its own
            holiday = _holiday_name(ctx, asked)
            if q.relative_word in TODAY_WORDS or _TODAY_NAMED.search(q.text):
                return L.closed_day_lead(word, asked, session, holiday, q.lang, figures_follow=False), asked, False
            return L.closed_day_lead(word, asked, session, holiday, q.lang), session, True
    elif asked <= latest:
        return None, asked, True
    elif (
        asked == clock.date()
        and clock.time() < time(15, 0)
        and latest >= _session_before(ctx, asked - timedelta(days=1))
    ):
        return L.not_closed_lead(word, asked, latest, q.lang), latest, True
    lead = L.no_data_yet_lead(word, asked, latest, q.lang, figures_follow=today_like)
    return lead, latest if today_like else None, today_like


def _session_before(ctx: AgentContext, day: date) -> date:
    cal = calendar_of(ctx)
    try:
        return cal.resolve(day).day if cal is not None and hasattr(cal, "resolve") else day
    except Exception:
        return day


def answer_day(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    if q.kind == "invalid_date":
        return Reply([P.invalid_date(q.invalid or "", q.lang)], {"intent": "unclear", "lang": q.lang})
    if q.kind == "pair":
        return answer_pair(ctx, q, cites)
    lang = q.lang
    lead, day, show = day_lead(ctx, q)
    if not show:
        return Reply([lead or ""], meta_of(q, q.day))
    report = report_or_reason(ctx, day, lang)
    if isinstance(report, str):
        return Reply([p for p in (lead, report) if p], meta_of(q, day))
    asked = report.requested_date
    if asked is not None and asked != report.date and lead is None:  # "10月1号成交额多少": a holiday, said alone
        closed = L.closed_day_lead("", asked, report.date, _holiday_name(ctx, asked), lang, figures_follow=False)
        return Reply([closed], meta_of(q, asked))
    reply = day_reply(ctx, q, report, cites, lead)
    other = _this_weeks_day(ctx, q)
    if other is not None:
        reply.paragraphs.insert(0 if lead is None else 1, other)
    return reply


_LAST_WEEKS_DAY = re.compile(
    r"^(?:上周|上个?星期|上礼拜)([一二三四五])$|^last (monday|tuesday|wednesday|thursday|friday)$", re.I
)
_WEEKDAYS_ZH, _WEEKDAYS_EN = "一二三四五", ("monday", "tuesday", "wednesday", "thursday", "friday")


def _this_weeks_day(ctx: AgentContext, q: Query) -> str | None:
    """ "上周五" asked at the weekend: read as the Friday of the week before (weeks run Monday to Sunday), which
    is said, with the Friday just past beside it, since many mean that one."""
    m = _LAST_WEEKS_DAY.match((q.relative_word or "").strip())
    today = ctx.now().date()
    if m is None or today.weekday() < 5 or q.day is None:
        return None
    weekday = _WEEKDAYS_ZH.index(m[1]) if m[1] else _WEEKDAYS_EN.index(m[2].lower())
    just_past = today - timedelta(days=today.weekday() - weekday)
    if not _is_session(ctx, just_past):
        return None
    report = safe(lambda: ctx.market.turnover(just_past))
    if report is None or report.date != just_past:
        return None
    if q.lang == "zh":
        return (f"按周一到周日算，“{q.relative_word}”是{fmt_date(q.day)}，下面是那天的数据；如果你指的是刚过去的"
                f"{fmt_date(just_past)}，那天两市成交额{report.total_yi:.1f}亿元。")  # fmt: skip
    return (f'Taking weeks as Monday to Sunday, "{q.relative_word}" is {fmt_date(q.day, "en")}, shown below; '
            f"if you meant the one just past, {fmt_date(just_past, 'en')}, turnover was "
            f"{report.total_yi:,.1f} 亿元.")  # fmt: skip


_MARKETS_AGAINST = re.compile(
    r"(?:沪市|深市|上海|深圳).{0,4}(?:比|较|和|与|跟).{0,4}(?:沪市|深市|上海|深圳).{0,6}(?:多|少|差|高|低)|沪深差|"
    r"\b(?:shanghai|shenzhen)\b.{0,20}\b(?:than|vs\.?|versus)\b.{0,12}\b(?:shanghai|shenzhen)\b",
    re.I,
)


def day_reply(ctx: AgentContext, q: Query, report: TurnoverReport, cites: Citations, lead: str | None) -> Reply:
    lang = q.lang
    asked_today = q.latest or q.relative_word in TODAY_WORDS
    live = safe(ctx.market.intraday) if asked_today else None
    if live is not None and live.date > report.date:
        lead = P.intraday(live, lang)  # the session still trading: its figure so far comes first
    paragraphs: list[str] = [lead] if lead else []
    if report.requested_date and report.requested_date != report.date and not lead:
        paragraphs.append(holiday_note(ctx, report, lang))
    fresh = None if lead else freshness_line(ctx, report, lang, asked_today)
    if fresh and not paragraphs and report.stale:
        paragraphs.append(fresh)  # stale figures: said first, not in a footnote
        fresh = None
    if q.want_why:  # volume read with price: 放量上涨 and 放量下跌 are different days
        paragraphs.append(market_phrases.direction_line(report, lang, with_day=True))
    if SHARE_VOLUME.search(q.text):  # 成交量 is shares traded: not kept; the amount in 元 is said as such
        paragraphs.append(
            "注：我没有成交量（成交股数/手数）的数据，下面给出的是成交额（元）。"
            if lang == "zh"
            else "Note: I keep no volume in shares; the figures below are turnover in yuan."
        )
    paragraphs.append(P.headline(report, lang, asked_today))
    if q.part != "total":  # "深市呢": the market asked first, with its own change on its previous session
        line = part_line(ctx, report.date, report.prev_date, q.part, lang)
        if q.extra.get("share"):  # the share asked for first, from the unrounded amounts
            line += _part_share(report, q.part, lang)
        paragraphs[-1] = line + ("" if lang == "zh" else " ") + paragraphs[-1]
    if not q.want_why and report.sh_change_pct is not None and report.change_yi is not None:
        paragraphs[-1] += ("" if lang == "zh" else " ") + market_phrases.direction_line(report, lang)
    if q.extra.get("share") and q.part == "total":  # (a market's share is in its own line above)
        paragraphs[-1] += _part_share(report, q.part, lang)
    if q.extra.get("share_of") and q.part == "total":  # "沪市深市分别成交多少，深市占比多少"
        paragraphs[-1] += _part_share(report, q.extra["share_of"], lang)
    if _MARKETS_AGAINST.search(q.text):  # "深市比沪市多多少": the difference of the two, first
        row = safe(lambda: ctx.market.store.get(report.date))  # the unrounded 元 of each market
        if row is not None:
            paragraphs.insert(len(paragraphs) - 1, P.markets_difference(report.date, row.sh_yuan, row.sz_yuan, lang))
    checks = P.question_checks(report, q.threshold_yi, q.direction, lang)
    context = P.context_points(report, lang, q.threshold_yi)
    if checks or context:
        paragraphs.append(("" if lang == "zh" else " ").join(checks + context))
    market = market_context_line(ctx, report.date, lang)
    if market:
        paragraphs.append(market)
    if q.want_why:  # where the money traded (industries add up to the market), before the news
        lines, split = why_industries(ctx, report.date, lang)
        paragraphs.extend(lines)
        breadth = market_phrases.breadth_line(split.breadth if split else None, lang)
        if breadth:
            paragraphs.append(breadth)
        if split is None or safe(lambda: ctx.market.boards().has_day(report.date)):
            boards_line = sector_answer.why_sentence(ctx, report.date, lang)
            if boards_line:
                paragraphs.append(boards_line + sector_answer.overlap_clause(lang))
    hits = driver_hits(ctx, report, q.text, k=4 if q.want_why else 3)
    if hits:
        paragraphs.append(drivers(hits, lang, cites.add(hits)))
    elif q.want_why:
        paragraphs.append(no_drivers(report.date, lang))
    if fresh:
        paragraphs.append(fresh)
    meta = meta_of(q, report.date, q.extra.get("table"))
    if live is not None and live.date > report.date:
        meta["intraday"] = live.total_yi
    chart = ChartRequest(days=CHART_DAYS, end=report.date, highlight=report.date)
    return Reply(paragraphs, meta, chart)


def _two_days_together(ctx: AgentContext, days: tuple[date, date], lang: str) -> str | None:
    together = safe(lambda: ctx.market.stats(StatsQuery(measure="days", period="all", dates=days)))
    if not isinstance(together, DaysResult) or together.mean_total_yi is None:
        return None
    total, mean = together.sum_total_yi, together.mean_total_yi
    if lang == "zh":
        return f"两天合计{fmt_yi(total)}，平均每天{fmt_yi(mean)}。"
    return f"The two sessions together: {fmt_yi(total, 'en')}, {fmt_yi(mean, 'en')} a day on average."


def answer_pair(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    """Two days side by side; with a why, one of them explained against the other."""
    lang = q.lang
    # Days without a session of their own (a weekend, a holiday) stand for their latest earlier session: said first.
    notes: list[str] = []
    sessions: list[date] = []
    for day in sorted(q.dates[:2]):
        session = day if _is_session(ctx, day) else _session_before(ctx, day)
        said_as_yesterday = (ctx.now().date() - day).days in (1, 2) and bool(_YESTERDAY.search(q.text))
        if session != day and not said_as_yesterday:  # "比上周五呢" on a holiday: no turnover to set against
            closed = L.closed_day_lead("", day, session, _holiday_name(ctx, day), lang, figures_follow=False)
            return Reply([closed], meta_of(q, max(q.dates[:2])))
        if session != day:  # "今天比昨天" on a Monday: 昨天 is the session before, Friday (said first)
            notes.append(L.closed_day_lead("", day, session, _holiday_name(ctx, day), lang))
        sessions.append(session)
    earlier, later = sessions
    latest = safe(ctx.market.latest_date)
    if latest is not None and later > latest:
        asked = max(q.dates[:2])
        return Reply([L.no_data_yet_lead("", asked, latest, lang, False)], meta_of(q, asked))
    if earlier == later:
        return Reply([*notes, P.same_session(earlier, lang)], meta_of(q, later))
    explained, other = (earlier, later) if q.explain_first else (later, earlier)
    try:
        comp = ctx.market.compare(other, explained) if q.want_why else ctx.market.compare(earlier, later)
    except (InvalidDateError, NoDataError) as err:
        return Reply([P.no_data(None, str(err), lang)], meta_of(q, later, [earlier, later]))
    except MarketDataError as err:
        return Reply([general.source_failed(str(err), lang)], meta_of(q, later, [earlier, later]))
    meta = meta_of(q, comp.b.date, [comp.a.date, comp.b.date], dates=[earlier.isoformat(), later.isoformat()])
    chart = ChartRequest(days=CHART_DAYS, end=max(comp.a.date, comp.b.date), highlight=comp.b.date)
    if not q.want_why:
        lines = [*notes, P.comparison(comp, lang)]
        if q.extra.get("together"):  # "两天平均" / "加起来": the two days' sum and mean, from the unrounded amounts
            lines.insert(len(notes), _two_days_together(ctx, (earlier, later), lang) or "")
        if q.part != "total":  # "今天比昨天放量多少？深市放了多少": the market asked, from the same two reports
            lines.append(part_line(ctx, comp.b.date, comp.a.date, q.part, lang))
        if q.part != "total" and q.extra.get("share"):  # "沪市占比比昨天变了几个百分点": the share asked, first
            lines.insert(len(notes), share_change_line(ctx, comp.b.date, comp.a.date, q.part, lang))
        return Reply([line for line in lines if line], meta, chart)
    paragraphs = [*notes, P.pair_explained(comp, lang)]
    hits = day_news(ctx, comp.b.date, comp.b.prev_date, q.text, k=3)
    other_hits = [h for h in day_news(ctx, comp.a.date, comp.a.prev_date, q.text, k=2) if h not in hits]
    if hits or other_hits:
        first = cites.add(hits + other_hits)
        lines = [news_line(h, first + i, lang, with_date=True) for i, h in enumerate(hits + other_hits)]
        paragraphs.append("\n".join([_pair_news_head(lang), *lines]))
    else:
        paragraphs.append(no_drivers(comp.b.date, lang))
    return Reply(paragraphs, meta, chart)


def _pair_news_head(lang: Lang) -> str:
    if lang == "zh":
        return "两天前后的相关新闻（仅供参考）："
    return "News around the two days (in Chinese; for reference):"


def _part_share(report: TurnoverReport, part: str, lang: Lang) -> str:
    """One market's share of the two-market total that day ("深市占两市合计的56.2%")."""
    # The tool computes the share from unrounded 元; dividing the rounded 亿元 figures could differ by 0.1.
    pct = report.sh_share_pct if part == "sh" else report.sz_share_pct
    if pct is None:  # only for a report without both markets' amounts; never state a made-up 0%
        if lang == "zh":
            return "当天没有分市场的成交额，无法计算占比。"
        return " No per-market split that day, so no share."
    if lang == "zh":
        return f"{'沪市' if part == 'sh' else '深市'}占两市合计的{pct:.1f}%。"
    return f" {'Shanghai' if part == 'sh' else 'Shenzhen'} was {pct:.1f}% of the two-market total."


def part_line(ctx: AgentContext, day: date, before: date | None, part: str, lang: Lang) -> str:
    """One market's figure and its change on ``before``, from the stored rows' unrounded 元 (the change of
    two rounded 亿元 figures can be 0.1 off)."""
    rows = safe(lambda: (ctx.market.store.get(day), ctx.market.store.get(before) if before else None))
    row, old_row = rows if rows else (None, None)
    zh = lang == "zh"
    name = ("沪市" if part == "sh" else "深市") if zh else ("Shanghai" if part == "sh" else "Shenzhen")
    if row is None:
        return ""
    value = (row.sh_yuan if part == "sh" else row.sz_yuan) / 1e8
    when = fmt_date(day, lang)
    text = f"{when}{name}成交额{value:.1f}亿元" if zh else f"On {when}, {name} turnover was {value:,.1f} 亿元"
    if old_row is None:
        return text + ("。" if zh else ".")
    old = (old_row.sh_yuan if part == "sh" else old_row.sz_yuan) / 1e8
    diff = value - old
    pct = fmt_pct(round(diff / old * 100, 2)) if old > 0 else ""
    if zh:
        verb = "增加" if diff >= 0 else "减少"
        pct_zh = f"（{pct}）" if pct else ""
        return f"{text}，较{fmt_date(old_row.date)}（{old:.1f}亿元）{verb}{abs(diff):.1f}亿元{pct_zh}。"
    verb = "up" if diff >= 0 else "down"
    pct_en = f" ({pct})" if pct else ""
    return f"{text}, {verb} {abs(diff):,.1f} 亿元{pct_en} from {fmt_date(old_row.date, lang)} ({old:,.1f} 亿元)."


def share_change_line(ctx: AgentContext, day: date, before: date, part: str, lang: Lang) -> str:
    """One market's share of the two-market total on two days and the change in percentage points, from the stored
    rows' unrounded 元."""
    rows = safe(lambda: (ctx.market.store.get(day), ctx.market.store.get(before)))
    if not rows or rows[0] is None or rows[1] is None:
        return ""

    def share(row: DailyTurnover) -> float | None:
        whole = row.sh_yuan + row.sz_yuan
        return (row.sh_yuan if part == "sh" else row.sz_yuan) / whole * 100 if whole > 0 else None

    now, then = share(rows[0]), share(rows[1])
    if now is None or then is None:
        return ""
    diff = now - then
    if lang == "zh":
        name, verb = ("沪市" if part == "sh" else "深市"), ("上升" if diff >= 0 else "下降")
        return (
            f"{name}占两市合计：{fmt_date(day)}{now:.2f}%，{fmt_date(before)}{then:.2f}%，"
            f"{verb}{abs(diff):.2f}个百分点。"
        )
    name, verb = ("Shanghai" if part == "sh" else "Shenzhen"), ("up" if diff >= 0 else "down")
    return (
        f"{name}'s share of the two-market total: {now:.2f}% on {fmt_date(day, lang)} against {then:.2f}% on "
        f"{fmt_date(before, lang)}, {verb} {abs(diff):.2f} percentage points."
    )
