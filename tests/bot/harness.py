"""Test helpers for the bot layer: a stand-in market service and a running bot against the fake server.

The stand-in implements the coroutines of agent.service.MarketService that the
bot calls, with scripted answers; the real service is exercised separately.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import SecretStr
from telegram.ext import Application

from agent.answer import Answer, ChartRequest, SourceRef
from bot.app import build_application, setup, stop_push
from bot.deps import ServiceHandle
from config import Settings
from tests.bot.fake_botapi import FakeBotAPI


def tiny_png() -> bytes:
    """A valid 1x1 PNG (Telegram would reject anything else)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


class StandInService:
    """Scripted MarketService: records calls; ``script`` maps a question to an Answer or a callable."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.askers: list[tuple[int | None, int | None]] = []  # (user_id, chat_id) of each answer()
        self.partials: list[str] = []  # texts to stream through on_partial before answering
        self.partial_delay = 0.0
        self.delay = 0.0
        self.next_text: str | None = None
        self.fail_with: Exception | None = None
        self.trading_days: set[date] | None = None
        self.data_until: date | None = None  # last day with data (None: every day); later days get "no data"
        self.sources: list[SourceRef] | None = None  # replaces answer()'s default source list

    def _answer(self, text: str, lang: str | None, **extra: Any) -> Answer:
        return Answer(text=self.next_text or text, lang=lang or "zh", **extra)

    async def answer(
        self,
        question: str,
        conversation_id: str,
        lang: str | None = None,
        on_partial: Callable[[str], Awaitable[None]] | None = None,
        *,
        user_id: int | None = None,
        chat_id: int | None = None,
    ) -> Answer:
        self.calls.append(("answer", (question, conversation_id, lang)))
        self.askers.append((user_id, chat_id))
        if self.fail_with is not None:
            raise self.fail_with
        for text in self.partials:
            if on_partial is not None:
                await on_partial(text)
            await asyncio.sleep(self.partial_delay)
        await asyncio.sleep(self.delay)
        sources = (
            self.sources
            if self.sources is not None
            else [
                SourceRef(
                    n=1,
                    title="沪深两市成交额突破1万亿",
                    url="https://example.com/a?x=1&y=2",
                    published_at=datetime(2025, 10, 9, 15, 30),
                    source="example",
                )
            ]
        )
        return self._answer(f"回答：{question}\n\n两市成交额 12345.67 亿元 [1]", lang, sources=sources)

    async def turnover(self, day: date | None, lang: str = "zh") -> Answer:
        self.calls.append(("turnover", (day, lang)))
        return self._answer(
            f"{day or 'latest'}: 两市成交额 12345.67 亿元", lang, chart=ChartRequest(days=20, end=day, highlight=day)
        )

    async def news(self, query: str, lang: str = "zh") -> Answer:
        self.calls.append(("news", (query, lang)))
        return self._answer(f"news about {query}", lang)

    async def daily_summary(self, day: date | None = None, lang: str = "zh") -> Answer:
        self.calls.append(("daily_summary", (day, lang)))
        if day is not None and self.data_until is not None and day > self.data_until:
            meta = {"intent": "no_data", "date": day.isoformat()}
            text = f"没有 {day} 的数据。请运行 marketbot data update"
            return Answer(text=text, lang="en" if lang == "en" else "zh", meta=meta)
        text = (
            f"{day} 收盘总结：两市成交额 12345.67 亿元 [1]" if lang == "zh" else f"{day} close: 1.23 trillion yuan [1]"
        )
        meta = {"intent": "summary", "date": (day or date.today()).isoformat()}
        return self._answer(
            text, lang, sources=[SourceRef(n=1, title="新闻 <1>", url="https://example.com/n1")], meta=meta
        )

    async def chart_png(self, days: int = 60, end: date | None = None, highlight: date | None = None) -> bytes:
        self.calls.append(("chart_png", (days, end, highlight)))
        return tiny_png()

    def now(self) -> datetime:
        return datetime.now(ZoneInfo("Asia/Shanghai"))

    async def is_trading_day(self, day: date) -> bool:
        return day.weekday() < 5 if self.trading_days is None else day in self.trading_days

    async def refresh_market(self) -> str:
        self.calls.append(("refresh_market", ()))
        return "written=0"

    async def usage_report(self, user_id: int | None = None, lang: str = "zh") -> str:
        self.calls.append(("usage_report", (user_id, lang)))
        return f"usage of {user_id or 'everyone'}"

    async def refresh_news(self) -> int:
        self.calls.append(("refresh_news", ()))
        return 0

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        self.calls.append(("move_chat", (old_chat_id, new_chat_id)))


def bot_settings(tmp_path: Path, server: FakeBotAPI, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        data_dir=tmp_path,
        telegram_token=SecretStr(server.token),
        telegram_base_url=server.base_url,
        telegram_base_file_url=server.base_file_url,
        user_rate_per_minute=100,
    )
    values.update(overrides)
    return Settings(**values)


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings, service: Any, *, polling: bool = True, catch_up: bool = False, **build: Any
) -> AsyncIterator[Application]:
    """The real Application, initialized, set up (commands, jobs) and long-polling the fake server.
    ``catch_up=True`` adds the push passes at start and every minute (off: tests push by hand)."""
    app = build_application(settings, ServiceHandle(service=service), **build)
    await app.initialize()
    await setup(app, catch_up=catch_up)
    await app.start()
    if polling:
        await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        await app.stop()
        await stop_push(app)
        await app.shutdown()
        app.bot_data["marketbot.deps"].store.close()
        app.bot_data["marketbot.deps"].alerts.close()
