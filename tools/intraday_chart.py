"""The intraday chart: cumulative 两市成交额 through a session against the previous session and the
mean of the last sessions at each minute, with threshold lines and the latest point labelled."""

from __future__ import annotations

from pathlib import Path

from tools.intraday_models import IntradayCurves


def render_intraday_chart(
    curves: IntradayCurves,
    *,
    size: tuple[int, int] = (1200, 675),
    lang: str = "zh",
    path: Path | None = None,
) -> bytes:
    """PNG bytes (also written to ``path`` when given)."""
    raise NotImplementedError
