"""Issue 16's index questions after blind sets R and S, each class on phrasings of our own: a day's move in points
as well as %, up and down days and runs (连涨/连跌) of either index, a move from one day to another, a week's and the
year's move led by the index asked, follow-ups that change one slot (the index, the period, the day a statistic
named), the distance from a close to a level, typos of the index names, and the refusal of an index not kept.
End to end offline on the bundled history; figures checked against the bundled CSV's closes and % changes."""

from __future__ import annotations

import re
from datetime import date, datetime

from agent.offline import answerer as offline
from agent.offline.reading.periods import period_words
from agent.offline.reading.typos import correct
from tests.agent.offline_env import ZONE, fresh_context
from tests.agent.test_reader_after_j import chat
from tests.agent.test_reader_after_o import ROWS, TOTAL

CLOSE = {key: {r["date"]: float(r[f"{key}_close"]) for r in ROWS if r[f"{key}_close"]} for key in ("sh", "sz")}
PCT = {key: {r["date"]: float(r[f"{key}_pct"]) for r in ROWS if r[f"{key}_pct"]} for key in ("sh", "sz")}
DAYS = sorted(TOTAL)


def _before(day: str) -> str:
    return DAYS[DAYS.index(day) - 1]


def _sessions(start: str, end: str) -> list[str]:
    return [d for d in DAYS if start <= d <= end]


def _move(key: str, start: str, end: str) -> tuple[float, float]:
    """Points and % from the close before ``start`` to the close of the last session up to ``end``."""
    days = _sessions(start, end)
    base, last = CLOSE[key][_before(days[0])], CLOSE[key][days[-1]]
    return last - base, (last / base - 1) * 100


def _longest_run(key: str, start: str, end: str, up: bool) -> int:
    best = run = 0
    for d in _sessions(start, end):
        pct = PCT[key].get(d)
        run = run + 1 if pct is not None and (pct > 0 if up else pct < 0) else 0
        best = max(best, run)
    return best


def test_a_days_move_is_said_in_points_as_well_as_percent(tmp_path) -> None:  # noqa: ANN001
    day = "2025-04-07"
    for ctx in fresh_context(tmp_path, datetime(2025, 4, 7, 20, 0, tzinfo=ZONE)):
        text = offline.answer("沪指今天跌了几个点？跌幅呢", ctx).text
    points = CLOSE["sh"][day] - CLOSE["sh"][_before(day)]
    assert f"{points:+.2f}点" in text and f"{abs(PCT['sh'][day]):.2f}%" in text
    assert text.count("上证指数收于") == 1  # the two parts are one answer about one day


def test_up_and_down_days_of_either_index_are_counted(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 6, 30, 20, 0, tzinfo=ZONE)):
        sz = offline.answer("今年深成指上涨的日子有几天？下跌的呢", ctx).text
        sh = offline.answer("上半年上证涨的交易日有多少个", ctx).text
    year = _sessions("2026-01-01", "2026-06-30")
    up = sum(PCT["sz"][d] > 0 for d in year)
    down = sum(PCT["sz"][d] < 0 for d in year)
    assert f"深证成指上涨{up}个交易日" in sz and f"下跌{down}个交易日" in sz and sz.count("深证成指上涨") == 1
    assert f"上证指数上涨{sum(PCT['sh'][d] > 0 for d in year)}个交易日" in sh


def test_the_longest_run_of_rises_or_falls(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 3, 1, 12, 0, tzinfo=ZONE)):
        falls = offline.answer("2024年上证最长连跌了多少天", ctx).text
        rises = offline.answer("去年深成指连续上涨最多几天", ctx).text
    assert f"最长连跌{_longest_run('sh', '2024-01-01', '2024-12-31', up=False)}个交易日" in falls
    assert f"深证成指最长连涨{_longest_run('sz', '2024-01-01', '2024-12-31', up=True)}个交易日" in rises


def test_a_move_from_one_day_to_another_is_from_the_close_before_the_first() -> None:
    clock = date(2025, 6, 1)
    spans = [p.spec for p in period_words("2025年4月7日以来到4月30号，深成指涨了多少", 2025, clock)]
    assert spans == ["2025-04-07..2025-04-30"]
    assert [p.spec for p in period_words("2025年4月8日那波启动后到2025年底", 2025, clock)] == ["2025-04-08..2025-12-31"]


def test_a_span_named_by_two_days_gives_points_and_percent(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 6, 1, 12, 0, tzinfo=ZONE)):
        text = offline.answer("2025年4月7日以来到4月30号，深成指一共涨了多少", ctx).text
    points, pct = _move("sz", "2025-04-07", "2025-04-30")
    assert text.split("：", 1)[1].startswith("深证成指")  # the index asked first
    assert f"{abs(points):.2f}点" in text and f"{pct:+.2f}%" in text


def test_last_week_and_the_year_so_far_lead_with_the_index_asked(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 3, 16, 9, 0, tzinfo=ZONE)):
        week = offline.answer("上个星期沪指是涨是跌，跌了多少点", ctx).text
        year = offline.answer("深成指今年以来涨了多少点", ctx).text
    points, pct = _move("sh", "2026-03-09", "2026-03-15")
    assert week.split("：", 1)[1].startswith("上证指数") and f"{abs(points):.2f}点" in week and f"{pct:+.2f}%" in week
    points, pct = _move("sz", "2026-01-01", "2026-03-15")
    assert year.split("：", 1)[1].startswith("深证成指") and f"{abs(points):.2f}点" in year and f"{pct:+.2f}%" in year


