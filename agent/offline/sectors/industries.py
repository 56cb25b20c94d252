"""Sentences about the industry split (tools.industries): which industries added a day's turnover,
the themes' share, for the "why" answer, the daily summary and the industry questions.

THS industries partition the market, so the parts add up; concept boards (agent.offline.sectors.answer)
overlap and are only named, never summed. A day with turnover but no industry rows gets one line.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from agent.context import AgentContext
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError

if TYPE_CHECKING:  # annotations only: the industry models are built when an industry split is
    from tools.industries.models import IndustryDayReport, IndustryMove, ThemeDay

log = logging.getLogger(__name__)

SHOWN = 3
MAIN_THEME = "AI"
# Below this net change (as a share of the gross moves) the day is quiet: industries traded places and a share
# of the small net change would mean little, so the shares are of each side's sum instead.
NET_SHARE_MIN = 0.2


def industries_of(ctx: AgentContext):  # noqa: ANN201 - tools.industries.service.IndustryData
    from tools.industries.service import IndustryData

    return IndustryData(ctx.market)


def day_split(ctx: AgentContext, day: date, top_n: int = 5) -> IndustryDayReport | str | None:
    """The day's split, a one-line reason when there are no industry rows, None when the layer fails."""
    try:
        return industries_of(ctx).day(day, top_n=top_n)
    except MarketDataError as exc:
        return str(exc).split("（")[0] + ("，无法按行业拆分。" if ctx.settings.lang != "en" else ".")
    except Exception:
        log.warning("industry split unavailable for %s", day, exc_info=True)
        return None


def _pct_zh(pct: float | None) -> str:
    return f"（{pct:+.2f}%）" if pct is not None else ""


def _yi(value: float) -> str:
    return f"{value:+.1f}亿"


# The other side of the net change is named when its sum is at least this share of the net change.
OTHER_SIDE_MIN = 0.05


def _gross(report: IndustryDayReport) -> float:
    return abs(report.gross_increase_yi or 0.0) + abs(report.gross_decrease_yi or 0.0)


def _use_net(report: IndustryDayReport) -> bool:
    """True when the net change is large enough against the gross moves for shares of it to mean something."""
    gross = _gross(report)
    return report.change_yi is not None and gross > 0 and abs(report.change_yi) >= NET_SHARE_MIN * gross


def _items(moves: list[IndustryMove], basis: str | None, use_net: bool) -> str:
    def one(m: IndustryMove) -> str:
        pct = m.share_of_change_pct if use_net else m.share_of_side_pct
        share = f"（占{basis}{abs(pct):.1f}%）" if basis and pct is not None else ""
        return f"{m.name}{_yi(m.change_yi or 0)}{share}"

    return "、".join(one(m) for m in moves)


def _split_zh(report: IndustryDayReport) -> str:
    net = report.change_yi or 0.0
    ups, downs = report.increases[:SHOWN], report.decreases[:SHOWN]
    counts = f"{report.industries_up or 0}个行业增加、{report.industries_down or 0}个减少"
    head = f"按行业拆分（同花顺{report.industries}个行业合计{_yi(net)}元，各行业相加即全市场；{counts}）："
    if not _use_net(report):  # a quiet day: the sides nearly cancel, each side's sum is the story
        up, down = _yi(report.gross_increase_yi or 0), _yi(report.gross_decrease_yi or 0)
        sides = f"增加的行业合计{up}元，减少的合计{down}元"
        text = f"{head}成交额基本持平，行业间此消彼长——{sides}"
        if ups:
            text += f"；增加最多的是{_items(ups, '增加合计', False)}"
        if downs:
            text += f"；减少最多的是{_items(downs, '减少合计', False)}"
        return text + "。"
    grew = net > 0
    lead, other = (ups, report.decreases[:2]) if grew else (downs, report.increases[:2])
    other_sum = abs((report.gross_decrease_yi if grew else report.gross_increase_yi) or 0.0)
    text = head + f"{'增加' if grew else '减少'}最多的是{_items(lead, '增量' if grew else '减量', True)}"
    if other and other_sum >= OTHER_SIDE_MIN * abs(net):
        text += f"；{'减少最多的是' if grew else '逆势增加的主要是'}{_items(other, None, True)}"
    return text + "。"


