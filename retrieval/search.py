"""Date-aware hybrid search: dense (Chroma) + BM25 fused by reciprocal rank, near-duplicates collapsed.

With a date, only items within ``window_days`` of it are candidates and each is
down-weighted by how many days it lies from the asked day, so that day's news
comes first and the neighbours fill in. Without a date the whole store is
searched. Several outlets repeat one flash within minutes; those collapse into
the best-ranked hit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from retrieval.bm25_index import BM25Index, tokenize
from retrieval.catalog import Catalog, ChunkRecord, day_number
from retrieval.chroma_store import ChromaStore
from retrieval.models import NewsHit

Mode = Literal["hybrid", "dense", "bm25"]
RRF_K = 60
POOL = 60
DAY_DECAY = 0.5  # weight per day of distance from the asked day
DUPLICATE_JACCARD = 0.5  # character-bigram overlap above which two flashes say the same thing
DUPLICATE_SECONDS = 1800  # ...when published within this long of each other
# ...and their titles lead with the same figure: templated flashes ("突破1万亿", "突破1.5万亿")
# share most of their text, but a different milestone is different news.
SNIPPET_CHARS = 160
# A dated question about the whole market (turnover, indices) is best answered by that day's
# close wrap-up, which states the full-day figures; intraday flashes only give running totals.
WRAP_UP_BOOST = 1.5
_MARKET_QUESTION_RE = re.compile(r"成交额|成交金额|两市|三市|大盘|沪指|A股|放量|缩量|turnover|market", re.I)
_WRAP_UP_TITLE_RE = re.compile(r"收评|收盘|复盘")

_NON_TEXT_RE = re.compile(r"[\s\W_]+", re.U)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
# A date in the question is applied as the date filter; as words it would only match the
# dateline every item of that day carries ("财联社7月1日电").
_DATE_WORDS_RE = re.compile(
    r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\b(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?:,?\s*\d{4})?\b",
    re.I,
)


def strip_dates(query: str) -> str:
    stripped = " ".join(_DATE_WORDS_RE.sub(" ", query).split())
    return stripped or query


@dataclass(frozen=True)
class SearchResult:
    hit: NewsHit
    collapsed_ids: tuple[str, ...] = ()  # near-duplicate items merged into this hit


class HybridSearcher:
    def __init__(self, store: ChromaStore, bm25: BM25Index, catalog: Catalog) -> None:
        self.store, self.bm25, self.catalog = store, bm25, catalog

    def search(
        self, query: str, on: date | None = None, window_days: int = 3, k: int = 5, mode: Mode = "hybrid"
    ) -> list[SearchResult]:
        query = query.strip()
        if not query or k <= 0:
            return []
        day_range = None
        if on is not None:
            window = max(0, window_days)
            day_range = (day_number(on - timedelta(days=window)), day_number(on + timedelta(days=window)))
        terms = strip_dates(query) if on is not None else query
        tokens = tokenize(terms)
        pool = max(POOL, 4 * k)
        rankings: list[list[str]] = []
        if mode in ("hybrid", "dense"):
            dense = self.store.query(self.store.embed_query(terms), pool, day_range)
            rankings.append([chunk_id for chunk_id, _ in dense])
        if mode in ("hybrid", "bm25"):
            rankings.append([chunk_id for chunk_id, _ in self.bm25.top(tokens, pool, day_range)])
        fused: dict[str, float] = defaultdict(float)
        for ranking in rankings:
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] += 1.0 / (RRF_K + rank + 1)
        records = self.catalog.chunk_records(fused)
        market_question = bool(_MARKET_QUESTION_RE.search(query))
        best: dict[str, tuple[float, ChunkRecord]] = {}
        for chunk_id, score in fused.items():
            record = records.get(chunk_id)
            if record is None:  # in Chroma but not committed to the catalog: not in the store
                continue
            if on is not None:
                score *= DAY_DECAY ** abs((record.published_at.date() - on).days)
                if market_question and _WRAP_UP_TITLE_RE.search(record.title):
                    score *= WRAP_UP_BOOST
            if record.item_id not in best or score > best[record.item_id][0]:
                best[record.item_id] = (score, record)
        ranked = sorted(best.values(), key=lambda pair: (-pair[0], -pair[1].published_at.timestamp()))
        top_score = len(rankings) / (RRF_K + 1)
        return _collapse(ranked, query, tokens, k, top_score)


def _bigrams(text: str) -> set[str]:
    core = _NON_TEXT_RE.sub("", text)[:200]
    return {core[i : i + 2] for i in range(len(core) - 1)}


def _lead_figure(title: str) -> str | None:
    match = _NUMBER_RE.search(title)
    return match.group() if match else None


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _collapse(
    ranked: list[tuple[float, ChunkRecord]], query: str, tokens: list[str], k: int, top_score: float
) -> list[SearchResult]:
    kept: list[tuple[ChunkRecord, str | None, set[str], list[str]]] = []
    results: list[tuple[float, ChunkRecord, list[str]]] = []
    for score, record in ranked:
        figure, grams = _lead_figure(record.title), _bigrams(record.text)
        duplicate_of = next(
            (
                merged
                for other, other_figure, other_grams, merged in kept
                if abs((other.published_at - record.published_at).total_seconds()) <= DUPLICATE_SECONDS
                and other_figure == figure
                and _jaccard(grams, other_grams) >= DUPLICATE_JACCARD
            ),
            None,
        )
        if duplicate_of is not None:
            duplicate_of.append(record.item_id)
            continue
        if len(results) >= k:
            continue  # still scanning, so later near-duplicates of kept hits are recorded
        merged: list[str] = []
        kept.append((record, figure, grams, merged))
        results.append((score, record, merged))
    return [
        SearchResult(_hit(record, score / top_score, query, tokens), tuple(merged)) for score, record, merged in results
    ]


def _hit(record: ChunkRecord, score: float, query: str, tokens: list[str]) -> NewsHit:
    return NewsHit(
        id=record.item_id,
        title=record.title,
        published_at=record.published_at,
        source=record.source,
        url=record.url,
        snippet=make_snippet(record.text, record.title, query, tokens),
        score=round(min(score, 1.0), 4),
        tags=record.tags,
    )


def make_snippet(text: str, title: str, query: str, tokens: list[str], limit: int = SNIPPET_CHARS) -> str:
    """At most ``limit`` characters of ``text`` around the first place the query matches."""
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]
    text = text.replace("\n", " ")
    if len(text) <= limit:
        return text
    position = -1
    for token in sorted(set(tokens) | {query}, key=len, reverse=True):
        position = text.find(token)
        if position >= 0:
            break
    start = max(0, min(position - limit // 4, len(text) - (limit - 2))) if position > 0 else 0
    end = start + limit - (1 if start else 0) - 1
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
