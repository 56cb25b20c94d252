"""The keyword side: BM25 (bm25s) over jieba tokens, persisted next to the store.

Local Chroma has no sparse search, and a dense embedder can miss an exact term
(a stock code, a figure, a rare name); BM25 catches those. bm25s indexes are
immutable, so an ingest rebuilds the index from the tokens kept in the catalog
(no re-tokenising) and swaps it in atomically.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from pathlib import Path

import numpy as np

from retrieval.catalog import Catalog

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG

_jieba_lock = threading.Lock()
_jieba_ready = False
# Function words and question words: frequent in questions, useless (or misleading) as match terms.
STOPWORDS = frozenset(
    ["的", "了", "在", "是", "和", "与", "及", "或", "也", "就", "都", "而", "为", "对", "于", "从", "把"]
    + ["被", "将", "之", "其", "这", "那", "个", "有", "又", "还", "吗", "呢", "吧", "啊", "么"]
    + ["今天", "今日", "昨天", "昨日", "当天"]
    + ["为什么", "什么", "怎么", "怎么样", "如何", "多少", "哪些", "哪个", "原因", "是否", "有没有", "请问", "一下"]
    + ["我", "你", "他", "她", "它", "我们", "你们", "他们"]
    + ["比", "多", "少", "上", "下", "中", "后", "前", "会", "能", "要", "让"]
    + ["a", "an", "the", "of", "to", "in", "on", "and", "or", "is", "are", "was", "what", "why", "how"]
)
# Market words jieba's general dictionary splits oddly; kept whole so they match as terms.
DOMAIN_WORDS = (
    "沪深两市",
    "沪深京三市",
    "两市",
    "成交额",
    "成交金额",
    "半日成交额",
    "放量",
    "缩量",
    "北向资金",
    "南向资金",
    "创业板指",
    "深成指",
    "沪指",
    "科创50",
    "上证指数",
    "万亿",
    "降准",
    "降息",
    "证监会",
    "央行",
    "国常会",
    "涨停",
    "跌停",
    "融资余额",
)
_KEEP_RE = re.compile(r"[\w\u4e00-\u9fff]", re.U)


def warm_jieba(cache_dir: Path | None = None) -> None:
    """Load jieba's dictionary once per process (outside any query), caching it under ``cache_dir``."""
    global _jieba_ready
    with _jieba_lock:
        if _jieba_ready:
            return
        import jieba

        jieba.setLogLevel(logging.WARNING)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            jieba.dt.cache_file = str(cache_dir / "jieba.cache")
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word, freq=200000)
        _jieba_ready = True


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens (sub-words too), lower-cased, punctuation and stopwords dropped."""
    warm_jieba()
    import jieba

    return [
        token
        for token in (raw.strip().lower() for raw in jieba.lcut_for_search(text))
        if token and token not in STOPWORDS and _KEEP_RE.search(token)
    ]


class BM25Index:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._retriever = None
        self.chunk_ids: list[str] = []
        self.item_ids: list[str] = []
        self.days = np.zeros(0, dtype=np.int32)

    @property
    def size(self) -> int:
        return len(self.chunk_ids)

    def load_or_rebuild(self, catalog: Catalog) -> None:
        """Load the saved index; rebuild it when it lags the catalog (e.g. after an interrupted run)."""
        chunk_ids, item_ids, days = catalog.chunk_table()
        saved = self._read_manifest()
        if saved == len(chunk_ids) and chunk_ids:
            import bm25s

            try:
                self._retriever = bm25s.BM25.load(str(self.directory / "index"), mmap=False)
                self._set_table(chunk_ids, item_ids, days)
                return
            except (OSError, ValueError, KeyError) as exc:  # a damaged index is rebuilt, not fatal
                log.warning("rebuilding BM25 index: %s", exc)
        self.rebuild(catalog)

    def rebuild(self, catalog: Catalog) -> None:
        import bm25s

        chunk_ids, item_ids, days = catalog.chunk_table()
        self._retriever = None
        if chunk_ids:
            retriever = bm25s.BM25()
            corpus = [tokens or [""] for tokens in catalog.iter_tokens()]
            retriever.index(corpus, show_progress=False)
            self._save(retriever, len(chunk_ids))
            self._retriever = retriever
        else:
            self._save(None, 0)
        self._set_table(chunk_ids, item_ids, days)

    def _set_table(self, chunk_ids: list[str], item_ids: list[str], days: list[int]) -> None:
        self.chunk_ids, self.item_ids = chunk_ids, item_ids
        self.days = np.asarray(days, dtype=np.int32)

    def _read_manifest(self) -> int:
        try:
            return int(json.loads((self.directory / "manifest.json").read_text())["n_docs"])
        except (OSError, ValueError, KeyError, TypeError):
            return -1

    def _save(self, retriever, n_docs: int) -> None:
        # Write a fresh directory, then swap: a crash leaves the old index or the new, never half.
        self.directory.mkdir(parents=True, exist_ok=True)
        staging = self.directory / "index.new"
        shutil.rmtree(staging, ignore_errors=True)
        if retriever is not None:
            retriever.save(str(staging))
        else:
            staging.mkdir()
        target = self.directory / "index"
        old = self.directory / "index.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
        manifest = self.directory / "manifest.json"
        manifest.with_suffix(".tmp").write_text(json.dumps({"n_docs": n_docs}))
        os.replace(manifest.with_suffix(".tmp"), manifest)

    def top(self, tokens: list[str], n: int, day_range: tuple[int, int] | None = None) -> list[tuple[str, float]]:
        """The ``n`` best chunks with a positive score, optionally within an inclusive day range."""
        if self._retriever is None or not tokens:
            return []
        known = [token for token in tokens if token in self._retriever.vocab_dict]
        if not known:
            return []
        scores = np.asarray(self._retriever.get_scores(known), dtype=np.float32)
        if day_range is not None:
            outside = (self.days < day_range[0]) | (self.days > day_range[1])
            scores = np.where(outside, 0.0, scores)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return []
        if positive.size > n:
            positive = positive[np.argpartition(-scores[positive], n - 1)[:n]]
        ordered = positive[np.argsort(-scores[positive], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in ordered]
