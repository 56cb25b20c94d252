"""Industry analytics: pure functions over the stored industry rows.

Nothing here touches the network, the store file or the clock. ``IndustryIndex``
groups the rows by day once, so a day's split is one pass over ~90 rows and a
theme's share over a year one pass over its industries per session.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tools.daily.models import change_pct, yuan_to_yi
from tools.industries.models import (
    Breadth,
    IndustryDayReport,
    IndustryHistory,
    IndustryMove,
    IndustryPeriod,
    IndustryPeriodReport,
    ThemeDay,
    ThemePoint,
    ThemeShareReport,
)
from tools.industries.store import IndustryRow
from tools.industries.themes import Theme


def _pct(part: float, whole: float, digits: int = 1) -> float | None:
    return round(part / whole * 100, digits) if whole else None


@dataclass(frozen=True)
class IndustryIndex:
    dates: tuple[date, ...]
    by_day: dict[date, dict[str, IndustryRow]]
    totals: dict[date, float]  # 元, the industries' total per day
    # A set of industries' daily share and points (aligned with ``dates``), computed once per index: a theme's
    # share over a year is then a slice, not 247 x its industries look-ups and models per question.
    _series: dict[tuple[str, ...], tuple[list[float], list[ThemePoint]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(cls, rows: Iterable[IndustryRow]) -> IndustryIndex:
        by_day: dict[date, dict[str, IndustryRow]] = {}
        for row in rows:
            by_day.setdefault(row.date, {})[row.name] = row
        totals = {d: sum(r.amount_yuan for r in day.values()) for d, day in by_day.items()}
        return cls(tuple(sorted(by_day)), by_day, totals)

    @property
    def last_date(self) -> date | None:
        return self.dates[-1] if self.dates else None

    def on_or_before(self, day: date) -> date | None:
        i = bisect_right(self.dates, day)
        return self.dates[i - 1] if i else None

    def window(self, end: date, sessions: int) -> tuple[date, ...]:
        """The ``sessions`` stored days ending on or before ``end``."""
        hi = bisect_right(self.dates, end)
        return self.dates[max(0, hi - sessions) : hi]

    def series(self, industries: tuple[str, ...]) -> tuple[list[float], list[ThemePoint]]:
        """``industries``' share (%) of the industries' total and its point (summed 亿元, share) on each stored
        day, aligned with ``dates``; built once per index (days without a row of one of them count it 0)."""
        cached = self._series.get(industries)
        if cached is None:
            shares: list[float] = []
            points: list[ThemePoint] = []
            for d in self.dates:
                day = self.by_day[d]
                amount = sum(day[n].amount_yuan for n in industries if n in day)
                shares.append(amount / self.totals[d] * 100)
                points.append(ThemePoint(date=d, amount_yi=yuan_to_yi(amount), share_pct=round(shares[-1], 1)))
            cached = (shares, points)
            self._series[industries] = cached  # a race only builds the same lists twice
        return cached

    def names(self) -> set[str]:
        return {name for day in self.by_day.values() for name in day}


def _breadth(rows: Sequence[IndustryRow]) -> Breadth | None:
    def total(values: list[int | None]) -> int | None:
        return sum(v for v in values if v is not None) if values and all(v is not None for v in values) else None

    breadth = Breadth(
        up=total([r.up_count for r in rows]),
        down=total([r.down_count for r in rows]),
        stocks=total([r.total_count for r in rows]),
    )
    return breadth if breadth.up is not None or breadth.down is not None else None


def _theme_day(
    theme: Theme, today: dict[str, IndustryRow], before: dict[str, IndustryRow] | None, total: float, net: float | None
) -> ThemeDay:
    present = [n for n in theme.industries if n in today]
    amount = sum(today[n].amount_yuan for n in present)
    change = change_pct = None
    if before is not None:
        both = [n for n in present if n in before]
        change = sum(today[n].amount_yuan - before[n].amount_yuan for n in both)
        change_pct = _pct(change, sum(before[n].amount_yuan for n in both), 2)
    return ThemeDay(
        theme=theme.name,
        industries=present,
        amount_yi=yuan_to_yi(amount),
        share_of_turnover_pct=_pct(amount, total) or 0.0,
        change_yi=yuan_to_yi(change) if change is not None else None,
        change_pct=change_pct,
        share_of_change_pct=_pct(change, net) if change is not None and net else None,
        missing=[n for n in theme.industries if n not in today],
    )


def day_split(
    index: IndustryIndex,
    day: date,
    *,
    prev: date | None,
    themes: Sequence[Theme] = (),
    market_yuan: float | None = None,
    market_prev_yuan: float | None = None,
    top_n: int = 5,
    **extra: object,
) -> IndustryDayReport:
    """The day's turnover split by industry against ``prev`` (the previous session; no split without its rows)."""
    today = index.by_day[day]
    total = index.totals[day]
    before = index.by_day.get(prev) if prev is not None else None
    notes: list[str] = []
    changes: dict[str, float] = {}
    if before is not None:
        changes = {n: r.amount_yuan - before[n].amount_yuan for n, r in today.items() if n in before}
        only_today = sorted(set(today) - set(before))
        only_before = sorted(set(before) - set(today))
        if only_today or only_before:
            notes.append(
                f"industries without a row on both days, left out of the change: {', '.join(only_today + only_before)}"
            )
    net = sum(changes.values()) if changes else None
    gross_up = sum(v for v in changes.values() if v > 0)
    gross_down = sum(v for v in changes.values() if v < 0)

    def move(name: str) -> IndustryMove:
        row, change = today[name], changes.get(name)
        old = before[name].amount_yuan if before is not None and name in before else None
        side = gross_up if change is not None and change > 0 else gross_down
        return IndustryMove(
            name=name,
            amount_yi=yuan_to_yi(row.amount_yuan),
            prev_amount_yi=yuan_to_yi(old) if old is not None else None,
            change_yi=yuan_to_yi(change) if change is not None else None,
            change_pct=change_pct(row.amount_yuan, old) if old is not None else None,
            share_of_change_pct=_pct(change, net) if change is not None and net else None,
            share_of_side_pct=_pct(change, side) if change is not None and side else None,
            share_of_turnover_pct=_pct(row.amount_yuan, total) or 0.0,
            index_change_pct=row.change_pct,  # as stored: a count of risers must see +0.0008% as up
            up_count=row.up_count,
            down_count=row.down_count,
            stock_count=row.total_count,
        )

    # Ranked on the unrounded 元; models only for the industries listed (a question reads ~15 of 90).
    by_change = sorted(changes, key=changes.__getitem__, reverse=True)
    ups = [n for n in by_change if changes[n] > 0][:top_n]
    downs = [n for n in reversed(by_change) if changes[n] < 0][:top_n]
    biggest = sorted(today, key=lambda n: today[n].amount_yuan, reverse=True)[:top_n]
    moves = {n: move(n) for n in dict.fromkeys(ups + downs + biggest)}
    prev_total = sum(before[n].amount_yuan for n in changes) if before is not None else None
    return IndustryDayReport(
        date=day,
        prev_date=prev if before is not None else None,
        industries=len(today),
        total_yi=yuan_to_yi(total),
        prev_total_yi=yuan_to_yi(index.totals[prev]) if before is not None and prev is not None else None,
        change_yi=yuan_to_yi(net) if net is not None and prev_total is not None else None,
        gross_increase_yi=yuan_to_yi(gross_up) if changes else None,
        gross_decrease_yi=yuan_to_yi(gross_down) if changes else None,
        industries_up=sum(1 for v in changes.values() if v > 0) if changes else None,
        industries_down=sum(1 for v in changes.values() if v < 0) if changes else None,
        market_total_yi=yuan_to_yi(market_yuan) if market_yuan else None,
        market_change_yi=yuan_to_yi(market_yuan - market_prev_yuan) if market_yuan and market_prev_yuan else None,
        increases=[moves[n] for n in ups],
        decreases=[moves[n] for n in downs],
        top=[moves[n] for n in biggest],
        breadth=_breadth(list(today.values())),
        themes=[_theme_day(t, today, before, total, net) for t in themes],
        notes=notes,
        source=sorted({r.source for r in today.values()})[0],
        **extra,  # type: ignore[arg-type]
    )


