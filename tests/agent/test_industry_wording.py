"""The industry split's wording on real bundled rows: an increase, a decrease and a quiet day.

Expected figures are computed here from the bundled CSV (tools/data/ths_industries.csv.gz), never copied from
the output: the side that leads, its shares of that side's change, the other side when material, the parts
adding up to the net change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.context import AgentContext
from agent.offline import answerer as offline
from agent.offline.sectors.industries import OTHER_SIDE_MIN, split_sentences
from tests.agent.offline_env import fresh_context
from tests.bundled_industries import amounts_by_day
from tools.industries.service import IndustryData

YI = 1e8
NOW = datetime(2026, 8, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
UP_DAY, DOWN_DAY, QUIET_DAY = date(2026, 7, 31), date(2026, 1, 15), date(2026, 5, 27)
DOWN_WITH_RISERS = date(2026, 3, 4)


CSV = amounts_by_day()
DAYS = sorted(CSV)


def changes(day: date) -> dict[str, float]:
    prev = DAYS[DAYS.index(day) - 1]
    return {n: CSV[day][n] - CSV[prev][n] for n in CSV[day]}


def yi(value: float) -> str:
    return f"{round(value / YI, 1):+.1f}亿"


@pytest.fixture
def ctx(tmp_path) -> Iterator[AgentContext]:
    yield from fresh_context(tmp_path / "data", NOW)


def split_text(ctx: AgentContext, day: date) -> str:
    report = IndustryData(ctx.market).day(day)
    return split_sentences(report, "zh")[0]


def test_the_chosen_days_are_an_increase_a_decrease_and_a_quiet_day():
    for day, sign in ((UP_DAY, 1), (DOWN_DAY, -1)):
        c = changes(day)
        gross = sum(abs(v) for v in c.values())
        assert sign * sum(c.values()) > 0.2 * gross
    c = changes(QUIET_DAY)
    assert abs(sum(c.values())) < 0.2 * sum(abs(v) for v in c.values())


def test_an_increase_leads_with_the_largest_contributors_and_their_share_of_the_increase(ctx):
    c = changes(UP_DAY)
    net = sum(c.values())
    text = split_text(ctx, UP_DAY)
    ups = sorted((n for n in c if c[n] > 0), key=c.__getitem__, reverse=True)[:3]
    lead = "、".join(f"{n}{yi(c[n])}（占增量{c[n] / net * 100:.1f}%）" for n in ups)
    assert f"合计{yi(net)}元" in text and f"增加最多的是{lead}" in text
    ups_count, downs_count = sum(1 for v in c.values() if v > 0), sum(1 for v in c.values() if v < 0)
    assert f"{ups_count}个行业增加、{downs_count}个减少" in text
    downs = sorted((n for n in c if c[n] < 0), key=c.__getitem__)[:2]
    if -sum(v for v in c.values() if v < 0) >= OTHER_SIDE_MIN * net:  # the other side, briefly, when material
        assert f"减少最多的是{downs[0]}{yi(c[downs[0]])}、{downs[1]}{yi(c[downs[1]])}" in text
    assert text.index("增加最多") < text.index("减少最多")


def test_a_decrease_leads_with_the_largest_contributors_to_the_decrease(ctx):
    c = changes(DOWN_DAY)
    net = sum(c.values())
    text = split_text(ctx, DOWN_DAY)
    downs = sorted((n for n in c if c[n] < 0), key=c.__getitem__)[:3]
    lead = "、".join(f"{n}{yi(c[n])}（占减量{c[n] / net * 100:.1f}%）" for n in downs)
    assert f"合计{yi(net)}元" in text and f"减少最多的是{lead}" in text
    assert "增加最多" not in text  # the few risers are far below 5% of the decrease: not material
    assert sum(v for v in c.values() if v > 0) < OTHER_SIDE_MIN * -net
    # No positive share of a negative change: every share printed is of the decrease, and positive.
    assert "占增量" not in text and "占变化" not in text


def test_a_decrease_names_the_risers_when_they_are_material(ctx):
    c = changes(DOWN_WITH_RISERS)
    net = sum(c.values())
    risers = sorted((n for n in c if c[n] > 0), key=c.__getitem__, reverse=True)[:2]
    assert sum(c[n] for n in c if c[n] > 0) >= OTHER_SIDE_MIN * -net
    text = split_text(ctx, DOWN_WITH_RISERS)
    assert text.index("减少最多的是") < text.index("逆势增加的主要是")
    assert f"逆势增加的主要是{risers[0]}{yi(c[risers[0]])}、{risers[1]}{yi(c[risers[1]])}。" in text


def test_a_quiet_day_gives_both_sides_and_shares_of_each_side(ctx):
    c = changes(QUIET_DAY)
    up = sum(v for v in c.values() if v > 0)
    down = sum(v for v in c.values() if v < 0)
    text = split_text(ctx, QUIET_DAY)
    assert "成交额基本持平" in text and f"增加的行业合计{yi(up)}元，减少的合计{yi(down)}元" in text
    top_up = max(c, key=c.__getitem__)
    top_down = min(c, key=c.__getitem__)
    assert f"增加最多的是{top_up}{yi(c[top_up])}（占增加合计{c[top_up] / up * 100:.1f}%）" in text
    assert f"减少最多的是{top_down}{yi(c[top_down])}（占减少合计{c[top_down] / down * 100:.1f}%）" in text


@pytest.mark.parametrize("day", [UP_DAY, DOWN_DAY, QUIET_DAY])
def test_the_parts_add_up(ctx, day):
    report = IndustryData(ctx.market).day(day, top_n=90)
    c = changes(day)
    assert report.change_yi == round(sum(c.values()) / YI, 1)
    assert report.gross_increase_yi == round(sum(v for v in c.values() if v > 0) / YI, 1)
    assert report.gross_decrease_yi == round(sum(v for v in c.values() if v < 0) / YI, 1)
    sides = (report.gross_increase_yi or 0) + (report.gross_decrease_yi or 0)
    assert abs(sides - (report.change_yi or 0)) <= 0.1 + 1e-9
    assert (report.industries_up or 0) + (report.industries_down or 0) == sum(1 for v in c.values() if v)
    # Each side's shares of that side add up to 100.
    for side in (report.increases, report.decreases):
        assert abs(sum(m.share_of_side_pct or 0 for m in side) - 100) <= 0.05 * len(side)  # rounding of each part


def test_the_ai_theme_share_is_of_the_decrease_on_a_down_day(ctx):
    from tools.industries.themes import find_theme

    ai = find_theme("AI")
    assert ai is not None
    c = changes(DOWN_DAY)
    theme = sum(c[n] for n in ai.industries)
    text = split_sentences(IndustryData(ctx.market).day(DOWN_DAY), "zh")[1]
    assert f"较上一交易日{yi(theme)}元（" in text and f"，占减量的{theme / sum(c.values()) * 100:.1f}%）" in text


def test_the_why_answer_on_a_down_day(ctx):
    answer = offline.answer("2026年1月15日为什么缩量？", ctx)
    c = changes(DOWN_DAY)
    first = min(c, key=c.__getitem__)
    assert f"减少最多的是{first}{yi(c[first])}" in answer.text and "增加最多的是" not in answer.text
    assert answer.text.index("缩量") < answer.text.index("按行业拆分")


def test_english_says_the_side_that_leads(ctx):
    report = IndustryData(ctx.market).day(DOWN_DAY)
    c = changes(DOWN_DAY)
    assert f"most of the decrease from {min(c, key=c.__getitem__)}" in split_sentences(report, "en")[0]
    assert "roughly flat" in split_sentences(IndustryData(ctx.market).day(QUIET_DAY), "en")[0]


def test_a_quiet_day_direction_line_says_the_change_is_about_flat(ctx):
    from tools.daily.store import read_snapshot

    rows = {r.date: r for r in read_snapshot()}
    prev = DAYS[DAYS.index(QUIET_DAY) - 1]
    pct = (rows[QUIET_DAY].total_yuan / rows[prev].total_yuan - 1) * 100
    assert abs(pct) < 1
    text = offline.answer("2026年5月27日为什么缩量？", ctx).text
    assert text.startswith(f"2026年5月27日缩量下跌：沪指{rows[QUIET_DAY].sh_change_pct:+.2f}%")
    assert f"（{pct:+.1f}%，与上一交易日基本持平）" in text.split("\n")[0]
    big = offline.answer("2026年1月15日为什么缩量？", ctx).text.split("\n")[0]
    assert "基本持平" not in big


def test_the_daily_summary_on_a_down_day_leads_the_split_with_the_decrease(ctx):
    from agent import summary

    text = summary.daily_summary(ctx, DOWN_DAY).text
    c = changes(DOWN_DAY)
    worst = min(c, key=c.__getitem__)
    assert f"减少最多的是{worst}{yi(c[worst])}（占减量{c[worst] / sum(c.values()) * 100:.1f}%）" in text
    assert "增加最多的是" not in text and text.index("缩量") < text.index("按行业拆分")
