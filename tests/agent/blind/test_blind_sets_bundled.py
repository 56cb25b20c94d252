"""Blind sets D to U (held out: each written by a fresh helper who never saw the reader, the lexicon or the
banks) as regression tests, like set C's (test_blind_set_c.py): every item's per-turn verdict must stay as recorded
in known_failures_<set>.json. Each was measured once, untuned, on the code of its time (issue 16's note has the
figures); D to U were then read and the reader generalised, so they are tuned sets now, like C.
Their references (the writers' own scripts) compute the figures on every run from the bundled CSVs alone
(turnover, index closes and industries are all in tools/data), so these tests need no ../shared. Update a list
with ``python benchmarks/blind_eval.py tests/agent/blind/set_d.jsonl --reference tests/agent/blind/reference_d.py
--record-known tests/agent/blind/known_failures_d.json`` (and the same for e to u).
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.agent.blind import (
    data_source,
    reference_d,
    reference_e,
    reference_f,
    reference_g,
    reference_h,
    reference_i,
    reference_j,
    reference_k,
    reference_l,
    reference_m,
    reference_n,
    reference_o,
    reference_p,
    reference_q,
    reference_r,
    reference_s,
    reference_t,
    reference_u,
)
from tests.agent.blind.runner import ItemResult, load_items, offline_settings, run_items, verdict_changes

HERE = Path(__file__).parent
SETS: dict[str, ModuleType] = {
    "d": reference_d,
    "e": reference_e,
    "f": reference_f,
    "g": reference_g,
    "h": reference_h,
    "i": reference_i,
    "j": reference_j,
    "k": reference_k,
    "l": reference_l,
    "m": reference_m,
    "n": reference_n,
    "o": reference_o,
    "p": reference_p,
    "q": reference_q,
    "r": reference_r,
    "s": reference_s,
    "t": reference_t,
    "u": reference_u,
}


def _bundled_totals() -> set[float]:
    """沪市 + 深市 of every bundled session, straight from the CSV, rounded to the yuan."""
    text = gzip.decompress((HERE.parents[2] / "tools" / "data" / "turnover_snapshot.csv.gz").read_bytes()).decode()
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {round(float(r["sh_yuan"]) + float(r["sz_yuan"])) for r in rows}


@pytest.fixture(scope="module", params=sorted(SETS))
def graded(request, market, demo_news) -> tuple[str, list[ItemResult]]:  # noqa: ANN001 - fixtures from offline_env
    name = request.param
    items = load_items(HERE / f"set_{name}.jsonl")
    source = data_source.bundled()
    figures = SETS[name].figures(items, source)
    categories = json.loads((HERE / f"categories_{name}.json").read_text(encoding="utf-8"))
    settings = offline_settings(market.settings.data_dir)
    return name, run_items(items, figures, source, settings, demo_news, categories)


def test_every_item_keeps_its_verdict(graded: tuple[str, list[ItemResult]]) -> None:
    name, results = graded
    known: dict[str, list[str]] = json.loads((HERE / f"known_failures_{name}.json").read_text(encoding="utf-8"))
    changed = verdict_changes(results, known)
    assert not changed, "\n".join(changed)
    assert len(results) == 150


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_reference_computes_every_answer_turn(name: str) -> None:
    reference = SETS[name]
    items = load_items(HERE / f"set_{name}.jsonl")
    figures = reference.figures(items)
    assert len(items) == 150 and len({it["id"] for it in items}) == 150
    for it in items:
        for expect, got in zip(it["expect"], figures[it["id"]], strict=True):
            assert set(expect.get("figures", [])) == set(got) if expect["kind"] == "answer" else not got, it["id"]
    # the reference reads the bundled rows: some expected figure is one of those days' 两市成交额, to the yuan
    values = [v for turns in figures.values() for turn in turns for v in turn.values() if isinstance(v, float)]
    assert {round(v) for v in values} & _bundled_totals()
