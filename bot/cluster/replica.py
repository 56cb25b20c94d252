"""Who owns a claim: one id per running bot (host, process, a random suffix).

The random part matters: a restarted process may get the pid of the dead one (containers start at
pid 1), and its claims must not look like the dead one's. One id per Application, not per module, so
tests that start a bot twice in one process get two replicas, as two processes would."""

from __future__ import annotations

import os
import secrets
import socket


def new_replica_id() -> str:
    """``host:pid:random``; short enough to store in every ledger row."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def pid_of(replica_id: str) -> int | None:
    """The process id inside a replica id (tests and logs match a killed process by it)."""
    parts = replica_id.split(":")
    return int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None
