"""The catalog of ingested items and chunks: ``catalog.sqlite`` beside the local store, or the shared
database when the vectors are on a Chroma server (so every replica answers from the same news).

It is the record of what is *in* the knowledge base: an item counts as stored
once its catalog transaction commits, which happens only after its chunks are
in Chroma. It answers duplicate checks (id, url, content hash), stats and dates
without scanning Chroma, and holds each chunk's jieba tokens so the BM25 index
can be rebuilt without re-tokenising. A write bumps its ``store_revisions`` row,
so another replica knows to rebuild its BM25 index (:meth:`Catalog.changed_elsewhere`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    func,
    inspect,
    select,
    text,
)

from config.database import Database, RevisionWatch, Schema, create_tables, executemany_chunks, prepare, sqlite_database
from retrieval.chunking import Chunk
from retrieval.models import NewsItem
from retrieval.normalize import content_hash

DB_NAME = "catalog.sqlite"
REVISION = "news_catalog"  # its name in store_revisions

_meta = MetaData()
news_meta = Table("news_meta", _meta, Column("key", String, primary_key=True), Column("value", String, nullable=False))
news_items = Table(
    "news_items",
    _meta,
    Column("id", String, primary_key=True),
    Column("url", String),
    Column("content_hash", String, nullable=False),
    Column("title", String, nullable=False),
    Column("source", String, nullable=False),
    Column("published_at", String, nullable=False),
    Column("day", Integer, nullable=False),
    Column("tags", String, nullable=False),
    Column("n_chunks", Integer, nullable=False),
    Index("news_items_url", "url"),
    Index("news_items_hash", "content_hash"),
    Index("news_items_day", "day"),
)
news_chunks = Table(
    "news_chunks",
    _meta,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # the BM25 document order
    Column("id", String, nullable=False, unique=True),
    Column("item_id", String, nullable=False),
    Column("day", Integer, nullable=False),
    Column("text", String, nullable=False),
    Column("tokens", String, nullable=False),
    sqlite_autoincrement=True,
)
_i, _c = news_items.c, news_chunks.c
# Built once: every search reads its hits' records, and building the statement costs more than running it.
_RECORDS = (
    select(_c.id, _c.item_id, _c.text, _i.title, _i.source, _i.url, _i.published_at, _i.tags)
    .join(news_items, _i.id == _c.item_id)
    .where(_c.id.in_(bindparam("ids", expanding=True)))
)
# A catalog file written before the move names its tables meta, items and chunks (same columns).
_LEGACY = (("meta", "news_meta"), ("items", "news_items"), ("chunks", "news_chunks"))


def _rename_legacy_tables(conn: Connection) -> None:
    """Migration 1 (SQLite files only; a shared database never had the old names): keep the rows."""
    if conn.dialect.name != "sqlite":
        return
    have = set(inspect(conn).get_table_names())
    for old, new in _LEGACY:
        if old in have and new not in have:
            conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))


SCHEMA = Schema("news_catalog", (_rename_legacy_tables, create_tables(news_meta, news_items, news_chunks)))


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
    def __init__(self, source: Path | Database) -> None:
        self.db = source if isinstance(source, Database) else sqlite_database(Path(source))
        self._watch = RevisionWatch(self.db, REVISION)
        prepare(self.db, SCHEMA)

    @property
    def shared(self) -> bool:
        return self.db.shared

    def close(self) -> None:
        self.db.close()

    def changed_elsewhere(self) -> bool:
        """True when another process wrote the catalog since this one last looked (asked at most once a
        second; this process's own writes do not count)."""
        return self._watch.changed()

    def _scalar(self, query: Any) -> Any:
        with self.db.connect() as conn:
            return conn.execute(query).scalar()

    # --- meta ---------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        return self._scalar(select(news_meta.c.value).where(news_meta.c.key == key))

    def set_meta(self, key: str, value: str) -> None:
        stmt = self.db.insert(news_meta).values(key=key, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
        with self.db.connect() as conn:
            conn.execute(stmt)

    # --- duplicates ---------------------------------------------------------
    def duplicate_of(self, item: NewsItem) -> str | None:
        """The reason ``item`` is already stored (same id, url or content), else None."""
        with self.db.connect() as conn:
            if conn.execute(select(_i.id).where(_i.id == item.id)).first():
                return "id"
            if item.url and conn.execute(select(_i.id).where(_i.url == item.url).limit(1)).first():
                return "url"
            digest = content_hash(item.content)
            if conn.execute(select(_i.id).where(_i.content_hash == digest).limit(1)).first():
                return "content"
        return None

    # --- writes -------------------------------------------------------------
    def add(self, items: list[NewsItem], chunks: dict[str, list[Chunk]], tokens: dict[str, list[str]]) -> None:
        """Record items and their chunks in one transaction: all of a batch or none."""
        item_rows = [
            {
                "id": item.id,
                "url": item.url,
                "content_hash": content_hash(item.content),
                "title": item.title,
                "source": item.source,
                "published_at": item.published_at.isoformat(),
                "day": day_number(item.published_at),
                "tags": json.dumps(item.tags, ensure_ascii=False),
                "n_chunks": len(chunks[item.id]),
            }
            for item in items
        ]
        chunk_rows = [
            {
                "id": chunk.id,
                "item_id": item.id,
                "day": day_number(item.published_at),
                "text": chunk.text,
                "tokens": " ".join(tokens[chunk.id]),
            }
            for item in items
            for chunk in chunks[item.id]
        ]
        if not item_rows:
            return
        put_item = self.db.insert(news_items)
        put_item = put_item.on_conflict_do_update(
            index_elements=["id"], set_={c.name: put_item.excluded[c.name] for c in news_items.c if c.name != "id"}
        )
        put_chunk = self.db.insert(news_chunks)
        put_chunk = put_chunk.on_conflict_do_update(
            index_elements=["id"], set_={n: put_chunk.excluded[n] for n in ("item_id", "day", "text", "tokens")}
        )
        with self.db.transaction() as conn:
            for batch in executemany_chunks(item_rows):
                conn.execute(put_item, list(batch))
            for batch in executemany_chunks(chunk_rows):
                conn.execute(put_chunk, list(batch))
            self._watch.bump(conn)

    # --- reads --------------------------------------------------------------
    def chunk_count(self) -> int:
        return int(self._scalar(select(func.count()).select_from(news_chunks)))

    def chunk_ids(self) -> set[str]:
        with self.db.connect() as conn:
            return set(conn.execute(select(_c.id)).scalars())

    def chunk_table(self) -> tuple[list[str], list[str], list[int]]:
        """Chunk ids, item ids and days in index order (the BM25 document order)."""
        with self.db.connect() as conn:
            rows = conn.execute(select(_c.id, _c.item_id, _c.day).order_by(_c.seq)).all()
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    def iter_tokens(self) -> Iterator[list[str]]:
        with self.db.connect() as conn:
            rows = conn.execute(select(_c.tokens).order_by(_c.seq)).scalars().all()
        for tokens in rows:
            yield tokens.split(" ") if tokens else []

    def chunk_records(self, chunk_ids: Iterable[str]) -> dict[str, ChunkRecord]:
        ids = list(dict.fromkeys(chunk_ids))
        if not ids:
            return {}
        with self.db.connect() as conn:
            rows = conn.execute(_RECORDS, {"ids": ids}).all()
        return {
            row[0]: ChunkRecord(
                row[0], row[1], row[2], row[3], row[4], row[5], datetime.fromisoformat(row[6]), json.loads(row[7])
            )
            for row in rows
        }

    def stats(self) -> dict:
        with self.db.connect() as conn:
            items, first, last = conn.execute(
                select(func.count(), func.min(_i.published_at), func.max(_i.published_at))
            ).one()
            counted = func.count().label("n")
            by_source = select(_i.source, counted).group_by(_i.source).order_by(counted.desc(), _i.source)
            sources = {source: n for source, n in conn.execute(by_source)}
            days = conn.execute(select(func.count(func.distinct(_i.day)))).scalar()
        return {
            "items": items,
            "chunks": self.chunk_count(),
            "days": days,
            "first": first,
            "last": last,
            "sources": sources,
        }

    def latest_day(self) -> date | None:
        latest = self._scalar(select(func.max(_i.day)))
        return day_from_number(latest) if latest else None

    # --- repair -------------------------------------------------------------
    def clear(self) -> None:
        with self.db.transaction() as conn:
            conn.execute(delete(news_chunks))
            conn.execute(delete(news_items))
            self._watch.bump(conn)

    def remove_items_missing(self, present_chunk_ids: set[str]) -> None:
        """Forget items any of whose chunks the vector store lost, so a re-ingest restores them."""
        with self.db.connect() as conn:
            pairs = conn.execute(select(_c.id, _c.item_id)).all()
        missing = sorted({item for chunk, item in pairs if chunk not in present_chunk_ids})
        if not missing:
            return
        with self.db.transaction() as conn:
            for start in range(0, len(missing), 500):  # under SQLite's limit of bound parameters
                some = missing[start : start + 500]
                conn.execute(delete(news_chunks).where(_c.item_id.in_(some)))
                conn.execute(delete(news_items).where(_i.id.in_(some)))
            self._watch.bump(conn)
