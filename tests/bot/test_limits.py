"""Per-user rate limit, one answer in flight, allowlist, question size."""

from __future__ import annotations

import threading

from bot.limits import Allowlist, SharedUserLimiter, UserLimiter, Verdict, check_question, user_limiter
from config.database import open_database
from config.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_is_a_sliding_minute_per_user() -> None:
    clock = Clock()
    limiter = UserLimiter(per_minute=2, clock=clock)
    for _ in range(2):
        assert limiter.acquire(1).ok
        limiter.release(1)
    refused = limiter.acquire(1)
    assert refused.verdict is Verdict.RATE_LIMITED and 1 <= refused.retry_after_s <= 61
    assert limiter.acquire(2).ok  # other users are unaffected
    clock.now += 60
    assert limiter.acquire(1).ok


def test_one_answer_in_flight_per_user() -> None:
    limiter = UserLimiter(per_minute=10, clock=Clock())
    assert limiter.acquire(1).ok
    assert limiter.acquire(1).verdict is Verdict.BUSY and limiter.busy(1)
    limiter.release(1)
    assert limiter.acquire(1).ok


def test_busy_requests_do_not_use_up_the_quota() -> None:
    limiter = UserLimiter(per_minute=2, clock=Clock())
    assert limiter.acquire(1).ok
    for _ in range(5):
        assert limiter.acquire(1).verdict is Verdict.BUSY
    limiter.release(1)
    assert limiter.acquire(1).ok


def test_old_users_are_forgotten() -> None:
    clock = Clock()
    limiter = UserLimiter(per_minute=5, clock=clock)
    for uid in range(5000):
        limiter.acquire(uid)
        limiter.release(uid)
    clock.now += 61
    limiter.acquire(99999)
    assert len(limiter._history) < 100


def test_allowlist() -> None:
    assert Allowlist.of([], []).allows(1, 2)
    allow = Allowlist.of([7], [-100])
    assert allow.allows(7, 5) and allow.allows(8, -100)
    assert not allow.allows(8, 5) and not allow.allows(None, None)


def test_question_size() -> None:
    assert check_question("  ", 10).verdict is Verdict.EMPTY
    assert check_question(None, 10).verdict is Verdict.EMPTY
    assert check_question("x" * 11, 10).verdict is Verdict.TOO_LONG
    assert check_question("  " + "x" * 10 + "  ", 10).ok


def test_replicas_share_one_rate_window_per_user(backend: Settings) -> None:
    clock = Clock()
    replicas = [
        SharedUserLimiter(per_minute=5, clock=clock, db=open_database(backend, "limits.sqlite3")) for _ in range(3)
    ]
    try:
        barrier = threading.Barrier(3)
        admitted: list[bool] = []

        def ask(limiter: SharedUserLimiter) -> None:
            barrier.wait()
            for _ in range(3):
                decision = limiter.acquire(7)
                admitted.append(decision.ok)
                limiter.release(7)

        threads = [threading.Thread(target=ask, args=(limiter,)) for limiter in replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert admitted.count(True) == 5  # 9 questions on 3 replicas at once: the one budget of 5 holds
        refused = replicas[0].acquire(7)
        assert refused.verdict is Verdict.RATE_LIMITED and 1 <= refused.retry_after_s <= 61
        assert replicas[1].acquire(8).ok  # another user has their own window
        clock.now += 60
        assert replicas[2].acquire(7).ok
        assert not replicas[2].acquire(7).ok and replicas[2].acquire(7).verdict is Verdict.BUSY
    finally:
        for limiter in replicas:
            limiter.close()


def test_the_limiter_is_shared_only_with_a_database_url(backend: Settings) -> None:
    limiter = user_limiter(backend)
    assert isinstance(limiter, SharedUserLimiter) == (backend.database_url is not None)
