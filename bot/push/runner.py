"""When the daily push runs: on time, after downtime, while the day's data is late; and how it stops.

A *pass* looks at today on the service's clock, in the bot's time zone. On a
trading day, every recipient whose push time has come (and who subscribed
before it) and whose day the ledger does not mark done is due. Passes run at
each push time, at start, and every ``CATCH_UP_EVERY``; the ledger makes a
pass that finds everything delivered cost one query.

* Catch-up window: a due recipient is served until ``push_grace_until``
  (default 20:00) the same day, or until the end of the day for push times
  after it. A summary sent more than ``LATE_AFTER`` after its time says it is
  late; nothing is ever sent for a past day. What is still undelivered when
  the window closes is logged once, as a warning.
* Data not ready: the summary must carry the day's figures. Until it does,
  nothing is sent; the pass refreshes the market data and tries again with
  backoff (1, 2, 4 … 10 minutes) until the window closes.
* Stop: no new part is claimed; sends in flight get ``push_stop_grace_s``,
  then are cancelled and recorded as uncertain, so the next start re-sends
  exactly those and continues with the rest.
* Several replicas (PostgreSQL): every replica runs the pass at each push time
  and at start, so the parts are spread over them by their claims (the
  cluster's send budget keeps the rate); the periodic catch-up scan, the
  market refreshes and news ingestion run on the leader only
  (bot.cluster.leader). A pass first takes over claims whose lease ran out
  (their replica died); each replica renews its own leases every
  ``lease_s / 3``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram.ext import Application, ContextTypes, JobQueue

from bot.cluster.leader import POLL_S
from bot.deps import DEPS_KEY, BotDeps, ServiceHandle
from bot.push.job import DailyPush, DataNotReady, PushReport, PushTarget
from bot.push.subscriptions import format_hhmm

log = logging.getLogger(__name__)

RUNNER_KEY = "marketbot.push_runner"
WEEKDAYS = (1, 2, 3, 4, 5)  # PTB's run_daily: 0 = Sunday
CATCH_UP_EVERY = 60.0  # seconds
DATA_RETRY_FIRST = timedelta(minutes=1)
DATA_RETRY_MAX = timedelta(minutes=10)
MARKET_REFRESH_TIMES = (time(15, 10), time(15, 30), time(18, 0))  # after the close; late corrections
NEWS_EVERY = timedelta(minutes=30)


class PushRunner:
    def __init__(
        self,
        bot: Any,
        deps: BotDeps,
        *,
        data_retry: tuple[timedelta, timedelta] = (DATA_RETRY_FIRST, DATA_RETRY_MAX),
        **push_options: Any,
    ) -> None:
        self._bot = bot
        self._deps = deps
        self._data_retry = data_retry
        self._push_options = push_options
        self._stop = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._again = False
        self._data_wait: dict[date, tuple[datetime, timedelta]] = {}  # day -> (next try, current delay)
        self._closed: set[date] = set()  # days whose window closed (and were reported)
        self.last_report: PushReport | None = None

    # --- running passes ---------------------------------------------------------------------------
    def kick(self) -> None:
        """Start a pass in the background, or one more after the pass under way."""
        if self._stop.is_set():
            return
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.create_task(self._passes())

    async def idle(self) -> None:
        """Wait until no pass is running (tests, benchmarks)."""
        while self._task is not None and not self._task.done():
            await asyncio.wait({self._task})

    async def _passes(self) -> None:
        while True:
            self._again = False
            try:
                await self.catch_up()
            except Exception:  # a failed pass must never stop the bot; the next one retries
                log.exception("push pass failed")
            if not self._again or self._stop.is_set():
                return

    async def catch_up(self) -> PushReport | None:
        """One pass: deliver what is due today and not delivered yet. The report, or None if nothing ran."""
        async with self._lock:
            return await self._pass()

    async def _pass(self) -> PushReport | None:
        deps = self._deps
        service = await deps.services.service()
        now = service.now().astimezone(deps.settings.zone)
        day = now.date()
        if self._stop.is_set() or not await service.is_trading_day(day):
            return None
        push = DailyPush(self._bot, deps.services, deps.store, deps.settings, stop=self._stop, **self._push_options)
        if deps.store.db.shared:
            deps.store.take_over_expired()  # a dead replica's claims, once their lease ran out
        done = deps.store.done_recipients(day)
        due = [t for t in push.targets() if self._owed(t, day, now) and (t.key, t.thread_id) not in done]
        expired = [t for t in due if now >= self._deadline(t, day, now)]
        due = [t for t in due if t not in expired]
        if expired:
            self._close(day, expired)
        if not due:
            return None
        waiting = self._data_wait.get(day)
        if waiting is not None and now < waiting[0]:
            return None
        try:
            report = await self._run(push, day, due, now)
        except DataNotReady:
            self._back_off(day, now, len(due))
            return None
        self._data_wait.pop(day, None)
        self.last_report = report
        return report

    async def _run(self, push: DailyPush, day: date, due: list[PushTarget], now: datetime) -> PushReport:
        """The push; if the data is missing, one refresh and one more try (DataNotReady if still missing)."""
        try:
            return await push.run(day, targets=due, now=now)
        except DataNotReady:
            if self._deps.leader.is_leader:  # a follower reads what the leader fetches into the shared store
                await refresh_market(self._deps.services)
            return await push.run(day, targets=due, now=now)

    @staticmethod
    def _owed(target: PushTarget, day: date, now: datetime) -> bool:
        """Its push time has come, and it was subscribed before that time (a new subscriber waits a day)."""
        at = datetime.combine(day, target.slot, now.tzinfo)
        return at <= now and (target.since is None or target.since <= at)

    def _deadline(self, target: PushTarget, day: date, now: datetime) -> datetime:
        grace = self._deps.settings.push_grace_until
        end = grace if target.slot < grace else time.max
        return datetime.combine(day, end, now.tzinfo)

    def _back_off(self, day: date, now: datetime, waiting_for: int) -> None:
        first, most = self._data_retry
        previous = self._data_wait.get(day)
        delay = first if previous is None else min(previous[1] * 2, most)
        self._data_wait[day] = (now + delay, delay)
        log.info(
            "push %s: the day's data is not there yet; %d recipients wait, next try in %s", day, waiting_for, delay
        )

    def _close(self, day: date, expired: Sequence[PushTarget]) -> None:
        if day in self._closed:
            return
        self._closed.add(day)
        until = format_hhmm(self._deps.settings.push_grace_until)
        if day in self._data_wait:
            log.warning(
                "push %s: the day's market data never arrived by %s; %d chats got no summary today "
                "(check the data source, e.g. `marketbot data update`)",
                day,
                until,
                len(expired),
            )
        else:
            log.warning(
                "push %s: %d chats still had undelivered parts at %s; given up for today", day, len(expired), until
            )

    # --- stopping ---------------------------------------------------------------------------------
    async def stop(self, grace_s: float) -> None:
        """Claim nothing new; give sends in flight ``grace_s`` seconds, then cancel them (ledger: uncertain)."""
        self._stop.set()
        task = self._task
        if task is None or task.done():
            return
        finished, _ = await asyncio.wait({task}, timeout=grace_s)
        if not finished:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            log.warning("push stopped after %.0f s with sends in flight; the next start completes it", grace_s)


# --- jobs ---------------------------------------------------------------------------------------------
def runner_of(app: Application) -> PushRunner:
    return app.bot_data[RUNNER_KEY]


def _jobs(app: Application) -> JobQueue[Any]:
    """The application's job queue (python-telegram-bot's job-queue extra, a dependency of marketbot)."""
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is not installed; daily pushes need it")
    return app.job_queue


def _services_of(context: ContextTypes.DEFAULT_TYPE) -> ServiceHandle:
    if context.job is None or not isinstance(context.job.data, ServiceHandle):
        raise TypeError("a market job without its ServiceHandle")
    return context.job.data


async def kick_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A push time: every replica joins the pass (the ledger's claims share the parts out)."""
    runner_of(context.application).kick()


