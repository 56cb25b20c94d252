"""The daily push and the maintenance jobs.

Each subscribed push time gets one JobQueue job in the bot's time zone (default
Asia/Shanghai 15:35, Monday to Friday); on trading days it sends the day's
summary and the turnover chart to the chats subscribed for that time (and, at
the default time, to the channels in settings). Delivery is recorded per
(chat, thread, day, part) in the ledger of bot.subscriptions, which explains
why nothing is ever sent twice. Errors per chat: 403 unsubscribes the chat,
ChatMigrated moves it and resends, RetryAfter waits (AIORateLimiter retries
first), 5xx and connection failures retry with backoff; an ambiguous timeout
is never retried.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from telegram import Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, ContextTypes, JobQueue

from bot.deps import BotDeps, ServiceHandle
from bot.formatting import Chunk, caption, render_answer
from bot.i18n import t
from bot.replies import Target, send_chunk, send_photo
from bot.subscriptions import SubscriptionStore, format_hhmm

log = logging.getLogger(__name__)

WEEKDAYS = (1, 2, 3, 4, 5)  # PTB's run_daily: 0 = Sunday
CHART_DAYS = 60
MARKET_REFRESH_TIMES = (time(15, 10), time(15, 30), time(18, 0))  # after the close; late corrections
NEWS_EVERY = timedelta(minutes=30)
PUSH_RATE = 27.5  # messages/s; Telegram's ceiling is ~30/s, the rest is headroom for interactive replies


@dataclass
class PushTarget:
    chat_id: int | str
    thread_id: int | None
    lang: str
    subscribed: bool = True  # False for the channels named in settings

    @property
    def key(self) -> str:
        return str(self.chat_id)


@dataclass
class PushReport:
    day: date
    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    uncertain: int = 0
    unsubscribed: list[int | str] = field(default_factory=list)
    migrated: dict[int, int] = field(default_factory=dict)


def _chat_ref(value: str) -> int | str:
    return int(value) if value.lstrip("-").isdigit() else value


def _delivery_unknown(exc: NetworkError) -> bool:
    """True when the request may have reached Telegram (so a retry could double the message)."""
    text = exc.message
    if isinstance(exc, TimedOut):
        return not text.startswith("Pool timeout")  # waiting for a free connection: nothing was sent
    # PTB reports transport failures as "httpx.<Error>: ..."; HTTP 5xx replies carry a status instead.
    return text.startswith("httpx.") and not text.startswith(("httpx.ConnectError", "httpx.ConnectTimeout"))


class Pacer:
    """Evenly spaced slots (no bursts): AIORateLimiter allows a burst of 30 on top of 30/s, which
    Telegram's per-second flood control answers with 429; a push paced just below the ceiling never is."""

    def __init__(self, per_second: float) -> None:
        self._gap = 1.0 / per_second
        self._next = 0.0

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        slot = max(loop.time(), self._next)
        self._next = slot + self._gap
        await asyncio.sleep(slot - loop.time())


