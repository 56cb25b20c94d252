"""Webhook mode: PTB's own webhook server on 127.0.0.1, updates POSTed with the secret header."""

from __future__ import annotations

import socket
from pathlib import Path

from pydantic import SecretStr

from bot.app import webhook_params
from config import Settings
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_answers_with_secret_and_rejects_a_wrong_one(botapi: FakeBotAPI, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/tg/hook"
    settings = bot_settings(
        tmp_path,
        botapi,
        webhook_url=url,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=SecretStr("s3cret-Token_1"),
    )
    service = StandInService()
    async with running_bot(settings, service, polling=False) as app:
        params = webhook_params(settings)
        assert params["url_path"] == "tg/hook"
        await app.updater.start_webhook(**params)  # type: ignore[arg-type]
        assert botapi.webhook["url"] == url and botapi.webhook["secret_token"] == "s3cret-Token_1"

        update = botapi.inject_message("今天成交额？", chat_id=601)
        assert await botapi.deliver_webhook(update) == 200
        reply = await botapi.wait_for_message(601)
        assert "回答：今天成交额？" in reply.plain_text

        forged = botapi.inject_message("forged", chat_id=602)
        assert await botapi.deliver_webhook(forged, secret_token="wrong") == 403
        assert await botapi.deliver_webhook(forged, url=f"http://127.0.0.1:{port}/other") == 404
        await botapi.wait_until_idle(quiet=0.3)
        assert botapi.sent_messages(602) == []
        assert [c[1][0] for c in service.calls] == ["今天成交额？"]
        assert botapi.calls_to("getUpdates") == []  # webhook mode never polls


def test_webhook_secret_is_generated_when_not_configured(tmp_path: Path) -> None:
    plain = Settings(data_dir=tmp_path, webhook_url="https://bot.example.com/hook", webhook_port=8443)
    first, second = webhook_params(plain), webhook_params(plain)
    assert len(str(first["secret_token"])) >= 32 and first["secret_token"] != second["secret_token"]
    assert (first["url_path"], first["port"]) == ("hook", 8443)
