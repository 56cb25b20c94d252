"""Ingestion: raw records -> normalised, de-duplicated items -> chunks in Chroma, catalog and BM25.

Write order per batch is Chroma first (upsert by chunk id), then one catalog
transaction. An item exists once the catalog commits, so an interrupted run
leaves at most some Chroma chunks the catalog does not know: the next open
removes them (or the re-run overwrites them), and the BM25 index is rebuilt
from the catalog when it lags. Re-running a file adds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from retrieval.bm25_index import BM25Index, tokenize
from retrieval.catalog import Catalog, day_number
from retrieval.chroma_store import ChromaStore
from retrieval.chunking import Chunk, chunk_item
from retrieval.models import NewsItem
from retrieval.normalize import FieldMap, NormalizeError, content_hash, normalize_record
from retrieval.sources import RawRecord

log = logging.getLogger(__name__)
BATCH_ITEMS = 128


@dataclass(frozen=True)
class LineError:
    location: str
    reason: str

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


@dataclass
class IngestReport:
    added: int = 0
    skipped_duplicates: int = 0
    chunks: int = 0
    errors: list[LineError] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"added {self.added} items ({self.chunks} chunks), skipped {self.skipped_duplicates} "
            f"duplicates, {len(self.errors)} bad records"
        )

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.skipped_duplicates += other.skipped_duplicates
        self.chunks += other.chunks
        self.errors.extend(other.errors)


class IngestAbortedError(RuntimeError):
    """The store refused a write; what was committed before stays, a re-run resumes."""


class Ingestor:
    def __init__(self, store: ChromaStore, catalog: Catalog, bm25: BM25Index, batch_items: int = BATCH_ITEMS) -> None:
        self.store, self.catalog, self.bm25 = store, catalog, bm25
        self.batch_items = batch_items

    def run(
        self,
        entries: Iterable[RawRecord | NewsItem],
        fields: FieldMap = FieldMap(),
        default_source: str | None = None,
        progress: bool = False,
        total: int | None = None,
    ) -> IngestReport:
        report = IngestReport()
        bar = _progress(progress, total)
        pending: _Prepared | None = None
        # One worker embeds batch N+1 while this thread tokenises and writes batch N
        # (numpy releases the GIL in its matrix products).
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        try:
            fresh = self._fresh_items(entries, fields, default_source, report, bar)
            for batch in _batches(fresh, self.batch_items):
                prepared = self._prepare(batch, pool)
                if pending is not None:
                    self._commit(pending, report)
                pending = prepared
            if pending is not None:
                self._commit(pending, report)
                pending = None
        finally:
            if pending is not None:
                pending.embeddings.cancel()
            pool.shutdown(wait=True)
            bar.close()
            if report.added:
                self.bm25.rebuild(self.catalog)
        return report

    def _fresh_items(
        self,
        entries: Iterable[RawRecord | NewsItem],
        fields: FieldMap,
        default_source: str | None,
        report: IngestReport,
        bar,
    ) -> Iterator[NewsItem]:
        """Normalised items not stored yet nor seen earlier in this run (by id, url or content)."""
        seen_ids: set[str] = set()
        seen_urls: set[str] = set()
        seen_hashes: set[str] = set()
        for entry in entries:
            bar.update(1)
            item = self._normalise(entry, fields, default_source, report)
            if item is None:
                continue
            digest = content_hash(item.content)
            if (
                item.id in seen_ids
                or (item.url and item.url in seen_urls)
                or digest in seen_hashes
                or self.catalog.duplicate_of(item)
            ):
                report.skipped_duplicates += 1
                continue
            seen_ids.add(item.id)
            seen_hashes.add(digest)
            if item.url:
                seen_urls.add(item.url)
            yield item

    @staticmethod
    def _normalise(
        entry: RawRecord | NewsItem, fields: FieldMap, default_source: str | None, report: IngestReport
    ) -> NewsItem | None:
        record: Mapping[str, Any]
        if isinstance(entry, NewsItem):
            location, record, source = f"item {entry.id}", entry.model_dump(), default_source
        elif entry.error:
            report.errors.append(LineError(entry.location, entry.error))
            return None
        else:
            location, record = entry.location, entry.record or {}
            source = default_source or entry.default_source
        try:
            return normalize_record(record, fields, default_source=source)
        except NormalizeError as exc:
            report.errors.append(LineError(location, str(exc)))
        except Exception as exc:  # a malformed value must cost one record, not the run
            report.errors.append(LineError(location, f"unreadable record ({exc.__class__.__name__})"))
        return None

    def _prepare(self, items: list[NewsItem], pool: ThreadPoolExecutor) -> _Prepared:
        chunks: dict[str, list[Chunk]] = {item.id: chunk_item(item) for item in items}
        flat = [(item, chunk) for item in items for chunk in chunks[item.id]]
        texts = [chunk.text for _, chunk in flat]
        embeddings = pool.submit(self.store.embed_documents, texts)
        tokens = {chunk.id: tokenize(chunk.text) for _, chunk in flat}
        return _Prepared(items, chunks, flat, texts, tokens, embeddings)

    def _commit(self, batch: _Prepared, report: IngestReport) -> None:
        try:
            embeddings = batch.embeddings.result()
            self.store.upsert(
                ids=[chunk.id for _, chunk in batch.flat],
                embeddings=embeddings,
                documents=batch.texts,
                metadatas=[_chunk_metadata(item, chunk) for item, chunk in batch.flat],
            )
            self.catalog.add(batch.items, batch.chunks, batch.tokens)
        except Exception as exc:
            raise IngestAbortedError(
                f"the news store refused a write ({exc.__class__.__name__}: {str(exc)[:120]}); "
                f"{report.added} items were stored before it, re-run to resume"
            ) from exc
        report.added += len(batch.items)
        report.chunks += len(batch.flat)


@dataclass
class _Prepared:
    items: list[NewsItem]
    chunks: dict[str, list[Chunk]]
    flat: list[tuple[NewsItem, Chunk]]
    texts: list[str]
    tokens: dict[str, list[str]]
    embeddings: Future


def _chunk_metadata(item: NewsItem, chunk: Chunk) -> dict:
    metadata = {
        "item_id": item.id,
        "chunk": chunk.index,
        "day": day_number(item.published_at),
        "ts": int(item.published_at.timestamp()),
        "source": item.source,
        "title": item.title,
    }
    if item.url:
        metadata["url"] = item.url
    return metadata


def _batches(items: Iterable[NewsItem], size: int) -> Iterator[list[NewsItem]]:
    batch: list[NewsItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _NoBar:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(enabled: bool, total: int | None):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="item", desc="ingest", mininterval=0.5, leave=False)
