"""What every answerer gets: settings, the two data facades, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from config import Settings
from retrieval.lazy import open_lazily
from tools.service import MarketData

if TYPE_CHECKING:
    from retrieval.kb import NewsKnowledgeBase
    from tools.intraday.service import IntradayData


@dataclass
class AgentContext:
    settings: Settings
    market: MarketData
    news: NewsKnowledgeBase
    # Injected so tests can pin "today"; returns an aware datetime in settings.zone.
    now: Callable[[], datetime] = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.now is None:
            zone = self.settings.zone
            self.now = lambda: datetime.now(zone)

    def intraday(self) -> IntradayData:
        """The minute-bar facade on this context's clock: the agent's one way in to minute data."""
        return self.market.intraday_data(clock=self.now)

    @classmethod
    def open(cls, settings: Settings) -> AgentContext:
        # The news index opens on the first news search: a statistics question never loads it.
        return cls(settings=settings, market=MarketData(settings), news=open_lazily(settings))
