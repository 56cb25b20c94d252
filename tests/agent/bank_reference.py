"""Reference figures for the question bank, computed straight from the bundled snapshot.

Deliberately plain code (lists, loops, sums in 元), independent of tools.daily.analytics/tools.stats.compute
and of the agent, so the bank checks the answers against the data and not against themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tools.daily.store import read_snapshot

EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zh_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def en_day(d: date) -> str:
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def day_text(d: date, lang: str) -> str:
    return zh_day(d) if lang == "zh" else en_day(d)


def yi(yuan: float, lang: str = "zh") -> str:
    """An amount as the answers print it: 26532.0亿元 / 26,532.0 亿元."""
    value = yuan / 1e8
    return f"{value:.1f}亿元" if lang == "zh" else f"{value:,.1f} 亿元"


@dataclass
class Reference:
    days: list[date]
    sh: dict[date, float]
    sz: dict[date, float]

    @classmethod
    def load(cls) -> Reference:
        rows = sorted(read_snapshot(), key=lambda r: r.date)
        return cls([r.date for r in rows], {r.date: r.sh_yuan for r in rows}, {r.date: r.sz_yuan for r in rows})

    def value(self, d: date, part: str = "total") -> float:
        if part == "sh":
            return self.sh[d]
        if part == "sz":
            return self.sz[d]
        return self.sh[d] + self.sz[d]

    @property
    def latest(self) -> date:
        return self.days[-1]

    def prev(self, d: date) -> date:
        return max(x for x in self.days if x < d)

    def session_on_or_before(self, d: date) -> date:
        return max(x for x in self.days if x <= d)

    def change(self, d: date) -> float:
        return self.value(d) - self.value(self.prev(d))

    def between(self, start: date, end: date) -> list[date]:
        return [d for d in self.days if start <= d <= end]

    def month(self, year: int, month: int) -> list[date]:
        return [d for d in self.days if d.year == year and d.month == month]

    def year(self, year: int) -> list[date]:
        return [d for d in self.days if d.year == year]

    def max_day(self, days: list[date], part: str = "total") -> date:
        best = days[0]
        for d in days:
            if self.value(d, part) > self.value(best, part):
                best = d
        return best

    def min_day(self, days: list[date], part: str = "total") -> date:
        best = days[0]
        for d in days:
            if self.value(d, part) < self.value(best, part):
                best = d
        return best

    def total(self, days: list[date], part: str = "total") -> float:
        return sum(self.value(d, part) for d in days)

    def mean(self, days: list[date], part: str = "total") -> float:
        return self.total(days, part) / len(days)

    def count_at_or_above(self, days: list[date], line_yi: float) -> int:
        return sum(1 for d in days if self.value(d) >= line_yi * 1e8)

    def first_at_or_above(self, line_yi: float, since: date | None = None) -> date:
        return next(d for d in self.days if self.value(d) >= line_yi * 1e8 and (since is None or d >= since))

    def rank(self, d: date) -> int:
        return 1 + sum(1 for x in self.days if self.value(x) > self.value(d))

    def current_streak(self, line_yi: float) -> tuple[date, int]:
        n = 0
        for d in reversed(self.days):
            if self.value(d) < line_yi * 1e8:
                break
            n += 1
        return self.days[len(self.days) - n], n

    def longest_streak(self, days: list[date], line_yi: float) -> tuple[date, date, int]:
        best = (days[0], days[0], 0)
        start, n = None, 0
        for d in days:
            if self.value(d) >= line_yi * 1e8:
                start = d if n == 0 else start
                n += 1
                if n > best[2]:
                    best = (start, d, n)  # type: ignore[assignment]
            else:
                n = 0
        return best
