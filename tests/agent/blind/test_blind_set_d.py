"""Blind set D (held out: written by a fourth helper who never saw the reader, the lexicon or the banks) as a
regression test, like set C's (test_blind_set_c.py): every item's per-turn verdict must stay as recorded in
known_failures_d.json. Set D was measured once before any change made after reading it (issue 16's note has
that first figure); its reference (reference_d.py, the writer's own script) computes the figures on every run
from the bundled CSVs alone (turnover, index closes and industries are all in tools/data), so this test needs
no ../shared. Update the list with ``python benchmarks/blind_eval.py tests/agent/blind/set_d.jsonl --reference
tests/agent/blind/reference_d.py --record-known tests/agent/blind/known_failures_d.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.agent.blind import data_source, reference_d
from tests.agent.blind.runner import ItemResult, load_items, offline_settings, run_items, verdict_changes

HERE = Path(__file__).parent
SET = HERE / "set_d.jsonl"
KNOWN = HERE / "known_failures_d.json"


@pytest.fixture(scope="module")
def results(market, demo_news) -> list[ItemResult]:  # noqa: ANN001 - session fixtures from offline_env
    items = load_items(SET)
    source = data_source.bundled()
    figures = reference_d.figures(items, source)
    categories = json.loads((HERE / "categories_d.json").read_text(encoding="utf-8"))
    return run_items(items, figures, source, offline_settings(market.settings.data_dir), demo_news, categories)


def test_every_item_keeps_its_verdict(results: list[ItemResult]) -> None:
    known: dict[str, list[str]] = json.loads(KNOWN.read_text(encoding="utf-8"))
    changed = verdict_changes(results, known)
    assert not changed, "\n".join(changed)
    assert len(results) == 150


def test_the_reference_computes_every_answer_turn() -> None:
    items = load_items(SET)
    figures = reference_d.figures(items)
    assert len(items) == 150 and len({it["id"] for it in items}) == 150
    for it in items:
        for expect, got in zip(it["expect"], figures[it["id"]], strict=True):
            assert set(expect.get("figures", [])) == set(got) if expect["kind"] == "answer" else not got, it["id"]
    # A spot value straight from the CSV: 2026-07-31's 两市成交额 is 沪市 + 深市 of that row.
    data = reference_d.Data()
    assert data.tot["2026-07-31"] == pytest.approx(1187681546393.30 + 1354266631403.15)
