"""The daily push: the day's summary and chart to every subscribed chat and configured channel.

``DailyPush.run`` sends to the recipients of a push time, each part through
bot.push.delivery's LedgerSender (so a part confirmed once is never sent again,
and one whose send had an unknown outcome is sent again). It never posts a
summary that lacks the day's figures: if the service has no data for the day
yet, it raises ``DataNotReady`` before sending anything. When to run it (on
time, after a restart, while waiting for late data) is bot.push.runner's job.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from time import monotonic
from typing import Any

from telegram import Message

from agent.answer import Answer
from bot.deps import ServiceHandle
from bot.formatting import Chunk, caption, render_answer
from bot.i18n import t
from bot.push.delivery import DeliveryReport, LedgerSender, Outcome, Recipient, Send
from bot.push.subscriptions import SubscriptionStore, format_hhmm
from bot.replies import SharedPhoto, Target, send_chunk
from bot.retry import RetryPolicy

log = logging.getLogger(__name__)

CHART_DAYS = 60
# A push send waits this long for Telegram's answer (PTB's default is 5 s): an answer that comes late is
# still an answer, and every read timeout is an unknown outcome that may double a message when re-sent.
PUSH_READ_TIMEOUT_S = 20.0
LATE_AFTER = timedelta(minutes=10)  # a summary sent later than this after its time says it is late


def push_send_options() -> dict[str, Any]:
    """Options of every ledger-backed send (push and alerts): the LedgerSender does the retrying."""
    return {"retry": None, "read_timeout": PUSH_READ_TIMEOUT_S}


class DataNotReady(Exception):
    """The service has no figures for the day yet; nothing was sent."""


@dataclass
class PushTarget(Recipient):
    lang: str = "zh"
    slot: time = time(15, 35)  # the push time it subscribed to
    since: datetime | None = None  # when it subscribed (None: always, e.g. the settings' channels)


@dataclass
class PushReport(DeliveryReport):
    day: date = date.min
    not_finished: int = 0  # recipients with parts left for a later run (5xx, stopping)


def _chat_ref(value: str) -> int | str:
    return int(value) if value.lstrip("-").isdigit() else value


def summary_ready(answer: Answer, day: date) -> bool:
    """The summary carries the day's own figures (not a "no data" text, an error, or another day)."""
    return answer.meta.get("intent") == "summary" and answer.meta.get("date") == day.isoformat()


class _BusyCache:
    """The recipients done or in flight at another replica, re-read at most every ``every_s`` seconds."""

    def __init__(self, store: SubscriptionStore, day: date, every_s: float = 1.0) -> None:
        self._store, self._day, self._every_s = store, day, every_s
        self._seen: set[tuple[str, int | None]] = set()
        self._read_at = float("-inf")

    def has(self, target: PushTarget) -> bool:
        now = monotonic()
        if now - self._read_at >= self._every_s:
            self._seen, self._read_at = self._store.busy_recipients(self._day), now
        return (target.key, target.thread_id) in self._seen


