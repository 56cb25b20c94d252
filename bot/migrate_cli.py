"""``marketbot data migrate-to-postgres``: move a SQLite deployment's state into the shared database.

It lives in bot/ because it names every layer's stores (the bot's subscriptions, ledger and alert
settings, the agent's conversation memory, the market stores); the copying itself is config.transfer.
Stop the bot first: the copy reads the SQLite files as they are, and a part the stopped process left
``sending`` is copied as ``uncertain`` (sent again, exactly as that process would have done at its next
start). LLM token usage is copied too, so the budgets go on counting. Not copied: the per-user rate window
(a minute long), and the news: vectors in a local Chroma cannot be moved to a Chroma server from here;
ingest the news again through one replica, which fills the server and the shared catalog.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from config import Settings
from config.database import Database, DatabaseError, postgres_database, safe_url, sqlite_database
from config.transfer import StoreReport, StoreTables, copy_stores


def stores() -> list[StoreTables]:
    """Every store with state worth moving, in its own SQLite file (imported here, when the command runs)."""
    from agent import memory
    from agent.llm import usage_store as usage
    from bot.alerts import store as alerts
    from bot.push import subscriptions as push
    from tools.boards import store as boards
    from tools.daily import store as daily
    from tools.industries import store as industries
    from tools.intraday import store as intraday

    def tables(one: Any) -> tuple[Any, ...]:
        return tuple(one.metadata.sorted_tables)  # every table of the store, also ones added later

    return [
        StoreTables(
            push.DB_NAME,
            push.SCHEMA,
            tables(push.subscriptions) + tables(push.push_ledger),  # two metadata: the ledger has its own module
            fix=_in_flight_is_uncertain,
        ),
        StoreTables(alerts.DB_NAME, alerts.SCHEMA, tables(alerts.alert_chats)),
        StoreTables(memory.DB_NAME, memory.SCHEMA, tables(memory.turns_table)),
        StoreTables(usage.DB_NAME, usage.SCHEMA, tables(usage.llm_usage)),
        StoreTables(daily.DB_NAME, daily.SCHEMA, tables(daily.daily_turnover), (daily.REVISION,)),
        StoreTables(intraday.DB_NAME, intraday.SCHEMA, tables(intraday.minute_bars), (intraday.REVISION,)),
        StoreTables(industries.DB_NAME, industries.SCHEMA, tables(industries.industry_day), (industries.REVISION,)),
        StoreTables(boards.DB_NAME, boards.SCHEMA, tables(boards.board_turnover), (boards.REVISION,)),
    ]


def _in_flight_is_uncertain(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table != "push_ledger":
        return row
    # A lease is on the old database's clock and names a process that is gone: no claim survives the move.
    row = {**row, "owner": None, "lease_until": None}
    if row.get("state") == "sending":
        row["state"] = "uncertain"
    return row


def register(subparsers: Any) -> None:
    data = subparsers.choices.get("data")
    if data is None:  # tools.cli not installed: nothing to attach to
        return
    actions = next(a for a in data._actions if isinstance(a, argparse._SubParsersAction))
    migrate = actions.add_parser(
        "migrate-to-postgres",
        help="copy this data dir's SQLite state into the database at MARKETBOT_DATABASE_URL (safe to repeat)",
        description="Copy subscriptions, chat languages, the push and alert ledger, alert settings, conversation "
        "memory, LLM token usage and the market stores from the SQLite files in the data dir into PostgreSQL. "
        "Rows the database already has are left alone, so running it twice changes nothing. Stop the bot first.",
    )
    migrate.add_argument("--from", dest="source", type=Path, help="data dir to read (default: MARKETBOT_DATA_DIR)")
    migrate.add_argument("--url", help="postgresql://user@host:port/db (default: MARKETBOT_DATABASE_URL)")
    migrate.set_defaults(handler=run_migrate)


def run_migrate(args: argparse.Namespace, settings: Settings) -> int:
    url = args.url or (settings.database_url.get_secret_value() if settings.database_url is not None else None)
    if not url:
        raise DatabaseError("no database to migrate to: set MARKETBOT_DATABASE_URL (or pass --url)")
    source_dir = Path(args.source or settings.data_dir)
    target = postgres_database(url)  # raises DatabaseError (one line, no password) for a URL it cannot use
    try:
        reports = migrate(source_dir, target)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot migrate to {safe_url(url)}: {_first_line(exc, url)}") from None
    print(describe(reports, source_dir, safe_url(url)))
    return 0


def migrate(source_dir: Path, target: Database) -> list[StoreReport]:
    def open_source(name: str) -> Database | None:
        path = source_dir / name
        return sqlite_database(path) if path.is_file() else None

    return copy_stores(open_source, target, stores())


def describe(reports: list[StoreReport], source_dir: Path, target: str) -> str:
    lines = [f"{source_dir} -> {target}"]
    for report in reports:
        if report.missing:
            lines.append(f"{report.sqlite_name}: no such file, nothing to copy")
            continue
        for t in report.tables:
            lines.append(f"{report.sqlite_name} {t.table}: {t.source_rows} rows, {t.copied} copied")
    return "\n".join(lines)


def _first_line(exc: SQLAlchemyError, url: str) -> str:
    """The driver's own message (a refused connection, a missing database), without the password."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    line = text[0] if text else exc.__class__.__name__
    password = make_url(url).password
    return line.replace(str(password), "***") if password else line
