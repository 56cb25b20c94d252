"""Spacing message calls under Telegram's flood limits: ~30 messages/s per bot, 20/minute per group.

A token bucket (PTB's AIORateLimiter) allows a burst of 30 on top of 30/s, and
a sleep-until-slot pacer lets slots that fell due while the event loop was busy
go out together; Telegram answers both with 429 and lengthens the penalty for
bots that keep hitting it. ``SmoothPacer`` instead hands out one slot at a
time, measured when it is actually released: consecutive message calls are at
least ``1/per_second`` apart, and never more than ``per_second`` fall in any
sliding second (nor ``group_per_minute`` to one group in any sliding minute),
however late the waiters wake up.

``budget`` is the hook for a budget shared by several processes of one bot: its
``acquire()`` is awaited for every slot, in order, before the slot is released.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable
from typing import Protocol

PER_SECOND = 25.0  # Telegram's ceiling is ~30/s; the rest absorbs network jitter between us and the Bot API
GROUP_PER_MINUTE = 19  # Telegram's ceiling is 20 per group and minute


class Budget(Protocol):
    """A shared allowance of message calls (e.g. across the processes of one bot)."""

    async def acquire(self) -> None: ...


class _Window:
    """Release times within the last ``span`` seconds, to keep at most ``limit`` in any such window."""

    def __init__(self, limit: int, span: float) -> None:
        self.limit, self.span = limit, span
        self.times: deque[float] = deque()

    def wait_s(self, now: float) -> float:
        while self.times and now - self.times[0] >= self.span:
            self.times.popleft()
        return 0.0 if len(self.times) < self.limit else self.times[0] + self.span - now

    def record(self, now: float) -> None:
        self.times.append(now)


class SmoothPacer:
    """FIFO slots for message calls; ``acquire(chat_id)`` returns when this call may go out."""

    def __init__(
        self,
        per_second: float = PER_SECOND,
        *,
        group_per_minute: int | None = GROUP_PER_MINUTE,
        budget: Budget | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.budget = budget
        self._gap = 1.0 / per_second
        self._second = _Window(max(int(per_second), 1), 1.0)
        self._group_limit = group_per_minute
        self._groups: dict[int, tuple[asyncio.Lock, _Window]] = {}
        self._lock = asyncio.Lock()  # FIFO: waiters are served in arrival order
        self._last = float("-inf")
        self._clock = clock
        self._paused_until = 0.0

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": no slot for anyone until then."""
        self._paused_until = max(self._paused_until, self._now() + seconds)

    async def acquire(self, chat_id: object = None) -> None:
        group = self._group(chat_id)
        async with group[0] if group else contextlib.nullcontext():
            if group:
                while (wait := group[1].wait_s(self._now())) > 0:
                    await asyncio.sleep(wait)
            await self._slot()
            if group:
                group[1].record(self._now())

    async def _slot(self) -> None:
        async with self._lock:
            while True:
                now = self._now()
                wait = max(self._last + self._gap - now, self._second.wait_s(now), self._paused_until - now)
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            if self.budget is not None:
                await self.budget.acquire()
            self._last = self._now()  # measured now: a late wake-up pushes the next slot back, never together
            self._second.record(self._last)

    def _group(self, chat_id: object) -> tuple[asyncio.Lock, _Window] | None:
        if self._group_limit is None or not isinstance(chat_id, int) or chat_id >= 0:
            return None
        if chat_id not in self._groups:
            if len(self._groups) > 4096:  # forget groups with nothing in their last minute
                now = self._now()
                idle = [k for k, (lock, w) in self._groups.items() if not lock.locked() and w.wait_s(now) == 0]
                for key in idle:
                    if not self._groups[key][1].times:
                        del self._groups[key]
            self._groups[chat_id] = (asyncio.Lock(), _Window(self._group_limit, 60.0))
        return self._groups[chat_id]
