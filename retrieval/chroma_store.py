"""The dense side: one Chroma collection of chunk embeddings.

Embedded (``PersistentClient`` under ``data_dir/chroma``) by default; a Chroma
server (``HttpClient``) when settings name a host. The collection records the
embedder that filled it, and a store opened with another embedder is refused:
vectors from two models are not comparable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from config import Settings

# Importing embeddings registers marketbot's embedding functions with Chroma.
from retrieval.embeddings import get_embedding_function


class EmbedderMismatchError(RuntimeError):
    """The collection was built with a different embedder than settings ask for."""


class StoreUnavailableError(RuntimeError):
    """The Chroma server named in settings cannot be reached."""


def make_client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"({exc.__class__.__name__})"
            ) from exc
        return client
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class ChromaStore:
    def __init__(self, settings: Settings) -> None:
        from chromadb.errors import NotFoundError

        self.remote = bool(settings.chroma_host)
        self.embedding_function = get_embedding_function(settings.embedder)
        self.client = make_client(settings)
        name = settings.chroma_collection
        try:
            existing = self.client.get_collection(name)
        except NotFoundError:
            existing = None
        if existing is not None:
            built_with = (existing.metadata or {}).get("embedder")
            if built_with != settings.embedder:
                raise EmbedderMismatchError(
                    f"news collection {name!r} was built with embedder {built_with or 'unknown'!r}, "
                    f"but settings ask for {settings.embedder!r}; embeddings from different models "
                    f"cannot be mixed: set MARKETBOT_EMBEDDER={built_with} or use another "
                    "MARKETBOT_CHROMA_COLLECTION / data dir"
                )
            self.collection = self.client.get_collection(name, embedding_function=self.embedding_function)
        else:
            self.collection = self.client.create_collection(
                name,
                embedding_function=self.embedding_function,
                metadata={
                    "embedder": settings.embedder,
                    "dimensions": getattr(self.embedding_function, "dimensions", 0),
                },
                configuration={"hnsw": {"space": "cosine"}},
            )

    def count(self) -> int:
        return self.collection.count()

    def embed_documents(self, texts: Sequence[str]) -> list:
        return self.embedding_function(list(texts))

    def embed_query(self, text: str) -> list:
        return self.embedding_function.embed_query([text])

    def upsert(self, ids: list[str], embeddings: list, documents: list[str], metadatas: list[dict]) -> None:
        # upsert, not add: a batch re-sent after an interruption overwrites itself, never doubles.
        self.collection.upsert(ids=ids, embeddings=embeddings, documents=documents, metadatas=metadatas)

    def query(self, embedding: list, n: int, day_range: tuple[int, int] | None = None) -> list[tuple[str, float]]:
        """Nearest chunks as (chunk id, cosine similarity), best first."""
        total = self.count()
        if total == 0:
            return []
        where = None
        if day_range is not None:
            where = {"$and": [{"day": {"$gte": day_range[0]}}, {"day": {"$lte": day_range[1]}}]}
        result = self.collection.query(
            query_embeddings=embedding, n_results=min(n, total), where=where, include=["distances"]
        )
        ids = result["ids"][0] if result["ids"] else []
        distances = result["distances"][0] if result["distances"] else []
        return [(chunk_id, 1.0 - float(distance)) for chunk_id, distance in zip(ids, distances, strict=True)]

    def all_ids(self) -> list[str]:
        return list(self.collection.get(include=[])["ids"])

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 1000):
            self.collection.delete(ids=ids[start : start + 1000])
