"""MarketData: the one facade of the market data layer.

The agent's tools and the CLI call only this. Every method returns the typed
results of ``tools.daily.models`` or raises the typed errors of ``tools.errors``.

Opening the store and the calendar costs tens of milliseconds, so both (and
the indexed series built from the store's rows) are shared per ``data_dir``
across instances (``tools.registry``): building ``MarketData(settings)`` per question is cheap.
The live sources (akshare) are imported only by the methods that fetch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config import Settings
from tools.calendar import FIRST_DATA_DAY, TradingCalendar, to_local
from tools.daily.analytics import TurnoverSeries, comparison, day_report, range_report
from tools.daily.models import Comparison, IntradayTurnover, MarketContext, RangeReport, TurnoverReport, yuan_to_yi
from tools.daily.store import TurnoverStore
from tools.errors import InvalidDateError, MarketDataError, NoDataError, one_line
from tools.freshness import UPDATE_HINT, missing_day_error, turnover_freshness
from tools.registry import daily_handles

if TYPE_CHECKING:
    from tools.boards.service import BoardData
    from tools.daily.sync import UpdateResult
    from tools.intraday.models import IntradayReport, RefreshResult
    from tools.intraday.service import IntradayData
    from tools.stats.models import StatsQuery, StatsResult

log = logging.getLogger(__name__)

MAX_RANGE_DAYS = 10000


class MarketData:
    def __init__(
        self,
        settings: Settings,
        *,
        router: Any = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self._shared = daily_handles(settings)
        self._router = router  # a tools.sources.router.SourceRouter; built on first live call
        self._clock = clock
        self._cut: tuple[tuple[int, date], TurnoverSeries] | None = None  # the history cut at the clock (_series)

    # --- plumbing -------------------------------------------------------------
    @property
    def store(self) -> TurnoverStore:
        return self._shared.store

    @property
    def calendar(self) -> TradingCalendar:
        return self._shared.calendar

    def now(self) -> datetime:
        """The clock's time in the exchange's zone (dates and session times are read from it)."""
        return to_local(self._clock(), self.settings.zone) if self._clock else datetime.now(self.settings.zone)

    def _series(self) -> TurnoverSeries:
        """The stored history as of the clock: a session whose 15:00 close has not come yet (a row imported
        ahead of a shifted or pinned clock) is not part of it, so no full-day total is shown before the close."""
        series = self._shared.current_series()
        last = series.last_date
        if last is None or last < self.now().date():
            return series
        cutoff = self.calendar.latest_session(self.now())
        if last <= cutoff:
            return series
        key = (id(series), cutoff)
        if self._cut is None or self._cut[0] != key:
            cut = series.index_on_or_before(cutoff)
            kept = series.rows[: cut + 1] if cut is not None else ()
            self._cut = (key, TurnoverSeries.build(kept))
        return self._cut[1]

    def _router_or_new(self) -> Any:
        if self._router is None:
            from tools.sources.router import SourceRouter

            with self._shared.lock:
                if self._shared.router is None:
                    self._shared.router = SourceRouter(self.settings)
                self._router = self._shared.router
        return self._router

    def _zh(self) -> bool:
        return self.settings.lang != "en"

    def validate_date(self, day: date) -> None:
        """InvalidDateError for a day before the data begins or in the future."""
        if day < FIRST_DATA_DAY:
            raise InvalidDateError(
                f"{day} 早于数据起始日 {FIRST_DATA_DAY}（沪深两市成交额数据从 {FIRST_DATA_DAY} 开始）"
                if self._zh()
                else f"{day} is before the data begins ({FIRST_DATA_DAY})"
            )
        today = self.now().date()
        if day > today:
            raise InvalidDateError(
                f"{day} 是未来的日期（今天是 {today}）" if self._zh() else f"{day} is in the future (today is {today})"
            )

    def _freshness(self, series: TurnoverSeries, day: date) -> tuple[bool, str | None]:
        return turnover_freshness(series, day, self.calendar, self.settings, self.now())

    def _fetch_until(self, day: date) -> str | None:
        """Try to fill the store up to ``day``; the first error line, or None."""
        try:
            result = self.update(end=day)
        except MarketDataError as exc:
            return one_line(exc)
        return result.errors[0] if result.errors else None

    def _resolve_stored(self, day: date) -> tuple[TurnoverSeries, date, str | None]:
        """The stored session used for ``day`` (holidays move back), fetching it when allowed."""
        self.validate_date(day)
        series = self._series()
        if series.index(day) is not None:
            return series, day, None
        resolution = self.calendar.resolve(day)
        target = resolution.day
        note = resolution.note(self.settings.lang)
        if series.index(target) is None:
            why = None
            if self.settings.auto_fetch and (series.last_date is None or target > series.last_date):
                why = self._fetch_until(target)
                series = self._series()
            if series.index(target) is None:
                raise missing_day_error(target, series, why, self.calendar, self.settings, self.now())
        return series, target, note

    def _latest_series(self) -> TurnoverSeries:
        series = self._series()
        if self.settings.auto_fetch:
            expected = self.calendar.latest_session(self.now())
            if series.last_date is None or series.last_date < expected:
                why = self._fetch_until(expected)
                if why:
                    log.warning("update before answering failed: %s", why)
                series = self._series()
        if series.last_date is None:
            raise NoDataError(f"本地没有成交额数据；运行 {UPDATE_HINT}" if self._zh() else "the store is empty")
        return series

    # --- public API -----------------------------------------------------------
    def turnover(self, day: date | None = None) -> TurnoverReport:
        """Analytics for ``day`` (None = latest session with data); holidays resolve with a date_note."""
        if day is None:
            series = self._latest_series()
            target, note = series.dates[-1], None  # _latest_series raised if there is none
        else:
            series, target, note = self._resolve_stored(day)
        stale, freshness = self._freshness(series, target)
        return day_report(
            series,
            target,
            self.settings.turnover_thresholds_yi,
            requested_date=day,
            date_note=note,
            stale=stale,
            freshness_note=freshness,
        )

    def turnover_range(self, days: int = 20, end: date | None = None) -> RangeReport:
        """The ``days`` sessions ending at ``end`` (None = latest with data)."""
        if not 1 <= days <= MAX_RANGE_DAYS:
            raise ValueError(f"days must be between 1 and {MAX_RANGE_DAYS}, got {days}")
        if end is None:
            series = self._latest_series()
            target = series.dates[-1]  # _latest_series raised if there is none
        else:
            self.validate_date(end)
            series = self._series()
            if series.last_date is not None and end > series.last_date:
                series = self._latest_series()  # ask beyond the store: give what there is, say how fresh
            target = end
        last = series.index_on_or_before(target)
        if last is None:
            raise NoDataError(f"no turnover data on or before {target}", target)
        stale, freshness = self._freshness(series, series.dates[last])
        return range_report(
            series, target, days, self.settings.turnover_thresholds_yi, stale=stale, freshness_note=freshness
        )

    def compare(self, a: date, b: date) -> Comparison:
        report_a, report_b = self.turnover(a), self.turnover(b)
        series = self._series()
        yuan = [series.totals[series.index(r.date) or 0] for r in (report_a, report_b)]
        return comparison(report_a, report_b, yuan[0], yuan[1])

    def stats(self, query: StatsQuery) -> StatsResult:
        """Turnover statistics over a period (see tools.stats.models for the query and result types).

        Raises InvalidQueryError (a bad period spec or a missing threshold/date), InvalidDateError (a day before
        the data begins or in the future) or NoDataError (no stored session in the period).
        """
        from tools.stats.compute import compute
        from tools.stats.periods import parse_period, previous_bounds, query_bounds, resolve_period

        lang = self.settings.lang
        now = self.now()
        today, asof = now.date(), self.calendar.latest_session(now)
        bounds = query_bounds(query.period, query.dates, today, lang)
        for day in (query.date, query.since, *(query.dates or ())):
            if day is not None:
                self.validate_date(day)
        series = self._series()
        if self.settings.auto_fetch and (series.last_date is None or series.last_date < min(bounds.end, asof)):
            series = self._latest_series()
        span = resolve_period(bounds, series, self.calendar, asof, lang)
        other = None
        if query.measure == "compare":
            other_bounds = (
                parse_period(query.compare_to, today, lang)
                if query.compare_to
                else previous_bounds(span, series, today, lang)
            )
            other = resolve_period(other_bounds, series, self.calendar, asof, lang)
        latest = series.last_date
        # Stale only where the data stop before a period does: July 2026 is complete on 2026-07-31 data.
        cut_short = [
            p
            for p in (span.period, other.period if other else None)
            if p and p.last_session == latest and (p.end is None or latest is None or p.end > latest)
        ]
        stale, note = self._freshness(series, latest) if latest is not None and cut_short else (False, None)
        base = {
            "part": query.part,
            "period": span.period,
            "latest_date": latest,
            "stale": stale,
            "freshness_note": note,
        }
        return compute(query, series, span, base, lang=lang, other=other, calendar=self.calendar)

    def context(self, day: date | None = None) -> MarketContext:
        from tools.context import market_context

        now = self.now()
        if day is None:
            day = self.calendar.resolve(now.date()).day
        else:
            self.validate_date(day)
            day = self.calendar.resolve(day).day
        router = self._router_or_new() if self.settings.auto_fetch else None
        return market_context(day, self.settings, now=now, router=router, calendar=self.calendar)

    def intraday(self) -> IntradayTurnover | None:
        """The session trading right now, from the stored minute bars (refreshed first when live data is on);
        None outside trading hours or with no minute data for today. The full story is ``intraday_report``."""
        from tools.intraday.clock import market_state

        now = self.now()
        if market_state(now, self.calendar.is_trading_day(now.date())) not in ("open", "lunch"):
            return None
        data = self.intraday_data()
        try:
            if self.settings.auto_fetch:
                data.refresh_if_due(now)
            report = data.report()
        except MarketDataError as exc:
            log.info("intraday turnover unavailable: %s", exc)
            return None
        if not report.live:
            return None
        series = self._series()
        i = series.index_on_or_before(report.date - timedelta(days=1))
        previous = series.rows[i] if i is not None else None
        prev_yuan = previous.total_yuan if previous else None
        return IntradayTurnover(
            date=report.date,
            as_of=datetime.combine(report.date, report.at, self.settings.zone),
            total_yi=report.total_yi,
            sh_yi=report.sh_yi,
            sz_yi=report.sz_yi,
            prev_date=previous.date if previous else None,
            prev_total_yi=yuan_to_yi(prev_yuan) if prev_yuan else None,
            share_of_prev_pct=round(report.total_yuan / prev_yuan * 100, 1) if prev_yuan else None,
            prev_same_time_yi=report.prev.total_yi if report.prev else None,
            same_time_diff_yi=report.prev.diff_yi if report.prev else None,
            same_time_diff_pct=report.prev.diff_pct if report.prev else None,
            source=report.source,
        )

    # --- intraday (minute bars; tools.intraday.service) ----------------------------------
    def intraday_data(self, clock: Callable[[], datetime] | None = None) -> IntradayData:
        """The minute-bar facade with this instance's settings and clock (or ``clock``); its source breakers are
        shared."""
        from tools.intraday.service import IntradayData

        return IntradayData(self.settings, clock=clock or self._clock)

    def refresh_intraday(self, now: datetime | None = None) -> RefreshResult:
        """Fetch and store the latest minute bars (2 requests); see IntradayData.refresh."""
        return self.intraday_data().refresh(now)

    def intraday_report(self, day: date | None = None, at: time | None = None) -> IntradayReport:
        """Cumulative turnover of a session at a minute; see IntradayData.report."""
        return self.intraday_data().report(day, at)

    def chart(
        self,
        days: int = 60,
        end: date | None = None,
        highlight: date | None = None,
        path: Path | None = None,
        size: tuple[int, int] = (1200, 675),
        with_index: bool = True,
    ) -> bytes:
        """PNG bytes of the turnover chart (also written to ``path`` when given); ``with_index`` draws the
        上证指数 close over the bars (量价图: volume is read with price) where the closes are stored."""
        width, height = size
        if not (200 <= width <= 4000 and 150 <= height <= 4000):
            raise ValueError(f"chart size must be 200..4000 x 150..4000 pixels, got {width}x{height}")
        report = self.turnover_range(days, end or highlight)
        if highlight is not None:
            self.validate_date(highlight)
            series = self._series()
            i = series.index_on_or_before(highlight)
            highlight = series.dates[i] if i is not None else None
        from tools.daily.chart import render_turnover_chart

        return render_turnover_chart(
            report,
            thresholds_yi=self.settings.turnover_thresholds_yi,
            highlight=highlight or report.end,
            size=size,
            lang=self.settings.lang,
            path=path,
            with_index=with_index,
        )

    def latest_date(self) -> date | None:
        return self._series().last_date

    def boards(self) -> BoardData:
        """Board (sector) turnover over the same data_dir, clock, calendar and sources."""
        from tools.boards.service import BoardData

        return BoardData(self)

    def update(self, end: date | None = None) -> UpdateResult:
        """Incremental update from the live sources; returns tools.daily.sync.UpdateResult."""
        from tools.daily.sync import update_store

        result = update_store(
            self.store,
            self.settings,
            calendar=self.calendar,
            end=end,
            router=self._router_or_new(),
            now=self.now(),
        )
        if result.written:
            self.rows_written()
        return result

    def rows_written(self) -> None:
        """Call after writing rows to the store: the calendar learns sessions from it when it has no exchange list."""
        self._shared.calendar = TradingCalendar.load(self.settings, self.store)
