"""MarketData: the one facade of the market data layer (CONTRACT STUB, owned by the analytics helper).

The agent's tools and the CLI call only this. Every method returns the typed
results of ``tools.models`` or raises the typed errors of ``tools.errors``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from config import Settings
from tools.models import Comparison, IntradayTurnover, MarketContext, RangeReport, TurnoverReport


class MarketData:
    def __init__(self, settings: Settings) -> None:
        raise NotImplementedError

    def turnover(self, day: date | None = None) -> TurnoverReport:
        """Analytics for ``day`` (None = latest session with data); holidays resolve with a date_note."""
        raise NotImplementedError

    def turnover_range(self, days: int = 20, end: date | None = None) -> RangeReport:
        raise NotImplementedError

    def compare(self, a: date, b: date) -> Comparison:
        raise NotImplementedError

    def context(self, day: date | None = None) -> MarketContext:
        raise NotImplementedError

    def intraday(self) -> IntradayTurnover | None:
        """So far today during trading hours (live only); None outside trading hours or offline."""
        raise NotImplementedError

    def chart(self, days: int = 60, end: date | None = None, highlight: date | None = None,
              path: Path | None = None, size: tuple[int, int] = (1200, 675)) -> bytes:
        """PNG bytes of the turnover chart (also written to ``path`` when given)."""
        raise NotImplementedError

    def latest_date(self) -> date | None:
        raise NotImplementedError

    def update(self) -> "object":
        """Incremental update from the live sources; returns tools.sync.UpdateResult."""
        raise NotImplementedError
