"""Per-user rate limit, one answer in flight, allowlist, question size."""

from __future__ import annotations

from bot.limits import Allowlist, UserLimiter, Verdict, check_question


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
