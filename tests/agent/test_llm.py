"""Chat models from settings: providers, base URLs, keys, limits, and the fallback order."""

from __future__ import annotations

import openai
import pytest
from pydantic import SecretStr

from agent.llm.chat_models import (
    PLACEHOLDER_KEY,
    LLMConfigError,
    build_chat_model,
    build_chat_models,
    endpoints,
    is_transient,
)
from config import Settings
from config.settings import LLMEndpoint

KEY = "sk-unit-0123456789abcdef"


def settings(tmp_path, **kw) -> Settings:
    return Settings(data_dir=tmp_path, **kw)


def test_no_model_means_no_endpoints(tmp_path):
    assert endpoints(settings(tmp_path)) == []
    with pytest.raises(LLMConfigError, match="MARKETBOT_LLM_MODEL"):
        build_chat_models(settings(tmp_path))


def test_primary_then_fallbacks_in_order(tmp_path):
    s = settings(
        tmp_path,
        llm_model="deepseek-chat",
        llm_provider="deepseek",
        llm_api_key=KEY,
        llm_fallbacks=[
            LLMEndpoint(model="qwen-plus", provider="qwen", api_key="sk-q-123456789"),
            LLMEndpoint(model="llama3.1", provider="ollama"),
        ],
    )
    models = build_chat_models(s)
    assert [m.model_name for m in models] == ["deepseek-chat", "qwen-plus", "llama3.1"]
    assert models[0].openai_api_base == "https://api.deepseek.com/v1"
    assert models[1].openai_api_base == "https://dashscope.aliyuncs.com/compatible-mode/v1"
    assert models[2].openai_api_base == "http://127.0.0.1:11434/v1"
    assert models[2].openai_api_key.get_secret_value() == PLACEHOLDER_KEY


def test_limits_and_key_are_applied(tmp_path):
    s = settings(
        tmp_path,
        llm_model="gpt-4o-mini",
        llm_api_key=KEY,
        llm_temperature=0.1,
        llm_timeout_s=7,
        llm_max_retries=3,
        llm_max_tokens=500,
    )
    model = build_chat_model(endpoints(s)[0], s)
    assert model.temperature == 0.1 and model.request_timeout == 7 and model.max_retries == 3
    assert model.max_tokens == 500
    assert isinstance(model.openai_api_key, SecretStr) and model.openai_api_key.get_secret_value() == KEY
    assert KEY not in repr(model) and KEY not in str(model.model_dump())
    assert model.openai_api_base is None  # OpenAI's own default URL


def test_explicit_base_url_wins_and_local_servers_need_no_key(tmp_path):
    s = settings(tmp_path, llm_model="qwen2.5", llm_provider="vllm", llm_base_url="http://127.0.0.1:9999/v1")
    model = build_chat_model(endpoints(s)[0], s)
    assert model.openai_api_base == "http://127.0.0.1:9999/v1"
    # Compatible servers read max_tokens, not OpenAI's newer max_completion_tokens.
    assert model.extra_body == {"max_tokens": s.llm_max_tokens}


def test_cloud_without_key_is_a_clear_error(tmp_path):
    s = settings(tmp_path, llm_model="deepseek-chat", llm_provider="deepseek")
    with pytest.raises(LLMConfigError, match="MARKETBOT_LLM_API_KEY"):
        build_chat_models(s)


def test_unknown_provider_without_base_url(tmp_path):
    s = settings(
        tmp_path,
        llm_model="m",
        llm_provider="nonesuch",
        llm_api_key=KEY,
        llm_fallbacks=[LLMEndpoint(model="llama3.1", provider="ollama")],
    )
    models = build_chat_models(s)  # the bad endpoint is skipped, the good one kept
    assert [m.model_name for m in models] == ["llama3.1"]


def test_transient_errors():
    import httpx

    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    rate = openai.RateLimitError("slow", response=httpx.Response(429, request=request), body=None)
    auth = openai.AuthenticationError("no", response=httpx.Response(401, request=request), body=None)
    assert is_transient(rate) and is_transient(openai.APITimeoutError(request=request))
    assert is_transient(openai.APIConnectionError(request=request))
    assert not is_transient(auth)
