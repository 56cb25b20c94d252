"""Board turnover analytics: pure functions over the stored board rows (no network, no clock).

``BoardIndex`` indexes the rows once per store version (per board: dates and
amounts in order; per day: which boards have a row), so a day's report is a
few dictionary lookups and one sort of ~30 boards.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tools.boards.models import (
    BoardDay,
    BoardHistory,
    BoardPeriod,
    RankedIndustry,
    SectorDayReport,
    SectorPeriodReport,
    ThemeTotal,
)
from tools.boards.store import BoardRow
from tools.boards.watchlist import Watchlist
from tools.daily.models import change_pct, yuan_to_yi
from tools.errors import NoDataError
from tools.sources.boards import RANKING_CODE_PREFIX

TOP_N = 10


@dataclass
class BoardSeries:
    code: str
    dates: list[date] = field(default_factory=list)
    rows: list[BoardRow] = field(default_factory=list)

    def at(self, day: date) -> int | None:
        i = bisect_left(self.dates, day)
        return i if i < len(self.dates) and self.dates[i] == day else None


@dataclass
class BoardIndex:
    series: dict[str, BoardSeries]
    by_day: dict[date, list[str]]  # Eastmoney board codes with a row that day
    ranking_by_day: dict[date, list[BoardRow]]  # THS industry rows
    dates: list[date]  # days with Eastmoney board rows, in order

    @classmethod
    def build(cls, rows: Sequence[BoardRow]) -> BoardIndex:
        series: dict[str, BoardSeries] = {}
        by_day: dict[date, list[str]] = {}
        ranking: dict[date, list[BoardRow]] = {}
        for row in rows:  # the store gives date order
            if row.code.startswith(RANKING_CODE_PREFIX):
                ranking.setdefault(row.date, []).append(row)
                continue
            s = series.setdefault(row.code, BoardSeries(row.code))
            s.dates.append(row.date)
            s.rows.append(row)
            by_day.setdefault(row.date, []).append(row.code)
        return cls(series=series, by_day=by_day, ranking_by_day=ranking, dates=sorted(by_day))

    @property
    def last_date(self) -> date | None:
        return self.dates[-1] if self.dates else None

    def on_or_before(self, day: date) -> date | None:
        i = bisect_right(self.dates, day)
        return self.dates[i - 1] if i else None

    def previous(self, day: date) -> date | None:
        i = bisect_left(self.dates, day)
        return self.dates[i - 1] if i else None


def board_day(index: BoardIndex, code: str, day: date, prev: date | None, market_yuan: float | None) -> BoardDay:
    s = index.series[code]
    i = s.at(day)
    assert i is not None
    row = s.rows[i]
    j = s.at(prev) if prev is not None else None
    old = s.rows[j] if j is not None else None
    return BoardDay(
        code=code,
        name=row.name,
        amount_yi=yuan_to_yi(row.amount_yuan),
        prev_amount_yi=yuan_to_yi(old.amount_yuan) if old else None,
        change_yi=yuan_to_yi(row.amount_yuan - old.amount_yuan) if old else None,
        change_pct=change_pct(row.amount_yuan, old.amount_yuan) if old else None,
        share_of_market_pct=round(row.amount_yuan / market_yuan * 100, 2) if market_yuan else None,
        renamed_from=old.name if old and old.name != row.name else None,
    )


def _theme_members(index: BoardIndex, watchlist: Watchlist, day: date) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {t: watchlist.theme_codes(t) for t in watchlist.theme_names()}
    for code in index.by_day.get(day, []):  # themes given by an import
        theme = index.series[code].rows[index.series[code].at(day) or 0].theme
        if theme and code not in members.setdefault(theme, []):
            members[theme].append(code)
    return members


def theme_totals(
    days: dict[str, BoardDay], index: BoardIndex, watchlist: Watchlist, day: date, only: str | None = None
) -> list[ThemeTotal]:
    names = {b.code: b.name for b in watchlist.boards}
    totals: list[ThemeTotal] = []
    for theme, codes in _theme_members(index, watchlist, day).items():
        if only is not None and theme != only:
            continue
        present = [days[c] for c in codes if c in days]
        if not present:
            continue
        largest = max(present, key=lambda b: b.amount_yi)
        totals.append(
            ThemeTotal(
                theme=theme,
                amount_yi=largest.amount_yi,
                board_code=largest.code,
                board_name=largest.name,
                change_yi=largest.change_yi,
                change_pct=largest.change_pct,
                boards_with_data=len(present),
                boards_missing=[names.get(c, c) for c in codes if c not in days],
            )
        )
    return sorted(totals, key=lambda t: t.amount_yi, reverse=True)


def day_report(
    index: BoardIndex,
    watchlist: Watchlist,
    day: date,
    *,
    prev: date | None,
    market_yuan: float | None,
    theme: str | None = None,
    top_n: int = TOP_N,
    **extra: object,
) -> SectorDayReport:
    """Board turnover on ``day`` (which must have rows); ``prev`` is the previous session."""
    codes = index.by_day.get(day)
    if not codes:
        raise NoDataError(f"no board turnover stored for {day}", day)
    days = {c: board_day(index, c, day, prev, market_yuan) for c in codes}
    chosen = list(days.values())
    if theme is not None:
        members = set(_theme_members(index, watchlist, day).get(theme, []))
        chosen = [b for b in chosen if b.code in members]
    by_amount = sorted(chosen, key=lambda b: b.amount_yi, reverse=True)
    changed = [b for b in chosen if b.change_yi is not None]
    # Ties go to the larger board.
    gainers = sorted((b for b in changed if (b.change_yi or 0) > 0), key=lambda b: (-(b.change_yi or 0), -b.amount_yi))
    losers = sorted((b for b in changed if (b.change_yi or 0) < 0), key=lambda b: (b.change_yi or 0, -b.amount_yi))
    rows = [index.series[c].rows[index.series[c].at(day) or 0] for c in codes]
    ranking = sorted(index.ranking_by_day.get(day, []), key=lambda r: r.amount_yuan, reverse=True)
    missing = [f"{b.name} ({b.code})" for b in watchlist.boards if b.code not in days]
    return SectorDayReport(
        date=day,
        prev_date=prev,
        market_total_yi=yuan_to_yi(market_yuan) if market_yuan else None,
        boards_with_data=len(codes),
        top=by_amount[:top_n],
        gainers=gainers[:top_n],
        losers=losers[:top_n],
        themes=theme_totals(days, index, watchlist, day, only=theme),
        theme=theme,
        industry_ranking=[RankedIndustry(name=r.name, amount_yi=yuan_to_yi(r.amount_yuan)) for r in ranking[:top_n]],
        missing=missing,
        sources=sorted({r.source for r in rows} | {r.source for r in ranking[:1]}),
        as_of=max((r.fetched_at for r in rows), default=None),
        latest_date=index.last_date,
        **extra,  # type: ignore[arg-type]
    )


def board_history(index: BoardIndex, code: str, day: date) -> BoardHistory:
    """A board's record and percentile among its own stored sessions up to ``day``."""
    s = index.series.get(code)
    i = s.at(day) if s else None
    if s is None or i is None:
        raise NoDataError(f"no turnover stored for board {code} on {day}", day)
    amounts = [r.amount_yuan for r in s.rows[: i + 1]]
    best = max(range(len(amounts)), key=lambda k: (amounts[k], k))
    today = amounts[-1]
    earlier = amounts[:-1]
    return BoardHistory(
        code=code,
        name=s.rows[i].name,
        date=day,
        amount_yi=yuan_to_yi(today),
        sessions=len(amounts),
        first_date=s.dates[0],
        record_date=s.dates[best],
        record_yi=yuan_to_yi(amounts[best]),
        is_record=best == i,
        percentile=round(sum(a < today for a in earlier) / len(earlier) * 100, 1) if earlier else None,
    )


