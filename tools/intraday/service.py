"""IntradayData: the facade for minute-bar 两市成交额 (refresh, reports at a minute T, crossings, chart).

``MarketData.intraday_data()`` returns one sharing its settings and clock; the
bot's alert job calls :meth:`refresh` then :meth:`new_crossings`. The minute
store and the source runner (its circuit breaker) are shared per ``data_dir``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from config import Settings
from tools.calendar import to_local
from tools.daily.models import yuan_to_yi
from tools.errors import InvalidDateError, MarketDataError, NoDataError, one_line
from tools.intraday import analytics as ia
from tools.intraday.clock import LAST_INDEX, MINUTE_INDEX, SESSION_MINUTES, index_at_or_before, market_state
from tools.intraday.models import (
    Crossing,
    IntradayCurves,
    IntradayReport,
    MinuteBar,
    Reconciliation,
    RefreshResult,
)
from tools.intraday.store import SessionMatrix, same_bar
from tools.registry import daily_handles, minute_handles
from tools.resilience import SourceRunner
from tools.sources import intraday as source

STALE_AFTER_REFRESHES = 3  # a live session whose newest bar is older than this many refresh intervals is stale


class IntradayData:
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime] | None = None,
        runner: Any = None,  # a tools.resilience.SourceRunner shared across refreshes (its breakers persist)
    ) -> None:
        self.settings = settings
        self._clock = clock
        minute = minute_handles(settings)
        self.store = minute.store
        self.runner: SourceRunner = runner or minute.runner

    def now(self) -> datetime:
        return to_local(self._clock() if self._clock else datetime.now(self.settings.zone), self.settings.zone)

    def _calendar(self) -> Any:
        return daily_handles(self.settings).calendar

    def _zh(self, lang: str | None) -> bool:
        return (lang or self.settings.lang) != "en"

    # --- refresh ------------------------------------------------------------------
    def refresh(self, now: datetime | None = None) -> RefreshResult:
        """Fetch the last 5 sessions' minute bars (2 requests) and store every complete bar; never raises for
        a failing source (``ok=False`` with ``errors``)."""
        moment = to_local(now, self.settings.zone) if now else self.now()
        before_requests = self.runner.requests_made
        before = self._latest_bar()
        try:
            sh = self.runner.call(source.SOURCE, lambda: source.minute_amounts(source.SH_CODE))
            sz = self.runner.call(source.SOURCE, lambda: source.minute_amounts(source.SZ_CODE))
        except MarketDataError as exc:
            return RefreshResult(
                requested_at=moment,
                ok=False,
                requests=self.runner.requests_made - before_requests,
                latest_bar=before,
                source=source.SOURCE,
                errors=[one_line(exc)],
            )
        bars = self._bars(sh, sz, moment)
        stored = self.store.stored({b.day for b in bars})
        changed = [b for b in bars if not self._unchanged(stored.get((b.day, b.minute)), b)]
        written = self.store.upsert(changed)
        after = self._latest_bar()
        return RefreshResult(
            requested_at=moment,
            ok=True,
            requests=self.runner.requests_made - before_requests,
            sessions=sorted({b.day for b in bars}),
            bars_written=written,
            bars_unchanged=len(bars) - len(changed),
            latest_bar=after,
            new_bar=after is not None and (before is None or after > before),
            source=source.SOURCE,
        )

    def refresh_if_due(self, now: datetime | None = None) -> RefreshResult | None:
        """Refresh when a session is trading (or just closed without its 15:00 bar) and the newest stored bar
        is older than ``intraday_refresh_s``; None when no refresh was due."""
        moment = to_local(now, self.settings.zone) if now else self.now()
        state = market_state(moment, self._calendar().is_trading_day(moment.date()))
        latest = self._latest_bar()
        if state == "closed":
            closed_at = datetime.combine(moment.date(), time(15, 0), self.settings.zone)
            due = moment - closed_at < timedelta(minutes=30) and (latest is None or latest < closed_at)
        elif state == "lunch":
            due = latest is None or latest < datetime.combine(moment.date(), time(11, 30), self.settings.zone)
        else:
            due = state == "open" and (
                latest is None or moment - latest > timedelta(seconds=self.settings.intraday_refresh_s)
            )
        return self.refresh(moment) if due else None

    @staticmethod
    def _unchanged(old: tuple[float, float, str] | None, bar: MinuteBar) -> bool:
        return old is not None and same_bar((old[0], old[1]), (bar.sh_yuan, bar.sz_yuan))

    def _bars(self, sh: dict[datetime, float], sz: dict[datetime, float], moment: datetime) -> list[MinuteBar]:
        """Minutes both indexes have, on the session grid, on weekdays, not after the bar forming at ``moment``."""
        limit = moment.replace(tzinfo=None, second=0, microsecond=0) + timedelta(minutes=1)
        fetched_at = datetime.now(UTC)
        label = f"{source.SOURCE}:{source.SH_CODE}+{source.SZ_CODE}"
        return [
            MinuteBar(
                day=at.date(), minute=at.time(), sh_yuan=sh[at], sz_yuan=sz[at], source=label, fetched_at=fetched_at
            )
            for at in sorted(sh.keys() & sz.keys())
            if at.time() in MINUTE_INDEX and at.weekday() < 5 and at <= limit
        ]

    def _latest_bar(self) -> datetime | None:
        m = self.store.matrix()
        if not m.days:
            return None
        present = m.present[-1].nonzero()[0]
        if not present.size:
            return None
        return datetime.combine(m.days[-1], SESSION_MINUTES[int(present[-1])], self.settings.zone)

    # --- reports ------------------------------------------------------------------
    def sessions(self) -> list[date]:
        """Sessions with stored minute bars, oldest first."""
        return self.store.sessions()

    def _target(
        self, m: SessionMatrix, day: date | None, at: time | None, lang: str | None
    ) -> tuple[int, int, str | None]:
        """(row, bar, note): the session and minute to report, and why it is not what was asked, said first."""
        zh, now = self._zh(lang), self.now()
        today, calendar = now.date(), self._calendar()
        trading_today = calendar.is_trading_day(today)
        state = market_state(now, trading_today)
        note: str | None = None
        if day is not None and day > today:
            raise InvalidDateError(f"{day} 是未来的日期（今天是 {today}）" if zh else f"{day} is in the future")
        if day is None:
            earlier = [d for d in m.days if d <= today]
            if not earlier:
                raise NoDataError(self._no_minutes(None, zh), today)
            day = earlier[-1]
            if day != today:
                note = self._closed_note(state, today, day, zh)
        i = m.row(day)
        if i is None:
            raise NoDataError(self._no_minutes(day, zh, calendar.is_trading_day(day)), day)
        present = m.present[i].nonzero()[0]
        last = int(present[-1])
        if day == today and state in ("open", "lunch", "pre_open"):
            now_index = index_at_or_before(now.time())
            last = min(last, now_index if now_index is not None else 0)
        if at is None:
            return i, last, note
        j = index_at_or_before(at)
        if j is None:
            raise NoDataError(
                f"{day} {at:%H:%M} 尚未开盘（9:30开盘），没有分钟数据"
                if zh
                else f"{day} {at:%H:%M} is before the 09:30 open",
                day,
            )
        if j > last:
            shown = SESSION_MINUTES[last]
            extra = (
                f"{day} {at:%H:%M} 还没有分钟数据，最新一分钟是 {shown:%H:%M}"
                if zh
                else f"no minute data for {day} {at:%H:%M} yet; the latest minute is {shown:%H:%M}"
            )
            note = f"{note}；{extra}" if note and zh else f"{note}; {extra}" if note else extra
            return i, last, note
        earlier_present = present[present <= j]
        return i, int(earlier_present[-1]) if earlier_present.size else j, note

    def _no_minutes(self, day: date | None, zh: bool, trading: bool = True) -> str:
        stored = self.store.sessions()
        span = f"{stored[0]} 至 {stored[-1]}" if stored and zh else f"{stored[0]} .. {stored[-1]}" if stored else ""
        if day is None:
            return (
                "本地还没有任何分钟成交额数据（交易时段内刷新后才有，或用 marketbot data import --kind intraday 导入）"
                if zh
                else "no minute turnover data stored yet (refresh during a session, or import with "
                "`marketbot data import --kind intraday`)"
            )
        if not trading:
            return f"{day} 不是交易日，没有分钟成交额" if zh else f"{day} is not a trading day; no minute data"
        where = (
            (f"（本地分钟数据：{span}）" if span else "（本地没有分钟数据）") if zh else f" (stored: {span or 'none'})"
        )
        return f"{day} 没有分钟成交额数据{where}" if zh else f"no minute turnover data for {day}{where}"

    @staticmethod
    def _closed_note(state: str, today: date, shown: date, zh: bool) -> str:
        if state == "non_trading_day":
            return (
                f"今天（{today}）休市，以下是最近交易日 {shown} 的数据"
                if zh
                else f"the market is closed today ({today}); figures for the last session, {shown}"
            )
        if state == "pre_open":
            return (
                f"今天（{today}）尚未开盘（9:30），以下是上一交易日 {shown} 的数据"
                if zh
                else f"the market has not opened yet today ({today}); figures for the last session, {shown}"
            )
        return (
            f"今天（{today}）还没有分钟数据（尚未刷新），以下是 {shown} 的数据"
            if zh
            else f"no minute data for today ({today}) yet (no refresh so far); figures for {shown}"
        )

    def _prev_row(self, m: SessionMatrix, i: int) -> int | None:
        previous = self._calendar().previous(m.days[i])
        k = m.row(previous)
        if k is None and i > 0 and m.days[i - 1] >= previous:
            k = i - 1
        return k

    def report(self, day: date | None = None, at: time | None = None, *, lang: str | None = None) -> IntradayReport:
        """Cumulative turnover of ``day`` (None: the current or latest session) as of ``at`` (None: its latest
        minute). Raises NoDataError (no minute data for that session) or InvalidDateError."""
        m = self.store.matrix()
        i, j, note = self._target(m, day, at, lang)
        zh, now = self._zh(lang), self.now()
        session = m.days[i]
        state = market_state(now, self._calendar().is_trading_day(now.date()))
        prev = self._prev_row(m, i)
        complete = m.complete(i)
        fields: dict[str, Any] = {}
        if complete and j == LAST_INDEX:
            fields["day_total_yi"] = yuan_to_yi(float(m.cum_total[i, LAST_INDEX]))
            fields["reconciliation"] = self._reconcile(session, float(m.cum_total[i, LAST_INDEX]))
        else:
            fields["estimate"] = ia.estimate(m, i, j, self.settings.intraday_estimate_sessions, "zh" if zh else "en")
        thresholds = sorted(self.settings.turnover_thresholds_yi)
        crossings = ia.crossings(m, i, j, thresholds, prev)
        reached = {c.threshold_yi for c in crossings}
        live = session == now.date() and state in ("open", "lunch")
        as_of = m.fetched_at[i]
        stale, freshness = False, None
        if live and (datetime.now(UTC) if self._clock is None else now) - as_of.astimezone(UTC) > timedelta(
            seconds=self.settings.intraday_refresh_s * STALE_AFTER_REFRESHES
        ):
            stale = True
            fetched = to_local(as_of, self.settings.zone)
            freshness = (
                f"分钟数据最后更新于 {fetched:%H:%M}，可能不是最新"
                if zh
                else f"minute data last fetched at {fetched:%H:%M}; may be behind"
            )
        return IntradayReport(
            date=session,
            at=SESSION_MINUTES[j],
            requested_date=day,
            requested_at=at,
            note=note,
            market_state=state,
            live=live,
            session_complete=complete,
            bars=int(m.present[i, : j + 1].sum()),
            missing_minutes=int((~m.present[i, : j + 1]).sum()),
            total_yi=yuan_to_yi(float(m.cum_total[i, j])),
            total_yuan=float(m.cum_total[i, j]),
            sh_yi=yuan_to_yi(float(m.cum_sh[i, j])),
            sz_yi=yuan_to_yi(float(m.cum_sz[i, j])),
            prev=ia.same_time(m, i, j, [prev] if prev is not None else [], "prev_session"),
            mean=ia.same_time(m, i, j, ia.complete_rows_before(m, i, ia.MEAN_SESSIONS), "mean"),
            crossings=crossings,
            next_threshold_yi=next((t for t in thresholds if t not in reached), None),
            source=m.sources[i],
            as_of=as_of,
            stale=stale,
            freshness_note=freshness,
            **fields,
        )

    def _reconcile(self, day: date, minutes_yuan: float) -> Reconciliation | None:
        row = daily_handles(self.settings).store.get(day)
        if row is None:
            return None
        return Reconciliation(
            minutes_total_yi=yuan_to_yi(minutes_yuan),
            daily_total_yi=yuan_to_yi(row.total_yuan),
            daily_source=row.source,
            diff_yi=yuan_to_yi(minutes_yuan - row.total_yuan),
            diff_pct=round((minutes_yuan - row.total_yuan) / row.total_yuan * 100, 2),
        )

    # --- crossings ----------------------------------------------------------------
    def crossings(self, day: date, thresholds_yi: Sequence[float] | None = None) -> list[Crossing]:
        """Every threshold ``day`` reached so far, in order (default thresholds from settings). During a session
        this includes the bar still forming (labelled with the next minute), so a crossing is seen at once."""
        m = self.store.matrix()
        i = m.row(day)
        if i is None:
            return []
        present = m.present[i].nonzero()[0]
        if not present.size:
            return []
        lines = thresholds_yi if thresholds_yi is not None else self.settings.turnover_thresholds_yi
        return ia.crossings(m, i, int(present[-1]), lines, self._prev_row(m, i))

    def new_crossings(
        self, day: date, thresholds_yi: Sequence[float] | None = None, since: time | None = None
    ) -> list[Crossing]:
        """Crossings of ``day`` whose minute is after ``since`` (None: all of them)."""
        return [c for c in self.crossings(day, thresholds_yi) if since is None or c.at > since]

    # --- chart --------------------------------------------------------------------
    def curves(self, day: date | None = None, at: time | None = None) -> IntradayCurves:
        """The cumulative curves the chart draws."""
        m = self.store.matrix()
        i, j, _ = self._target(m, day, at, None)
        return ia.curves(m, i, j, self._prev_row(m, i), self.settings.turnover_thresholds_yi, m.days[i])

    def chart(
        self,
        day: date | None = None,
        at: time | None = None,
        *,
        size: tuple[int, int] = (1200, 675),
        path: Path | None = None,
    ) -> bytes:
        """PNG bytes of the intraday chart (tools.intraday.chart.render_intraday_chart)."""
        from tools.intraday.chart import render_intraday_chart

        return render_intraday_chart(self.curves(day, at), size=size, lang=self.settings.lang, path=path)
