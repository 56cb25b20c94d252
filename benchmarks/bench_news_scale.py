"""Scale benchmark of the news knowledge base: ingest a large archive, then time searches.

    python benchmarks/bench_news_scale.py ../shared/data/news/cls_telegraph_2026-05-14_to_2026-08-22.slim.jsonl

Reports items/s for the ingest (default embedder), peak RSS, on-disk size, the time to reopen
the store, and search latency p50/p95 over mixed queries (half with a date) at that size.
Targets: >= 60 items/s on 2 cores, peak RSS < 1.5 GB, p50 < 50 ms, p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from config import Settings  # noqa: E402
from retrieval.kb import NewsKnowledgeBase, _source_from_filename  # noqa: E402
from retrieval.sources import read_file  # noqa: E402

QUERIES = (
    "沪深两市成交额突破2万亿",
    "为什么今天A股放量上涨",
    "央行公开市场逆回购操作",
    "美联储议息会议",
    "有色金属板块走强",
    "半导体板块涨停潮",
    "北向资金净流入",
    "证监会新规",
    "人民币汇率",
    "原油价格大涨",
    "港股恒生科技指数",
    "锂电池 碳酸锂期货",
    "the Fed rate decision",
    "房地产政策 放松",
    "创业板指 收评",
)


def directory_size(path: Path) -> int:
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="ingest only the first N records")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--data-dir", type=Path, default=None, help="keep the store here")
    args = parser.parse_args()

    tmp = None if args.data_dir else tempfile.TemporaryDirectory(prefix="marketbot-scale-")
    data_dir = args.data_dir or Path(tmp.name)
    settings = Settings(data_dir=data_dir, load_demo_corpus=False)
    kb = NewsKnowledgeBase.open(settings)
    kb.store.embed_documents(["预热"])  # model load is not ingest throughput

    records = read_file(args.path)
    if args.limit:
        records = itertools.islice(records, args.limit)
    started = time.perf_counter()
    report = kb.ingest(records, default_source=_source_from_filename(args.path), progress=sys.stderr.isatty())
    elapsed = time.perf_counter() - started
    kb.close()
    print(f"ingest: {report.summary()} in {elapsed:.1f}s = {report.added / elapsed:.1f} items/s")

    started = time.perf_counter()
    kb = NewsKnowledgeBase.open(settings)
    print(
        f"reopen: {time.perf_counter() - started:.2f}s; store size "
        f"{directory_size(data_dir) / 2**20:.0f} MB; stats {kb.stats()['items']} items, "
        f"{kb.stats()['chunks']} chunks"
    )

    latest = kb.latest_date()
    rng = random.Random(7)
    for query in QUERIES[:3]:
        kb.search(query)  # warm caches
    latencies = []
    for number in range(args.queries):
        query = QUERIES[number % len(QUERIES)]
        day = latest - timedelta(days=rng.randrange(0, 90)) if number % 2 and latest else None
        started = time.perf_counter()
        kb.search(query, date=day, k=5)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"search: {len(latencies)} queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    kb.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
