"""Webhook mode: a body that is not a JSON object gets HTTP 400 and one log line, not a 500.

PTB's webhook handler (tornado) checks the content type and the secret header,
then parses the body with no guard: a malformed body with the right secret
raised out of the handler, so tornado answered 500 and logged a traceback.
PTB has no hook for its handler class, so ``install_webhook_json_check`` puts a
subclass that parses first in the place the Updater builds its web app from
(python-telegram-bot is pinned, 22.8).
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram.ext import _updater
from telegram.ext._utils.webhookhandler import TelegramHandler, WebhookAppClass

log = logging.getLogger(__name__)


class _CheckedHandler(TelegramHandler):
    async def post(self) -> None:
        self._validate_post()  # content type and secret first: a stranger learns nothing about the body
        try:
            body = json.loads(self.request.body.decode())
        except (UnicodeDecodeError, ValueError) as exc:
            body, problem = None, f"not JSON ({type(exc).__name__})"
        else:
            problem = "" if isinstance(body, dict) else f"a JSON {type(body).__name__}, not an object"
        if problem:
            log.warning("webhook: rejected a %d-byte body that is %s", len(self.request.body), problem)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST, reason="Malformed update")
        await super().post()


class _CheckedApp(WebhookAppClass):
    def __init__(self, webhook_path: str, bot: Any, update_queue: Any, secret_token: str | None = None) -> None:
        # WebhookAppClass.__init__ with the checking handler (it names its handler class inline).
        self.shared_objects = {"bot": bot, "update_queue": update_queue, "secret_token": secret_token}
        tornado.web.Application.__init__(self, [(rf"{webhook_path}/?", _CheckedHandler, self.shared_objects)])


def install_webhook_json_check() -> None:
    """Make PTB's Updater serve webhooks through the checking handler (idempotent)."""
    _updater.WebhookAppClass = _CheckedApp  # type: ignore[misc]
