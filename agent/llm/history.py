"""The conversation as the model sees it: the last few exchanges word for word, the older ones as one summary.

The summary is built from the text, not written by a model: per earlier
exchange, the question and the days and figures (with their units) that the
answer gave, exactly as they were written. So a follow-up ("那比10月9日呢？")
still has the facts on the table, the context stays bounded whatever the
length of the chat, and summarising costs no model call and cannot alter a
figure.

Why not LangChain's SummarizationMiddleware (installed, 1.x): it runs before
every model call of the turn and cuts by message count or tokens, so on a long
turn it can fold the current question's own tool results into the summary; and
its default summary is a model call whose figures nobody checks. Here only past
turns are summarised, once per turn, before the agent runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.answer import Turn

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日")
_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*(?:万亿元|亿元|万元|元|个百分点|%|trillion yuan|billion yuan|yuan)")
QUESTION_CHARS = 80
FACTS_PER_ANSWER = 8
SUMMARY_EXCHANGES = 12  # the most recent older exchanges; memory keeps fewer by default (memory_turns)
SUMMARY_HEADER = {
    "zh": "此前对话摘要（较早的问答，数字为当时回答所给；需要时请用工具重新查询）：",
    "en": "Summary of the earlier conversation (figures as answered then; look them up again with the tools):",
}


def _unique(items: list[str], limit: int) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen[:limit]


def summarise(turns: Sequence[Turn], lang: str = "zh") -> str:
    """One line per earlier exchange: the question, then the days and figures its answer gave."""
    lines = [SUMMARY_HEADER["en" if lang == "en" else "zh"]]
    question: str | None = None
    starts = [i for i, turn in enumerate(turns) if turn.role == "user"]
    if len(starts) > SUMMARY_EXCHANGES:
        turns = turns[starts[-SUMMARY_EXCHANGES] :]
    for turn in turns:
        if turn.role == "user":
            question = " ".join(turn.text.split())[:QUESTION_CHARS]
            continue
        days = _unique(_DATE.findall(turn.text), FACTS_PER_ANSWER)
        answered = turn.meta.get("date")
        if isinstance(answered, str) and answered not in days:
            days.insert(0, answered)
        figures = _unique([" ".join(f.split()) for f in _FIGURE.findall(turn.text)], FACTS_PER_ANSWER)
        facts = "; ".join(part for part in (", ".join(days), ", ".join(figures)) if part) or "-"
        lines.append(f"- {question or '?'} → {facts}")
        question = None
    return "\n".join(lines)


def split_history(history: Sequence[Turn], keep_turns: int) -> tuple[list[Turn], list[Turn]]:
    """(older messages, the last ``keep_turns`` exchanges), cut before a question so exchanges stay whole."""
    questions = [i for i, turn in enumerate(history) if turn.role == "user"]
    if keep_turns <= 0:
        return list(history), []
    if len(questions) <= keep_turns:
        return [], list(history)
    cut = questions[-keep_turns]
    return list(history[:cut]), list(history[cut:])


def context_messages(history: Sequence[Turn], keep_turns: int, lang: str = "zh") -> list[BaseMessage]:
    """The messages the model is given before the new question."""
    from langchain_core.messages import AIMessage, HumanMessage

    older, recent = split_history(history, keep_turns)
    messages: list[BaseMessage] = []
    if any(turn.role == "assistant" for turn in older):
        messages.append(HumanMessage(summarise(older, lang)))
        # Keep the roles alternating for servers that insist on it (user, assistant, user, ...).
        messages.append(AIMessage("OK." if lang == "en" else "好的。"))
    messages += [HumanMessage(t.text) if t.role == "user" else AIMessage(t.text) for t in recent]
    return messages
