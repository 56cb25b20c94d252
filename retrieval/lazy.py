"""A news knowledge base opened on first use, so a question that needs no news never pays for it.

Opening ``NewsKnowledgeBase`` imports chromadb and the BM25 stack and loads jieba's dictionary (about a
second in a fresh process, several on a first run while the demo index is built); a statistics or
intraday question reads none of it. This module imports none of that itself: ``retrieval.kb`` is
imported inside ``_kb()``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from config import Settings

if TYPE_CHECKING:
    from retrieval.kb import NewsKnowledgeBase


class LazyNewsKnowledgeBase:
    """Stands in for ``NewsKnowledgeBase``: every attribute is the opened knowledge base's."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._opened: NewsKnowledgeBase | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._opened is not None

    def _kb(self) -> NewsKnowledgeBase:
        with self._lock:  # the bot answers from threads: open once
            if self._opened is None:
                from retrieval.kb import NewsKnowledgeBase

                self._opened = NewsKnowledgeBase.open(self.settings)
            return self._opened

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not set in __init__: everything the real knowledge base has.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._kb(), name)

    def close(self) -> None:
        """Closes only what was opened (closing an unopened one opens nothing)."""
        if self._opened is not None:
            self._opened.close()


def open_lazily(settings: Settings) -> NewsKnowledgeBase:
    """The knowledge base for ``settings``, opened when first used (typed as the real one)."""
    return LazyNewsKnowledgeBase(settings)  # type: ignore[return-value]
