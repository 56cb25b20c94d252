"""Real `marketbot run` replicas for the cluster test and benchmark: each a process (python -m bot.cli run via a
small launcher) in webhook mode on its own port and data directory, on one PostgreSQL database and the local
Bot API server, with its wall clock shifted by time-machine (PostgreSQL's clock stays real) and the
harness's stand-in market service.

The launcher shortens the cluster's intervals (lease, leader poll, catch-up scan) so that a take-over fits
in a test, and can change the cluster's send budget (the benchmark)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from bisect import bisect_left
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SECRET = "cluster-Secret_0123456789"
WEBHOOK_URL = "https://bot.example.test/tg"
LAUNCH = (
    "import sys, datetime, time_machine\n"
    "time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()\n"
    "import bot.app, bot.cluster.budget, bot.push.runner, bot.push.subscriptions\n"
    "from tests.bot.harness import StandInService\n"
    "bot.app.open_service = lambda settings: StandInService()\n"
    "lease, poll, catch_up, rate = (float(v) for v in sys.argv[2:6])\n"
    "bot.push.subscriptions.LEASE_S = lease\n"
    "bot.push.runner.POLL_S = poll\n"
    "bot.app.CATCH_UP_EVERY = catch_up\n"
    "bot.cluster.budget.CLUSTER_PER_SECOND = rate\n"
    "from bot.cli import main\n"
    "sys.exit(main(['run']))\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak(times: list[float], window: float) -> int:
    """The most calls within any ``window`` seconds."""
    ordered = sorted(times)
    return max((bisect_left(ordered, t + window) - i for i, t in enumerate(ordered)), default=0)


async def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


class Replica:
    def __init__(
        self,
        index: int,
        root: Path,
        base_url: str,
        database_url: str,
        *,
        lease_s: float = 3.0,
        poll_s: float = 2.0,
        catch_up_s: float = 3.0,
        rate: float = 20.0,
    ) -> None:
        self.index = index
        self.port = free_port()
        self.data_dir = root / f"replica{index}"  # each replica's own: nothing shared lives there
        self.log = root / f"replica{index}.log"
        self.intervals = [str(v) for v in (lease_s, poll_s, catch_up_s, rate)]
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETBOT_")}
        self.env.update(
            MARKETBOT_TELEGRAM_TOKEN="123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
            MARKETBOT_TELEGRAM_BASE_URL=base_url,
            MARKETBOT_DATA_DIR=str(self.data_dir),
            MARKETBOT_DATABASE_URL=database_url,
            MARKETBOT_WEBHOOK_URL=WEBHOOK_URL,
            MARKETBOT_WEBHOOK_SECRET=SECRET,
            MARKETBOT_WEBHOOK_LISTEN="127.0.0.1",
            MARKETBOT_WEBHOOK_PORT=str(self.port),
            MARKETBOT_LOAD_DEMO_CORPUS="false",
            MARKETBOT_LOG_LEVEL="INFO",
            NO_PROXY="127.0.0.1,localhost",
            PYTHONPATH=str(ROOT),
        )
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, now: datetime) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LAUNCH, now.isoformat(), *self.intervals, cwd=str(ROOT), env=self.env,
            stdout=self.log.open("ab"), stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tg"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # SIGKILL: no handler, no stop hook, nothing flushed
        await self.proc.wait()

    async def stop(self, timeout: float = 30) -> int | None:
        """SIGINT (SIGTERM behaves the same) and wait; killed if it does not stop in time."""
        if self.proc is None or self.proc.returncode is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        return self.proc.returncode
