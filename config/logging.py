"""Logging set-up that never writes a secret and never shows a user a traceback.

Redaction happens where each log record is made (a record factory), so no
handler, ours, pytest's or an embedding application's, ever sees a configured
secret (bot token, API keys) or anything shaped like a Telegram bot token.
Bot API request URLs contain the token and exception texts may too.

Our console handler shows an exception as one line (type and message) unless
the level is DEBUG (``--debug``), where the full traceback is shown.
"""

from __future__ import annotations

import logging
import re

from config.settings import Settings

_TELEGRAM_TOKEN_RE = re.compile(r"(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}")
_BEARER_RE = re.compile(r"(?i)(bearer\s+|api[_-]?key[=:]\s*)[A-Za-z0-9._-]{8,}")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_secrets: list[str] = []
_base_factory = logging.getLogRecordFactory()


def secret_values(settings: Settings) -> list[str]:
    values = [settings.telegram_token, settings.llm_api_key, settings.webhook_secret]
    values += [endpoint.api_key for endpoint in settings.llm_fallbacks]
    secrets = [v.get_secret_value() for v in values if v is not None and v.get_secret_value()]
    if settings.database_url is not None:
        from sqlalchemy.engine import make_url

        password = make_url(settings.database_url.get_secret_value()).password
        if password:
            secrets.append(str(password))
    return secrets


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    text = _TELEGRAM_TOKEN_RE.sub("***", text)
    return _BEARER_RE.sub(lambda m: m.group(1) + "***", text)


def _redacting_factory(*args, **kwargs) -> logging.LogRecord:  # noqa: ANN002, ANN003
    record = _base_factory(*args, **kwargs)
    try:
        record.msg, record.args = redact(record.getMessage(), _secrets), None
    except Exception:  # a malformed log call must not break logging; leave it as it was
        return record
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info), _secrets)
    return record


def install_redaction(settings: Settings) -> None:
    """Redact this settings' secrets from every log record made in this process (idempotent)."""
    _secrets[:] = sorted(set(_secrets) | set(secret_values(settings)), key=len, reverse=True)
    if logging.getLogRecordFactory() is not _redacting_factory:
        logging.setLogRecordFactory(_redacting_factory)
    # httpx logs every request URL at INFO, and Telegram URLs contain the token.
    httpx_log = logging.getLogger("httpx")
    httpx_log.setLevel(max(httpx_log.getEffectiveLevel(), logging.WARNING))


class ConsoleFormatter(logging.Formatter):
    """Redacts again (cheap insurance) and shortens exceptions to one line unless ``tracebacks``."""

    def __init__(self, tracebacks: bool = False) -> None:
        super().__init__(LOG_FORMAT)
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info and record.exc_info[1] is not None and not self.tracebacks:
            error = record.exc_info[1]
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info = None
            record.exc_text = f"{type(error).__name__}: {error}"
        return redact(super().format(record), _secrets)


def setup_logging(settings: Settings, level: str | None = None) -> None:
    install_redaction(settings)
    level = (level or settings.log_level).upper()
    handler = logging.StreamHandler()
    handler.setFormatter(ConsoleFormatter(tracebacks=level == "DEBUG"))
    # On the handler too: some libraries (bm25s) set their own loggers to DEBUG.
    handler.setLevel(level)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
