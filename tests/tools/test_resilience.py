from __future__ import annotations

import pytest
import requests
import responses
from requests.adapters import HTTPAdapter

from config.http_defaults import http_defaults
from tools.errors import NoDataError, RateLimitedError, SourceError, SourceUnavailableError
from tools.resilience import CircuitBreaker, SourceRunner

URL = "https://example.invalid/api"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _get_json() -> dict:
    return requests.get(URL).json()  # no timeout, like akshare


def test_http_defaults_gives_untimed_requests_a_timeout_and_restores_send(rsps):
    original = HTTPAdapter.send
    rsps.add(responses.GET, URL, json={"ok": 1})
    with http_defaults(3.5) as stats:
        assert _get_json() == {"ok": 1}
    assert rsps.calls[0].request.req_kwargs["timeout"] == 3.5
    assert stats.requests == 1 and stats.statuses == [200]
    assert HTTPAdapter.send is original
    requests.get(URL)  # outside the context: untouched
    assert rsps.calls[1].request.req_kwargs["timeout"] is None


def test_a_request_already_in_the_wrapper_survives_the_restore(rsps):
    # Another thread (outside any context) may have entered the wrapper just before the last
    # context exits and restores ``send``; its request must still go through.
    rsps.add(responses.GET, URL, json={"ok": 2})
    with http_defaults(3.5):
        wrapper = HTTPAdapter.send
    session = requests.Session()
    prepared = session.prepare_request(requests.Request("GET", URL))
    response = wrapper(session.get_adapter(URL), prepared)
    assert response.json() == {"ok": 2}


def test_explicit_timeout_is_kept(rsps):
    rsps.add(responses.GET, URL, json={})
    with http_defaults(3.5):
        requests.get(URL, timeout=1)
    assert rsps.calls[0].request.req_kwargs["timeout"] == 1


def test_retries_5xx_with_backoff_then_succeeds(rsps):
    sleeps: list[float] = []
    runner = SourceRunner(retries=2, backoff_s=0.5, sleep=sleeps.append)
    rsps.add(responses.GET, URL, status=502, body="<html>bad gateway</html>")
    rsps.add(responses.GET, URL, status=503, body="busy")
    rsps.add(responses.GET, URL, json={"v": 7})
    assert runner.call("demo", _get_json) == {"v": 7}
    assert sleeps == [0.5, 1.0]
    assert runner.requests_made == 3


def test_timeout_retried_then_typed_error(rsps):
    runner = SourceRunner(retries=1, backoff_s=0.1, sleep=lambda s: None)
    rsps.add(responses.GET, URL, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(SourceError, match="timed out"):
        runner.call("demo", _get_json)
    assert runner.requests_made == 2


def test_rate_limit_is_its_own_error(rsps):
    runner = SourceRunner(retries=0)
    rsps.add(responses.GET, URL, status=429, body="slow down")
    with pytest.raises(RateLimitedError):
        runner.call("demo", _get_json)


def test_malformed_payload_is_not_retried(rsps):
    runner = SourceRunner(retries=3, sleep=lambda s: None)
    rsps.add(responses.GET, URL, body="{not json")
    with pytest.raises(SourceError, match="unexpected payload"):
        runner.call("demo", _get_json)
    assert runner.requests_made == 1


def test_breaker_opens_after_failures_and_recovers_after_cooldown(rsps):
    clock = FakeClock()
    runner = SourceRunner(retries=0, breaker_failures=2, breaker_cooldown_s=60, clock=clock)
    rsps.add(responses.GET, URL, status=500)
    for _ in range(2):
        with pytest.raises(SourceError):
            runner.call("demo", _get_json)
    with pytest.raises(SourceUnavailableError, match="skipped"):
        runner.call("demo", _get_json)
    assert runner.requests_made == 2  # the open breaker sent nothing
    clock.now += 61
    rsps.replace(responses.GET, URL, json={"v": 1})
    assert runner.call("demo", _get_json) == {"v": 1}  # half-open trial succeeds
    assert runner.breaker("demo").state == "closed"


def test_half_open_failure_reopens_at_once():
    clock = FakeClock()
    breaker = CircuitBreaker("x", failures=3, cooldown_s=10, clock=clock)
    for _ in range(3):
        breaker.record_failure()
    assert breaker.state == "open"
    clock.now += 10
    assert breaker.allow() and breaker.state == "half-open"
    breaker.record_failure()
    assert breaker.state == "open"


def test_no_data_counts_as_an_answer():
    runner = SourceRunner(retries=2, breaker_failures=1)

    def empty() -> None:
        raise NoDataError("nothing")

    for _ in range(3):
        with pytest.raises(NoDataError):
            runner.call("demo", empty)
    assert runner.breaker("demo").state == "closed"
