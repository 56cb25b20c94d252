"""Shared test doubles for the agent tests: a scripted LangChain fake chat model and small data facades.

The facades return the real result types of ``tools.daily.models`` / ``retrieval.models``
from a handful of days, so the agent's tools, grounding and answer assembly run
for real; tests that need the bundled data use the real ``MarketData``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from retrieval.models import NewsHit
from tools.daily.models import (
    Comparison,
    MarketContext,
    RangeDay,
    RangeReport,
    TurnoverReport,
)
from tools.errors import NoDataError, SourceError

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = datetime(2025, 10, 9, 16, 0, tzinfo=TZ)
# Test figures in 亿元 (sh, sz); 2025-10-09 matches the bundled data's 26532.0亿元 total.
DAYS: dict[date, tuple[float, float]] = {
    date(2025, 9, 26): (9000.0, 12000.0),
    date(2025, 9, 29): (9500.0, 12300.0),
    date(2025, 9, 30): (9300.0, 12400.0),
    date(2025, 10, 9): (11532.0, 15000.0),
    date(2025, 10, 10): (11000.0, 14200.0),
}


def call(name: str, args: dict[str, Any], call_id: str = "call_1") -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}])


class ScriptedChatModel(FakeMessagesListChatModel):
    """FakeMessagesListChatModel that accepts tools and records what it was sent.

    A script step is a message, an exception to raise, or a function of the
    messages sent (so a step can react to tool results).
    """

    responses: list[Any]
    received: list[list[BaseMessage]] = Field(default_factory=list)
    tool_names: list[str] = Field(default_factory=list)

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:
        self.tool_names = [getattr(t, "name", None) or t["function"]["name"] for t in tools]
        return self

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        self.received.append(list(messages))
        if self.sleep:
            time.sleep(self.sleep)
        step = self.responses[min(len(self.received) - 1, len(self.responses) - 1)]
        if isinstance(step, Exception):
            raise step
        message = step(messages) if callable(step) else step
        return ChatResult(generations=[ChatGeneration(message=message)])


class StubMarket:
    """A few days of turnover with the analytics fields the tools pass through."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.fail = fail
        self.calls: list[tuple[str, Any]] = []
        self.settings: Any = None  # make_ctx sets it: the minute-bar facade below is the real one on that data dir

    def intraday_data(self, clock: Any = None) -> Any:
        from tools.intraday.service import IntradayData

        return IntradayData(self.settings, clock=clock)

    def _check(self, name: str, arg: Any) -> None:
        self.calls.append((name, arg))
        if self.fail is not None:
            raise self.fail

    def latest_date(self) -> date:
        return max(DAYS)

    def turnover(self, day: date | None = None) -> TurnoverReport:
        self._check("turnover", day)
        day = day or self.latest_date()
        if day not in DAYS:
            raise NoDataError(f"{day} 无成交数据（非交易日或超出数据范围）", day)
        sh, sz = DAYS[day]
        earlier = [d for d in DAYS if d < day]
        prev = max(earlier) if earlier else None
        prev_total = sum(DAYS[prev]) if prev else None
        total = sh + sz
        change = round(total - prev_total, 1) if prev_total else None
        return TurnoverReport(
            date=day,
            total_yi=total,
            sh_yi=sh,
            sz_yi=sz,
            prev_date=prev,
            prev_total_yi=prev_total,
            change_yi=change,
            change_pct=round(change / prev_total * 100, 2) if prev_total else None,
            source="test",
            as_of=AS_OF,
            latest_date=self.latest_date(),
        )

    def turnover_range(self, days: int = 20, end: date | None = None) -> RangeReport:
        self._check("turnover_range", (days, end))
        end = end or self.latest_date()
        chosen = sorted(d for d in DAYS if d <= end)[-days:]
        if not chosen:
            raise NoDataError(f"no data up to {end}")
        totals = {d: sum(DAYS[d]) for d in chosen}
        top, low = max(totals, key=totals.get), min(totals, key=totals.get)
        return RangeReport(
            start=chosen[0],
            end=chosen[-1],
            source="test",
            as_of=AS_OF,
            days=[RangeDay(date=d, total_yi=totals[d], sh_yi=DAYS[d][0], sz_yi=DAYS[d][1]) for d in chosen],
            mean_yi=round(sum(totals.values()) / len(totals), 1),
            max_day=top,
            max_yi=totals[top],
            min_day=low,
            min_yi=totals[low],
        )

    def compare(self, a: date, b: date) -> Comparison:
        self._check("compare", (a, b))
        ra, rb = self.turnover(a), self.turnover(b)
        diff = round(rb.total_yi - ra.total_yi, 1)
        return Comparison(a=ra, b=rb, diff_yi=diff, diff_pct=round(diff / ra.total_yi * 100, 2))

    def context(self, day: date | None = None) -> MarketContext:
        self._check("context", day)
        return MarketContext(date=day or self.latest_date(), available=False, notes=["offline: no sector data"])

    def intraday(self) -> None:
        return None

    def chart(
        self,
        days: int = 60,
        end: date | None = None,
        highlight: date | None = None,
        path: Path | None = None,
        size: tuple[int, int] = (1200, 675),
    ) -> bytes:
        self._check("chart", (days, end, highlight))
        return b"\x89PNG\r\n\x1a\nstub"


