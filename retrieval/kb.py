"""NewsKnowledgeBase: the one facade of the news layer.

Parts, all under ``settings.data_dir``: the Chroma collection (or a Chroma
server), the catalog (``news_index/<collection>/catalog.sqlite``, or the shared
database with a Chroma server and ``MARKETBOT_DATABASE_URL``), the BM25 index
(always local, rebuilt when another replica changed the catalog), and jieba's
dictionary cache. Opening reconciles them, so a run killed mid-ingest leaves
nothing half-visible.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from config import Settings
from config.database import open_database
from retrieval.bm25_index import BM25Index, warm_jieba
from retrieval.catalog import DB_NAME, Catalog
from retrieval.chroma_store import ChromaStore, EmbedderMismatchError
from retrieval.ingest import Ingestor, IngestReport
from retrieval.models import NewsHit, NewsItem
from retrieval.normalize import FieldMap
from retrieval.search import HybridSearcher, Mode, SearchResult
from retrieval.sources import RawRecord, count_records, read_feed, read_file

log = logging.getLogger(__name__)
DEMO_CORPUS = Path(__file__).parent / "data" / "demo_news.jsonl"


class NewsKnowledgeBase:
    def __init__(self, settings: Settings, store: ChromaStore, catalog: Catalog, bm25: BM25Index) -> None:
        self.settings = settings
        self.store, self.catalog, self.bm25 = store, catalog, bm25
        self._searcher = HybridSearcher(store, bm25, catalog)
        self._ingestor = Ingestor(store, catalog, bm25)
        self._lock = threading.RLock()

    @classmethod
    def open(cls, settings: Settings, demo_path: Path | None = None) -> NewsKnowledgeBase:
        """Open (and on first use fill from the bundled demo corpus) the store named by settings."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        warm_jieba(settings.data_dir)
        sidecar = settings.data_dir / "news_index" / _sidecar_name(settings)
        catalog = _open_catalog(settings, sidecar)
        try:
            # Checked before the store is opened: opening creates a missing collection, stamped
            # with the embedder asked for, which would then contradict this very message.
            recorded = catalog.get_meta("embedder")
            if recorded and recorded != settings.embedder:
                raise EmbedderMismatchError(
                    f"the news index in {sidecar} was built with embedder {recorded!r}, settings ask "
                    f"for {settings.embedder!r}: set MARKETBOT_EMBEDDER={recorded} or use another data dir"
                )
            store = ChromaStore(settings)
            catalog.set_meta("embedder", settings.embedder)
            _reconcile(store, catalog)
            bm25 = BM25Index(sidecar / "bm25")
            bm25.load_or_rebuild(catalog)
            catalog.changed_elsewhere()  # what the index was built from counts as seen
            kb = cls(settings, store, catalog, bm25)
            demo = demo_path or DEMO_CORPUS
            if settings.load_demo_corpus and catalog.chunk_count() == 0 and demo.is_file():
                report = kb.ingest_files([demo], default_source="marketbot-demo")
                if report.errors:
                    log.warning("demo corpus: %d bad records, first: %s", len(report.errors), report.errors[0])
        except BaseException:
            catalog.close()
            raise
        return kb

    def close(self) -> None:
        self.catalog.close()

    # --- search ---------------------------------------------------------------
    def search(self, query: str, date: date | None = None, window_days: int | None = None, k: int = 5) -> list[NewsHit]:
        """Hits for ``query``; with ``date``: that day's items first, then up to ``window_days`` around it."""
        return [result.hit for result in self.search_results(query, date, window_days, k)]

    def search_results(
        self, query: str, date: date | None = None, window_days: int | None = None, k: int = 5, mode: Mode = "hybrid"
    ) -> list[SearchResult]:
        """Like ``search``, also naming the near-duplicates merged into each hit (for evaluation)."""
        window = self.settings.news_window_days if window_days is None else window_days
        with self._lock:
            if self.catalog.changed_elsewhere():  # another replica (or `marketbot ingest`) added news
                self.bm25.rebuild(self.catalog)
            return self._searcher.search(query, date, window, k, mode)

    def latest_date(self) -> date | None:
        return self.catalog.latest_day()

    # --- ingestion --------------------------------------------------------------
    def ingest(
        self,
        items: Iterable[NewsItem | RawRecord],
        fields: FieldMap = FieldMap(),
        default_source: str | None = None,
        progress: bool = False,
        total: int | None = None,
    ) -> IngestReport:
        with self._lock:
            return self._ingestor.run(items, fields, default_source, progress, total)

    def ingest_files(
        self,
        paths: Sequence[Path],
        fields: FieldMap = FieldMap(),
        default_source: str | None = None,
        progress: bool = False,
    ) -> IngestReport:
        report = IngestReport()
        for path in paths:
            total = count_records(path) if progress else None
            source = default_source or _source_from_filename(path)
            report.merge(self.ingest(read_file(path), fields, source, progress, total))
        return report

    def ingest_feed(self, spec: str, progress: bool = False) -> IngestReport:
        settings = self.settings
        # Fetched before taking the lock: searches need not wait on the network.
        records = list(read_feed(spec, settings.http_timeout_s, settings.http_retries + 1))
        return self.ingest(records, progress=progress, total=len(records) if progress else None)

    def stats(self) -> dict:
        stats = self.catalog.stats()
        stats.update(
            embedder=self.settings.embedder,
            vector_count=self.store.count(),
            store=(
                f"chroma server {self.settings.chroma_host}:{self.settings.chroma_port}"
                if self.settings.chroma_host
                else str(self.settings.data_dir / "chroma")
            ),
            collection=self.settings.chroma_collection,
        )
        return stats


