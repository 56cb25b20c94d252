"""50 users ask at once: update-to-reply latency through the real bot, the fake Bot API and the offline answerer.

    python benchmarks/bench_bot_load.py [--users 50] [--rounds 3] [--data-dir DIR] [--skip-compare] [--standin]

--skip-compare drops the "compared with the day before" question, whose offline
answer costs ~190 ms of CPU per call (agent/tools side), to show the rest;
--standin replaces the service with a zero-cost stand-in to show the bot's own overhead.

Each user is a private chat; all questions are injected at the same instant.
Every round starts from idle (the rate limiter's 30 msg/s bucket full).
Latency = from injection into the fake server to the arrival of the bot's first
sendMessage for that chat (the answer; /start-like placeholders are not sent for
offline answers). The real MarketService + offline answerer runs on the bundled
turnover history and demo news corpus (opened before timing). Targets: p50 < 300 ms, p95 < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from pydantic import SecretStr  # noqa: E402

from bot.app import build_application, open_service, setup  # noqa: E402
from bot.deps import ServiceHandle  # noqa: E402
from config import Settings  # noqa: E402
from tests.bot.fake_botapi import Call, FakeBotAPI  # noqa: E402

QUESTIONS = [
    "2025年10月9日两市成交额是多少？",
    "为什么今天沪深两市成交额突破1万亿？比上个交易日多了多少？",
    "最近20个交易日成交额怎么样？",
    "What was the turnover on 2024-10-08?",
    "2025年9月30日成交额比前一天多了多少？",
]


def answer_to(chats: set[int]) -> Callable[[Call], bool]:
    """Matches the bot's replies to these chats (bound per round, not to the loop's variable)."""
    return lambda call: call.method == "sendMessage" and call.params.get("chat_id") in chats


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def main(
    users: int, rounds: int, data_dir: Path, questions: list[str] = QUESTIONS, standin: bool = False
) -> None:
    async with FakeBotAPI() as server:
        settings = Settings(
            data_dir=data_dir,
            telegram_token=SecretStr(server.token),
            telegram_base_url=server.base_url,
            user_rate_per_minute=1000,
        )
        started = time.perf_counter()
        if standin:
            from tests.bot.harness import StandInService

            service = StandInService()
        else:
            service = await asyncio.to_thread(open_service, settings)
            print(f"service opened in {time.perf_counter() - started:.1f} s (not timed below)")
        await service.answer(questions[0], "warmup")  # first-call caches (jieba, store)
        app = build_application(settings, ServiceHandle(service=service))
        await app.initialize()
        await setup(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=10)
        latencies: list[float] = []
        try:
            for round_no in range(rounds):
                mark = server.mark()
                chats = [10_000 + round_no * 1000 + i for i in range(users)]
                injected = {}
                for i, chat in enumerate(chats):
                    update = server.inject_message(questions[i % len(questions)], chat_id=chat)
                    injected[chat] = server.injected_at(update["update_id"])
                calls = await server.wait_for_calls(
                    answer_to(set(injected)),
                    users * 1,
                    timeout=120,
                    since=mark,
                    ok=True,
                )
                first: dict[int, float] = {}
                for call in server.calls[mark:]:
                    chat = call.params.get("chat_id")
                    if call.method == "sendMessage" and call.ok and chat in injected and chat not in first:
                        first[chat] = call.at
                assert len(first) == users, f"only {len(first)} of {users} answered"
                round_lat = [first[c] - injected[c] for c in chats]
                latencies += round_lat
                print(
                    f"round {round_no + 1}: p50 {pct(round_lat, 0.5) * 1000:.0f} ms, "
                    f"p95 {pct(round_lat, 0.95) * 1000:.0f} ms, max {max(round_lat) * 1000:.0f} ms"
                )
                await server.wait_until_idle(quiet=0.5, timeout=120)  # charts that follow some answers
                # Each round starts from idle; replies are paced at 25/s (bot.pacing), so 50 replies take ~2 s
                # by design.
                await asyncio.sleep(2.0)
                del calls
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
    print(
        f"\n{users} users x {rounds} rounds: update-to-reply p50 {pct(latencies, 0.5) * 1000:.0f} ms "
        f"(target < 300), p95 {pct(latencies, 0.95) * 1000:.0f} ms (target < 1000), "
        f"mean {statistics.mean(latencies) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--skip-compare", action="store_true")
    parser.add_argument("--standin", action="store_true")
    args = parser.parse_args()
    directory = args.data_dir or Path(tempfile.mkdtemp(prefix="bench_bot_load_"))
    chosen = [q for q in QUESTIONS if not (args.skip_compare and "比前一天" in q)]
    asyncio.run(main(args.users, args.rounds, directory, chosen, args.standin))
