"""Answers per second across `marketbot run` replicas on one PostgreSQL under 100 concurrent users.

    python benchmarks/bench_cluster_answers.py [--replicas 3] [--users 100] [--seconds 60] [--rate 20]
        [--user-rate 100000]

Real processes (the launcher of tests/bot/cluster/replicas.py, webhook mode, each replica on its own port and
data directory) with the real MarketService and the offline answerer (no LLM key), on a throwaway PostgreSQL
cluster (tests/pg.py; needs Debian's postgresql package), against the local fake Bot API with Telegram's flood
control (429 above 30/s). The replicas' clocks start at 2025-10-18 10:00 (Asia/Shanghai, a Saturday: no
session, no push); the bundled turnover history is loaded into the shared database by the replicas themselves.

Each simulated user is a private chat with its own user id. It POSTs its question as a webhook update (the
secret header) to the next replica in a global round-robin, and asks its next question once the answer (the
first sendMessage to its chat) has arrived at the fake Bot API, until ``--seconds`` have passed. Questions
cycle through a small offline mix, with a follow-up ("深市呢") that usually lands on another replica than the
question it follows (conversation memory is shared through the database).

Reported: answers/s (answers that arrived within the window, divided by it), latency p50/p95 from the POST to
the sendMessage at the Bot API, errors (non-200 POSTs, no answer within 120 s, the bot's error text), replies
that were the per-user rate limit or "busy" (counted apart, not as answers), each replica's share, and the
message calls at the Bot API (peak in any second, 429s).

Limits to know when reading the figures:
* The per-user rate limit (``user_rate_per_minute``, 6 by default) would throttle a user who asks again as
  soon as answered; the benchmark raises it through ``MARKETBOT_USER_RATE_PER_MINUTE`` (``--user-rate``;
  pass 6 to see the throttled replies counted separately).
* Every message call, answers included, passes the cluster's send budget (bot.cluster.budget, 20/s by
  default, ``--rate``), so answers/s of the cluster is bounded by it whatever the number of replicas.
* Replicas, PostgreSQL, the fake Bot API and the users share this machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import aiohttp  # noqa: E402

from config.database import dispose_shared  # noqa: E402
from tests.bot.cluster import replicas as harness  # noqa: E402
from tests.bot.cluster.replicas import SECRET, Replica, peak, wait_for  # noqa: E402
from tests.bot.fake_botapi import FakeBotAPI  # noqa: E402
from tests.pg import start_server  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 10, 18, 10, 0, tzinfo=ZONE)
QUESTIONS = ["2025年10月9日两市成交额多少", "深市呢", "今年成交额最高是哪天", "上周日均成交额"]
ANSWER_TIMEOUT_S = 120.0  # a later answer is latency, not an error; none by then is an error
THROTTLED = "提问太频繁"  # i18n "rate_limited"
BUSY = "上一个问题还在处理中"  # i18n "busy"
FAILED = "处理时出错"  # i18n "error"
STAND_IN = "bot.app.open_service = lambda settings: StandInService()\n"
assert STAND_IN in harness.LAUNCH, "the cluster launcher changed: update this benchmark"
LAUNCH = harness.LAUNCH.replace(STAND_IN, "")  # the real MarketService (offline answerer)


class AnswerReplica(Replica):
    """A harness replica with the real service and the per-user rate limit from ``user_rate``."""

    def __init__(self, *args: Any, user_rate: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env["MARKETBOT_USER_RATE_PER_MINUTE"] = str(user_rate)

    async def start(self, now: datetime) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LAUNCH, now.isoformat(), *self.intervals, cwd=str(harness.ROOT), env=self.env,
            stdout=self.log.open("ab"), stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip


class WatchingBotAPI(FakeBotAPI):
    """Resolves the waiter of a chat at the arrival of the first sendMessage to it."""

    def __init__(self) -> None:
        super().__init__()
        self.waiters: dict[int, asyncio.Future[tuple[float, str]]] = {}

    async def _dispatch(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        at = time.monotonic()
        result = await super()._dispatch(method, params, files)
        if method == "sendMessage":
            try:
                chat = int(params.get("chat_id", 0))
            except (TypeError, ValueError):
                chat = 0
            waiter = self.waiters.pop(chat, None)
            if waiter is not None and not waiter.done():
                waiter.set_result((at, str(params.get("text", ""))))
        return result


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)
    per_replica: Counter[int] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    follow_ups: Counter[str] = field(default_factory=Counter)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def update_for(botapi: FakeBotAPI, chat: int, text: str, real_start: float) -> dict[str, Any]:
    update = botapi.inject_message(text, chat_id=chat, language_code="zh", first_name=f"u{chat}", username=None)
    update["message"]["date"] = int(START.timestamp() + time.time() - real_start)  # the replicas' clock
    return update


async def post(session: aiohttp.ClientSession, url: str, update: dict[str, Any]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with session.post(url, json=update, headers=headers) as response:
        return response.status


async def ask(
    botapi: WatchingBotAPI, session: aiohttp.ClientSession, url: str, chat: int, text: str, real_start: float
) -> tuple[str, float, float, str]:
    """(kind, posted at, answered at, reply text); kind is answer, throttled, busy, failed, http, timeout."""
    waiter: asyncio.Future[tuple[float, str]] = asyncio.get_running_loop().create_future()
    botapi.waiters[chat] = waiter
    update = update_for(botapi, chat, text, real_start)
    posted = time.monotonic()
    try:
        status = await post(session, url, update)
    except (aiohttp.ClientError, OSError):
        status = 0
    if status != 200:
        botapi.waiters.pop(chat, None)
        return "http", posted, time.monotonic(), ""
    try:
        at, reply = await asyncio.wait_for(waiter, ANSWER_TIMEOUT_S)
    except TimeoutError:
        botapi.waiters.pop(chat, None)
        return "timeout", posted, time.monotonic(), ""
    kind = "throttled" if THROTTLED in reply else "busy" if BUSY in reply else "failed" if FAILED in reply else "answer"
    return kind, posted, at, reply


async def user(
    botapi: WatchingBotAPI,
    session: aiohttp.ClientSession,
    replicas: list[AnswerReplica],
    turn: itertools.count[int],
    chat: int,
    deadline: float,
    real_start: float,
    think: float,
    tally: Tally,
) -> None:
    k = 0
    while time.monotonic() < deadline:
        index = next(turn) % len(replicas)
        text = QUESTIONS[k % len(QUESTIONS)]
        kind, posted, at, reply = await ask(botapi, session, replicas[index].url, chat, text, real_start)
        tally.kinds[kind] += 1
        if kind == "answer":
            tally.latencies.append(at - posted)
            tally.answered_at.append(at)
            tally.per_replica[index] += 1
            if text == "深市呢":
                tally.follow_ups["about Shenzhen" if "深" in reply else "other"] += 1
        if kind in ("http", "timeout"):
            await asyncio.sleep(1.0)  # do not spin on a replica that is down
        else:
            await asyncio.sleep(think)
        if kind != "busy":  # a question refused as "busy" is asked again
            k += 1


async def warm_up(botapi: WatchingBotAPI, session: aiohttp.ClientSession, replicas: list[AnswerReplica]) -> None:
    """Each replica answers every question of the mix once (first-call caches), through its webhook."""
    real_start = time.time()
    for replica in replicas:
        chat = 9000 + replica.index
        for text in QUESTIONS:
            kind = "http"
            for _ in range(300):  # its web server comes up right after setWebhook
                kind, *_ = await ask(botapi, session, replica.url, chat, text, real_start)
                if kind not in ("http", "busy"):
                    break
                await asyncio.sleep(0.2)
            if kind != "answer":
                raise SystemExit(f"replica {replica.index} warm-up: {kind}\n{replica.output[-3000:]}")


async def bench(replicas_n: int, users: int, seconds: float, rate: float, user_rate: int, think: float) -> None:
    server = start_server()
    if isinstance(server, str):
        raise SystemExit(server)
    root = Path(tempfile.mkdtemp(prefix="bench-cluster-answers-"))
    try:
        url = server.new_database()
        botapi = WatchingBotAPI()
        async with botapi:
            botapi.rate_limit(per_second=30, group_per_minute=20, retry_after=1)
            replicas = [
                AnswerReplica(i, root, botapi.base_url, url, rate=rate, user_rate=user_rate) for i in range(replicas_n)
            ]
            tally = Tally()
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(trust_env=False, connector=connector) as session:
                try:
                    started = time.monotonic()
                    for replica in replicas:
                        await replica.start(START)
                    await wait_for(lambda: len(botapi.calls_to("setWebhook")) >= replicas_n, 180, "setWebhook")
                    await warm_up(botapi, session, replicas)
                    ready_s = time.monotonic() - started
                    await botapi.wait_until_idle(quiet=1.0, timeout=30)
                    mark = botapi.mark()
                    begin = time.monotonic()
                    deadline = begin + seconds
                    turn = itertools.count()
                    real_start = time.time()
                    await asyncio.gather(
                        *(
                            user(botapi, session, replicas, turn, 100_001 + i, deadline, real_start, think, tally)
                            for i in range(users)
                        )
                    )
                    end = time.monotonic()
                finally:
                    for replica in replicas:
                        await replica.stop()
        calls = botapi.calls[mark:]
        sends = [c.at for c in calls if c.method.startswith(("send", "edit")) and c.method != "sendChatAction"]
        in_window = sum(1 for t in tally.answered_at if t <= deadline)
        other = Counter(c.method for c in calls if c.method.startswith("send") and c.method != "sendMessage")
        print(
            f"{replicas_n} replica(s), {users} users, {seconds:g} s window; cluster send budget {rate:g}/s, "
            f"per-user limit {user_rate}/min, think time {think:g} s; "
            f"replicas ready (incl. warm-up) after {ready_s:.1f} s"
        )
        last = max(tally.answered_at, default=begin)
        print(
            f"answers/s: {in_window / seconds:.1f} in the window ({in_window} answers); "
            f"{len(tally.latencies) / max(last - begin, 1e-9):.1f} until the last answer "
            f"({len(tally.latencies)} in {last - begin:.1f} s)"
        )
        print(
            f"latency POST -> sendMessage: p50 {pct(tally.latencies, 0.5) * 1000:.0f} ms, "
            f"p95 {pct(tally.latencies, 0.95) * 1000:.0f} ms, max {max(tally.latencies, default=0) * 1000:.0f} ms"
        )
        errors = tally.kinds["http"] + tally.kinds["timeout"] + tally.kinds["failed"]
        print(
            f"errors: {errors} (non-200 POST {tally.kinds['http']}, no answer in {ANSWER_TIMEOUT_S:g} s "
            f"{tally.kinds['timeout']}, error text {tally.kinds['failed']}); throttled replies "
            f"{tally.kinds['throttled']}, busy replies {tally.kinds['busy']}"
        )
        total = sum(tally.per_replica.values()) or 1
        shares = ", ".join(
            f"#{i} {tally.per_replica[i]} ({100 * tally.per_replica[i] / total:.0f}%)" for i in range(replicas_n)
        )
        print(f"per-replica share of answers: {shares}")
        print(f"follow-ups (深市呢): {dict(tally.follow_ups)}")
        print(
            f"message calls at the Bot API: {len(sends)} (besides sendMessage: {dict(other) or 'none'}); "
            f"peak in any second {peak(sends, 1.0)}; 429s {sum(1 for c in calls if c.status == 429)}; "
            f"drained {end - deadline:.1f} s after the window"
        )
    finally:
        dispose_shared()
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rate", type=float, default=20.0, help="the cluster's send budget per second")
    parser.add_argument(
        "--user-rate", type=int, default=100_000, help="MARKETBOT_USER_RATE_PER_MINUTE (the default is 6)"
    )
    parser.add_argument("--think", type=float, default=0.1, help="seconds between an answer and the next question")
    args = parser.parse_args()
    asyncio.run(bench(args.replicas, args.users, args.seconds, args.rate, args.user_rate, args.think))


if __name__ == "__main__":
    main()
