"""Accuracy on the question bank (tests/agent/question_bank.py), per kind, offline and through the LLM agent.

    python benchmarks/question_bank.py [--data-dir DIR] [--only offline|llm] [--show-failures]

offline: the embedded answerer (agent.offline.answerer), exactly as ``marketbot ask`` runs it.
llm: the real LLM agent loop (agent.llm.agent_loop: tools, grounding, sources) driven by a scripted
model that behaves like a careful tool-calling model: it reads the question (with the offline
reader standing in for the model's understanding), calls the tools a good model would call
(turnover_stats / turnover_day / compare_days / search_news / sector_turnover /
turnover_intraday; none for refusals), then writes its
answer from the tool results only. For the LLM path the bank's text checks apply (the agent's
meta carries no intent), plus "no figures" for refusals and "没太明白"-style replies.

"answered a different question" = a wrong answer that still states figures in its first paragraph
(a confident answer to something else, the failure the issue is about); the target is 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402

from agent.answer import Answer, Turn  # noqa: E402
from agent.context import AgentContext  # noqa: E402
from agent.llm.agent_loop import LLMAgent  # noqa: E402
from agent.offline import answerer as offline  # noqa: E402
from agent.offline.day import phrases as P  # noqa: E402
from agent.offline.day.handler import day_lead as lead_for  # noqa: E402
from agent.offline.intraday.answer import _text as intraday_text  # noqa: E402
from agent.offline.reading.query import Query  # noqa: E402
from agent.offline.reading.question import WeekdayCalendar  # noqa: E402
from agent.offline.reading.understand import Env  # noqa: E402
from agent.offline.refusals.rules import refusal_text  # noqa: E402
from agent.offline.sectors import phrases as SP  # noqa: E402
from agent.offline.stats import phrases as S  # noqa: E402
from agent.wording import Lang  # noqa: E402
from config import Settings  # noqa: E402
from retrieval.kb import NewsKnowledgeBase  # noqa: E402
from tests.agent.agent_fakes import ScriptedChatModel  # noqa: E402
from tests.agent.question_bank import Item, build_bank, check  # noqa: E402
from tools.boards.models import BoardHistory, SectorDayReport  # noqa: E402
from tools.daily.models import Comparison, TurnoverReport  # noqa: E402
from tools.intraday.models import IntradayReport  # noqa: E402
from tools.service import MarketData  # noqa: E402
from tools.stats.models import StatsResult  # noqa: E402

STATS = TypeAdapter(StatsResult)
# The model's own words for a question it does not understand (no example figures to ground).
UNCLEAR = {
    "zh": "没太明白你的问题，可以问某天或某段时间的两市成交额。",
    "en": "I did not quite understand that; ask about turnover on a day or over a period.",
}


def different_question(item: Item, answer: Answer, problems: list[str]) -> bool:
    first = answer.text.split("\n\n")[0]
    return (
        bool(problems)
        and ("亿元" in first)
        and item.intent not in ("refusal", "unclear")
        or (bool(problems) and item.intent in ("refusal", "unclear") and "亿元" in first and "最新交易日" not in first)
    )


# --- the scripted "careful model" ---------------------------------------------------------------


def _calls(ctx: AgentContext, question: str, history: list[Turn]) -> tuple[list[dict], list, list[str]]:
    """The tool calls for the question, and the first sentences a careful model says from the system
    prompt's clock and latest session (a weekend, a day the data does not reach yet)."""
    env = Env(clock_day=ctx.now().date(), calendar=ctx.market.calendar, history=history)
    queries = offline.read_question(question, env)
    calls: list[dict] = []
    leads: list[str] = []
    for i, q in enumerate(queries):
        cid = f"c{i}"
        if q.kind == "stats" and q.stats is not None:
            args = q.stats.model_dump(mode="json", exclude_none=True)
            if q.stats.measure == "rank" and (q.relative_word or q.latest):  # "今天排第几": today's session first
                day_q = Query(kind="day", lang=q.lang, text=q.text, dates=q.dates, relative_word=q.relative_word)
                day_q.latest = q.latest
                lead, day, show = lead_for(ctx, day_q)
                leads += [lead] if lead else []
                if not show or day is None:
                    continue
                args["date"] = day.isoformat()
            calls.append({"name": "turnover_stats", "args": args, "id": cid, "type": "tool_call"})
            for j, spec in enumerate(_sub_specs(q, ctx.now().date())):  # "哪个月": each month's sum
                sub = {**args, "period": spec}
                calls.append({"name": "turnover_stats", "args": sub, "id": f"{cid}s{j}", "type": "tool_call"})
            if q.extra.get("asks_record"):  # "是不是历史最高": also the record itself
                record = {**args, "measure": "summary"}
                record.pop("date", None)
                calls.append({"name": "turnover_stats", "args": record, "id": cid + "r", "type": "tool_call"})
        elif q.kind == "pair":
            a, b = q.dates[:2]
            if q.want_why and q.explain_first:
                a, b = b, a  # the day explained is b: the difference is b - a
            calls.append(
                {
                    "name": "compare_days",
                    "args": {"a": a.isoformat(), "b": b.isoformat()},
                    "id": cid,
                    "type": "tool_call",
                }
            )
        elif q.kind == "day":
            lead, day, show = lead_for(ctx, q)
            leads += [lead] if lead else []
            if not show:
                continue
            calls.append(
                {
                    "name": "turnover_day",
                    "args": {"date": day.isoformat()} if day else {},
                    "id": cid,
                    "type": "tool_call",
                }
            )
            if q.want_why:
                news = {
                    "query": "成交额 放量 原因",
                    "window_days": 3,
                    "k": 3,
                    **({"date": day.isoformat()} if day else {}),
                }
                calls.append({"name": "search_news", "args": news, "id": cid + "n", "type": "tool_call"})
        elif q.kind == "sector" and q.extra["sector"].target_kind != "pending":
            calls.append(
                {"name": "sector_turnover", "args": _sector_args(q.extra["sector"]), "id": cid, "type": "tool_call"}
            )
        elif q.kind == "intraday" and "ask" in q.extra:  # "covered": an earlier intraday part answers it
            ask = q.extra["ask"]
            args = {"date": ask.day.isoformat()} if ask.day else {}
            args |= {"at": f"{ask.at:%H:%M}"} if ask.at else {}
            calls.append({"name": "turnover_intraday", "args": args, "id": cid, "type": "tool_call"})
    return calls, queries, leads


