"""Once-per-cluster jobs on two bots sharing one PostgreSQL: the market refresh and news ingestion run on the
leader only; when the leader's session dies, the other bot leads from its next poll and runs them."""

from __future__ import annotations

from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url
from telegram.ext import Application

from bot.deps import BotDeps
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot


async def run_job(app: Application, name: str) -> None:
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(name)
    await job.run(app)


def refreshes(service: StandInService) -> int:
    return sum(1 for name, _ in service.calls if name in ("refresh_market", "refresh_news"))


async def test_only_the_leader_refreshes_and_another_takes_over(
    botapi: FakeBotAPI, postgres_url: str, tmp_path: Path
) -> None:
    services = (StandInService(), StandInService())
    settings = [bot_settings(tmp_path / f"r{i}", botapi, database_url=postgres_url) for i in range(2)]
    async with (
        running_bot(settings[0], services[0], polling=False) as first,
        running_bot(settings[1], services[1], polling=False) as second,
    ):
        apps = (first, second)
        deps: list[BotDeps] = [app.bot_data["marketbot.deps"] for app in apps]
        assert [d.leader.is_leader for d in deps] == [True, False]  # the first to start leads
        for app in apps:
            await run_job(app, "refresh market 15:10")
            await run_job(app, "ingest news")
        assert [refreshes(s) for s in services] == [2, 0]  # once for the cluster

        url = make_url(postgres_url)
        with psycopg.connect(f"host={url.host} port={url.port} user={url.username} dbname=postgres") as admin:
            admin.execute(  # the leader's session dies (as when its process is killed)
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            )
        assert not await deps[0].leader.poll()
        assert await deps[1].leader.poll()  # the next poll of the other one takes over
        for app in apps:
            await run_job(app, "refresh market 15:10")
        assert [refreshes(s) for s in services] == [2, 1]
