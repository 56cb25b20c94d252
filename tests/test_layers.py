"""The layer rule and "no import cycle", checked on the real import graph (grimp, as import-linter builds it).

``lint-imports`` (pyproject's [tool.importlinter]) enforces the layers in the README's test command; these tests
check the same contract here, show that it fails on a deliberate upward import, and add what import-linter's
contracts do not state directly: no cycle between any two first-party modules, lazy imports included.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "agent", "tools", "retrieval", "config")
# Each layer may import only the layers after it; tools and retrieval are independent of each other.
LAYERS: tuple[tuple[str, ...], ...] = (("bot",), ("agent",), ("tools", "retrieval"), ("config",))


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & set(modules)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(edges[node]):
                work.append((node, i + 1))
                nxt = edges[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def upward_imports(graph: grimp.ImportGraph, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """Imports from a layer to one above it (or between the independent tools and retrieval)."""
    rank = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}
    bad = []
    for module in sorted(graph.modules):
        top = module.split(".")[0]
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            other = imported.split(".")[0]
            if other == top or other not in rank or top not in rank:
                continue
            if rank[other] <= rank[top]:
                bad.append(f"{module} -> {imported}")
    return bad


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES)


def test_no_import_goes_up_a_layer(graph: grimp.ImportGraph) -> None:
    assert upward_imports(graph) == []


def test_no_import_cycle_between_modules(graph: grimp.ImportGraph) -> None:
    assert cycles(graph) == []


def _fake_tree(tmp_path: Path, upward: bool) -> Path:
    """A copy of the five layers' shape, with one module per layer, optionally importing upward."""
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("")
    (tmp_path / "config" / "settings.py").write_text("X = 1\n")
    (tmp_path / "tools" / "service.py").write_text("from config.settings import X\n")
    (tmp_path / "retrieval" / "kb.py").write_text("from config.settings import X\n")
    (tmp_path / "agent" / "service.py").write_text("import tools.service\nimport retrieval.kb\n")
    body = "import agent.service\n" + ("import bot.app\n" if upward else "")
    (tmp_path / "tools" / "chart.py").write_text(body if upward else "import config.settings\n")
    (tmp_path / "bot" / "app.py").write_text("import agent.service\n")
    return tmp_path


@pytest.mark.parametrize("upward", [False, True])
def test_the_contract_fails_on_a_deliberate_upward_import(tmp_path: Path, upward: bool) -> None:
    tree = _fake_tree(tmp_path, upward)
    (tree / ".importlinter").write_text(
        textwrap.dedent(
            """
            [importlinter]
            root_packages =
                bot
                agent
                tools
                retrieval
                config
            [importlinter:contract:layers]
            name = layers
            type = layers
            layers =
                bot
                agent
                tools | retrieval
                config
            """
        )
    )
    run = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode != 0) is upward, run.stdout + run.stderr
    # The same check as test_no_import_goes_up_a_layer, in a fresh interpreter that sees only the fake tree.
    probe = (
        "import grimp, test_layers; "
        "print('\\n'.join(test_layers.upward_imports(grimp.build_graph(*test_layers.PACKAGES, cache_dir=None))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tree,
        env={"PYTHONPATH": f"{tree}:{ROOT / 'tests'}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert bool(found) is upward
    if upward:
        assert "tools.chart -> agent.service" in " ".join(found) and "tools.chart -> bot.app" in " ".join(found)


def test_a_cycle_is_found() -> None:
    class Graph:
        modules = {"a.x", "a.y", "a.z"}

        def find_modules_directly_imported_by(self, module: str) -> set[str]:
            return {"a.x": {"a.y"}, "a.y": {"a.x"}, "a.z": {"a.x"}}[module]

    assert cycles(Graph()) == [["a.x", "a.y"]]  # type: ignore[arg-type]