def _sector_args(ask) -> dict:  # noqa: ANN001
    """sector_turnover's arguments for an offline SectorAsk: the day named, and the board or theme asked."""
    args: dict = {"date": ask.day.isoformat()} if ask.day else {}
    if ask.target_kind == "board":
        args["board"] = ask.target
    elif ask.target_kind == "theme":
        args["theme"] = ask.target
    if ask.kind != "amount":
        args["top"] = 50
    return args


def _sector_words(result: dict, ask, lang: Lang) -> str:  # noqa: ANN001
    """The sector answer from sector_turnover's result only; no data for the day is said first."""
    if result.get("status") in ("error", "no_data"):
        return SP.no_board_data(ask.day, result.get("message", ""), lang)
    if "board" in result:
        report = SectorDayReport.model_validate({**result, "top": [result["board"]]})
        return SP.board_text(report, report.top[0], lang, BoardHistory.model_validate(result["history"]))
    report = SectorDayReport.model_validate(result)
    if ask.kind == "amount" and ask.target_kind == "theme":
        return SP.theme_text(report, ask.target, lang)
    return SP.list_text(report, ask.kind, lang)


def _share_words(report: TurnoverReport, part: str, lang: Lang) -> str:
    pct = report.sh_share_pct if part == "sh" else report.sz_share_pct
    if pct is None:
        return ""
    if lang == "zh":
        return f"{'沪市' if part == 'sh' else '深市'}占两市合计的{pct:.1f}%。"
    return f" {'Shanghai' if part == 'sh' else 'Shenzhen'} was {pct:.1f}% of the two-market total."


def _intraday_words(result: dict, ask, lang: Lang) -> str:  # noqa: ANN001
    """The intraday answer from turnover_intraday's result only; no minute data is said first."""
    if result.get("status") in ("error", "no_data"):
        why = str(result.get("message", ""))
        if lang == "en" and re.search(r"[\u4e00-\u9fff]", why):  # the data layer speaks the settings' language
            when = f"for {ask.day}" if ask.day else "yet"
            why = f"No minute turnover data stored {when} (refresh during a session, or `marketbot data import`)"
        return why if why.endswith(("。", ".")) else why + ("." if lang == "en" else "。")
    return intraday_text(ask, IntradayReport.model_validate(result), lang)


