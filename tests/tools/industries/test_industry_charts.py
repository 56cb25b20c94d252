"""Charts of the industry split and the 量价图, asserted on behaviour (a PNG, the bars and line from the data)."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.bundled_industries import industry_changes
from tests.tools.conftest import make_settings
from tools.daily.analytics import TurnoverSeries, range_report
from tools.daily.chart import index_points, render_turnover_chart, turnover_figure
from tools.daily.store import read_snapshot
from tools.industries.chart import chart_bars, industry_figure
from tools.industries.service import IndustryData, reset_industry_stores
from tools.registry import reset_shared
from tools.service import MarketData

JAN14, JAN15 = date(2026, 1, 14), date(2026, 1, 15)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.fixture
def industries(tmp_path: Path) -> Iterator[IndustryData]:
    yield IndustryData(MarketData(make_settings(tmp_path)))
    reset_shared()
    reset_industry_stores()


def test_the_industry_chart_has_the_top_increases_above_the_top_decreases(industries, tmp_path):
    changes = industry_changes(JAN15, JAN14)
    ups = sorted((n for n in changes if changes[n] > 0), key=changes.__getitem__, reverse=True)[:5]
    downs = sorted((n for n in changes if changes[n] < 0), key=changes.__getitem__)[:5]
    report = industries.day(JAN15, top_n=5)
    bars = chart_bars(report, 5)
    assert [m.name for m in bars] == ups + downs[::-1]  # the largest decrease at the bottom
    fig = industry_figure(report, top_n=5)
    ax = fig.axes[0]
    widths = [p.get_width() for p in sorted(ax.patches, key=lambda p: -p.get_y())]  # top to bottom
    assert widths == pytest.approx([round(changes[n] / 1e8, 1) for n in ups + downs[::-1]])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ups + downs[::-1]
    out = tmp_path / "industries.png"
    png = industries.chart(JAN15, top_n=5, path=out, size=(900, 600))
    assert png_size(png) == (900, 600) and out.read_bytes() == png


def test_a_day_with_fewer_risers_than_asked_draws_what_there_is(industries):
    changes = industry_changes(JAN15, JAN14)
    risers = sum(1 for v in changes.values() if v > 0)
    report = industries.day(JAN15, top_n=20)
    assert len(chart_bars(report, 20)) == risers + 20 and risers < 20
    first = industries.day(date(2025, 7, 25))  # no previous session with rows: no bars, still a PNG
    assert chart_bars(first, 10) == [] and len(industry_figure(first).axes[0].patches) == 0


def test_bad_chart_arguments(industries):
    with pytest.raises(ValueError, match="top_n"):
        industries.chart(JAN15, top_n=0)
    with pytest.raises(ValueError, match="chart size"):
        industries.chart(JAN15, size=(10, 10))


def test_the_turnover_chart_carries_the_shanghai_close_line():
    rows = read_snapshot()
    report = range_report(TurnoverSeries.build(rows), date(2026, 7, 31), 20, [10000.0])
    closes = {r.date: round(r.sh_close, 2) for r in rows if r.sh_close is not None}
    points = index_points(report)
    assert [c for _, c in points] == [closes[d.date] for d in report.days] and len(points) == 20
    fig = turnover_figure(report, with_index=True)
    bars, line = fig.axes
    assert len(bars.patches) == 20 and [p.get_height() for p in bars.patches] == [d.total_yi for d in report.days]
    assert list(line.lines[0].get_ydata()) == [closes[d.date] for d in report.days]
    assert len(turnover_figure(report).axes) == 1  # bars only unless asked
    assert png_size(render_turnover_chart(report, with_index=True, size=(800, 450))) == (800, 450)
