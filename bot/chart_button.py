"""The 📊 button under an answer: the chart request it carries in its callback data, and back.

Daily charts: ``chart:DAYS:END:HIGHLIGHT``; intraday charts (bot.alerts.handlers sends them):
``ichart:SESSION:HHMM``; a day's change by industry (bot.sectors_command sends it): ``schart:DAY``
(empty fields: the latest).
"""

from __future__ import annotations

from datetime import date, datetime, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from agent.answer import ChartRequest
from bot.i18n import t

CHART_DAYS = (5, 1000)
CHART_CALLBACK = "chart"
INTRADAY_CALLBACK = "ichart"
INDUSTRY_CALLBACK = "schart"


def chart_button(request: ChartRequest, lang: str) -> InlineKeyboardMarkup:
    """A button that sends the answer's chart on demand (callback data stays far below 64 bytes)."""
    iso = [d.isoformat() if d else "" for d in (request.end, request.highlight)]
    data = ":".join([CHART_CALLBACK, str(request.days), *iso])
    label = t(lang, "chart_button")
    if request.kind == "intraday":
        data = ":".join([INTRADAY_CALLBACK, iso[0], request.at.strftime("%H%M") if request.at else ""])
    elif request.kind == "industries":
        data, label = f"{INDUSTRY_CALLBACK}:{iso[0]}", t(lang, "industry_chart_button")
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


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


def parse_industry_callback(data: str) -> date | None:
    """The day (None: the latest) an industry chart button carries; ValueError for anything else."""
    name, _, day = data.partition(":")
    if name != INDUSTRY_CALLBACK:
        raise ValueError(f"not an industry chart button: {data!r}")
    return date.fromisoformat(day) if day else None
