"""The bundled demo corpus: well-formed, nothing dropped as a duplicate, figures equal to the data."""

from __future__ import annotations

import json
import re
from datetime import datetime
from importlib import resources
from pathlib import Path

from retrieval.normalize import normalize_record
from tools.daily.store import read_snapshot

DEMO = Path(str(resources.files("retrieval").joinpath("data/demo_news.jsonl")))
DAY_TOTAL = re.compile(r"两市成交额(?:合计)?(\d+\.\d)亿元")


def _records() -> list[dict]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]


def test_items_are_well_formed_and_unique() -> None:
    records = _records()
    assert len(records) >= 80
    items = [normalize_record(r) for r in records]
    assert all(item.published_at.utcoffset().total_seconds() == 8 * 3600 for item in items)
    assert len({item.id for item in items}) == len(items)
    # Ingestion skips a second item with the same url (same article): ours must not collide.
    urls = [item.url for item in items if item.url]
    assert len(set(urls)) == len(urls)
    assert len({item.content for item in items}) == len(items)


def test_close_reports_state_the_real_turnover_of_their_day() -> None:
    totals = {row.date: round(row.total_yuan / 1e8, 1) for row in read_snapshot()}
    checked = 0
    for record in _records():
        match = DAY_TOTAL.search(record["content"])
        if not record["title"].startswith("收评") or match is None:
            continue
        day = datetime.fromisoformat(record["published_at"]).date()
        assert abs(float(match.group(1)) - totals[day]) <= 0.1, record["id"]
        checked += 1
    assert checked >= 50
