"""A local OpenAI-compatible chat-completions server for tests (127.0.0.1, a thread, no network).

It plays a script: each POST /v1/chat/completions consumes the next step (the
last step repeats). Steps answer with text or tool calls (as JSON, or as SSE
chunks when the request asks to stream), an HTTP error, a delay, or a raw
malformed body. Every request body and its headers are recorded.

Provider shapes (``Step.style``, ``Step.reasoning``, ``rules``), from the
providers' documentation: "openai" streams a tool call's id and name first and
its arguments in pieces, parallel calls by index; "qwen" (DashScope compatible
mode) repeats ``"id": ""`` and ``"type": "function"`` on the later pieces and
ends with an empty ``function``; "ollama" sends each call whole in one chunk,
every call at index 0. ``reasoning`` adds DeepSeek/Qwen ``reasoning_content``.
A rule looks at a request and may refuse it with HTTP 400 and the provider's
message (see the ``*_RULE`` functions).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    kind: str  # "text" | "tools" | "status" | "raw"
    content: str = ""
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    status: int = 200
    body: bytes = b""
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    style: str = "openai"  # "openai" | "qwen" | "ollama": how streamed tool calls are cut into chunks
    reasoning: str = ""  # reasoning_content sent before the answer (DeepSeek thinking mode, Qwen3 thinking)


def text(content: str, delay_s: float = 0.0) -> Step:
    return Step("text", content=content, delay_s=delay_s)


def tools(*calls: tuple[str, dict[str, Any]], style: str = "openai", reasoning: str = "") -> Step:
    return Step("tools", tool_calls=list(calls), style=style, reasoning=reasoning)


Rule = Callable[[dict[str, Any]], "str | None"]


def deepseek_thinking_rule(body: dict[str, Any]) -> str | None:
    """DeepSeek thinking mode: an assistant message that called tools must carry its reasoning_content back."""
    for message in body.get("messages", []):
        if message.get("role") == "assistant" and message.get("tool_calls") and not message.get("reasoning_content"):
            return "The `reasoning_content` in the thinking mode must be passed back to the API."
    return None


def vllm_without_tool_parser_rule(body: dict[str, Any]) -> str | None:
    """vLLM started without --enable-auto-tool-choice: a request with tools (tool_choice auto) is refused."""
    if body.get("tools") and body.get("tool_choice", "auto") == "auto":
        return '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'
    return None


def ollama_no_tools_rule(body: dict[str, Any]) -> str | None:
    """An Ollama model whose template has no tool support refuses requests with tools."""
    if body.get("tools"):
        return f"registry.ollama.ai/library/{body.get('model')} does not support tools"
    return None


def status(code: int, message: str = "error") -> Step:
    body = json.dumps({"error": {"message": message, "type": "server_error", "code": code}}).encode()
    return Step("status", status=code, body=body, headers={"retry-after-ms": "10"})


def raw(body: bytes, content_type: str = "application/json") -> Step:
    return Step("raw", body=body, headers={"Content-Type": content_type})


class FakeOpenAIServer:
    def __init__(self, script: list[Step], model: str = "fake-model", rules: list[Rule] = ()) -> None:
        self.script = script
        self.model = model
        self.rules = list(rules)
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Step:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            return self.script[min(len(self.requests) - 1, len(self.script) - 1)]

    def _completion(self, step: Step, n: int) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": step.content or None}
        if step.reasoning:
            message["reasoning_content"] = step.reasoning
        if step.kind == "tools":
            message["tool_calls"] = [
                {
                    "id": f"call_{n}_{i}",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)},
                }
                for i, (name, args) in enumerate(step.tool_calls)
            ]
        return {
            "id": f"chatcmpl-{n}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model,
            "choices": [
                {"index": 0, "message": message, "finish_reason": "tool_calls" if step.kind == "tools" else "stop"}
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }

    def _chunks(self, step: Step, n: int) -> list[dict[str, Any]]:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {
                "id": f"chatcmpl-{n}",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": self.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        chunks = [chunk({"role": "assistant", "content": ""})]
        for start in range(0, len(step.reasoning), 6):
            chunks.append(chunk({"content": None, "reasoning_content": step.reasoning[start : start + 6]}))
        if step.kind == "tools":
            chunks += self._tool_chunks(step, n, chunk)
            chunks.append(chunk({}, "tool_calls"))
        else:
            step_size = 4
            for start in range(0, len(step.content), step_size):
                chunks.append(chunk({"content": step.content[start : start + step_size]}))
            chunks.append(chunk({}, "stop"))
        usage = {
            "id": f"chatcmpl-{n}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.model,
            "choices": [],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }
        return chunks + [usage]

    @staticmethod
    def _tool_chunks(step: Step, n: int, chunk: Callable[..., dict[str, Any]]) -> list[dict[str, Any]]:
        chunks = []
        for i, (name, args) in enumerate(step.tool_calls):
            arguments = json.dumps(args, ensure_ascii=False)
            call_id = f"call_{n}_{i}"
            if step.style == "ollama":  # whole, and always index 0
                function = {"name": name, "arguments": arguments}
                chunks.append(
                    chunk({"tool_calls": [{"index": 0, "id": call_id, "type": "function", "function": function}]})
                )
                continue
            half = len(arguments) // 2
            first = {"name": name, "arguments": "" if step.style == "qwen" else arguments[:half]}
            chunks.append(chunk({"tool_calls": [{"index": i, "id": call_id, "type": "function", "function": first}]}))
            pieces = [arguments] if step.style == "qwen" else [arguments[half:]]
            for piece in pieces:
                later: dict[str, Any] = {"index": i, "function": {"arguments": piece}}
                if step.style == "qwen":
                    later |= {"id": "", "type": "function"}
                chunks.append(chunk({"tool_calls": [later]}))
            if step.style == "qwen":
                chunks.append(chunk({"tool_calls": [{"index": i, "id": "", "type": "function", "function": {}}]}))
        return chunks

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _send(
                self,
                code: int,
                body: bytes,
                content_type: str = "application/json",
                headers: dict[str, str] | None = None,
            ) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    if key.lower() != "content-type":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts)
                    self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self._send(404, b'{"error": {"message": "not found"}}')
                    return
                step = server._next(body, {k.lower(): v for k, v in self.headers.items()})
                n = len(server.requests)
                if step.delay_s:
                    time.sleep(step.delay_s)
                refusal = next((r(body) for r in server.rules if r(body)), None)
                if refusal is not None:
                    error = {"error": {"message": refusal, "type": "invalid_request_error", "code": 400}}
                    self._send(400, json.dumps(error).encode())
                elif step.kind in ("status", "raw"):
                    self._send(
                        step.status, step.body, step.headers.get("Content-Type", "application/json"), step.headers
                    )
                elif body.get("stream"):
                    payload = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in server._chunks(step, n))
                    self._send(200, (payload + "data: [DONE]\n\n").encode(), "text/event-stream")
                else:
                    self._send(200, json.dumps(server._completion(step, n), ensure_ascii=False).encode())

        return Handler
