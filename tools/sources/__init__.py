"""Live akshare sources of the market data layer.

Each module wraps a few akshare functions and turns their DataFrames into
plain figures in 元 (or typed results), raising NoDataError when the source
answered with nothing for the day. akshare is imported inside the functions so
that importing this package (and starting the CLI) stays fast.
:mod:`tools.sources.router` chains them with timeouts, retries and breakers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from tools.errors import NoDataError


def finite(value: object) -> float | None:
    """A cell of a source's table as a finite float; None for NaN, inf, blanks and text."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def daily_amounts(
    days: Iterable[object], amounts: Iterable[object], start: date, end: date, what: str
) -> dict[date, float]:
    """{day: amount in 元} from a kline table's date and amount columns, for days in [start, end] with a positive
    finite amount; NoDataError ("Eastmoney has no <what> turnover ...") when none is left."""
    found: dict[date, float] = {}
    for raw_day, raw_amount in zip(days, amounts, strict=True):
        day, amount = date.fromisoformat(str(raw_day)[:10]), finite(raw_amount)
        if start <= day <= end and amount is not None and amount > 0:
            found[day] = amount
    if not found:
        raise NoDataError(f"Eastmoney has no {what} turnover for {start} .. {end}", start)
    return found
