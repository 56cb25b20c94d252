"""Where raw news records come from: files (JSON Lines, JSON, CSV, RSS/Atom) and akshare feeds.

Readers yield ``RawRecord``s: a record with its location ("file.jsonl:12"), or
the reason that line could not be read. They never stop at a bad line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from config.http_defaults import http_defaults

MAX_LINE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class RawRecord:
    location: str
    record: Mapping[str, Any] | None = None
    error: str | None = None
    default_source: str | None = None


class SourceReadError(RuntimeError):
    """A whole file or feed could not be read (the message says why)."""


# --- files -------------------------------------------------------------------


def count_records(path: Path) -> int | None:
    """A cheap size estimate for the progress bar (lines of a line-based file)."""
    if path.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".tsv"):
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return None


def read_file(path: Path) -> Iterator[RawRecord]:
    if not path.is_file():
        raise SourceReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".csv", ".tsv"):
        return read_csv(path)
    if suffix in (".xml", ".rss", ".atom") or head.startswith(b"<"):
        return read_feed_file(path)
    if head.startswith(b"["):
        return read_json_array(path)
    if suffix in (".jsonl", ".ndjson", ".json") or head.startswith(b"{"):
        return read_jsonl(path)
    return read_csv(path)


def _decode_line(raw: bytes) -> tuple[str | None, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"


def read_jsonl(path: Path) -> Iterator[RawRecord]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            location = f"{path.name}:{number}"
            if len(raw) > MAX_LINE_BYTES:
                yield RawRecord(location, error=f"line too long ({len(raw):,} bytes)")
                continue
            text, error = _decode_line(raw.rstrip(b"\r\n"))
            if error:
                yield RawRecord(location, error=error)
                continue
            assert text is not None
            if number == 1:
                text = text.lstrip("\ufeff")
            if not text.strip():
                yield RawRecord(location, error="empty line")
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()) - 1
                kind = "truncated JSON" if cut else "invalid JSON"
                yield RawRecord(location, error=f"{kind} ({exc.msg}, column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield RawRecord(location, error=f"expected a JSON object, got {type(record).__name__}")
                continue
            yield RawRecord(location, record)


def read_json_array(path: Path) -> Iterator[RawRecord]:
    try:
        records = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceReadError(f"{path.name}: not a readable JSON file ({exc})") from exc
    for number, record in enumerate(records if isinstance(records, list) else [], start=1):
        location = f"{path.name}[{number}]"
        if isinstance(record, dict):
            yield RawRecord(location, record)
        else:
            yield RawRecord(location, error=f"expected a JSON object, got {type(record).__name__}")


def read_csv(path: Path) -> Iterator[RawRecord]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")  # Excel exports of Chinese sheets
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    for record in reader:
        location = f"{path.name}:{reader.line_num}"
        record.pop(None, None)  # cells beyond the header row have no field name
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            yield RawRecord(location, error="empty row")
            continue
        yield RawRecord(location, dict(record))


def read_feed_file(path: Path) -> Iterator[RawRecord]:
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise SourceReadError(f"{path.name}: not a readable RSS/Atom feed ({reason})")
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    for number, entry in enumerate(parsed.entries, start=1):
        yield RawRecord(f"{path.name}#{number}", feed_entry_record(entry), default_source=feed_title)


def feed_entry_record(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A flat record from a feedparser entry; the parsed time (UTC) is preferred over the raw text."""
    content = entry.get("content")
    body = content[0].get("value") if content else None
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    when: Any = entry.get("published") or entry.get("updated")
    if parsed_time:
        when = datetime(*parsed_time[:6]).replace(tzinfo=UTC)  # struct_time fields, in UTC
    return {
        "id": entry.get("id"),
        "title": entry.get("title"),
        "content": body or entry.get("summary"),
        "published_at": when,
        "url": entry.get("link"),
        "tags": entry.get("tags"),
    }


# --- akshare feeds -------------------------------------------------------------

FEEDS = ("cls", "em", "cjzc", "symbol:CODE")


def _rows(frame: Any) -> list[dict[str, Any]]:
    return frame.to_dict(orient="records") if frame is not None else []


def _cls_records(ak: Any) -> list[dict[str, Any]]:
    records = []
    for row in _rows(ak.stock_info_global_cls(symbol="全部")):
        when = datetime.combine(row["发布日期"], row["发布时间"]) if row.get("发布日期") else None
        records.append({"title": row.get("标题"), "content": row.get("内容"), "published_at": when, "source": "cls"})
    return records


def _em_records(frame_rows: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    return [
        {
            "title": row.get("标题"),
            "content": row.get("摘要"),
            "published_at": row.get("发布时间"),
            "url": row.get("链接"),
            "source": source,
        }
        for row in frame_rows
    ]


def _symbol_records(ak: Any, symbol: str) -> list[dict[str, Any]]:
    return [
        {
            "title": row.get("新闻标题"),
            "content": row.get("新闻内容"),
            "published_at": row.get("发布时间"),
            "url": row.get("新闻链接"),
            "source": row.get("文章来源") or "eastmoney",
            "tags": [symbol],
        }
        for row in _rows(ak.stock_news_em(symbol=symbol))
    ]


@contextmanager
def bounded_akshare(timeout_s: float, attempts: int) -> Iterator[None]:
    """Bound a feed read in time: every request gets ``timeout_s``, and akshare's own retry
    helper (used by the 财联社 feed with 10 attempts and doubling sleeps, about 8.5 minutes
    when the site is down) is capped at ``attempts`` with short sleeps."""
    from akshare.stock_feature import stock_info

    original = stock_info.make_request_with_retry_json

    def capped(
        url: str,
        params: Any = None,
        headers: Any = None,
        proxies: Any = None,
        max_retries: int = 3,
        retry_delay: float = 1,
    ) -> Any:
        return original(
            url,
            params=params,
            headers=headers,
            proxies=proxies,
            max_retries=max(1, min(max_retries, attempts)),
            retry_delay=min(retry_delay, 0.5),
        )

    stock_info.make_request_with_retry_json = capped
    try:
        with http_defaults(timeout_s):
            yield
    finally:
        stock_info.make_request_with_retry_json = original


def read_feed(spec: str, timeout_s: float = 10.0, attempts: int = 3) -> Iterator[RawRecord]:
    """Records from one akshare feed: ``cls``, ``em``, ``cjzc`` or ``symbol:600519``."""
    import akshare as ak

    fetchers: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "cls": lambda: _cls_records(ak),
        "em": lambda: _em_records(_rows(ak.stock_info_global_em()), "eastmoney"),
        "cjzc": lambda: _em_records(_rows(ak.stock_info_cjzc_em()), "eastmoney-cjzc"),
    }
    if spec.startswith("symbol:"):
        symbol = spec.split(":", 1)[1].strip()
        if not (symbol.isdigit() and len(symbol) == 6):
            raise SourceReadError(f"feed {spec!r}: expected a 6-digit stock code, e.g. symbol:600519")
        fetchers[spec] = lambda: _symbol_records(ak, symbol)
    if spec not in fetchers:
        raise SourceReadError(f"unknown feed {spec!r}; choose one of {', '.join(FEEDS)}")
    try:
        with bounded_akshare(timeout_s, attempts):
            records = fetchers[spec]()
    except Exception as exc:  # akshare raises whatever its HTTP stack raises
        raise SourceReadError(f"feed {spec!r} failed: {exc.__class__.__name__}: {str(exc)[:120]}") from exc
    for number, record in enumerate(records, start=1):
        yield RawRecord(f"{spec}#{number}", record)
