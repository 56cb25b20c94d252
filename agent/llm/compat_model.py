"""ChatOpenAI for the OpenAI-compatible servers we support, where they differ from OpenAI's own API.

langchain-openai's ChatOpenAI reads OpenAI's documented fields only. What the
other endpoints do differently, per their documentation, and what we do:

- DeepSeek thinking mode (api-docs.deepseek.com/guides/thinking_mode) returns
  ``reasoning_content`` beside ``content``. An assistant turn that called tools
  must carry its ``reasoning_content`` back in the following requests (else
  HTTP 400); one that did not need not (the older deepseek-reasoner rejected
  it in input). So it is kept on tool-call messages only, never shown to users.
  Qwen3 thinking (DashScope compatible mode, ``enable_thinking``) streams the
  same field and is handled the same way.
- Ollama's OpenAI endpoint streams each tool call whole and may give every
  call of a parallel batch index 0, told apart only by id; merged by index they
  would become one call with two argument strings glued together. A new id at
  an index already used in that stream moves the call to the next free index.
- Local models served without a tool-call parser (vLLM without
  ``--tool-call-parser``, Ollama templates, llama.cpp) write the call as text:
  ``<tool_call>{"name": ..., "arguments": {...}}</tool_call>`` (Hermes/Qwen),
  a fenced JSON block, or a bare ``{"name": ..., "parameters": {...}}``
  (Llama 3.1). When the whole reply is such calls, naming tools we offered,
  they become real tool calls; anything else stays text.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import OrderedDict
from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI
from pydantic import PrivateAttr

REASONING = "reasoning_content"
_TAGGED = re.compile(r"<tool_call>\s*(.*?)\s*</tool_call>", re.DOTALL)
_FENCED = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)
STREAMS_TRACKED = 64  # Ollama index fixing: per-stream state for this many recent streams


def text_tool_calls(text: str, tool_names: set[str]) -> list[dict[str, Any]] | None:
    """The tool calls a reply wrote as text, when the reply is nothing but calls to ``tool_names``; else None."""
    stripped = text.strip()
    if not stripped or not tool_names:
        return None
    for pattern in (_TAGGED, _FENCED):
        bodies = pattern.findall(stripped)
        if bodies and not pattern.sub("", stripped).strip():
            break
    else:
        bodies = [stripped] if stripped.startswith("{") else []
    calls = []
    for body in bodies:
        try:
            data = json.loads(body)
        except ValueError:
            return None
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict) or item.get("name") not in tool_names:
                return None
            args = item.get("arguments", item.get("parameters", {}))
            if isinstance(args, str):
                try:
                    args = json.loads(args)
                except ValueError:
                    return None
            if not isinstance(args, dict):
                return None
            calls.append(
                {"name": item["name"], "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}
            )
    return calls or None


class CompatibleChatOpenAI(ChatOpenAI):
    """ChatOpenAI that keeps reasoning_content for tool-call turns, fixes Ollama's indices, reads text tool calls."""

    _stream_indices: OrderedDict[str, dict[int, str]] = PrivateAttr(default_factory=OrderedDict)

    # --- requests: reasoning_content back on the turns that called tools --------------------------
    def _get_request_payload(self, input_: Any, *, stop: list[str] | None = None, **kwargs: Any) -> dict:
        payload = super()._get_request_payload(input_, stop=stop, **kwargs)
        messages = self._convert_input(input_).to_messages()
        if len(messages) == len(payload.get("messages", [])):
            for message, sent in zip(messages, payload["messages"], strict=True):
                reasoning = message.additional_kwargs.get(REASONING) if isinstance(message, AIMessage) else None
                if sent.get("role") != "assistant":
                    continue
                if sent.get("tool_calls") and isinstance(reasoning, str):
                    sent[REASONING] = reasoning
                else:
                    sent.pop(REASONING, None)
        return payload

    # --- replies: keep reasoning_content, read text tool calls -----------------------------------
    def _create_chat_result(self, response: Any, generation_info: dict | None = None) -> ChatResult:
        result = super()._create_chat_result(response, generation_info)
        data = response if isinstance(response, dict) else response.model_dump()
        for generation, choice in zip(result.generations, data.get("choices") or [], strict=False):
            reasoning = (choice.get("message") or {}).get(REASONING)
            if reasoning:
                generation.message.additional_kwargs[REASONING] = reasoning
        return result

    def _convert_chunk_to_generation_chunk(
        self, chunk: dict, default_chunk_class: type, base_generation_info: dict | None
    ) -> ChatGenerationChunk | None:
        self._fix_ollama_indices(chunk)
        generation = super()._convert_chunk_to_generation_chunk(chunk, default_chunk_class, base_generation_info)
        choices = chunk.get("choices") or []
        delta = (choices[0].get("delta") or {}) if choices else {}
        if generation is not None and isinstance(delta.get(REASONING), str) and delta[REASONING]:
            generation.message.additional_kwargs[REASONING] = delta[REASONING]
        return generation

    def _fix_ollama_indices(self, chunk: dict) -> None:
        choices = chunk.get("choices") or []
        calls = ((choices[0].get("delta") or {}).get("tool_calls") or []) if choices else []
        if not calls:
            return
        seen = self._stream_indices.setdefault(str(chunk.get("id")), {})
        self._stream_indices.move_to_end(str(chunk.get("id")))
        while len(self._stream_indices) > STREAMS_TRACKED:
            self._stream_indices.popitem(last=False)
        for call in calls:
            index, call_id = call.get("index", 0), call.get("id")
            if call_id and index in seen and seen[index] != call_id:
                index = max(seen) + 1
                call["index"] = index
            if call_id:
                seen[index] = call_id


def _with_text_tool_calls(message: Any, tool_names: set[str]) -> Any:
    """``message`` with a reply written as tool-call text turned into real tool calls (see the module doc)."""
    if not isinstance(message, AIMessage) or message.tool_calls or not isinstance(message.content, str):
        return message
    calls = text_tool_calls(message.content, tool_names)
    if not calls:
        return message
    return AIMessage(
        content="",
        tool_calls=calls,
        additional_kwargs=message.additional_kwargs,
        response_metadata=message.response_metadata,
        usage_metadata=message.usage_metadata,
        id=message.id,
    )


def text_tool_call_middleware() -> Any:
    """Agent middleware reading tool calls written as text, for any model and with or without streaming."""
    from langchain.agents.middleware import AgentMiddleware

    class TextToolCalls(AgentMiddleware):
        def _convert(self, request: Any, response: Any) -> Any:
            names: set[str] = {name for t in request.tools or [] if isinstance(name := getattr(t, "name", None), str)}
            if names and getattr(response, "result", None):
                response.result = [_with_text_tool_calls(m, names) for m in response.result]
            return response

        def wrap_model_call(self, request: Any, handler: Any) -> Any:
            return self._convert(request, handler(request))

        async def awrap_model_call(self, request: Any, handler: Any) -> Any:
            return self._convert(request, await handler(request))

    return TextToolCalls()
