"""Chart of the top boards of a day: turnover (horizontal bars) and change on the previous session.

Drawn on an Agg canvas like tools.daily.chart (no pyplot state), with the CJK font
from tools.fonts, at exactly the asked pixel size.
"""

from __future__ import annotations

from pathlib import Path

from tools.boards.models import SectorDayReport
from tools.daily.chart import new_figure, png_bytes

BAR = "#8fa9c9"
UP = "#d62728"  # Chinese convention: red is up
DOWN = "#2ca02c"
SHOWN = 10

LABELS = {
    "zh": {
        "title": "{day} 板块成交额前{n}{theme}",
        "amount": "成交额（亿元）",
        "change": "较上一交易日（亿元）",
        "note": "板块成分股重叠，成交额不可相加；来源：{source}",
        "none": "无",
    },
    "en": {
        "title": "Top {n} boards by turnover on {day}{theme}",
        "amount": "Turnover (亿元)",
        "change": "Change on the previous session (亿元)",
        "note": "Boards overlap; amounts do not add up. Source: {source}",
        "none": "n/a",
    },
}


def render_sector_chart(
    report: SectorDayReport, *, size: tuple[int, int] = (1200, 675), lang: str = "zh", path: Path | None = None
) -> bytes:
    text = LABELS.get(lang, LABELS["zh"])
    boards = list(reversed(report.top[:SHOWN]))  # largest at the top
    fig, font = new_figure(size)
    width, height = size
    left, right = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2, sharey=None)
    ys = list(range(len(boards)))
    names = [b.name for b in boards]
    amounts = [b.amount_yi for b in boards]
    left.barh(ys, amounts, color=BAR, zorder=2)
    for y, value in zip(ys, amounts, strict=True):
        left.annotate(
            f"{value:,.1f}", xy=(value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9
        )
    left.set_yticks(ys, names, **font)
    left.set_xlim(0, max(amounts, default=1) * 1.2)
    left.set_xlabel(text["amount"], **font)
    changes = [b.change_yi for b in boards]
    right.barh(ys, [c or 0 for c in changes], color=[UP if (c or 0) >= 0 else DOWN for c in changes], zorder=2)
    for y, change in zip(ys, changes, strict=True):
        label = text["none"] if change is None else f"{change:+,.1f}"
        right.annotate(
            label,
            xy=(change or 0, y),
            xytext=(3 if (change or 0) >= 0 else -3, 0),
            textcoords="offset points",
            va="center",
            ha="left" if (change or 0) >= 0 else "right",
            fontsize=9,
            **font,
        )
    right.set_yticks(ys, [""] * len(ys))
    span = max((abs(c) for c in changes if c is not None), default=1) * 1.35 or 1
    right.set_xlim(-span, span)
    right.axvline(0, color="#555555", linewidth=0.8)
    right.set_xlabel(text["change"], **font)
    for ax in (left, right):
        ax.grid(axis="x", color="#dddddd", zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    theme = f"（{report.theme}）" if report.theme and lang == "zh" else (f" ({report.theme})" if report.theme else "")
    fig.suptitle(text["title"].format(day=report.date, n=len(boards), theme=theme), fontsize=13, **font)
    footer = [text["note"].format(source=", ".join(report.sources))]
    if report.freshness_note:
        footer.append(report.freshness_note)
    fig.text(0.01, 4 / height, "\n".join(footer), fontsize=8, color="#555555", va="bottom", **font)
    fig.subplots_adjust(
        left=130 / width,
        right=1 - 30 / width,
        top=1 - 50 / height,
        bottom=(50 + 13 * len(footer)) / height,
        wspace=0.08,
    )
    return png_bytes(fig, path)
