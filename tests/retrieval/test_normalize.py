from datetime import UTC, date, datetime

import pytest

from retrieval.chunking import MAX_CHUNK_CHARS, chunk_item, split_text
from retrieval.normalize import (
    FieldMap,
    NormalizeError,
    clean_text,
    content_hash,
    normalize_record,
    parse_time,
)


def test_detects_fields_of_each_bundled_shape():
    telegraph = {
        "id": "2370637",
        "datetime": "2026-05-14T00:08:23+08:00",
        "level": "C",
        "title": "纽约期银日内大涨5%",
        "content": "【纽约期银日内大涨5%】财联社5月14日电。",
        "subjects": ["期货市场情报"],
        "shareurl": "https://api3.cls.cn/share/article/2370637",
    }
    item = normalize_record(telegraph)
    assert (item.id, item.source, item.tags) == ("2370637", "cls", ["期货市场情报"])
    assert item.url.startswith("https://api3.cls.cn")
    assert item.published_at.isoformat() == "2026-05-14T00:08:23+08:00"

    rss = {
        "collection_date": "2025-10-09",
        "source": "中新网",
        "published": "2025-10-09 18:51:38  +0800",
        "title": "标题",
        "link": "http://www.chinanews.com/cj/x.shtml",
        "summary": "摘要正文",
    }
    item = normalize_record(rss)
    assert item.content == "摘要正文" and item.source == "中新网"
    assert item.published_at == datetime(2025, 10, 9, 18, 51, 38, tzinfo=item.published_at.tzinfo)
    assert item.id.startswith("h")  # no id field: a stable hash
    assert normalize_record(rss).id == item.id


def test_explicit_field_map_overrides_detection():
    row = {"headline_x": "标题", "body_x": "正文", "when_x": "2026-06-12 10:00", "title": "别的"}
    item = normalize_record(row, FieldMap(title="headline_x", content="body_x", time="when_x"))
    assert (item.title, item.content) == ("标题", "正文")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-06-12T10:00:00+08:00", datetime(2026, 6, 12, 10)),
        ("2026-06-12 10:00:00", datetime(2026, 6, 12, 10)),
        ("Fri, 12 Jun 2026 02:00:00 GMT", datetime(2026, 6, 12, 10)),
        (1781229600, datetime(2026, 6, 12, 10)),
        ("1781229600000", datetime(2026, 6, 12, 10)),
        ("2026年06月12日 10:00", datetime(2026, 6, 12, 10)),
        (datetime(2026, 6, 12, 2, tzinfo=UTC), datetime(2026, 6, 12, 10)),
        (date(2026, 6, 12), datetime(2026, 6, 12)),
    ],
)
def test_parse_time_is_shanghai_aware(value, expected):
    parsed = parse_time(value)
    assert parsed.utcoffset().total_seconds() == 8 * 3600
    assert parsed.replace(tzinfo=None) == expected


def test_html_is_removed_and_reasons_are_given():
    assert clean_text("<p>两市&nbsp;放量</p><script>x()</script><br/>上涨") == "两市 放量\n上涨"
    with pytest.raises(NormalizeError, match="missing publication time"):
        normalize_record({"title": "t", "content": "c"})
    with pytest.raises(NormalizeError, match="unreadable publication time"):
        normalize_record({"title": "t", "content": "c", "time": "yesterday-ish"})
    with pytest.raises(NormalizeError, match="no text left after removing HTML"):
        normalize_record({"title": "<b></b>", "content": "<div><img src=x></div>", "time": "2026-06-12"})
    with pytest.raises(NormalizeError, match="content too long"):
        normalize_record({"title": "t", "content": "长" * 200_000, "time": "2026-06-12"})


def test_nan_cells_count_as_missing_not_as_the_text_nan():
    # akshare rows come from pandas frames, where an empty cell is NaN.
    item = normalize_record({"标题": "两市放量", "摘要": float("nan"), "发布时间": "2026-06-12 10:00"})
    assert item.content == "两市放量"
    item = normalize_record({"title": float("nan"), "content": "【沪指涨1%】沪指涨1%。", "time": "2026-06-12"})
    assert item.title == "沪指涨1%"
    with pytest.raises(NormalizeError, match="missing publication time"):
        normalize_record({"h": "t", "w": float("nan")}, FieldMap(title="h", time="w"))


def test_title_from_bracketed_lead_and_content_hash_ignores_spacing():
    item = normalize_record({"content": "【沪指涨1%】财联社电，沪指涨1%。", "time": "2026-06-12"})
    assert item.title == "沪指涨1%"
    assert content_hash("两市 放量，上涨") == content_hash("两市放量上涨")


def test_chunks_end_at_sentence_marks_and_keep_the_item():
    sentence = "沪深两市成交额放量明显，市场情绪回暖，多个板块走强。"
    item = normalize_record({"id": "long", "title": "长文", "content": sentence * 40, "time": "2026-06-12"})
    chunks = chunk_item(item)
    assert len(chunks) > 1
    assert all(chunk.item_id == "long" and chunk.text.startswith("长文\n") for chunk in chunks)
    assert all(len(chunk.text) <= MAX_CHUNK_CHARS + len("长文\n") for chunk in chunks)
    assert all(chunk.text.endswith("。") for chunk in chunks)
    assert split_text("短文。") == ["短文。"]
    assert all(len(piece) <= 50 for piece in split_text("无标点长句" * 60, max_chars=50))
