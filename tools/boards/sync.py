"""Incremental update of the board store: one request per watchlist board, plus today's ranking.

Each board asks only for the range after its last stored day (a board new to
the store is filled back ``boards_backfill_days`` in the same request). Rows
are written board by board, so when the source fails part-way the boards
already fetched are kept and nothing is written for the others. Every call
runs through the shared SourceRunner (timeout, retries, one breaker for the
board source): after repeated failures the rest of the list is skipped
without requests. The THS ranking is fetched only after the close of a
session day, because it is a live snapshot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from tools.boards.store import BoardRow, BoardStore
from tools.boards.watchlist import Watchlist
from tools.calendar import TradingCalendar, to_local
from tools.errors import MarketDataError, NoDataError, one_line
from tools.resilience import SourceRunner
from tools.sources import boards as source

log = logging.getLogger(__name__)


@dataclass
class BoardUpdateResult:
    end: date | None
    written: int = 0
    requests: int = 0
    boards_fetched: int = 0  # boards whose request answered with rows
    boards_current: int = 0  # boards already up to date (no request)
    ranking_written: int = 0
    industries_written: int = 0  # rows of the summary stored in the industry store (by the caller)
    # The after-close THS summary behind the ranking, kept for the industry store (tools.industries.sync).
    industry_summary: list[source.IndustrySummaryRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def update_boards(
    store: BoardStore,
    watchlist: Watchlist,
    settings: Any,
    *,
    calendar: TradingCalendar,
    runner: SourceRunner,
    now: datetime,
    end: date | None = None,
    ranking: bool = True,
    need_summary: bool = False,
) -> BoardUpdateResult:
    """Bring every watchlist board up to ``end`` (default: the latest closed session). Never raises for sources.

    After the close, today's THS summary is fetched once when the ranking is not stored yet or ``need_summary``
    (the industry store lacks the day); the result carries it."""
    latest = calendar.latest_session(now)
    end = min(end or latest, latest)
    result = BoardUpdateResult(end=end)
    before = runner.requests_made
    last = store.last_dates()
    backfill_from = end - timedelta(days=max(1, settings.boards_backfill_days))
    for board in watchlist.boards:
        start = last[board.code] + timedelta(days=1) if board.code in last else backfill_from
        if start > end or not calendar.sessions(start, end):
            result.boards_current += 1
            continue
        try:
            amounts = runner.call(source.SOURCE, partial(source.board_amounts, board.code, board.kind, start, end))
        except source.UnknownBoardError as exc:  # the source answered: a wrong code, not an outage
            result.errors.append(f"{board.name} ({board.code}): {one_line(exc)}")
            continue
        except NoDataError:
            log.info("no %s bars for %s .. %s", board.code, start, end)
            continue
        except MarketDataError as exc:  # failing, or skipped by the open breaker
            result.errors.append(f"{board.name} ({board.code}): {one_line(exc)}")
            continue
        fetched_at = datetime.now(UTC)
        rows = [
            BoardRow(
                code=board.code, date=d, amount_yuan=a, name=board.name, source=source.SOURCE, fetched_at=fetched_at
            )
            for d, a in sorted(amounts.items())
        ]
        result.written += store.upsert(rows)
        result.boards_fetched += 1
    if ranking and _after_close_today(calendar, now, end) and (need_summary or not _has_ranking(store, end)):
        _update_ranking(store, runner, end, result)
    result.requests = runner.requests_made - before
    return result


def _after_close_today(calendar: TradingCalendar, now: datetime, end: date) -> bool:
    local = to_local(now, calendar.zone)
    return end == local.date() == calendar.latest_session(now)


def _has_ranking(store: BoardStore, day: date) -> bool:
    return any(r.date == day and r.code.startswith(source.RANKING_CODE_PREFIX) for r in reversed(store.all()))


def _update_ranking(store: BoardStore, runner: SourceRunner, day: date, result: BoardUpdateResult) -> None:
    try:
        summary = runner.call(source.RANKING_SOURCE, source.industry_summary)
    except NoDataError:
        return
    except MarketDataError as exc:
        result.errors.append(f"THS industry ranking: {one_line(exc)}")
        return
    fetched_at = datetime.now(UTC)
    rows = [
        BoardRow(
            code=f"{source.RANKING_CODE_PREFIX}{row.name}",
            date=day,
            amount_yuan=row.amount_yuan,
            name=row.name,
            source=source.RANKING_SOURCE,
            fetched_at=fetched_at,
        )
        for row in summary
    ]
    result.industry_summary = summary
    result.ranking_written = store.upsert(rows)
    result.written += result.ranking_written