def period_report(index: BoardIndex, end: date, sessions: int, top_n: int = TOP_N) -> SectorPeriodReport:
    """Each board's turnover summed over the ``sessions`` board days ending at ``end``."""
    stop = bisect_right(index.dates, end)
    window = index.dates[max(0, stop - sessions) : stop]
    if not window:
        raise NoDataError(f"no board turnover stored on or before {end}", end)
    before = index.dates[max(0, stop - 2 * len(window)) : stop - len(window)]
    boards: list[BoardPeriod] = []
    for code, s in index.series.items():
        now_rows = [s.rows[k] for k in (s.at(d) for d in window) if k is not None]
        if not now_rows:
            continue
        old = [s.rows[k].amount_yuan for k in (s.at(d) for d in before) if k is not None]
        total = sum(r.amount_yuan for r in now_rows)
        avg = total / len(now_rows)
        prev_avg = sum(old) / len(old) if old else None
        boards.append(
            BoardPeriod(
                code=code,
                name=now_rows[-1].name,
                total_yi=yuan_to_yi(total),
                sessions=len(now_rows),
                avg_yi=yuan_to_yi(avg),
                prev_avg_yi=yuan_to_yi(prev_avg) if prev_avg else None,
                avg_change_pct=change_pct(avg, prev_avg) if prev_avg else None,
            )
        )
    boards.sort(key=lambda b: b.total_yi, reverse=True)
    return SectorPeriodReport(start=window[0], end=window[-1], sessions=len(window), boards=boards[:top_n])
