"""State of the fake Telegram server: chats, messages, recording, configuration and injected errors.

Kept apart from the HTTP side (fake_botapi.py) so each stays small; ``FakeBotAPI`` inherits from ``FakeChats``.
``read_request`` decodes a request the way PTB encodes it.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from tests.bot.fake_botapi_html import utf16_len

DEFAULT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
DEFAULT_BOT_USERNAME = "marketbot_test_bot"
MAX_TEXT = 4096
MAX_CAPTION = 1024
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
# Params that PTB sends as plain strings (never JSON-decode them, "123" must stay text).
_STRING_FIELDS = {
    "text",
    "caption",
    "parse_mode",
    "language_code",
    "url",
    "secret_token",
    "action",
    "title",
    "description",
    "callback_query_id",
    "inline_message_id",
    "photo",
    "document",
    "emoji",
    "business_connection_id",
    "message_effect_id",
    "ip_address",
    "file_id",
    "query",
}
_SENDING = {"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "copyMessage", "forwardMessage"}
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{4,32}")


class ApiError(Exception):
    """An error answer: HTTP status = error_code, Telegram's description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class Call:
    """One request the bot made. Unpacks as ``method, params, files = call``.

    ``status`` is the HTTP status answered, ``result`` the ``result`` (None on error), ``error`` the error
    body (None on success), ``at`` the ``time.monotonic()`` when received, ``done`` whether it was answered
    (calls are listed on arrival; the wait helpers only match answered ones).
    """

    method: str
    params: dict[str, Any]
    files: dict[str, bytes]
    at: float = 0.0
    status: int = 200
    result: Any = None
    error: dict[str, Any] | None = None
    done: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.method, self.params, self.files))


