"""Retrieval quality of the news knowledge base: recall@5 and MRR for hybrid, dense-only, BM25-only.

    python benchmarks/retrieval_eval.py \
        ../shared/data/news/market_turnover_flashes_cls_em_ths_2026.jsonl \
        ../shared/data/news/cls_telegraph_2026-05-14_to_2026-08-22.slim.jsonl@2026-06-01..2026-06-30 \
        --questions benchmarks/retrieval_questions.jsonl

A corpus file may carry its own day range (``PATH@FROM..TO``); ``--from/--to`` is the range for
files without one. The corpus is loaded into a temporary store (default embedder, no demo corpus).
Questions file: JSON Lines {"question", "date": "YYYY-MM-DD" | null, "relevant_ids": [...]}.

Metrics (a hit counts as relevant when its id, or a near-duplicate collapsed into it, is listed):
recall@5 = share of questions with a relevant item in the top 5 (the target, >= 0.9);
MRR = mean reciprocal rank of the first relevant hit (0 when none in the top 5);
coverage@5 = mean share of each question's relevant ids found in the top 5.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from config import Settings  # noqa: E402
from retrieval.kb import NewsKnowledgeBase, _source_from_filename  # noqa: E402
from retrieval.models import NewsItem  # noqa: E402
from retrieval.normalize import NormalizeError, normalize_record  # noqa: E402
from retrieval.sources import RawRecord, read_file  # noqa: E402

MODES = ("hybrid", "dense", "bm25")
K = 5


def parse_corpus_arg(text: str, default: tuple[date | None, date | None]):
    if "@" in text:
        path, span = text.rsplit("@", 1)
        start, _, end = span.partition("..")
        return Path(path), (date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None)
    return Path(text), default


def records_in_range(path: Path, span: tuple[date | None, date | None]) -> Iterator[NewsItem | RawRecord]:
    start, end = span
    source = _source_from_filename(path)
    for entry in read_file(path):
        if entry.error or (start is None and end is None):
            yield entry
            continue
        try:
            item = normalize_record(entry.record or {}, default_source=source)
        except NormalizeError:
            yield entry  # reported by the ingest as usual
            continue
        day = item.published_at.date()
        if (start is None or day >= start) and (end is None or day <= end):
            yield item


def evaluate(kb: NewsKnowledgeBase, questions: list[dict], mode: str, window: int | None) -> dict:
    found = reciprocal = coverage = 0.0
    latencies = []
    misses = []
    for question in questions:
        relevant = {str(item) for item in question["relevant_ids"]}
        day = date.fromisoformat(question["date"]) if question.get("date") else None
        started = time.perf_counter()
        results = kb.search_results(question["question"], day, window, K, mode=mode)
        latencies.append(time.perf_counter() - started)
        seen: set[str] = set()
        first_rank = None
        for rank, result in enumerate(results, start=1):
            ids = {result.hit.id, *result.collapsed_ids}
            seen |= ids
            if first_rank is None and ids & relevant:
                first_rank = rank
        if first_rank:
            found += 1
            reciprocal += 1.0 / first_rank
        else:
            misses.append(question["question"])
        coverage += len(seen & relevant) / len(relevant) if relevant else 0.0
    n = len(questions) or 1
    latencies.sort()
    return {
        "mode": mode,
        "recall@5": found / n,
        "mrr": reciprocal / n,
        "coverage@5": coverage / n,
        "p50_ms": 1000 * latencies[len(latencies) // 2] if latencies else 0.0,
        "misses": misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", help="corpus file, optionally PATH@FROM..TO")
    parser.add_argument("--questions", required=True, type=Path)
    parser.add_argument("--from", dest="start", type=date.fromisoformat)
    parser.add_argument("--to", dest="end", type=date.fromisoformat)
    parser.add_argument("--window", type=int, default=None, help="days around a question's date")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    questions = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="marketbot-eval-") as tmp:
        settings = Settings(data_dir=Path(tmp), load_demo_corpus=False)
        kb = NewsKnowledgeBase.open(settings)
        started = time.perf_counter()
        for text in args.corpus:
            path, span = parse_corpus_arg(text, (args.start, args.end))
            report = kb.ingest(
                records_in_range(path, span), default_source=_source_from_filename(path), progress=sys.stderr.isatty()
            )
            print(f"{path.name} {span[0] or ''}..{span[1] or ''}: {report.summary()}")
        stats = kb.stats()
        print(
            f"corpus: {stats['items']} items, {stats['chunks']} chunks, "
            f"{stats['first'][:10]}..{stats['last'][:10]}, ingested in "
            f"{time.perf_counter() - started:.1f}s; {len(questions)} questions"
        )
        print(f"{'mode':8} {'recall@5':>9} {'MRR':>6} {'cover@5':>8} {'p50 ms':>7}")
        for mode in MODES:
            row = evaluate(kb, questions, mode, args.window)
            print(f"{mode:8} {row['recall@5']:9.3f} {row['mrr']:6.3f} {row['coverage@5']:8.3f} {row['p50_ms']:7.1f}")
            if args.show_misses:
                for miss in row["misses"]:
                    print(f"    miss: {miss}")
        kb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
