"""Subscriptions and the push ledger on both backends (SQLite, PostgreSQL): survive reopening; never claim a
part twice, also when several replicas claim at once."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.push.ledger import push_ledger
from bot.push.subscriptions import SubscriptionStore, parse_hhmm
from config.settings import Settings

DAY = date(2025, 10, 9)


def test_subscriptions_survive_a_restart(backend: Settings) -> None:
    store = SubscriptionStore.from_settings(backend)
    store.subscribe(1, None, time(15, 35), "zh")
    store.subscribe(-100, 7, time(9, 30), "en")
    store.subscribe(1, None, time(16, 0), "en")  # resubscribing updates the time
    store.set_chat_lang(-100, "zh")
    store.close()
    store = SubscriptionStore.from_settings(backend)
    subs = {(s.chat_id, s.thread_id): (s.push_time, s.lang) for s in store.subscriptions()}
    assert subs == {(1, None): (time(16, 0), "en"), (-100, 7): (time(9, 30), "zh")}
    assert store.push_times() == {time(16, 0), time(9, 30)}
    assert [s.chat_id for s in store.subscriptions(time(9, 30))] == [-100]
    assert store.chat_lang(-100) == "zh" and store.chat_lang(5) is None
    assert store.unsubscribe(-100, 7) and not store.unsubscribe(-100, 7)


def test_ledger_claims_once_resends_unknown_outcomes_and_never_confirmed_ones(backend: Settings) -> None:
    store = SubscriptionStore.from_settings(backend)
    assert store.claim("1", None, DAY, "text:0")
    assert not store.claim("1", None, DAY, "text:0")  # in flight: nobody else may send it
    store.release("1", None, DAY, "text:0")  # Telegram said no: free to retry
    assert store.claim("1", None, DAY, "text:0")
    store.mark_sent("1", None, DAY, "text:0", 42)
    store.release("1", None, DAY, "text:0")  # a sent part is never released
    assert store.ledger_state("1", None, DAY, "text:0") == "sent"
    assert store.claim("1", None, date(2025, 10, 10), "text:0")  # another day is another push
    assert store.claim("1", 5, DAY, "text:0")  # another forum topic too
    assert store.claim("2", None, DAY, "chart")
    store.mark_uncertain("2", None, DAY, "chart")  # a timeout: it may have arrived, so it is sent again...
    assert store.claim("2", None, DAY, "chart")
    store.release("2", None, DAY, "chart")  # ...a 5xx on the second send: the first one still counts
    assert store.ledger_state("2", None, DAY, "chart") == "uncertain"
    assert store.claim("2", None, DAY, "chart")
    store.mark_uncertain("2", None, DAY, "chart")
    assert store.claim("2", None, DAY, "chart")  # third send
    store.mark_uncertain("2", None, DAY, "chart")
    assert not store.claim("2", None, DAY, "chart")  # MAX_TRIES unconfirmed sends: given up as maybe-delivered
    assert store.claim("3", None, DAY, "text:0")
    store.mark_failed("3", None, DAY, "text:0")  # refused for good: not retried today
    assert not store.claim("3", None, DAY, "text:0")
    store.close()
    reopened = SubscriptionStore.from_settings(backend)  # a crash leaves "sending" rows: nobody else claims them...
    assert not reopened.claim("1", 5, DAY, "text:0")
    assert reopened.ledger_counts(DAY) == {"sent": 1, "sending": 1, "uncertain": 1, "failed": 1}
    if backend.database_url is None:  # SQLite is one process: another replica's claims are a dead one's
        assert reopened.recover_interrupted() == 2  # (both days) ...until the next process starts: sent again
    else:  # PostgreSQL: they may be a live replica's sends, taken over only once their lease runs out
        assert reopened.recover_interrupted() == 0
        with reopened.db.connect() as conn:  # their owner stopped renewing them a minute ago
            conn.execute(update(push_ledger).values(lease_until=push_ledger.c.lease_until - 60 - reopened.lease_s))
        assert reopened.recover_interrupted() == 2
    assert reopened.claim("1", 5, DAY, "text:0")
    reopened.mark_done("1", 5, DAY, "sent")
    assert reopened.done_recipients(DAY) == {("1", 5)}


def test_migration_moves_subscription_language_and_ledger(backend: Settings) -> None:
    store = SubscriptionStore.from_settings(backend)
    store.subscribe(-5, None, time(15, 35), "en")
    store.set_chat_lang(-5, "en")
    store.claim("-5", None, DAY, "text:0")
    store.mark_sent("-5", None, DAY, "text:0", 1)
    store.move_chat(-5, -1005)
    assert [s.chat_id for s in store.subscriptions()] == [-1005]
    assert store.chat_lang(-1005) == "en"
    assert not store.claim("-1005", None, DAY, "text:0")
    assert store.unsubscribe(-1005, all_threads=True) and store.subscriptions() == []


@pytest.mark.parametrize("text", ["25:00", "15", "15:5", "ab:cd", "15:60", ""])
def test_bad_times_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hhmm(text)


def test_good_times() -> None:
    assert parse_hhmm(" 9:30 ") == time(9, 30) and parse_hhmm("15:35") == time(15, 35)


def test_replicas_share_subscriptions_and_exactly_one_wins_each_claim(backend: Settings) -> None:
    replicas = [SubscriptionStore.from_settings(backend) for _ in range(4)]
    try:
        replicas[0].subscribe(-100500, None, time(15, 35), "zh")
        assert [s.chat_id for s in replicas[3].subscriptions(time(15, 35))] == [-100500]  # a 64-bit chat id
        barrier = threading.Barrier(len(replicas))
        won: list[bool] = []

        def claim(store: SubscriptionStore) -> None:
            barrier.wait()
            won.extend(store.claim(str(-100500), None, DAY, f"text:{i}") for i in range(20))

        threads = [threading.Thread(target=claim, args=(store,)) for store in replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert won.count(True) == 20 and len(won) == 80  # each of the 20 parts claimed by exactly one replica
        assert replicas[1].ledger_counts(DAY) == {"sending": 20}
    finally:
        for store in replicas:
            store.close()


def test_a_ledger_written_before_tries_were_counted_is_upgraded(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        db.execute(
            "CREATE TABLE push_ledger (target TEXT NOT NULL, thread_id INTEGER NOT NULL DEFAULT 0,"
            " trading_day TEXT NOT NULL, part TEXT NOT NULL, state TEXT NOT NULL, message_id INTEGER,"
            " updated_at TEXT NOT NULL, PRIMARY KEY (target, thread_id, trading_day, part))"
        )
        db.execute("INSERT INTO push_ledger VALUES ('1', 0, '2025-10-09', 'chart', 'uncertain', NULL, 'x')")
    store = SubscriptionStore.in_dir(tmp_path)
    try:
        assert store.claim("1", None, DAY, "chart")  # tries 1 -> 2: re-sent
        assert store.ledger_state("1", None, DAY, "chart") == "sending"
    finally:
        store.close()
