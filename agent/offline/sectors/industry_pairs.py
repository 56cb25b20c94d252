"""Several industries or themes (a theme: its industries summed) on one day or over one period: side by side
("白酒和银行昨天谁的成交多", "医药和军工分别成交多少"), the first against the second ("多多少"), and added up with
their share of 两市 ("两个加起来占两市多少"). Every figure from the unrounded 元 of each industry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agent.context import AgentContext
from agent.offline.sectors.industries import industries_of
from agent.offline.sectors.naming import Subject
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError


@dataclass(frozen=True)
class Asked:
    """What is asked of the subjects besides their amounts."""

    diff: bool = False  # the first against the second
    who: bool = False  # "谁多": the larger named first
    combined: bool = False  # "加起来": their sum
    share: bool = False  # of 两市 (the sum's when combined, else each one's)
    move: bool = False  # each industry index's move that day ("谁涨得多")


def _label(s: Subject, zh: bool) -> str:
    if not s.theme:
        return s.name
    return f"{s.name}相关行业（{len(s.members)}个同花顺行业）" if zh else f"{s.name} ({len(s.members)} THS industries)"


def subjects_answer(
    ctx: AgentContext, subjects: list[Subject], day: date | None, period: str | None, lang: Lang, asked: Asked
) -> tuple[str, date | None]:
    """Each subject's turnover on the day (the latest with industry data when none is named) or summed over the
    period, and what else is asked; the day answered."""
    zh = lang != "en"
    data = industries_of(ctx)
    try:
        if period is not None:
            spans = [data.span(s.name if s.theme else s.members[0], period) for s in subjects]
            amounts = [sp.total_yuan for sp in spans]
            first = spans[0]
            market: float | None = first.market_total_yuan
            if zh:
                when = f"{fmt_date(first.start)}至{fmt_date(first.end)}（{first.sessions}个交易日）"
            else:
                when = f"{fmt_date(first.start, lang)} to {fmt_date(first.end, lang)} ({first.sessions} sessions)"
            answered, each = None, []
        else:
            day = day or data.day(None, top_n=1).date
            each = [data.amounts(list(s.members), day) for s in subjects]
            amounts = [sum(a.values()) for a in each]
            row = ctx.market.store.get(day)
            market = row.total_yuan if row is not None and row.total_yuan else None
            when, answered = fmt_date(day, lang), day
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else "."), None
    pairs = list(zip(subjects, amounts, strict=True))
    overlap = len({m for s in subjects for m in s.members}) < sum(len(s.members) for s in subjects)
    union = {k: v for a in each for k, v in a.items()} if period is None else None

    def share(value: float) -> str:
        if not market:
            return ""
        return f"占两市{value / market * 100:.2f}%" if zh else f"{value / market * 100:.2f}% of Shanghai + Shenzhen"

    each_share = asked.share and not asked.combined
    if zh:
        items = "，".join(
            f"{_label(s, zh)}{value / 1e8:.1f}亿元" + (f"（{share(value)}）" if each_share and market else "")
            for s, value in pairs
        )
        lines = [f"{when}{'同花顺行业' if not any(s.theme for s in subjects) else ''}成交额：{items}。"]
    else:
        items = ", ".join(
            f"{_label(s, zh)} {value / 1e8:,.1f} 亿元" + (f" ({share(value)})" if each_share and market else "")
            for s, value in pairs
        )
        kind = "THS industry" if not any(s.theme for s in subjects) else "Industry"
        lines = [f"{kind} turnover on {when}: {items}." if period is None else f"{when}, turnover: {items}."]
    who = asked.who and not asked.move  # "谁涨得多" asks of the moves (said below), not of the turnover
    if (asked.diff or who) and len(pairs) >= 2:
        (a_s, a), (b_s, b) = pairs[:2]
        if who and b > a:  # "谁多": the larger one first
            (a_s, a), (b_s, b) = (b_s, b), (a_s, a)
        pct = (a - b) / b * 100 if b else None
        if zh:
            lead = f"{a_s.name}成交更多，比" if who else f"{a_s.name}比"
            verb = "多" if a >= b else "少"
            lines.append(
                f"{lead}{b_s.name}{verb}{abs(a - b) / 1e8:.1f}亿元" + (f"（{pct:+.2f}%）" if pct else "") + "。"
            )
        else:
            lead = f"{a_s.name} traded more. " if who else ""
            pct_en = f" ({pct:+.2f}%)" if pct else ""
            lines.append(f"{lead}{a_s.name} minus {b_s.name}: {(a - b) / 1e8:+,.1f} 亿元{pct_en}.")
    if asked.move and answered is not None:
        lines.append(_moves(ctx, subjects, answered, zh, asked.who))
    if asked.combined:
        # a theme and one of its own industries ("半导体和AI") share rows: each industry is counted once
        total = sum(union.values()) if union is not None else sum(amounts)
        if union is None and overlap:
            note = "（两者有重叠的行业，不相加）" if zh else " (they share industries, so they are not added up)"
            return ("" if zh else " ").join(lines) + note, answered
        names = ("、" if zh else " + ").join(s.name for s in subjects)
        once = ("（重叠的行业只计一次）" if zh else " (shared industries counted once)") if overlap else ""
        if zh:
            same = "同期" if period is not None else ""
            whole = f"，占{same}两市成交额（{market / 1e8:.1f}亿元）的{total / market * 100:.2f}%" if market else ""
            lines.append(f"{names}合计成交额{total / 1e8:.1f}亿元{once}{whole}。")
        else:
            whole = (
                f", {total / market * 100:.2f}% of the Shanghai + Shenzhen total ({market / 1e8:,.1f} 亿元)"
                if market
                else ""
            )
            lines.append(f"{names} together traded {total / 1e8:,.1f} 亿元{once}{whole}.")
    return ("" if zh else " ").join(lines), answered


def _moves(ctx: AgentContext, subjects: list[Subject], day: date, zh: bool, who: bool) -> str:
    """Each industry index's move that day (a theme has no index of its own: said so), the larger first for "谁"."""
    try:
        rows = {r.name: r.index_change_pct for r in industries_of(ctx).day(day, top_n=200).top}
    except MarketDataError:
        return ""
    moved = [(s.name, rows.get(s.name)) for s in subjects if not s.theme]
    known = [(n, m) for n, m in moved if m is not None]
    if who and len(known) >= 2:
        known.sort(key=lambda x: -(x[1] or 0.0))
    themes = [s.name for s in subjects if s.theme]
    if zh:
        text = "行业指数涨跌幅：" + "，".join(f"{n}{m:+.2f}%" for n, m in known) + "。" if known else ""
        if who and len(known) >= 2:
            text += f"{known[0][0]}表现更好。"
        return text + (f"{'、'.join(themes)}是多个行业合成的主题，没有自己的指数涨跌幅。" if themes else "")
    text = "Industry index moves: " + ", ".join(f"{n} {m:+.2f}%" for n, m in known) + "." if known else ""
    return text + (
        f" {', '.join(themes)}: a theme of several industries, with no index move of its own." if themes else ""
    )
