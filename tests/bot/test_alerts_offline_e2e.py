"""Alerts from stored minute bars (issue 19): an offline deployment imports today's bars with
`marketbot data import --kind intraday` while the live source fails; the tick still evaluates what is stored
and fresh, flashes it, and the log says it came from stored bars. The flash meets Telegram's "too long" the
way every send path does (re-split, caption cut shorter)."""

from __future__ import annotations

import logging
from datetime import datetime, time
from pathlib import Path

import pytest
import responses

from agent.intraday_feed import IntradayFeed
from bot.alerts.job import JOB_NAME, CrossingAlerts
from bot.cli import build_parser, run_handler
from tests.bot.alert_harness import SH, TODAY, TODAY_BARS, Clock, LiveSource, first_minute, history
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import StandInService, bot_settings, running_bot
from tests.tools.intraday_fixtures import write_csv

TEXT, SPLIT, CHARTS = 951, 952, 953


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


async def test_imported_bars_are_flashed_when_the_live_refresh_fails(
    botapi: FakeBotAPI, tmp_path: Path, rsps: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    settings = bot_settings(tmp_path / "data", botapi, intraday_refresh_s=60)
    half = first_minute(TODAY_BARS, TODAY, 5000)
    today = {at: v for at, v in TODAY_BARS.items() if at.time() <= half}
    path = write_csv(tmp_path / "minutes.csv", history(), today)
    assert run_handler(build_parser().parse_args(["data", "import", "--kind", "intraday", str(path)]), settings) == 0
    clock = Clock(datetime.combine(TODAY, time(9, 20), SH))
    source = LiveSource(clock, rsps)
    source.failing = True  # offline: the live source never answers
    caplog.set_level(logging.INFO)
    async with running_bot(
        settings, StandInService(), polling=False, intraday=IntradayFeed(settings, clock=clock)
    ) as app:
        deps = app.bot_data["marketbot.deps"]
        opted_in = datetime.combine(TODAY, time(9, 20), SH)
        for chat in (TEXT, SPLIT, CHARTS):
            deps.alerts.enable(chat, None, "en", [5000], at=opted_in)
        deps.alerts.set_charts(CHARTS, None, "en", True, [5000])
        botapi.fail_next("sendMessage", 400, "Bad Request: message is too long", chat_id=SPLIT)
        botapi.fail_next("sendPhoto", 400, "Bad Request: message caption is too long", chat_id=CHARTS)
        (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
        alerts: CrossingAlerts = job.data
        clock.set(half.hour, half.minute)
        report = await alerts.tick()
    assert source.requests > 0 and report is not None and not report.refreshed
    assert report.sent == 3 and report.failed == 0
    headline = f"⚡ {half:%H:%M} Shanghai+Shenzhen turnover passed 500 billion yuan"
    (flash,) = botapi.sent_messages(TEXT)
    assert flash.plain_text.startswith(headline) and "Full-day estimate" in flash.plain_text
    pieces = botapi.sent_messages(SPLIT)
    squeezed = "".join("".join(m.plain_text.split()) for m in pieces)
    assert len(pieces) >= 2 and squeezed == "".join(flash.plain_text.split())  # all of it, in pieces
    (photo,) = botapi.sent_messages(CHARTS)
    assert photo.kind == "photo" and photo.plain_text.startswith(headline) and photo.plain_text.endswith("…")
    said = [r.getMessage() for r in caplog.records if r.name == "bot.alerts.job"]
    assert any("evaluating the stored minute bars only" in line for line in said)
    assert any("from stored minute bars (live refresh failed)" in line for line in said)
