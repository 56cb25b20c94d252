"""The 📊 button under an answer: the chart request it carries in its callback data, and back.

Daily charts: ``chart:DAYS:END:HIGHLIGHT``; intraday charts (bot.alerts.handlers sends them):
``ichart:SESSION:HHMM`` (empty fields: the latest).
"""

from __future__ import annotations

from datetime import date, datetime, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from agent.answer import ChartRequest
from bot.i18n import t

CHART_DAYS = (5, 1000)
CHART_CALLBACK = "chart"
INTRADAY_CALLBACK = "ichart"


def chart_button(request: ChartRequest, lang: str) -> InlineKeyboardMarkup:
    """A button that sends the answer's chart on demand (callback data stays far below 64 bytes)."""
    iso = [d.isoformat() if d else "" for d in (request.end, request.highlight)]
    data = ":".join([CHART_CALLBACK, str(request.days), *iso])
    if request.kind == "intraday":
        data = ":".join([INTRADAY_CALLBACK, iso[0], request.at.strftime("%H%M") if request.at else ""])
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


def parse_intraday_callback(data: str) -> tuple[date | None, time | None]:
    """The session (None: the latest) and minute (None: its latest) an intraday chart button carries;
    ValueError for anything else."""
    name, day, hhmm = [*data.split(":"), "", ""][:3]
    if name != INTRADAY_CALLBACK:
        raise ValueError(f"not an intraday chart button: {data!r}")
    at = datetime.strptime(hhmm, "%H%M").time() if hhmm else None
    return (date.fromisoformat(day) if day else None), at
