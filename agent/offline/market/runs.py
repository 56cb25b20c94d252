"""Sessions of a period by the index's direction: how many it rose and fell ("今年上证涨的天数有多少？跌的天数呢",
both counts whichever was asked), and its runs ("今年深成指最长连涨了几天", "上证现在连跌几天了"). Computed by the
statistics API (``StatsQuery.index_move`` with ``index``: measure count / streak) from the stored % changes."""

from __future__ import annotations

import re

from agent.context import AgentContext
from agent.offline.market import phrases as M
from agent.offline.market.index_stats import stats_or_reason
from agent.offline.market.names import IndexKey, asked_index, index_label
from agent.offline.parts import Reply
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.offline.stats.phrases import period_text
from agent.offline.stats.reading import read_stats
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError
from tools.stats.models import CountResult, StatsQuery, Streak, StreakResult

# "连涨", "连续上涨", "连续收跌", "连阳", "涨了连续几天", "rose N days in a row", "losing streak"
RUN = re.compile(
    r"连(?:续)?\s*(?:上涨|下跌|收涨|收跌|涨|跌|阳|阴|红|绿)|(?:涨|跌)\s*(?:了)?\s*连续|"
    r"\b(?:winning|losing) streak\b|\b(?:rose|fell|gained|dropped|up|down)\b.{0,20}\bin a row\b|"
    r"\bconsecutive (?:gains|rises|up days|losses|falls|down days)\b",
    re.I,
)
_DOWN_RUN = re.compile(r"跌|阴|绿|\blosing\b|\bfell\b|\bdropped\b|\bdown\b|\blosses\b|\bfalls\b", re.I)
_LONGEST = re.compile(r"最长|最多|最久|纪录|\blongest\b|\brecord\b|\bmost\b", re.I)
_NOW = re.compile(r"已经|目前|现在|至今|眼下|当前|还在|了几天了|\bso far\b|\bnow\b|\bcurrent(?:ly)?\b", re.I)


def recognise_run(clause: Clause, default_index: IndexKey | None = None) -> Query | None:
    """A run of index rises or falls: the longest in the period, or the one going on now."""
    text = clause.text
    found = RUN.search(text)
    if found is None:
        return None
    words = read_stats(text, clause.env.clock_day)
    named_period = words is not None and words.measure != "unplaced" and words.period != "all"
    # "上证现在连涨几天了" asks the run going on; "今年最长连涨几天" the longest, as does a period named alone
    current = bool(_NOW.search(text)) and not _LONGEST.search(text)
    current = current or not (_LONGEST.search(text) or named_period)
    period = words.period if words is not None and words.measure != "unplaced" else ("last:20" if current else "all")
    index = asked_index(text) or default_index or "sh"
    move = "down" if _DOWN_RUN.search(found[0]) else "up"
    stats = StatsQuery(measure="streak", period=period, index_move=move, index=index)  # type: ignore[arg-type]
    return Query(kind="stats", lang=clause.lang, text=text, stats=stats, extra={"index_run": True, "current": current})


def answer_run(ctx: AgentContext, q: Query) -> Reply:
    assert q.stats is not None
    result, meta = stats_or_reason(ctx, q)
    if isinstance(result, str):
        return Reply([result], meta)
    assert isinstance(result, StreakResult)
    lang: Lang = q.lang
    name = index_label(q.stats.index, lang)
    up = q.stats.index_move == "up"
    where = period_text(result.period, lang)
    if q.extra.get("current"):
        text = _current_text(result, name, up, lang)
    else:
        text = _longest_text(result, where, name, up, lang)
    run = result.current if q.extra.get("current") else result.longest
    if run is not None:
        meta["date"] = run.end.isoformat()
        meta["table"] = [run.start.isoformat(), run.end.isoformat()]
    meta["index"] = q.stats.index
    meta["intent_detail"] = "index_run"  # "深成指呢", "连跌呢", "去年呢" next: this run, one slot changed
    meta["current"] = bool(q.extra.get("current"))
    return Reply([text], meta)