def _split_en(report: IndustryDayReport) -> str:
    net = report.change_yi or 0.0
    head = f"By industry (THS, adding up to the market: {net:+,.1f} 亿元 in all"
    head += f"; {report.industries_up or 0} industries up, {report.industries_down or 0} down)"

    def names(moves: list[IndustryMove]) -> str:
        return ", ".join(f"{m.name} {_yi(m.change_yi or 0)}" for m in moves[:SHOWN])

    if not _use_net(report):
        return (
            f"{head}: roughly flat, the industries traded places ({_yi(report.gross_increase_yi or 0)} up, "
            f"{_yi(report.gross_decrease_yi or 0)} down); most added: {names(report.increases)}; "
            f"most lost: {names(report.decreases)}."
        )
    if net > 0:
        return f"{head}: most of the increase from {names(report.increases)}."
    return f"{head}: most of the decrease from {names(report.decreases)}."


def _theme_zh(theme: ThemeDay, report: IndustryDayReport) -> str:
    named = f"{'、'.join(theme.industries[:4])}等{len(theme.industries)}个"
    text = f"AI相关行业（{named}）合计成交额{theme.amount_yi:.1f}亿元，"
    text += f"占当日全部行业成交额的{theme.share_of_turnover_pct:.1f}%"
    if theme.change_yi is not None:
        net = report.change_yi or 0.0
        notes = [f"{theme.change_pct:+.2f}%"] if theme.change_pct is not None else []
        if theme.share_of_change_pct is not None and _use_net(report) and theme.change_yi * net > 0:
            notes.append(f"占{'增量' if net > 0 else '减量'}的{theme.share_of_change_pct:.1f}%")
        elif _use_net(report) and theme.change_yi * net < 0:
            notes.append("与全市场方向相反")
        text += f"，较上一交易日{_yi(theme.change_yi)}元" + (f"（{'，'.join(notes)}）" if notes else "")
    return text + "。"


def split_sentences(report: IndustryDayReport, lang: Lang) -> list[str]:
    """Which industries made the day's change (the increase's or the decrease's largest parts first), then the
    main theme's share. Shares are of the side that leads, never a positive share of a negative change."""
    zh = lang != "en"
    out: list[str] = []
    for note in report.notes[:1]:
        if "没有行业数据" in note or "no industry rows" in note:
            out.append(note + "。" if zh else note + ".")
    if report.prev_date is not None and report.change_yi is not None and (report.increases or report.decreases):
        out.append(_split_zh(report) if zh else _split_en(report))
    theme = next((t for t in report.themes if t.theme == MAIN_THEME), None)
    if theme is not None:
        if zh:
            out.append(_theme_zh(theme, report))
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


def theme_extras(ctx: AgentContext, theme: str, day: date | None, lang: Lang, share: bool, breadth: bool) -> str:
    """A theme's share of 两市 (from the unrounded 元 of its industries) and its stocks that rose, as sentences."""
    zh = lang != "en"
    data = industries_of(ctx)
    found = next((t for t in data.themes() if t.name == theme), None)
    try:
        report = data.day(day, top_n=200)
        amounts = data.amounts(list(found.industries), report.date) if found else {}
    except MarketDataError:
        return ""
    out = []
    market = ctx.market.store.get(report.date) if share else None
    if market and market.total_yuan and amounts:
        pct = sum(amounts.values()) / market.total_yuan * 100
        out.append(f"占两市成交额（{market.total_yuan / 1e8:.1f}亿元）的{pct:.2f}%" if zh else
                   f"{pct:.2f}% of the Shanghai + Shenzhen total ({market.total_yuan / 1e8:,.1f} 亿元)")  # fmt: skip
    rows = [m for m in report.top if m.name in amounts]
    if breadth and rows and all(m.up_count is not None for m in rows):
        up = sum(m.up_count or 0 for m in rows)
        stocks = sum(m.stock_count or 0 for m in rows)
        out.append(f"其中上涨{up}家（共{stocks}家）" if zh else f"{up} of its {stocks} stocks rose")
    if not out:
        return ""
    return ("" if zh else " ") + ("；".join(out) + "。" if zh else "; ".join(out).capitalize() + ".")


