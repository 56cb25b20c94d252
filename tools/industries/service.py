"""IndustryData: the facade of the industry split of the market, opened from a MarketData.

It shares MarketData's settings, clock, calendar and 两市 store. The industry
store and its index are shared per ``data_dir`` and rebuilt only after a write.
A day with 两市成交额 but no industry rows is said in one line (NoDataError),
never filled in.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from config import Settings
from tools.errors import InvalidDateError, NoDataError
from tools.freshness import UPDATE_HINT, stale_until
from tools.industries.analytics import IndustryIndex, day_split, industry_history, period_leaders, theme_share
from tools.industries.models import (
    IndustryDayReport,
    IndustryHistory,
    IndustryPeriodReport,
    IndustrySpan,
    ThemeShareReport,
)
from tools.industries.store import IndustryRow, IndustryStore
from tools.industries.themes import Theme, find_theme, load_themes
from tools.registry import StoreKey, store_key

MAX_SESSIONS = 250
IMPORT_HINT = "marketbot data import --kind industries FILE.csv"

_stores: dict[StoreKey, IndustryStore] = {}
_indexes: dict[str, tuple[list[IndustryRow], IndustryIndex]] = {}
_lock = threading.Lock()


def _store_for(settings: Settings) -> IndustryStore:
    key = store_key(settings)
    with _lock:
        if key not in _stores:
            _stores[key] = IndustryStore.from_settings(settings)
        return _stores[key]


def reset_industry_stores() -> None:
    """Close and forget the shared industry stores (tests)."""
    with _lock:
        for store in _stores.values():
            store.close()
        _stores.clear()
        _indexes.clear()


def _key(text: str) -> str:
    return "".join(text.split()).lower().removesuffix("板块").removesuffix("行业")


class IndustryData:
    def __init__(self, market: Any) -> None:
        self.market = market
        self.settings = market.settings
        self.store = _store_for(self.settings)

    def _zh(self) -> bool:
        return self.settings.lang != "en"

    def index(self) -> IndustryIndex:
        rows = self.store.all()
        with _lock:
            cached = _indexes.get(self.store.key)
            if cached is None or cached[0] is not rows:
                cached = (rows, IndustryIndex.build(rows))
                _indexes[self.store.key] = cached
            return cached[1]

    def themes(self) -> tuple[Theme, ...]:
        return load_themes()

    def find_theme(self, text: str) -> Theme | None:
        return find_theme(text)

    def find_industry(self, text: str) -> str | None:
        """A stored industry's THS name from a name the user typed (板块/行业 suffix ignored)."""
        wanted = _key(text)
        for name in self.index().names():
            if _key(name) == wanted:
                return name
        return None

    # --- days ------------------------------------------------------------------
    def _span(self, index: IndustryIndex) -> str:
        return f"{index.dates[0]} .. {index.last_date}" if index.dates else "—"

    def _resolve(self, day: date | None) -> tuple[IndustryIndex, date, date | None, str | None]:
        index = self.index()
        if index.last_date is None:
            raise NoDataError(
                f"本地没有行业成交额数据；运行 {UPDATE_HINT}（收盘后）或 {IMPORT_HINT}"
                if self._zh()
                else f"no industry turnover stored; run `{UPDATE_HINT}` after the close or `{IMPORT_HINT}`"
            )
        if day is None:  # the latest day with rows that has closed by the clock (never one still to come)
            latest = self.market.latest_date()
            last = index.last_date if latest is None or index.last_date <= latest else index.on_or_before(latest)
            if last is None:
                raise NoDataError(
                    f"{latest} 及之前没有行业数据（本地行业数据范围 {self._span(index)}）"
                    if self._zh()
                    else f"no industry rows on or before {latest} (industry data covers {self._span(index)})"
                )
            return index, last, None, None
        self.market.validate_date(day)
        resolution = self.market.calendar.resolve(day)
        target = resolution.day
        if target not in index.by_day:
            has_market = self.market.store.get(target) is not None
            if self._zh():
                lead = f"{target} 有两市成交额，但没有行业数据" if has_market else f"{target} 没有行业数据"
                raise NoDataError(f"{lead}（本地行业数据范围 {self._span(index)}）", target)
            lead = f"{target} has 两市成交额 but no industry rows" if has_market else f"no industry rows for {target}"
            raise NoDataError(f"{lead} (industry data covers {self._span(index)})", target)
        return index, target, day if target != day else None, resolution.note(self.settings.lang)

    def _previous_session(self, day: date) -> date | None:
        try:
            prev: date = self.market.calendar.previous(day)
        except InvalidDateError:
            return None
        return prev

    def day(self, day: date | None = None, top_n: int = 5) -> IndustryDayReport:
        """The day's turnover split by industry (None = the latest day with industry rows)."""
        index, target, requested, note = self._resolve(day)
        prev = self._previous_session(target)
        row = self.market.store.get(target)
        prev_row = self.market.store.get(prev) if prev is not None else None
        notes: list[str] = []
        if prev is not None and prev not in index.by_day:
            notes.append(
                f"上一交易日 {prev} 没有行业数据，无法按行业拆分变化"
                if self._zh()
                else f"the previous session {prev} has no industry rows: the change cannot be split"
            )
        stale, freshness = False, None
        if target == index.last_date:
            expected = stale_until(self.market.calendar, target, self.market.now(), self.settings.stale_after_days)
            if expected is not None:
                stale = True
                freshness = (
                    f"行业数据截至 {target}，不是最新交易日（{expected}）"
                    if self._zh()
                    else f"industry data ends on {target}; the latest session is {expected}"
                )
        report = day_split(
            index,
            target,
            prev=prev,
            themes=self.themes(),
            market_yuan=row.total_yuan if row else None,
            market_prev_yuan=prev_row.total_yuan if prev_row else None,
            top_n=top_n,
            requested_date=requested,
            date_note=note,
            latest_date=index.last_date,
            stale=stale,
            freshness_note=freshness,
        )
        return report.model_copy(update={"notes": notes + report.notes}) if notes else report

    def history(self, industry: str, day: date | None = None) -> IndustryHistory:
        name = self.find_industry(industry)
        if name is None:
            raise NoDataError(f"没有名为 {industry!r} 的同花顺行业" if self._zh() else f"no THS industry {industry!r}")
        index, target, _requested, _note = self._resolve(day)
        if name not in index.by_day[target]:
            raise NoDataError(f"{target} 没有 {name} 的数据" if self._zh() else f"no {name} row on {target}", target)
        return industry_history(index, name, target)

    def amounts(self, industries: list[str], day: date) -> dict[str, float]:
        """Each industry's unrounded 成交额 in 元 on ``day`` (for sums: "两个加起来"); NoDataError when one has none."""
        index = self.index()
        out: dict[str, float] = {}
        for industry in industries:
            name = self.find_industry(industry)
            row = index.by_day.get(day, {}).get(name) if name is not None else None
            if row is None:
                raise NoDataError(f"{day} 没有 {industry} 的数据" if self._zh() else f"no {industry} row on {day}", day)
            out[name] = row.amount_yuan  # type: ignore[index]
        return out

    def span(self, industry: str, spec: str) -> IndustrySpan:
        """One industry's (or a theme's, its industries summed) turnover over a period spec ("2026-07", "this_week",
        "last:5"); NoDataError when the period starts before the industry data do (a part of it would be missing) or
        holds no stored session."""
        from tools.industries.themes import find_theme
        from tools.stats.periods import parse_period

        name = self.find_industry(industry)
        theme = find_theme(industry) if name is None else None  # a theme: its industries summed day by day
        members = list(theme.industries) if theme is not None else [name] if name is not None else []
        index = self.index()
        if not members or not index.dates:
            raise NoDataError(
                f"没有名为 {industry!r} 的同花顺行业数据" if self._zh() else f"no THS industry {industry!r}"
            )
        name = theme.name if theme is not None else name
        bounds = parse_period(spec, self.market.now().date(), self.settings.lang)
        if bounds.kind == "last_n":
            days = index.window(bounds.end, bounds.last_n)
        else:
            if bounds.start < index.dates[0]:
                raise NoDataError(
                    f"本地行业数据从{index.dates[0]}开始（范围 {self._span(index)}），不含所问时段（{bounds.start}起）"
                    if self._zh()
                    else f"industry data begin on {index.dates[0]} ({self._span(index)}); the period asked starts "
                    f"{bounds.start}"
                )
            # never past the clock's last close ("本月至今" asked mid-month: the sessions so far, not the month's rest)
            latest = self.market.latest_date()
            end = min(bounds.end, latest) if latest is not None else bounds.end
            days = tuple(d for d in index.dates if bounds.start <= d <= end)
        rows = [
            (d, sum(index.by_day[d][n].amount_yuan for n in members if n in index.by_day[d]))
            for d in days
            if any(n in index.by_day[d] for n in members)
        ]
        values = [v for _, v in rows]
        if not values:
            raise NoDataError(f"所问时段没有 {name} 的数据" if self._zh() else f"no {name} rows in the period")
        total = sum(values)
        market_total = self._market_total([d for d, _ in rows])
        return IndustrySpan(
            name=name,  # type: ignore[arg-type]
            industries=members if theme is not None else [],
            spec=spec,
            start=days[0],
            end=days[-1],
            sessions=len(values),
            total_yi=round(total / 1e8, 1),
            mean_yi=round(total / len(values) / 1e8, 1),
            total_yuan=total,
            market_total_yuan=market_total,
            max_date=max(rows, key=lambda r: r[1])[0],
            max_yi=round(max(values) / 1e8, 1),
            min_date=min(rows, key=lambda r: r[1])[0],
            min_yi=round(min(values) / 1e8, 1),
        )

    def _market_total(self, days: list[date]) -> float | None:
        """两市成交额 summed over ``days`` (unrounded 元), None when one of them has no 两市 figure."""
        wanted, found = set(days), {}
        for row in reversed(self.market.store.all()):  # the newest first: a recent period is a short walk
            if row.date < days[0]:
                break
            if row.date in wanted and row.total_yuan:
                found[row.date] = row.total_yuan
        return sum(found.values()) if len(found) == len(wanted) else None

    def period(self, sessions: int = 20, end: date | None = None, top_n: int = 5) -> IndustryPeriodReport:
        index, last = self._window(sessions, end)
        return period_leaders(index, last, sessions, top_n)

    def theme_share(self, theme: str, sessions: int = 20, end: date | None = None) -> ThemeShareReport:
        found = self.find_theme(theme)
        if found is None:
            names = ", ".join(t.name for t in self.themes())
            raise ValueError(f"unknown theme {theme!r}; themes: {names}")
        index, last = self._window(sessions, end)
        return theme_share(index, found, last, sessions)

    def share_over(self, name: str, sessions: int = 20, end: date | None = None) -> ThemeShareReport:
        """A theme's or one industry's daily share of the industries' total over ``sessions`` ending at ``end``."""
        found = self.find_theme(name)
        if found is None:
            industry = self.find_industry(name)
            if industry is None:
                themes = ", ".join(t.name for t in self.themes())
                raise ValueError(f"{name!r} is neither a THS industry nor a theme; themes: {themes}")
            found = Theme(name=industry, industries=(industry,))  # one industry is a theme of one
        index, last = self._window(sessions, end)
        return theme_share(index, found, last, sessions)

    def _window(self, sessions: int, end: date | None) -> tuple[IndustryIndex, date]:
        if not 1 <= sessions <= MAX_SESSIONS:
            raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}, got {sessions}")
        index = self.index()
        end = end or self.market.latest_date()  # a window ends at the clock's last close, not after it
        last = index.on_or_before(end) if end else index.last_date
        if last is None:
            raise NoDataError("no industry turnover stored" + (f" on or before {end}" if end else ""))
        return index, last

    def chart(
        self, day: date | None = None, top_n: int = 10, path: Path | None = None, size: tuple[int, int] = (1200, 800)
    ) -> bytes:
        """PNG bytes of the day's change by industry (the top_n largest increases and decreases)."""
        width, height = size
        if not (200 <= width <= 4000 and 150 <= height <= 4000):
            raise ValueError(f"chart size must be 200..4000 x 150..4000 pixels, got {width}x{height}")
        if not 1 <= top_n <= 45:
            raise ValueError(f"top_n must be between 1 and 45, got {top_n}")
        from tools.industries.chart import render_industry_chart

        report = self.day(day, top_n=top_n)
        return render_industry_chart(report, top_n=top_n, size=size, lang=self.settings.lang, path=path)

    def has_day(self, day: date) -> bool:
        return day in self.index().by_day
