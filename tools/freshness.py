"""How fresh the stored data is, and what to say when it is not (daily turnover and boards share the rule)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from config import Settings
from tools.calendar import TradingCalendar
from tools.daily.analytics import TurnoverSeries
from tools.errors import NoDataError

UPDATE_HINT = "marketbot data update"


def stale_until(calendar: TradingCalendar, latest: date, now: datetime, stale_after_days: int) -> date | None:
    """The newest session the calendar expects when data ending on ``latest`` are at least
    ``stale_after_days`` (at least 1) sessions behind it; None while the data count as fresh."""
    expected = calendar.latest_session(now)
    if latest >= expected:
        return None
    behind = len(calendar.sessions(latest + timedelta(days=1), expected))
    return expected if behind >= max(1, stale_after_days) else None


def turnover_freshness(
    series: TurnoverSeries, day: date, calendar: TradingCalendar, settings: Settings, now: datetime
) -> tuple[bool, str | None]:
    """Stale when ``day`` is the store's latest and the calendar expects a newer session."""
    latest = series.last_date
    if latest is None or day != latest:
        return False, None
    expected = stale_until(calendar, latest, now, settings.stale_after_days)
    if expected is None:
        return False, None
    row = series.rows[-1]
    bundled = row.source.startswith("snapshot")
    if settings.lang != "en":
        origin = "内置历史快照" if bundled else f"更新于 {row.fetched_at.astimezone(settings.zone):%Y-%m-%d %H:%M}"
        note = f"数据截至 {latest}（{origin}），不是最新交易日（{expected}）的数据；运行 {UPDATE_HINT} 更新"
    else:
        origin = "bundled snapshot" if bundled else f"fetched {row.fetched_at:%Y-%m-%d %H:%M} UTC"
        note = f"Data ends on {latest} ({origin}); the latest session is {expected}. Run `{UPDATE_HINT}` to update."
    return True, note


def missing_day_error(
    day: date, series: TurnoverSeries, why: str | None, calendar: TradingCalendar, settings: Settings, now: datetime
) -> NoDataError:
    """The NoDataError for a session with no stored turnover: not closed yet, the fetch error, or how to update."""
    latest = series.last_date
    not_closed = day == now.date() and calendar.latest_session(now) < day
    if settings.lang != "en":
        msg = f"{day} 的两市成交额尚无数据（本地数据截至 {latest}）"
        if not_closed:
            msg = f"{day} 尚未收盘，全天成交额在 15:00 收盘后才有（本地数据截至 {latest}）"
        elif why:
            msg += f"；获取失败：{why}"
        elif not settings.auto_fetch:
            msg += f"；运行 {UPDATE_HINT} 获取最新数据"
    else:
        msg = f"no turnover for {day} in the local data (it ends on {latest})"
        if not_closed:
            msg = f"{day}'s session has not closed yet (15:00); local data ends on {latest}"
        elif why:
            msg += f"; fetching failed: {why}"
        elif not settings.auto_fetch:
            msg += f"; run `{UPDATE_HINT}` to fetch newer days"
    return NoDataError(msg, day)
