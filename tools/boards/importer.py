"""The ``boards`` import kind: ``date,board_code,board_name,amount_yuan`` (元), optional ``theme``.

One row per board and trading day. The code (Eastmoney ``BKnnnn``) is the
board's identity; the name is kept per row, so a board renamed later keeps its
history. A ``theme`` puts the board in that theme for that day's analytics.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from tools.boards.store import BoardRow
from tools.importer import ImportKind, ImportReport, ParsedRow, admit, parse_amount, parse_day, same_amount

CODE = re.compile(r"^BK\d{4}$")
MAX_NAME = 40


def _parse(record: dict[str, str]) -> BoardRow:
    day = parse_day(record["date"])
    if day.weekday() >= 5:
        raise ValueError(f"{day} is a {'Saturday' if day.weekday() == 5 else 'Sunday'}; markets are closed")
    code = (record["board_code"] or "").strip().upper()
    if not CODE.match(code):
        raise ValueError(f"board_code {code!r} is not an Eastmoney board code like BK1036")
    name = (record["board_name"] or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"board_name must be 1-{MAX_NAME} characters, got {name!r}")
    theme = (record.get("theme") or "").strip() or None
    amount = parse_amount(record["amount_yuan"], "amount_yuan")
    epoch = datetime(1970, 1, 1, tzinfo=UTC)  # replaced on write; rows compare by content
    return BoardRow(code=code, date=day, amount_yuan=amount, name=name, theme=theme, source="", fetched_at=epoch)


def _same(a: BoardRow, b: BoardRow) -> bool:
    return same_amount(a.amount_yuan, b.amount_yuan) and a.name == b.name and (a.theme or None) == (b.theme or None)


def _write(settings: Any, rows: list[ParsedRow], source: str, replace: bool, report: ImportReport) -> None:
    from tools.boards.service import BoardData
    from tools.service import MarketData

    store = BoardData(MarketData(settings)).store
    stored = {(r.code, r.date): r for r in store.all()}
    fetched_at = datetime.now(UTC)
    new: list[BoardRow] = []
    for item in rows:
        row: BoardRow = item.row
        old = stored.get((row.code, row.date))
        if not admit(
            report,
            item.line,
            stored=(old.source, f"{old.name} {old.amount_yuan:.0f} 元") if old is not None else None,
            same=old is not None and _same(old, row),
            replace=replace,
            what=f"{row.code} on {row.date}",
        ):
            continue
        new.append(
            BoardRow(
                code=row.code,
                date=row.date,
                amount_yuan=row.amount_yuan,
                name=row.name,
                theme=row.theme,
                source=source,
                fetched_at=fetched_at,
            )
        )
    if new:
        store.upsert(new)


BOARDS_KIND = ImportKind(
    name="boards",
    columns=("date", "board_code", "board_name", "amount_yuan"),
    optional=("theme",),
    example="2025-10-09,BK1036,半导体,1.2e11",
    parse_row=_parse,
    key=lambda row: (row.code, row.date),
    write=_write,
)