class DailyPush:
    def __init__(
        self,
        bot,
        services: ServiceHandle,
        store: SubscriptionStore,
        settings,  # noqa: ANN001
        *,
        concurrency: int = 32,
        attempts: int = 4,
        backoff_s: float = 0.5,
        per_second: float = PUSH_RATE,
    ) -> None:
        self._bot = bot
        self._services = services
        self._store = store
        self._settings = settings
        self._concurrency = concurrency
        self._attempts = attempts
        self._backoff_s = backoff_s
        self._pacer = Pacer(per_second)
        self._photo_lock = asyncio.Lock()
        self._photo_id: str | None = None

    def targets(self, slot: time | None) -> list[PushTarget]:
        """Subscribers of ``slot`` (all when None), plus the settings' channels at the default time."""
        targets = [PushTarget(s.chat_id, s.thread_id, s.lang) for s in self._store.subscriptions(slot)]
        if slot is None or format_hhmm(slot) == format_hhmm(self._settings.push_time):
            targets += [
                PushTarget(_chat_ref(c), None, self._settings.lang, subscribed=False)
                for c in self._settings.push_channels
            ]
        return targets

    async def run(self, day: date, slot: time | None = None) -> PushReport:
        report = PushReport(day)
        targets = self.targets(slot)
        if not targets:
            return report
        service = await self._services.service()
        texts: dict[str, list[Chunk]] = {}
        for lang in sorted({target.lang for target in targets}):
            texts[lang] = render_answer(await service.daily_summary(day, lang=lang))
        png = await self._services.chart_png(days=CHART_DAYS, end=day, highlight=day)
        self._photo_id = None
        limit = asyncio.Semaphore(self._concurrency)

        async def one(target: PushTarget) -> None:
            async with limit:
                await self._push_one(target, day, texts[target.lang], png, report)

        await asyncio.gather(*(one(target) for target in targets))
        log.info("push %s: %s", day, report)
        return report

    async def _push_one(
        self, target: PushTarget, day: date, chunks: list[Chunk], png: bytes, report: PushReport
    ) -> None:
        for index, chunk in enumerate(chunks):
            if not await self._deliver(
                target, day, f"text:{index}", report, lambda dest, c=chunk: send_chunk(self._bot, dest, c, quote=False)
            ):
                return
        cap = caption(t(target.lang, "chart_caption", days=CHART_DAYS))
        await self._deliver(target, day, "chart", report, lambda dest: self._send_chart(dest, png, cap))

    async def _send_chart(self, dest: Target, png: bytes, cap: Chunk) -> Message:
        # Upload the PNG once, then reuse Telegram's file_id for every other chat.
        if self._photo_id is None:
            async with self._photo_lock:
                if self._photo_id is None:
                    message = await send_photo(self._bot, dest, png, cap)
                    if message.photo:
                        self._photo_id = message.photo[-1].file_id
                    return message
        return await send_photo(self._bot, dest, self._photo_id, cap)

    async def _deliver(self, target: PushTarget, day: date, part: str, report: PushReport, send) -> bool:  # noqa: ANN001
        """Claim, send, record. True if the part is (or already was) delivered."""
        if not self._store.claim(target.key, target.thread_id, day, part):
            report.already_sent += 1
            return True
        for attempt in range(self._attempts):
            await self._pacer.wait()
            try:
                message = await send(Target(target.chat_id, target.thread_id))
            except ChatMigrated as exc:
                self._store.release(target.key, target.thread_id, day, part)
                old, new = target.chat_id, exc.new_chat_id
                log.info("chat %s migrated to %s", old, new)
                if isinstance(old, int):
                    self._store.migrate_chat(old, new)
                    report.migrated[old] = new
                target.chat_id = new
                if not self._store.claim(target.key, target.thread_id, day, part):
                    report.already_sent += 1
                    return True
                continue
            except Forbidden as exc:
                if target.subscribed and isinstance(target.chat_id, int):
                    self._store.unsubscribe(target.chat_id, all_threads=True)
                    report.unsubscribed.append(target.chat_id)
                return self._give_up(target, day, part, report, exc)
            except BadRequest as exc:  # a NetworkError subclass, but final: retrying cannot help
                return self._give_up(target, day, part, report, exc)
            except RetryAfter as exc:  # AIORateLimiter's own retries ran out
                await asyncio.sleep(
                    exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
                )
                continue
            except NetworkError as exc:
                if _delivery_unknown(exc):
                    self._store.mark_uncertain(target.key, target.thread_id, day, part)
                    log.warning("push to %s %s: outcome unknown (%s); not retried", target.chat_id, part, exc)
                    report.uncertain += 1
                    return False
                await asyncio.sleep(self._backoff_s * 2**attempt)
                continue
            except TelegramError as exc:
                return self._give_up(target, day, part, report, exc)
            self._store.mark_sent(target.key, target.thread_id, day, part, message.message_id)
            report.sent += 1
            return True
        return self._give_up(target, day, part, report, None)

    def _give_up(self, target: PushTarget, day: date, part: str, report: PushReport, exc: TelegramError | None) -> bool:
        """Telegram definitely did not deliver: free the part for a later run and count the failure."""
        self._store.release(target.key, target.thread_id, day, part)
        log.warning("push to %s %s failed: %s", target.chat_id, part, exc or "attempts used up")
        report.failed += 1
        return False


# --- scheduling -------------------------------------------------------------------------------------
def job_data(context: ContextTypes.DEFAULT_TYPE) -> Any:
    """What the running job was scheduled with (PTB sets ``context.job`` in every job callback)."""
    if context.job is None:
        raise TypeError("called outside a job")
    return context.job.data


def job_queue(app: Application) -> JobQueue[Any]:
    """The application's job queue (python-telegram-bot's job-queue extra, a dependency of marketbot)."""
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is not installed; daily pushes need it")
    return app.job_queue


async def push_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    deps: BotDeps = job_data(context)["deps"]
    slot: time = job_data(context)["slot"]
    service = await deps.services.service()
    today = service.now().date()
    if not await service.is_trading_day(today):
        log.info("push %s skipped: %s is not a trading day", format_hhmm(slot), today)
        return
    await DailyPush(context.bot, deps.services, deps.store, deps.settings).run(today, slot)


async def refresh_market_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    services: ServiceHandle = job_data(context)
    try:
        await (await services.service()).refresh_market()
        services.forget_charts()
    except Exception as exc:  # a source outage must never stop the bot
        log.warning("market refresh failed: %s", exc)


async def ingest_news_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    services: ServiceHandle = job_data(context)
    try:
        await (await services.service()).refresh_news()
    except Exception as exc:
        log.warning("news ingestion failed: %s", exc)


def schedule_push(app: Application, deps: BotDeps, slot: time) -> None:
    """One daily job per distinct push time (idempotent)."""
    name = f"push {format_hhmm(slot)}"
    if job_queue(app).get_jobs_by_name(name):
        return
    when = slot.replace(tzinfo=deps.settings.zone)
    job_queue(app).run_daily(push_job, when, days=WEEKDAYS, name=name, data={"deps": deps, "slot": slot})


def schedule_all(app: Application, deps: BotDeps) -> None:
    for slot in {deps.settings.push_time, *deps.store.push_times()}:
        schedule_push(app, deps, slot)
    deps.on_subscribed = lambda slot: schedule_push(app, deps, slot)
    zone = deps.settings.zone
    for at in MARKET_REFRESH_TIMES:
        job_queue(app).run_daily(
            refresh_market_job,
            at.replace(tzinfo=zone),
            days=WEEKDAYS,
            name=f"refresh market {format_hhmm(at)}",
            data=deps.services,
        )
    job_queue(app).run_repeating(ingest_news_job, NEWS_EVERY, first=60, name="ingest news", data=deps.services)
