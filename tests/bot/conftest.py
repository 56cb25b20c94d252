"""Generic fixtures for Telegram tests: a started local fake Bot API server and a PTB Bot pointed at it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from tests.bot.fake_botapi import FakeBotAPI

# httpx honours proxy variables; the fake server is local.
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["no_proxy"] = "127.0.0.1,localhost"


@pytest.fixture
async def botapi() -> AsyncIterator[FakeBotAPI]:
    """A started FakeBotAPI on 127.0.0.1 (ephemeral port), stopped after the test."""
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def ptb_bot(botapi: FakeBotAPI) -> AsyncIterator[Bot]:
    """An initialized ``telegram.Bot`` talking to ``botapi`` over HTTP."""
    bot = Bot(botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url)
    async with bot:
        yield bot
