"""Blind evaluation: put a blind set to the offline answerer and grade every turn from its text.

    python benchmarks/blind_eval.py SET.jsonl --reference REF.py [--only A001,A002] [--out report.md]
        [--categories categories.json] [--shared-data ../shared/data] [--data-dir DIR] [--summary] [--code TREE]

SET.jsonl: one item a line (id, now, turns, expect per turn: kind answer|decline|partial, reading, query,
figures). REF.py: the set's reference script; its ``figures(items, source)`` computes the expected figures
from the rows of a tests.agent.blind.data_source.BlindData (the bundled CSV; with --shared-data also index
closes and industries from the team's shared data, which tests do not have). The answerer runs in-process
(tests/agent/blind/runner.py) on a fresh data dir filled from the bundled defaults; the verdict rules are at
the top of tests/agent/blind/grading.py and matching.py.

The report: the five totals the issue asks for (right, declined correctly, declined though answerable,
wrong, partial; "wrong" is the grader's, with a question/figure hint a human confirms), the same per mix
category, a per-item table, and for every item that is not right its questions, expected reading, the reply's
first 200 characters and what the grader missed, grouped by a guessed cause.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# The harness (tests/agent/blind) comes from this tree; the code measured is imported only in main(), after
# --code has put another tree first, so one harness can measure another branch's answerer.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.agent.blind import data_source  # noqa: E402
from tests.agent.blind.grading import VERDICTS  # noqa: E402

if TYPE_CHECKING:
    from tests.agent.blind.runner import ItemResult

LABELS = {
    "right": "right",
    "declined_correctly": "declined correctly",
    "declined_answerable": "declined though answerable",
    "wrong": "wrong (question or figure)",
    "partial": "partial",
    "unverified": "unverified (no reference rows)",
}
# A guess at why an item failed, first match wins (a human re-files them): from the question, the expected
# reading and the reply (the intraday fallback's words show a question sent down the intraday path).
_DATE_WORDS = (
    r"节后|节前|国庆|五一|春节|(?<!\d)\d{2}年|[〇零一二三四五六七八九十]+月|(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.万亿])"
    r"|\d{2}/\d{1,2}/\d{1,2}|\d+月\d+[号日]"
)
CAUSES = [
    ("follow-up", lambda r, t: len(r.turns) > 1 and t > 0),
    (
        "index / industry data",
        lambda r, t: (
            r.category in ("price_volume", "industry")
            or re.search(r"大盘|上证|沪指|深成指|指数|行业|板块|半导体|涨了|涨跌|sector|index", r.turns[t])
        ),
    ),
    ("advice", lambda r, t: "advice" in _why(r, t) or re.search(r"抄底|加仓|该买|该卖|减仓", r.turns[t])),
    ("prediction", lambda r, t: "predict" in _why(r, t) or "forecast" in _why(r, t)),
    (
        "intraday",
        lambda r, t: (
            re.search(r"早盘|午盘|盘中|现在|刚才|预计今天|minute", r.turns[t] + _why(r, t))
            or re.search(r"分钟成交额|minute bars|minute data", r.replies[t])
        ),
    ),
    (
        "out-of-scope entity answered as market",
        lambda r, t: r.expect[t]["kind"] != "answer" and re.search(r"not in|no |not covered", _why(r, t)),
    ),
    ("percentile / rank", lambda r, t: re.search(r"分位|水平|排第|排到|percentile|rank", r.turns[t])),
    ("date not read", lambda r, t: "answers " in r.verdicts[t].note or re.search(_DATE_WORDS, r.turns[t])),
    ("comparison", lambda r, t: re.search(r"比|vs|和.{1,6}比|哪个月|哪年|更高", r.turns[t])),
    (
        "period word dropped",
        lambda r, t: re.search(r"上半年|下半年|季度|年内|近一年|本周|这周|上个月|月份|以来|之间", r.turns[t]),
    ),
    (
        "shape (top N, list, streak, first/last)",
        lambda r, t: re.search(r"前[三五十\d]|最少的|分别|列一下|连续|第一次|首次|最近一次|第\d+高", r.turns[t]),
    ),
    ("clause splitting", lambda r, t: "not understood" in r.verdicts[t].note or "没太明白" in r.replies[t]),
]


def _why(r: ItemResult, t: int) -> str:
    e = r.expect[t]
    return (e.get("decline_reason", "") + " " + e.get("reading", "")).lower()


def cause_of(r: ItemResult) -> str:
    t = next((i for i, v in enumerate(r.verdicts) if v.verdict not in ("right", "declined_correctly")), 0)
    return next((name for name, test in CAUSES if test(r, t)), "other")


def load_reference(path: Path):  # noqa: ANN201 - the reference module
    spec = importlib.util.spec_from_file_location(f"blind_reference_{path.stem}", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def categories_for(set_path: Path, given: Path | None) -> dict[str, str]:
    candidates = [given] if given else [set_path.with_name("categories.json")]
    if set_path.stem.startswith("set_"):
        candidates.append(set_path.with_name(f"categories_{set_path.stem[4:]}.json"))
    for c in candidates:
        if c and c.exists():
            return json.loads(c.read_text(encoding="utf-8"))
    return {}


def totals(results: list[ItemResult]) -> Counter[str]:
    return Counter(r.verdict for r in results)


def _row(name: str, c: Counter[str], n: int) -> str:
    cells = " | ".join(f"{c.get(v, 0)}" for v in VERDICTS)
    return f"| {name} | {n} | {cells} |"


def _clip(text: str, n: int = 200) -> str:
    flat = " ".join(text.split())
    return (flat[:n] + "…") if len(flat) > n else flat


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(results: list[ItemResult]) -> str:
    c = totals(results)
    n = len(results)
    turns = Counter(v.verdict for r in results for v in r.verdicts)
    hints = Counter(v.hint for r in results for v in r.verdicts if v.verdict == "wrong")
    silent = sum(1 for r in results for v in r.verdicts if v.verdict == "partial" and "silent" in v.note)
    buried = sum(1 for r in results for v in r.verdicts if v.verdict == "right" and "leads with" in v.note)
    split = sum(1 for r in results for v in r.verdicts if v.verdict == "right" and "not understood" in v.note)
    parts = [f"{LABELS[v]} {c.get(v, 0)}" for v in VERDICTS if c.get(v, 0) or v != "unverified"]
    return (
        f"items {n}: " + ", ".join(parts) + f" | turns {sum(turns.values())}: "
        + ", ".join(f"{v} {turns.get(v, 0)}" for v in VERDICTS if turns.get(v, 0))
        + f" | wrong turns hinted: question {hints.get('question', 0)}, figure {hints.get('figure', 0)}"
        + f" | notes: {silent} partial turns silent about the rest, {buried} right turns lead with another"
        f" figure, {split} right turns also say a part was not understood"
    )  # fmt: skip


def report(results: list[ItemResult], title: str, meta: list[str]) -> str:
    head = "| | items | " + " | ".join(LABELS[v] for v in VERDICTS) + " |"
    sep = "|---" * (len(VERDICTS) + 2) + "|"
    out = [f"# {title}", "", *meta, "", "## Totals (items; an item is as good as its worst turn)", "", head, sep]
    out.append(_row("**all**", totals(results), len(results)))
    by_cat: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        by_cat[r.category].append(r)
    out += [_row(cat, totals(rs), len(rs)) for cat, rs in by_cat.items()]
    out += [
        "",
        summary(results),
        "",
        "## Per item",
        "",
        "| id | category | verdict | turns | grader's note |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        turn_v = ", ".join(v.verdict + (f"({v.hint})" if v.hint else "") for v in r.verdicts)
        notes = "; ".join(
            filter(None, [v.note + (" missed " + ", ".join(v.missed) if v.missed else "") for v in r.verdicts])
        )
        out.append(f"| {r.id} | {r.category} | {r.verdict} | {turn_v} | {_cell(notes)} |")
    failing = [r for r in results if r.verdict not in ("right", "declined_correctly")]
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for r in failing:
        groups[cause_of(r)].append(r)
    out += ["", f"## Not right ({len(failing)}), grouped by a guessed cause", ""]
    out += [f"- {cause}: {len(rs)} ({', '.join(r.id for r in rs)})" for cause, rs in groups.items()]
    for cause, rs in groups.items():
        out += ["", f"### {cause}"]
        for r in rs:
            out += ["", f"**{r.id}** ({r.category}, now {r.now:%Y-%m-%d %H:%M}) → **{r.verdict}**"]
            for i, (q, reply, e, v) in enumerate(zip(r.turns, r.replies, r.expect, r.verdicts, strict=True)):
                out.append(f"- turn {i + 1}: `{q}` — expected {e['kind']}: {e.get('reading', '')}")
                if e.get("decline_reason"):
                    out.append(f"  - why: {e['decline_reason']}")
                out.append(f"  - verdict **{v.verdict}**{' (' + v.hint + '?)' if v.hint else ''} {v.note}")
                for k, m in v.missed.items():
                    out.append(f"  - missed `{k}`: {m}")
                out.append(f"  - bot: {_clip(reply)}")
    return "\n".join(out) + "\n"


def known_failures_json(results: list[ItemResult]) -> str:
    """{id: [verdict per turn]} for the items with a turn that is not what its kind asks (the test's list)."""
    known = {r.id: [v.verdict for v in r.verdicts] for r in results if r.verdicts != [] and not all_good(r)}
    lines = [f'  "{k}": {json.dumps(v)}' for k, v in known.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def good_verdict(kind: str) -> str:
    return "declined_correctly" if kind == "decline" else "right"


def all_good(r: ItemResult) -> bool:
    return all(v.verdict == good_verdict(e["kind"]) for v, e in zip(r.verdicts, r.expect, strict=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("--reference", type=Path, required=True)
    ap.add_argument("--only", help="comma-separated item ids")
    ap.add_argument("--out", type=Path, help="write the markdown report here (default: stdout)")
    ap.add_argument("--categories", type=Path, help="{id: category} (default: next to the set)")
    ap.add_argument("--shared-data", type=Path, help="index closes and industries from this folder (not in tests)")
    ap.add_argument("--data-dir", type=Path, help="data dir to use (default: a fresh temporary one)")
    ap.add_argument("--summary", action="store_true", help="print only the one-line totals")
    ap.add_argument("--code", type=Path, help="measure the answerer of this tree (default: this one)")
    ap.add_argument(
        "--record-known", type=Path, help="write the turns not right/declined correctly as the test's known failures"
    )
    args = ap.parse_args(argv)
    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    import agent
    from retrieval.kb import NewsKnowledgeBase
    from tests.agent.blind.runner import load_items, offline_settings, run_items

    only = set(args.only.split(",")) if args.only else None
    items = load_items(args.set, only)
    source = data_source.with_shared(args.shared_data) if args.shared_data else data_source.bundled()
    figures = load_reference(args.reference).figures(items, source)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="blind-eval-") as tmp:
        settings = offline_settings(args.data_dir or Path(tmp))
        news = NewsKnowledgeBase.open(settings)
        results = run_items(items, figures, source, settings, news, categories_for(args.set, args.categories))
    took = time.perf_counter() - started
    line = summary(results)
    if args.record_known:
        args.record_known.write_text(known_failures_json(results), encoding="utf-8")
    if args.summary:
        print(line)
        return 0
    meta = [
        f"- set: `{args.set}` ({len(items)} items), reference `{args.reference}`, data: {source.label}",
        f"- code measured: `{Path(agent.__file__).resolve().parents[1]}`, "
        f"run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {took:.1f} s (data dir fill included)",
        "- verdict rules: tests/agent/blind/grading.py and matching.py (module docstrings)",
    ]
    text = report(results, f"Blind evaluation: {args.set.name}", meta)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(line)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
