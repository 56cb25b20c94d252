"""Bot API methods of the fake Telegram server (one ``_m_<method>`` per method) and message bookkeeping.

Split from fake_botapi_state.py (configuration, recording, injected errors) to keep modules small.
"""

from __future__ import annotations

import re
import time
from typing import Any

from tests.bot.fake_botapi_html import HtmlParseError, parse_html
from tests.bot.fake_botapi_state import (
    MAX_CAPTION,
    MAX_TEXT,
    NOT_MODIFIED,
    ApiError,
    FakeChats,
    SentMessage,
    _scope_key,
)


class BotApiMethods(FakeChats):
    """The served Bot API methods; unknown methods answer ``true`` (and are recorded)."""

    # ---- methods ---------------------------------------------------------------------------------------
    def call_method(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        handler = getattr(self, f"_m_{method.lower()}", None)
        return handler(params, files) if handler else True  # unknown methods: ok, and recorded

    def _m_getme(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return self.bot_user

    def _m_logout(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return True

    def _m_sendmessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id = self._chat_id(params)
        plain, entities = _formatted(params, "text", MAX_TEXT, "message is too long")
        if not plain:
            raise ApiError(400, "Bad Request: message text is empty")
        message = self._new_bot_message(chat_id, params)
        message["text"] = plain
        if entities:
            message["entities"] = entities
        return self._record_sent(message, "text", params.get("text", ""), params)

    def _m_sendphoto(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id = self._chat_id(params)
        plain, entities = _formatted(params, "caption", MAX_CAPTION, "message caption is too long")
        data = files.get("photo")
        if data is None and not params.get("photo"):
            raise ApiError(400, "Bad Request: there is no photo in the request")
        file_id = params.get("photo") if data is None else f"photo-{len(self._files) + 1}"
        if data is not None:
            self._files[file_id] = data
        message = self._new_bot_message(chat_id, params)
        message["photo"] = [
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "width": 800,
                "height": 600,
                "file_size": len(data or b""),
            }
        ]
        if plain:
            message["caption"] = plain
        if entities:
            message["caption_entities"] = entities
        return self._record_sent(message, "photo", params.get("caption", ""), params, data)

    def _m_sendmessagedraft(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id = self._chat_id(params)
        if self.chat(chat_id)["type"] != "private":
            raise ApiError(400, "Bad Request: TEXTDRAFT_PEER_INVALID")
        if not params.get("draft_id"):
            raise ApiError(400, "Bad Request: draft_id must be non-zero")
        _formatted(params, "text", MAX_TEXT, "message is too long")
        self._drafts.append({**params, "at": time.monotonic()})
        return True

    def _m_editmessagetext(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        message, sent = self._editable(params, "text")
        plain, entities = _formatted(params, "text", MAX_TEXT, "message is too long")
        if not plain:
            raise ApiError(400, "Bad Request: message text is empty")
        markup = params.get("reply_markup")
        if (plain, entities, markup) == (message.get("text"), message.get("entities", []), message.get("reply_markup")):
            raise ApiError(400, NOT_MODIFIED)
        message["text"] = plain
        message["entities"] = entities
        self._apply_edit(message, sent, params.get("text", ""), params)
        return message

    def _m_editmessagecaption(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        message, sent = self._editable(params, "caption")
        plain, entities = _formatted(params, "caption", MAX_CAPTION, "message caption is too long")
        if (plain, entities, params.get("reply_markup")) == (
            message.get("caption", ""),
            message.get("caption_entities", []),
            message.get("reply_markup"),
        ):
            raise ApiError(400, NOT_MODIFIED)
        message["caption"], message["caption_entities"] = plain, entities
        self._apply_edit(message, sent, params.get("caption", ""), params)
        return message

    def _m_editmessagereplymarkup(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        message, sent = self._editable(params, None)
        if params.get("reply_markup") == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        self._apply_edit(message, sent, sent.text, {**params, "parse_mode": sent.parse_mode})
        return message

    def _m_deletemessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id = self._chat_id(params)
        message = self._messages[chat_id].pop(int(params.get("message_id", 0)), None)
        if message is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        if (chat_id, message["message_id"]) in self._sent:
            self._sent[(chat_id, message["message_id"])].deleted = True
        return True

    def _m_sendchataction(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self._chat_id(params)
        if not params.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _m_setmycommands(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is empty")
        self._commands[(_scope_key(params.get("scope")), params.get("language_code") or "")] = commands
        return True

    def _m_getmycommands(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return self.commands(params.get("language_code") or "", params.get("scope"))

    def _m_deletemycommands(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self._commands.pop((_scope_key(params.get("scope")), params.get("language_code") or ""), None)
        return True

    def _m_setwebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        if not str(params.get("url", "")).startswith(("https://", "http://")) and params.get("url"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {k: v for k, v in params.items() if k != "certificate"}
        self.webhook.setdefault("url", "")
        return True

    def _m_deletewebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.webhook = {"url": ""}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_getwebhookinfo(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        info = {"url": self.webhook["url"], "has_custom_certificate": False, "pending_update_count": len(self._updates)}
        if self.webhook.get("allowed_updates"):
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _m_getchat(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self.chat(self._chat_id(params))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _m_getchatmember(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id, user_id = self._chat_id(params), int(params.get("user_id", 0))
        admins, creator = self._admins.get(chat_id, ([], None))
        if self.chat(chat_id)["type"] == "private":
            admins, creator = [], chat_id
        return _member(
            user_id,
            self.bot_user if user_id == self._bot_id else None,
            "creator" if user_id == creator else "administrator" if user_id in admins else "member",
        )

    def _m_getchatadministrators(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id = self._chat_id(params)
        if self.chat(chat_id)["type"] == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        admins, creator = self._admins.get(chat_id, ([], None))
        members = [_member(creator, None, "creator")] if creator is not None else []
        return members + [
            _member(u, self.bot_user if u == self._bot_id else None, "administrator") for u in admins if u != creator
        ]

    def _m_answercallbackquery(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        return True

    def _m_getfile(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        file_id = params.get("file_id", "")
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self._files[file_id]),
            "file_path": f"photos/{file_id}",
        }

    # ---- message helpers -------------------------------------------------------------------------------
    def _chat_id(self, params: dict[str, Any]) -> int:
        chat_id = params.get("chat_id")
        if isinstance(chat_id, str):  # "@channelusername"
            for chat in self._chats.values():
                if chat_id.lstrip("@") == chat.get("username"):
                    return int(chat["id"])
            raise ApiError(400, "Bad Request: chat not found")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat_id is empty")
        return chat_id

    def _next_message_id(self, chat_id: int) -> int:
        self._last_ids[chat_id] += 1
        return self._last_ids[chat_id]

    def _store_message(self, message: dict[str, Any]) -> None:
        self._messages[message["chat"]["id"]][message["message_id"]] = message

    def _chat_for_injection(
        self, chat_id: int, chat_type: str | None, title: str | None, first_name: str, username: str | None
    ) -> dict[str, Any]:
        known = self._chats.get(chat_id)
        if known and (chat_type is None or known["type"] == chat_type) and title is None:
            return known
        kind = chat_type or (known or {}).get("type")
        chat = self.add_chat(
            chat_id,
            kind,
            title=title or (first_name if chat_id > 0 else None),
            is_forum=bool((known or {}).get("is_forum")),
        )
        if chat["type"] == "private" and username:
            chat["username"] = username
        return chat

    def _last_bot_message_id(self, chat_id: int, thread_id: int | None) -> int:
        ids = [
            m.message_id for m in self.sent_messages(chat_id) if thread_id is None or m.message_thread_id == thread_id
        ]
        if ids:
            return ids[-1]
        message = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": dict(self.chat(chat_id)),
            "from": self.bot_user,
            "text": "(earlier bot message)",
        }
        self._store_message(message)
        return int(message["message_id"])

    def _message_for_reply(self, chat_id: int, message_id: int) -> dict[str, Any]:
        message = self._messages[chat_id].get(message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        return {k: v for k, v in message.items() if k != "reply_to_message"}

    def _new_bot_message(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any]:
        reply = params.get("reply_parameters") or {}
        reply_id = reply.get("message_id") or params.get("reply_to_message_id")
        target = self._messages[chat_id].get(reply_id) if reply_id else None
        allow_missing = reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply")
        if reply_id and target is None and not allow_missing:
            raise ApiError(400, "Bad Request: message to be replied not found")
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": dict(self.chat(chat_id)),
            "from": self.bot_user,
        }
        if message["chat"]["type"] == "channel":
            del message["from"]  # channel posts are signed by the channel, not the bot
            message["sender_chat"] = dict(message["chat"])
        if target is not None:
            message["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
        thread = params.get("message_thread_id")
        if thread is None and target is not None and target.get("is_topic_message"):
            thread = target.get("message_thread_id")
        if thread is not None:
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _record_sent(
        self, message: dict[str, Any], kind: str, raw: str, params: dict[str, Any], photo: bytes | None = None
    ) -> dict[str, Any]:
        self._store_message(message)
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        self._sent[(chat_id, message_id)] = SentMessage(
            chat_id,
            message_id,
            kind,
            raw,
            message.get("text", message.get("caption", "")),
            params.get("parse_mode"),
            (message.get("reply_to_message") or {}).get("message_id"),
            message.get("message_thread_id"),
            params.get("reply_markup"),
            photo,
            at=time.monotonic(),
        )
        return message

    def _editable(self, params: dict[str, Any], field: str | None) -> tuple[dict[str, Any], SentMessage]:
        chat_id = self._chat_id(params)
        message = self._messages[chat_id].get(int(params.get("message_id", 0)))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        sent = self._sent.get((chat_id, message["message_id"]))
        if sent is None:
            raise ApiError(400, "Bad Request: message can't be edited")
        if field == "text" and "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        return message, sent

    def _apply_edit(self, message: dict[str, Any], sent: SentMessage, raw: str, params: dict[str, Any]) -> None:
        message["edit_date"] = int(time.time())
        if params.get("reply_markup") is not None:
            message["reply_markup"] = params["reply_markup"]
        sent.text, sent.parse_mode, sent.edits = raw, params.get("parse_mode"), sent.edits + 1
        sent.plain_text = message.get("text", message.get("caption", ""))
        sent.reply_markup = message.get("reply_markup")


def _formatted(params: dict[str, Any], key: str, limit: int, too_long: str) -> tuple[str, list[Any]]:
    """Plain text and entities of a text/caption param, validated like Telegram."""
    raw = params.get(key) or ""
    if not isinstance(raw, str):
        raw = str(raw)
    if str(params.get("parse_mode") or "").lower() == "html":
        try:
            plain, entities = parse_html(raw)
        except HtmlParseError as error:
            raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
    else:
        plain, entities = raw.strip(), list(params.get(f"{'caption_' if key == 'caption' else ''}entities") or [])
    if len(plain) > limit:
        raise ApiError(400, f"Bad Request: {too_long}")
    return plain, entities


def _member(user_id: int, user: dict[str, Any] | None, status: str) -> dict[str, Any]:
    member: dict[str, Any] = {
        "status": status,
        "user": user or {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"},
    }
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            {
                k: True
                for k in (
                    "can_manage_chat",
                    "can_delete_messages",
                    "can_manage_video_chats",
                    "can_restrict_members",
                    "can_change_info",
                    "can_invite_users",
                    "can_post_stories",
                    "can_edit_stories",
                    "can_delete_stories",
                    "can_post_messages",
                    "can_edit_messages",
                    "can_pin_messages",
                )
            }
        )
        member.update({"can_be_edited": False, "is_anonymous": False, "can_promote_members": False})
    return member
