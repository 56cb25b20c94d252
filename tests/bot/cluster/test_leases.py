"""Claims owned by a replica with a lease on the database's clock (both backends): a live owner keeps its
claims by renewing them, a dead one's run out and are taken over (as uncertain: they may have arrived),
and a replica whose wall clock is off by an hour changes nothing."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, timedelta

import time_machine

from bot.push.subscriptions import SubscriptionStore
from config.settings import Settings

DAY = date(2025, 10, 9)


def replicas(backend: Settings, lease_s: float) -> tuple[SubscriptionStore, SubscriptionStore]:
    a = SubscriptionStore.from_settings(backend)
    b = SubscriptionStore.from_settings(backend)
    a.lease_s = b.lease_s = lease_s
    return a, b


def test_a_live_owner_keeps_its_claim_a_dead_ones_is_taken_over(backend: Settings) -> None:
    a, b = replicas(backend, lease_s=1.0)
    try:
        assert a.claim("7", None, DAY, "text:0")
        assert not b.claim("7", None, DAY, "text:0")  # in flight at a
        clock.sleep(0.6)
        assert a.renew_leases() == 1  # a's heartbeat
        clock.sleep(0.6)
        assert not b.claim("7", None, DAY, "text:0") and b.take_over_expired() == 0  # renewed: still a's
        clock.sleep(1.1)  # a died: nobody renews
        assert b.take_over_expired() == 1  # it may have been sent: uncertain, sent again
        assert b.ledger_state("7", None, DAY, "text:0") == "uncertain"
        assert b.claim("7", None, DAY, "text:0") and not a.claim("7", None, DAY, "text:0")
        assert a.renew_leases() == 0  # a (back from a stall) holds nothing any more
        a.release("7", None, DAY, "text:0")  # and cannot release b's claim
        assert b.ledger_state("7", None, DAY, "text:0") == "sending"
    finally:
        a.close()
        b.close()


def test_an_expired_claim_is_claimed_directly_within_the_tries(backend: Settings) -> None:
    a, b = replicas(backend, lease_s=0.3)
    try:
        assert a.claim("8", None, DAY, "chart")
        clock.sleep(0.5)
        assert b.claim("8", None, DAY, "chart")  # no take-over pass needed: the claim itself checks the lease
        clock.sleep(0.5)
        assert a.claim("8", None, DAY, "chart")  # third send
        clock.sleep(0.5)
        assert not b.claim("8", None, DAY, "chart")  # MAX_TRIES sends: given up as maybe-delivered
    finally:
        a.close()
        b.close()


def test_leases_ignore_the_replicas_wall_clocks(backend: Settings) -> None:
    a, b = replicas(backend, lease_s=2.0)
    try:
        with time_machine.travel(datetime.now(UTC) - timedelta(hours=1), tick=True):  # a's clock is an hour slow
            assert a.claim("9", None, DAY, "text:0")
        with time_machine.travel(datetime.now(UTC) + timedelta(hours=1), tick=True):  # b's an hour fast
            assert not b.claim("9", None, DAY, "text:0") and b.take_over_expired() == 0
    finally:
        a.close()
        b.close()


def test_start_up_recovery_takes_over_only_what_a_dead_process_left(backend: Settings) -> None:
    a, b = replicas(backend, lease_s=30.0)
    try:
        assert a.claim("10", None, DAY, "text:0")
        taken = b.recover_interrupted()  # b starts while a is mid-send
        if backend.database_url is None:  # SQLite is one process: a must be dead
            assert taken == 1
        else:  # a cluster: a may be alive; its lease decides
            assert taken == 0 and b.ledger_state("10", None, DAY, "text:0") == "sending"
    finally:
        a.close()
        b.close()
