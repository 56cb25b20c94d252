"""Flat figure keys for the blind references whose writers returned top-N lists (sets R to U).

The grader reads flat keys (top1_yuan, top2_yuan, ...) and those sets' figure lists name them so; the writers'
own ``figures()`` take and return lists under ``top_yuan``. ``flat_figures`` wraps such a function: the item's
figure names are folded back to the writer's before it runs, and its lists flattened after."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

Figures = Callable[..., dict]


def _folded(items: list[dict]) -> list[dict]:
    folded = copy.deepcopy(items)
    for it in folded:
        for ex in it.get("expect", []):
            names: list[str] = []
            for key in ex.get("figures", []):
                key = re.sub(r"^top\d+_", "top_", key)
                if key not in names:
                    names.append(key)
            ex["figures"] = names
    return folded


def _flat(fig: dict) -> dict:
    flat: dict = {}
    for key, value in fig.items():
        if isinstance(value, (list, tuple)) and key.startswith("top_"):
            flat.update({f"top{j}_{key[4:]}": x for j, x in enumerate(value, 1)})
        else:
            flat[key] = value
    return flat


def flat_figures(as_written: Figures) -> Figures:
    def figures(items: list[dict], source: object = None, problems: list | None = None) -> dict:
        out = as_written(_folded(items), source, problems)
        return {item: [_flat(fig) for fig in turns] for item, turns in out.items()}

    return figures
