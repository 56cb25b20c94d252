"""Theme questions offline ("AI相关行业占成交额多少", "…占比最近一个月怎么变") on the bundled THS rows; expected
figures computed here from the CSV. "AI板块" stays a concept-board question."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.context import AgentContext
from agent.offline import answerer as offline
from tests.agent.offline_env import fresh_context
from tests.bundled_industries import amounts_by_day
from tools.industries.themes import find_theme

NOW = datetime(2026, 8, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


CSV = amounts_by_day()
DAYS = sorted(CSV)


def share(theme: str, day: date) -> float:
    found = find_theme(theme)
    assert found is not None
    return sum(CSV[day][n] for n in found.industries) / sum(CSV[day].values()) * 100


@pytest.fixture
def ctx(tmp_path) -> Iterator[AgentContext]:
    yield from fresh_context(tmp_path / "data", NOW)


def test_a_theme_share_over_the_last_month(ctx):
    text = offline.answer("AI相关行业成交额占比最近一个月怎么变", ctx).text
    window = DAYS[-20:]
    first, last = share("AI", window[0]), share("AI", window[-1])
    assert text.startswith("最近20个交易日（2025年" if window[0].year == 2025 else "最近20个交易日（2026年")
    assert (
        f"从{first:.1f}%变为{last:.1f}%，{'上升' if last > first else '下降'}{abs(round(last - first, 1)):.1f}个百分点"
        in text
    )
    top = max(window, key=lambda d: share("AI", d))
    assert f"最高为{top.year}年{top.month}月{top.day}日的{share('AI', top):.1f}%" in text


def test_a_theme_on_a_day_and_a_window_in_sessions(ctx):
    jan15 = date(2026, 1, 15)
    text = offline.answer("2026年1月15日AI相关行业成交额多少", ctx).text  # "1月" is the date, not a window
    found = find_theme("AI")
    assert found is not None
    amount = sum(CSV[jan15][n] for n in found.industries)
    assert f"合计成交额{round(amount / 1e8, 1):.1f}亿元，占当日全部行业成交额的{share('AI', jan15):.1f}%" in text
    ten = offline.answer("军工行业最近10个交易日成交额占比", ctx).text
    assert ten.startswith("最近10个交易日") and f"变为{share('军工', DAYS[-1]):.1f}%" in ten


def test_ai_board_questions_stay_with_the_concept_boards(ctx):
    assert "板块成交额数据" in offline.answer("AI板块成交额多少", ctx).text
