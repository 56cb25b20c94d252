"""Which failures prove nothing was sent (retried) and which leave the outcome unknown (not re-sent)."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.retry import RetryPolicy, with_retries
from bot.send_faults import outcome_unknown


def timed_out(cause: Exception) -> TimedOut:
    try:
        raise TimedOut from cause  # how PTB wraps httpx's timeouts
    except TimedOut as exc:
        return exc


def test_only_a_request_that_may_have_left_is_an_unknown_outcome() -> None:
    assert outcome_unknown(timed_out(httpx.ReadTimeout("read")))
    assert outcome_unknown(NetworkError("httpx.RemoteProtocolError: Server disconnected"))
    assert not outcome_unknown(timed_out(httpx.ConnectTimeout("connect")))
    assert not outcome_unknown(TimedOut("Pool timeout: All connections in the connection pool are occupied."))
    assert not outcome_unknown(NetworkError("httpx.ConnectError: [Errno 111] Connection refused"))
    assert not outcome_unknown(NetworkError("Bad Gateway"))  # a 5xx answer: Telegram said it did nothing


async def test_with_retries_retries_proven_failures_and_unknown_outcomes_only_when_idempotent() -> None:
    policy = RetryPolicy(attempts=3, backoff_s=0.0)
    calls: list[str] = []

    def failing(*errors: Exception):  # noqa: ANN202
        pending = list(errors)

        async def call() -> str:
            calls.append("call")
            if pending:
                raise pending.pop(0)
            return "done"

        return call

    assert (
        await with_retries(failing(NetworkError("Bad Gateway"), NetworkError("Internal Server Error (500)")), policy)
        == "done"
    )
    assert len(calls) == 3
    calls.clear()
    with pytest.raises(TimedOut):
        await with_retries(failing(timed_out(httpx.ReadTimeout("read"))), policy)  # a send: never twice
    assert len(calls) == 1
    calls.clear()
    assert await with_retries(failing(timed_out(httpx.ReadTimeout("read"))), policy, idempotent=True) == "done"
    calls.clear()
    with pytest.raises(BadRequest):
        await with_retries(failing(BadRequest("Bad Request: chat not found")), policy)
    assert len(calls) == 1