def industry_answer(
    ctx: AgentContext,
    name: str,
    day: date | None,
    lang: Lang,
    share_of_market: bool = False,
    move: bool = False,
    breadth: bool = False,
    not_up: bool = False,
) -> tuple[str, date | None]:
    """One industry's turnover on a day: amount, share, change, its own record and percentile (and the day)."""
    zh = lang != "en"
    try:
        data = industries_of(ctx)
        history = data.history(name, day)
        report = data.day(history.date, top_n=90)
    except MarketDataError as exc:
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
        if row is not None and row.change_yi is not None:
            pct = f" ({row.change_pct:+.2f}%)" if row.change_pct is not None else ""
            text += f" Against the previous session: {row.change_yi:+,.1f} 亿元{pct}."
        if index_move is not None:
            text += f" Its industry index moved {index_move:+.2f}%."
        if breadth and row is not None and row.up_count is not None:
            of = f", out of {row.stock_count} stocks in it" if row.stock_count else ""
            rest = f"; {row.stock_count - row.up_count} were flat or fell" if not_up and row.stock_count else ""
            text += f" {row.up_count} stocks rose{of}{rest}."
        return text, history.date
    text = f"{stale}{when}，{history.name}（同花顺行业）成交额{history.amount_yi:.1f}亿元，"
    # The share asked for: of the two markets when asked so (one share, not two close figures), else of all industries
    text += (
        f"占两市成交额（{market.total_yuan / 1e8:.1f}亿元）的{market_pct:.1f}%"
        if market is not None and market_pct is not None
        else f"占全部行业成交额的{history.share_of_turnover_pct:.1f}%"
    )
    if row is not None and row.change_yi is not None:
        text += f"，较上一交易日{_yi(row.change_yi)}元" + (
            f"（{row.change_pct:+.2f}%）" if row.change_pct is not None else ""
        )
    if index_move is not None:
        text += f"；行业指数{'涨' if index_move >= 0 else '跌'}{abs(index_move):.2f}%"
    if breadth and row is not None and row.up_count is not None:  # "上涨家数呢": the industry's own, not the market's
        # "平盘或下跌的呢": the stocks that did not rise (the rows keep no 下跌家数 of their own)
        rest = f"、平盘或下跌{row.stock_count - row.up_count}家" if not_up and row.stock_count else ""
        text += f"；上涨{row.up_count}家{rest}" + (f"（共{row.stock_count}家）" if row.stock_count else "")
    text += "。"
    if history.is_record:
        text += f"这是本地{history.sessions}个交易日（自{fmt_date(history.first_date)}）里的最高。"
    else:
        text += f"本地纪录是{fmt_date(history.record_date)}的{history.record_yi:.1f}亿元"
        if history.percentile is not None:
            text += f"；高于此前{history.percentile:.1f}%的交易日"
        text += f"（共{history.sessions}个交易日，自{fmt_date(history.first_date)}）。"
    return text, history.date


def movers_answer(ctx: AgentContext, day: date | None, lang: Lang, decrease: bool = False) -> str:
    """Which industries added (or lost) the most turnover on a day."""
    zh = lang != "en"
    try:
        report = industries_of(ctx).day(day, top_n=5)
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else ".")
    when = fmt_date(report.date, lang)
    stale = f"注：{report.freshness_note}。" if report.stale and report.freshness_note and zh else ""
    if report.prev_date is None:
        note = report.notes[0] if report.notes else ""
        return f"{when}：{note}。" if zh else f"{when}: {note}."
    moves = report.decreases if decrease else report.increases
    if zh:
        word = "减少" if decrease else "增加"
        if not moves:  # every industry moved the other way: said, not an empty list
            net = _yi(report.change_yi or 0)
            return f"{stale}{when}没有行业成交额较上一交易日{word}（同花顺{report.industries}个行业合计{net}元）。"
        items = "、".join(f"{m.name}{_yi(m.change_yi or 0)}元（{m.amount_yi:.1f}亿元）" for m in moves)
        head = f"{when}较上一交易日（{fmt_date(report.prev_date)}）成交额{word}最多的行业：{items}。"
        tail = f"同花顺90个行业合计{_yi(report.change_yi or 0)}元"
        if report.market_change_yi is not None:
            tail += f"（两市成交额{_yi(report.market_change_yi)}元，差额为北交所）"
        return stale + head + tail + "。"
    items = ", ".join(f"{m.name} {_yi(m.change_yi or 0)}" for m in moves)
    return f"On {when}, the industries with the largest {'decrease' if decrease else 'increase'}: {items}."


