"""Live akshare sources of the market data layer.

Each module wraps a few akshare functions and turns their DataFrames into
plain figures in 元 (or typed results), raising NoDataError when the source
answered with nothing for the day. akshare is imported inside the functions so
that importing this package (and starting the CLI) stays fast.
:mod:`tools.sources.router` chains them with timeouts, retries and breakers.
"""

from __future__ import annotations

import math


def finite(value: object) -> float | None:
    """A cell of a source's table as a finite float; None for NaN, inf, blanks and text."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