def _span(run: Streak, lang: Lang) -> str:
    if lang == "zh":
        return f"{fmt_date(run.start)}至{fmt_date(run.end)}"
    return f"{fmt_date(run.start, lang)} to {fmt_date(run.end, lang)}"


def _longest_text(result: StreakResult, where: str, name: str, up: bool, lang: Lang) -> str:
    run = result.longest
    word = ("连涨" if up else "连跌") if lang == "zh" else ("rising" if up else "falling")
    if run is None:
        if lang == "zh":
            return f"{where}{name}没有{'上涨' if up else '下跌'}的交易日。"
        return f"In {where}, {name} had no {'up' if up else 'down'} session."
    ties = [run, *result.longest_ties]
    if lang == "zh":
        spans = "、".join(_span(r, lang) for r in ties)
        more = f"，共{len(ties)}次" if len(ties) > 1 else ""
        return f"{where}{name}最长{word}{run.sessions}个交易日（{spans}{more}）。"
    spans = "; ".join(_span(r, lang) for r in ties)
    return f"In {where}, {name}'s longest {word} run was {run.sessions} sessions ({spans})."


def _current_text(result: StreakResult, name: str, up: bool, lang: Lang) -> str:
    last = result.period.last_session
    run = result.current
    day = fmt_date(last, lang) if last else ""
    if run is None:
        if lang == "zh":
            return f"截至{day}，{name}当天没有{'上涨' if up else '下跌'}，不在{'连涨' if up else '连跌'}中。"
        return f"As of {day}, {name} did not {'rise' if up else 'fall'} that session, so it is on no such run."
    if lang == "zh":
        return f"截至{day}，{name}已连续{'上涨' if up else '下跌'}{run.sessions}个交易日（自{fmt_date(run.start)}起）。"
    return f"As of {day}, {name} has {'risen' if up else 'fallen'} {run.sessions} sessions in a row (since " + (
        f"{fmt_date(run.start, lang)})."
    )


def answer_counts(ctx: AgentContext, q: Query) -> Reply:
    """Sessions the index rose and fell in the period: both counts, whichever was asked (the rest are flat)."""
    assert q.stats is not None
    meta: dict = {"intent": "stats", "lang": q.lang, "stats": q.stats.model_dump(mode="json", exclude_none=True)}
    try:
        up = ctx.market.stats(q.stats.model_copy(update={"index_move": "up"}))
        down = ctx.market.stats(q.stats.model_copy(update={"index_move": "down"}))
    except MarketDataError as err:
        return Reply([str(err)], meta)
    assert isinstance(up, CountResult) and isinstance(down, CountResult)
    name = index_label(q.stats.index, q.lang)
    n = up.period.sessions
    where = period_text(up.period, q.lang)
    flat = n - up.count - down.count
    if q.lang == "zh":
        rest = f"，平盘或无指数数据{flat}个" if flat else ""
        text = (
            f"{where}的{n}个交易日中，{name}上涨{up.count}个交易日（占{up.share_pct:.2f}%）、"
            f"下跌{down.count}个交易日（占{down.share_pct:.2f}%）{rest}。"
        )
    else:
        rest = f", {flat} flat or without index data" if flat else ""
        text = (
            f"In {where}, of {n} sessions {name} rose in {up.count} sessions "
            f"({up.share_pct:.2f}%) and fell in {down.count} sessions ({down.share_pct:.2f}%){rest}."
        )
    if q.extra.get("with_mean"):
        text += " " + M.up_down_means(up, down, q.lang)
    if up.period.last_session:
        meta["date"] = up.period.last_session.isoformat()
    meta["index"] = q.stats.index
    meta["intent_detail"] = "index_count"  # "深成指呢", "去年呢" next: these counts, one slot changed
    meta["with_mean"] = bool(q.extra.get("with_mean"))
    return Reply([text], meta)