def industry_history(index: IndustryIndex, name: str, day: date) -> IndustryHistory:
    """``name``'s record and percentile among its stored sessions up to ``day`` (KeyError: no row that day)."""
    row = index.by_day[day][name]
    series = [(d, index.by_day[d][name].amount_yuan) for d in index.dates if d <= day and name in index.by_day[d]]
    record_day, record = max(series, key=lambda item: item[1])
    earlier = [a for d, a in series if d < day]
    lower = sum(1 for a in earlier if a < row.amount_yuan)
    return IndustryHistory(
        name=name,
        date=day,
        amount_yi=yuan_to_yi(row.amount_yuan),
        share_of_turnover_pct=_pct(row.amount_yuan, index.totals[day]) or 0.0,
        sessions=len(series),
        first_date=series[0][0],
        record_date=record_day,
        record_yi=yuan_to_yi(record),
        is_record=record_day == day,
        percentile=round(lower / len(earlier) * 100, 1) if earlier else None,
    )


def _sums(index: IndustryIndex, days: Sequence[date]) -> dict[str, float]:
    sums: dict[str, float] = {}
    for d in days:
        for name, row in index.by_day[d].items():
            sums[name] = sums.get(name, 0.0) + row.amount_yuan
    return sums


def period_leaders(index: IndustryIndex, end: date, sessions: int, top_n: int = 5) -> IndustryPeriodReport:
    """The industries with the most turnover over the ``sessions`` stored days ending at ``end``."""
    days = index.window(end, sessions)
    lo = bisect_left(index.dates, days[0])
    before = index.dates[max(0, lo - len(days)) : lo]
    sums, prev_sums = _sums(index, days), _sums(index, before) if len(before) == len(days) else {}
    total = sum(sums.values())
    periods = []
    for name, amount in sums.items():
        avg = amount / len(days)
        prev_avg = prev_sums[name] / len(before) if name in prev_sums else None
        periods.append(
            IndustryPeriod(
                name=name,
                total_yi=yuan_to_yi(amount),
                avg_yi=yuan_to_yi(avg),
                share_pct=_pct(amount, total) or 0.0,
                prev_avg_yi=yuan_to_yi(prev_avg) if prev_avg is not None else None,
                avg_change_pct=change_pct(avg, prev_avg) if prev_avg is not None else None,
            )
        )
    rising = [p for p in periods if p.avg_change_pct is not None]
    return IndustryPeriodReport(
        start=days[0],
        end=days[-1],
        sessions=len(days),
        total_yi=yuan_to_yi(total),
        leaders=sorted(periods, key=lambda p: sums[p.name], reverse=True)[:top_n],
        risers=sorted(rising, key=lambda p: p.avg_change_pct or 0.0, reverse=True)[:top_n],
    )


def theme_share(index: IndustryIndex, theme: Theme, end: date, sessions: int) -> ThemeShareReport:
    """``theme``'s daily turnover and share of the industries' total over the window ending at ``end``."""
    days = index.window(end, sessions)
    first = bisect_left(index.dates, days[0])
    all_shares, all_points = index.series(theme.industries)
    shares, points = all_shares[first : first + len(days)], all_points[first : first + len(days)]
    hi = max(range(len(shares)), key=shares.__getitem__)
    lo = min(range(len(shares)), key=shares.__getitem__)
    return ThemeShareReport(
        theme=theme.name,
        industries=list(theme.industries),
        start=points[0].date,
        end=points[-1].date,
        sessions=len(points),
        first_share_pct=round(shares[0], 1),
        last_share_pct=round(shares[-1], 1),
        mean_share_pct=round(sum(shares) / len(shares), 1),
        max_day=points[hi],
        min_day=points[lo],
        share_change_pts=round(shares[-1] - shares[0], 1),
        points=points,
    )
