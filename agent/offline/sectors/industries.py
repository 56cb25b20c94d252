"""Sentences about the industry split (tools.industries): which industries added a day's turnover,
the themes' share, for the "why" answer, the daily summary and the industry questions.

THS industries partition the market, so the parts add up; concept boards (agent.offline.sectors.answer)
overlap and are only named, never summed. A day with turnover but no industry rows gets one line.
"""

from __future__ import annotations

import logging
from datetime import date

from agent.context import AgentContext
from agent.wording import Lang, fmt_date
from tools.errors import NoDataError
from tools.industries.models import IndustryDayReport, IndustryMove

log = logging.getLogger(__name__)

SHOWN = 3
MAIN_THEME = "AI"
# Below this net change (as a share of the gross moves) a share of the net change means little: use the side's.
NET_SHARE_MIN = 0.2


def industries_of(ctx: AgentContext):  # noqa: ANN201 - tools.industries.service.IndustryData
    from tools.industries.service import IndustryData

    return IndustryData(ctx.market)


def day_split(ctx: AgentContext, day: date, top_n: int = 5) -> IndustryDayReport | str | None:
    """The day's split, a one-line reason when there are no industry rows, None when the layer fails."""
    try:
        return industries_of(ctx).day(day, top_n=top_n)
    except NoDataError as exc:
        return str(exc).split("（")[0] + ("，无法按行业拆分。" if ctx.settings.lang != "en" else ".")
    except Exception:
        log.warning("industry split unavailable for %s", day, exc_info=True)
        return None


def _yi(value: float) -> str:
    return f"{value:+.1f}亿"


def _share(m: IndustryMove, use_net: bool) -> str:
    pct = m.share_of_change_pct if use_net else m.share_of_side_pct
    return f"{abs(pct):.1f}%" if pct is not None else "—"


def _use_net(report: IndustryDayReport) -> bool:
    gross = sum(abs(m.change_yi or 0) for m in report.increases + report.decreases)
    return report.change_yi is not None and gross > 0 and abs(report.change_yi) >= NET_SHARE_MIN * gross


def split_sentences(report: IndustryDayReport, lang: Lang) -> list[str]:
    """Which industries added (and took away) the day's turnover, then the main theme's share."""
    zh = lang != "en"
    out: list[str] = []
    for note in report.notes[:1]:
        if "没有行业数据" in note or "no industry rows" in note:
            out.append(note + "。" if zh else note + ".")
    if report.prev_date is not None and report.increases:
        use_net = _use_net(report)
        grew = report.change_yi is not None and report.change_yi >= 0
        basis = ("增量" if grew else "变化") if use_net else "增加部分"
        ups = "、".join(
            f"{m.name}{_yi(m.change_yi or 0)}（占{basis}{_share(m, use_net)}）" for m in report.increases[:SHOWN]
        )
        downs = "、".join(f"{m.name}{_yi(m.change_yi or 0)}" for m in report.decreases[:2])
        if zh:
            total = f"同花顺90个行业合计{_yi(report.change_yi or 0)}元"
            text = f"按行业拆分（{total}，各行业相加即全市场）：增加最多的是{ups}"
            out.append(text + (f"；减少最多的是{downs}。" if downs else "。"))
        else:
            ups_en = ", ".join(f"{m.name} {_yi(m.change_yi or 0)}" for m in report.increases[:SHOWN])
            out.append(f"By industry (THS, adding up to the market): the most added by {ups_en}.")
    theme = next((t for t in report.themes if t.theme == MAIN_THEME), None)
    if theme is not None:
        if zh:
            named = f"{'、'.join(theme.industries[:4])}等{len(theme.industries)}个"
            text = f"AI相关行业（{named}）合计成交额{theme.amount_yi:.1f}亿元，"
            text += f"占当日全部行业成交额的{theme.share_of_turnover_pct:.1f}%"
            if theme.change_yi is not None:
                text += f"，较上一交易日{_yi(theme.change_yi)}元"
                if theme.share_of_change_pct is not None and _use_net(report):
                    text += f"（占增量的{theme.share_of_change_pct:.1f}%）" if (report.change_yi or 0) > 0 else ""
            out.append(text + "。")
        else:
            out.append(
                f"AI-related industries ({len(theme.industries)}) traded {theme.amount_yi:,.1f} 亿元, "
                f"{theme.share_of_turnover_pct:.1f}% of all industries' turnover."
            )
    return out


def why_industries(ctx: AgentContext, day: date, lang: Lang) -> tuple[list[str], IndustryDayReport | None]:
    """The industry sentences of a why answer (or the one line saying the day has none) and the report."""
    report = day_split(ctx, day)
    if report is None:
        return [], None
    if isinstance(report, str):
        return [report], None
    return split_sentences(report, lang), report


