"""A Chinese-aware text splitter: chunks end at sentence marks (。！？；), not mid-word.

Most flashes fit one chunk; long articles are packed sentence by sentence with a
one-sentence overlap so a fact spanning a boundary stays findable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.models import NewsItem

MAX_CHUNK_CHARS = 320
OVERLAP_CHARS = 80

_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?；;\n])")
_CLAUSE_END_RE = re.compile(r"(?<=[，,、：:])")


@dataclass(frozen=True)
class Chunk:
    """One indexed piece of an item; ``text`` is what is embedded, tokenised and shown."""

    id: str
    item_id: str
    index: int
    text: str


def split_sentences(text: str) -> list[str]:
    return [part for part in (piece.strip() for piece in _SENTENCE_END_RE.split(text)) if part]


def _fit(sentence: str, limit: int) -> list[str]:
    """A sentence longer than ``limit`` is cut at clause marks, then hard-cut."""
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for clause in _CLAUSE_END_RE.split(sentence):
        while len(clause) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(clause[:limit])
            clause = clause[limit:]
        if len(current) + len(clause) > limit:
            pieces.append(current)
            current = ""
        current += clause
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece]


def split_text(text: str, max_chars: int = MAX_CHUNK_CHARS, overlap_chars: int = OVERLAP_CHARS) -> list[str]:
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    units = [piece for sentence in split_sentences(text) for piece in _fit(sentence, max_chars)]
    chunks: list[str] = []
    current: list[str] = []
    for unit in units:
        if current and sum(map(len, current)) + len(unit) > max_chars:
            chunks.append("".join(current))
            tail = current[-1]
            current = [tail] if len(tail) <= overlap_chars and len(tail) + len(unit) <= max_chars else []
        current.append(unit)
    if current:
        chunks.append("".join(current))
    return chunks


def chunk_item(item: NewsItem, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """Chunks of one item; each carries the title unless its text already does (telegraph 【title】)."""
    pieces = split_text(item.content, max_chars) or [item.title]
    chunks = []
    for index, piece in enumerate(pieces):
        text = piece if item.title and item.title in piece else f"{item.title}\n{piece}"
        chunks.append(Chunk(id=f"{item.id}#{index}", item_id=item.id, index=index, text=text))
    return chunks