def news_hit(n: int, title: str, snippet: str, day: date = date(2025, 10, 9)) -> NewsHit:
    return NewsHit(
        id=f"news-{n}",
        title=title,
        snippet=snippet,
        score=0.9 - n / 100,
        published_at=datetime.combine(day, datetime.min.time(), TZ) + timedelta(hours=9 + n),
        source="test-wire",
        url=f"https://news.example/{n}",
    )


DEFAULT_HITS = [
    news_hit(1, "节后首日A股放量大涨", "10月9日沪深两市成交额放量，科技股领涨，市场情绪回暖。"),
    news_hit(2, "资金回流权益市场", "假期后增量资金入场，券商板块走强。"),
]


class StubNews:
    def __init__(self, hits: list[NewsHit] | None = None, fail: Exception | None = None) -> None:
        self.hits = DEFAULT_HITS if hits is None else hits
        self.fail = fail
        self.queries: list[tuple[str, date | None, int | None, int]] = []

    def search(self, query: str, date: date | None = None, window_days: int | None = None, k: int = 5) -> list[NewsHit]:
        self.queries.append((query, date, window_days, k))
        if self.fail is not None:
            raise self.fail
        return self.hits[:k]

    def latest_date(self) -> date:
        return date(2025, 10, 10)


def failing_source() -> SourceError:
    return SourceError("eastmoney timed out", source="eastmoney")


Step = AIMessage | Exception | Callable[[list[BaseMessage]], AIMessage]


def make_ctx(tmp_path: Path, market: Any = None, news: Any = None, **settings: Any) -> Any:
    from agent.context import AgentContext
    from config import Settings

    now = datetime(2025, 10, 10, 20, 0, tzinfo=TZ)
    config = Settings(data_dir=tmp_path, **settings)
    market = market or StubMarket()
    if isinstance(market, StubMarket):
        market.settings = config
    return AgentContext(
        settings=config,
        market=market,
        news=news or StubNews(),
        now=lambda: now,
    )


def news_item(n: int, when: str, title: str, content: str) -> Any:
    from retrieval.models import NewsItem

    return NewsItem(
        id=f"agent-test-{n}",
        title=title,
        content=content,
        published_at=datetime.fromisoformat(when).replace(tzinfo=TZ),
        source="test-wire",
        url=f"https://news.example/{n}",
    )


def real_ctx(tmp_path: Path, items: list[Any] = (), **settings: Any) -> Any:
    """Real MarketData (bundled snapshot) and a real, small NewsKnowledgeBase holding only ``items``."""
    from agent.context import AgentContext
    from config import Settings
    from retrieval.kb import NewsKnowledgeBase
    from tools.service import MarketData

    config = Settings(data_dir=tmp_path, load_demo_corpus=False, auto_fetch=False, **settings)
    news = NewsKnowledgeBase.open(config)
    if items:
        news.ingest(items)
    now = datetime(2025, 10, 10, 20, 0, tzinfo=TZ)
    market = MarketData(config, clock=lambda: now)
    return AgentContext(settings=config, market=market, news=news, now=lambda: now)
