"""Chat models from settings: one OpenAI-compatible endpoint per entry of an ordered list.

Every supported provider speaks the OpenAI chat-completions protocol, so one
client (``langchain_openai.ChatOpenAI``, with the providers' documented
differences in ``compat_model``) reaches all of them by base URL:
OpenAI, DeepSeek, Qwen (DashScope compatible mode), and local servers (Ollama,
vLLM, llama.cpp ``llama-server``). The primary endpoint comes from
``settings.llm_*``; ``settings.llm_fallbacks`` follow in order, and a 429,
timeout or outage on one moves the agent to the next (see ``llm_agent``).

LangChain is imported lazily so ``marketbot`` commands that never call an LLM
start fast.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from config.settings import LLMEndpoint, Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

# Default base URLs by provider name; an explicit base URL always wins.
PROVIDER_BASE_URLS: dict[str, str | None] = {
    "openai": None,  # the client's own default
    "deepseek": "https://api.deepseek.com/v1",
    "qwen": "https://dashscope.aliyuncs.com/compatible-mode/v1",
    "dashscope": "https://dashscope.aliyuncs.com/compatible-mode/v1",
    "ollama": "http://127.0.0.1:11434/v1",
    "vllm": "http://127.0.0.1:8000/v1",
    "llamacpp": "http://127.0.0.1:8080/v1",
    "llama.cpp": "http://127.0.0.1:8080/v1",
}
# Local servers accept any key, but the client insists on one.
LOCAL_PROVIDERS = {"ollama", "vllm", "llamacpp", "llama.cpp"}
PLACEHOLDER_KEY = "not-needed"


class LLMConfigError(ValueError):
    """The LLM settings cannot work (unknown provider, missing key); the message names the setting."""


def endpoints(settings: Settings) -> list[LLMEndpoint]:
    """The primary endpoint (when ``llm_model`` is set) followed by the fallbacks, in order."""
    result: list[LLMEndpoint] = []
    if settings.llm_model:
        result.append(
            LLMEndpoint(
                model=settings.llm_model,
                base_url=settings.llm_base_url,
                api_key=settings.llm_api_key,
                provider=settings.llm_provider,
            )
        )
    result.extend(settings.llm_fallbacks)
    return result


def resolve_base_url(endpoint: LLMEndpoint) -> str | None:
    provider = endpoint.provider.lower()
    if endpoint.base_url:
        return endpoint.base_url
    if provider not in PROVIDER_BASE_URLS:
        known = ", ".join(sorted(PROVIDER_BASE_URLS))
        raise LLMConfigError(f"unknown LLM provider {endpoint.provider!r} without a base URL (known: {known})")
    return PROVIDER_BASE_URLS[provider]


def resolve_api_key(endpoint: LLMEndpoint) -> SecretStr:
    if endpoint.api_key is not None and endpoint.api_key.get_secret_value():
        return endpoint.api_key
    base_url = resolve_base_url(endpoint) or ""
    is_local = endpoint.provider.lower() in LOCAL_PROVIDERS or "127.0.0.1" in base_url or "localhost" in base_url
    if is_local:
        return SecretStr(PLACEHOLDER_KEY)
    raise LLMConfigError(
        f"no API key for LLM model {endpoint.model!r} (set MARKETBOT_LLM_API_KEY or the fallback's api_key)"
    )


def build_chat_model(endpoint: LLMEndpoint, settings: Settings, *, streaming: bool = False) -> BaseChatModel:
    """One ChatOpenAI client for ``endpoint`` with the timeouts, retries and token cap of ``settings``."""
    from agent.llm.compat_model import CompatibleChatOpenAI

    kwargs: dict[str, Any] = dict(
        model=endpoint.model,
        api_key=resolve_api_key(endpoint),
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        max_tokens=settings.llm_max_tokens,
        streaming=streaming,
    )
    base_url = resolve_base_url(endpoint)
    if base_url:
        kwargs["base_url"] = base_url
        # The client sends the cap as OpenAI's newer max_completion_tokens, which many compatible servers
        # (DeepSeek, Ollama, llama.cpp, older vLLM) ignore; they read max_tokens.
        kwargs["extra_body"] = {"max_tokens": settings.llm_max_tokens}
    if streaming:
        # Ask for token usage in the final stream chunk (ignored by servers that do not support it).
        kwargs["stream_usage"] = True
    return CompatibleChatOpenAI(**kwargs)


def build_chat_models(settings: Settings, *, streaming: bool = False) -> list[BaseChatModel]:
    """Chat models in fallback order; an endpoint with bad settings is skipped (and logged), not fatal."""
    models = []
    errors = []
    for endpoint in endpoints(settings):
        try:
            models.append(build_chat_model(endpoint, settings, streaming=streaming))
        except LLMConfigError as exc:
            errors.append(str(exc))
            log.warning("LLM endpoint skipped: %s", exc)
    if not models:
        raise LLMConfigError("; ".join(errors) or "no LLM model configured (MARKETBOT_LLM_MODEL)")
    return models


def describe(model: object) -> str:
    """A model's name for logs and answer metadata (never its key)."""
    return str(getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__)


def endpoint_of(model: object) -> str:
    """The base URL a model is reached at (OpenAI's own when none is set), for usage records; never the key."""
    base_url = getattr(model, "openai_api_base", None)
    if base_url:
        return str(base_url)
    return "api.openai.com" if hasattr(model, "openai_api_key") else "local"


# Provider refusals with a known cause, and what the operator can do (the message goes to the log).
_HINTS = (
    (
        "--enable-auto-tool-choice",
        "the vLLM server has tool calling off: start it with --enable-auto-tool-choice and the model's "
        "--tool-call-parser (hermes for Qwen, llama3_json for Llama 3.1)",
    ),
    (
        "does not support tools",
        "this Ollama model cannot call tools: pick one listed with tool support (e.g. qwen2.5, llama3.1)",
    ),
    (
        "reasoning_content",
        "the endpoint wants the reasoning_content of tool-call turns sent back (DeepSeek thinking mode); "
        "check that the proxy in between keeps that field, or turn thinking off",
    ),
)


def failure_hint(exc: BaseException) -> str:
    """What to do about a provider's refusal we know, as ' (hint: ...)', else ''."""
    text = str(exc)
    for marker, hint in _HINTS:
        if marker in text:
            return f" (hint: {hint})"
    return ""


def is_transient(exc: BaseException) -> bool:
    """True for rate limits, timeouts, connection failures and server errors: try the next endpoint."""
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on it
        return isinstance(exc, (TimeoutError, ConnectionError))
    if isinstance(
        exc,
        (
            openai.RateLimitError,
            openai.APITimeoutError,
            openai.APIConnectionError,
            openai.InternalServerError,
            openai.APIResponseValidationError,
        ),
    ):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code == 429
    return isinstance(exc, (TimeoutError, ConnectionError, ValueError))
