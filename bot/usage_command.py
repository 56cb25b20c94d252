"""/usage: the LLM's token usage and estimated cost, today and this month.

Admins (``settings.admin_user_ids``) see everyone's usage and the top chats;
anyone else sees their own. Kept apart from bot.handlers: it is one command
with its own registration.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.deps import deps_of
from bot.handlers import NEW_MESSAGE, message_of, reply_text, ui_lang

NO_USER = {"zh": "/usage 需要以个人身份发送。", "en": "Send /usage as yourself, not as the group or a channel."}


async def on_usage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    message, user = message_of(update), update.effective_user
    lang = ui_lang(update, deps)
    is_admin = user is not None and user.id in deps.settings.admin_user_ids
    if user is None:  # an anonymous admin or a channel posting: there is nobody's own usage to show
        await reply_text(message, NO_USER["en" if lang == "en" else "zh"])
        return
    service = await deps.services.service()
    await reply_text(message, await service.usage_report(None if is_admin else user.id, lang))


def register_usage_handlers(app: Application) -> None:
    app.add_handler(CommandHandler("usage", on_usage, filters=NEW_MESSAGE))
