"""Several industries on one day: added up ("两个加起来占两市多少") or side by side with their difference
("证券和银行各多少，证券比银行多多少"), each from its unrounded 元."""

from __future__ import annotations

from datetime import date

from agent.context import AgentContext
from agent.offline.sectors.industries import industries_of
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError


def industries_sum_answer(ctx: AgentContext, names: list[str], day: date, lang: Lang) -> str:
    """Two (or more) industries added up on one day, and their share of 两市 ("两个加起来占两市多少")."""
    zh = lang != "en"
    try:
        amounts = industries_of(ctx).amounts(names, day)
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else ".")
    total_yi = sum(amounts.values()) / 1e8  # from the unrounded 元 of each
    market = ctx.market.store.get(day)
    market_yi = market.total_yuan / 1e8 if market and market.total_yuan else None
    when, joined = fmt_date(day, lang), ("、" if zh else " + ").join(amounts)
    if not zh:
        share = (
            f", {total_yi / market_yi * 100:.2f}% of the Shanghai + Shenzhen total ({market_yi:,.1f} 亿元)"
            if market_yi
            else ""
        )
        return f"On {when}, {joined} together traded {total_yi:,.1f} 亿元{share}."
    share = f"，占两市成交额（{market_yi:.1f}亿元）的{total_yi / market_yi * 100:.2f}%" if market_yi else ""
    return f"{when}，{joined}合计成交额{total_yi:.1f}亿元{share}。"


def industries_each_answer(ctx: AgentContext, names: list[str], day: date | None, lang: Lang, diff: bool) -> str:
    """Each industry's turnover on the day (the latest with industry data when none is named), the first against
    the second when asked."""
    zh = lang != "en"
    try:
        data = industries_of(ctx)
        day = day or data.day(None, top_n=1).date
        amounts = data.amounts(names, day)
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else ".")
    when = fmt_date(day, lang)
    (first, a), (second, b) = list(amounts.items())[:2]
    if zh:
        each = "，".join(f"{name}{value / 1e8:.1f}亿元" for name, value in amounts.items())
        text = f"{when}同花顺行业成交额：{each}。"
        if diff:
            verb = "多" if a >= b else "少"
            pct = f"（{(a - b) / b * 100:+.2f}%）" if b else ""
            text += f"{first}比{second}{verb}{abs(a - b) / 1e8:.1f}亿元{pct}。"
        return text
    each = ", ".join(f"{name} {value / 1e8:,.1f} 亿元" for name, value in amounts.items())
    text = f"THS industry turnover on {when}: {each}."
    if diff:
        pct = f" ({(a - b) / b * 100:+.2f}%)" if b else ""
        text += f" {first} minus {second}: {(a - b) / 1e8:+,.1f} 亿元{pct}."
    return text
