"""What the handlers and jobs share: settings, the market service (opened in the background), stores."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol

from telegram.ext import ContextTypes

from agent.answer import Answer
from agent.intraday_feed import SessionCrossings
from bot.alerts.store import AlertStore
from bot.cluster.leader import AlwaysLeader, Leadership, leadership_for
from bot.cluster.replica import new_replica_id
from bot.limits import Allowlist, UserLimiter, user_limiter
from bot.push.subscriptions import SubscriptionStore
from config import Settings

log = logging.getLogger(__name__)

DEPS_KEY = "marketbot.deps"
CHART_CACHE_SIZE = 32
CHART_TTL_S = 600.0  # for charts ending "today/latest", which change when new data arrives


class Service(Protocol):
    """The part of agent.service.MarketService the bot uses."""

    async def answer(
        self,
        question: str,
        conversation_id: str,
        lang: str | None = None,
        on_partial: Callable[[str], Awaitable[None]] | None = None,
        *,
        user_id: int | None = None,
        chat_id: int | None = None,
    ) -> Answer: ...
    async def usage_report(self, user_id: int | None = None, lang: str = "zh") -> str: ...
    async def turnover(self, day: date | None, lang: str = "zh") -> Answer: ...
    async def news(self, query: str, lang: str = "zh") -> Answer: ...
    async def daily_summary(self, day: date | None = None, lang: str = "zh") -> Answer: ...
    async def chart_png(self, days: int = 60, end: date | None = None, highlight: date | None = None) -> bytes: ...
    async def sectors(self, day: date | None = None, lang: str = "zh") -> Answer: ...
    async def industry_chart_png(self, day: date | None = None) -> bytes: ...
    def now(self) -> datetime: ...
    async def is_trading_day(self, day: date) -> bool: ...
    async def refresh_market(self) -> str: ...
    async def refresh_news(self) -> int: ...
    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None: ...


class IntradayFeed(Protocol):
    """Minute data for the crossing alerts and the intraday chart (agent.intraday_feed)."""

    def now(self) -> datetime: ...
    async def is_trading_day(self, day: date) -> bool: ...
    async def refresh(self) -> None: ...  # raises when the source fails
    async def crossings(self, session: date, thresholds_yi: Sequence[float]) -> SessionCrossings: ...
    async def chart_png(self, session: date | None = None, at: time | None = None) -> bytes: ...


class ServiceHandle:
    """The service, opened once in a worker thread so polling starts before Chroma and models load."""

    def __init__(self, opener: Callable[[], Service] | None = None, *, service: Service | None = None) -> None:
        self._opener = opener
        self._task: asyncio.Task[Service] | None = None
        self._ready: Service | None = service
        self._charts: dict[tuple[int, date | None, date | None], tuple[float, asyncio.Future[bytes]]] = {}

    def start_opening(self) -> None:
        if self._ready is None and self._task is None and self._opener is not None:
            self._task = asyncio.create_task(asyncio.to_thread(self._opener))

    async def service(self) -> Service:
        if self._ready is None:
            self.start_opening()
            assert self._task is not None, "no service and no way to open one"
            self._ready = await self._task
        return self._ready

    async def chart_png(self, days: int = 60, end: date | None = None, highlight: date | None = None) -> bytes:
        """The service's chart, cached: many users asking at once share one render (matplotlib is slow)."""
        key = (days, end, highlight)
        loop = asyncio.get_running_loop()
        cached = self._charts.get(key)
        if cached is not None and (end is not None or loop.time() - cached[0] < CHART_TTL_S):
            if cached[1].done() and cached[1].exception() is not None:
                self._charts.pop(key, None)
            else:
                return await asyncio.shield(cached[1])
        service = await self.service()
        future: asyncio.Future[bytes] = asyncio.ensure_future(service.chart_png(days, end, highlight))
        self._charts[key] = (loop.time(), future)
        while len(self._charts) > CHART_CACHE_SIZE:
            self._charts.pop(next(iter(self._charts)))
        return await asyncio.shield(future)

    def forget_charts(self) -> None:
        """After a data refresh, "latest" charts may change."""
        self._charts.clear()

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()


@dataclass
class BotDeps:
    settings: Settings
    services: ServiceHandle
    store: SubscriptionStore
    limiter: UserLimiter
    allowlist: Allowlist
    alerts: AlertStore
    intraday: IntradayFeed | None = None
    # Who runs the once-per-cluster jobs (always this process on SQLite; bot.cluster.leader).
    leader: Leadership = field(default_factory=AlwaysLeader)
    # Called after /subscribe so a new push time gets its daily job (set by bot.push.job).
    on_subscribed: Callable[[Any], None] = field(default=lambda _time: None)

    @classmethod
    def create(
        cls,
        settings: Settings,
        services: ServiceHandle,
        store: SubscriptionStore | None = None,
        intraday: IntradayFeed | None = None,
    ) -> BotDeps:
        store = store or SubscriptionStore.from_settings(settings, owner=new_replica_id())
        return cls(
            settings=settings,
            services=services,
            store=store,
            leader=leadership_for(store.db, store.owner),
            limiter=user_limiter(settings),
            allowlist=Allowlist.of(settings.allowed_user_ids, settings.allowed_chat_ids),
            alerts=AlertStore.from_settings(settings),
            intraday=intraday,
        )

    async def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its subscription, language, alert settings and conversations follow."""
        try:
            self.store.move_chat(old_id, new_id)
            self.alerts.move_chat(old_id, new_id)
            await (await self.services.service()).move_chat(old_id, new_id)
        except Exception:  # the message still goes to the new id; the operator sees what did not move
            log.exception("moving chat %s to %s failed", old_id, new_id)

    async def chat_gone(self, chat_id: int, thread_id: int | None) -> None:
        """Blocked, kicked or deleted (``thread_id``: only that forum topic): no more pushes or alerts there."""
        whole = thread_id is None
        try:
            unsubscribed = self.store.unsubscribe(chat_id, thread_id, all_threads=whole)
            disabled = self.alerts.disable(chat_id, thread_id, all_threads=whole)
        except Exception:
            log.exception("switching off gone chat %s failed", chat_id)
            return
        if unsubscribed or disabled:
            log.warning("chat %s%s is gone; push and alerts switched off", chat_id, f" topic {thread_id}" * (not whole))


def deps_of(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.bot_data[DEPS_KEY]
