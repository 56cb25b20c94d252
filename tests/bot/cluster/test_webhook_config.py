"""Webhook mode for replicas: with a shared database the secret is required (each replica registers the same
one; a made-up secret per replica would make Telegram keep only the last), said at start without echoing
any secret or password; no drop_pending_updates (with it PTB calls deleteWebhook)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.app import ClusterConfigError, webhook_params
from config import Settings

ROOT = Path(__file__).resolve().parents[3]
URL = "postgresql://bot:pa55word@127.0.0.1:1/marketbot"


def test_a_replica_needs_the_shared_secret(tmp_path: Path) -> None:
    replica = Settings(data_dir=tmp_path, database_url=URL, webhook_url="https://bot.example.com/tg")  # type: ignore[arg-type]
    with pytest.raises(ClusterConfigError, match="MARKETBOT_WEBHOOK_SECRET") as caught:
        webhook_params(replica)
    assert "pa55word" not in str(caught.value)
    shared = replica.model_copy(update={"webhook_secret": SecretStr("same-for-all")})
    params = webhook_params(shared)
    assert params["secret_token"] == "same-for-all" and params["webhook_url"] == "https://bot.example.com/tg"
    assert "drop_pending_updates" not in params


async def test_marketbot_run_refuses_to_start_a_replica_without_the_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETBOT_")}
    env.update(
        MARKETBOT_TELEGRAM_TOKEN="123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
        MARKETBOT_DATA_DIR=str(tmp_path),
        MARKETBOT_DATABASE_URL=URL,
        MARKETBOT_WEBHOOK_URL="https://bot.example.com/tg",
        PYTHONPATH=str(ROOT),
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=str(ROOT), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    text = (out + err).decode()
    assert proc.returncode == 2 and "MARKETBOT_WEBHOOK_SECRET is required" in text
    assert "pa55word" not in text and "TEST-token" not in text and "Traceback" not in text
