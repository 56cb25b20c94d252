"""What the offline pipeline passes around: a part's reply, the news cited across parts, a handler.

A handler is one kind of question: ``recognise`` reads a part of the question into a ``Query`` (or None:
not mine), ``answer`` calls the tools and words the result. The order they are tried in is
``agent.offline.pipeline.HANDLERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from agent.answer import ChartRequest, SourceRef
from agent.context import AgentContext
from agent.offline.lookups import sources_of
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.wording import Lang

if TYPE_CHECKING:  # annotations only: news hits come from the news layer, opened when a question needs news
    from retrieval.models import NewsHit


@dataclass
class Citations:
    """News cited in one answer, numbered in the order first cited across all its parts."""

    lang: Lang = "zh"
    hits: list[NewsHit] = field(default_factory=list)

    def add(self, hits: Sequence[NewsHit]) -> int:
        """Number ``hits`` and return the number of the first one."""
        first = len(self.hits) + 1
        self.hits.extend(hits)
        return first

    def sources(self) -> list[SourceRef]:
        return sources_of(self.hits, 1, self.lang)


@dataclass
class Reply:
    """One part's answer: paragraphs in order, the state a follow-up needs, an optional chart."""

    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    chart: ChartRequest | None = None


Recognise = Callable[[Clause], Query | None]
AnswerFn = Callable[[AgentContext, Query, Citations], Reply]


@dataclass(frozen=True)
class Handler:
    name: str
    recognise: Recognise
    answer: AnswerFn
