"""Typed errors of the market data layer.

Callers tell "nothing exists for that day" apart from "a source is failing":
the first is an answer ("no trading that day"), the second is a temporary
condition that must never be cached as data.
"""

from __future__ import annotations

from datetime import date

from config.errors import UserFacingError


def one_line(exc: BaseException) -> str:
    """The first line of an error's message (its type name when it has none)."""
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


class MarketDataError(UserFacingError):
    """Base class; ``str(err)`` is a one-line message fit for a user."""


class InvalidDateError(MarketDataError):
    """A malformed date, a date in the future, or one before the data begins."""

    exit_code = 2  # a usage error for the CLI, not a crash


class NoDataError(MarketDataError):
    """The source answered, but has nothing for the requested day or range."""

    exit_code = 2

    def __init__(self, message: str, day: date | None = None) -> None:
        super().__init__(message)
        self.day = day


class SourceError(MarketDataError):
    """A source failed (timeout, HTTP error, malformed payload, circuit open)."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source


class RateLimitedError(SourceError):
    """The source refused because of request rate; retry later."""


class SourceUnavailableError(SourceError):
    """The circuit breaker is open for this source; it is skipped for a while."""


class InvalidQueryError(MarketDataError, ValueError):
    """A statistics query that cannot be answered as asked (bad period spec, missing threshold, ...)."""

    exit_code = 2