async def catch_up_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The periodic catch-up scan: once per cluster, on the leader."""
    if _deps_of(context).leader.is_leader:
        runner_of(context.application).kick()


async def leader_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await _deps_of(context).leader.poll()


async def renew_leases_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """This replica's heartbeat on its claims in flight (a failure only shortens them: logged)."""
    store = _deps_of(context).store
    try:
        await asyncio.to_thread(store.renew_leases)
    except Exception as exc:
        log.warning("renewing push claims failed: %s", exc)


def _deps_of(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.application.bot_data[DEPS_KEY]


async def refresh_market(services: ServiceHandle) -> None:
    try:
        await (await services.service()).refresh_market()
        services.forget_charts()
    except Exception as exc:  # a source outage must never stop the bot
        log.warning("market refresh failed: %s", exc)


async def refresh_market_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    if _deps_of(context).leader.is_leader:  # once per cluster: the others read the shared stores
        await refresh_market(_services_of(context))


async def ingest_news_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    if not _deps_of(context).leader.is_leader:
        return
    services = _services_of(context)
    try:
        await (await services.service()).refresh_news()
    except Exception as exc:
        log.warning("news ingestion failed: %s", exc)


def schedule_push(app: Application, deps: BotDeps, slot: time) -> None:
    """One daily job per distinct push time (idempotent); it starts a pass."""
    name = f"push {format_hhmm(slot)}"
    if _jobs(app).get_jobs_by_name(name):
        return
    _jobs(app).run_daily(kick_job, slot.replace(tzinfo=deps.settings.zone), days=WEEKDAYS, name=name)


def schedule_all(
    app: Application,
    deps: BotDeps,
    *,
    catch_up_every: float | None = CATCH_UP_EVERY,
    leader_poll_s: float | None = None,
) -> PushRunner:
    """The runner, its jobs (push times, catch-up from start on), market refreshes and news ingestion."""
    deps.store.recover_interrupted()  # parts a dead process left in flight are sent again
    runner = app.bot_data.setdefault(RUNNER_KEY, PushRunner(app.bot, deps))
    for slot in {deps.settings.push_time, *deps.store.push_times()}:
        schedule_push(app, deps, slot)
    deps.on_subscribed = lambda slot: schedule_push(app, deps, slot)
    if catch_up_every is not None:
        runner.kick()  # at start: whatever came due while the bot was down
        _jobs(app).run_repeating(catch_up_job, catch_up_every, first=catch_up_every, name="push catch-up")
    lease_every = deps.store.lease_s / 3
    _jobs(app).run_repeating(renew_leases_job, lease_every, first=lease_every, name="renew push claims")
    if deps.store.db.shared:
        poll = POLL_S if leader_poll_s is None else leader_poll_s
        _jobs(app).run_repeating(leader_job, poll, first=poll, name="leader")
    zone = deps.settings.zone
    for at in MARKET_REFRESH_TIMES:
        _jobs(app).run_daily(
            refresh_market_job,
            at.replace(tzinfo=zone),
            days=WEEKDAYS,
            name=f"refresh market {format_hhmm(at)}",
            data=deps.services,
        )
    _jobs(app).run_repeating(ingest_news_job, NEWS_EVERY, first=60, name="ingest news", data=deps.services)
    return runner
