"""BoardData: the facade of board (sector) turnover, opened from a MarketData.

It shares MarketData's settings, clock, trading calendar, 两市 store (for
shares of the market) and source runner (so the board source's circuit
breaker outlives a question). The board store and its index are shared per
``data_dir``, rebuilt only after a write.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from config import Settings
from tools.boards.analytics import BoardIndex, board_history, day_report, period_report
from tools.boards.models import BoardHistory, SectorDayReport, SectorPeriodReport
from tools.boards.store import BoardRow, BoardStore
from tools.boards.sync import BoardUpdateResult, update_boards
from tools.boards.watchlist import Board, Watchlist, load_watchlist
from tools.errors import InvalidDateError, NoDataError
from tools.freshness import UPDATE_HINT, stale_until
from tools.registry import StoreKey, store_key

MAX_PERIOD_SESSIONS = 250

_stores: dict[StoreKey, BoardStore] = {}
_indexes: dict[str, tuple[list[BoardRow], BoardIndex]] = {}
_lock = threading.Lock()


def _store_for(settings: Settings) -> BoardStore:
    key = store_key(settings)
    with _lock:
        if key not in _stores:
            _stores[key] = BoardStore.from_settings(settings)
        return _stores[key]


def reset_board_stores() -> None:
    """Close and forget the shared board stores (tests)."""
    with _lock:
        for store in _stores.values():
            store.close()
        _stores.clear()
        _indexes.clear()


def normalise(text: str) -> str:
    return "".join(text.split()).lower().removesuffix("板块")


class BoardData:
    def __init__(self, market: Any) -> None:
        self.market = market
        self.settings = market.settings
        self.store = _store_for(self.settings)
        self.watchlist: Watchlist = load_watchlist(self.settings)

    # --- lookups ---------------------------------------------------------------
    def index(self) -> BoardIndex:
        key = self.store.key
        rows = self.store.all()  # a new list after each write: the index is rebuilt only then
        with _lock:
            cached = _indexes.get(key)
            if cached is None or cached[0] is not rows:
                cached = (rows, BoardIndex.build(rows))
                _indexes[key] = cached
            return cached[1]

    def find_board(self, text: str) -> Board | None:
        """A watchlist board by code, name or alias (case and spaces ignored)."""
        wanted = normalise(text)
        for board in self.watchlist.boards:
            if wanted in (normalise(board.code), normalise(board.name), *map(normalise, board.aliases)):
                return board
        return None

    def find_theme(self, text: str) -> str | None:
        wanted = normalise(text)
        for name in self.watchlist.theme_names():
            theme = self.watchlist.themes.get(name)
            if wanted == normalise(name) or (theme and wanted in map(normalise, theme.aliases)):
                return name
        return None

    def _zh(self) -> bool:
        return self.settings.lang != "en"

    # --- reports ---------------------------------------------------------------
    def _resolve(self, day: date | None) -> tuple[BoardIndex, date, date | None, str | None]:
        index = self.index()
        if index.last_date is None:
            raise NoDataError(
                f"本地没有板块成交额数据；运行 {UPDATE_HINT} 或 marketbot data import --kind boards FILE.csv"
                if self._zh()
                else f"no board turnover stored; run `{UPDATE_HINT}` or `marketbot data import --kind boards FILE.csv`"
            )
        if day is None:
            return index, index.last_date, None, None
        self.market.validate_date(day)
        resolution = self.market.calendar.resolve(day)
        target = resolution.day
        if target not in index.by_day:
            span = f"{index.dates[0]} .. {index.last_date}"
            raise NoDataError(
                f"{target} 没有板块成交额数据（本地板块数据范围 {span}）"
                if self._zh()
                else f"no board turnover stored for {target} (board data covers {span})",
                target,
            )
        return index, target, day if target != day else None, resolution.note(self.settings.lang)

    def _freshness(self, day: date, latest: date | None) -> tuple[bool, str | None]:
        if day != latest:
            return False, None
        expected = stale_until(self.market.calendar, day, self.market.now(), self.settings.stale_after_days)
        if expected is None:
            return False, None
        if self._zh():
            return True, f"板块数据截至 {day}，不是最新交易日（{expected}）；运行 {UPDATE_HINT} 更新"
        return True, f"board data ends on {day}; the latest session is {expected}. Run `{UPDATE_HINT}`."

    def day(self, day: date | None = None, theme: str | None = None, top_n: int = 10) -> SectorDayReport:
        """Board turnover of a day (None = the latest day with board data), optionally for one theme."""
        theme_name = None
        if theme is not None:
            theme_name = self.find_theme(theme)
            if theme_name is None:
                raise ValueError(f"unknown theme {theme!r}; themes: {', '.join(self.watchlist.theme_names())}")
        index, target, requested, note = self._resolve(day)
        try:
            prev: date | None = self.market.calendar.previous(target)
        except InvalidDateError:
            prev = None
        market_row = self.market.store.get(target)
        stale, freshness = self._freshness(target, index.last_date)
        return day_report(
            index,
            self.watchlist,
            target,
            prev=prev,
            market_yuan=market_row.total_yuan if market_row else None,
            theme=theme_name,
            top_n=top_n,
            requested_date=requested,
            date_note=note,
            stale=stale,
            freshness_note=freshness,
        )

    def history(self, board: str, day: date | None = None) -> BoardHistory:
        found = self.find_board(board)
        code = found.code if found else board.strip().upper()
        index = self.index()
        series = index.series.get(code)
        if series is None:
            raise NoDataError(f"no turnover stored for board {board!r}")
        target = series.dates[-1] if day is None else self._resolve(day)[1]
        return board_history(index, code, target)

    def period(self, sessions: int = 5, end: date | None = None) -> SectorPeriodReport:
        if not 1 <= sessions <= MAX_PERIOD_SESSIONS:
            raise ValueError(f"sessions must be between 1 and {MAX_PERIOD_SESSIONS}, got {sessions}")
        index = self.index()
        last = index.on_or_before(end) if end else index.last_date
        if last is None:
            raise NoDataError("no board turnover stored" + (f" on or before {end}" if end else ""))
        return period_report(index, last, sessions)

    def has_day(self, day: date) -> bool:
        return day in self.index().by_day

    # --- update and chart ----------------------------------------------------------
    def update(self, end: date | None = None, ranking: bool = True) -> BoardUpdateResult:
        """Fetch the watchlist's missing days (one request per board) and, after the close, the THS ranking."""
        from tools.industries.service import IndustryData
        from tools.industries.sync import store_summary

        runner = self.market._router_or_new().runner
        now = self.market.now()
        latest = self.market.calendar.latest_session(now)
        day = min(end or latest, latest)
        industries = IndustryData(self.market)
        result = update_boards(
            self.store,
            self.watchlist,
            self.settings,
            calendar=self.market.calendar,
            runner=runner,
            now=now,
            end=end,
            ranking=ranking,
            need_summary=not industries.has_day(day),
        )
        if result.industry_summary and result.end is not None and not industries.has_day(result.end):
            # The same after-close request carries the industries' 上涨/下跌家数: kept every session.
            result.industries_written = store_summary(industries.store, result.end, result.industry_summary)
        return result

    def chart(
        self,
        day: date | None = None,
        theme: str | None = None,
        path: Path | None = None,
        size: tuple[int, int] = (1200, 675),
    ) -> bytes:
        from tools.boards.chart import render_sector_chart

        report = self.day(day, theme)
        return render_sector_chart(report, size=size, lang=self.settings.lang, path=path)
