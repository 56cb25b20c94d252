"""The ``marketbot`` command: each layer registers its own subcommands here.

Layers: ``tools.cli`` (turnover, data, chart), ``retrieval.cli`` (ingest,
news), ``agent.cli`` (ask, chat), ``bot.run_cli`` (run). Registration only
builds argparse parsers; heavy libraries are imported by the handler that
needs them, so ``marketbot turnover`` starts fast.

A handler has the signature ``handler(args, settings) -> int``. Errors reach
the user as one line on stderr and a non-zero exit, never a traceback
(``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from config import Settings, get_settings
from config.logging import redact, secret_values, setup_logging

# Modules that expose ``register(subparsers)``; missing ones are skipped so a
# partial install still answers what it can.
# bot.migrate_cli adds ``data migrate-to-postgres`` to tools.cli's ``data`` (it names every layer's stores).
COMMAND_MODULES = (
    "tools.cli",
    "tools.intraday.cli",
    "tools.boards.cli",
    "retrieval.cli",
    "agent.cli",
    "bot.run_cli",
    "bot.migrate_cli",
)

# The modules each command needs registered (in COMMAND_MODULES' order), so a run imports only its command's
# modules: the others (bot.migrate_cli, the intraday, boards and news commands) cost ~15 ms of a one-shot
# ``ask``. Help, and a command line whose command is not listed here, build the whole parser.
# tests/test_cli_commands.py checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, ...]] = {
    "turnover": ("tools.cli",),
    "stats": ("tools.cli",),
    "data": ("tools.cli", "bot.migrate_cli"),
    "chart": ("tools.cli",),
    "intraday": ("tools.intraday.cli",),
    "sectors": ("tools.boards.cli",),
    "ingest": ("retrieval.cli",),
    "news": ("retrieval.cli",),
    "ask": ("agent.cli",),
    "chat": ("agent.cli",),
    "usage": ("agent.cli",),
    "run": ("bot.run_cli",),
}

EXIT_USAGE = 2
EXIT_FAILURE = 1


def _import_commands(names: Sequence[str]) -> list:
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The ``marketbot`` parser with the subcommands of ``modules`` (default: all of them)."""
    parser = argparse.ArgumentParser(
        prog="marketbot",
        description="沪深两市成交额 figures and the news behind them (Telegram bot and CLI).",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _import_commands(modules):
        module.register(sub)
    return parser


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser that reads ``argv``: with only its command's modules when the command word comes after
    nothing but ``--debug`` (``-h`` or an abbreviated option first gets the whole parser, as does a command
    whose modules are not all installed), else with every module."""
    words = [word for word in argv if word != "--debug"]
    names = COMMANDS.get(words[0]) if words else None
    if names is None or len(_import_commands(names)) < len(names):
        return build_parser()
    return build_parser(names)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``marketbot`` command. Without ``argv`` it reads the process's command line and the process ends
    when it returns (the console script, ``python -m bot.cli``): a handler may then skip clean-up that only
    the exit needs (``args.process_exits``)."""
    process_exits = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = parser_for(argv)
    args = parser.parse_args(argv)
    args.process_exits = process_exits
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        settings = get_settings()
    except Exception as exc:  # invalid env/.env/TOML values
        print(f"marketbot: invalid settings: {exc}", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(settings, log_level(args, settings))
    return run_handler(args, settings)


def log_level(args: argparse.Namespace, settings: Settings) -> str:
    """--debug, else MARKETBOT_LOG_LEVEL when set (and always for the long-running bot, whose push
    reports are INFO), else WARNING so one-shot commands print only their answer."""
    if args.debug:
        return "DEBUG"
    if "log_level" in settings.model_fields_set or args.command == "run":
        return settings.log_level
    return "WARNING"


def run_handler(args: argparse.Namespace, settings: Settings) -> int:
    try:
        return int(args.handler(args, settings) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        logging.getLogger("marketbot").debug("command failed", exc_info=True)
        message = redact(str(exc) or exc.__class__.__name__, secret_values(settings))
        print(f"marketbot: {message}", file=sys.stderr)
        return _exit_code_for(exc)


def _exit_code_for(exc: Exception) -> int:
    # Errors that are the user's input or the world's state (bad date, no data for a day)
    # carry their own exit code; anything else is a failure.
    if isinstance(exc, ValueError):
        return EXIT_USAGE
    return int(getattr(exc, "exit_code", EXIT_FAILURE))


if __name__ == "__main__":
    sys.exit(main())
