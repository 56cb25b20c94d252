"""``marketbot ask`` and ``marketbot chat``: the agent from the command line."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
from datetime import date, datetime, time
from typing import TextIO

from config import Settings

SOURCES_TITLE = {"zh": "来源：", "en": "Sources:"}


def register(subparsers: argparse._SubParsersAction) -> None:
    ask = subparsers.add_parser("ask", help="answer one question (offline unless an LLM is configured)")
    ask.add_argument("question", help='e.g. "为什么今天两市成交额突破1万亿？"')
    _common(ask)
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.set_defaults(handler=run_ask)

    chat = subparsers.add_parser("chat", help="interactive session with memory (exit with EOF or 'exit')")
    _common(chat)
    chat.add_argument("--conversation", default="cli", help="conversation id for memory (default: cli)")
    chat.add_argument("--new", action="store_true", help="forget this conversation's earlier messages first")
    chat.set_defaults(handler=run_chat)

    usage = subparsers.add_parser("usage", help="LLM token usage and estimated cost, today and this month")
    usage.add_argument("--user", type=int, metavar="ID", help="one Telegram user's usage (default: everyone's)")
    usage.add_argument("--lang", choices=("zh", "en"), help="report language (default: MARKETBOT_LANG)")
    usage.set_defaults(handler=run_usage)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help='answer as if today were this day ("今天", "昨天" resolve against it)',
    )
    parser.add_argument(
        "--now",
        type=_moment,
        metavar='"YYYY-MM-DD HH:MM"',
        help="answer as of this moment (Asia/Shanghai): 现在, 今天 and the intraday figures resolve against it",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="answer language (default: the question's)")


def _moment(text: str) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(f'not a moment ("YYYY-MM-DD HH:MM"): {text!r}') from None


def _iso_date(text: str) -> date:
    # The data layer's --date parser (its module is light: argparse and re).
    from tools.cli import parse_date
    from tools.errors import InvalidDateError

    try:
        return parse_date(text)  # type: ignore[return-value]  # never None for a string
    except InvalidDateError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def too_long_message(question: str, limit: int) -> str:
    """The over-length error, in the question's language."""
    if _is_chinese(question):
        return f"marketbot：问题太长了（{len(question)}个字符，上限{limit}个）。请把问题缩短，一次问一个问题。"
    return (
        f"marketbot: the question is too long ({len(question)} characters; the limit is {limit}). "
        "Please ask one shorter question."
    )


def first_run_notice(settings: Settings, chinese: bool, err: TextIO | None = None) -> None:
    """Say on stderr what the first run is doing while it fills the data directory (it takes seconds)."""
    data_dir = settings.data_dir
    # The news index is built when a question first needs news (a statistics question never does), so only
    # the turnover store says a directory is new.
    if (data_dir / "turnover.sqlite").exists():
        return
    text = (
        f"marketbot：首次运行，正在准备本地数据目录 {data_dir}"
        "（导入内置的成交额历史；演示新闻索引在第一次用到新闻时建立）……"
        if chinese
        else f"marketbot: first run: preparing the data directory {data_dir} (loading the bundled turnover history; "
        "the demo news index is built when news is first needed)…"
    )
    print(text, file=err or sys.stderr, flush=True)


class OneShotMemory:
    """The memory of one ``ask``: nothing to load, nothing kept (a one-off question inherits no context and
    leaves none), so the conversation database (and SQLAlchemy) is never opened for it."""

    def load(self, conversation_id: str) -> list:
        return []

    def append(self, *args: object, **kwargs: object) -> None:
        return None

    def clear(self, conversation_id: str) -> None:
        return None

    def move_chat(self, *args: object) -> None:
        return None


def _service(settings: Settings, pinned: date | None, now: datetime | None = None, memory: object = None):  # noqa: ANN202
    from agent.context import AgentContext
    from agent.service import MarketService
    from retrieval.lazy import open_lazily
    from tools.service import MarketData

    if pinned is None and now is None:
        return MarketService(AgentContext.open(settings), memory=memory)  # type: ignore[arg-type]
    if now is not None:
        moment = now.replace(tzinfo=settings.zone)  # --now wins over --date
    else:
        # After the close, so the pinned day's own figures count as "today".
        moment = datetime.combine(pinned, time(15, 30), settings.zone)  # type: ignore[arg-type]
    market = MarketData(settings, clock=lambda: moment)
    ctx = AgentContext(settings=settings, market=market, news=open_lazily(settings), now=lambda: moment)
    return MarketService(ctx, memory=memory)  # type: ignore[arg-type]


