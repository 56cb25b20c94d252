"""The intraday chart: cumulative 两市成交额 through a session against the previous session and the
mean of the last sessions at each minute, with threshold lines and the latest point labelled.

Drawn on an Agg canvas (never pyplot) like :mod:`tools.daily.chart`. The x axis is
the bar index of the 241-minute grid, so the lunch break takes no space.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path

from tools.daily.analytics import format_threshold
from tools.daily.chart import LINE_COLORS, lines_in_range, new_figure, png_bytes
from tools.intraday.clock import MINUTE_INDEX
from tools.intraday.models import IntradayCurves

TODAY_COLOR = "#d62728"
PREV_COLOR = "#7f7f7f"
MEAN_COLOR = "#1f77b4"
TICKS = ("09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "14:30", "15:00")

LABELS = {
    "zh": {
        "title": "沪深两市累计成交额（{day}，截至 {at}）",
        "ylabel": "累计成交额（亿元）",
        "today": "{day}",
        "prev": "上一交易日 {day}",
        "mean": "近{n}个交易日均值",
        "line": "{label}元",
        "lunch": "11:30/13:00",
        "source": "数据来源：{source}（分钟成交额累加）",
    },
    "en": {
        "title": "Shanghai + Shenzhen cumulative turnover ({day}, as of {at})",
        "ylabel": "cumulative, 亿元 (100 million yuan)",
        "today": "{day}",
        "prev": "previous session {day}",
        "mean": "mean of last {n} sessions",
        "line": "{label} yuan",
        "lunch": "11:30/13:00",
        "source": "Source: {source} (sum of minute bars)",
    },
}


def render_intraday_chart(
    curves: IntradayCurves,
    *,
    size: tuple[int, int] = (1200, 675),
    lang: str = "zh",
    path: Path | None = None,
) -> bytes:
    """PNG bytes (also written to ``path`` when given)."""
    from matplotlib.ticker import FuncFormatter

    text = LABELS.get(lang, LABELS["zh"])
    fig, font = new_figure(size)
    width, height = size
    ax = fig.add_subplot(1, 1, 1)

    xs = list(range(len(curves.minutes)))
    peak = curves.latest_yi
    if curves.mean_yi:
        ax.plot(
            xs,
            [v if v is not None else float("nan") for v in curves.mean_yi],
            color=MEAN_COLOR,
            linestyle="--",
            linewidth=1.4,
            zorder=2,
            label=text["mean"].format(n=len(curves.mean_dates)),
        )
        peak = max(peak, max(v for v in curves.mean_yi if v is not None))
    if curves.prev_yi and curves.prev_date:
        ax.plot(
            xs,
            [v if v is not None else float("nan") for v in curves.prev_yi],
            color=PREV_COLOR,
            linewidth=1.4,
            zorder=3,
            label=text["prev"].format(day=curves.prev_date),
        )
        peak = max(peak, max((v for v in curves.prev_yi if v is not None), default=0.0))
    today = [v if v is not None else float("nan") for v in curves.today_yi]
    ax.plot(xs, today, color=TODAY_COLOR, linewidth=2.4, zorder=4, label=text["today"].format(day=curves.date))

    for k, line in enumerate(lines_in_range(curves.thresholds_yi, peak)):
        color = LINE_COLORS[k % len(LINE_COLORS)]
        ax.axhline(line, color=color, linestyle=":", linewidth=1.1, zorder=1)
        ax.annotate(
            text["line"].format(label=format_threshold(line, lang)),
            xy=(0, line),
            xycoords=("axes fraction", "data"),
            xytext=(4, 3),
            textcoords="offset points",
            color=color,
            fontsize=9,
            **font,
        )

    for line, minute in curves.crossed:  # where today's curve first reached each line
        k = MINUTE_INDEX[minute]
        ax.plot([k], [line], marker="o", markersize=5, color=TODAY_COLOR, markerfacecolor="white", zorder=5)
        ax.annotate(
            f"{minute:%H:%M}",
            xy=(k, line),
            xytext=(-4, 4),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color=TODAY_COLOR,
            fontsize=8,
            zorder=6,
            **font,
        )

    j = MINUTE_INDEX[curves.at]
    ax.plot([j], [curves.latest_yi], marker="o", color=TODAY_COLOR, zorder=5)
    ax.annotate(
        f"{curves.at:%H:%M}\n{curves.latest_yi:,.1f}亿元",
        xy=(j, curves.latest_yi),
        xytext=(0, 8),
        textcoords="offset points",
        ha="right" if j > 200 else "left" if j < 30 else "center",
        va="bottom",
        color=TODAY_COLOR,
        fontsize=10,
        zorder=6,
        **font,
    )

    ticks = [MINUTE_INDEX[time.fromisoformat(t)] for t in TICKS]
    ax.set_xticks(ticks)
    ax.set_xticklabels([text["lunch"] if t == "11:30" else t for t in TICKS], fontsize=9)
    ax.axvline(MINUTE_INDEX[time(11, 30)], color="#cccccc", linewidth=0.8, zorder=0)
    ax.set_xlim(0, len(xs) - 1)
    ax.set_ylim(0, peak * 1.15 if peak > 0 else 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel(text["ylabel"], **font)
    ax.set_title(text["title"].format(day=curves.date, at=f"{curves.at:%H:%M}"), fontsize=13, **font)
    legend = ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.93), fontsize=9, frameon=False)
    if font:
        for item in legend.get_texts():
            item.set_fontfamily(font["fontfamily"])
    fig.text(
        0.01,
        4 / height,
        text["source"].format(source=curves.source or "?"),
        fontsize=8,
        color="#555555",
        va="bottom",
        **font,
    )
    fig.subplots_adjust(left=78 / width, right=1 - 40 / width, top=1 - 48 / height, bottom=58 / height)
    return png_bytes(fig, path)
