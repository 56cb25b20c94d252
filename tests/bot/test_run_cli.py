"""`marketbot run`: no token -> a clear exit 2; a bad token -> one line, never the token; a real run polls."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot import cli
from config.settings import get_settings
from tests.bot.fake_botapi import FakeBotAPI

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_env(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_no_token_exits_2_pointing_to_ask(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run"]) == 2
    err = capsys.readouterr().err
    assert "MARKETBOT_TELEGRAM_TOKEN" in err and "marketbot ask" in err and "Traceback" not in err


def test_blank_token_counts_as_none(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MARKETBOT_TELEGRAM_TOKEN", "  ")
    assert cli.main(["run", "--webhook-url", "https://example.com/hook"]) == 2
    assert "marketbot ask" in capsys.readouterr().err


async def _run_cli(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        cwd=str(ROOT),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def _env(tmp_path: Path, token: str, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETBOT_")}
    env.update(
        MARKETBOT_TELEGRAM_TOKEN=token,
        MARKETBOT_TELEGRAM_BASE_URL=base_url,
        MARKETBOT_DATA_DIR=str(tmp_path / "data"),
        MARKETBOT_LOAD_DEMO_CORPUS="false",
        NO_PROXY="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


async def test_rejected_token_is_one_line_without_the_token(botapi: FakeBotAPI, tmp_path: Path) -> None:
    wrong = "654321:WRONG-token-abcdefghijklmnopqrstuvwxyz0123"
    proc = await _run_cli(_env(tmp_path, wrong, botapi.base_url), "--debug", "run")
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    text = (out + err).decode()
    assert proc.returncode != 0
    assert wrong not in text and "WRONG-token" not in text
    assert "Unauthorized" in text or "InvalidToken" in text or "rejected" in text


async def test_run_polls_answers_and_stops_on_sigint(botapi: FakeBotAPI, tmp_path: Path) -> None:
    proc = await _run_cli(_env(tmp_path, botapi.token, botapi.base_url), "--debug", "run")
    try:
        await botapi.wait_for("deleteWebhook", timeout=30)  # polling starts right after
        assert {c["command"] for c in botapi.commands("zh")} >= {"ask", "subscribe"}  # post_init ran
        botapi.inject_message("/start", chat_id=701)
        assert "/help" in (await botapi.wait_for_message(701, timeout=15)).plain_text
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert botapi.token not in (out + err).decode()
