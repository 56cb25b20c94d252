"""Default timeout and request accounting for HTTP libraries that set none (akshare).

akshare calls ``requests.get(url, params=...)`` without a timeout, so a stalled
server would hang a bot reply forever. We cannot pass one through akshare's
signatures, so while a live call runs, :func:`http_defaults` wraps
``requests.adapters.HTTPAdapter.send`` (the single point every ``requests``
call, session or not, goes through) and fills in the configured timeout
wherever the caller gave none. The wrapper is installed only while at least one
call is in flight and restores whatever was there before (so it also stacks on
top of the ``responses`` library in tests). The same hook counts requests and
records response status codes, which is how a 5xx or a 429 that akshare never
checks is told apart from a malformed payload.

It lives in config because both data layers (tools/ and retrieval/) talk to
akshare and neither may import the other.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from requests import Response
from requests.adapters import HTTPAdapter


@dataclass
class CallStats:
    """What one source call did on the wire."""

    timeout_s: float
    requests: int = 0
    statuses: list[int] = field(default_factory=list)
    last_response: Response | None = None  # (the field `requests` shadows the module in this class)


_current: contextvars.ContextVar[CallStats | None] = contextvars.ContextVar("marketbot_http", default=None)
_patch_lock = threading.Lock()
_patch_depth = 0
_saved_send: Callable[..., Any] | None = None


def _send_with_defaults(adapter: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
    stats = _current.get()
    if stats is not None:
        if not args and kwargs.get("timeout") is None:
            kwargs["timeout"] = stats.timeout_s
        stats.requests += 1
    assert _saved_send is not None
    response = _saved_send(adapter, request, *args, **kwargs)
    if stats is not None:
        stats.statuses.append(response.status_code)
        stats.last_response = response
    return response


@contextmanager
def http_defaults(timeout_s: float) -> Iterator[CallStats]:
    """Give every ``requests`` call made in this context a timeout, and count them."""
    global _patch_depth, _saved_send
    with _patch_lock:
        if _patch_depth == 0:
            _saved_send = HTTPAdapter.send
            HTTPAdapter.send = _send_with_defaults  # type: ignore[method-assign,assignment]
        _patch_depth += 1
    stats = CallStats(timeout_s=timeout_s)
    token = _current.set(stats)
    try:
        yield stats
    finally:
        _current.reset(token)
        with _patch_lock:
            _patch_depth -= 1
            if _patch_depth == 0:
                # _saved_send is kept: a thread outside any context that entered the wrapper just
                # before this restore still calls through it.
                HTTPAdapter.send = _saved_send  # type: ignore[method-assign,assignment]


def current_stats() -> CallStats | None:
    """The stats of the source call running in this context (sources read the last response)."""
    return _current.get()
