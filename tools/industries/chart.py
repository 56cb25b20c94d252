"""A day's change by industry: horizontal bars, the largest increases above the largest decreases.

Same conventions as the turnover chart (tools/daily/chart.py): matplotlib on an Agg canvas, never pyplot, the
bundled CJK font, exactly the asked pixel size. Bars come from the day's split (IndustryDayReport, 亿元 from
unrounded 元); the title carries the industries' net change so the bars read against it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.daily.chart import new_figure, png_bytes
from tools.industries.models import IndustryDayReport, IndustryMove

UP_COLOR = "#d62728"  # A-share convention: red is up
DOWN_COLOR = "#2ca02c"
LABELS = {
    "zh": {
        "title": "{day} 各行业成交额较上一交易日变化（同花顺行业合计{net:+,.1f}亿元）",
        "xlabel": "成交额变化（亿元）",
        "source": "数据来源：同花顺行业成交额（{source}）；90个行业相加即全市场，与两市成交额差额为北交所",
        "none": "上一交易日没有行业数据，无法拆分",
    },
    "en": {
        "title": "{day}: turnover change by THS industry ({net:+,.1f} 亿元 in all)",
        "xlabel": "change on the previous session (亿元)",
        "source": "Source: Tonghuashun industry turnover ({source}); the 90 industries add up to the market",
        "none": "the previous session has no industry rows: no split",
    },
}


def chart_bars(report: IndustryDayReport, top_n: int) -> list[IndustryMove]:
    """The bars from top to bottom: the ``top_n`` largest increases (largest first), then the ``top_n`` largest
    decreases (the largest at the bottom)."""
    ups = [m for m in report.increases if (m.change_yi or 0) > 0][:top_n]
    downs = [m for m in report.decreases if (m.change_yi or 0) < 0][:top_n]
    return ups + downs[::-1]


def render_industry_chart(
    report: IndustryDayReport,
    *,
    top_n: int = 10,
    size: tuple[int, int] = (1200, 800),
    lang: str = "zh",
    path: Path | None = None,
) -> bytes:
    """PNG bytes of the day's change by industry (also written to ``path`` when given)."""
    return png_bytes(industry_figure(report, top_n=top_n, size=size, lang=lang), path)


def industry_figure(
    report: IndustryDayReport, *, top_n: int = 10, size: tuple[int, int] = (1200, 800), lang: str = "zh"
) -> Any:
    """The chart's matplotlib Figure (tests read its bars; render_industry_chart makes the PNG)."""
    from matplotlib.ticker import FuncFormatter

    text = LABELS.get(lang, LABELS["zh"])
    fig, font = new_figure(size)
    width, height = size
    ax = fig.add_subplot(1, 1, 1)
    bars = chart_bars(report, top_n)
    values = [m.change_yi or 0.0 for m in bars]
    ys = list(range(len(bars)))[::-1]  # the first bar at the top
    ax.barh(ys, values, color=[UP_COLOR if v > 0 else DOWN_COLOR for v in values], height=0.7, zorder=2)
    ax.set_yticks(ys)
    ax.set_yticklabels([m.name for m in bars], fontsize=10, **font)
    span = max((abs(v) for v in values), default=1.0) or 1.0
    for y, v in zip(ys, values, strict=True):
        ax.annotate(
            f"{v:+,.1f}",
            xy=(v, y),
            xytext=(4 if v > 0 else -4, 0),
            textcoords="offset points",
            ha="left" if v > 0 else "right",
            va="center",
            fontsize=9,
            zorder=3,
            **font,
        )
    low = -span * 1.25 if any(v < 0 for v in values) else 0.0
    high = span * 1.25 if any(v > 0 for v in values) else 0.0
    ax.set_xlim((low, high) if low < high else (-1.0, 1.0))
    ax.axvline(0, color="#555555", linewidth=0.8, zorder=3)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(text["xlabel"], **font)
    title = text["title"].format(day=report.date, net=report.change_yi or 0.0)
    ax.set_title(title if bars else f"{report.date}: {text['none']}", fontsize=13, **font)
    footer = [text["source"].format(source=report.source)]
    if report.freshness_note:
        footer.append(report.freshness_note)
    fig.text(0.01, 4 / height, "\n".join(footer), fontsize=8, color="#555555", va="bottom", **font)
    fig.subplots_adjust(
        left=120 / width, right=1 - 40 / width, top=1 - 48 / height, bottom=(52 + 13 * len(footer)) / height
    )
    return fig
