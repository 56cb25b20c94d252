"""``marketbot data import --kind intraday`` and ``marketbot intraday`` through bot.cli.main."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from config.settings import get_settings
from tests.tools.intraday_fixtures import flat_session, write_csv
from tests.tools.test_charts import png_size
from tools.registry import reset_shared

YI = 1e8
DAYS = [date(2026, 5, 11), date(2026, 5, 12), date(2026, 5, 13)]


@pytest.fixture(autouse=True)
def env(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    reset_shared()
    yield tmp_path
    get_settings.cache_clear()
    reset_shared()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from bot.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = write_csv(env / "minutes.csv", *(flat_session(d, 20 * YI, 30 * YI) for d in DAYS))
    code, out, _ = run(capsys, "data", "import", "--kind", "intraday", str(path))
    assert code == 0 and "新增 723" in out
    return path


def test_import_is_idempotent_and_conflicts_need_replace(imported, capsys, env):
    code, out, _ = run(capsys, "data", "import", "--kind", "intraday", str(imported), "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 723
    changed = write_csv(env / "changed.csv", flat_session(DAYS[0], 21 * YI, 30 * YI, upto=time(9, 31)))
    code, out, _ = run(capsys, "data", "import", "--kind", "intraday", str(changed), "--json")
    report = json.loads(out)
    assert code == 1 and report["skipped"] == 2 and "--replace" in report["problems"][0]["message"]
    code, out, _ = run(capsys, "data", "import", "--kind", "intraday", str(changed), "--replace", "--json")
    assert code == 0 and json.loads(out)["replaced"] == 2
    code, out, _ = run(capsys, "intraday", "--date", "2026-05-11", "--at", "09:31", "--json")
    assert json.loads(out)["total_yi"] == 2 * 51  # both replaced minutes now hold 21 + 30


def test_bad_rows_are_reported_by_line_and_the_good_ones_land(capsys, env):
    path = env / "bad.csv"
    path.write_text(
        "time,sh_amount_yuan,sz_amount_yuan\n"
        "2026-05-13 09:30,1e9,2e9\n"
        "2026-05-13 12:00,1e9,2e9\n"  # lunch break
        "2026-05-16 10:00,1e9,2e9\n"  # a Saturday
        "2026-05-13 09:31,-5,2e9\n"
        "2026-05-13 09:32,abc,2e9\n"
        "2026-05-13 9h33,1e9,2e9\n"
        "2026-05-13 15:01,1e9,2e9\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "data", "import", "--kind", "intraday", str(path), "--lang", "en")
    assert code == 1 and "1 new" in out and "6 skipped" in out
    for line, words in [
        (3, "not a bar"),
        (4, "Saturday"),
        (5, "zero or more"),
        (6, "not a number"),
        (7, "HH:MM"),
        (8, "not a bar"),
    ]:
        assert f"line {line}: " in out and words in out.split(f"line {line}: ")[1].splitlines()[0]


def test_intraday_at_a_minute_of_a_past_session(imported, capsys):
    code, out, _ = run(capsys, "intraday", "--date", "2026-05-13", "--at", "10:00")
    assert code == 0
    first = out.splitlines()[0]
    assert first == "截至2026-05-13 10:00，沪深两市成交额1550.0亿元（沪市620.0亿元，深市930.0亿元）。"
    assert "与上一交易日（05-12）同一时间（1550.0亿元）基本持平" in out
    code, out, _ = run(capsys, "intraday", "--date", "2026-05-13", "--at", "10:00", "--json")
    body = json.loads(out)
    assert body["total_yi"] == 1550.0 and body["at"] == "10:00:00" and body["estimate"]["total_yi"] == 12050.0
    code, out, _ = run(capsys, "intraday", "--date", "2026-05-13", "--lang", "en")
    assert out.startswith("Full day (2026-05-13) Shanghai + Shenzhen turnover: 1.21 trillion yuan")


def test_intraday_chart_file(imported, capsys, env):
    out_path = env / "intra.png"
    code, _, err = run(capsys, "intraday", "--date", "2026-05-13", "--at", "13:30", "--chart", str(out_path))
    assert code == 0 and png_size(out_path.read_bytes()) == (1200, 675) and str(out_path) in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["intraday", "--date", "2026-05-14"], "没有分钟成交额数据"),
        (["intraday", "--date", "2026-05-13", "--at", "09:00"], "尚未开盘"),
        (["intraday", "--date", "2999-01-01"], "未来"),
        (["intraday", "--date", "2026-13-01"], "无效日期"),
    ],
)
def test_bad_input_is_one_line(imported, capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.startswith("marketbot: ") and words in err and err.count("\n") == 1


def test_bad_minute_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "intraday", "--at", "25:99")
    assert exit_info.value.code == 2 and "HH:MM" in capsys.readouterr().err


def test_refresh_fetches_then_reports(capsys):
    import responses
    from responses.matchers import query_param_matcher

    from tests.tools.intraday_fixtures import SECIDS, TRENDS_URL, trends_payload

    bars = flat_session(DAYS[1], 20 * YI, 30 * YI) | flat_session(DAYS[2], 24 * YI, 36 * YI)
    with responses.RequestsMock() as rsps:
        for code in ("000001", "399106"):
            rsps.get(
                TRENDS_URL,
                json=trends_payload(code, bars),
                match=[query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
            )
        code, out, _ = run(capsys, "intraday", "--refresh", "--date", "2026-05-13", "--at", "10:00", "--json")
    body = json.loads(out)
    assert code == 0 and body["total_yi"] == 31 * 60 and body["prev"]["diff_yi"] == 31 * 10


def test_failed_refresh_is_said_and_the_stored_bars_still_answer(imported, capsys):
    import responses

    from tests.tools.intraday_fixtures import TRENDS_URL

    with responses.RequestsMock() as rsps:
        rsps.get(TRENDS_URL, status=502)
        code, out, err = run(capsys, "intraday", "--refresh", "--date", "2026-05-13", "--at", "10:00")
    assert code == 0 and "refresh failed: eastmoney:trends2: server error (HTTP 502)" in err
    assert out.startswith("截至2026-05-13 10:00")
