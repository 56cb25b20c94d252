"""``marketbot run``: the Telegram bot (long polling, or webhook with --webhook-url)."""

from __future__ import annotations

import argparse
import logging
import sys

from config import Settings

EXIT_NO_TOKEN = 2

NO_TOKEN_MESSAGE = (
    "marketbot: no Telegram bot token. Set MARKETBOT_TELEGRAM_TOKEN (from @BotFather) to run the bot,\n"
    'or ask without Telegram: marketbot ask "今天两市成交额多少？"'
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="run the Telegram bot (needs MARKETBOT_TELEGRAM_TOKEN)")
    parser.add_argument(
        "--webhook-url", metavar="URL", help="public HTTPS URL for webhook mode (default: long polling)"
    )
    parser.set_defaults(handler=run_bot)


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    token = settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""
    if not token:
        print(NO_TOKEN_MESSAGE, file=sys.stderr)
        return EXIT_NO_TOKEN
    if getattr(args, "webhook_url", None):
        settings = settings.model_copy(update={"webhook_url": args.webhook_url})
    from telegram.error import InvalidToken

    from bot.app import ClusterConfigError, run  # heavy: telegram, the agent
    from config.logging import redact, secret_values

    try:
        run(settings)
    except ClusterConfigError as exc:
        print(f"marketbot: {exc}", file=sys.stderr)
        return EXIT_NO_TOKEN
    except InvalidToken:
        print("marketbot: Telegram rejected the bot token; check MARKETBOT_TELEGRAM_TOKEN.", file=sys.stderr)
        return EXIT_NO_TOKEN
    except Exception as exc:
        # Tracebacks (--debug) go through the redacting log set-up; the error itself is re-raised redacted.
        logging.getLogger("marketbot").debug("bot stopped", exc_info=True)
        raise RuntimeError(redact(str(exc) or type(exc).__name__, secret_values(settings))) from None
    return 0
