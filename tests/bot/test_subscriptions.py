"""Subscriptions and the push ledger in SQLite: survive reopening; never claim a part twice."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from bot.push.subscriptions import SubscriptionStore, parse_hhmm

DAY = date(2025, 10, 9)


def test_subscriptions_survive_a_restart(tmp_path: Path) -> None:
    store = SubscriptionStore.in_dir(tmp_path)
    store.subscribe(1, None, time(15, 35), "zh")
    store.subscribe(-100, 7, time(9, 30), "en")
    store.subscribe(1, None, time(16, 0), "en")  # resubscribing updates the time
    store.set_chat_lang(-100, "zh")
    store.close()
    store = SubscriptionStore.in_dir(tmp_path)
    subs = {(s.chat_id, s.thread_id): (s.push_time, s.lang) for s in store.subscriptions()}
    assert subs == {(1, None): (time(16, 0), "en"), (-100, 7): (time(9, 30), "zh")}
    assert store.push_times() == {time(16, 0), time(9, 30)}
    assert [s.chat_id for s in store.subscriptions(time(9, 30))] == [-100]
    assert store.chat_lang(-100) == "zh" and store.chat_lang(5) is None
    assert store.unsubscribe(-100, 7) and not store.unsubscribe(-100, 7)


def test_ledger_claims_once_resends_unknown_outcomes_and_never_confirmed_ones(tmp_path: Path) -> None:
    store = SubscriptionStore.in_dir(tmp_path)
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
    reopened = SubscriptionStore.in_dir(tmp_path)  # a crash leaves "sending" rows: nobody else claims them...
    assert not reopened.claim("1", 5, DAY, "text:0")
    assert reopened.ledger_counts(DAY) == {"sent": 1, "sending": 1, "uncertain": 1, "failed": 1}
    assert reopened.recover_interrupted() == 2  # (both days) ...until the next process starts: then they are sent again
    assert reopened.claim("1", 5, DAY, "text:0")
    reopened.mark_done("1", 5, DAY, "sent")
    assert reopened.done_recipients(DAY) == {("1", 5)}


def test_migration_moves_subscription_language_and_ledger(tmp_path: Path) -> None:
    store = SubscriptionStore.in_dir(tmp_path)
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
