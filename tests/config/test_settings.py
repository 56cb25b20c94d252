"""Settings: defaults need no keys; env, .env and TOML are read with the right priority."""

from __future__ import annotations

import logging
from datetime import time
from pathlib import Path

import pytest

from config import Settings
from config.logging import ConsoleFormatter, install_redaction, redact, secret_values


@pytest.fixture(autouse=True)
def _clean_env(clean_env: Path) -> None:
    """Every test here reads settings from a clean environment (tests/conftest.py)."""


def test_defaults_need_no_keys() -> None:
    settings = Settings()
    assert settings.llm_model is None
    assert settings.telegram_token is None
    assert settings.timezone == "Asia/Shanghai"
    assert settings.zone.key == "Asia/Shanghai"
    assert settings.auto_fetch is False
    assert settings.turnover_thresholds_yi[0] == 10000.0
    assert settings.data_dir.is_absolute()


def test_env_overrides_and_types(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("MARKETBOT_PUSH_TIME", "16:05")
    monkeypatch.setenv("MARKETBOT_ALLOWED_CHAT_IDS", "[-100123, 42]")
    monkeypatch.setenv("MARKETBOT_LLM_FALLBACKS", '[{"model": "qwen-plus", "api_key": "sk-abc"}]')
    settings = Settings()
    assert settings.data_dir == tmp_path / "d"
    assert settings.push_time == time(16, 5)
    assert settings.allowed_chat_ids == [-100123, 42]
    assert settings.llm_fallbacks[0].model == "qwen-plus"
    assert settings.llm_fallbacks[0].api_key.get_secret_value() == "sk-abc"


def test_toml_and_dotenv_priority(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    toml = tmp_path / "conf.toml"
    toml.write_text('lang = "en"\nllm_model = "from-toml"\nchroma_port = 9000\n', encoding="utf-8")
    (tmp_path / ".env").write_text("MARKETBOT_LLM_MODEL=from-dotenv\n", encoding="utf-8")
    monkeypatch.setenv("MARKETBOT_CONFIG", str(toml))
    monkeypatch.setenv("MARKETBOT_CHROMA_PORT", "9100")
    settings = Settings()
    assert settings.lang == "en"  # only in TOML
    assert settings.llm_model == "from-dotenv"  # .env beats TOML
    assert settings.chroma_port == 9100  # env beats both


def test_invalid_value_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARKETBOT_LANG", "fr")
    with pytest.raises(ValueError):
        Settings()


def test_secrets_are_redacted_from_logs() -> None:
    token = "123456789:AAHfakeTokenValue_abcdefghijklmnopqrstu"
    settings = Settings(telegram_token=token, llm_api_key="sk-live-secret-value")
    secrets = secret_values(settings)
    assert redact(f"POST https://api.telegram.org/bot{token}/getMe", secrets).count("***") == 1
    assert "sk-live-secret-value" not in redact("auth failed for sk-live-secret-value", secrets)
    # A token-shaped string is masked even when it is not the configured one.
    assert "AAH" not in redact("bot987654321:AAHotherTokenValue_abcdefghijklmnopqrs", [])
    install_redaction(settings)
    record = logging.getLogRecordFactory()("x", logging.ERROR, __file__, 1, "key=%s", ("sk-live-secret-value",), None)
    assert "sk-live-secret-value" not in ConsoleFormatter().format(record)
    assert "sk-live-secret-value" not in record.getMessage()  # redacted for every handler
    assert "sk-live-secret-value" not in repr(settings)


def test_library_loggers_set_to_debug_stay_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    from config.logging import setup_logging

    noisy = logging.getLogger("some.library")
    noisy.setLevel(logging.DEBUG)  # as bm25s does
    setup_logging(Settings(), "WARNING")
    noisy.debug("building index")
    noisy.warning("real problem")
    err = capsys.readouterr().err
    assert "building index" not in err and "real problem" in err


def test_exceptions_are_one_line_unless_debugging() -> None:
    try:
        raise ConnectionError("Name or service not known")
    except ConnectionError:
        import sys

        record = logging.getLogRecordFactory()(
            "telegram.ext", logging.ERROR, __file__, 1, "bootstrap failed", (), sys.exc_info()
        )
    short = ConsoleFormatter().format(record)
    assert short.endswith("bootstrap failed\nConnectionError: Name or service not known")
    assert "Traceback" not in short
    assert "Traceback (most recent call last)" in ConsoleFormatter(tracebacks=True).format(record)
