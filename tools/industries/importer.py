"""The ``industries`` import kind: ``date,industry,amount_yuan`` (元), optional ``ths_code,up_count,down_count,
total_count,change_pct``.

One row per THS industry and trading day (the industry's name is its identity,
as in the live after-close summary). Counts are whole numbers of stocks;
``change_pct`` is the industry index's 1-day change in %.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any

from tools.importer import ImportKind, ImportReport, ParsedRow, admit, parse_amount, parse_day, same_amount
from tools.industries.store import IndustryRow

CODE = re.compile(r"^88\d{4}$")
MAX_NAME = 20
MAX_COUNT = 10000


def _count(record: dict[str, str], column: str) -> int | None:
    text = (record.get(column) or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_COUNT:
        raise ValueError(f"{column} {text!r} is not a count of stocks (0-{MAX_COUNT})")
    return int(text)


def _parse(record: dict[str, str]) -> IndustryRow:
    day = parse_day(record["date"])
    if day.weekday() >= 5:
        raise ValueError(f"{day} is a {'Saturday' if day.weekday() == 5 else 'Sunday'}; markets are closed")
    name = (record["industry"] or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"industry must be 1-{MAX_NAME} characters, got {name!r}")
    code = (record.get("ths_code") or "").strip().removesuffix(".TI") or None
    if code is not None and not CODE.match(code):
        raise ValueError(f"ths_code {code!r} is not a Tonghuashun industry code like 881121")
    amount = parse_amount(record["amount_yuan"], "amount_yuan")
    up, down, total = (_count(record, c) for c in ("up_count", "down_count", "total_count"))
    if total is not None and (up or 0) + (down or 0) > total:
        raise ValueError(f"up_count + down_count ({(up or 0) + (down or 0)}) exceed total_count ({total})")
    pct_text = (record.get("change_pct") or "").strip()
    pct = None
    if pct_text:
        try:
            pct = float(pct_text)
        except ValueError:
            raise ValueError(f"change_pct {pct_text!r} is not a number") from None
        if not math.isfinite(pct) or abs(pct) > 50:
            raise ValueError(f"change_pct {pct_text} is not a daily % change")
    epoch = datetime(1970, 1, 1, tzinfo=UTC)  # replaced on write; rows compare by content
    return IndustryRow(
        date=day,
        name=name,
        amount_yuan=amount,
        source="",
        fetched_at=epoch,
        code=code,
        up_count=up,
        down_count=down,
        total_count=total,
        change_pct=pct,
    )


def _same(a: IndustryRow, b: IndustryRow) -> bool:
    same_pct = (a.change_pct is None) == (b.change_pct is None) and (
        a.change_pct is None or abs(a.change_pct - (b.change_pct or 0.0)) < 1e-6
    )
    counts = (a.up_count, a.down_count, a.total_count) == (b.up_count, b.down_count, b.total_count)
    return same_amount(a.amount_yuan, b.amount_yuan) and counts and same_pct


def _write(settings: Any, rows: list[ParsedRow], source: str, replace: bool, report: ImportReport) -> None:
    from tools.industries.service import IndustryData
    from tools.service import MarketData

    store = IndustryData(MarketData(settings)).store
    stored = {(r.date, r.name): r for r in store.all()}
    fetched_at = datetime.now(UTC)
    new: list[IndustryRow] = []
    for item in rows:
        row: IndustryRow = item.row
        old = stored.get((row.date, row.name))
        if not admit(
            report,
            item.line,
            stored=(old.source, f"{old.amount_yuan:.0f} 元") if old is not None else None,
            same=old is not None and _same(old, row),
            replace=replace,
            what=f"{row.name} on {row.date}",
            earlier="an earlier import or the bundled history",
        ):
            continue
        code = row.code or (old.code if old is not None else None)
        new.append(
            IndustryRow(
                date=row.date,
                name=row.name,
                amount_yuan=row.amount_yuan,
                source=source,
                fetched_at=fetched_at,
                code=code,
                up_count=row.up_count,
                down_count=row.down_count,
                total_count=row.total_count,
                change_pct=row.change_pct,
            )
        )
    if new:
        store.upsert(new)


INDUSTRIES_KIND = ImportKind(
    name="industries",
    columns=("date", "industry", "amount_yuan"),
    optional=("ths_code", "up_count", "down_count", "total_count", "change_pct"),
    example="2026-07-31,半导体,458370000000,881121,175,20,196,4.23",
    parse_row=_parse,
    key=lambda row: (row.date, row.name),
    write=_write,
)
