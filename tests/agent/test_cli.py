"""``marketbot ask`` and ``marketbot chat`` end to end over the real data layer (offline answerer)."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

from agent.answer import Answer, SourceRef
from agent.cli import format_answer, run_chat
from bot.cli import build_parser, run_handler
from config import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, load_demo_corpus=False, auto_fetch=False)


def run(argv: list[str], settings: Settings) -> int:
    return run_handler(build_parser().parse_args(argv), settings)


def test_ask_prints_answer_and_sources(settings, capsys):
    assert run(["ask", "2025年10月9日两市成交额是多少？"], settings) == 0
    out = capsys.readouterr().out
    assert "2025年10月9日" in out and "26532.0亿元" in out


def test_date_pins_the_clock(settings):
    from agent.cli import _service

    service = _service(settings, datetime(2025, 10, 9).date())
    assert service.ctx.now().isoformat() == "2025-10-09T15:30:00+08:00"
    assert service.ctx.market.now().date().isoformat() == "2025-10-09"


def test_ask_json_and_english(settings, capsys):
    assert run(["ask", "What was the turnover on 2025-10-09?", "--json", "--lang", "en"], settings) == 0
    answer = Answer.model_validate_json(capsys.readouterr().out)
    assert answer.mode == "offline" and answer.lang == "en" and answer.meta["date"] == "2025-10-09"
    assert "26,532.0" in answer.text or "26532.0" in answer.text


def test_ask_leaves_no_memory_behind(settings, capsys):
    from agent.memory import ConversationMemory

    run(["ask", "2025年10月9日两市成交额是多少？"], settings)
    assert ConversationMemory(settings).message_count() == 0


def test_bad_date_is_a_usage_error(settings, capsys):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["ask", "x", "--date", "2025-13-40"])
    assert info.value.code == 2 and "not a date" in capsys.readouterr().err


def test_chat_keeps_memory_and_exits(settings):
    args = build_parser().parse_args(["chat", "--conversation", "t1", "--new"])
    stdin = io.StringIO("2025年10月9日两市成交额是多少？\n\n那前一天呢？\nexit\nnot read\n")
    stdout = io.StringIO()
    assert run_chat(args, settings, stdin=stdin, stdout=stdout) == 0
    out = stdout.getvalue()
    assert "26532.0亿元" in out and "21814.2亿元" in out  # the follow-up resolved from memory
    assert out.count("\n\n") >= 2


def test_chat_ends_on_eof(settings):
    args = build_parser().parse_args(["chat"])
    assert run_chat(args, settings, stdin=io.StringIO(""), stdout=io.StringIO()) == 0


def test_format_answer_lists_sources():
    answer = Answer(
        text="成交额放量[1]。",
        sources=[SourceRef(n=1, title="收评", url="https://news.example/1", published_at=datetime(2025, 10, 9, 15, 0))],
    )
    assert format_answer(answer) == "成交额放量[1]。\n\n来源：\n[1] 收评 (2025-10-09) https://news.example/1"
    assert json.loads(answer.model_dump_json())["sources"][0]["n"] == 1


@pytest.mark.parametrize(
    "question, message",
    [
        ("   ", "empty"),
        ("成交额" * 400, "问题太长了（1200个字符，上限1000个）"),  # in the question's language
        ("turnover " * 150, "too long (1349 characters"),
    ],
)
def test_empty_and_huge_questions_get_one_clear_line(settings, capsys, question, message):
    assert run(["ask", question], settings) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err and "Traceback" not in captured.err


def test_now_answers_as_of_a_moment(settings, capsys, tmp_path):
    from datetime import date, time

    from tests.tools.intraday_fixtures import flat_session, write_csv
    from tools.importer import import_file, load_kind

    csv = write_csv(
        tmp_path / "m.csv",
        flat_session(date(2026, 7, 30), 36e8, 54e8),
        flat_session(date(2026, 7, 31), 48e8, 72e8, upto=time(14, 10)),
    )
    assert import_file(csv, load_kind("intraday"), settings).ok
    assert run(["ask", "--now", "2026-07-31 10:00", "现在成交额多少？"], settings) == 0
    assert capsys.readouterr().out.startswith("截至2026-07-31 10:00，沪深两市成交额3720.0亿元")  # 31 x 120
    assert run(["ask", "--now", "2026-08-01 10:00", "--json", "现在成交额多少？"], settings) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["text"].startswith("今天（2026-08-01）休市") and body["meta"]["at"] == "14:10"


def test_now_must_be_a_moment(settings, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["ask", "--now", "2026-07-31", "现在成交额多少？"], settings)
    assert exit_info.value.code == 2 and "YYYY-MM-DD HH:MM" in capsys.readouterr().err


def test_the_first_run_says_what_it_is_doing_on_stderr(settings, capsys):
    assert run(["ask", "2025年10月9日两市成交额是多少？"], settings) == 0
    first = capsys.readouterr()
    assert first.err.startswith("marketbot：首次运行，正在准备本地数据目录") and "26532.0亿元" in first.out
    assert run(["ask", "What was turnover on 2025-10-09?"], settings) == 0
    assert capsys.readouterr().err == ""  # the data directory is ready: nothing to say


def test_chat_refuses_an_overlong_line_and_goes_on(settings):
    args = build_parser().parse_args(["chat", "--conversation", "long"])
    out = io.StringIO()
    run_chat(args, settings, io.StringIO("成交额" * 400 + "\n2025年10月9日两市成交额是多少？\n"), out)
    text = out.getvalue()
    assert "问题太长了" in text and "26532.0亿元" in text


def test_usage_prints_the_recorded_sums(settings, capsys):
    from agent.llm.usage_store import UsageRecord, UsageStore

    store = UsageStore(settings)
    today = datetime.now(settings.zone).date()
    store.record(UsageRecord(today, 7, 7, "deepseek-chat", "https://api.deepseek.com/v1", 1200, 80, 3))
    store.record(UsageRecord(today, 8, -100, "deepseek-chat", "https://api.deepseek.com/v1", 800, 20, 2))
    store.close()
    assert run(["usage", "--lang", "en"], settings) == 0
    out = capsys.readouterr().out
    assert f"Today ({today}): 2,100 tokens (input 2,000, output 100), 5 model calls, 2 answers" in out
    assert "chat 7: 1,280 tokens, 1 answers" in out and "no price set for: deepseek-chat" in out
    assert run(["usage", "--user", "8", "--lang", "en"], settings) == 0
    mine = capsys.readouterr().out
    assert mine.startswith("Your LLM usage") and "820 tokens" in mine and "Top chats" not in mine


def test_an_ask_process_closes_its_databases_before_it_exits(tmp_path):
    """A one-shot ``ask`` process skips the exit's last garbage collection (agent.cli._settle_for_exit), so it
    closes its stores itself: the data directory is left as closed stores leave it (no WAL or shared-memory
    files), the first run's and the next run's alike."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MARKETBOT_"))}
    env.update(MARKETBOT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(root))
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "ask", "2025年成交额最高是哪天", "--date", "2026-07-31"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "2025年8月27日（周三），31655.6亿元" in done.stdout
        assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["turnover.sqlite", "usage.sqlite3"]


def test_close_all_releases_every_sqlite_file(tmp_path):
    from config.database import close_all, sqlite_database

    db = sqlite_database(tmp_path / "a.sqlite")
    with db.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    assert (tmp_path / "a.sqlite-wal").exists()  # an open connection keeps its WAL
    close_all()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite"]
    with db.connect() as conn:  # a store used afterwards opens a new connection
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
    db.close()
