"""The alerts' view of the minute data: crossings with the figures and the estimate at their minute."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from pathlib import Path

from agent.intraday_feed import IntradayFeed, RefreshFailed
from config import Settings
from tests.bot.alert_harness import PAST, SH, TODAY, TODAY_BARS, Clock, first_minute, history, import_history
from tests.tools.intraday_fixtures import write_csv
from tools.importer import import_file, load_kind


class Refresh:
    """Stands in for the live refresh: imports today's bars up to a minute (the import path)."""

    def __init__(self, settings: Settings, tmp: Path) -> None:
        self.settings, self.tmp, self.upto, self.ok = settings, tmp, time(9, 30), True

    def __call__(self, now: datetime) -> object:
        bars = {at: v for at, v in TODAY_BARS.items() if at.time() <= self.upto}
        import_file(write_csv(self.tmp / "today.csv", bars), load_kind("intraday"), self.settings)
        return type("Result", (), {"ok": self.ok, "errors": [] if self.ok else ["eastmoney: HTTP 502"]})()


def test_crossings_carry_figures_and_the_estimate_at_their_minute(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", load_demo_corpus=False)
    import_history(settings, tmp_path / "history.csv")
    half = first_minute(TODAY_BARS, TODAY, 5000)
    clock = Clock(datetime.combine(TODAY, half, SH))
    refresh = Refresh(settings, tmp_path)
    feed = IntradayFeed(settings, clock=clock, refresh=refresh)

    async def run() -> None:
        assert await feed.is_trading_day(TODAY) and not await feed.is_trading_day(datetime(2026, 5, 16).date())
        assert (await feed.crossings(TODAY, [5000])).crossings == []  # nothing stored for today yet
        refresh.upto = half
        await feed.refresh()
        (crossing,) = (await feed.crossings(TODAY, [5000, 10000])).crossings
        assert crossing.at == datetime.combine(TODAY, half, SH) and crossing.threshold_yi == 5000
        mine = sum(sh + sz for at, (sh, sz) in TODAY_BARS.items() if at.time() <= half)
        before = sum(sh + sz for at, (sh, sz) in history().items() if at.date() == PAST[-1] and at.time() <= half)
        assert crossing.total_yi == round(mine / 1e8, 1) and crossing.prev_date == PAST[-1]
        assert abs(crossing.diff_yi - (mine - before) / 1e8) <= 0.1  # type: ignore[operator]
        assert crossing.estimate_yi is not None and crossing.estimate_sessions == 4
        assert crossing.estimate_low_yi is not None and crossing.estimate_high_yi is not None

        # The bar still forming a minute later already holds the crossing: it is dated now, not at its label.
        clock.now = datetime.combine(TODAY, half, SH) - timedelta(seconds=30)
        (early,) = (await feed.crossings(TODAY, [5000])).crossings
        assert early.at == clock.now.replace(second=0)

        refresh.ok = False
        try:
            await feed.refresh()
        except RefreshFailed as exc:
            assert "502" in str(exc)
        else:
            raise AssertionError("a failed refresh must raise")
        assert (await feed.chart_png(TODAY)).startswith(b"\x89PNG")

    asyncio.run(run())
