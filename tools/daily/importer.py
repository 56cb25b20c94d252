"""The ``daily`` import kind: one row per trading day, ``date,sh_amount_yuan,sz_amount_yuan`` in 元.

SH is 上证指数 (sh000001) and SZ the whole Shenzhen market (深证综指 sz399106),
the same definition as the live sources, so an imported day and a fetched day
add up to the same 沪深两市成交额.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tools.calendar import CLOSURES, FIRST_SESSION
from tools.daily.models import DailyTurnover
from tools.importer import ImportKind, ImportReport, ParsedRow, admit, parse_amount, parse_day, same_amount

EXCHANGE_ZONE = ZoneInfo("Asia/Shanghai")
# Since 2005 neither part has traded less than 20亿元 a day: an amount under 1亿 is a figure in 亿元, not 元.
PLAUSIBLE_FROM = date(2005, 1, 1)
MIN_PLAUSIBLE_YUAN = 1e8


def _amount(record: dict[str, str], column: str, day: date) -> float:
    amount = parse_amount(record[column], column)
    if day >= PLAUSIBLE_FROM and amount < MIN_PLAUSIBLE_YUAN:
        raise ValueError(f"{column} {amount:g} is under 1亿元; the column is in 元 (亿元 x 1e8), not 亿元")
    return amount


def _parse(record: dict[str, str]) -> tuple[Any, float, float]:
    day = parse_day(record["date"])
    if day.weekday() >= 5:
        raise ValueError(f"{day} is a {'Saturday' if day.weekday() == 5 else 'Sunday'}; markets are closed")
    if day in CLOSURES:
        raise ValueError(f"{day} is an exchange holiday ({CLOSURES[day]}); markets are closed")
    if day < FIRST_SESSION:
        raise ValueError(f"{day} is before the Shanghai exchange opened ({FIRST_SESSION})")
    today = datetime.now(EXCHANGE_ZONE).date()
    if day > today:
        raise ValueError(f"{day} is in the future (today is {today})")
    return day, _amount(record, "sh_amount_yuan", day), _amount(record, "sz_amount_yuan", day)


def _write(settings: Any, rows: list[ParsedRow], source: str, replace: bool, report: ImportReport) -> None:
    from tools.service import MarketData

    market = MarketData(settings)
    stored = {r.date: r for r in market.store.all()}
    fetched_at = datetime.now(UTC)
    new: list[DailyTurnover] = []
    for item in rows:
        day, sh, sz = item.row
        old = stored.get(day)
        if not admit(
            report,
            item.line,
            stored=(old.source, f"SH {old.sh_yuan:.0f} / SZ {old.sz_yuan:.0f} 元") if old is not None else None,
            same=old is not None and same_amount(old.sh_yuan, sh) and same_amount(old.sz_yuan, sz),
            replace=replace,
            what=f"{day}",
            earlier="an earlier import or the bundled history",
        ):
            continue
        new.append(DailyTurnover(date=day, sh_yuan=sh, sz_yuan=sz, source=source, fetched_at=fetched_at))
    if new:
        market.store.upsert(new)
        market.rows_written()


DAILY_KIND = ImportKind(
    name="daily",
    columns=("date", "sh_amount_yuan", "sz_amount_yuan"),
    optional=(),
    example="2025-10-09,1.1e12,1.5e12",
    parse_row=_parse,
    key=lambda row: row[0],
    write=_write,
)
