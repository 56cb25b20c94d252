"""NewsKnowledgeBase: the one facade of the news layer (CONTRACT STUB, owned by the retrieval helper)."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from config import Settings
from retrieval.models import NewsHit, NewsItem


class NewsKnowledgeBase:
    @classmethod
    def open(cls, settings: Settings) -> "NewsKnowledgeBase":
        """Open (and on first use fill from the bundled demo corpus) the store named by settings."""
        raise NotImplementedError

    def search(self, query: str, date: date | None = None, window_days: int | None = None,
               k: int = 5) -> list[NewsHit]:
        raise NotImplementedError

    def ingest(self, items: Iterable[NewsItem]) -> "object":
        raise NotImplementedError

    def latest_date(self) -> date | None:
        raise NotImplementedError

    def stats(self) -> dict:
        raise NotImplementedError
