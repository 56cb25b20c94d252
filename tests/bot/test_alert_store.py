"""Alert settings on both backends (SQLite, PostgreSQL): survive reopening, keep the opt-in time, follow a
migrated group."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.alerts.store import AlertStore
from config.settings import Settings

T0 = datetime(2025, 10, 9, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
T1 = datetime(2025, 10, 9, 3, 0, tzinfo=UTC)


def test_settings_survive_a_restart_and_reenabling_keeps_the_opt_in_time(backend: Settings) -> None:
    store = AlertStore.from_settings(backend)
    store.enable(1, None, "zh", [20000, 10000, 10000], at=T0)
    store.enable(-100, 7, "en", [15000], at=T0)
    store.set_charts(-100, 7, "en", True, [10000])
    store.enable(1, None, "zh", [25000], at=T1)  # already on: new thresholds, same opt-in time
    store.close()

    store = AlertStore.from_settings(backend)
    one = store.chat(1, None)
    assert one is not None and one.thresholds_yi == (25000,) and one.enabled_at == T0 and not one.charts
    topic = store.chat(-100, 7)
    assert topic is not None and topic.thread_id == 7 and topic.charts and topic.lang == "en"
    assert store.chat(-100, None) is None
    assert [c.chat_id for c in store.enabled_chats()] == [-100, 1]

    assert store.disable(1) and not store.disable(1)
    assert [c.chat_id for c in store.enabled_chats()] == [-100]
    store.enable(1, None, "zh", [25000], at=T1)  # opting in again starts a new opt-in time
    again = store.chat(1, None)
    assert again is not None and again.enabled_at == T1


def test_thresholds_and_charts_can_be_set_before_opting_in(backend: Settings) -> None:
    store = AlertStore.from_settings(backend)
    store.set_thresholds(5, None, "zh", [30000, 20000])
    store.set_charts(6, None, "en", True, [10000, 15000])
    assert store.enabled_chats() == []
    five, six = store.chat(5, None), store.chat(6, None)
    assert five is not None and five.thresholds_yi == (20000, 30000) and not five.enabled
    assert six is not None and six.thresholds_yi == (10000, 15000) and six.charts


def test_migration_moves_settings(backend: Settings) -> None:
    store = AlertStore.from_settings(backend)
    store.enable(-4002, None, "zh", [10000], at=T0)
    store.move_chat(-4002, -1000000004002)
    assert store.chat(-4002, None) is None
    moved = store.chat(-1000000004002, None)
    assert moved is not None and moved.enabled and moved.enabled_at == T0
