"""The intraday chart: PNG of the asked size from the curves of stored minute bars."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from tests.tools.intraday_fixtures import flat_session, write_csv
from tests.tools.test_charts import png_size
from tools.importer import import_file, load_kind
from tools.intraday.chart import render_intraday_chart
from tools.intraday.service import IntradayData

SH = ZoneInfo("Asia/Shanghai")


def test_curves_and_png(tmp_path, settings):
    sessions = [flat_session(date(2026, 5, d), 20e8, 30e8) for d in (11, 12, 13)]
    sessions.append(flat_session(date(2026, 5, 14), 24e8, 36e8, upto=time(14, 6)))
    assert import_file(write_csv(tmp_path / "m.csv", *sessions), load_kind("intraday"), settings).ok
    moment = datetime(2026, 5, 14, 14, 6, 30, tzinfo=SH)
    data = IntradayData(settings, clock=lambda: moment)
    curves = data.curves()
    assert curves.date == date(2026, 5, 14) and curves.at == time(14, 6) and len(curves.minutes) == 241
    assert curves.today_yi[0] == 60.0 and curves.today_yi[186] == 187 * 60.0 and curves.today_yi[187] is None
    assert curves.prev_date == date(2026, 5, 13) and curves.prev_yi[-1] == 241 * 50.0
    assert curves.mean_dates == [date(2026, 5, d) for d in (11, 12, 13)] and curves.mean_yi[120] == 121 * 50.0
    assert curves.latest_yi == 11220.0 and curves.thresholds_yi[0] == 10000.0
    assert curves.crossed == [(10000.0, time(13, 46))]  # 60 x (j + 1) >= 10000 first at j = 166
    out = tmp_path / "intra.png"
    png = data.chart(path=out, size=(1000, 600))
    assert png_size(png) == (1000, 600) and out.read_bytes() == png
    english = render_intraday_chart(curves, lang="en", size=(800, 450))
    assert png_size(english) == (800, 450) and english != png
