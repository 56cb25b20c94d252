"""Real facades over tmp data dirs for the offline answerer and the daily summary (fixtures exported by conftest).

The turnover store is seeded from the bundled snapshot; the news stores are real
Chroma + BM25 knowledge bases: one filled from the bundled demo corpus, one with
a few items written here so a test controls exactly which news exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from agent.context import AgentContext
from config import Settings
from retrieval.kb import NewsKnowledgeBase
from retrieval.models import NewsItem
from tools.industries.service import reset_industry_stores
from tools.registry import reset_shared
from tools.service import MarketData

ZONE = ZoneInfo("Asia/Shanghai")
# The real clock when this was written: the bundled history (to 2026-07-31) is months behind.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZONE)


def clock() -> datetime:
    return NOW


def _item(n: int, when: str, title: str, content: str) -> NewsItem:
    return NewsItem(
        id=f"test-{n}",
        title=title,
        content=content,
        published_at=datetime.fromisoformat(when).replace(tzinfo=ZONE),
        source="test-wire",
        url=f"https://news.example.com/{n}",
    )


CONTROLLED_NEWS = [
    _item(
        1,
        "2025-10-09T15:20",
        "节后首个交易日两市放量，成交额重回2.6万亿元上方",
        "国庆长假后首个交易日，沪深两市成交额较节前明显放大，有色金属与半导体板块领涨，市场风险偏好回升。",
    ),
    _item(
        2,
        "2025-10-09T08:30",
        "长假期间海外市场走强，机构看好节后A股开门红",
        "假期内港股与美股科技股表现强势，多家券商策略认为节后A股有望延续活跃，成交额有望放大。",
    ),
    _item(
        3,
        "2024-10-08T15:30",
        "A股成交额刷新历史纪录，两市超3.4万亿元",
        "10月8日节后首日，沪深两市成交额超过3.4万亿元，创历史新高，全市场超5000只个股上涨。",
    ),
    _item(
        4,
        "2024-09-24T10:00",
        "央行宣布降准降息并创设新的货币政策工具支持股市",
        "中国人民银行宣布下调存款准备金率和政策利率，并创设证券、基金、保险公司互换便利。",
    ),
]


# Session-scoped: one store of each kind per run (indexing the demo corpus takes seconds).
@pytest.fixture(scope="session")
def market(tmp_path_factory) -> MarketData:
    return MarketData(Settings(data_dir=tmp_path_factory.mktemp("market"), auto_fetch=False), clock=clock)


@pytest.fixture(scope="session")
def demo_news(tmp_path_factory) -> NewsKnowledgeBase:
    return NewsKnowledgeBase.open(Settings(data_dir=tmp_path_factory.mktemp("demo_news")))


def _controlled(data_dir) -> NewsKnowledgeBase:  # noqa: ANN001
    kb = NewsKnowledgeBase.open(Settings(data_dir=data_dir, load_demo_corpus=False))
    kb.ingest(CONTROLLED_NEWS)
    return kb


@pytest.fixture(scope="session")
def controlled_news(tmp_path_factory) -> NewsKnowledgeBase:
    return _controlled(tmp_path_factory.mktemp("news"))


@pytest.fixture()
def ctx(market, controlled_news) -> AgentContext:
    return AgentContext(settings=market.settings, market=market, news=controlled_news, now=clock)


@pytest.fixture()
def demo_ctx(market, demo_news) -> AgentContext:
    return AgentContext(settings=market.settings, market=market, news=demo_news, now=clock)


def fresh_context(data_dir: Path, now: datetime) -> Iterator[AgentContext]:
    """A context on its own data dir with its clock stopped at ``now``, and no news (for tests that need a given
    day to be "today" or a private store); the shared stores are reset after it."""
    config = Settings(data_dir=data_dir, load_demo_corpus=False, auto_fetch=False)
    market = MarketData(config, clock=lambda: now)
    yield AgentContext(settings=config, market=market, news=NewsKnowledgeBase.open(config), now=lambda: now)
    reset_shared()
    reset_industry_stores()