def theme_named(industries: list[str]) -> str:
    return (
        f"{'、'.join(industries[:4])}等{len(industries)}个同花顺行业" if len(industries) > 4 else "、".join(industries)
    )


def theme_answer(ctx: AgentContext, theme: str, day: date | None, sessions: int | None, lang: Lang) -> str:
    """A theme's turnover and share of the market on a day, or how its share moved over ``sessions``."""
    zh = lang != "en"
    data = industries_of(ctx)
    try:
        if sessions is None:
            report = data.day(day, top_n=5)
            found = next(t for t in report.themes if t.theme == theme)
        else:
            period = data.share_over(theme, sessions, day)
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else ".")
    label = "AI相关行业" if theme == MAIN_THEME else f"{theme}相关行业"
    if sessions is None:
        when = fmt_date(report.date, lang)
        stale = f"注：{report.freshness_note}。" if report.stale and report.freshness_note and zh else ""
        if not zh:
            return (
                f"On {when}, the {theme} industries ({len(found.industries)} THS industries) traded "
                f"{found.amount_yi:,.1f} 亿元, {found.share_of_turnover_pct:.1f}% of all industries' turnover."
                + (
                    f" Against the previous session: {found.change_yi:+,.1f} 亿元"
                    + (f" ({found.change_pct:+.2f}%)." if found.change_pct is not None else ".")
                    if found.change_yi is not None
                    else ""
                )
            )
        if theme == MAIN_THEME:
            return f"{stale}{when}，" + _theme_zh(found, report)
        named = theme_named(found.industries)
        text = f"{stale}{when}，{label}（{named}）合计成交额{found.amount_yi:.1f}亿元，"
        text += f"占当日全部行业成交额的{found.share_of_turnover_pct:.1f}%"
        if found.change_yi is not None:
            text += f"，较上一交易日{_yi(found.change_yi)}元{_pct_zh(found.change_pct)}"
        return text + "。"
    start, end = fmt_date(period.start, lang), fmt_date(period.end, lang)
    if not zh:
        return (
            f"Over the {period.sessions} sessions {start} to {end}, the {theme} industries' share of all industries' "
            f"turnover went from {period.first_share_pct:.1f}% to {period.last_share_pct:.1f}% "
            f"({period.share_change_pts:+.1f} points; mean {period.mean_share_pct:.1f}%)."
        )
    latest = data.index().last_date
    stale = ""
    if latest is not None and latest < ctx.now().date() - timedelta(days=7):
        stale = f"注：本地行业数据截至{fmt_date(latest)}。"
    move = "上升" if period.share_change_pts > 0 else "下降" if period.share_change_pts < 0 else "持平"
    text = f"{stale}最近{period.sessions}个交易日（{start}至{end}），{label}（{theme_named(period.industries)}）"
    text += f"成交额占全部行业成交额的比例从{period.first_share_pct:.1f}%变为{period.last_share_pct:.1f}%，"
    text += f"{move}{abs(period.share_change_pts):.1f}个百分点；期间平均{period.mean_share_pct:.1f}%，"
    high, low = period.max_day, period.min_day
    text += f"最高为{fmt_date(high.date)}的{high.share_pct:.1f}%（{high.amount_yi:.1f}亿元），"
    return text + f"最低为{fmt_date(low.date)}的{low.share_pct:.1f}%（{low.amount_yi:.1f}亿元）。"
