"""``marketbot ingest`` and ``marketbot news``: fill and query the news knowledge base."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

MAX_ERRORS_SHOWN = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="add news files or akshare feeds to the news knowledge base",
        description="Ingest JSON Lines, JSON, CSV or RSS/Atom files, or akshare feeds. "
        "Re-ingesting adds nothing; bad records are reported per line.",
    )
    ingest.add_argument("files", nargs="*", type=Path, metavar="FILE")
    ingest.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="NAME",
        help="cls | em | cjzc | symbol:600519 (repeatable; needs network)",
    )
    for name in ("title", "content", "time", "url", "source", "id"):
        ingest.add_argument(
            f"--{name}-field",
            dest=f"{name}_field",
            metavar="FIELD",
            help=f"name of the {name} field (default: auto-detect)",
        )
    ingest.add_argument("--source", help="source name for records that have none")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    ingest.set_defaults(handler=run_ingest)

    news = subparsers.add_parser(
        "news", help="search the news knowledge base", description="Date-aware hybrid (dense + BM25) news search."
    )
    news.add_argument("query", nargs="?", help='e.g. "两市成交额突破2万亿"')
    news.add_argument("--date", help="YYYY-MM-DD, or 'today' for the latest day with news")
    news.add_argument("--days", type=int, default=None, help="window around --date, in days")
    news.add_argument("-k", type=int, default=5, help="number of hits (default 5)")
    news.add_argument("--json", action="store_true", help="one JSON object per hit")
    news.add_argument("--stats", action="store_true", help="show items, chunks, date range, sources and embedder")
    news.set_defaults(handler=run_news)


def parse_day(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"invalid date {text!r}: use YYYY-MM-DD")


def run_ingest(args: argparse.Namespace, settings) -> int:
    from retrieval.ingest import IngestReport
    from retrieval.kb import NewsKnowledgeBase
    from retrieval.normalize import FieldMap

    if not args.files and not args.feed:
        raise ValueError("nothing to ingest: give FILE... or --feed NAME")
    missing = [str(path) for path in args.files if not path.is_file()]
    if missing:
        raise ValueError(f"no such file: {', '.join(missing)}")
    fields = FieldMap(
        title=args.title_field,
        content=args.content_field,
        time=args.time_field,
        url=args.url_field,
        source=args.source_field,
        id=args.id_field,
    )
    progress = not args.no_progress and sys.stderr.isatty()
    kb = NewsKnowledgeBase.open(settings)
    report = IngestReport()
    try:
        if args.files:
            report.merge(kb.ingest_files(args.files, fields, args.source, progress=progress))
        for spec in args.feed:
            report.merge(kb.ingest_feed(spec, progress=progress))
    finally:
        kb.close()
    for error in report.errors[:MAX_ERRORS_SHOWN]:
        print(f"skipped {error}", file=sys.stderr)
    if len(report.errors) > MAX_ERRORS_SHOWN:
        print(f"... and {len(report.errors) - MAX_ERRORS_SHOWN} more bad records", file=sys.stderr)
    print(report.summary())
    nothing_read = report.added == 0 and report.skipped_duplicates == 0
    return 1 if report.errors and nothing_read else 0


def run_news(args: argparse.Namespace, settings) -> int:
    from retrieval.kb import NewsKnowledgeBase

    if not args.stats and not (args.query or "").strip():
        raise ValueError('give a query, e.g. marketbot news "两市成交额", or --stats')
    if args.k <= 0 or args.k > 50:
        raise ValueError("-k must be between 1 and 50")
    kb = NewsKnowledgeBase.open(settings)
    try:
        if args.stats:
            print_stats(kb.stats(), as_json=args.json)
            return 0
        day = None
        if args.date:
            day = kb.latest_date() if args.date.strip().lower() == "today" else parse_day(args.date)
        hits = kb.search(args.query, date=day, window_days=args.days, k=args.k)
    finally:
        kb.close()
    if args.json:
        for hit in hits:
            print(hit.to_json())
        return 0
    if not hits:
        print(
            "no matching news"
            + (
                f" within {args.days if args.days is not None else settings.news_window_days} days of {day}"
                if day
                else ""
            )
        )
        return 0
    for number, hit in enumerate(hits, start=1):
        when = hit.published_at.strftime("%Y-%m-%d %H:%M")
        print(f"{number}. [{when} {hit.source}] {hit.title}  (score {hit.score:.2f})")
        print(f"   {hit.snippet}")
        if hit.url:
            print(f"   {hit.url}")
    return 0


def print_stats(stats: dict, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps(stats, ensure_ascii=False, default=str))
        return
    first = (stats.get("first") or "-")[:10]
    last = (stats.get("last") or "-")[:10]
    sources = ", ".join(f"{name} {count}" for name, count in list(stats["sources"].items())[:10])
    print(f"items: {stats['items']}  chunks: {stats['chunks']}  days: {stats['days']}")
    print(f"date range: {first} .. {last}")
    print(f"sources: {sources or '-'}")
    print(f"embedder: {stats['embedder']}  store: {stats['store']} ({stats['collection']})")
