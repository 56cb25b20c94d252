"""Token budgets per user, per chat and overall, per day or month in the configured zone.

A budget is spent when the tokens already recorded in its period reach its
limit; the question is then answered offline, with ``budget_notice`` as its
first line. The check runs before the LLM is called, so one answer may take a
budget past its limit, never a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from agent.llm.usage_store import UsageStore
from config import Settings

PeriodKind = Literal["day", "month"]
Scope = Literal["user", "chat", "global"]


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date  # first day of the period
    end: date  # first day after it

    @classmethod
    def of(cls, today: date, kind: PeriodKind) -> Period:
        if kind == "day":
            return cls(kind, today, today + timedelta(days=1))
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(kind, first, following)


def local_today(now: datetime, settings: Settings) -> date:
    """The day in the configured zone (an aware ``now`` from any zone; a naive one is taken as UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(settings.zone).date()


@dataclass(frozen=True)
class Asker:
    """Who asked: the Telegram user and chat (None from the CLI)."""

    user_id: int | None = None
    chat_id: int | None = None


@dataclass(frozen=True)
class SpentBudget:
    scope: Scope
    period: Period
    used: int
    limit: int


def spent_budget(store: UsageStore, settings: Settings, asker: Asker, today: date) -> SpentBudget | None:
    """The first budget (user, then chat, then global) whose period's tokens have reached its limit."""
    period = Period.of(today, settings.llm_budget_period)
    checks: list[tuple[Scope, int, dict[str, int]]] = []
    if asker.user_id is not None:
        checks.append(("user", settings.llm_budget_user_tokens, {"user_id": asker.user_id}))
    if asker.chat_id is not None:
        checks.append(("chat", settings.llm_budget_chat_tokens, {"chat_id": asker.chat_id}))
    checks.append(("global", settings.llm_budget_global_tokens, {}))
    for scope, limit, who in checks:
        if limit <= 0:
            continue
        used = store.totals(period.start, period.end, **who).tokens
        if used >= limit:
            return SpentBudget(scope, period, used, limit)
    return None


_NOTICE = {
    ("zh", "day"): "今天的 LLM 额度已用完，以下是离线回答（明天 0 点重置）。",
    ("zh", "month"): "本月的 LLM 额度已用完，以下是离线回答（下月 1 日重置）。",
    ("en", "day"): "Today's LLM budget is used up; this is the offline answer (it resets at midnight).",
    ("en", "month"): "This month's LLM budget is used up; this is the offline answer (it resets on the 1st).",
}


def budget_notice(spent: SpentBudget, lang: str) -> str:
    """The one line put first in an answer given offline because a budget is spent."""
    return _NOTICE[("en" if lang == "en" else "zh", spent.period.kind)]
