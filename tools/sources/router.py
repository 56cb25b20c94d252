"""The source chain for 两市成交额: Eastmoney index klines first, the exchanges' own
daily summaries as the single-day fallback. ("So far today" comes from minute bars:
tools.sources.intraday through tools.intraday.service.)

Every call goes through one :class:`SourceRunner` (timeout, retries, a circuit
breaker per source) and raises NoDataError (the source answered, nothing for
that day) or a SourceError subclass (failing). ``requests_made`` counts HTTP
requests actually sent, retries included.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tools.daily.models import DailyTurnover, SectorFlow
from tools.errors import NoDataError, SourceError
from tools.resilience import SourceRunner
from tools.sources import eastmoney, exchanges

PRIMARY_SOURCE = f"eastmoney:{eastmoney.SH_SYMBOL}+{eastmoney.SZ_SYMBOL}"
FALLBACK_SOURCE = "exchanges:sse+szse"


def move_pct(close: float | None, prev_close: float | None) -> float | None:
    """An index's % change on the previous close, to 0.0001 like the bundled history; None without both."""
    if close is None or prev_close is None or prev_close <= 0:
        return None
    return round((close / prev_close - 1) * 100, 4)


class SourceRouter:
    def __init__(self, settings: Any, *, runner: SourceRunner | None = None) -> None:
        self.settings = settings
        self.runner = runner or SourceRunner.from_settings(settings)

    @property
    def requests_made(self) -> int:
        return self.runner.requests_made

    # --- daily --------------------------------------------------------------
    def daily_range(self, start: date, end: date) -> list[DailyTurnover]:
        """Every day in [start, end] both indices have; exactly one request per index.

        Each row carries both closes; the % change is filled from the row before it in the range (so the first
        row has none: ask from one session earlier to have it)."""
        if end < start:
            raise NoDataError(f"empty range {start} .. {end}", start)
        sh = self.runner.call(eastmoney.SOURCE, lambda: eastmoney.index_bars(eastmoney.SH_SYMBOL, start, end))
        sz = self.runner.call(eastmoney.SOURCE, lambda: eastmoney.index_bars(eastmoney.SZ_SYMBOL, start, end))
        fetched_at = datetime.now(UTC)
        rows: list[DailyTurnover] = []
        prev_sh = prev_sz = None
        for d in sorted(sh.keys() & sz.keys()):
            (sh_amount, sh_close), (sz_amount, sz_close) = sh[d], sz[d]
            rows.append(
                DailyTurnover(
                    date=d,
                    sh_yuan=sh_amount,
                    sz_yuan=sz_amount,
                    source=PRIMARY_SOURCE,
                    fetched_at=fetched_at,
                    sh_close=sh_close,
                    sh_change_pct=move_pct(sh_close, prev_sh),
                    sz_close=sz_close,
                    sz_change_pct=move_pct(sz_close, prev_sz),
                    sz_index=eastmoney.SZ_SYMBOL if sz_close is not None else None,
                )
            )
            prev_sh, prev_sz = sh_close, sz_close
        if not rows:
            raise NoDataError(f"no day in {start} .. {end} has both SH and SZ turnover", start)
        return rows

    def exchange_daily(self, day: date) -> DailyTurnover:
        """One day from the exchanges' own summaries (SSE + SZSE), validated as a pair."""
        sh = self.runner.call(exchanges.SSE_SOURCE, lambda: exchanges.sse_amount(day))
        sz = self.runner.call(exchanges.SZSE_SOURCE, lambda: exchanges.szse_amount(day))
        exchanges.validate_pair(day, sh, sz)
        return DailyTurnover(date=day, sh_yuan=sh, sz_yuan=sz, source=FALLBACK_SOURCE, fetched_at=datetime.now(UTC))

    def daily(self, day: date) -> DailyTurnover:
        """One day: the primary first, then the exchanges."""
        try:
            return self.daily_range(day, day)[0]
        except NoDataError as primary_empty:
            try:
                return self.exchange_daily(day)
            except SourceError:
                raise primary_empty from None  # the primary did answer: nothing that day
        except SourceError as primary_error:
            try:
                return self.exchange_daily(day)
            except NoDataError:
                raise
            except SourceError as fallback_error:
                raise type(fallback_error)(
                    f"all sources failed for {day}: {primary_error}; {fallback_error}", fallback_error.source
                ) from None

    # --- market context -------------------------------------------------------
    def sector_flows(self, limit: int = 5) -> list[SectorFlow]:
        return self.runner.call(eastmoney.FLOW_SOURCE, lambda: eastmoney.sector_flows(limit))

    def northbound(self) -> tuple[date | None, float | None]:
        return self.runner.call(eastmoney.NORTHBOUND_SOURCE, eastmoney.northbound_net_yi)
