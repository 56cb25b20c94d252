"""An index's change in points, from the closes stored with the days (``DailyTurnover.sh_close`` / ``sz_close``, as
received: the day reports round them to 0.01 point, which can move the second decimal of a difference). A day's
move is its close minus the previous session's; a period's, the last close minus the close of the session before
the period began; the % beside it comes from the same two closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agent.context import AgentContext
from agent.offline.lookups import safe
from agent.offline.market.names import IndexKey
from tools.daily.models import TurnoverReport


@dataclass(frozen=True)
class Move:
    """One index from one close to another."""

    key: IndexKey
    base_day: date
    end_day: date
    base: float
    end: float

    @property
    def points(self) -> float:
        return self.end - self.base

    @property
    def pct(self) -> float:
        return (self.end / self.base - 1) * 100


def move_between(ctx: AgentContext, key: IndexKey, base_day: date, end_day: date) -> Move | None:
    """The index from ``base_day``'s close to ``end_day``'s; None when either close is not stored, or when the
    Shenzhen index stored changes between the two days (深证成指 in the bundled history, 深证综指 from the live
    source: a difference of two indexes is no move)."""
    first = safe(lambda: ctx.market.store.get(base_day))
    last = safe(lambda: ctx.market.store.get(end_day))
    if first is None or last is None:
        return None
    if key == "sz" and first.sz_index != last.sz_index:
        return None
    a, b = (first.sh_close, last.sh_close) if key == "sh" else (first.sz_close, last.sz_close)
    if a is None or b is None or a == 0:
        return None
    return Move(key, base_day, end_day, a, b)


def day_points(ctx: AgentContext, report: TurnoverReport) -> dict[str, float]:
    """Each index's change in points on the report's day (only those both closes of are stored)."""
    before = report.prev_date or safe(lambda: ctx.market.calendar.previous(report.date))
    if before is None:
        return {}
    keys: tuple[IndexKey, ...] = ("sh", "sz")
    moves = (move_between(ctx, key, before, report.date) for key in keys)
    return {m.key: m.points for m in moves if m is not None}