def _stats_words(r, q, lang: Lang, asked: str | None, other: str | None) -> str:  # noqa: ANN001
    if r.measure == "summary":
        return S.summary(r, q.focus, lang, asked)
    if r.measure == "count":
        return S.count(r, lang, asked)
    if r.measure == "rank":
        return S.rank(r, lang, asked)
    if r.measure == "streak":
        return S.streak(r, bool(q.extra.get("want_current")), lang, asked)
    if r.measure == "compare":
        return S.compare(r, lang, asked, other)
    if r.measure in ("top", "bottom"):
        return S.top(r, lang, asked)
    return S.first_last(r, lang)


def _sub_specs(q, today) -> list[str]:  # noqa: ANN001
    """The months (years) a careful model would ask for, from the question's period and the clock."""
    if not q.extra.get("by") or q.stats is None:
        return []
    if q.extra["by"] == "year":
        return [str(y) for y in range(1991, today.year + 1)]
    period = q.stats.period
    year = int(period[:4]) if period[:4].isdigit() else (today.year - 1 if period == "last_year" else today.year)
    return [f"{year}-{m:02d}" for m in range(1, 13) if f"{year}-{m:02d}" <= f"{today:%Y-%m}"]


def _ranked_sub_periods(results: list[dict], q, lang: Lang) -> str:  # noqa: ANN001
    summaries = [STATS.validate_python(r) for r in results if r.get("measure") == "summary"]
    whole, subs = summaries[0], [r for r in summaries[1:] if r.period.sessions]
    key = (lambda r: r.mean_yi) if q.focus == "mean" else (lambda r: r.sum_yi)
    lowest = bool(q.extra.get("lowest"))
    return S.sub_periods(whole, sorted(subs, key=key, reverse=not lowest), q.focus, lowest, lang)


def _write(messages: list[BaseMessage], queries: list, leads: list[str], lang: Lang) -> AIMessage:
    """The final answer from this turn's tool results only (the wording of the offline answerer)."""
    tool_messages = [m for m in messages if isinstance(m, ToolMessage)]
    # Tool call ids are "c<query index>[suffix]": each result goes back to the part of the question it answers.
    owners = [queries[int(re.findall(r"\d+", m.tool_call_id)[0])] for m in tool_messages]
    results = [json.loads(str(m.content)) for m in tool_messages]
    paragraphs: list[str] = list(leads)
    for q in queries:
        if q.kind == "refusal":
            paragraphs.append(refusal_text(q.refusal, lang))
        elif q.kind in ("unclear", "help", "invalid_date", "news"):
            paragraphs.append(UNCLEAR[lang])
    for owner, result in zip(owners, results, strict=True):
        if owner.kind == "sector":
            paragraphs.append(_sector_words(result, owner.extra["sector"], lang))
        elif owner.kind == "intraday":
            paragraphs.append(_intraday_words(result, owner.extra["ask"], lang))
        elif result.get("status") in ("error", "no_data"):
            paragraphs.append(result.get("message", ""))
        elif "measure" in result:
            q = next(q for q in queries if q.kind == "stats")
            if q.extra.get("by"):
                if not any(p.startswith(("Sub:", "SUB")) for p in paragraphs):
                    paragraphs.append(_ranked_sub_periods(results, q, lang))
                    paragraphs.append("SUB")  # a marker: written once
                continue
            asked = q.stats.period if not q.stats.period[:1].isdigit() and q.stats.period != "all" else None
            other = q.stats.compare_to
            r = STATS.validate_python(result)
            if q.extra.get("asks_record") and r.measure == "summary":
                rank_at = next((i for i, p in enumerate(paragraphs) if "排第" in p or " ranks #" in p), None)
                if (
                    rank_at is not None
                    and "排第1高" not in paragraphs[rank_at]
                    and "ranks #1 " not in paragraphs[rank_at]
                ):
                    paragraphs[rank_at] = S.not_the_record(r, lang) + paragraphs[rank_at]  # the yes/no first
                continue
            paragraphs.append(_stats_words(r, q, lang, asked, other))
        elif "diff_yi" in result:
            comp = Comparison.model_validate(result)
            paragraphs.append(
                P.pair_explained(comp, lang) if any(q.want_why for q in queries) else P.comparison(comp, lang)
            )
        elif "total_yi" in result:
            report = TurnoverReport.model_validate(result)
            if report.date_note and not leads:
                paragraphs.append(report.date_note)
            paragraphs.append(P.headline(report, lang, asked_today=False))
            if owner.extra.get("share") and owner.part in ("sh", "sz"):  # the share asked for, as the tool states it
                paragraphs[-1] += _share_words(report, owner.part, lang)
        elif "items" in result:
            head = "可能的驱动（当日相关新闻，仅供参考）：" if lang == "zh" else "Possible drivers (news of the day):"
            paragraphs.append("\n".join([head] + [f"• {it['title']} [{it['n']}]" for it in result["items"][:3]]))
    paragraphs = [p for p in paragraphs if p and p != "SUB"]
    return AIMessage("\n\n".join(paragraphs) or UNCLEAR[lang])


