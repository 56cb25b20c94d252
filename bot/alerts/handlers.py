"""``/alerts`` (crossing alerts per chat or forum topic) and the intraday chart (``/chart intraday``, 📊).

Syntax (any argument order mistakes get the usage, never a change):

    /alerts                         status and usage
    /alerts on [1万亿 1.5万亿 ...]   opt in, optionally with new thresholds
    /alerts off                     opt out
    /alerts thresholds 1.5T 2T      change thresholds (alias: set)
    /alerts charts on|off           attach the intraday chart to flashes

Anyone may read the status; in groups only administrators may change anything
(anyone in a private chat).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.alerts.store import AlertChat
from bot.alerts.text import (
    MAX_THRESHOLD_YI,
    MAX_THRESHOLDS,
    MIN_THRESHOLD_YI,
    ThresholdError,
    default_thresholds,
    parse_thresholds,
    threshold_list,
)
from bot.chart_button import INTRADAY_CALLBACK, parse_intraday_callback
from bot.deps import IntradayFeed, deps_of
from bot.formatting import caption
from bot.handlers import (
    NEW_MESSAGE,
    answer_callback,
    is_chat_admin,
    on_expired_button,
    reply_text,
    run_limited,
    ui_lang,
)
from bot.i18n import t
from bot.replies import Target, send_photo

log = logging.getLogger(__name__)
ON, OFF = ("on", "开", "开启", "打开"), ("off", "关", "关闭")


def _status(chat: AlertChat | None, defaults: tuple[int, ...], lang: str) -> str:
    thresholds = chat.thresholds_yi if chat else defaults
    return t(
        lang,
        "alerts_status",
        state=t(lang, "alerts_state_on" if chat and chat.enabled else "alerts_state_off"),
        thresholds=threshold_list(thresholds, lang),
        charts=t(lang, "alerts_yes" if chat and chat.charts else "alerts_no"),
    )


def _help(lang: str) -> str:
    low, high = threshold_list([MIN_THRESHOLD_YI], lang), threshold_list([MAX_THRESHOLD_YI], lang)
    return t(lang, "alerts_help", low=low, high=high, limit=MAX_THRESHOLDS)


async def on_alerts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = deps_of(context)
    message, lang = update.effective_message, ui_lang(update, deps)
    if message is None:
        return
    if deps.intraday is None:
        await reply_text(message, t(lang, "alerts_unavailable"))
        return
    args = [a.lower() for a in context.args or []]
    chat_id, thread = message.chat_id, Target.of(message).thread_id
    current = deps.alerts.chat(chat_id, thread)
    defaults = default_thresholds(deps.settings.turnover_thresholds_yi)
    action = args[0] if args else ""
    if action not in (*ON, *OFF, "thresholds", "set", "charts", "chart"):
        await reply_text(message, _status(current, defaults, lang) + "\n\n" + _help(lang))
        return
    charts_choice = args[1] if len(args) > 1 else ""
    if action in ("charts", "chart") and charts_choice not in (*ON, *OFF):
        await reply_text(message, _help(lang))
        return
    thresholds: tuple[int, ...] | None = None
    if action in ("thresholds", "set") or (action in ON and len(args) > 1):
        try:
            thresholds = parse_thresholds(args[1:])
        except ThresholdError as exc:
            await reply_text(message, t(lang, exc.key, **exc.values))
            return
    if not await is_chat_admin(update, context):
        await reply_text(message, t(lang, "alerts_admins_only"))
        return
    if action in OFF:
        removed = deps.alerts.disable(chat_id, thread)
        await reply_text(message, t(lang, "alerts_disabled" if removed else "alerts_were_off"))
    elif action in ON:
        chosen = thresholds or (current.thresholds_yi if current else defaults)
        now = deps.intraday.now()
        chat = deps.alerts.enable(chat_id, thread, lang, chosen, at=now)
        text = t(lang, "alerts_enabled", thresholds=threshold_list(chat.thresholds_yi, lang))
        await reply_text(message, text + await _crossed_today(deps.intraday, now, chat, lang))
    elif action in ("charts", "chart"):
        deps.alerts.set_charts(chat_id, thread, lang, charts_choice in ON, defaults)
        what = t(lang, "alerts_charts_with" if charts_choice in ON else "alerts_charts_without")
        await reply_text(message, t(lang, "alerts_charts_set", what=what))
    else:
        assert thresholds is not None
        deps.alerts.set_thresholds(chat_id, thread, lang, thresholds)
        hint = "" if current and current.enabled else t(lang, "alerts_hint_enable")
        text = t(lang, "alerts_thresholds_set", thresholds=threshold_list(thresholds, lang), hint=hint)
        await reply_text(message, text.strip())


async def _crossed_today(feed: IntradayFeed, now: datetime, chat: AlertChat, lang: str) -> str:
    """A line naming the chat's thresholds crossed before it opted in (they will not be flashed), or ""."""
    try:
        if not await feed.is_trading_day(now.date()):
            return ""
        found = (await feed.crossings(now.date(), chat.thresholds_yi)).crossings
    except Exception:  # the reply must not depend on the minute data
        log.warning("alerts: today's crossings unavailable", exc_info=True)
        return ""
    found = [c for c in found if not chat.opted_in_before(c.at)]  # the rest are (or will be) flashed
    if not found:
        return ""
    sep = "、" if lang == "zh" else ", "
    done = sep.join(f"{threshold_list([round(c.threshold_yi)], lang)} ({c.at:%H:%M})" for c in found)
    return "\n" + t(lang, "alerts_already_crossed", crossed=done)


# --- the intraday chart -------------------------------------------------------------------------------
async def send_intraday_chart(
    update: Update, context: ContextTypes.DEFAULT_TYPE, session: date | None, at: time | None = None
) -> None:
    deps = deps_of(context)
    feed = deps.intraday
    if feed is None:
        if update.effective_message is not None:
            await reply_text(update.effective_message, t(ui_lang(update, deps), "alerts_unavailable"))
        return

    async def work(target: Target, lang: str) -> None:
        png = await feed.chart_png(session, at)
        await send_photo(context.bot, target, png, caption(t(lang, "chart_intraday_caption")), quote=True)

    await run_limited(update, context, work)


async def on_chart_intraday(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_intraday_chart(update, context, None)


async def on_intraday_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    try:
        session, at = parse_intraday_callback(query.data or "")
    except ValueError:
        await on_expired_button(update, context)
        return
    await answer_callback(query)  # a courtesy: its failure never stops the chart
    if update.effective_message is None:
        return  # the answer with the button is gone: nowhere to reply
    await send_intraday_chart(update, context, session, at)


INTRADAY_ARG = filters.Regex(r"(?i)^/chart(@\w+)?\s+(intraday|盘中|分时)\s*$")


def register_alert_handlers(app: Application) -> None:
    """Call before bot.handlers.register_handlers: "/chart intraday" must match before the generic /chart."""
    app.add_handler(CommandHandler("alerts", on_alerts, filters=NEW_MESSAGE))
    app.add_handler(CommandHandler("chart", on_chart_intraday, filters=NEW_MESSAGE & INTRADAY_ARG))
    app.add_handler(CallbackQueryHandler(on_intraday_button, pattern=f"^{INTRADAY_CALLBACK}:"))
