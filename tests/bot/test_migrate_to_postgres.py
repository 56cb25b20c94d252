"""``marketbot data migrate-to-postgres`` for real: a SQLite deployment written by the stores themselves is
copied into a throwaway PostgreSQL database (tests/pg.py), read back through the same stores on PostgreSQL,
and a second run changes nothing. A bad or unreachable URL is one line with no password."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from agent.answer import Turn
from agent.llm.usage_store import UsageRecord, UsageStore
from agent.memory import ConversationMemory
from bot.alerts.store import AlertStore
from bot.cli import main
from bot.push.subscriptions import SubscriptionStore
from config.settings import Settings, get_settings
from tools.boards.store import BoardRow, BoardStore
from tools.daily.models import DailyTurnover
from tools.daily.store import TurnoverStore
from tools.intraday.models import MinuteBar
from tools.intraday.store import MinuteStore
from tools.registry import reset_shared

DAY = date(2026, 8, 3)
AT = datetime(2026, 8, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def deployment(clean_env: Path, monkeypatch: pytest.MonkeyPatch, postgres_url: str) -> Iterator[Path]:
    """A SQLite data dir with a bit of every kind of state, and the environment pointing at PostgreSQL."""
    data_dir = clean_env / "data"
    subs = SubscriptionStore.in_dir(data_dir)
    subs.subscribe(-1001, None, time(15, 35), "zh")
    subs.subscribe(-1002, 7, time(16, 0), "en")
    subs.set_chat_lang(42, "en")
    assert subs.claim("-1001", None, DAY, "text:0")
    subs.mark_sent("-1001", None, DAY, "text:0", 555)
    assert subs.claim("-1001", None, DAY, "chart")  # in flight when the process stopped
    subs.close()
    alerts = AlertStore.in_dir(data_dir)
    alerts.enable(-1001, None, "zh", [10000, 15000], at=AT)
    alerts.close()
    memory = ConversationMemory(Settings(data_dir=data_dir))
    memory.append(
        "-1001:0", Turn(role="user", text="今天成交额？"), Turn(role="assistant", text="2.5万亿", meta={"d": 1})
    )
    memory.close()
    usage = UsageStore(Settings(data_dir=data_dir))
    usage.record(UsageRecord(DAY, 7, -1001, "m", "e", 100, 20, 1))
    usage.record(UsageRecord(DAY, 7, -1001, "m", "e", 50, 10, 1))
    usage.close()
    daily = TurnoverStore.open(data_dir)
    daily.upsert([DailyTurnover(date=DAY, sh_yuan=1.1e12, sz_yuan=1.3e12, source="live", fetched_at=AT)])
    daily.close()
    minutes = MinuteStore.open(data_dir)
    minutes.upsert([MinuteBar(day=DAY, minute=time(9, 31), sh_yuan=1e9, sz_yuan=2e9, source="t", fetched_at=AT)])
    minutes.close()
    boards = BoardStore.open(data_dir)
    boards.upsert([BoardRow(code="BK1", date=DAY, amount_yuan=1e10, name="b", source="t", fetched_at=AT)])
    boards.close()
    monkeypatch.setenv("MARKETBOT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MARKETBOT_DATABASE_URL", postgres_url)
    get_settings.cache_clear()
    reset_shared()
    yield data_dir
    get_settings.cache_clear()
    reset_shared()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["data", "migrate-to-postgres", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_sqlite_deployment_moves_to_postgres_once(
    deployment: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert "bot.sqlite3 subscriptions: 2 rows, 2 copied" in lines
    assert "bot.sqlite3 chat_prefs: 1 rows, 1 copied" in lines
    assert "bot.sqlite3 push_ledger: 2 rows, 2 copied" in lines
    assert "alerts.sqlite3 alert_chats: 1 rows, 1 copied" in lines
    assert "memory.sqlite3 turns: 2 rows, 2 copied" in lines
    assert "usage.sqlite3 llm_usage: 2 rows, 2 copied" in lines
    assert "industries.sqlite: no such file, nothing to copy" in lines  # never opened in this deployment
    daily = next(line for line in lines if line.startswith("turnover.sqlite daily_turnover"))
    assert daily.endswith(" copied") and int(daily.split()[2]) > 8000  # the bundled history and the live day

    shared = Settings(data_dir=deployment / "elsewhere", database_url=postgres_url)  # type: ignore[arg-type]
    subs = SubscriptionStore.from_settings(shared)
    assert [(s.chat_id, s.thread_id, s.push_time, s.lang) for s in subs.subscriptions()] == [
        (-1002, 7, time(16, 0), "en"),
        (-1001, None, time(15, 35), "zh"),
    ]
    assert subs.chat_lang(42) == "en"
    assert subs.ledger_state("-1001", None, DAY, "text:0") == "sent"
    assert subs.ledger_state("-1001", None, DAY, "chart") == "uncertain"  # sent again, as a restart would
    alert = AlertStore.from_settings(shared).chat(-1001, None)
    assert alert is not None and alert.thresholds_yi == (10000, 15000) and alert.enabled_at == AT
    assert [t.text for t in ConversationMemory(shared).load("-1001:0")] == ["今天成交额？", "2.5万亿"]
    assert TurnoverStore.from_settings(shared).get(DAY) is not None
    assert MinuteStore.from_settings(shared).sessions() == [DAY]
    assert [r.code for r in BoardStore.from_settings(shared).all()] == ["BK1"]
    usage = UsageStore(shared)
    usage.record(UsageRecord(DAY, 7, -1001, "m", "e", 1, 1, 1))  # a new row after the copied ids
    assert usage.totals(DAY, date(2026, 8, 4), user_id=7).tokens == 182

    code, again, err = _run(capsys)
    assert code == 0, err
    copied = [line for line in again.splitlines() if line.endswith(" copied")]
    assert copied and all(line.endswith(" 0 copied") for line in copied)  # idempotent


def test_a_bad_or_unreachable_url_is_one_line_without_the_password(
    deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "--url", "mysql://bot:hunter2@db/market")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "postgresql://" in err
    assert "hunter2" not in err
    code, out, err = _run(capsys, "--url", "postgresql://bot:hunter2@127.0.0.1:1/market")
    assert code != 0 and len(err.strip().splitlines()) == 1 and "127.0.0.1" in err
    assert "hunter2" not in err and "Traceback" not in err
