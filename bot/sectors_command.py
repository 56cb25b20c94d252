"""/sectors [date]: a day's industries (direction, the industries that made the change, AI share, breadth), with
the chart of its change by industry behind the 📊 button (``schart:DAY``, bot.chart_button).

Kept apart from bot.handlers: one command and its button, with their own registration. The answer itself is
agent.sectors_day; a date the data cannot answer gets its one-line reason from there.
"""

from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.chart_button import INDUSTRY_CALLBACK, parse_industry_callback
from bot.deps import deps_of
from bot.formatting import caption
from bot.handlers import (
    NEW_MESSAGE,
    answer_with,
    message_of,
    parse_day,
    pressed,
    reply_text,
    run_limited,
    ui_lang,
)
from bot.i18n import t
from bot.replies import Target, send_photo


async def on_sectors(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    day: date | None = None
    if context.args:
        try:
            day = parse_day(context.args[0])
        except ValueError:  # 2026-13-45, "yesterday": the format is said, nothing is guessed
            lang = ui_lang(update, deps_of(context))
            await reply_text(message_of(update), t(lang, "bad_sectors_date", value=context.args[0]))
            return
    await answer_with(update, context, lambda service, lang: service.sectors(day, lang=lang))


async def on_industry_chart_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The day is wrapped in a tuple: None is a day here (the latest), while pressed() says "nothing to do" with None.
    got = await pressed(update, context, lambda data: (parse_industry_callback(data),))
    if got is None:
        return
    (day,) = got

    async def work(target: Target, lang: str) -> None:
        service = await deps_of(context).services.service()
        png = await service.industry_chart_png(day)
        label = day.isoformat() if day else ""
        await send_photo(context.bot, target, png, caption(t(lang, "industry_chart_caption", day=label)), quote=True)

    await run_limited(update, context, work)


def register_sectors_handlers(app: Application) -> None:
    app.add_handler(CommandHandler("sectors", on_sectors, filters=NEW_MESSAGE))
    app.add_handler(CallbackQueryHandler(on_industry_chart_button, pattern=f"^{INDUSTRY_CALLBACK}:"))
