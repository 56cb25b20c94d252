"""The leader of once-per-cluster jobs on a real PostgreSQL: one holder of the advisory lock at a time; when
the leader's session dies (its process killed, its backend terminated) another one leads at its next poll."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time as clock
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from bot.cluster.leader import AdvisoryLeader, AlwaysLeader, leadership_for
from config.database import postgres_database, sqlite_database

ROOT = Path(__file__).resolve().parents[3]
HOLD = (
    "import sys, time\n"
    "from bot.cluster.leader import AdvisoryLeader\n"
    "from config.database import postgres_database\n"
    "leader = AdvisoryLeader(postgres_database(sys.argv[1]))\n"
    "print('leading' if leader.poll_now() else 'following', flush=True)\n"
    "time.sleep(120)\n"
)


def _libpq(url: str) -> str:
    parsed = make_url(url)
    return f"host={parsed.host} port={parsed.port} user={parsed.username} dbname={parsed.database}"


def test_one_leader_and_a_terminated_session_hands_over(postgres_url: str) -> None:
    db = postgres_database(postgres_url)
    a, b = AdvisoryLeader(db, name="a"), AdvisoryLeader(db, name="b")
    assert a.poll_now() and not b.poll_now()
    assert a.poll_now() and not b.poll_now()  # polls keep it where it is
    with psycopg.connect(_libpq(postgres_url), autocommit=True) as admin:  # the leader's backend is cut off
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND pid <> pg_backend_pid()"
        )
    clock.sleep(0.2)
    assert b.poll_now()  # the lock went with the session
    assert not a.poll_now()  # a notices at its next poll, and follows
    asyncio.run(b.close())  # a graceful stop steps down at once
    assert a.poll_now() and not b.is_leader


def test_a_killed_leader_process_is_replaced_at_the_next_poll(postgres_url: str) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, postgres_url], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "leading"
        follower = AdvisoryLeader(postgres_database(postgres_url))
        assert not follower.poll_now()
        holder.kill()  # SIGKILL: the kernel closes its socket, PostgreSQL ends the session
        holder.wait(10)
        deadline = clock.monotonic() + 5
        while not follower.poll_now():
            assert clock.monotonic() < deadline, "nobody took over"
            clock.sleep(0.1)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_sqlite_is_one_process_which_always_leads(tmp_path: Path) -> None:
    leader = leadership_for(sqlite_database(tmp_path / "bot.sqlite3"))
    assert isinstance(leader, AlwaysLeader) and leader.is_leader
