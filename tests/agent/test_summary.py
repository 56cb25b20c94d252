"""The daily after-close push on real days of the bundled history."""

from __future__ import annotations

from datetime import date

from agent.summary import daily_summary

TELEGRAM_LIMIT = 4096


def test_summary_for_the_latest_bundled_session(demo_ctx):
    a = daily_summary(demo_ctx, date(2026, 7, 31))
    lines = a.text.splitlines()
    assert lines[0] == "【A股成交额日报】2026年7月31日（周五）"
    for figure in ("25419.5亿元（约2.54万亿元）", "沪市11876.8亿元", "深市13542.7亿元", "+1991.4亿元（+8.5%）"):
        assert figure in a.text
    assert "从历史看" in a.text and "数据截至 2026-07-31" in a.text
    assert a.chart is not None and a.chart.highlight == date(2026, 7, 31)
    assert a.meta == {"intent": "summary", "date": "2026-07-31", "lang": "zh"}
    assert len(a.text) < TELEGRAM_LIMIT and len(lines) <= 20
    if demo_ctx.news.search("成交额", date=date(2026, 7, 31), window_days=0, k=1):
        assert a.sources and "要闻" in a.text and "[1]" in a.text
        assert len(a.sources) <= 3 and all(s.title and s.published_at for s in a.sources)
        # The bundled demo corpus: labelled as the project's own summaries, in the text and the sources.
        assert "本项目自己整理的摘要" in a.text and all("marketbot 整理的摘要" in (s.source or "") for s in a.sources)
    else:
        assert "暂无当日相关新闻" in a.text


def test_summary_defaults_to_the_latest_session_in_english(demo_ctx):
    a = daily_summary(demo_ctx, None, "en")
    assert a.text.startswith("A-share turnover daily — Fri 31 Jul 2026")
    assert "2.54 trillion yuan (25,419.5 亿元)" in a.text and "+1,991.4 亿元 (+8.5%)" in a.text
    assert "not live" in a.text and a.lang == "en"


def test_summary_of_a_past_day_cites_that_day_news(ctx):
    a = daily_summary(ctx, date(2025, 10, 9))
    assert "26532.0亿元" in a.text and "+4717.9亿元（+21.6%）" in a.text
    assert [s.n for s in a.sources] == list(range(1, len(a.sources) + 1)) and a.sources
    assert "不是实时" not in a.text


def test_summary_of_a_holiday_says_so(ctx):
    a = daily_summary(ctx, date(2025, 10, 3))
    assert "国庆" in a.text and "2025年9月30日" in a.text


def test_summary_for_a_day_without_data_is_one_clear_line(ctx):
    a = daily_summary(ctx, date(2026, 9, 1))
    assert "2026-07-31" in a.text and "\n" not in a.text and a.chart is None
