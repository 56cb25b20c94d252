"""The LLM agent loop with a scripted fake LLM: tool calls and tokens per answer, and the loop's own overhead.

    python benchmarks/bench_agent_scripted.py [--reps 5] [--data-dir DIR] [--no-demo-news]

The scripted model answers seed-style questions the way a good model would: it
calls turnover_day (or compare_days) and search_news, then writes an answer from
the tool results (so grounding passes). Tokens are those the model would be sent
(system prompt + messages + tool results + tool schemas, summed over its calls)
and those it writes; counted with tiktoken when its encoding is available
offline, else estimated (1 token per CJK character, 1 per 4 other characters).
Overhead = agent wall time - time spent in the tools' own data calls (measured by
calling the same facades directly) - time in the fake model (~0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage  # noqa: E402

from agent.context import AgentContext  # noqa: E402
from agent.llm.agent_loop import LLMAgent  # noqa: E402
from agent.llm.tools import TurnRecorder, build_tools  # noqa: E402
from agent.memory import estimate_tokens  # noqa: E402
from config import Settings  # noqa: E402
from retrieval.kb import NewsKnowledgeBase  # noqa: E402
from tests.agent.agent_fakes import ScriptedChatModel  # noqa: E402
from tools.service import MarketData  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
# (question, days asked about, news query); one day = turnover_day, two = compare_days.
QUESTIONS = [
    ("为什么2025年10月9日沪深两市成交额放量？比上个交易日多了多少？", [date(2025, 10, 9)], "节后 放量 成交额"),
    ("2024年10月8日两市成交额是多少？创纪录了吗？", [date(2024, 10, 8)], "成交额 纪录"),
    ("What drove A-share turnover on 2025-10-09?", [date(2025, 10, 9)], "turnover surge"),
    ("对比2025年9月30日和2025年10月9日的两市成交额", [date(2025, 9, 30), date(2025, 10, 9)], "节后 成交额"),
    ("2024年9月30日成交额为什么突破2万亿？", [date(2024, 9, 30)], "降准 降息 成交额"),
]


def token_counter() -> tuple[str, callable]:
    try:
        import tiktoken

        encoding = tiktoken.get_encoding("cl100k_base")
        return "tiktoken cl100k_base", lambda text: len(encoding.encode(text))
    except Exception:  # the encoding file is downloaded on first use; offline it is absent
        return "estimate (1/CJK char, 1/4 other chars)", estimate_tokens


def script_for(days: list[date], query: str) -> list:
    if len(days) == 1:
        first = {"name": "turnover_day", "args": {"date": days[0].isoformat()}, "id": "c1", "type": "tool_call"}
    else:
        first = {
            "name": "compare_days",
            "args": {"a": days[0].isoformat(), "b": days[1].isoformat()},
            "id": "c1",
            "type": "tool_call",
        }
    news = {
        "name": "search_news",
        "args": {"query": query, "date": days[-1].isoformat(), "window_days": 2, "k": 4},
        "id": "c2",
        "type": "tool_call",
    }

    def compose(messages: list[BaseMessage]) -> AIMessage:
        results = [json.loads(m.content) for m in messages if isinstance(m, ToolMessage)]
        data = results[0]
        report = data.get("b", data)
        lines = []
        if "total_yi" in report:
            lines.append(f"{report['date']} 沪深两市成交额{report['total_yi']}亿元。")
            if report.get("change_yi") is not None:
                lines.append(
                    f"较上个交易日（{report['prev_date']}）变化{abs(report['change_yi'])}亿元"
                    f"（{abs(report['change_pct'])}%）。"
                )
        if "diff_yi" in data:
            lines.append(f"两日相差{abs(data['diff_yi'])}亿元。")
        items = results[1].get("items", []) if len(results) > 1 else []
        lines += [f"{item['title']}[{item['n']}]" for item in items[:2]]
        return AIMessage("\n".join(lines) or "没有数据。")

    return [AIMessage("", tool_calls=[first]), AIMessage("", tool_calls=[news]), compose]


def direct_tool_time(ctx: AgentContext, days: list[date], query: str) -> float:
    tools = {t.name: t for t in build_tools(ctx, TurnRecorder())}
    start = time.perf_counter()
    if len(days) == 1:
        tools["turnover_day"].invoke({"date": days[0].isoformat()})
    else:
        tools["compare_days"].invoke({"a": days[0].isoformat(), "b": days[1].isoformat()})
    tools["search_news"].invoke({"query": query, "date": days[-1].isoformat(), "window_days": 2, "k": 4})
    # The system prompt's calendar and freshness lookups are data work too.
    ctx.market.latest_date(), ctx.market.turnover_range(8, ctx.now().date()), ctx.news.latest_date()
    return time.perf_counter() - start


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--no-demo-news", action="store_true", help="an empty news store (faster set-up)")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-agent-"))
    settings = Settings(data_dir=data_dir, load_demo_corpus=not args.no_demo_news, auto_fetch=False)
    started = time.perf_counter()
    now = datetime(2025, 10, 10, 20, 0, tzinfo=ZONE)
    ctx = AgentContext(
        settings=settings,
        market=MarketData(settings, clock=lambda: now),
        news=NewsKnowledgeBase.open(settings),
        now=lambda: now,
    )
    print(f"set-up (stores, demo news={not args.no_demo_news}): {time.perf_counter() - started:.1f}s")
    method, count = token_counter()
    print(f"tokens: {method}\n")

    rows = []
    for question, days, query in QUESTIONS:
        direct_tool_time(ctx, days, query)  # warm caches
        walls, overheads = [], []
        for _ in range(args.reps):
            model = ScriptedChatModel(responses=script_for(days, query))
            tools_json = json.dumps(
                [
                    t.args_schema.model_json_schema() | {"name": t.name, "d": t.description}
                    for t in build_tools(ctx, TurnRecorder())
                ],
                ensure_ascii=False,
            )
            t0 = time.perf_counter()
            answer = await LLMAgent(ctx, [model]).answer(question)
            wall = time.perf_counter() - t0
            walls.append(wall)
            overheads.append(wall - direct_tool_time(ctx, days, query))
        sent = sum(count(str(m.content)) for call in model.received for m in call) + count(tools_json) * len(
            model.received
        )
        written = sum(
            count(str(m.content)) + count(json.dumps(getattr(m, "tool_calls", []) or ""))
            for m in [s for s in model.responses if isinstance(s, AIMessage)]
        ) + count(answer.text)
        rows.append(
            (
                question[:28],
                answer.meta["tool_calls"],
                answer.meta["model_calls"],
                sent,
                written,
                statistics.median(walls) * 1000,
                statistics.median(overheads) * 1000,
                answer.grounded,
            )
        )

    print(
        f"{'question':30} {'tools':>5} {'calls':>5} {'in tok':>7} {'out tok':>7} {'wall ms':>8} "
        f"{'overhead ms':>11} grounded"
    )
    for q, tools, calls, sent, written, wall, over, grounded in rows:
        print(f"{q:30} {tools:5d} {calls:5d} {sent:7d} {written:7d} {wall:8.1f} {over:11.1f} {grounded}")
    print(
        f"\nmean per answer: {statistics.mean(r[1] for r in rows):.1f} tool calls, "
        f"{statistics.mean(r[2] for r in rows):.1f} model calls, {statistics.mean(r[3] for r in rows):.0f} input "
        f"tokens, {statistics.mean(r[4] for r in rows):.0f} output tokens; loop overhead p50 "
        f"{statistics.median(r[6] for r in rows):.1f} ms (wall p50 {statistics.median(r[5] for r in rows):.1f} ms)"
    )


if __name__ == "__main__":
    asyncio.run(main())