class DailyPush:
    def __init__(
        self,
        bot,  # noqa: ANN001
        services: ServiceHandle,
        store: SubscriptionStore,
        settings,  # noqa: ANN001
        *,
        concurrency: int = 32,
        attempts: int = 4,
        backoff_s: float = 0.5,
        stop: asyncio.Event | None = None,
    ) -> None:
        self._bot = bot
        self._services = services
        self._store = store
        self._settings = settings
        self._concurrency = concurrency
        self._sender = LedgerSender(store, policy=RetryPolicy(attempts, backoff_s), stop=stop)

    def targets(self, slot: time | None = None) -> list[PushTarget]:
        """Subscribers of ``slot`` (all when None), plus the settings' channels at the default time."""
        targets = [
            PushTarget(s.chat_id, s.thread_id, lang=s.lang, slot=s.push_time, since=s.since)
            for s in self._store.subscriptions(slot)
        ]
        default = self._settings.push_time
        if slot is None or format_hhmm(slot) == format_hhmm(default):
            targets += [
                PushTarget(_chat_ref(c), None, subscribed=False, lang=self._settings.lang, slot=default)
                for c in self._settings.push_channels
            ]
        return targets

    async def run(
        self,
        day: date,
        slot: time | None = None,
        *,
        targets: list[PushTarget] | None = None,
        now: datetime | None = None,
    ) -> PushReport:
        """Push ``day`` to ``targets`` (default: those of ``slot``); ``now`` decides which are late.

        Raises DataNotReady, before any send, when the day's summary has no figures yet."""
        report = PushReport(day=day)
        targets = self.targets(slot) if targets is None else targets
        if not targets:
            return report
        service = await self._services.service()
        summaries: dict[str, Answer] = {}
        for lang in sorted({target.lang for target in targets}):
            summaries[lang] = await service.daily_summary(day, lang=lang)
            if not summary_ready(summaries[lang], day):
                raise DataNotReady(day)
        png = await self._services.chart_png(days=CHART_DAYS, end=day, highlight=day)
        texts: dict[tuple[str, time | None], list[Chunk]] = {}

        def text_for(target: PushTarget) -> list[Chunk]:
            late = (
                now is not None
                and now - datetime.combine(day, target.slot, now.tzinfo) > LATE_AFTER
                # a recipient that has the start of the text keeps it: the note would shift the later parts
                and self._store.ledger_state(target.key, target.thread_id, day, "text:0") is None
            )
            key = (target.lang, target.slot if late else None)
            if key not in texts:
                answer = summaries[target.lang]
                if late:
                    note = t(target.lang, "push_late", time=format_hhmm(target.slot))
                    answer = answer.model_copy(update={"text": f"{note}\n\n{answer.text}"})
                texts[key] = render_answer(answer)
            return texts[key]

        photo = SharedPhoto(png)  # uploaded once per run
        limit = asyncio.Semaphore(self._concurrency)
        busy = _BusyCache(self._store, day)
        if self._store.db.shared:
            # Replicas running the same pass start at different chats, so they rarely meet on one; a chat
            # another replica finished or is serving is skipped (one query a second, not one per chat). A
            # skipped chat another replica is serving is that replica's to finish, or the catch-up scan's.
            targets = random.Random(self._store.owner).sample(targets, len(targets))

        async def one(target: PushTarget) -> None:
            async with limit:
                if self._store.db.shared and busy.has(target):
                    return
                await self._push_one(target, day, text_for(target), photo, report)

        await asyncio.gather(*(one(target) for target in targets))
        log.info("push %s: %s", day, report)
        return report

    async def _push_one(
        self, target: PushTarget, day: date, chunks: list[Chunk], photo: SharedPhoto, report: PushReport
    ) -> None:
        """Text parts in order, then the chart; the recipient's day is marked done unless parts are left."""
        cap = caption(t(target.lang, "chart_caption", days=CHART_DAYS))
        parts: list[tuple[str, Send]] = [(f"text:{i}", partial(self._send_text, chunk=c)) for i, c in enumerate(chunks)]
        parts.append(("chart", partial(self._send_chart, photo=photo, cap=cap)))
        outcome = Outcome.SENT
        for part, send in parts:
            outcome = await self._sender.deliver(target, day, part, send, report)
            if not outcome.reached:
                break
        if outcome is Outcome.RETRY_LATER:
            report.not_finished += 1
        else:
            self._store.mark_done(target.key, target.thread_id, day, "failed" if outcome is Outcome.FAILED else "sent")

    async def _send_text(self, dest: Target, chunk: Chunk) -> Message:
        return await send_chunk(self._bot, dest, chunk, quote=False, **push_send_options())

    async def _send_chart(self, dest: Target, photo: SharedPhoto, cap: Chunk) -> Message:
        return await photo.send(self._bot, dest, cap, **push_send_options())
