"""An index over a period ("上证指数今年以来涨了多少", "本周沪指涨跌幅"): the last close against the close of the
session before the period began, both read from the days' stored reports (MarketData.turnover); the period's
sessions come from the statistics API, so "本周" and "今年以来" mean what they mean for turnover."""

from __future__ import annotations

from agent.context import AgentContext
from agent.offline.lookups import safe
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
    end, base = (
        safe(lambda: ctx.market.turnover(last)),
        safe(lambda: ctx.market.turnover(base_day)) if base_day else None,
    )
    if end is None or base is None or end.sh_close is None or base.sh_close is None:
        text = (
            "这段时间起点或终点没有存储的指数收盘点位，无法计算涨跌幅。"
            if lang == "zh"
            else "The index closes at the start or end of that period are not stored, so I cannot give its change."
        )
        return Reply([text], meta)
    where = period_text(result.period, lang)
    lines = []
    # the move from the stored closes as received (the day reports round them to 0.01 point, which can move the
    # second decimal of the change)
    rows = safe(lambda: (ctx.market.store.get(base.date), ctx.market.store.get(end.date)))
    raw_base, raw_end = rows if rows else (None, None)

    def closes(name: str) -> tuple[float | None, float | None]:
        shown = (base.sh_close, end.sh_close) if name == "sh" else (base.sz_close, end.sz_close)
        if raw_base is None or raw_end is None:
            return shown
        stored = (raw_base.sh_close, raw_end.sh_close) if name == "sh" else (raw_base.sz_close, raw_end.sz_close)
        return stored if None not in stored else shown

    for name_zh, name_en, (a, b) in (
        ("上证指数", "Shanghai Composite", closes("sh")),
        (end.sz_index_name or "深证成指", "Shenzhen index", closes("sz")),
    ):
        if a is None or b is None or (name_zh != "上证指数" and base.sz_index_name != end.sz_index_name):
            continue
        pct = (b / a - 1) * 100
        if lang == "zh":
            lines.append(
                f"{name_zh}从{fmt_date(base.date)}收盘的{a:.2f}点到{fmt_date(end.date)}收盘的{b:.2f}点，涨跌幅{pct:+.2f}%"
            )
        else:
            lines.append(f"the {name_en} went from {a:,.2f} points ({fmt_date(base.date, lang)} close) to {b:,.2f} "
                         f"points ({fmt_date(end.date, lang)}), {pct:+.2f}%")  # fmt: skip
    head = f"{where}：" if lang == "zh" else f"{where}: "
    meta["date"] = end.date.isoformat()
    meta["period"] = spec  # "同期成交总额" next: the same period's turnover
    paragraphs = [head + ("；".join(lines) + "。" if lang == "zh" else "; ".join(lines) + ".")]
    turnover = q.extra.get("turnover_query")
    if turnover is not None and turnover.kind == "stats":  # the period's turnover asked beside the index
        from agent.offline.stats.handler import answer_stats

        paragraphs.extend(answer_stats(ctx, turnover, cites).paragraphs)
    return Reply(paragraphs, meta)
