"""The agent's LangChain tools: thin typed wrappers over MarketData and NewsKnowledgeBase.

What the model is shown of each tool (arguments, descriptions, limits) is in agent/llm/tool_schemas.py.

Each tool returns compact JSON: the layer's own ``to_json()`` on success, or
``{"status": "no_data" | "error", "message": ...}`` (never an empty success),
so the model can tell "nothing that day" from "a source failed" and correct
bad arguments. News hits carry the number ``n`` the answer cites as ``[n]``;
numbers are stable within one turn (``TurnRecorder``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from agent.answer import ChartRequest, SourceRef
from agent.context import AgentContext
from agent.llm.tool_schemas import (
    MAX_NEWS_K,
    MAX_NEWS_WINDOW,
    MAX_RANGE_DAYS,
    MAX_SECTOR_TOP,
    TOOL_DESCRIPTIONS,
    ChartArgs,
    CompareArgs,
    DayArgs,
    IntradayArgs,
    NewsArgs,
    RangeArgs,
    SectorArgs,
    StatsArgs,
)
from agent.offline.lookups import is_demo, sources_of
from agent.wording import Lang
from retrieval.models import NewsHit
from tools.errors import InvalidDateError, NoDataError, SourceError

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

log = logging.getLogger(__name__)

SNIPPET_CHARS = 300
# Caps one result so a large range cannot blow the turn's token budget.
MAX_RESULT_CHARS = 12000
DEMO_NOTE = (
    "bundled demo corpus: a summary written by this project, not a news article; say so when citing it, "
    "and present its url (if any) as the source of its facts"
)


@dataclass
class TurnRecorder:
    """What the tools of one turn produced: news numbered for citation, a chart request, call count."""

    sources: dict[str, tuple[int, NewsHit]] = field(default_factory=dict)
    chart: ChartRequest | None = None
    calls: int = 0
    lang: Lang = "zh"

    def number(self, hit: NewsHit) -> int:
        key = hit.url or hit.id
        if key not in self.sources:
            self.sources[key] = (len(self.sources) + 1, hit)
        return self.sources[key][0]

    def source_refs(self, cited: set[int] | None = None) -> list[SourceRef]:
        # Demo-corpus items are labelled as the project's summaries, their links as the facts' source.
        refs = [sources_of([hit], n, self.lang)[0] for n, hit in self.sources.values() if cited is None or n in cited]
        return sorted(refs, key=lambda ref: ref.n)


def no_data(message: str) -> str:
    return json.dumps({"status": "no_data", "message": message}, ensure_ascii=False)


def error(message: str) -> str:
    return json.dumps({"status": "error", "message": message}, ensure_ascii=False)


def parse_day(value: str | None, name: str = "date") -> date | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None


def parse_minute(value: str | None) -> time | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        hour, minute = text.split(":")[:2]
        return time(int(hour), int(minute))
    except ValueError:
        raise ValueError(f"at must be a minute as HH:MM, got {text!r}") from None


def _guarded(name: str, recorder: TurnRecorder, fn: Callable[..., str]) -> Callable[..., str]:
    """Turn every failure into an explicit result the model can read; count the call."""

    def run(**kwargs: Any) -> str:
        recorder.calls += 1
        try:
            result = fn(**kwargs)
            if len(result) > MAX_RESULT_CHARS:
                return error(f"result too large ({len(result)} characters); ask for fewer days or items")
            return result
        except ValueError as exc:  # bad arguments (our own checks)
            return error(f"bad argument: {exc}")
        except InvalidDateError as exc:
            return error(f"bad date: {exc}")
        except NoDataError as exc:
            return no_data(str(exc))
        except SourceError as exc:
            return error(f"data source unavailable, try again later: {exc}")
        except Exception:  # a bug or an unexpected source failure must not end the turn
            log.exception("tool %s failed", name)
            return error(f"tool {name} failed unexpectedly; answer with what you have and say it is unavailable")

    run.__name__ = name
    return run


def build_tools(ctx: AgentContext, recorder: TurnRecorder) -> list[BaseTool]:
    from langchain_core.tools import StructuredTool

    market, news = ctx.market, ctx.news

    def turnover_day(date: str | None = None) -> str:
        return market.turnover(parse_day(date)).to_json()

    def turnover_range(days: int = 20, end: str | None = None) -> str:
        if not 1 <= days <= MAX_RANGE_DAYS:
            raise ValueError(f"days must be between 1 and {MAX_RANGE_DAYS}, got {days}")
        return market.turnover_range(days, parse_day(end, "end")).to_json()

    def compare_days(a: str, b: str) -> str:
        day_a, day_b = parse_day(a, "a"), parse_day(b, "b")
        if day_a is None or day_b is None:
            raise ValueError("both a and b are required (YYYY-MM-DD)")
        return market.compare(day_a, day_b).to_json()

    def market_context(date: str | None = None) -> str:
        result = market.context(parse_day(date))
        if not result.available and not result.sectors and result.northbound_net_yi is None:
            notes = "; ".join(result.notes) or "the source has no sector or northbound data for this day"
            return no_data(f"{result.date}: {notes}")
        return result.to_json()

    def sector_turnover(
        date: str | None = None,
        theme: str | None = None,
        board: str | None = None,
        top: int = 10,
        days: int | None = None,
    ) -> str:
        if not 1 <= top <= MAX_SECTOR_TOP:
            raise ValueError(f"top must be between 1 and {MAX_SECTOR_TOP}, got {top}")
        boards = market.boards()
        if days is not None:
            if not 1 <= days <= 60:
                raise ValueError(f"days must be between 1 and 60, got {days}")
            return boards.period(days, parse_day(date)).to_json()
        if board is None:
            return boards.day(parse_day(date), theme, top_n=top).to_json()
        found = boards.find_board(board)
        code = found.code if found else board.strip().upper()
        report = boards.day(parse_day(date), top_n=1000)
        row = next((b for b in report.top if b.code == code), None)
        if row is None:
            return no_data(f"board {board!r} has no turnover stored for {report.date}")
        body = {
            "status": "ok",
            "unit": "亿元",
            "date": report.date.isoformat(),
            "prev_date": report.prev_date.isoformat() if report.prev_date else None,
            "board": row.model_dump(mode="json", exclude_none=True),
            "history": boards.history(code, report.date).model_dump(mode="json", exclude_none=True),
            "overlap_note": report.overlap_note,
            "freshness_note": report.freshness_note,
        }
        return json.dumps({k: v for k, v in body.items() if v is not None}, ensure_ascii=False, separators=(",", ":"))

    def search_news(query: str, date: str | None = None, window_days: int | None = None, k: int = 5) -> str:
        if not query or not query.strip():
            raise ValueError("query must not be empty")
        if not 1 <= k <= MAX_NEWS_K:
            raise ValueError(f"k must be between 1 and {MAX_NEWS_K}, got {k}")
        if window_days is not None and not 0 <= window_days <= MAX_NEWS_WINDOW:
            raise ValueError(f"window_days must be between 0 and {MAX_NEWS_WINDOW}, got {window_days}")
        hits = news.search(query.strip(), date=parse_day(date), window_days=window_days, k=k)
        if not hits:
            where = f" around {date}" if date else ""
            return no_data(f"no news found for {query!r}{where}")
        items = []
        for hit in hits:
            item = {
                "n": recorder.number(hit),
                "title": hit.title,
                "published_at": hit.published_at.isoformat(timespec="minutes"),
                "source": hit.source,
                "url": hit.url,
                "snippet": hit.snippet[:SNIPPET_CHARS],
            }
            if is_demo(hit):
                item["note"] = DEMO_NOTE
            items.append(item)
        return json.dumps({"status": "ok", "untrusted_text": True, "items": items}, ensure_ascii=False)

    def turnover_intraday(date: str | None = None, at: str | None = None) -> str:
        minute = parse_minute(at)
        data = ctx.intraday()
        if ctx.settings.auto_fetch:
            data.refresh_if_due()
        return data.report(parse_day(date), minute).to_json()

    def turnover_chart(days: int = 60, end: str | None = None, highlight: str | None = None) -> str:
        if not 5 <= days <= MAX_RANGE_DAYS * 2:
            raise ValueError(f"days must be between 5 and {MAX_RANGE_DAYS * 2}, got {days}")
        end_day, highlight_day = parse_day(end, "end"), parse_day(highlight, "highlight")
        latest = market.latest_date()
        if latest is None:
            return no_data("no turnover data stored")
        if end_day is not None and end_day > latest:
            end_day = latest
        recorder.chart = ChartRequest(days=days, end=end_day, highlight=highlight_day)
        return json.dumps(
            {
                "status": "ok",
                "chart": recorder.chart.model_dump(mode="json"),
                "message": "the chart will be attached to the answer",
            }
        )

    def turnover_stats(
        measure: str = "summary",
        period: str = "all",
        part: str = "total",
        threshold_yi: float | None = None,
        threshold_hi_yi: float | None = None,
        direction: str = "at_or_above",
        n: int = 5,
        date: str | None = None,
        value_yi: float | None = None,
        since: str | None = None,
        compare_to: str | None = None,
        compare_mode: str = "full",
        group_by: str = "month",
        rank_by: str = "sum",
        dates: list[str] | None = None,
        index_move: str | None = None,
        volume_move: str | None = None,
        order_by: str = "amount",
        index: str = "sh",
        index_pct_above: float | None = None,
        index_pct_below: float | None = None,
        index_close_above: float | None = None,
        index_close_below: float | None = None,
    ) -> str:
        from pydantic import ValidationError

        from tools.stats.models import StatsQuery

        named = tuple(d for d in (parse_day(text, "dates") for text in dates) if d) if dates else None
        try:
            query = StatsQuery(
                measure=measure,  # type: ignore[arg-type]
                period=period,
                part=part,  # type: ignore[arg-type]
                threshold_yi=threshold_yi,
                threshold_hi_yi=threshold_hi_yi,
                direction=direction,  # type: ignore[arg-type]
                n=n,
                date=parse_day(date),
                value_yi=value_yi,
                since=parse_day(since, "since"),
                compare_to=compare_to,
                compare_mode=compare_mode,  # type: ignore[arg-type]
                group_by=group_by,  # type: ignore[arg-type]
                rank_by=rank_by,  # type: ignore[arg-type]
                dates=named,
                index_move=index_move,  # type: ignore[arg-type]
                volume_move=volume_move,  # type: ignore[arg-type]
                order_by=order_by,  # type: ignore[arg-type]
                index=index,  # type: ignore[arg-type]
                index_pct_above=index_pct_above,
                index_pct_below=index_pct_below,
                index_close_above=index_close_above,
                index_close_below=index_close_below,
            )
        except ValidationError as exc:
            raise ValueError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from None
        return market.stats(query).to_json()

    from agent.llm.industry_tools import build_industry_tools

    specs: list[tuple[Callable[..., str], type[BaseModel]]] = [
        (turnover_day, DayArgs),
        (turnover_range, RangeArgs),
        (compare_days, CompareArgs),
        (market_context, DayArgs),
        (sector_turnover, SectorArgs),
        (search_news, NewsArgs),
        (turnover_intraday, IntradayArgs),
        (turnover_chart, ChartArgs),
        (turnover_stats, StatsArgs),
        *build_industry_tools(ctx, parse_day),
    ]
    return [
        StructuredTool.from_function(
            func=_guarded(fn.__name__, recorder, fn),
            name=fn.__name__,
            description=TOOL_DESCRIPTIONS[fn.__name__],
            args_schema=schema,
        )
        for fn, schema in specs
    ]
