"""Types of the news knowledge base: a normalised news item and a search hit."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class NewsItem(BaseModel):
    """One normalised news item. ``published_at`` is timezone-aware (Asia/Shanghai)."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    content: str
    published_at: datetime
    source: str
    url: str | None = None
    tags: list[str] = []


class NewsHit(BaseModel):
    """One search result; ``snippet`` is a short excerpt of the matching chunk."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    published_at: datetime
    source: str
    url: str | None = None
    snippet: str
    score: float
    tags: list[str] = []

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=True)
