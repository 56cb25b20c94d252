"""Live industry rows: the after-close THS summary, stored every session.

The summary is the same request the board ranking makes (tools.boards.sync),
so storing it costs nothing more: 成交额, the industry index's % change and
上涨/下跌家数 of each of the ~90 industries. It is a live snapshot, so only the
session that just closed is written; a past day's industries come from
``marketbot data import --kind industries``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from tools.industries.store import IndustryRow, IndustryStore
from tools.sources.boards import RANKING_SOURCE, IndustrySummaryRow


def store_summary(store: IndustryStore, day: date, summary: Sequence[IndustrySummaryRow]) -> int:
    """Write today's summary rows for ``day``; returns how many were written (invalid rows are never stored)."""
    fetched_at = datetime.now(UTC)
    known = {r.name: r.code for r in reversed(store.all()) if r.code}
    rows = [
        IndustryRow(
            date=day,
            name=row.name,
            amount_yuan=row.amount_yuan,
            source=RANKING_SOURCE,
            fetched_at=fetched_at,
            code=known.get(row.name),
            up_count=row.up_count,
            down_count=row.down_count,
            total_count=None,
            change_pct=row.change_pct,
        )
        for row in summary
    ]
    return store.upsert(rows)
