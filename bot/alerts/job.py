"""Crossing alerts: during sessions, refresh the minute bars and flash each threshold crossing once.

One repeating job (every ``settings.intraday_refresh_s``, a few seconds after
the minute so the just-closed bar is out) does, on trading days within session
hours only: refresh the minute bars (a failure is logged and the next tick
tries again), find, in what is stored (fetched now, earlier, or imported with
``marketbot data import --kind intraday``), the first minute
of each threshold the opted-in chats asked for, and send each chat one short
flash per (session, threshold), part ``alert:<亿元>`` of that session in the
push's delivery ledger (bot.push.subscriptions): never again once Telegram
confirmed it, also after a restart.

Old crossings: a crossing is flashed only if its minute is at most
``settings.alert_catchup_minutes`` old when the bot sees it, and not before the
chat opted in. A bot started at 14:00 says nothing about a 10:20 crossing (the
answers and /chart intraday still have it); a bot back from a short restart
sends what it missed, marked late.

A failed refresh does not stop the tick: what is stored is evaluated all the
same, and only fresh crossings are flashed (at most ``catchup`` old), so stale
data alerts nothing. The log says which it was (refreshed, or stored only).

Delivery is the daily push's (bot.push.delivery.LedgerSender), with the same
fault model as every send (bot.send_faults, bot.outbox): paced sends, RetryAfter
waits, 5xx and connection failures retry with backoff, an unknown outcome is
sent again (at most 3 sends), a migrated group is followed and its settings
move; 403, 400 "chat not found" and a deleted topic turn the chat's (or
topic's) alerts off, as they unsubscribe it from the push.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from telegram import Message
from telegram.ext import Application, ContextTypes

from agent.intraday_feed import AlertCrossing
from bot.alerts.store import AlertChat, AlertStore
from bot.alerts.text import flash_text
from bot.deps import BotDeps, IntradayFeed
from bot.formatting import caption, render_text
from bot.push.delivery import DeliveryReport, LedgerSender, Recipient
from bot.push.job import push_send_options
from bot.push.subscriptions import SubscriptionStore
from bot.replies import SharedPhoto, Target, send_chunk
from bot.retry import RetryPolicy

log = logging.getLogger(__name__)

JOB_NAME = "intraday alerts"
TICK_OFFSET_S = 5  # after the minute: Eastmoney publishes a closed bar within a few seconds
# When bars can arrive (the 09:30 bar holds the opening auction; the last bar closes at 15:00).
SESSION_WINDOWS = ((time(9, 25), time(11, 32)), (time(13, 0), time(15, 2)))


@dataclass
class AlertReport(DeliveryReport):
    """sent/already_sent/failed/uncertain/unsubscribed/migrated as for the push, plus what the tick saw."""

    session: date = date.min
    refreshed: bool = False  # False: the live refresh failed and only stored (imported, earlier) bars were read
    crossings: int = 0
    too_old: int = 0

    @property
    def disabled(self) -> list[int | str]:
        """Chats whose alerts were turned off (blocked, gone)."""
        return self.unsubscribed


def in_session_window(moment: datetime) -> bool:
    now = moment.time()
    return any(start <= now < end for start, end in SESSION_WINDOWS)


def alert_part(threshold_yi: float) -> str:
    """The ledger part of one threshold's flash (the ledger's day is the session)."""
    return f"alert:{round(threshold_yi)}"


class CrossingAlerts:
    """One tick = refresh + find crossings + deliver. ``tick()`` never raises."""

    def __init__(
        self,
        bot,  # noqa: ANN001
        feed: IntradayFeed,
        store: AlertStore,
        ledger: SubscriptionStore,
        *,
        catchup: timedelta = timedelta(minutes=10),
        attempts: int = 4,
        backoff_s: float = 0.5,
        concurrency: int = 32,
        running: Callable[[], bool] = lambda: True,
        leads: Callable[[], bool] = lambda: True,
    ) -> None:
        self._bot = bot
        # False once the application is stopping: PTB waits for a running tick before post_stop, so the
        # tick itself must stop starting flashes (the rest go out on the next start, within the catch-up).
        self._running = running
        # Only the cluster's leader fetches minute bars; the others evaluate the shared store (bot.cluster).
        self._leads = leads
        self._feed = feed
        self._store = store
        self._ledger = ledger
        self._catchup = catchup
        self._sender = LedgerSender(ledger, policy=RetryPolicy(attempts, backoff_s))
        self._concurrency = concurrency
        self._lock = asyncio.Lock()

    async def tick(self) -> AlertReport | None:
        """None outside sessions (nothing fetched); otherwise what this tick did."""
        if self._lock.locked():
            log.info("alerts: previous tick still running; skipped")
            return None
        async with self._lock:
            try:
                return await self._tick()
            except Exception:  # the job must survive anything, including a broken store
                log.exception("alerts tick failed")
                return None

    async def _tick(self) -> AlertReport | None:
        now = self._feed.now()
        if not in_session_window(now) or not await self._feed.is_trading_day(now.date()):
            return None
        report = AlertReport(session=now.date())
        if self._leads():
            try:
                await self._feed.refresh()
                report.refreshed = True
            except Exception as exc:  # a source outage (or none, offline): the stored bars may still be fresh
                log.warning("intraday refresh failed (%s); evaluating the stored minute bars only", exc)
        if self._ledger.db.shared:
            self._ledger.take_over_expired()  # flashes a dead replica had in flight are sent again
        chats = self._store.enabled_chats()
        if not chats:
            return report
        wanted = sorted({v for chat in chats for v in chat.thresholds_yi})
        seen = await self._feed.crossings(report.session, wanted)
        due: list[tuple[AlertChat, AlertCrossing]] = []
        for crossing in sorted(seen.crossings, key=lambda c: (c.at, c.threshold_yi)):
            if crossing.at.date() != report.session:
                continue
            report.crossings += 1
            if now - crossing.at > self._catchup:
                report.too_old += 1
                continue
            threshold_yi = round(crossing.threshold_yi)
            for chat in chats:
                if threshold_yi not in chat.thresholds_yi or not chat.opted_in_before(crossing.at):
                    continue
                part = alert_part(threshold_yi)
                state = self._ledger.ledger_state(str(chat.chat_id), chat.thread_id, report.session, part)
                if state in (None, "uncertain"):  # uncertain: it may not have arrived, so it is sent again
                    due.append((chat, crossing))
                else:  # sent, in flight or given up: no chart is drawn for it
                    report.already_sent += 1
        if due:
            await self._deliver_all(due, report, now)
        if report.sent or report.failed or report.unsubscribed:
            why = "live refresh failed" if self._leads() else "the cluster's leader refreshes them"
            source = "refreshed minute bars" if report.refreshed else f"stored minute bars ({why})"
            log.info("alerts %s from %s: %s", report.session, source, report)
        return report

    async def _deliver_all(
        self, due: list[tuple[AlertChat, AlertCrossing]], report: AlertReport, now: datetime
    ) -> None:
        photo: SharedPhoto | None = None  # uploaded once per tick
        if any(chat.charts for chat, _ in due):
            try:
                photo = SharedPhoto(await self._feed.chart_png(report.session))
            except Exception as exc:  # the flash still goes out, as text
                log.warning("intraday chart failed: %s", exc)
        limit = asyncio.Semaphore(self._concurrency)
        by_chat: dict[tuple[int, int | None], list[tuple[AlertChat, AlertCrossing]]] = {}
        for chat, crossing in due:
            by_chat.setdefault((chat.chat_id, chat.thread_id), []).append((chat, crossing))

        async def one_chat(items: list[tuple[AlertChat, AlertCrossing]]) -> None:
            async with limit:
                for chat, crossing in items:  # in crossing order, one after another
                    if not self._running():  # stopping: this chat's rest waits for the next start
                        return
                    if not await self._deliver(chat, crossing, photo if chat.charts else None, report, now):
                        return

        await asyncio.gather(*(one_chat(items) for items in by_chat.values()))

    async def _deliver(
        self, chat: AlertChat, crossing: AlertCrossing, photo: SharedPhoto | None, report: AlertReport, now: datetime
    ) -> bool:
        """One flash through the ledger; False when this chat should get nothing more this tick."""
        lang = self._ledger.chat_lang(chat.chat_id) or chat.lang  # /lang's choice wins over the opt-in's
        send = partial(self._send, text=flash_text(crossing, lang, now), photo=photo)
        to = Recipient(chat.chat_id, chat.thread_id)
        # A migrated group's settings and a gone chat's switch-off are bot.outbox's, as for every send.
        outcome = await self._sender.deliver(to, report.session, alert_part(crossing.threshold_yi), send, report)
        return outcome.reached

    async def _send(self, target: Target, text: str, photo: SharedPhoto | None) -> Message:
        if photo is None:
            return await send_chunk(self._bot, target, render_text(text)[0], quote=False, **push_send_options())
        return await photo.send(self._bot, target, caption(text), **push_send_options())


# --- scheduling -------------------------------------------------------------------------------------
async def alerts_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    alerts: CrossingAlerts = context.job.data  # type: ignore[union-attr,assignment]
    await alerts.tick()


def first_tick_delay(now: datetime, interval_s: float) -> float:
    """Seconds until the next tick: a few seconds after a minute boundary, so ticks follow the bars."""
    if interval_s % 60:  # not whole minutes: no boundary to follow, start soon
        return min(TICK_OFFSET_S, interval_s)
    into_minute = now.second + now.microsecond / 1e6
    wait = (60 - into_minute + TICK_OFFSET_S) % 60
    return wait or 60.0


def schedule_alerts(app: Application, deps: BotDeps) -> CrossingAlerts | None:
    """The repeating alert job (idempotent); None when the bot has no intraday feed."""
    jobs = app.job_queue
    if deps.intraday is None or jobs is None:
        return None
    existing = jobs.get_jobs_by_name(JOB_NAME)
    if existing:
        return existing[0].data  # type: ignore[return-value]
    settings = deps.settings
    alerts = CrossingAlerts(
        app.bot,
        deps.intraday,
        deps.alerts,
        deps.store,
        catchup=timedelta(minutes=settings.alert_catchup_minutes),
        running=lambda: app.running,
        leads=lambda: deps.leader.is_leader,
    )
    interval = settings.intraday_refresh_s
    first = first_tick_delay(deps.intraday.now(), interval)
    jobs.run_repeating(alerts_job, interval, first=first, name=JOB_NAME, data=alerts)
    return alerts