@dataclass
class SentMessage:
    """A message the bot sent, edits applied. ``text`` is the raw text (or caption) as sent, markup included;
    ``plain_text`` what the user sees. ``kind`` is "text" or "photo"; ``photo`` the uploaded bytes."""

    chat_id: int
    message_id: int
    kind: str
    text: str
    plain_text: str
    parse_mode: str | None
    reply_to: int | None
    message_thread_id: int | None
    reply_markup: dict[str, Any] | None = None
    photo: bytes | None = None
    edits: int = 0
    deleted: bool = False
    at: float = 0.0


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """PTB JSON-encodes non-string values; decode those, keep known string fields as they are."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _STRING_FIELDS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


async def read_request(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Params (JSON-decoded where PTB JSON-encoded them) and uploaded files of a request."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, bytes] = {}
    content_type = request.content_type
    if content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        return {**decode_params(raw), **(body or {})}, files
    if content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                files[part.name] = bytes(await part.read())
            else:
                raw[part.name] = await part.text()
    elif request.can_read_body:
        raw.update(await request.post())
    params = decode_params({k: v for k, v in raw.items() if isinstance(v, str)})
    for key, value in params.items():  # a media param may reference an uploaded part
        if isinstance(value, str) and value.startswith("attach://") and value[9:] in files:
            files[key] = files[value[9:]]
    return params, files


def message_entities(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities Telegram would attach to a user's text."""
    found = [("bot_command", m) for m in _COMMAND_RE.finditer(text)]
    found += [("mention", m) for m in _MENTION_RE.finditer(text)]
    found.sort(key=lambda item: item[1].start())
    return [{"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())} for kind, m in found]


class FakeChats:
    """Chats, messages and the Bot API methods that act on them."""

    def __init__(self, token: str, bot_username: str, bot_id: int | None, *, first_name: str) -> None:
        self._token = token
        self._bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0])
        self.bot_user: dict[str, Any] = {
            "id": self._bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] = {"url": ""}
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._last_ids: dict[int, int] = defaultdict(int)
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._admins: dict[int, tuple[list[int], int | None]] = {}
        self._failures: list[dict[str, Any]] = []
        self._delays: dict[str, float] = {}
        self._limits: dict[str, Any] | None = None
        self._send_log: deque[tuple[float, int]] = deque()
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._drafts: list[dict[str, Any]] = []
        self._files: dict[str, bytes] = {}
        self._updates: list[dict[str, Any]] = []

    # ---- configuration ---------------------------------------------------------------------------------
    @property
    def bot_id(self) -> int:
        return self._bot_id

    def add_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        username: str | None = None,
        is_forum: bool = False,
    ) -> dict[str, Any]:
        """Register/override a chat. Without a type: id > 0 private, id <= -10**12 supergroup, else group."""
        kind = chat_type or ("private" if chat_id > 0 else "supergroup" if chat_id <= -(10**12) else "group")
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = title or "Alice"
        else:
            chat["title"] = title or f"Chat {chat_id}"
        if username:
            chat["username"] = username
        if is_forum:
            chat["is_forum"] = True
        self._chats[chat_id] = chat
        return chat

    def chat(self, chat_id: int) -> dict[str, Any]:
        """The chat dict (registering it with a guessed type if unknown)."""
        return self._chats.get(chat_id) or self.add_chat(chat_id)

    def block_chat(self, chat_id: int) -> None:
        """Chat-targeted methods for this chat answer 403 ("bot was blocked by the user" / "kicked")."""
        self._blocked.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Calls to ``old_id`` answer 400 "group chat was upgraded to a supergroup chat" with
        ``parameters.migrate_to_chat_id``; ``new_id`` becomes a supergroup with the old title."""
        self._migrated[old_id] = new_id
        self.add_chat(new_id, "supergroup", title=self.chat(old_id).get("title"))

    def set_admins(self, chat_id: int, user_ids: list[int], *, creator: int | None = None) -> None:
        """Administrators of a chat (getChatMember/getChatAdministrators); include ``bot_id`` to make the
        bot an admin; ``creator`` gets status "creator". Everyone else is a "member"."""
        self._admins[chat_id] = (list(user_ids), creator)

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``method`` ("*" = any but getUpdates), optionally only to ``chat_id``,
        fail with this error; ``description`` defaults to Telegram's wording for the code."""
        if description is None:
            if error_code == 429:
                description = f"Too Many Requests: retry after {retry_after or 1}"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(error_code, "Internal Server Error")
        parameters: dict[str, Any] = {}
        if error_code == 429:
            parameters["retry_after"] = retry_after or 1
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        self._failures.append(
            {
                "method": method,
                "chat_id": chat_id,
                "times": times,
                "error": ApiError(error_code, description, parameters or None),
            }
        )

    def rate_limit(
        self, *, per_second: float | None = 30, group_per_minute: int | None = 20, retry_after: int = 1
    ) -> None:
        """Flood control on sending methods: more than ``per_second`` sends in any 1 s window, or
        ``group_per_minute`` to one group in 60 s -> 429 with retry_after. Call with Nones to disable."""
        self._limits = {"per_second": per_second, "group_per_minute": group_per_minute, "retry_after": retry_after}

    def set_delay(self, method: str, seconds: float) -> None:
        """Sleep ``seconds`` before answering ``method`` ("*" = all except getUpdates)."""
        self._delays[method] = seconds

    # ---- recording -------------------------------------------------------------------------------------
    def sent_messages(self, chat_id: int | None = None, *, include_deleted: bool = False) -> list[SentMessage]:
        """Messages the bot sent (text and photos), edits applied, in send order."""
        return [
            m
            for m in self._sent.values()
            if (chat_id is None or m.chat_id == chat_id) and (include_deleted or not m.deleted)
        ]

    def sent_message(self, chat_id: int, message_id: int) -> SentMessage:
        return self._sent[(chat_id, message_id)]

    def chat_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """All live messages (users' and the bot's, as Telegram Message dicts) in a chat, in id order."""
        return [self._messages[chat_id][k] for k in sorted(self._messages[chat_id])]

    def drafts(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Recorded sendMessageDraft params."""
        return [d for d in self._drafts if chat_id is None or d["chat_id"] == chat_id]

    def commands(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[dict[str, str]]:
        """Commands set by setMyCommands for this language and scope (default scope if None)."""
        return self._commands.get((_scope_key(scope), language_code or ""), [])

    def file_bytes(self, file_path: str) -> bytes | None:
        return self._files.get(file_path.rsplit("/", 1)[-1])

    # ---- errors before a method runs -------------------------------------------------------------------
    def check_injected_failures(self, method: str, params: dict[str, Any]) -> None:
        """Raise the configured failure, migration, block or flood-control error for this call, if any."""
        chat_id = params.get("chat_id")
        for rule in self._failures:
            if rule["method"] in (method, "*" if method != "getUpdates" else None) and (
                rule["chat_id"] is None or rule["chat_id"] == chat_id
            ):
                rule["times"] -= 1
                if rule["times"] <= 0:
                    self._failures.remove(rule)
                raise rule["error"]
        if not isinstance(chat_id, int):
            return
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id in self._blocked and method not in ("getChat", "getChatMember", "getChatAdministrators"):
            kind = self.chat(chat_id)["type"]
            raise ApiError(
                403,
                {
                    "private": "Forbidden: bot was blocked by the user",
                    "group": "Forbidden: bot was kicked from the group chat",
                    "supergroup": "Forbidden: bot was kicked from the supergroup chat",
                }.get(kind, "Forbidden: bot is not a member of the channel chat"),
            )
        if self._limits and method in _SENDING:
            self._check_flood(chat_id)

    def _check_flood(self, chat_id: int) -> None:
        now, limits = time.monotonic(), self._limits or {}
        while self._send_log and now - self._send_log[0][0] > 60:
            self._send_log.popleft()
        per_second, per_group = limits["per_second"], limits["group_per_minute"]
        too_fast = per_second is not None and sum(1 for t, _ in self._send_log if now - t < 1) >= per_second
        too_many = (
            per_group is not None and chat_id < 0 and sum(1 for _, c in self._send_log if c == chat_id) >= per_group
        )
        if too_fast or too_many:
            seconds = limits["retry_after"]
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})
        self._send_log.append((now, chat_id))


def _scope_key(scope: Any) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)
