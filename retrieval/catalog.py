"""The local catalog of ingested items and chunks (SQLite, next to the store).

It is the record of what is *in* the knowledge base: an item counts as stored
once its catalog transaction commits, which happens only after its chunks are
in Chroma. It answers duplicate checks (id, url, content hash), stats and dates
without scanning Chroma, and holds each chunk's jieba tokens so the BM25 index
can be rebuilt without re-tokenising.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from retrieval.chunking import Chunk
from retrieval.models import NewsItem
from retrieval.normalize import content_hash

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, url TEXT, content_hash TEXT NOT NULL, title TEXT NOT NULL,
    source TEXT NOT NULL, published_at TEXT NOT NULL, day INTEGER NOT NULL,
    tags TEXT NOT NULL, n_chunks INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS items_url ON items(url);
CREATE INDEX IF NOT EXISTS items_hash ON items(content_hash);
CREATE INDEX IF NOT EXISTS items_day ON items(day);
CREATE TABLE IF NOT EXISTS chunks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, item_id TEXT NOT NULL,
    day INTEGER NOT NULL, text TEXT NOT NULL, tokens TEXT NOT NULL);
"""


def day_number(value: date | datetime) -> int:
    """YYYYMMDD as an int: sortable and filterable in Chroma metadata."""
    return value.year * 10000 + value.month * 100 + value.day


def day_from_number(number: int) -> date:
    return date(number // 10000, number // 100 % 100, number % 100)


@dataclass(frozen=True)
class ChunkRecord:
    id: str
    item_id: str
    text: str
    title: str
    source: str
    url: str | None
    published_at: datetime
    tags: list[str]


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    # --- meta ---------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- duplicates ---------------------------------------------------------
    def duplicate_of(self, item: NewsItem) -> str | None:
        """The reason ``item`` is already stored (same id, url or content), else None."""
        if self._db.execute("SELECT 1 FROM items WHERE id=?", (item.id,)).fetchone():
            return "id"
        if item.url and self._db.execute("SELECT 1 FROM items WHERE url=?", (item.url,)).fetchone():
            return "url"
        digest = content_hash(item.content)
        if self._db.execute("SELECT 1 FROM items WHERE content_hash=?", (digest,)).fetchone():
            return "content"
        return None

    # --- writes -------------------------------------------------------------
    def add(self, items: list[NewsItem], chunks: dict[str, list[Chunk]], tokens: dict[str, list[str]]) -> None:
        """Record items and their chunks in one transaction: all of a batch or none."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO items VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        item.id,
                        item.url,
                        content_hash(item.content),
                        item.title,
                        item.source,
                        item.published_at.isoformat(),
                        day_number(item.published_at),
                        json.dumps(item.tags, ensure_ascii=False),
                        len(chunks[item.id]),
                    )
                    for item in items
                ],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO chunks(id, item_id, day, text, tokens) VALUES (?,?,?,?,?)",
                [
                    (chunk.id, item.id, day_number(item.published_at), chunk.text, " ".join(tokens[chunk.id]))
                    for item in items
                    for chunk in chunks[item.id]
                ],
            )

    # --- reads --------------------------------------------------------------
    def chunk_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def chunk_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM chunks")}

    def chunk_table(self) -> tuple[list[str], list[str], list[int]]:
        """Chunk ids, item ids and days in index order (the BM25 document order)."""
        rows = self._db.execute("SELECT id, item_id, day FROM chunks ORDER BY seq").fetchall()
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    def iter_tokens(self) -> Iterator[list[str]]:
        for (tokens,) in self._db.execute("SELECT tokens FROM chunks ORDER BY seq"):
            yield tokens.split(" ") if tokens else []

    def chunk_records(self, chunk_ids: Iterable[str]) -> dict[str, ChunkRecord]:
        ids = list(dict.fromkeys(chunk_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            "SELECT c.id, c.item_id, c.text, i.title, i.source, i.url, i.published_at, i.tags "
            f"FROM chunks c JOIN items i ON i.id = c.item_id WHERE c.id IN ({marks})",
            ids,
        )
        return {
            row[0]: ChunkRecord(
                row[0], row[1], row[2], row[3], row[4], row[5], datetime.fromisoformat(row[6]), json.loads(row[7])
            )
            for row in rows
        }

    def stats(self) -> dict:
        items, first, last = self._db.execute(
            "SELECT COUNT(*), MIN(published_at), MAX(published_at) FROM items"
        ).fetchone()
        sources = dict(self._db.execute("SELECT source, COUNT(*) FROM items GROUP BY source ORDER BY COUNT(*) DESC"))
        days = self._db.execute("SELECT COUNT(DISTINCT day) FROM items").fetchone()[0]
        return {
            "items": items,
            "chunks": self.chunk_count(),
            "days": days,
            "first": first,
            "last": last,
            "sources": sources,
        }

    def latest_day(self) -> date | None:
        row = self._db.execute("SELECT MAX(day) FROM items").fetchone()
        return day_from_number(row[0]) if row and row[0] else None

    # --- repair -------------------------------------------------------------
    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM chunks")
            self._db.execute("DELETE FROM items")

    def remove_items_missing(self, present_chunk_ids: set[str]) -> None:
        """Forget items any of whose chunks the vector store lost, so a re-ingest restores them."""
        missing = {
            item for chunk, item in self._db.execute("SELECT id, item_id FROM chunks") if chunk not in present_chunk_ids
        }
        with self._db:
            self._db.executemany("DELETE FROM chunks WHERE item_id=?", [(i,) for i in missing])
            self._db.executemany("DELETE FROM items WHERE id=?", [(i,) for i in missing])
