"""The cluster's send budget on a real PostgreSQL: three replicas asking as fast as they can get at most
``per_second`` slots a second between them (+1 for a window straddling slot edges), spread evenly."""

from __future__ import annotations

import asyncio
import time as clock
from bisect import bisect_left

import pytest

from bot.cluster.budget import SharedBudget
from config.database import postgres_database, sqlite_database


def peak(times: list[float], window: float) -> int:
    ordered = sorted(times)
    return max((bisect_left(ordered, t + window) - i for i, t in enumerate(ordered)), default=0)


async def test_three_replicas_share_twenty_calls_a_second(postgres_url: str) -> None:
    budgets = [SharedBudget(postgres_database(postgres_url), f"r{i}", per_second=20) for i in range(3)]
    released: list[float] = []

    async def replica(budget: SharedBudget) -> None:
        for _ in range(30):
            await budget.acquire()
            released.append(clock.monotonic())

    start = clock.monotonic()
    await asyncio.gather(*(replica(b) for b in budgets))
    took = clock.monotonic() - start
    assert len(released) == 90
    assert peak(released, 1.0) <= 22  # 21 slots start in any second; 1 for the jitter of waking up
    assert took >= (90 - 21) / 20  # no replica ran ahead of the others' share
    assert all(b.round_trips >= 30 for b in budgets)


def test_the_budget_is_for_a_shared_database(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ValueError):
        SharedBudget(sqlite_database(tmp_path / "bot.sqlite3"), "r")


async def test_a_stalled_replica_gives_its_late_slots_up_rather_than_bunch(postgres_url: str) -> None:
    budget = SharedBudget(postgres_database(postgres_url), "busy", per_second=20)
    released: list[float] = []
    stop = asyncio.Event()

    async def stall() -> None:  # a chart render, a GC pause: timers due meanwhile all fire after
        while not stop.is_set():
            await asyncio.sleep(0.3)
            clock.sleep(0.25)

    staller = asyncio.create_task(stall())
    try:
        for _ in range(40):
            await budget.acquire()
            released.append(clock.monotonic())
    finally:
        stop.set()
        await staller
    assert budget.late > 0  # it did wake up late, and took new slots
    assert peak(released, 1.0) <= 22 and peak(released, 0.2) <= 5
