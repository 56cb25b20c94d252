"""The offline answerer's pipeline: question -> typed queries -> tool results -> wording.

``agent.offline.answerer.answer`` splits the question into parts
(``agent.offline.reading.understand.clauses_of``); ``run``
offers each part to ``HANDLERS`` in order (the first recogniser that returns a ``Query`` owns the
part), lets that handler's ``answer`` call the tools and word the result, and ``assemble`` joins
the parts in the order asked. A part no recogniser knows gets "没太明白"; nothing falls through
to a guess. Built-ins, in order: refusal, help, followup, news, stats, day (agent/offline/answerer.py).

Adding a kind of question (issue 9's intraday "现在成交额多少/几点破的万亿", issue 10's sectors) is
one ``Handler`` in the module that answers it, registered in front of the refusals (which until
then refuse those questions honestly) and imported by agent/offline/answerer.py after the built-ins:

    def recognise(clause: Clause) -> Query | None     # Query(kind="intraday"|"sector", extra={...}) or None
    def answer(ctx: AgentContext, query: Query, cites: Citations) -> Reply
    register(Handler("intraday", recognise, answer), before="refusal")
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.answer import Answer, ChartRequest, SourceRef
from agent.context import AgentContext
from agent.offline.reading.query import Query
from agent.offline.reading.understand import Clause
from agent.wording import Lang
from retrieval.models import NewsHit


@dataclass
class Citations:
    """News cited in one answer, numbered in the order first cited across all its parts."""

    lang: Lang = "zh"
    hits: list[NewsHit] = field(default_factory=list)

    def add(self, hits: Sequence[NewsHit]) -> int:
        """Number ``hits`` and return the number of the first one."""
        first = len(self.hits) + 1
        self.hits.extend(hits)
        return first

    def sources(self) -> list[SourceRef]:
        from agent.offline.lookups import sources_of

        return sources_of(self.hits, 1, self.lang)


@dataclass
class Reply:
    """One part's answer: paragraphs in order, the state a follow-up needs, an optional chart."""

    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    chart: ChartRequest | None = None


Recognise = Callable[[Clause], Query | None]
AnswerFn = Callable[[AgentContext, Query, Citations], Reply]


@dataclass(frozen=True)
class Handler:
    name: str
    recognise: Recognise
    answer: AnswerFn


HANDLERS: list[Handler] = []
_TRIVIAL = re.compile(r"[\W_]*(?:你好|您好|请问|谢谢|多谢|麻烦了?|hi|hello|hey|thanks?|thank you|please)?[\W_]*", re.I)


def register(handler: Handler, before: str | None = None) -> None:
    """Add ``handler`` to the pipeline, in front of the built-in named ``before`` (at the end when None)."""
    names = [h.name for h in HANDLERS]
    if handler.name in names:
        HANDLERS.pop(names.index(handler.name))
        names.remove(handler.name)
    at = names.index(before) if before in names else len(HANDLERS)
    HANDLERS.insert(at, handler)


def recognise(clause: Clause) -> tuple[Handler, Query] | None:
    for handler in HANDLERS:
        query = handler.recognise(clause)
        if query is not None:
            return handler, query
    return None


def merge_parts(parts: list[tuple[Handler, Query]]) -> list[tuple[Handler, Query]]:
    """One answer per subject: consecutive parts about the same day(s) become one day answer asking for
    everything the parts asked (the figure, the change, the why), and a repeated refusal is said once."""
    merged: list[tuple[Handler, Query]] = []
    for handler, q in parts:
        if merged:
            last_handler, last = merged[-1]
            same_day = q.kind == last.kind and q.kind in ("day", "pair") and q.dates == last.dates
            if same_day and q.latest == last.latest:
                last.want_change |= q.want_change
                last.want_why |= q.want_why
                last.threshold_yi = last.threshold_yi or q.threshold_yi
                last.direction = last.direction or q.direction
                continue
            if q.kind == last.kind and q.kind in ("refusal", "unclear", "help") and q.refusal == last.refusal:
                continue
        merged.append((handler, q))
    return merged


def read(clauses: list[Clause], lang: Lang, unclear: Handler) -> list[tuple[Handler, Query]]:
    """Each part of the question with the handler that owns it, merged per subject."""
    parts: list[tuple[Handler, Query]] = []
    for clause in clauses:
        if parts:
            clause.before = parts[-1][1]
        found = recognise(clause) or (unclear, Query(kind="unclear", lang=lang, text=clause.text))
        parts.append(found)
    parts = merge_parts(parts)
    # Next to parts that were answered, a greeting is left out and a part nobody understood says so in
    # one line (every part gets an answer); alone it gets "没太明白" with example questions.
    if len(parts) > 1 and any(q.kind != "unclear" for _, q in parts):
        parts = [(h, q) for h, q in parts if q.kind != "unclear" or not _TRIVIAL.fullmatch(q.text.strip())]
        for _, q in parts:
            q.extra["among_parts"] = q.kind == "unclear"
    return parts


def run(
    clauses: list[Clause], ctx: AgentContext, lang: Lang, unclear: Handler
) -> tuple[list[Reply], Citations, list[Query]]:
    parts = read(clauses, lang, unclear)
    cites = Citations(lang=lang)
    replies = [handler.answer(ctx, q, cites) for handler, q in parts]
    return replies, cites, [q for _, q in parts]


def assemble(replies: list[Reply], cites: Citations, lang: Lang, queries: list[Query]) -> Answer:
    from agent.offline.news.phrases import demo_note

    paragraphs = [p for r in replies for p in r.paragraphs if p]
    sources = cites.sources()
    demo = [s.n for s, hit in zip(sources, cites.hits, strict=True) if s.source != hit.source]
    if demo:
        paragraphs.append(demo_note(demo, lang))
    # The subject a follow-up continues: the last part that was answered with figures.
    subject = [r for r in replies if r.meta.get("intent") not in ("unclear", "refusal", "help")] or replies
    meta = dict(subject[-1].meta) if subject else {}
    meta.setdefault("lang", lang)
    if len(replies) > 1:
        meta["parts"] = [q.kind for q in queries]
    chart = next((r.chart for r in replies if r.chart is not None), None)
    return Answer(text="\n\n".join(paragraphs), lang=lang, sources=sources, meta=meta, chart=chart)
