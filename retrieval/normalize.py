"""Turn one raw record (a JSON line, a CSV row, a feed entry, an akshare row) into a ``NewsItem``.

Field names are detected among the common ones (English and the Chinese column
names akshare returns) unless a ``FieldMap`` names them. Every refusal is a
``NormalizeError`` whose message is the one-line reason shown to the user.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from retrieval.models import NewsItem

SHANGHAI = ZoneInfo("Asia/Shanghai")
MAX_CONTENT_CHARS = 100_000  # a real article is far shorter; a 1 MB "item" is a broken export
MAX_TITLE_CHARS = 300

FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "item_id", "news_id"),
    "title": ("title", "headline", "标题", "新闻标题", "name"),
    "content": ("content", "summary", "text", "body", "description", "内容", "摘要", "新闻内容"),
    "time": (
        "published_at",
        "datetime",
        "published",
        "pubdate",
        "time",
        "ctime",
        "date",
        "created_at",
        "updated",
        "发布时间",
        "时间",
        "日期",
    ),
    "url": ("url", "link", "shareurl", "href", "链接", "新闻链接"),
    "source": ("source", "文章来源", "media", "medianame", "site"),
    "tags": ("tags", "subjects", "categories", "keywords", "关键词"),
}

# Hosts whose items carry no source field (e.g. the telegraph archive) still get a useful source.
_HOST_SOURCES = {
    "cls.cn": "cls",
    "eastmoney.com": "eastmoney",
    "10jqka.com.cn": "ths",
    "sina.com.cn": "sina",
    "chinanews.com": "中新网",
}

_TAG_RE = re.compile(r"<(?:[a-zA-Z][^<>]*|/[a-zA-Z][^<>]*|!--.*?--)>", re.S)
_DROP_BLOCK_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_BREAK_RE = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_SPACES_RE = re.compile(r"[ \t\u3000\xa0]+")
_LINES_RE = re.compile(r"\s*\n\s*")
_BRACKET_TITLE_RE = re.compile(r"^【([^】]{2,120})】")
_HASH_STRIP_RE = re.compile(r"[\s\W_]+", re.U)
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
)


class NormalizeError(ValueError):
    """A record that cannot become a news item; the message is the reason."""


@dataclass(frozen=True)
class FieldMap:
    """Explicit field names (from CLI flags); ``None`` means auto-detect."""

    title: str | None = None
    content: str | None = None
    time: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = None


def clean_text(value: Any) -> str:
    """Plain text: HTML tags and entities removed, control characters dropped, spaces collapsed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "<" in text:
        text = _DROP_BLOCK_RE.sub(" ", text)
        text = _BREAK_RE.sub("\n", text)
        text = _TAG_RE.sub(" ", text)
    text = html.unescape(text)
    text = _CONTROL_RE.sub("", text).replace("\r", "\n")
    text = _SPACES_RE.sub(" ", text)
    return _LINES_RE.sub("\n", text).strip()


def parse_time(value: Any, zone: ZoneInfo = SHANGHAI) -> datetime | None:
    """A timezone-aware datetime in ``zone`` from the many shapes feeds use; naive means ``zone``."""
    if value is None or value == "":
        return None
    parsed: datetime | None = None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        parsed = _from_epoch(float(value))
    elif isinstance(value, str):
        parsed = _parse_time_text(value.strip())
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    parsed = parsed.astimezone(zone)
    return parsed if 1990 <= parsed.year <= 2100 else None


def _from_epoch(seconds: float) -> datetime | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000.0
    try:
        return datetime.fromtimestamp(seconds, tz=SHANGHAI)
    except (OverflowError, OSError, ValueError):
        return None


def _parse_time_text(text: str) -> datetime | None:
    text = " ".join(text.split())
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return _from_epoch(float(text))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError):
        return None


def _missing(value: Any) -> bool:
    # pandas rows (akshare feeds) mark an empty cell as NaN, which would otherwise become "nan".
    return value in (None, "", []) or (isinstance(value, float) and math.isnan(value))


def _lookup(record: Mapping[str, Any], kind: str, explicit: str | None) -> Any:
    if explicit:
        value = record.get(explicit)
        return None if _missing(value) else value
    lowered = {str(key).lower(): key for key in record}
    for candidate in FIELD_CANDIDATES[kind]:
        key = lowered.get(candidate)
        if key is not None and not _missing(record[key]):
            return record[key]
    return None


def content_hash(text: str) -> str:
    """Hash of the text with spacing and punctuation ignored: the same story re-exported matches."""
    core = _HASH_STRIP_RE.sub("", text).lower()
    return hashlib.sha1(core.encode("utf-8")).hexdigest()[:20]


def stable_id(source: str, title: str, published_at: datetime) -> str:
    key = f"{source}\x1f{title}\x1f{published_at.isoformat()}"
    return "h" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def source_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    for suffix, name in _HOST_SOURCES.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"[,，;；|]", value)
    elif isinstance(value, (list, tuple)):
        parts = [part.get("term", "") if isinstance(part, Mapping) else part for part in value]
    else:
        return []
    return [tag for tag in (clean_text(part) for part in parts) if tag][:20]


def _title_from(content: str) -> str:
    bracketed = _BRACKET_TITLE_RE.match(content)
    if bracketed:
        return bracketed.group(1).strip()
    first = re.split(r"[。！？!?\n]", content, maxsplit=1)[0]
    return first[:60]


def normalize_record(
    record: Mapping[str, Any],
    fields: FieldMap = FieldMap(),
    default_source: str | None = None,
    zone: ZoneInfo = SHANGHAI,
) -> NewsItem:
    """One ``NewsItem`` from a raw record, or ``NormalizeError`` with the reason."""
    if not isinstance(record, Mapping):
        raise NormalizeError(f"expected an object, got {type(record).__name__}")
    raw_content = _lookup(record, "content", fields.content)
    raw_title = _lookup(record, "title", fields.title)
    content = clean_text(raw_content)
    title = clean_text(raw_title).replace("\n", " ")
    if len(content) > MAX_CONTENT_CHARS:
        raise NormalizeError(f"content too long ({len(content):,} characters > {MAX_CONTENT_CHARS:,})")
    if not content and not title:
        had_markup = any(isinstance(v, str) and "<" in v for v in (raw_content, raw_title))
        raise NormalizeError("no text left after removing HTML" if had_markup else "no title or content")
    if not title:
        title = _title_from(content)
    title = title[:MAX_TITLE_CHARS]
    content = content or title
    raw_time = _lookup(record, "time", fields.time)
    if raw_time is None:
        raise NormalizeError(
            "missing publication time (looked for: " + (fields.time or ", ".join(FIELD_CANDIDATES["time"][:6])) + ")"
        )
    published_at = parse_time(raw_time, zone)
    if published_at is None:
        raise NormalizeError(f"unreadable publication time {str(raw_time)[:40]!r}")
    url_value = clean_text(_lookup(record, "url", fields.url)) or None
    if url_value and not url_value.lower().startswith(("http://", "https://")):
        url_value = None
    source = (
        clean_text(_lookup(record, "source", fields.source))
        or source_from_url(url_value)
        or default_source
        or "unknown"
    )
    raw_id = _lookup(record, "id", fields.id)
    item_id = clean_text(raw_id) if raw_id is not None else ""
    item_id = item_id[:120] or stable_id(source, title, published_at)
    return NewsItem(
        id=item_id,
        title=title,
        content=content,
        published_at=published_at,
        source=source[:60],
        url=url_value,
        tags=_tags(_lookup(record, "tags", None)),
    )
