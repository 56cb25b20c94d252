"""The exchanges' own single-day summaries, the fallback when Eastmoney fails.

- SSE ``stock_sse_deal_daily``: JSON, one day per call, 成交金额 in 亿元, rows and
  columns assigned BY POSITION inside akshare (reliable from 2021-12-27; before
  that akshare refuses or mislabels, see akshare issues #5397/#5542).
- SZSE ``stock_szse_summary``: an xlsx, one day per call, 成交金额 in 元.

Because their columns have been swapped before, every figure is checked: the
SSE total is the sum of 主板A + 主板B + 科创板 (invariant to an A/B swap) and
must agree with the "股票" column when present; units are normalised (a daily
market total below 1e6 can only be 亿元); the pair must look like a real
A-share day (:func:`validate_pair`).
"""

from __future__ import annotations

import logging
from datetime import date

from config.http_defaults import current_stats
from tools.errors import NoDataError, SourceError
from tools.sources import finite

log = logging.getLogger(__name__)

SSE_SOURCE = "sse"
SZSE_SOURCE = "szse"
SSE_RELIABLE_FROM = date(2021, 12, 27)
_YI = 1e8
# Plausible bounds of one exchange's stock turnover on one day (元): 100亿 .. 10万亿.
_MIN_YUAN, _MAX_YUAN = 1e10, 1e13


def to_yuan(value: float) -> float:
    """Normalise a daily market total to 元: anything below 1e6 must be 亿元."""
    return value * _YI if value < 1e6 else value


def sse_amount(day: date) -> float:
    """Shanghai stock turnover (元) for one day from the SSE daily overview."""
    if day < SSE_RELIABLE_FROM:
        raise NoDataError(f"SSE daily overview is reliable only from {SSE_RELIABLE_FROM}", day)
    import akshare as ak

    try:
        frame = ak.stock_sse_deal_daily(date=day.strftime("%Y%m%d"))
    except (ValueError, KeyError, TypeError):
        if _empty_sse_answer():
            raise NoDataError(f"SSE has no overview for {day}", day) from None
        raise
    row = frame[frame["单日情况"] == "成交金额"]
    if row.empty:
        raise SourceError(f"sse: no 成交金额 row for {day}", SSE_SOURCE)
    parts = {col: finite(row[col].iloc[0]) for col in ("主板A", "主板B", "科创板", "股票")}
    main_a, main_b, star = parts["主板A"], parts["主板B"], parts["科创板"]
    if main_a is None and main_b is None and star is None:
        raise NoDataError(f"SSE reports no turnover for {day}", day)
    if main_a is not None and main_b is not None and main_b > main_a:
        log.warning("SSE %s: 主板B > 主板A, columns look swapped; using the sum", day)
    total = sum(v for v in (main_a, main_b, star) if v is not None)
    stock = parts["股票"]
    if stock is not None and stock > 0 and abs(stock - total) / stock > 0.02:
        raise SourceError(
            f"sse: 股票 {stock:.2f} disagrees with 主板A+主板B+科创板 {total:.2f} for {day}; columns shifted?",
            SSE_SOURCE,
        )
    if total <= 0:
        raise NoDataError(f"SSE reports zero turnover for {day}", day)
    return to_yuan(total)


def szse_amount(day: date) -> float:
    """Shenzhen stock turnover (元) for one day from the SZSE market overview."""
    import akshare as ak

    frame = ak.stock_szse_summary(date=day.strftime("%Y%m%d"))
    row = frame[frame["证券类别"] == "股票"]
    if row.empty:
        raise NoDataError(f"SZSE overview has no 股票 row for {day}", day)
    amount = finite(row["成交金额"].iloc[0])
    if amount is None or amount <= 0:
        raise NoDataError(f"SZSE reports no stock turnover for {day}", day)
    return to_yuan(amount)


def validate_pair(day: date, sh_yuan: float, sz_yuan: float) -> None:
    """Reject figures that cannot be a real day (swapped columns, wrong units)."""
    for name, value in (("SH", sh_yuan), ("SZ", sz_yuan)):
        if not _MIN_YUAN <= value <= _MAX_YUAN:
            raise SourceError(f"exchanges: implausible {name} turnover {value:.4g} 元 for {day}", "exchanges")
    ratio = sz_yuan / sh_yuan
    if not 0.4 <= ratio <= 3.0:
        raise SourceError(f"exchanges: implausible SZ/SH ratio {ratio:.2f} for {day}", "exchanges")


def _empty_sse_answer() -> bool:
    """True when the SSE answered 200 with an empty result (a non-trading day)."""
    stats = current_stats()
    response = stats.last_response if stats else None
    if response is None or response.status_code != 200:
        return False
    try:
        payload = response.json()
    except ValueError:
        return False
    return isinstance(payload, dict) and payload.get("result") == []
