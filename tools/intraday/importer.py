"""The ``intraday`` import kind: one row per minute bar, ``time,sh_amount_yuan,sz_amount_yuan``.

``time`` is ``YYYY-MM-DD HH:MM`` in Asia/Shanghai, the bar's end minute on the
session grid (09:30 .. 11:30, 13:01 .. 15:00); amounts are 元 traded in that
minute (not cumulative), SH = 上证指数, SZ = the whole Shenzhen market, as the
live source. A zero is allowed (the 14:59 bar is empty while the closing call
auction runs).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from tools.importer import ImportKind, ImportReport, ParsedRow, admit, parse_amount
from tools.intraday.clock import MINUTE_INDEX
from tools.intraday.models import MinuteBar
from tools.intraday.store import same_bar


def _parse_time(text: str) -> tuple[date, time]:
    value = (text or "").strip()
    try:
        stamp = datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValueError(f"time {value!r} is not 'YYYY-MM-DD HH:MM'") from None
    day, minute = stamp.date(), stamp.time()
    if day.weekday() >= 5:
        raise ValueError(f"{day} is a {'Saturday' if day.weekday() == 5 else 'Sunday'}; markets are closed")
    if minute not in MINUTE_INDEX:
        raise ValueError(f"{minute:%H:%M} is not a bar of the session (09:30-11:30, 13:01-15:00)")
    return day, minute


def _parse(record: dict[str, str]) -> tuple[date, time, float, float]:
    day, minute = _parse_time(record["time"])
    return (
        day,
        minute,
        parse_amount(record["sh_amount_yuan"], "sh_amount_yuan", allow_zero=True),
        parse_amount(record["sz_amount_yuan"], "sz_amount_yuan", allow_zero=True),
    )


def _write(settings: Any, rows: list[ParsedRow], source: str, replace: bool, report: ImportReport) -> None:
    from tools.intraday.service import IntradayData

    store = IntradayData(settings).store
    stored = store.stored({item.row[0] for item in rows})
    fetched_at = datetime.now(UTC)
    new: list[MinuteBar] = []
    for item in rows:
        day, minute, sh, sz = item.row
        old = stored.get((day, minute))
        if not admit(
            report,
            item.line,
            stored=(old[2], f"SH {old[0]:.0f} / SZ {old[1]:.0f} 元") if old is not None else None,
            same=old is not None and same_bar((old[0], old[1]), (sh, sz)),
            replace=replace,
            what=f"{day} {minute:%H:%M}",
        ):
            continue
        new.append(MinuteBar(day=day, minute=minute, sh_yuan=sh, sz_yuan=sz, source=source, fetched_at=fetched_at))
    store.upsert(new)


INTRADAY_KIND = ImportKind(
    name="intraday",
    columns=("time", "sh_amount_yuan", "sz_amount_yuan"),
    optional=(),
    example="2026-05-14 10:00,5.2e9,6.8e9",
    parse_row=_parse,
    key=lambda row: (row[0], row[1]),
    write=_write,
)
