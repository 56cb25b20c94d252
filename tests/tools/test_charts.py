"""Chart rendering: a valid PNG of the asked pixel size, drawn with a font that has the Chinese glyphs."""

from __future__ import annotations

import struct
import zlib
from datetime import date

import pytest

from tools.daily.analytics import TurnoverSeries, range_report
from tools.daily.chart import lines_in_range, render_turnover_chart
from tools.daily.store import read_snapshot
from tools.fonts import cjk_font_family, mplfonts_dir

LINES = [10000.0, 15000.0, 20000.0, 25000.0, 30000.0]


@pytest.fixture(scope="module")
def report():
    return range_report(TurnoverSeries.build(read_snapshot()), date(2025, 10, 9), 60, LINES)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    crc = struct.unpack(">I", png[16 + length : 20 + length])[0]
    assert crc == zlib.crc32(png[12 : 16 + length])  # a well-formed chunk, not just a magic number
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("size", [(1200, 675), (800, 800)])
def test_png_of_the_asked_size(report, tmp_path, size):
    out = tmp_path / "sub" / "t.png"
    png = render_turnover_chart(report, thresholds_yi=LINES, highlight=date(2025, 10, 9), size=size, path=out)
    assert png_size(png) == size
    assert out.read_bytes() == png
    assert png.endswith(b"IEND\xaeB`\x82")


def test_english_labels_render(report):
    assert png_size(render_turnover_chart(report, lang="en", size=(600, 400))) == (600, 400)


def test_cjk_font_has_the_label_glyphs():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    family = cjk_font_family()
    assert family is not None
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    font = FT2Font(path)
    for ch in "沪深两市成交额亿元万个交易日至数据来源":
        assert font.get_char_index(ord(ch)) != 0, ch


def test_bundled_noto_font_is_preferred():
    folder = mplfonts_dir()
    if folder is None or not (folder / "NotoSansCJKsc-Regular.otf").is_file():
        pytest.skip("mplfonts not installed")
    assert cjk_font_family() == "Noto Sans CJK SC"


def test_threshold_lines_in_range():
    assert lines_in_range(LINES, 26532.0) == [10000.0, 15000.0, 20000.0, 25000.0, 30000.0]
    assert lines_in_range(LINES, 9000.0) == [10000.0]
    assert lines_in_range(LINES, 5000.0) == []