def test_follow_ups_change_the_index_the_period_or_the_day(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2025, 11, 20, 20, 0, tzinfo=ZONE)):
        _, other_index, other_year = chat(ctx, "上证上个月涨了多少", "深成指呢", "那前年全年呢")
        _, week = chat(ctx, "深成指今天涨了多少", "本周累计呢")
        _, that_day = chat(ctx, "今年成交额最低的是哪天", "那天上证跌了多少")
    assert other_index.split("：", 1)[1].startswith("深证成指")
    assert f"{_move('sz', '2025-10-01', '2025-10-31')[1]:+.2f}%" in other_index
    assert f"{_move('sz', '2023-01-01', '2023-12-31')[1]:+.2f}%" in other_year  # 深成指 kept, the year changed
    assert f"{_move('sz', '2025-11-17', '2025-11-20')[1]:+.2f}%" in week
    year = _sessions("2025-01-01", "2025-11-20")
    low = min(year, key=TOTAL.__getitem__)
    assert f"{abs(PCT['sh'][low]):.2f}%" in that_day and f"{int(low[5:7])}月{int(low[8:])}日" in that_day


def test_the_distance_from_the_close_to_a_level(tmp_path) -> None:  # noqa: ANN001
    day = "2026-05-29"
    for ctx in fresh_context(tmp_path, datetime(2026, 5, 29, 20, 0, tzinfo=ZONE)):
        _, below = chat(ctx, "沪指今天收在多少点", "离5000点还差多少")
        above = offline.answer("今天深成指距离10000点还有多少点", ctx).text
    assert f"还差{5000 - CLOSE['sh'][day]:.2f}点" in below
    assert f"高出{CLOSE['sz'][day] - 10000:.2f}点" in above


def test_typos_of_the_index_names() -> None:
    assert correct("上周户指跌了多少") == "上周沪指跌了多少"
    assert correct("深城指今天呢") == "深成指今天呢" and correct("上正指数收盘") == "上证指数收盘"
    assert correct("用户指南在哪") == "用户指南在哪"  # 户 of 用户 is not 沪


def test_an_index_not_kept_is_named_and_one_not_read_gets_no_figure(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 5, 29, 20, 0, tzinfo=ZONE)):
        other = offline.answer("科创50今天涨了多少", ctx).text
        unread = offline.answer("上证今年的振幅是多少", ctx).text
    assert "没有科创50的数据" in other
    assert "没读懂" in unread and not re.search(r"\d", unread)  # said, and no figure of another question


def test_a_count_or_run_on_the_table_changes_its_index_period_or_direction(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 31, 20, 0, tzinfo=ZONE)):
        _, sz_count, last_year = chat(ctx, "今年沪指上涨了几天", "那深成指呢", "去年呢")
        _, sz_run, falls = chat(ctx, "今年上证最长连涨几天", "深成指呢", "连跌呢")
        english = offline.answer("How many days did the Shenzhen Component fall this year?", ctx).text
    year, before = _sessions("2026-01-01", "2026-07-31"), _sessions("2025-01-01", "2025-12-31")
    assert f"深证成指上涨{sum(PCT['sz'][d] > 0 for d in year)}个交易日" in sz_count
    assert f"深证成指上涨{sum(PCT['sz'][d] > 0 for d in before)}个交易日" in last_year
    assert f"深证成指最长连涨{_longest_run('sz', '2026-01-01', '2026-07-31', up=True)}个交易日" in sz_run
    assert f"深证成指最长连跌{_longest_run('sz', '2026-01-01', '2026-07-31', up=False)}个交易日" in falls
    assert f"fell in {sum(PCT['sz'][d] < 0 for d in year)} sessions" in english


def test_a_turnover_part_after_an_index_move_keeps_its_period(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 7, 31, 20, 0, tzinfo=ZONE)):
        text = offline.answer("6月沪指涨了多少？那个月日均成交多少", ctx).text
        red = offline.answer("6月深成指收红几天，收绿几天", ctx).text
    june = _sessions("2026-06-01", "2026-06-30")
    assert f"{_move('sh', '2026-06-01', '2026-06-30')[1]:+.2f}%" in text
    assert f"日均{sum(TOTAL[d] for d in june) / len(june) / 1e8:.1f}亿元" in text
    assert f"深证成指上涨{sum(PCT['sz'][d] > 0 for d in june)}个交易日" in red


def test_a_days_move_against_the_periods_biggest(tmp_path) -> None:  # noqa: ANN001
    for ctx in fresh_context(tmp_path, datetime(2026, 5, 29, 20, 0, tzinfo=ZONE)):
        text = offline.answer("今天上证涨幅是本月最大的吗", ctx).text
        english = offline.answer("On the lowest turnover day of May 2026, how did the SH Composite move?", ctx).text
    may = _sessions("2026-05-01", "2026-05-29")
    best = max(may, key=PCT["sh"].__getitem__)
    assert f"{PCT['sh']['2026-05-29']:+.2f}%" in text and ("是，" if best == "2026-05-29" else "不是") in text
    assert f"{PCT['sh'][best]:+.2f}%" in text
    low = min(may, key=TOTAL.__getitem__)
    assert f"{PCT['sh'][low]:+.2f}%" in english
