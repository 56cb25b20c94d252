"""Blind set B (held out: written by a second helper who never saw the reader, and never tuned on) as a regression
test, like set A's (test_blind_set_a.py): every item's per-turn verdict must stay as recorded in
known_failures_b.json. Its reference (reference_b.py, the writer's own script) computes the figures on every run
from the bundled turnover CSV and, for index closes and industries, from ../shared/data: without it the test skips.
Update the list with ``python benchmarks/blind_eval.py tests/agent/blind/set_b.jsonl --reference
tests/agent/blind/reference_b.py --shared-data ../shared/data --record-known tests/agent/blind/known_failures_b.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.agent.blind import data_source, reference_b
from tests.agent.blind.runner import ItemResult, load_items, offline_settings, run_items, verdict_changes

HERE = Path(__file__).parent
SET = HERE / "set_b.jsonl"
KNOWN = HERE / "known_failures_b.json"
SHARED = Path(reference_b.SHARED)

pytestmark = pytest.mark.skipif(not (SHARED / "index").is_dir(), reason="../shared/data (index, industries) absent")


@pytest.fixture(scope="module")
def results(market, demo_news) -> list[ItemResult]:  # noqa: ANN001 - session fixtures from offline_env
    items = load_items(SET)
    source = data_source.with_shared(SHARED)
    figures = reference_b.figures(items, source)
    categories = json.loads((HERE / "categories_b.json").read_text(encoding="utf-8"))
    return run_items(items, figures, source, offline_settings(market.settings.data_dir), demo_news, categories)


def test_every_item_keeps_its_verdict(results: list[ItemResult]) -> None:
    known: dict[str, list[str]] = json.loads(KNOWN.read_text(encoding="utf-8"))
    changed = verdict_changes(results, known)
    assert not changed, "\n".join(changed)
    assert len(results) == 150
