"""What the agent hands to its callers (the CLI and the Telegram bot).

``text`` is plain text in paragraphs (blank-line separated) with citation
markers like [1]; the caller formats it for its medium (the bot escapes it
to HTML and renders ``sources`` as links).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal, TypeGuard

from pydantic import BaseModel, Field

Lang = Literal["zh", "en"]  # the languages answers are written in


def is_lang(value: object) -> TypeGuard[Lang]:
    """True for a language answers are written in (narrows a caller's free-form ``str``)."""
    return value in ("zh", "en")


class SourceRef(BaseModel):
    n: int  # the number used in the text's [n] markers
    title: str
    url: str | None = None
    published_at: datetime | None = None
    source: str | None = None


class ChartRequest(BaseModel):
    """Ask the caller to attach a chart: the daily turnover chart (tools.daily.chart), with kind "intraday"
    the session's cumulative curve up to ``at`` (tools.intraday.chart; ``end`` is the session), with kind
    "industries" the day's change by industry (tools.industries.chart; ``end`` is the day)."""

    days: int = 60
    end: date | None = None
    highlight: date | None = None
    kind: Literal["daily", "intraday", "industries"] = "daily"
    at: time | None = None


class Answer(BaseModel):
    text: str
    lang: Lang = "zh"
    mode: Literal["offline", "llm"] = "offline"
    sources: list[SourceRef] = []
    chart: ChartRequest | None = None
    # False when grounding removed or marked figures it could not verify.
    grounded: bool = True
    # Small machine-readable state for follow-ups (e.g. the intent and date answered).
    meta: dict[str, Any] = Field(default_factory=dict)


class Turn(BaseModel):
    """One message of a conversation, as kept in memory."""

    role: Literal["user", "assistant"]
    text: str
    meta: dict[str, Any] = Field(default_factory=dict)
