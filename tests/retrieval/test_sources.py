import json

import pytest

from retrieval.sources import SourceReadError, read_file

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>财经频道</title>
<item><title>两市成交额放量</title><link>https://example.com/a</link>
<description>&lt;p&gt;沪深两市成交额放量。&lt;/p&gt;</description>
<pubDate>Fri, 12 Jun 2026 07:00:00 GMT</pubDate><guid>g-1</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom 源</title>
<entry><title>央行开展逆回购</title><link href="https://example.com/b"/><id>urn:b</id>
<updated>2026-06-12T01:30:00Z</updated><summary>央行今日开展逆回购操作。</summary></entry>
</feed>"""


def test_jsonl_bad_lines_are_reported_per_line(tmp_path):
    good = json.dumps({"id": "1", "title": "好", "content": "正文", "time": "2026-06-12"}, ensure_ascii=False).encode()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good, b"", b'{"id": "2", "title": "cut', b"\xff\xfe{}", b"[1, 2]"]) + b"\n")
    records = list(read_file(path))
    assert [r.location for r in records] == [f"mixed.jsonl:{n}" for n in range(1, 6)]
    assert records[0].record["id"] == "1"
    reasons = [r.error for r in records[1:]]
    assert reasons[0] == "empty line"
    assert reasons[1].startswith("truncated JSON")
    assert reasons[2].startswith("not valid UTF-8 (byte 0xff")
    assert reasons[3] == "expected a JSON object, got list"


def test_csv_with_chinese_headers(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "标题,内容,发布时间,链接\n两市放量,沪深两市成交额放量。,2026-06-12 10:00:00,https://example.com/c\n,,,\n",
        encoding="utf-8-sig",
    )
    records = list(read_file(path))
    assert records[0].record["标题"] == "两市放量"
    assert records[1].error == "empty row"


@pytest.mark.parametrize(
    "text, title, source", [(RSS, "两市成交额放量", "财经频道"), (ATOM, "央行开展逆回购", "Atom 源")]
)
def test_rss_and_atom_through_feedparser(tmp_path, text, title, source):
    from retrieval.normalize import normalize_record

    path = tmp_path / "feed.xml"
    path.write_text(text, encoding="utf-8")
    [entry] = list(read_file(path))
    item = normalize_record(entry.record, default_source=entry.default_source)
    assert (item.title, item.source) == (title, source)
    assert "<" not in item.content
    assert item.published_at.utcoffset().total_seconds() == 8 * 3600


def test_unreadable_feed_file_is_one_clear_error(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<html><body>not a feed</body></html>")
    with pytest.raises(SourceReadError, match="not a readable RSS/Atom feed"):
        list(read_file(path))
    with pytest.raises(SourceReadError, match="no such file"):
        list(read_file(tmp_path / "missing.jsonl"))
