"""One industry or theme over a period, or two periods of it set against each other ("白酒7月份日均", "半导体这周比
上周", "本月以来累计成交多少？占两市比重多少"), from the unrounded 元 of its stored sessions."""

from __future__ import annotations

from agent.context import AgentContext
from agent.offline.sectors.industries import industries_of, theme_named
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError


def span_answer(ctx: AgentContext, name: str, specs: list[str], mean: bool, lang: Lang, share: bool = False) -> str:
    """One industry (or theme) over a period ("白酒7月份日均"), or two periods and the difference ("这周比上周");
    with its share of 两市 over the same sessions when asked ("本月以来累计成交多少？占两市比重多少")."""
    zh = lang != "en"
    try:
        data = industries_of(ctx)
        spans = [data.span(name, spec) for spec in specs]
    except MarketDataError as exc:
        return (f"{exc}，无法回答{name}这段时间的成交额。") if zh else f"{exc}, so I cannot answer for {name}."

    def of_market(s) -> str:  # noqa: ANN001 - tools.industries.models.IndustrySpan
        if not share or not s.market_total_yuan:
            return ""
        pct = s.total_yuan / s.market_total_yuan * 100
        if zh:
            return f"占同期两市成交额（合计{s.market_total_yuan / 1e8:.1f}亿元）的{pct:.2f}%；"
        return f" That is {pct:.2f}% of the Shanghai + Shenzhen total over the same sessions."

    def one(s) -> str:  # noqa: ANN001 - tools.industries.models.IndustrySpan
        if zh:
            who = f"{s.name}相关行业（{theme_named(s.industries)}）" if s.industries else f"{s.name}（同花顺行业）"
            return (
                f"{fmt_date(s.start)}至{fmt_date(s.end)}（{s.sessions}个交易日），{who}成交额"
                f"合计{s.total_yi:.1f}亿元，{of_market(s)}日均{s.mean_yi:.1f}亿元；"
                f"最高在{fmt_date(s.max_date)}，{s.max_yi:.1f}亿元，最低在{fmt_date(s.min_date)}，{s.min_yi:.1f}亿元。"
            )
        return (
            f"{fmt_date(s.start, lang)} to {fmt_date(s.end, lang)} ({s.sessions} sessions): {s.name} "
            f"({f'{len(s.industries)} THS industries' if s.industries else 'THS industry'}) "
            f"traded {s.total_yi:,.1f} 亿元 in all, {s.mean_yi:,.1f} 亿元 a day; the highest was "
            f"{s.max_yi:,.1f} 亿元 on {fmt_date(s.max_date, lang)}, the lowest {s.min_yi:,.1f} 亿元 on "
            f"{fmt_date(s.min_date, lang)}.{of_market(s)}"
        )

    lines = [one(s) for s in spans]
    if len(spans) == 2:
        a, b = spans
        first, second = (a.total_yuan / a.sessions, b.total_yuan / b.sessions) if mean else (a.total_yuan, b.total_yuan)
        diff = (first - second) / 1e8
        pct = f"（{(first - second) / second * 100:+.2f}%）" if second else ""
        what = ("日均" if zh else "daily mean") if mean else ("合计" if zh else "total")
        if zh:
            span_a, span_b = f"{fmt_date(a.start)}至{fmt_date(a.end)}", f"{fmt_date(b.start)}至{fmt_date(b.end)}"
            verb = "多" if diff >= 0 else "少"
            who = f"{a.name}相关行业" if a.industries else a.name
            lines.insert(0, f"{who}{span_a}的成交额{what}比{span_b}{verb}{abs(diff):.1f}亿元{pct}。")
        else:
            pct_en = f" ({(first - second) / second * 100:+.2f}%)" if second else ""
            lines.insert(
                0, f"{a.name}: the {what} of the first period was {diff:+,.1f} 亿元{pct_en} against the second."
            )
    return "\n".join(lines)
