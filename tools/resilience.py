"""Retries with backoff and a circuit breaker around akshare calls.

Every call runs inside :func:`config.http_defaults.http_defaults`, which gives
akshare's untimed requests a timeout and records what happened on the wire.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests

from config.http_defaults import CallStats, http_defaults
from tools.errors import NoDataError, RateLimitedError, SourceError, SourceUnavailableError

log = logging.getLogger(__name__)
T = TypeVar("T")


class CircuitBreaker:
    """Closed -> open after ``failures`` consecutive failures; after ``cooldown_s`` one trial call
    is let through (half-open): success closes it, failure opens it again."""

    def __init__(self, name: str, failures: int, cooldown_s: float, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.max_failures = max(1, failures)
        self.cooldown_s = cooldown_s
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "half-open" if self.clock() - self.opened_at >= self.cooldown_s else "open"

    def allow(self) -> bool:
        return self.state != "open"

    def retry_in_s(self) -> float:
        if self.opened_at is None:
            return 0.0
        return max(0.0, self.cooldown_s - (self.clock() - self.opened_at))

    def record_success(self) -> None:
        self.failures = 0
        self.opened_at = None

    def record_failure(self) -> None:
        self.failures += 1
        if self.opened_at is not None or self.failures >= self.max_failures:
            self.opened_at = self.clock()
            log.warning("circuit open for source %s for %.0f s", self.name, self.cooldown_s)


class _Transient(Exception):
    """Internal: an attempt failed in a way worth retrying."""

    def __init__(self, error: SourceError) -> None:
        super().__init__(str(error))
        self.error = error


def _classify(source: str, exc: Exception, stats: CallStats) -> SourceError | _Transient:
    """Map an exception raised during a source call to a typed error (wrapped in _Transient if retryable)."""
    last = stats.statuses[-1] if stats.statuses else None
    if isinstance(exc, requests.Timeout):
        return _Transient(SourceError(f"{source}: timed out after {stats.timeout_s:g} s", source))
    if last == 429:
        return _Transient(RateLimitedError(f"{source}: rate limited (HTTP 429)", source))
    if last is not None and last >= 500:
        return _Transient(SourceError(f"{source}: server error (HTTP {last})", source))
    if isinstance(exc, requests.ConnectionError):
        return _Transient(SourceError(f"{source}: connection failed", source))
    if last is not None and last >= 400:
        return SourceError(f"{source}: HTTP {last}", source)
    if isinstance(exc, requests.RequestException) and not isinstance(exc, ValueError):  # JSONDecodeError is both
        return SourceError(f"{source}: request failed ({type(exc).__name__})", source)
    # akshare parsed a 200 answer and choked: `data: null` (TypeError), missing keys, bad JSON, wrong shape.
    detail = str(exc).splitlines()[0][:120] if str(exc) else ""
    return SourceError(f"{source}: unexpected payload ({type(exc).__name__}: {detail})", source)


class SourceRunner:
    """Runs source calls with a timeout, retries with exponential backoff and a breaker per source."""

    def __init__(
        self,
        *,
        timeout_s: float = 10.0,
        retries: int = 2,
        backoff_s: float = 0.5,
        breaker_failures: int = 3,
        breaker_cooldown_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout_s = timeout_s
        self.retries = max(0, retries)
        self.backoff_s = backoff_s
        self.breaker_failures = breaker_failures
        self.breaker_cooldown_s = breaker_cooldown_s
        self.clock = clock
        self.sleep = sleep
        self.breakers: dict[str, CircuitBreaker] = {}
        self.requests_made = 0

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> SourceRunner:
        kwargs: dict[str, Any] = dict(
            timeout_s=settings.http_timeout_s,
            retries=settings.http_retries,
            backoff_s=settings.http_backoff_s,
            breaker_failures=settings.breaker_failures,
            breaker_cooldown_s=settings.breaker_cooldown_s,
        )
        kwargs.update(overrides)
        return cls(**kwargs)

    def breaker(self, source: str) -> CircuitBreaker:
        if source not in self.breakers:
            self.breakers[source] = CircuitBreaker(source, self.breaker_failures, self.breaker_cooldown_s, self.clock)
        return self.breakers[source]

    def call(self, source: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` (one akshare call plus parsing). Raises NoDataError or a SourceError subclass."""
        breaker = self.breaker(source)
        if not breaker.allow():
            raise SourceUnavailableError(
                f"{source}: skipped after repeated failures (retry in {breaker.retry_in_s():.0f} s)", source
            )
        error: SourceError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff_s * 2 ** (attempt - 1))
            with http_defaults(self.timeout_s) as stats:
                try:
                    result = fn()
                except NoDataError:
                    breaker.record_success()  # the source answered; "nothing that day" is an answer
                    raise
                except SourceError as exc:  # a parser's own validation (implausible figures)
                    error = exc
                    break
                except Exception as exc:  # noqa: BLE001 - everything akshare may raise is classified here
                    classified = _classify(source, exc, stats)
                    if isinstance(classified, _Transient):
                        error = classified.error
                        log.info("%s (attempt %d/%d)", error, attempt + 1, self.retries + 1)
                        continue
                    error = classified
                    break
                finally:
                    self.requests_made += stats.requests
            breaker.record_success()
            return result
        assert error is not None
        breaker.record_failure()
        raise error
