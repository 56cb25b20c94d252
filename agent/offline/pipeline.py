"""The offline answerer's pipeline: question -> typed queries -> tool results -> wording.

``agent.offline.answerer.answer`` splits the question into parts
(``agent.offline.reading.understand.clauses_of``); ``run`` offers each part to ``HANDLERS`` in order
(the first recogniser that returns a ``Query`` owns the part), lets that handler's ``answer`` call the
tools and word the result, and ``assemble`` joins the parts in the order asked. A part no recogniser
knows gets "没太明白"; nothing falls through to a guess.

Adding a kind of question is one ``Handler`` (agent.offline.parts) in the folder that answers it, put
into ``HANDLERS`` below at its place in the order:

    def recognise(clause: Clause) -> Query | None     # Query(kind="intraday"|"sector", extra={...}) or None
    def answer(ctx: AgentContext, query: Query, cites: Citations) -> Reply
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.answer import Answer
from agent.context import AgentContext
from agent.offline.day.handler import answer_day
from agent.offline.followup import answer_followup, recognise_followup
from agent.offline.intraday import handler as intraday
from agent.offline.market import handler as market
from agent.offline.market.levels import places_level
from agent.offline.news.handler import answer_news, recognise_news
from agent.offline.news.phrases import demo_note
from agent.offline.parts import Citations, Handler, Reply
from agent.offline.reading.query import Query
from agent.offline.reading.strays import stray_number
from agent.offline.reading.understand import Clause, days_named, help_query, read_day
from agent.offline.refusals.handler import (
    answer_help,
    answer_refusal,
    answer_unclear,
    recognise_decline,
    recognise_refusal_clause,
)
from agent.offline.sectors import handler as sectors
from agent.offline.sectors import industry_handler as industries
from agent.offline.stats.handler import answer_stats, recognise_stats
from agent.wording import Lang

# The handlers, in the order they are tried: the first whose recogniser returns a Query owns the part.
# Declines of data the bot does not keep come first (an intraday or sector word must not turn "现在能抄底吗" or
# "科创板成交额" into a figure); intraday and sectors come before the refusals, which refuse what they leave.
HANDLERS: tuple[Handler, ...] = (
    Handler("decline", recognise_decline, answer_refusal),
    intraday.HANDLER,
    industries.HANDLER,  # THS industries before the watchlist boards, which share some names
    sectors.HANDLER,
    market.HANDLER,  # index closes and moves (大盘涨了吗), before the refusals that decline other indexes
    Handler("refusal", recognise_refusal_clause, answer_refusal),
    Handler("help", help_query, answer_help),
    Handler("followup", recognise_followup, answer_followup),
    Handler("news", recognise_news, answer_news),
    Handler("stats", recognise_stats, answer_stats),
    Handler("day", read_day, answer_day),
)
UNCLEAR = Handler("unclear", lambda clause: None, answer_unclear)
_THAT_DAY_TURNOVER = re.compile(
    r"^(?:那天|那一天|当天|当日)(?:两市|沪深)?(?:的)?(?:成交额?|量能)(?:是)?(?:多少)?[?？]?$"
)
_TRIVIAL = re.compile(r"[\W_]*(?:你好|您好|请问|谢谢|多谢|麻烦了?|hi|hello|hey|thanks?|thank you|please)?[\W_]*", re.I)


def recognise(clause: Clause, handlers: Sequence[Handler] = HANDLERS) -> tuple[Handler, Query] | None:
    for handler in handlers:
        query = handler.recognise(clause)
        if query is not None and query.kind == "unclear":  # a recogniser that reads words it cannot place
            return UNCLEAR, query
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
            # An index part ("深成指跌了多少") and a turnover part ("成交额呢") of one day are two answers.
            same_day = same_day and bool(q.extra.get("index")) == bool(last.extra.get("index"))
            same_day = same_day and q.extra.get("index_period") == last.extra.get("index_period")  # "…？这周呢"
            if same_day and q.latest == last.latest:
                if last.part == "total":  # "今天比昨天放量多少？深市放了多少": the market the later part names
                    last.part = q.part
                last.want_change |= q.want_change
                last.want_why |= q.want_why
                last.threshold_yi = last.threshold_yi or q.threshold_yi
                last.extra["share"] = bool(last.extra.get("share") or q.extra.get("share"))  # "…？沪市占比多少"
                last.direction = last.direction or q.direction
                continue
            if q.kind == last.kind and q.kind in ("refusal", "unclear", "help") and q.refusal == last.refusal:
                continue
            if q.kind == last.kind == "stats" and q.stats == last.stats:  # "算高还是低？什么分位": one answer
                # "最高是哪天？平均多少": the highest day's answer names the period's mean after it; "日均多少？最高是
                # 哪天": both figures, which the whole summary has
                keeps = last.focus in ("max", "min") and q.focus == "mean"
                if q.focus != last.focus and q.stats is not None and q.stats.measure == "summary" and not keeps:
                    last.focus = "summary"
                last.extra["listed"] = bool(last.extra.get("listed") or q.extra.get("listed"))  # "…？都列出来"
                continue
            one_day = q.kind == last.kind == "sector" and q.dates == last.dates
            subject = q.extra.get("industry") or q.extra.get("theme")
            if one_day and subject and subject == (last.extra.get("industry") or last.extra.get("theme")):
                for flag in ("breadth", "move", "share_of_market"):  # "…成交额多少？上涨家数几家": one answer
                    last.extra[flag] = bool(last.extra.get(flag) or q.extra.get(flag))
                if q.extra.get("same_part"):  # "…这个月以来合计多少？和上月同期比呢": the two spans, one answer
                    last.extra.update(periods=q.extra["periods"], same_part=True)
                continue
            if one_day and q.extra.pop("continues", False):  # "…是哪个行业？日均多少", "…谁成交多？多多少": one answer
                last.extra.update(q.extra)
                continue
            if _places_again(q, last):  # "…能排第几？分位数多少": the percentile answer has the rank and the share
                continue
        merged.append((handler, q))
    return merged


def _places_again(q: Query, last: Query) -> bool:
    """A rank or percentile part with nothing of its own to place, right after a part that placed a value or day."""
    if q.kind != "stats" or last.kind != "stats" or q.stats is None or last.stats is None:
        return False
    own = q.stats.value_yi is not None or q.stats.date is not None or q.dates
    return q.stats.measure in ("rank", "percentile") and last.stats.measure == "percentile" and not own


_DATES_ONLY = re.compile(
    r"[\W_]*(?:(?:give |with |and )?(?:the )?(?:start and end|first and last) (?:dates?|days?)|(?:the )?dates?|"
    r"起止(?:日期|时间)?|从哪天到哪天|开始和结束的?(?:日期|时间)?|哪天开始.{0,3}哪天结束|具体日期|日期)"
    r"\s*(?:pls|please|呢|是|都|各)?\s*(?:什么|哪天|多少)?[\W_]*",
    re.I,
)


def _dates_of_the_answer(text: str, last: Query) -> bool:
    """A part asking only for the dates of a statistic whose answer names its days (a streak, the top days, the
    highest or lowest, the first or last time)."""
    measure = last.stats.measure if last.kind == "stats" and last.stats is not None else None
    named_days = measure in ("streak", "top", "bottom", "first", "last") or (
        measure == "summary" and last.focus in ("max", "min", "summary")
    )
    return named_days and bool(_DATES_ONLY.fullmatch(text.strip()))


def _fragment(text: str) -> bool:
    """A part too short to name a subject of its own ("前五", "top 3", "多少"): it completes the part before."""
    core = re.sub(r"[\W_]+", "", text)
    return len(core) <= 3 if not core.isascii() else len(core) <= 5


def read(clauses: list[Clause], lang: Lang, handlers: Sequence[Handler] = HANDLERS) -> list[tuple[Handler, Query]]:
    """Each part of the question with the handler that owns it, merged per subject."""
    parts: list[tuple[Handler, Query]] = []
    for clause in clauses:
        if parts:
            clause.before = parts[-1][1]
        if parts and parts[-1][1].kind in ("refusal", "unclear") and _fragment(clause.text):
            continue  # "…哪些行业贡献的？前五": a bare "前五" belongs to the part declined, not to a new subject
        if parts and _dates_of_the_answer(clause.text, parts[-1][1]):
            continue  # "最长连续几天…？Start and end dates pls": that answer names its days
        if parts and parts[-1][1].extra.get("index_extreme") and _THAT_DAY_TURNOVER.search(clause.text):
            continue  # "…最大单日跌幅是哪天？那天两市成交多少": that answer gives each day's turnover
        stray = stray_number(clause.text)
        dated = any(f.day for found_days in days_named(clause) for f in found_days)
        if stray and not dated and not places_level(clause):  # "离4200还差多少点": an index level is placed
            # "924那天成交多少" after another day: not that day, nor the latest one
            parts.append((UNCLEAR, Query(kind="unclear", lang=lang, text=clause.text, extra={"unplaced": [stray]})))
            continue
        found = recognise(clause, handlers) or (UNCLEAR, Query(kind="unclear", lang=lang, text=clause.text))
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
    clauses: list[Clause], ctx: AgentContext, lang: Lang, handlers: Sequence[Handler] = HANDLERS
) -> tuple[list[Reply], Citations, list[Query]]:
    parts = read(clauses, lang, handlers)
    cites = Citations(lang=lang)
    replies = [handler.answer(ctx, q, cites) for handler, q in parts]
    return replies, cites, [q for _, q in parts]


def assemble(replies: list[Reply], cites: Citations, lang: Lang, queries: list[Query]) -> Answer:
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
