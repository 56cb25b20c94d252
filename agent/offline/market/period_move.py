"""An index over a period ("上证指数今年以来涨了多少", "本周沪指涨跌幅"): the last close against the close of the
session before the period began, both read from the days' stored reports (MarketData.turnover); the period's
sessions come from the statistics API, so "本周" and "今年以来" mean what they mean for turnover."""

from __future__ import annotations

from agent.context import AgentContext
from agent.offline.lookups import safe
from agent.offline.market.names import IndexKey, index_label
from agent.offline.market.points import Move, move_between
from agent.offline.parts import Citations, Reply
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.offline.stats.phrases import period_text
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError
from tools.stats.models import StatsQuery


def period_of(clause: Clause) -> str | None:
    from agent.offline.reading.periods import period_words

    found = period_words(clause.text, default_year=clause.env.clock_day.year, clock_day=clause.env.clock_day)
    spec = found[0].spec if found else None
    return spec if spec not in (None, "all") else None


def answer(ctx: AgentContext, q: Query, cites: Citations) -> Reply:
    lang: Lang = q.lang
    spec = q.extra["index_period"]
    meta: dict = {"intent": "day", "lang": lang}
    try:
        result = ctx.market.stats(StatsQuery(measure="summary", period=spec))
    except MarketDataError as err:
        return Reply([str(err)], meta)
    first, last = result.period.first_session, result.period.last_session
    if first is None or last is None:
        return Reply(["这段时间没有交易日的数据。" if lang == "zh" else "No sessions stored in that period."], meta)
    base_day = safe(lambda: ctx.market.calendar.previous(first))
    end_report = safe(lambda: ctx.market.turnover(last))
    asked: IndexKey | None = q.extra.get("index_name")
    keys: list[IndexKey] = ["sz", "sh"] if asked == "sz" else ["sh", "sz"]  # the index asked first
    moves = [m for m in (move_between(ctx, k, base_day, last) for k in keys) if m is not None] if base_day else []
    if not moves or (asked is not None and moves[0].key != asked):
        text = (
            "这段时间起点或终点没有存储的指数收盘点位，无法计算涨跌幅。"
            if lang == "zh"
            else "The index closes at the start or end of that period are not stored, so I cannot give its change."
        )
        return Reply([text], meta)
    sz_name = end_report.sz_index_name if end_report is not None else None
    where = period_text(result.period, lang)
    lines = [_move_text(m, index_label(m.key, lang, sz_name), lang) for m in moves]
    head = f"{where}：" if lang == "zh" else f"{where[:1].upper()}{where[1:]}: "
    meta["date"] = last.isoformat()
    meta["intent_detail"] = "index"  # "这周累计呢", "深成指呢" next: the index's move again, one slot changed
    if asked is not None:
        meta["index"] = asked
    meta["period"] = spec  # "同期成交总额" next: the same period's turnover
    paragraphs = [head + ("；".join(lines) + "。" if lang == "zh" else "; ".join(lines) + ".")]
    turnover = q.extra.get("turnover_query")
    if turnover is not None and turnover.kind == "stats":  # the period's turnover asked beside the index
        from agent.offline.stats.handler import answer_stats

        paragraphs.extend(answer_stats(ctx, turnover, cites).paragraphs)
    return Reply(paragraphs, meta)


def _move_text(m: Move, name: str, lang: Lang) -> str:
    """From the close before the period to its last close: the points, then the %."""
    if lang == "zh":
        way = "涨" if m.points >= 0 else "跌"
        return (
            f"{name}从{fmt_date(m.base_day)}收盘的{m.base:.2f}点到{fmt_date(m.end_day)}收盘的{m.end:.2f}点，"
            f"{way}{abs(m.points):.2f}点，涨跌幅{m.pct:+.2f}%"
        )
    return (
        f"{name} went from {m.base:,.2f} points ({fmt_date(m.base_day, lang)} close) to {m.end:,.2f} points "
        f"({fmt_date(m.end_day, lang)}), {m.points:+,.2f} points, {m.pct:+.2f}%"
    )
