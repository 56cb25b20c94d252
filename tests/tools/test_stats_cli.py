"""``marketbot stats`` in-process through bot.cli.main: text, --json (UTF-8, not \\u escapes), one-line errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import get_settings
from tools.registry import reset_shared


@pytest.fixture(autouse=True)
def env(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    reset_shared()
    yield tmp_path / "data"
    get_settings.cache_clear()
    reset_shared()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from bot.cli import main

    code = main(["stats", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_offers_every_measure():
    from tools.cli import STATS_MEASURES
    from tools.stats.models import MEASURES

    assert STATS_MEASURES == MEASURES


def test_summary_text(capsys):
    code, out, err = run(capsys, "--period", "2015-06")
    assert code == 0 and err == ""
    assert out.startswith("沪深两市成交额 · 2015年6月：2015-06-01至2015-06-30，21个交易日")
    assert "最高 2015-06-08（22685.0亿元）" in out


def test_json_is_utf8_and_parses(capsys):
    code, out, _ = run(capsys, "count", "-p", "2025", "-t", "1万亿", "--json")
    assert code == 0 and "\\u" not in out and "亿元" in out
    data = json.loads(out)
    assert data["measure"] == "count" and data["threshold_yi"] == 10000.0 and data["period"]["label"] == "2025年"


def test_english_comparison_and_parts(capsys):
    code, out, _ = run(capsys, "compare", "-p", "2025", "--compare-to", "2024", "--lang", "en")
    assert code == 0 and "different session counts (243 vs 242)" in out
    code, out, _ = run(capsys, "top", "-p", "2024", "--part", "sh", "-n", "2")
    assert code == 0 and out.startswith("沪市成交额 · 2024年") and "  2. " in out and "  3. " not in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("-p", "next-week"), "看不懂的时间段"),
        (("-p", "2024-W07"), "没有交易日"),
        (("count", "-p", "2025"), "threshold"),
        (("rank", "-p", "2025", "--date", "2025-10-01"), "国庆节"),
        (("top", "-n", "500"), "n:"),
        (("-p", "2015-13"), "无效月份"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1 and "Traceback" not in err


def test_bad_threshold_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        run(capsys, "count", "-t", "lots")
    assert caught.value.code == 2 and "1.5万亿" in capsys.readouterr().err


def test_between_percentile_days_group_and_aligned(capsys):
    code, out, _ = run(capsys, "count", "-p", "2025", "--between", "1.5万亿", "1万亿")
    assert code == 0 and "在1万亿至1.5万亿之间（含两端）的交易日：88个，占36.21%" in out
    code, out, _ = run(capsys, "percentile", "--value", "3万亿", "-p", "2025")
    assert code == 0 and "30000.0亿元 不低于" in out and "略高于它的" in out
    code, out, _ = run(capsys, "days", "-p", "2026-W30", "--lang", "en")
    assert code == 0 and "2026-07-20  27,021.3 亿元 | 12,946.5 亿元 | 14,074.8 亿元" in out
    assert "sum 124,390.1 亿元 | SH 58,905.6 亿元 | SZ 65,484.5 亿元" in out
    code, out, _ = run(capsys, "days", "--dates", "2024-10-08,2024-10-01", "--json")
    data = json.loads(out)
    assert code == 0 and data["named_dates"] and [r["date"] for r in data["rows"]] == ["2024-10-08"]
    assert data["missing"][0]["date"] == "2024-10-01"
    code, out, _ = run(capsys, "group", "-p", "2025", "--group-by", "quarter")
    assert code == 0 and "按季度分组，共4组" in out and "最高：2025年第3季度（1373966.4亿元）" in out
    code, out, _ = run(capsys, "compare", "-p", "2025-10", "--aligned", "--json")
    data = json.loads(out)
    assert data["mode"] == "aligned" and data["aligned_sessions"] == data["b"]["period"]["sessions"] == 17
    code, out, _ = run(capsys, "summary", "-p", "2025H1")
    assert code == 0 and out.startswith("沪深两市成交额 · 2025年上半年：2025-01-02至2025-06-30，117个交易日")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("count", "-t", "1万亿", "--between", "1万亿", "2万亿"), "--between"),
        (("percentile", "-p", "2025"), "value_yi"),
        (("days", "--dates", "2024-10-08,2024-13-01"), "无效日期"),
        (("days", "--dates", "2024-10-01"), "国庆节"),
    ],
)
def test_bad_new_shapes_are_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1 and "Traceback" not in err


def test_moves_from_the_command_line(capsys):
    # 单日放量最多 and runs of 放量 days: the same query fields as the offline reader and the LLM tool
    code, out, _ = run(capsys, "top", "-p", "2026", "-n", "1", "--order-by", "change")
    assert code == 0 and "按较上一交易日的变化" in out and "2026-04-08" in out and "+8201.3亿元" in out
    code, out, _ = run(capsys, "streak", "-p", "2026", "--volume-move", "up")
    assert code == 0 and "2026-01-09至2026-01-14，4个交易日" in out and "同样长：2026-06-16至2026-06-22" in out


def test_index_statistics_from_the_command_line(capsys):
    # 上证跌超2%的日子 and 上证最高收盘: the index fields the reader and the LLM tool also use
    code, out, _ = run(capsys, "count", "-p", "2026", "--index-pct-below", "-2")
    assert code == 0 and "sh_pct<-2的交易日：7个" in out
    code, out, _ = run(capsys, "top", "-p", "2026", "-n", "1", "--order-by", "sh_close")
    assert code == 0 and "按指数收盘点位" in out and "2026-05-13" in out and "4242.57点" in out
