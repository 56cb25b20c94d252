"""A local fake Telegram Bot API server (aiohttp on 127.0.0.1) for tests and benchmarks.

The real python-telegram-bot Application talks to it over real HTTP::

    async with FakeBotAPI() as server:
        app = (ApplicationBuilder().token(server.token)
               .base_url(server.base_url).base_file_url(server.base_file_url).build())

Requests are served at ``/bot{token}/{method}`` (form-urlencoded with JSON-encoded non-string values,
multipart for files, or JSON bodies); answers have Telegram's exact shapes: ``{"ok": true, "result": ...}``
or ``{"ok": false, "error_code": N, "description": "...", "parameters": {...}}``. Chat state, message ids,
errors and configuration live in ``FakeChats`` (fake_botapi_state.py), the methods in ``BotApiMethods``
(fake_botapi_methods.py); this module is the HTTP side, update injection and the wait helpers.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web

from tests.bot.fake_botapi_methods import BotApiMethods
from tests.bot.fake_botapi_state import (
    DEFAULT_BOT_USERNAME,
    DEFAULT_TOKEN,
    ApiError,
    Call,
    SentMessage,
    message_entities,
    read_request,
)

__all__ = ["DEFAULT_BOT_USERNAME", "DEFAULT_TOKEN", "ApiError", "Call", "FakeBotAPI", "SentMessage"]

Match = str | Callable[[Call], bool]


class FakeBotAPI(BotApiMethods):
    """Fake Bot API server. Configuration/recording helpers are sync; lifecycle and waits are async.

    Configuration (from FakeChats): ``add_chat``, ``block_chat``, ``unblock_chat``, ``migrate_chat``,
    ``set_admins``, ``fail_next``, ``rate_limit``, ``set_delay``. Recording: ``calls``, ``sent_messages``,
    ``chat_messages``, ``drafts``, ``commands``, ``webhook``.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_id: int | None = None,
        *,
        first_name: str = "MarketBot Test",
        port: int = 0,
    ) -> None:
        """``bot_id`` defaults to the numeric prefix of the token; ``port`` 0 = an ephemeral one."""
        super().__init__(token, bot_username, bot_id, first_name=first_name)
        self._next_update_id = 1
        self._injected_at: dict[int, float] = {}
        self._changed = asyncio.Condition()
        self._poll_generation = 0
        self._in_flight = 0
        self._last_activity = time.monotonic()
        self._runner: web.AppRunner | None = None
        self._port = port
        self.request_counts: Counter[str] = Counter()
        """Requests per method (all statuses)."""

    # ---- lifecycle -------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Bind 127.0.0.1 on ``port`` (an ephemeral one if 0) and serve."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._port)
        await site.start()
        server = site._server  # aiohttp exposes the bound port only through the server's sockets
        assert server is not None
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Wake pending long polls and shut the server down."""
        self._poll_generation += 1
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def token(self) -> str:
        return self._token

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/bot`` (PTB appends ``{token}/{method}``)."""
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """``http://127.0.0.1:PORT/file/bot``."""
        return f"http://127.0.0.1:{self._port}/file/bot"

    # ---- injecting updates -----------------------------------------------------------------------------
    def inject_message(
        self,
        text: str,
        *,
        chat_id: int,
        user_id: int | None = None,
        chat_type: str | None = None,
        first_name: str = "Alice",
        username: str | None = "alice",
        language_code: str | None = "en",
        reply_to_bot: bool = False,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        is_topic_message: bool | None = None,
        entities: list[dict[str, Any]] | None = None,
        chat_title: str | None = None,
    ) -> dict[str, Any]:
        """Queue a text message update and return it. ``user_id`` defaults to ``chat_id`` for private chats
        (else 1000). ``bot_command`` (``/cmd``, ``/cmd@name``) and ``mention`` (``@name``) entities are added
        unless ``entities`` is given. ``reply_to_bot`` replies to the bot's last message in the chat (a
        synthetic one if none). Channel posts (chat_type="channel") go in ``channel_post`` without ``from``.
        """
        chat = self._chat_for_injection(chat_id, chat_type, chat_title, first_name, username)
        if message_thread_id is not None and chat["type"] == "supergroup":
            chat["is_forum"] = True
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": dict(chat),
            "text": text,
        }
        if chat["type"] == "channel":
            message["sender_chat"] = dict(chat)
        else:
            sender = {
                "id": user_id if user_id is not None else (chat_id if chat_id > 0 else 1000),
                "is_bot": False,
                "first_name": first_name,
            }
            if username:
                sender["username"] = username
            if language_code:
                sender["language_code"] = language_code
            message["from"] = sender
        found = message_entities(text) if entities is None else entities
        if found:
            message["entities"] = found
        if message_thread_id is not None:
            message["message_thread_id"] = message_thread_id
            message["is_topic_message"] = True if is_topic_message is None else is_topic_message
        elif is_topic_message is not None:
            message["is_topic_message"] = is_topic_message
        target = reply_to_message_id
        if reply_to_bot and target is None:
            target = self._last_bot_message_id(chat_id, message_thread_id)
        if target is not None:
            message["reply_to_message"] = self._message_for_reply(chat_id, target)
        self._store_message(message)
        key = "channel_post" if chat["type"] == "channel" else "message"
        return self.inject_update({key: message})

    def inject_callback_query(
        self, data: str, *, chat_id: int, user_id: int | None = None, message_id: int | None = None
    ) -> dict[str, Any]:
        """Queue a callback_query update on the bot's message ``message_id`` (default: its last one)."""
        target = message_id if message_id is not None else self._last_bot_message_id(chat_id, None)
        uid = user_id if user_id is not None else (chat_id if chat_id > 0 else 1000)
        query = {
            "id": str(self._next_update_id * 7919),
            "from": {"id": uid, "is_bot": False, "first_name": "Alice"},
            "chat_instance": str(chat_id),
            "data": data,
            "message": self._message_for_reply(chat_id, target),
        }
        return self.inject_update({"callback_query": query})

    def inject_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update; ``update_id`` is assigned if missing. Returns the update."""
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
        self._next_update_id = max(self._next_update_id, update["update_id"]) + 1
        self._updates.append(update)
        self._injected_at[update["update_id"]] = time.monotonic()
        self._schedule_notify()
        return update

    def injected_at(self, update_id: int) -> float:
        """``time.monotonic()`` when an update was injected (for update-to-reply latency)."""
        return self._injected_at[update_id]

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by a getUpdates offset."""
        return list(self._updates)

    # ---- recording / waiting ---------------------------------------------------------------------------
    def mark(self) -> int:
        """A cursor (``len(calls)``) to pass as ``since=`` to the wait helpers."""
        return len(self.calls)

    def calls_to(self, method: str, *, ok: bool | None = None, since: int = 0, **params: Any) -> list[Call]:
        """Answered calls of ``method`` whose params equal the given ones (``self.calls`` has all)."""
        return [c for c in self.calls[since:] if _matches(c, method, ok, params)]

    def send_times(self, methods: tuple[str, ...] = ("sendMessage", "sendPhoto")) -> list[float]:
        """``time.monotonic()`` of each successful send, in order."""
        return [c.at for c in self.calls if c.method in methods and c.done and c.ok]

    async def wait_for(
        self, match: Match, timeout: float = 5.0, *, since: int = 0, ok: bool | None = None, **params: Any
    ) -> Call:
        """First call from ``calls[since:]`` matching a method name (plus equal ``params``) or a predicate;
        waits up to ``timeout`` seconds, else raises ``TimeoutError`` listing what was called."""
        return (await self.wait_for_calls(match, 1, timeout, since=since, ok=ok, **params))[0]

    async def wait_for_calls(
        self, match: Match, count: int, timeout: float = 5.0, *, since: int = 0, ok: bool | None = None, **params: Any
    ) -> list[Call]:
        """Like ``wait_for`` but for the first ``count`` matching calls."""

        def found() -> list[Call]:
            return [c for c in self.calls[since:] if _matches(c, match, ok, params)][:count]

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(found()) >= count), timeout)
        except TimeoutError:
            seen = ", ".join(f"{c.method}({c.status})" for c in self.calls[since:][-30:]) or "nothing"
            raise TimeoutError(
                f"{len(found())}/{count} calls matching {match!r} {params or ''} "
                f"within {timeout}s; calls since {since}: {seen}"
            ) from None
        return found()

    async def wait_for_message(
        self, chat_id: int | None = None, timeout: float = 5.0, *, since: int = 0
    ) -> SentMessage:
        """The first message the bot successfully sent (sendMessage/sendPhoto) after call cursor ``since``,
        as it is now (edits applied)."""

        def is_send(call: Call) -> bool:
            return (
                call.method in ("sendMessage", "sendPhoto")
                and call.ok
                and (chat_id is None or call.result["chat"]["id"] == chat_id)
            )

        call = await self.wait_for(is_send, timeout, since=since)
        return self.sent_message(call.result["chat"]["id"], call.result["message_id"])

    async def wait_until_idle(self, quiet: float = 0.2, timeout: float = 5.0) -> None:
        """Wait until no request other than getUpdates is in flight or arrived for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while self._in_flight or time.monotonic() - self._last_activity < quiet:
            if time.monotonic() > deadline:
                raise TimeoutError(f"server not idle within {timeout}s ({self._in_flight} in flight)")
            await asyncio.sleep(quiet / 4)

    # ---- webhook ---------------------------------------------------------------------------------------
    async def deliver_webhook(
        self, update: dict[str, Any], url: str | None = None, secret_token: str | None = None
    ) -> int:
        """POST ``update`` as JSON to ``url`` (default: the URL from setWebhook) with header
        ``X-Telegram-Bot-Api-Secret-Token`` (default: the secret from setWebhook); returns the HTTP status.
        An update without ``update_id`` gets the next one."""
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
            self._next_update_id += 1
        target = url or self.webhook["url"]
        secret = secret_token if secret_token is not None else self.webhook.get("secret_token")
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        self._injected_at[update["update_id"]] = time.monotonic()
        async with (
            aiohttp.ClientSession(trust_env=False) as session,
            session.post(target, json=update, headers=headers) as response,
        ):
            return response.status

    # ---- HTTP ------------------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self._token:
            return _error_response(_token_error(request.match_info["token"]))
        params, files = await read_request(request)
        call = Call(method, params, files, at=time.monotonic())
        self.calls.append(call)
        self.request_counts[method] += 1
        polling = method.lower() == "getupdates"
        if not polling:
            self._in_flight += 1
        try:
            result = await (self._get_updates(params) if polling else self._dispatch(method, params, files))
            call.result = result
            response = web.json_response({"ok": True, "result": result})
        except ApiError as error:
            call.status, call.error = error.status, error.body()
            response = _error_response(error)
        finally:
            call.done = True
            if not polling:
                self._in_flight -= 1
                self._last_activity = time.monotonic()
        await self._notify()
        return response

    async def _dispatch(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        delay = self._delays.get(method, self._delays.get("*", 0.0))
        if delay:
            await asyncio.sleep(delay)
        self.check_injected_failures(method, params)
        return self.call_method(method, params, files)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self.check_injected_failures("getUpdates", params)
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        if not self._updates and timeout > 0:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates) or self._poll_generation != generation),
                        timeout,
                    )
            if self._poll_generation != generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                )
        allowed = params.get("allowed_updates") or None
        batch = [u for u in self._updates if not allowed or any(k in allowed for k in u if k != "update_id")]
        return batch[:limit]

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            return _error_response(_token_error(request.match_info["token"]))
        data = self.file_bytes(request.match_info["path"])
        if data is None:
            return _error_response(ApiError(404, "Not Found"))
        return web.Response(body=data, content_type="application/octet-stream")

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _schedule_notify(self) -> None:
        with contextlib.suppress(RuntimeError):  # injected before the loop runs: pollers see it on their next call
            asyncio.get_running_loop().create_task(self._notify())


def _matches(call: Call, match: Match, ok: bool | None, params: dict[str, Any]) -> bool:
    if not call.done:
        return False
    if ok is not None and call.ok != ok:
        return False
    if callable(match):
        return match(call)
    return call.method == match and all(call.params.get(k) == v for k, v in params.items())


def _token_error(token: str) -> ApiError:
    """Telegram answers 401 to a well-formed but unknown token and 404 to a malformed one."""
    well_formed = re.fullmatch(r"[0-9]+:[A-Za-z0-9_-]{30,}", token) is not None
    return ApiError(401, "Unauthorized") if well_formed else ApiError(404, "Not Found")


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.body(), status=error.status)
