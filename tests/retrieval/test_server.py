"""Server mode against a real ``chroma run`` process on 127.0.0.1."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from retrieval.chroma_store import StoreUnavailableError
from retrieval.kb import NewsKnowledgeBase
from retrieval.normalize import normalize_record
from tests.retrieval.conftest import CORPUS, make_settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    # chromadb is a hard dependency: its console script sits beside this interpreter
    # (a virtualenv need not be on PATH); a missing one is a broken install, not a skip.
    beside = Path(sys.executable).with_name("chroma")
    executable = str(beside) if beside.exists() else shutil.which("chroma")
    assert executable is not None, "the chroma executable (from chromadb) is not installed"
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [executable, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("chroma run did not start")
            time.sleep(0.2)
    yield port
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_ingest_and_search_through_a_chroma_server(chroma_server, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=chroma_server)
    kb = NewsKnowledgeBase.open(settings)
    report = kb.ingest([normalize_record(row) for row in CORPUS])
    assert report.added == len(CORPUS) and kb.store.count() == len(CORPUS)
    assert kb.search("证监会资本市场改革", k=1)[0].id == "a7"
    assert kb.stats()["store"] == f"chroma server 127.0.0.1:{chroma_server}"
    kb.close()
    assert not (settings.data_dir / "chroma").exists()  # nothing embedded was created
    again = NewsKnowledgeBase.open(settings)
    assert again.ingest([normalize_record(row) for row in CORPUS]).skipped_duplicates == len(CORPUS)
    again.close()


def test_unreachable_server_is_one_clear_error(tmp_path):
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=_free_port())
    with pytest.raises(StoreUnavailableError, match="cannot reach the Chroma server at 127.0.0.1"):
        NewsKnowledgeBase.open(settings)