def industry_answer(
    ctx: AgentContext, name: str, day: date | None, lang: Lang, share_of_market: bool = False, move: bool = False
) -> tuple[str, date | None]:
    """One industry's turnover on a day: amount, share, change, its own record and percentile (and the day)."""
    zh = lang != "en"
    try:
        data = industries_of(ctx)
        history = data.history(name, day)
        report = data.day(history.date, top_n=90)
    except NoDataError as exc:
        return str(exc) + ("。" if zh else "."), None
    row = next((m for m in report.top if m.name == history.name), None)
    when = fmt_date(history.date, lang)
    stale = f"注：{report.freshness_note}。" if report.stale and report.freshness_note and zh else ""
    # "占两市比例": against the two-market total of the day (the industries' own total differs a little)
    market = ctx.market.store.get(history.date) if share_of_market else None
    market_pct = history.amount_yi * 1e8 / market.total_yuan * 100 if market and market.total_yuan else None
    index_move = row.index_change_pct if row is not None and move else None
    if not zh:
        text = (
            f"{history.name} (THS industry) traded {history.amount_yi:,.1f} 亿元 on {when}, "
            f"{history.share_of_turnover_pct:.1f}% of all industries."
        )
        if market_pct is not None:
            text += f" That is {market_pct:.1f}% of the Shanghai + Shenzhen total."
        if index_move is not None:
            text += f" Its industry index moved {index_move:+.2f}%."
        return text, history.date
    text = f"{stale}{when}，{history.name}（同花顺行业）成交额{history.amount_yi:.1f}亿元，"
    # The share asked for: of the two markets when asked so (one share, not two close figures), else of all industries
    text += (
        f"占两市成交额（{market.total_yuan / 1e8:.1f}亿元）的{market_pct:.1f}%"
        if market is not None and market_pct is not None
        else f"占全部行业成交额的{history.share_of_turnover_pct:.1f}%"
    )
    if row is not None and row.change_yi is not None:
        text += f"，较上一交易日{_yi(row.change_yi)}元"
    if index_move is not None:
        text += f"；行业指数{'涨' if index_move >= 0 else '跌'}{abs(index_move):.2f}%"
    text += "。"
    if history.is_record:
        text += f"这是本地{history.sessions}个交易日（自{fmt_date(history.first_date)}）里的最高。"
    else:
        text += f"本地纪录是{fmt_date(history.record_date)}的{history.record_yi:.1f}亿元"
        if history.percentile is not None:
            text += f"；高于此前{history.percentile:.1f}%的交易日"
        text += f"（共{history.sessions}个交易日，自{fmt_date(history.first_date)}）。"
    return text, history.date


def span_answer(ctx: AgentContext, name: str, specs: list[str], mean: bool, lang: Lang) -> str:
    """One industry over a period ("白酒7月份日均"), or two periods and the difference ("这周比上周")."""
    zh = lang != "en"
    try:
        data = industries_of(ctx)
        spans = [data.span(name, spec) for spec in specs]
    except NoDataError as exc:
        return (f"{exc}，无法回答{name}这段时间的成交额。") if zh else f"{exc}, so I cannot answer for {name}."

    def one(s) -> str:  # noqa: ANN001 - tools.industries.models.IndustrySpan
        if zh:
            return (
                f"{fmt_date(s.start)}至{fmt_date(s.end)}（{s.sessions}个交易日），{s.name}（同花顺行业）成交额"
                f"合计{s.total_yi:.1f}亿元，日均{s.mean_yi:.1f}亿元；最高在{fmt_date(s.max_date)}，{s.max_yi:.1f}亿元，"
                f"最低在{fmt_date(s.min_date)}，{s.min_yi:.1f}亿元。"
            )
        return (
            f"{fmt_date(s.start, lang)} to {fmt_date(s.end, lang)} ({s.sessions} sessions): {s.name} (THS industry) "
            f"traded {s.total_yi:,.1f} 亿元 in all, {s.mean_yi:,.1f} 亿元 a day; the highest was "
            f"{s.max_yi:,.1f} 亿元 on {fmt_date(s.max_date, lang)}, the lowest {s.min_yi:,.1f} 亿元 on "
            f"{fmt_date(s.min_date, lang)}."
        )

    lines = [one(s) for s in spans]
    if len(spans) == 2:
        a, b = spans
        diff = (a.total_yuan / a.sessions - b.total_yuan / b.sessions) if mean else a.total_yuan - b.total_yuan
        diff /= 1e8
        what = ("日均" if zh else "daily mean") if mean else ("合计" if zh else "total")
        if zh:
            span_a, span_b = f"{fmt_date(a.start)}至{fmt_date(a.end)}", f"{fmt_date(b.start)}至{fmt_date(b.end)}"
            verb = "多" if diff >= 0 else "少"
            lines.insert(0, f"{a.name}{span_a}的成交额{what}比{span_b}{verb}{abs(diff):.1f}亿元。")
        else:
            lines.insert(0, f"{a.name}: the {what} of the first period was {diff:+,.1f} 亿元 against the second.")
    return "\n".join(lines)


def movers_answer(ctx: AgentContext, day: date | None, lang: Lang, decrease: bool = False) -> str:
    """Which industries added (or lost) the most turnover on a day."""
    zh = lang != "en"
    try:
        report = industries_of(ctx).day(day, top_n=5)
    except NoDataError as exc:
        return str(exc) + ("。" if zh else ".")
    when = fmt_date(report.date, lang)
    stale = f"注：{report.freshness_note}。" if report.stale and report.freshness_note and zh else ""
    if report.prev_date is None:
        note = report.notes[0] if report.notes else ""
        return f"{when}：{note}。" if zh else f"{when}: {note}."
    moves = report.decreases if decrease else report.increases
    if zh:
        word = "减少" if decrease else "增加"
        items = "、".join(f"{m.name}{_yi(m.change_yi or 0)}元（{m.amount_yi:.1f}亿元）" for m in moves)
        head = f"{when}较上一交易日（{fmt_date(report.prev_date)}）成交额{word}最多的行业：{items}。"
        tail = f"同花顺90个行业合计{_yi(report.change_yi or 0)}元"
        if report.market_change_yi is not None:
            tail += f"（两市成交额{_yi(report.market_change_yi)}元，差额为北交所）"
        return stale + head + tail + "。"
    items = ", ".join(f"{m.name} {_yi(m.change_yi or 0)}" for m in moves)
    return f"On {when}, the industries with the largest {'decrease' if decrease else 'increase'}: {items}."
