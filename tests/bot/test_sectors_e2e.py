"""/sectors [date] end to end: the real PTB Application and the real MarketService over the bundled data, against
the fake local Bot API server. Figures expected are computed here from the bundled industries CSV."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from agent.context import AgentContext
from agent.service import MarketService
from config import Settings
from retrieval.kb import NewsKnowledgeBase
from tests.bot.fake_botapi import FakeBotAPI
from tests.bot.harness import bot_settings, running_bot
from tests.bundled_industries import industry_changes
from tools.industries.service import reset_industry_stores
from tools.registry import reset_shared
from tools.service import MarketData

NOW = datetime(2026, 8, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
CHAT = 170


@pytest.fixture
async def bot(botapi: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Application]:
    settings = Settings(data_dir=tmp_path / "data", load_demo_corpus=False, auto_fetch=False)
    market = MarketData(settings, clock=lambda: NOW)
    ctx = AgentContext(settings=settings, market=market, news=NewsKnowledgeBase.open(settings), now=lambda: NOW)
    async with running_bot(bot_settings(tmp_path / "bot", botapi), MarketService(ctx)) as app:
        yield app
    reset_shared()
    reset_industry_stores()


async def ask(botapi: FakeBotAPI, text: str):  # noqa: ANN201 - the fake server's SentMessage
    mark = botapi.mark()
    botapi.inject_message(text, chat_id=CHAT, language_code="zh-hans")
    return await botapi.wait_for_message(CHAT, timeout=30, since=mark)


async def test_a_down_day_leads_with_the_decrease_and_the_chart_is_behind_the_button(bot, botapi):
    reply = await ask(botapi, "/sectors 2026-01-15")
    changes = industry_changes(date(2026, 1, 15), date(2026, 1, 14))
    worst = min(changes, key=changes.__getitem__)
    text = reply.plain_text
    assert text.startswith("【行业成交额】2026年1月15日（周四）")
    assert "缩量" in text and f"减少最多的是{worst}{round(changes[worst] / 1e8, 1):+.1f}亿" in text
    assert "增加最多的是" not in text and "AI相关行业" in text and "涨跌家数" in text and "成交额居前的行业" in text
    assert text.index("缩量") < text.index("按行业拆分") < text.index("涨跌家数")
    button = reply.reply_markup["inline_keyboard"][0][0]
    assert button["callback_data"] == "schart:2026-01-15" and button["text"] == "📊 行业变化图"
    assert not botapi.calls_to("sendPhoto")  # the chart only when asked
    botapi.inject_callback_query(button["callback_data"], chat_id=CHAT, message_id=reply.message_id)
    await botapi.wait_for("answerCallbackQuery", ok=True, timeout=30)
    await botapi.wait_for("sendPhoto", ok=True, chat_id=CHAT, timeout=30)
    photo = botapi.sent_messages(CHAT)[-1]
    assert photo.kind == "photo" and photo.photo.startswith(b"\x89PNG") and photo.reply_to == reply.message_id
    assert "2026-01-15" in photo.plain_text


async def test_the_latest_day_and_an_up_day(bot, botapi):
    reply = await ask(botapi, "/sectors")
    changes = industry_changes(date(2026, 7, 31), date(2026, 7, 30))
    best = max(changes, key=changes.__getitem__)
    assert "2026年7月31日" in reply.plain_text and "放量上涨：沪指+0.72%" in reply.plain_text
    assert f"增加最多的是{best}{round(changes[best] / 1e8, 1):+.1f}亿" in reply.plain_text
    assert reply.reply_markup["inline_keyboard"][0][0]["callback_data"] == "schart:2026-07-31"


async def test_invalid_holiday_missing_and_future_dates_get_a_clear_message(bot, botapi):
    bad = await ask(botapi, "/sectors 2026-13-45")
    assert "日期格式不对：2026-13-45" in bad.plain_text and bad.reply_markup is None
    holiday = await ask(botapi, "/sectors 2025-10-01")
    first, second = holiday.plain_text.split("\n\n")[:2]
    assert first.startswith("【行业成交额】2025年9月30日") and "2025年10月1日（周三）是国庆节休市日" in second
    missing = await ask(botapi, "/sectors 2025-07-01")
    assert (
        missing.plain_text == "2025-07-01 有两市成交额，但没有行业数据（本地行业数据范围 2025-07-25 .. 2026-07-31）。"
    )
    assert missing.reply_markup is None  # nothing to chart
    future = await ask(botapi, "/sectors 2027-01-04")
    assert "是未来的日期" in future.plain_text and future.reply_markup is None
    expired = botapi.mark()
    botapi.inject_callback_query("schart:not-a-day", chat_id=CHAT, message_id=future.message_id)
    await botapi.wait_for("answerCallbackQuery", ok=True, timeout=30, since=expired)
    assert not botapi.calls_to("sendPhoto")


async def test_sectors_is_in_the_command_menu(bot, botapi):
    assert "sectors" in {c["command"] for c in botapi.commands("zh")}