async def llm_answer(ctx: AgentContext, item: Item, history: list[Turn]) -> Answer:
    calls, queries, leads = _calls(ctx, item.question, history)
    steps: list = [AIMessage("", tool_calls=calls)] if calls else []
    lang: Lang = "en" if item.lang == "en" else "zh"
    steps.append(lambda messages: _write(messages, queries, leads, lang))
    model = ScriptedChatModel(responses=steps)
    return await LLMAgent(ctx, [model]).answer(item.question, history, lang=item.lang)


# --- running the bank ----------------------------------------------------------------------------


def contexts(data_dir: Path):
    settings = Settings(data_dir=data_dir, auto_fetch=False)
    news = NewsKnowledgeBase.open(settings)
    cache: dict = {}

    def at(now):  # noqa: ANN001, ANN202
        if now not in cache:
            market = MarketData(settings, clock=lambda: now)
            cache[now] = AgentContext(settings=settings, market=market, news=news, now=lambda: now)
        return cache[now]

    return at


async def run(mode: str, bank: list[Item], at, show: bool) -> dict:  # noqa: ANN001
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    different = 0
    start = time.perf_counter()
    for item in bank:
        ctx = at(item.now)
        history: list[Turn] = []
        for earlier in item.history:
            prev = offline.answer(earlier, ctx, history)  # the same earlier turns for both modes
            history += [Turn(role="user", text=earlier), Turn(role="assistant", text=prev.text, meta=prev.meta)]
        if mode == "offline":
            answer = offline.answer(item.question, ctx, history)
            problems = check(item, answer)
        else:
            answer = await llm_answer(ctx, item, history)
            problems = [p for p in check(item, answer) if not p.startswith(("intent", "refusal"))]
        per_kind[item.kind][1] += 1
        per_kind[item.kind][0] += not problems
        different += different_question(item, answer, problems)
        if problems and show:
            print(f"  [{mode}] {item.question!r}: {problems}\n    {answer.text[:160]!r}")
    elapsed = time.perf_counter() - start
    return {"per_kind": dict(per_kind), "different": different, "n": len(bank), "seconds": elapsed}


def report(mode: str, result: dict) -> None:
    total_ok = sum(ok for ok, _ in result["per_kind"].values())
    print(
        f"\n{mode}: {total_ok}/{result['n']} right ({100 * total_ok / result['n']:.1f}%), "
        f"answered a different question: {result['different']} ({100 * result['different'] / result['n']:.1f}%), "
        f"{result['seconds']:.1f} s ({1000 * result['seconds'] / result['n']:.0f} ms/question)"
    )
    for kind, (ok, n) in result["per_kind"].items():
        print(f"  {kind:<18} {ok:>3}/{n:<3} {100 * ok / n:5.1f}%")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--only", choices=("offline", "llm"))
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    at = contexts(args.data_dir or Path(tempfile.mkdtemp(prefix="bench-bank-")))
    bank = build_bank()
    print(f"{len(bank)} questions, {len({i.kind for i in bank})} kinds, {sum(i.lang == 'en' for i in bank)} in English")
    for mode in ("offline", "llm"):
        if args.only in (None, mode):
            report(mode, await run(mode, bank, at, args.show_failures))


if __name__ == "__main__":
    _ = WeekdayCalendar  # the reader's calendar stand-in is not needed: the real calendar is used
    asyncio.run(main())
