"""Issue 16's industry and theme reader after blind sets R and S, each class on phrasings of our own: a period's top
industries with their sum, mean and share of 两市; industries ranked again by a follow-up ("跌幅前二呢", "跌的有几
个"); how many industries rose, counted from the stored moves; two or three industries or themes side by side,
compared and added up; an industry's or a theme's share of 两市 over a period; a theme this month against the same
part of last month; an industry named with a slip of the same sound or a key word left in pinyin; a single stock
inside an industry question; and follow-ups pointing back at the industry on the table ("它", "这个行业"), a
breadth answer's other counts, a theme's change. End to end offline on the bundled history; figures checked against
the bundled CSVs."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from agent.offline import answerer as offline
from tests.agent.offline_env import ZONE, fresh_context
from tests.agent.test_reader_after_j import chat
from tests.agent.test_reader_after_o import THEMES, TOTAL, _industries, between, yi

ROWS = _industries()
AMOUNT: dict[str, dict[str, float]] = defaultdict(dict)  # day -> industry -> 元
MOVE: dict[str, dict[str, float]] = defaultdict(dict)  # day -> industry -> index move %
for _r in ROWS:
    AMOUNT[_r["date"]][_r["industry"]] = float(_r["amount_yuan"])
    MOVE[_r["date"]][_r["industry"]] = float(_r["change_pct"])


def _summed(industries: list[str], days: list[str]) -> float:
    return sum(AMOUNT[d][n] for d in days for n in industries if n in AMOUNT[d])


def _theme(name: str, day: str) -> float:
    return sum(AMOUNT[day][n] for n in THEMES[name])


def test_a_period_s_top_industries_with_their_mean_and_share_of_the_market(tmp_path) -> None:  # noqa: ANN001
    june = [d for d in between("2026-06-01", "2026-06-30") if d in AMOUNT]
    means = {n: _summed([n], june) / len(june) for n in AMOUNT[june[0]]}
    top = sorted(means, key=means.__getitem__, reverse=True)[:2]
    week = [d for d in between("2026-06-22", "2026-06-28") if d in AMOUNT]
    sums = {n: _summed([n], week) for n in AMOUNT[week[0]]}
    best = max(sums, key=sums.__getitem__)
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 2, 18, 0, tzinfo=ZONE)):
        monthly = offline.answer("上个月日均成交额最高的两个行业？各自占两市多少", ctx).text
        weekly = chat(ctx, "6月22日那周哪个行业成交额最高，那一周一共多少", "占两市多少")
    market = sum(TOTAL[d] for d in june)
    assert f"1. {top[0]}日均{yi(means[top[0]])}" in monthly and f"2. {top[1]}日均{yi(means[top[1]])}" in monthly
    assert f"{means[top[0]] * len(june) / market * 100:.2f}%" in monthly and "没太明白" not in monthly
    assert f"1. {best}{yi(sums[best])}" in weekly[0]
    assert f"{sums[best] / sum(TOTAL[d] for d in week) * 100:.2f}%" in weekly[1]


def test_the_industries_of_the_day_on_the_table_ranked_again(tmp_path) -> None:  # noqa: ANN001
    day = "2026-03-18"
    moves = MOVE[day]
    worst = sorted(moves, key=moves.__getitem__)[:2]
    for ctx in fresh_context(tmp_path, datetime(2026, 3, 20, 18, 0, tzinfo=ZONE)):
        first, second, third, fourth = chat(ctx, "3月18号成交额前五的行业", "跌幅前二呢", "跌的有几个", "涨的呢")
    assert all(f"{n}（{moves[n]:+.2f}%" in second for n in worst)
    assert f"有{sum(v < 0 for v in moves.values())}个行业指数下跌" in third
    assert f"有{sum(v > 0 for v in moves.values())}个行业指数上涨" in fourth  # counted from the stored moves
    assert "2026年3月18日" in first + second + third + fourth


def test_industries_and_themes_side_by_side_compared_and_added_up(tmp_path) -> None:  # noqa: ANN001
    day, before = "2026-06-15", "2026-06-12"
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 15, 18, 0, tzinfo=ZONE)):
        who = offline.answer("证券和白酒上周五谁成交多", ctx).text
        themes = offline.answer("新能源和军工今天各成交多少，两者加起来占两市几个点", ctx).text
        gap = offline.answer("大消费和医药今天谁成交多？多多少", ctx).text
    securities, baijiu = AMOUNT[before]["证券"], AMOUNT[before]["白酒"]
    assert yi(securities) in who and yi(baijiu) in who and yi(abs(securities - baijiu)) in who
    energy, defence = _theme("新能源", day), _theme("军工", day)
    assert yi(energy) in themes and yi(defence) in themes
    assert f"{(energy + defence) / TOTAL[day] * 100:.2f}%" in themes
    consumer, medicine = _theme("消费", day), _theme("医药", day)
    assert yi(abs(consumer - medicine)) in gap and "没太明白" not in gap


def test_three_industries_asked_one_by_one_then_added_up(tmp_path) -> None:  # noqa: ANN001
    day = "2026-05-14"
    names = ["白酒", "饮料制造", "食品加工制造"]
    for ctx in fresh_context(tmp_path, datetime(2026, 5, 15, 18, 0, tzinfo=ZONE)):
        *_, summed = chat(ctx, "5月14日白酒成交多少", "饮料制造呢", "食品加工制造呢", "这三个合起来占两市多少")
    total = sum(AMOUNT[day][n] for n in names)
    assert all(n in summed for n in names) and f"{total / TOTAL[day] * 100:.2f}%" in summed


def test_a_share_of_the_market_over_a_period_and_the_same_part_of_last_month(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 12, 18, 0, tzinfo=ZONE)):
        industry = offline.answer("本周以来光伏设备累计成交多少？占两市比重多少", ctx).text
        theme = offline.answer("军工板块上个月成交额占两市比例多少", ctx).text
        against = offline.answer("医药这个月以来合计成交多少？跟上月同期比呢", ctx).text
    week = between("2026-06-08", "2026-06-12")
    solar = _summed(["光伏设备"], week)
    assert yi(solar) in industry and f"{solar / sum(TOTAL[d] for d in week) * 100:.2f}%" in industry
    may = [d for d in between("2026-05-01", "2026-05-31") if d in AMOUNT]
    defence = _summed(THEMES["军工"], may)
    assert f"{defence / sum(TOTAL[d] for d in may) * 100:.2f}%" in theme
    now, then = (
        _summed(THEMES["医药"], between("2026-06-01", "2026-06-12")),
        _summed(THEMES["医药"], between("2026-05-01", "2026-05-12")),
    )
    assert yi(now) in against and yi(then) in against and f"{(now - then) / then * 100:+.2f}%" in against


def test_slips_of_the_keyboard_and_a_stock_inside_an_industry_question(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 12, 18, 0, tzinfo=ZONE)):
        slip = offline.answer("本月以来化学制要累计成交多少", ctx).text
        pinyin = offline.answer("今天有几个行业xiadie", ctx).text
        stock = offline.answer("昨天证券成交多少，其中东方财富占了多少", ctx).text
    assert yi(_summed(["化学制药"], between("2026-06-01", "2026-06-12"))) in slip
    assert f"有{sum(v < 0 for v in MOVE['2026-06-12'].values())}个行业指数下跌" in pinyin
    assert yi(AMOUNT["2026-06-11"]["证券"]) in stock and "东方财富" in stock and "单只股票" in stock


def test_follow_ups_point_back_at_the_industry_or_theme_on_the_table(tmp_path) -> None:  # noqa: ANN001
    day = "2026-04-22"
    moves = MOVE[day]
    worst = min(moves, key=moves.__getitem__)
    for ctx in fresh_context(tmp_path, datetime(2026, 4, 22, 18, 0, tzinfo=ZONE)):
        pointed = chat(ctx, "今天哪个行业跌得最多", "它成交额多少", "这个行业上周呢")
        breadth = chat(ctx, "银行今天上涨家数", "一共几家", "平盘或下跌的呢")
        themed = chat(ctx, "新能源相关行业今天成交多少", "比昨天多了多少")
        share = offline.answer("军工今天成交多少，占比多少", ctx).text
    assert worst in pointed[0] and yi(AMOUNT[day][worst]) in pointed[1]
    assert yi(_summed([worst], between("2026-04-13", "2026-04-17"))) in pointed[2]
    bank = next(r for r in ROWS if r["date"] == day and r["industry"] == "银行")
    up, total = int(float(bank["up_count"])), int(float(bank["total_count"]))
    assert f"共{total}家" in breadth[1] and f"平盘或下跌{total - up}家" in breadth[2]
    change = _theme("新能源", day) - _theme("新能源", "2026-04-21")
    assert f"{change / 1e8:+.1f}亿元" in themed[1] and "两市成交额" not in themed[1]
    assert f"{_theme('军工', day) / TOTAL[day] * 100:.2f}%" in share


def test_an_industry_ranked_by_its_share_in_english(tmp_path) -> None:  # noqa: ANN001
    day = "2026-04-21"
    top = max(AMOUNT[day], key=AMOUNT[day].__getitem__)
    for ctx in fresh_context(tmp_path, datetime(2026, 4, 22, 18, 0, tzinfo=ZONE)):
        text = offline.answer("Which industry had the biggest share of turnover yesterday?", ctx).text
    assert top in text and f"{AMOUNT[day][top] / TOTAL[day] * 100:.2f}% of the Shanghai + Shenzhen total" in text


def test_two_industries_moves_a_choice_behind_a_comma_and_a_follow_up_on_both(tmp_path) -> None:  # noqa: ANN001
    day, before = "2026-06-12", "2026-06-11"
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 12, 18, 0, tzinfo=ZONE)):
        moves = offline.answer("银行和证券今天谁涨得多", ctx).text
        choice = offline.answer("Which traded more yesterday, banks or brokers?", ctx).text
        both = chat(ctx, "白酒和银行今天分别成交多少", "占两市多少")
    better = max(("银行", "证券"), key=MOVE[day].__getitem__)
    assert f"{better}{MOVE[day][better]:+.2f}%" in moves and f"{better}表现更好" in moves
    gap = AMOUNT[before]["证券"] - AMOUNT[before]["银行"]
    assert f"{gap / 1e8:+,.1f} 亿元" in choice and "Shanghai + Shenzhen turnover" not in choice
    assert all(f"{AMOUNT[day][n] / TOTAL[day] * 100:.2f}%" in both[1] for n in ("白酒", "银行"))