def format_answer(answer, lang: str | None = None) -> str:  # noqa: ANN001 - agent.answer.Answer
    lines = [answer.text.strip()]
    if answer.sources:
        lines += ["", SOURCES_TITLE.get(lang or answer.lang, "Sources:")]
        for ref in answer.sources:
            when = f" ({ref.published_at:%Y-%m-%d})" if ref.published_at else ""
            link = f" {ref.url}" if ref.url else ""
            lines.append(f"[{ref.n}] {ref.title}{when}{link}")
    return "\n".join(lines)


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    question = args.question.strip()
    if not question:
        print("marketbot: the question is empty", file=sys.stderr)
        return 2
    if len(question) > settings.max_question_chars:
        print(too_long_message(question, settings.max_question_chars), file=sys.stderr)
        return 2
    first_run_notice(settings, _is_chinese(question) if args.lang is None else args.lang == "zh")
    # One question, then the process ends: while it is answered, the cyclic collector would only walk the ~100k
    # long-lived objects the imports and the turnover history create, again and again, and free next to nothing
    # (~60 ms of a fresh ask). Afterwards they join the oldest generation uncounted (freeze, then unfreeze), so
    # switching the collector back on does not walk them all at once either; the exit still collects as before.
    collecting = gc.isenabled()
    gc.disable()
    try:
        service = _service(settings, args.date, args.now, memory=OneShotMemory())
        answer = asyncio.run(_ask_once(service, question, args.lang))
    finally:
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()
    print(answer.model_dump_json(indent=2) if args.json else format_answer(answer))
    if getattr(args, "process_exits", False) and _only_databases_opened(service):
        _settle_for_exit()
    return 0


def _only_databases_opened(service) -> bool:  # noqa: ANN001 - agent.service.MarketService
    """True when the answer opened no news index and no LLM client: everything it holds is a database."""
    return not service.llm_enabled and not getattr(service.ctx.news, "is_open", True)


def _settle_for_exit() -> None:
    """The process ends next: close every database now (each SQLite file's WAL checkpointed and removed, as the
    exit's garbage collection would), then freeze the collector so the interpreter's exit does not walk the
    ~100k objects once more only to free them (~150 ms of a fresh ask)."""
    from config.database import close_all

    close_all()
    gc.freeze()


async def _ask_once(service, question: str, lang: str | None):  # noqa: ANN001, ANN202
    # Each `ask` is its own conversation: a one-off question must not inherit an old context.
    conversation = f"ask-{os.getpid()}"
    try:
        return await service.answer(question, conversation_id=conversation, lang=lang)
    finally:
        await service.forget(conversation)


def run_usage(args: argparse.Namespace, settings: Settings) -> int:
    """Everyone's usage (with the top chats), or one user's: the same report as the bot's /usage."""
    from agent.llm.budget import local_today
    from agent.llm.usage_report import build_report, format_report
    from agent.llm.usage_store import UsageStore

    store = UsageStore(settings)
    try:
        today = local_today(datetime.now(settings.zone), settings)
        print(format_report(build_report(store, settings, today, args.user), args.lang or settings.lang))
    finally:
        store.close()
    return 0


def run_chat(
    args: argparse.Namespace, settings: Settings, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    first_run_notice(settings, (args.lang or settings.lang) != "en")
    service = _service(settings, args.date, args.now)
    interactive = stdin.isatty()
    return asyncio.run(_chat_loop(service, args, stdin, stdout, interactive))


async def _chat_loop(
    service,
    args: argparse.Namespace,
    stdin: TextIO,
    stdout: TextIO,  # noqa: ANN001
    interactive: bool,
) -> int:
    if args.new:
        await service.forget(args.conversation)
    if interactive:
        print("marketbot chat — ask about 两市成交额 and the news; 'exit' or Ctrl-D to quit.", file=stdout)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        if question.lower() in {"exit", "quit", "退出"}:
            break
        limit = service.ctx.settings.max_question_chars
        if len(question) > limit:
            print(too_long_message(question, limit), file=stdout, flush=True)
            continue
        answer = await service.answer(question, conversation_id=args.conversation, lang=args.lang)
        print(format_answer(answer), file=stdout)
        print("", file=stdout, flush=True)
    return 0
