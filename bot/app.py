"""Build and run the PTB Application from Settings.

Long polling by default; with ``settings.webhook_url`` PTB's own webhook
server listens on ``webhook_listen:webhook_port`` and Telegram must send the
secret token header. Several replicas (``database_url`` set) each serve the
webhook on their own port behind one URL: they must share the secret (each
one calls setWebhook with the same URL and secret; none ever calls
deleteWebhook, which would cut the whole cluster off), and their message calls
share one send budget in the database (bot.cluster.budget). The market service opens in a worker thread after start,
so the first getUpdates does not wait for Chroma or the embedder.
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.ext import Application, ApplicationBuilder

from bot.alerts.handlers import register_alert_handlers
from bot.alerts.job import schedule_alerts
from bot.cluster.budget import SharedBudget
from bot.deps import DEPS_KEY, BotDeps, IntradayFeed, ServiceHandle
from bot.handlers import register_handlers
from bot.i18n import LANGS, command_descriptions
from bot.outbox import Outbox
from bot.pacing import Budget, SmoothPacer
from bot.push.runner import CATCH_UP_EVERY, RUNNER_KEY, runner_of, schedule_all
from bot.sectors_command import register_sectors_handlers
from bot.usage_command import register_usage_handlers
from bot.webhook import install_webhook_json_check
from config import Settings
from config.logging import install_redaction

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def open_service(settings: Settings):  # noqa: ANN201
    """The real MarketService over an AgentContext (imported here: heavy)."""
    from agent.context import AgentContext
    from agent.service import MarketService

    return MarketService(AgentContext.open(settings))


def build_application(
    settings: Settings,
    services: ServiceHandle | None = None,
    *,
    rate_limit_retries: int = 3,
    concurrent_updates: int = 64,
    intraday: IntradayFeed | None = None,
    read_timeout: float | None = None,
    budget: Budget | None = None,
) -> Application:
    """The bot. Every request passes one Outbox (pacing, migrated and gone chats); ``budget`` is a
    message allowance shared with other processes of the same bot, consulted for every message call."""
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value():
        raise ValueError("no Telegram bot token (set MARKETBOT_TELEGRAM_TOKEN)")
    install_redaction(settings)
    install_webhook_json_check()
    services = services or ServiceHandle(lambda: open_service(settings))
    deps = BotDeps.create(settings, services, intraday=intraday)
    if budget is None and deps.store.db.shared:
        budget = SharedBudget(deps.store.db, deps.store.owner)
    outbox = Outbox(
        SmoothPacer(budget=budget), max_retries=rate_limit_retries, on_moved=deps.move_chat, on_gone=deps.chat_gone
    )
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .rate_limiter(outbox)
        .concurrent_updates(concurrent_updates)
        .post_init(setup)
        .post_stop(stop_push)
        .post_shutdown(_post_shutdown)
    )
    if read_timeout is not None:
        builder = builder.read_timeout(read_timeout)
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    file_url = settings.telegram_base_file_url or _file_url_for(settings.telegram_base_url)
    if file_url:
        builder = builder.base_file_url(file_url)
    app = builder.build()
    app.bot_data[DEPS_KEY] = deps
    register_alert_handlers(app)  # first: its "/chart intraday" must match before the generic /chart
    register_sectors_handlers(app)  # before register_handlers, whose last button handler takes any other press
    register_handlers(app)
    register_usage_handlers(app)
    return app


def _file_url_for(base_url: str | None) -> str | None:
    """A self-hosted server's file URL from its base URL (http://h:p/bot -> http://h:p/file/bot)."""
    if base_url and base_url.rstrip("/").endswith("/bot"):
        return base_url.rstrip("/")[: -len("/bot")] + "/file/bot"
    return None


async def setup(app: Application, *, catch_up: bool = True) -> None:
    """What post_init does; call it yourself when driving initialize()/start() directly (tests).
    ``catch_up=False`` leaves out the start-up and periodic push passes (tests that push by hand)."""
    deps: BotDeps = app.bot_data[DEPS_KEY]
    deps.services.start_opening()
    await deps.leader.poll()  # before the jobs: the first of them may be the leader's
    log.info("replica %s%s", deps.store.owner, " (leader)" if deps.leader.is_leader else "")
    await register_commands(app)
    schedule_all(app, deps, catch_up_every=CATCH_UP_EVERY if catch_up else None)
    schedule_alerts(app, deps)


async def stop_push(app: Application) -> None:
    """What post_stop does: hand the push over within push_stop_grace_s (the ledger stays consistent)."""
    deps: BotDeps = app.bot_data[DEPS_KEY]
    if RUNNER_KEY in app.bot_data:  # absent if start-up failed before setup
        await runner_of(app).stop(deps.settings.push_stop_grace_s)
    await deps.leader.close()  # another replica leads from its next poll, not after a timeout


async def register_commands(app: Application) -> None:
    deps: BotDeps = app.bot_data[DEPS_KEY]
    for lang in LANGS:
        commands = [BotCommand(name, text) for name, text in command_descriptions(lang)]
        await app.bot.set_my_commands(commands, language_code=lang)
    # Users whose Telegram language is neither zh nor en get the default language's menu.
    default = [BotCommand(name, text) for name, text in command_descriptions(deps.settings.lang)]
    await app.bot.set_my_commands(default)


async def _post_shutdown(app: Application) -> None:
    deps: BotDeps = app.bot_data[DEPS_KEY]
    await deps.services.close()
    deps.store.close()
    deps.alerts.close()


class ClusterConfigError(ValueError):
    """Settings that would break a cluster of replicas (said at start, never with a secret's value)."""


def webhook_params(settings: Settings) -> dict[str, object]:
    """Arguments for run_webhook/start_webhook: listen on the URL's path, check the secret header.

    One process may make up its secret; replicas on a shared database may not, since each would
    register its own with setWebhook and Telegram keeps only the last one: the others would refuse
    every update. No ``drop_pending_updates``: with it PTB calls deleteWebhook at start."""
    assert settings.webhook_url
    path = urlsplit(settings.webhook_url).path.strip("/")
    if settings.webhook_secret is not None and settings.webhook_secret.get_secret_value():
        secret = settings.webhook_secret.get_secret_value()
    elif settings.database_url is not None:
        raise ClusterConfigError(
            "MARKETBOT_WEBHOOK_SECRET is required in webhook mode with MARKETBOT_DATABASE_URL: every replica "
            "must register the same secret"
        )
    else:
        secret = secrets.token_urlsafe(32)
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": path,
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
        "allowed_updates": ALLOWED_UPDATES,
    }


def run(settings: Settings, services: ServiceHandle | None = None) -> None:
    """Run until interrupted (blocking). A Bot API that cannot be reached at start is retried with
    backoff (1 s growing to 30 s) for as long as it takes; a rejected token stops at once."""
    from agent.intraday_feed import IntradayFeed

    if settings.webhook_url:
        params = webhook_params(settings)  # checked before anything opens
    elif settings.database_url is not None:
        log.warning(
            "long polling on a shared database: Telegram allows one poller per token, so a second replica gets "
            "409 Conflict; run replicas in webhook mode (MARKETBOT_WEBHOOK_URL, _SECRET, _PORT)"
        )
    app = build_application(settings, services, intraday=IntradayFeed(settings))
    if settings.webhook_url:
        log.info("starting in webhook mode on %s:%s", settings.webhook_listen, settings.webhook_port)
        app.run_webhook(**params, bootstrap_retries=-1)  # type: ignore[arg-type]
    else:
        log.info("starting long polling")
        app.run_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=-1)
