"""Turnover chart: daily 两市成交额 as bars with threshold lines, one day highlighted.

matplotlib is imported inside the function (the CLI's number path must not
pay for it) and drawn on an Agg canvas directly, never through pyplot, so no
global figure state or GUI backend is involved. The PNG has exactly the asked
pixel size, because the bot sends it as a photo.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tools.daily.analytics import format_threshold
from tools.daily.models import RangeReport
from tools.daily.text import describe_source

DPI = 100
BAR_COLOR = "#8fa9c9"
HIGHLIGHT_COLOR = "#d62728"
LINE_COLORS = ("#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
INDEX_COLOR = "#1f3a93"
HEADROOM = 1.15  # threshold lines up to this factor above the highest bar are drawn

LABELS = {
    "zh": {
        "title": "沪深两市成交额（{start} 至 {end}，{n}个交易日）",
        "ylabel": "成交额（亿元）",
        "line": "{label}元",
        "source": "数据来源：{source}；{what}",
        "index": "上证指数收盘（点）",
    },
    "en": {
        "title": "Shanghai + Shenzhen turnover ({start} to {end}, {n} sessions)",
        "ylabel": "亿元 (100 million yuan)",
        "line": "{label} yuan",
        "source": "Source: {source}; {what}",
        "index": "Shanghai Composite close (points)",
    },
}


def lines_in_range(thresholds_yi: Sequence[float], max_yi: float) -> list[float]:
    """Threshold lines worth drawing: those not far above the highest bar."""
    return [t for t in sorted(thresholds_yi) if t <= max_yi * HEADROOM]


def render_turnover_chart(
    report: RangeReport,
    *,
    thresholds_yi: Sequence[float] = (10000.0,),
    highlight: date | None = None,
    size: tuple[int, int] = (1200, 675),
    lang: str = "zh",
    path: Path | None = None,
    with_index: bool = False,
) -> bytes:
    """PNG bytes of ``report`` (also written to ``path`` when given); ``with_index`` adds the 上证指数 line."""
    fig = turnover_figure(
        report, thresholds_yi=thresholds_yi, highlight=highlight, size=size, lang=lang, with_index=with_index
    )
    return png_bytes(fig, path)


def index_points(report: RangeReport) -> list[tuple[int, float]]:
    """(bar position, 上证指数 close) of the days with a stored close: the 量价图's price line."""
    return [(x, d.sh_close) for x, d in enumerate(report.days) if d.sh_close is not None]


def turnover_figure(
    report: RangeReport,
    *,
    thresholds_yi: Sequence[float] = (10000.0,),
    highlight: date | None = None,
    size: tuple[int, int] = (1200, 675),
    lang: str = "zh",
    with_index: bool = False,
) -> Any:
    """The chart's matplotlib Figure (tests read its bars and lines; render_turnover_chart makes the PNG)."""
    from matplotlib.ticker import FuncFormatter

    text = LABELS.get(lang, LABELS["zh"])
    fig, font = new_figure(size)
    width, height = size
    ax = fig.add_subplot(1, 1, 1)

    days = report.days
    xs = list(range(len(days)))
    values = [d.total_yi for d in days]
    target = highlight or report.end
    colors = [HIGHLIGHT_COLOR if d.date == target else BAR_COLOR for d in days]
    ax.bar(xs, values, color=colors, width=0.8, zorder=2)

    for k, line in enumerate(lines_in_range(thresholds_yi, max(values))):
        color = LINE_COLORS[k % len(LINE_COLORS)]
        ax.axhline(line, color=color, linestyle="--", linewidth=1.2, zorder=3)
        ax.annotate(
            text["line"].format(label=format_threshold(line, lang)),
            xy=(0, line),
            xycoords=("axes fraction", "data"),
            xytext=(4, 3),
            textcoords="offset points",
            color=color,
            fontsize=9,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            **font,
        )

    for x, day in enumerate(days):
        if day.date == target:
            # Keep the label inside the axes at either edge.
            align = "right" if x > len(days) * 0.9 else "left" if x < len(days) * 0.1 else "center"
            ax.annotate(
                f"{day.date:%m-%d}\n{day.total_yi:,.1f}亿元",
                xy=(x, day.total_yi),
                xytext=(0, 6),
                textcoords="offset points",
                ha=align,
                va="bottom",
                color=HIGHLIGHT_COLOR,
                fontsize=10,
                zorder=5,
                **font,
            )

    step = max(1, -(-len(days) // 8))
    ticks = xs[::step]
    if ticks[-1] != xs[-1] and xs[-1] - ticks[-1] >= step / 2:
        ticks.append(xs[-1])
    ax.set_xticks(ticks)
    ax.set_xticklabels([days[i].date.strftime("%Y-%m-%d") for i in ticks], fontsize=9)
    ax.set_xlim(-0.7, len(days) - 0.3)
    ax.set_ylim(0, max(values) * 1.18)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel(text["ylabel"], **font)
    ax.set_title(
        text["title"].format(start=report.start, end=report.end, n=len(days)),
        fontsize=13,
        **font,
    )
    footer = [text["source"].format(source=report.source, what=describe_source(report.source, lang))]
    if report.freshness_note:
        footer.append(report.freshness_note)
    points = index_points(report) if with_index else []
    if points:  # 量价图: volume read with price, the close on its own axis at the right
        _index_line(ax, points, text["index"], font)
    fig.text(0.01, 4 / height, "\n".join(footer), fontsize=8, color="#555555", va="bottom", **font)
    # Margins in pixels, so labels fit at any output size (a wider right margin for the index axis).
    right = (70 if points else 40) / width
    fig.subplots_adjust(left=78 / width, right=1 - right, top=1 - 48 / height, bottom=(44 + 13 * len(footer)) / height)
    return fig


def _index_line(ax: Any, points: list[tuple[int, float]], label: str, font: dict[str, Any]) -> None:
    from matplotlib.ticker import FuncFormatter

    twin = ax.twinx()
    xs, closes = [x for x, _ in points], [c for _, c in points]
    twin.plot(xs, closes, color=INDEX_COLOR, linewidth=1.6, marker="o" if len(xs) <= 30 else None, markersize=3)
    low, high = min(closes), max(closes)
    pad = max((high - low) * 0.15, high * 0.01)
    twin.set_ylim(low - pad, high + pad)
    twin.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    twin.set_ylabel(label, color=INDEX_COLOR, **font)
    twin.tick_params(axis="y", colors=INDEX_COLOR)
    for side in ("top",):
        twin.spines[side].set_visible(False)


def new_figure(size: tuple[int, int]) -> tuple[Any, dict[str, Any]]:
    """A blank figure of exactly ``size`` pixels on an Agg canvas, and the font keywords for its text.

    The keywords name the bundled CJK font (with DejaVu Sans for Latin glyphs) so Chinese labels never
    render as boxes; they are empty when no CJK font is installed.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from tools.fonts import cjk_font_family

    family = cjk_font_family()
    font: dict[str, Any] = {"fontfamily": [family, "DejaVu Sans"]} if family else {}
    width, height = size
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig, font


def png_bytes(fig: Any, path: Path | None = None) -> bytes:
    """The figure as PNG bytes at DPI, also written to ``path`` when given."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    png = buffer.getvalue()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(png)
    return png
