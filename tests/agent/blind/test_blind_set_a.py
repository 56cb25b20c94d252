"""Blind set A as a regression test: every item's verdict, per turn, must stay what it is.

Set A (150 items, written by a helper who never saw the reader) is answered in-process by the offline
answerer, each item at its own ``now`` with memory across its turns, and graded from the reply text
(grading.py). The expected figures are computed here, on every run, by the set's reference script from the
bundled CSV (reference_a.py through data_source.bundled(); figures needing index closes or industries are
skipped while those are not bundled, so such items grade "unverified" or "declined_answerable").

An item is expected to be right (declined correctly for a decline turn) unless it is listed in
known_failures_a.json with the verdicts it has today: the test fails when any turn changes, either way.
A regression is a bug; an improvement means updating the list, with
``python benchmarks/blind_eval.py tests/agent/blind/set_a.jsonl --reference tests/agent/blind/reference_a.py
--record-known tests/agent/blind/known_failures_a.json --summary`` (and reading the diff).

Runtime: the 168 turns take about 6 s (measured on the shared 2-core machine under load); the session
fixtures it shares with the other agent tests come on top when this file runs alone (the turnover store,
~2 s; the demo news index, 5 s idle and up to ~40 s under load).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.agent.blind import data_source, reference_a
from tests.agent.blind.runner import ItemResult, load_items, offline_settings, run_items

HERE = Path(__file__).parent
SET = HERE / "set_a.jsonl"
KNOWN = HERE / "known_failures_a.json"


def _good(kind: str) -> str:
    return "declined_correctly" if kind == "decline" else "right"


@pytest.fixture(scope="module")
def results(market, demo_news) -> list[ItemResult]:  # noqa: ANN001 - session fixtures from offline_env
    items = load_items(SET)
    source = data_source.bundled()
    figures = reference_a.figures(items, source)
    categories = json.loads((HERE / "categories_a.json").read_text(encoding="utf-8"))
    settings = offline_settings(market.settings.data_dir)  # the shared, already filled turnover store
    return run_items(items, figures, source, settings, demo_news, categories)


def test_set_a_is_whole_and_its_reference_computes() -> None:
    items = load_items(SET)
    assert len(items) == 150 and len({it["id"] for it in items}) == 150
    figures = reference_a.figures(items, data_source.bundled())
    for it in items:
        per_turn = figures[it["id"]]
        if per_turn is None:  # needs index closes or industries: not bundled yet
            continue
        assert len(per_turn) == len(it["turns"]), it["id"]
        for expect, got in zip(it["expect"], per_turn, strict=True):
            assert set(expect["figures"]) == set(got), it["id"]
    # Spot values straight from the CSV: 2024-10-08's record and 2025's busiest day.
    assert figures["A005"][0]["total_yuan"] == pytest.approx(3_451_939_042_241.0)
    assert figures["A036"][0]["max_date"] == "2024-10-08"


def test_every_item_keeps_its_verdict(results: list[ItemResult]) -> None:
    known: dict[str, list[str]] = json.loads(KNOWN.read_text(encoding="utf-8"))
    assert set(known) <= {r.id for r in results}, "known failures name items not in the set"
    changed = []
    for r in results:
        good = [_good(e["kind"]) for e in r.expect]
        expected = known.get(r.id, good)
        got = [v.verdict for v in r.verdicts]
        if got == expected:
            continue
        if got == good:
            how = "now passes: take it off known_failures_a.json"
        elif expected == good:
            how = "REGRESSED"
        else:
            how = "changed: read it, then update known_failures_a.json"
        notes = "; ".join(v.note for v in r.verdicts if v.note)
        changed.append(f"{r.id} {how}: expected {expected}, got {got} ({notes}) {r.turns} -> {r.replies[-1][:120]!r}")
    assert not changed, "\n".join(changed)


def test_the_known_failures_list_only_failures() -> None:
    """A listed item must fail somewhere: the list is where failures go, never a place to park passes."""
    known: dict[str, list[str]] = json.loads(KNOWN.read_text(encoding="utf-8"))
    items = {it["id"]: it for it in load_items(SET)}
    for item_id, verdicts in known.items():
        expect = items[item_id]["expect"]
        assert len(verdicts) == len(expect), item_id
        assert verdicts != [_good(e["kind"]) for e in expect], f"{item_id} is listed with passing verdicts"