def _open_catalog(settings: Settings, sidecar: Path) -> Catalog:
    """The shared database's catalog when the vectors are on a Chroma server every replica reads (with local
    Chroma each replica has its own vectors, so its catalog stays beside them)."""
    if settings.database_url is None or not settings.chroma_host:
        return Catalog(sidecar / DB_NAME)
    catalog = Catalog(open_database(settings, DB_NAME))
    name = _sidecar_name(settings)
    recorded = catalog.get_meta("collection")
    if recorded is None:
        catalog.set_meta("collection", name)
    elif recorded != name:
        catalog.close()
        raise EmbedderMismatchError(
            f"the shared news catalog belongs to Chroma collection {recorded!r}, settings name {name!r}: one "
            "collection per database (set MARKETBOT_CHROMA_COLLECTION, _HOST and _PORT as the other replicas do)"
        )
    return catalog


def _sidecar_name(settings: Settings) -> str:
    if settings.chroma_host:
        return f"{settings.chroma_collection}@{settings.chroma_host}_{settings.chroma_port}"
    return settings.chroma_collection


def _source_from_filename(path: Path) -> str | None:
    # A file without a source field (the telegraph archive) is named after what it holds.
    name = path.name.lower()
    for prefix, source in (("cls", "cls"), ("eastmoney", "eastmoney"), ("em_", "eastmoney")):
        if name.startswith(prefix):
            return source
    return None


def _reconcile(store: ChromaStore, catalog: Catalog) -> None:
    """Make Chroma and the catalog agree after an interrupted run or a reset store."""
    vectors, chunks = store.count(), catalog.chunk_count()
    if vectors == chunks:
        return
    if vectors == 0:
        log.warning("news store is empty but the catalog lists %d chunks: re-indexing from scratch", chunks)
        catalog.clear()
        return
    if store.remote:
        return  # a shared server may hold other writers' chunks: never delete there
    stored = store.all_ids()
    known = catalog.chunk_ids()
    orphans = [chunk_id for chunk_id in stored if chunk_id not in known]
    if orphans:
        log.info("removing %d chunks left by an interrupted ingest", len(orphans))
        store.delete(orphans)
    if vectors - len(orphans) < chunks:
        catalog.remove_items_missing(set(stored))  # orphans are in no item: they change nothing
