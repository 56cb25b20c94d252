"""The 📊 button under an answer: the chart request it carries in its callback data, and back."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from agent.answer import ChartRequest
from bot.i18n import t

CHART_DAYS = (5, 1000)
CHART_CALLBACK = "chart"


def chart_button(request: ChartRequest, lang: str) -> InlineKeyboardMarkup:
    """A button that sends the answer's chart on demand (callback data stays far below 64 bytes)."""
    iso = [d.isoformat() if d else "" for d in (request.end, request.highlight)]
    data = ":".join([CHART_CALLBACK, str(request.days), *iso])
    return InlineKeyboardMarkup([[InlineKeyboardButton(t(lang, "chart_button"), callback_data=data)]])


def chart_days(text: str) -> int | None:
    """A chart length within CHART_DAYS, or None."""
    low, high = CHART_DAYS
    return int(text) if text.isdigit() and low <= int(text) <= high else None


def parse_chart_callback(data: str) -> ChartRequest:
    """The ChartRequest a chart button carries; ValueError for anything else."""
    name, days, end, highlight = data.split(":")
    count = chart_days(days)
    if name != CHART_CALLBACK or count is None:
        raise ValueError(f"not a chart button: {data!r}")
    return ChartRequest(
        days=count,
        end=date.fromisoformat(end) if end else None,
        highlight=date.fromisoformat(highlight) if highlight else None,
    )
