"""Logging set-up that never writes a secret.

A filter on the root handler replaces every configured secret (bot token,
API keys) and anything shaped like a Telegram bot token with ``***``, in the
message and its arguments, including tracebacks rendered by the handler.
"""

from __future__ import annotations

import logging
import re

from config.settings import Settings

_TELEGRAM_TOKEN_RE = re.compile(r"(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}")
_BEARER_RE = re.compile(r"(?i)(bearer\s+|api[_-]?key[=:]\s*)[A-Za-z0-9._-]{8,}")


def secret_values(settings: Settings) -> list[str]:
    values = [settings.telegram_token, settings.llm_api_key, settings.webhook_secret]
    values += [endpoint.api_key for endpoint in settings.llm_fallbacks]
    return [v.get_secret_value() for v in values if v is not None and v.get_secret_value()]


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    text = _TELEGRAM_TOKEN_RE.sub("***", text)
    return _BEARER_RE.sub(lambda m: m.group(1) + "***", text)


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)


def setup_logging(settings: Settings, level: str | None = None) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secret_values(settings))
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level or settings.log_level)
    # httpx logs every request URL, and Telegram URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
