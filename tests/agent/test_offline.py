"""The offline answerer on real days of the bundled history, with real news stores."""

from __future__ import annotations

from datetime import date

import pytest

from agent.answer import Turn
from agent.context import AgentContext
from agent.offline import answerer as offline
from tests.agent.offline_env import clock

SEED = "为什么今天两市成交额突破1万亿？比上个交易日多了多少？"


def ask(ctx: AgentContext, question: str, history=(), lang=None):
    return offline.answer(question, ctx, history, lang)


def test_seed_question_on_a_fresh_machine_says_the_data_is_not_live(demo_ctx):
    a = ask(demo_ctx, SEED)
    assert a.lang == "zh" and a.mode == "offline"
    # 2026-07-31: the latest session in the bundled history.
    for figure in (
        "2026年7月31日",
        "25419.5亿元",
        "约2.54万亿元",
        "11876.8亿元",
        "13542.7亿元",
        "2026年7月30日",
        "增加1991.4亿元（+8.5%）",
    ):
        assert figure in a.text
    assert "并非当天才突破1万亿元" in a.text and "连续" in a.text
    # Months behind the clock: said in the first sentence, not in a footnote.
    assert a.text.startswith("本地数据截至2026年7月31日，还没有今天（2026年11月23日，周一）的成交额")
    assert a.meta["intent"] == "day" and a.meta["want_why"] and a.meta["date"] == "2026-07-31"
    assert a.meta["threshold_yi"] == 10000.0
    assert a.chart is not None and a.chart.highlight == date(2026, 7, 31)
    if demo_ctx.news.search("两市成交额", date=date(2026, 7, 31), window_days=0, k=1):
        assert a.sources and "[1]" in a.text and "可能的驱动" in a.text
        assert all(s.title and s.published_at.date() == date(2026, 7, 31) for s in a.sources)
    else:
        assert not a.sources and "无法确认具体原因" in a.text


def test_2025_10_09_in_chinese_cites_the_day_news(ctx):
    a = ask(ctx, "2025年10月9日两市成交额为什么放量？")
    for figure in (
        "2025年10月9日",
        "26532.0亿元（约2.65万亿元）",
        "沪市12168.9亿元",
        "深市14363.1亿元",
        "2025年9月30日",
        "21814.2亿元",
        "增加4717.9亿元（+21.6%）",
    ):
        assert figure in a.text
    assert "可能的驱动" in a.text and "[1]" in a.text and "[2]" in a.text
    titles = {s.title for s in a.sources}
    assert "节后首个交易日两市放量，成交额重回2.6万亿元上方" in titles
    assert all(s.url and s.published_at for s in a.sources)
    assert not any("2024" in s.title or "降准" in s.title for s in a.sources)  # other days stay out
    assert "不是实时" not in a.text and "数据截至" not in a.text  # a past day is not stale


def test_2025_10_09_in_english(ctx):
    a = ask(ctx, "Why did turnover jump on Oct 9, 2025?")
    assert a.lang == "en"
    for figure in (
        "9 Oct 2025",
        "2.65 trillion yuan (26,532.0 亿元)",
        "Shanghai 12,168.9 亿元",
        "Shenzhen 14,363.1 亿元",
        "up 4,717.9 亿元 (+21.6%)",
        "30 Sep 2025",
    ):
        assert figure in a.text
    assert "Possible drivers" in a.text and a.sources and "[1]" in a.text


def test_2024_10_08_record_day_both_languages(ctx):
    zh = ask(ctx, "2024-10-08两市成交额多少？")
    for figure in ("34519.4亿元", "2024年9月30日", "增加8589.0亿元", "15105.1亿元", "19414.3亿元"):
        assert figure in zh.text
    assert "最高纪录" in zh.text
    assert any("历史纪录" in s.title for s in zh.sources)
    en = ask(ctx, "What was the turnover on 8 October 2024?")
    for figure in ("3.45 trillion yuan (34,519.4 亿元)", "up 8,589.0 亿元", "30 Sep 2024", "highest total on record"):
        assert figure in en.text


def test_no_news_is_said_plainly_not_invented(ctx):
    a = ask(ctx, "为什么2025年9月30日成交额变化？")
    assert "21814.2亿元" in a.text
    assert not a.sources and "[1]" not in a.text
    assert "没有找到" in a.text and "无法确认具体原因" in a.text
    en = ask(ctx, "why did turnover change on 2025-09-30?")
    assert "cannot say what drove it" in en.text and not en.sources


def test_a_holiday_is_said_and_the_session_before_pointed_to(ctx):
    """A holiday asked by its date had no turnover: said, with the session before named, not its figures."""
    a = ask(ctx, "2025-10-03两市成交额")
    assert a.text.startswith("2025年10月3日（周五）是国庆节休市日") and "2025年9月30日" in a.text
    assert "亿元" not in a.text and a.meta["date"] == "2025-10-03"
    en = ask(ctx, "turnover on 2025-10-03")
    assert "market holiday" in en.text and "30 Sep 2025" in en.text and "亿元" not in en.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2027年1月5日两市成交额", "还没有到"),
        ("1990年12月19日两市成交额", "1991年"),
        ("2026年9月1日两市成交额", "只到2026年7月31日"),
        ("昨天两市成交额是多少？", "还没有昨天（2026年11月22日，周日）的成交额"),  # the clock's yesterday, not 30 Jul
        ("turnover last Friday", "no figure for 20 Nov 2026"),
        ("2025年2月30日成交额", "不是一个有效的日期"),
        ("turnover on 5 Jan 2027", "is in the future"),
        ("turnover on 2025-02-30", "not a valid date"),
    ],
)
def test_dates_without_data_get_a_clear_reply(ctx, question, expected):
    a = ask(ctx, question)
    assert expected in a.text and "亿元" not in a.text and a.chart is None


def test_unclear_questions_get_the_help_reply(ctx):
    zh = ask(ctx, "你好呀")
    assert zh.text.startswith("没太明白") and zh.text.count("\n• ") == 3 and zh.meta["intent"] == "unclear"
    en = ask(ctx, "tell me a joke")
    assert "did not quite understand" in en.text and "2025-10-09" in en.text
    assert ask(ctx, "帮助").meta["intent"] == "help"


def test_followup_reuses_the_previous_intent_and_day(ctx):
    first = ask(ctx, "2025年10月9日为什么放量？")
    history = [
        Turn(role="user", text="2025年10月9日为什么放量？"),
        Turn(role="assistant", text=first.text, meta=first.meta),
    ]
    a = ask(ctx, "那前一天呢？", history)
    # The session before 9 Oct 2025 is 30 Sep (National Day closure in between).
    assert a.meta["intent"] == "day" and a.meta["want_why"] and a.meta["date"] == "2025-09-30"
    assert "21814.2亿元" in a.text and a.meta["table"] == ["2025-09-30", "2025-10-09"]
    en = ask(ctx, "and the day before?", [*history[:1], Turn(role="assistant", text="", meta=a.meta)])
    assert en.lang == "en" and en.meta["date"] == "2025-09-29"


def test_compare_two_days(ctx):
    a = ask(ctx, "比较2025年10月9日和2024年10月8日的成交额")
    assert "26532.0亿元" in a.text and "34519.4亿元" in a.text
    assert "减少7987.4亿元（-23.1%）" in a.text and a.meta["dates"] == ["2024-10-08", "2025-10-09"]


def test_range_uses_the_tool_figures(ctx, market):
    a = ask(ctx, "最近5个交易日两市成交额")
    rep = market.turnover_range(5, date(2026, 7, 31))
    assert f"日均{rep.mean_yi:.1f}亿元" in a.text and f"{rep.max_yi:.1f}亿元" in a.text
    assert a.meta["intent"] == "stats" and a.meta["stats"]["period"] == "last:5" and a.chart.days == 20
    assert "2026年7月27日至2026年7月31日" in a.text


def test_news_answer_and_turnover_answer(ctx):
    news = offline.news_answer(ctx, "降准降息", "zh")
    assert news.sources and news.sources[0].title.startswith("央行宣布降准降息") and "[1]" in news.text
    none = offline.news_answer(ctx, "火星殖民", "zh", day=date(2023, 1, 5))
    assert not none.sources and "没有找到" in none.text
    latest = offline.turnover_answer(ctx, None, "en")
    assert "31 Jul 2026" in latest.text and "25,419.5 亿元" in latest.text and "not" in latest.text.lower()


def test_failures_never_escape(ctx):
    class Broken:
        def latest_date(self):
            raise RuntimeError("disk on fire")

        def turnover(self, day=None):
            raise RuntimeError("disk on fire")

    broken = AgentContext(settings=ctx.settings, market=Broken(), news=ctx.news, now=clock)
    a = ask(broken, SEED)
    assert "出错" in a.text and "disk" not in a.text


def test_a_crossing_asked_about_is_confirmed_with_the_last_time_above(ctx):
    a = ask(ctx, "为什么2025年10月9日成交额突破2.5万亿？")
    assert "这是自2025年9月18日以来首次重回2.5万亿元之上" in a.text and a.meta["threshold_yi"] == 25000.0
    below = ask(ctx, "2025年9月30日成交额突破2.5万亿了吗")
    assert "低于2.5万亿元，并没有突破" in below.text
    off_grid = ask(ctx, "2025年9月30日成交额超过1.2万亿了吗")  # not one of the configured lines
    assert "当天成交额高于1.2万亿元" in off_grid.text


def test_market_context_is_stated_when_the_source_has_it(ctx):
    from agent.offline.news.phrases import market_context
    from tools.daily.models import MarketContext, SectorFlow

    mc = MarketContext(
        date=date(2026, 7, 31),
        available=True,
        northbound_net_yi=-12.3,
        sectors=[
            SectorFlow(name="半导体", turnover_yi=1500.2, change_pct=3.1),
            SectorFlow(name="证券", net_inflow_yi=45.6),
        ],
    )
    assert (
        market_context(mc, "zh")
        == "板块方面：半导体（成交额1500.2亿元，+3.1%）、证券（净流入45.6亿元）。北向资金净流出12.3亿元。"
    )
    assert "Leading sectors: 半导体 (turnover 1,500.2 亿元, +3.1%)" in market_context(mc, "en")
    # Offline (auto_fetch off) the facade has no context: the answer says nothing about sectors.
    assert "板块方面" not in ask(ctx, "2025年10月9日成交额").text


def test_today_follows_a_clock_pinned_before_the_latest_data(ctx):
    pinned = AgentContext(
        settings=ctx.settings,
        market=ctx.market,
        news=ctx.news,
        now=lambda: clock().replace(year=2025, month=10, day=9, hour=16),
    )
    a = ask(pinned, "今天两市成交额多少？")
    assert a.meta["date"] == "2025-10-09"
    assert "26532.0亿元" in a.text


def test_a_session_still_trading_answers_from_minute_bars(ctx, tmp_path):
    """During trading hours (live data on) 今天 leads with the session so far from refreshed minute bars
    (2 requests) against the same minute of the previous session; 现在 gets the whole intraday answer."""
    from datetime import datetime, time

    import responses
    from responses.matchers import query_param_matcher

    from config import Settings
    from tests.agent.offline_env import ZONE
    from tests.tools.intraday_fixtures import SECIDS, TRENDS_URL, session, trends_payload
    from tools.service import MarketData

    days = {date(2026, 7, 27): 2.1e12, date(2026, 7, 28): 2.2e12, date(2026, 7, 29): 2.3e12, date(2026, 7, 30): 2.34e12}
    bars: dict = {}
    for k, (day, total) in enumerate(days.items()):
        bars |= session(day, total, tilt=0.02 * k)
    bars |= session(date(2026, 7, 31), 2.54e12) | session(date(2026, 8, 3), 2.6e12, upto=time(11, 0))
    trading = datetime(2026, 8, 3, 11, 0, 20, tzinfo=ZONE)  # the Monday after the bundled history ends
    settings = Settings(data_dir=tmp_path, auto_fetch=True, load_demo_corpus=False)
    market = MarketData(settings, clock=lambda: trading)
    live_ctx = AgentContext(settings=settings, market=market, news=ctx.news, now=lambda: trading)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        for code in ("000001", "399106"):
            rsps.get(
                TRENDS_URL,
                json=trends_payload(code, bars),
                match=[query_param_matcher({"secid": SECIDS[code]}, strict_match=False)],
            )
        a = ask(live_ctx, "今天两市成交额多少？")
        now = ask(live_ctx, "现在成交额多少？")
        assert len([c for c in rsps.calls if "trends2" in c.request.url]) == 2  # the second was not due
    so_far = round(sum(sh + sz for t, (sh, sz) in bars.items() if t.date() == date(2026, 8, 3)) / 1e8, 1)
    then = sum(sh + sz for t, (sh, sz) in bars.items() if t.date() == date(2026, 7, 31) and t.time() <= time(11, 0))
    first = a.text.split("\n\n")[0]
    assert first.startswith(f"盘中：截至2026年8月3日 11:00，沪深两市成交额已达{so_far}亿元")
    assert f"较上个交易日（2026年7月31日）同一时间{round(then / 1e8, 1)}亿元放量" in first
    assert "25419.5亿元" in a.text.split("\n\n")[1]  # then the last closed session
    assert a.meta["intraday"] == so_far and a.meta["date"] == "2026-07-31"
    assert now.text.startswith(f"截至2026-08-03 11:00，沪深两市成交额{so_far / 1e4:.2f}万亿元")
    assert "预计全天约" in now.text and now.meta["intent"] == "intraday" and now.chart.kind == "intraday"


def test_demo_corpus_answers_say_the_items_are_the_projects_summaries(demo_ctx):
    a = ask(demo_ctx, "2025年10月9日两市成交额多少？")
    assert a.sources and all(s.source.startswith("marketbot 整理的摘要（非新闻原文）") for s in a.sources)
    linked = [s for s in a.sources if s.url]
    assert all(s.source.endswith("链接为事实出处") for s in linked)
    assert a.text.split("\n\n")[-1].startswith("说明：[1]") and "本项目自己整理的摘要" in a.text
    en = ask(demo_ctx, "What was turnover on 2025-10-09?")
    assert "summaries written by this project" in en.text


def test_the_handler_order_is_one_explicit_tuple_and_a_new_handler_plugs_in(ctx):
    """The order is ``agent.offline.pipeline.HANDLERS`` (no registration at import time); a handler for a new
    kind of question is put into it at its place, in front of the refusals."""
    from agent.offline import pipeline
    from agent.offline.parts import Handler, Reply
    from agent.offline.reading.query import Query
    from agent.offline.reading.question import WeekdayCalendar
    from agent.offline.reading.understand import Env, clauses_of

    names = [h.name for h in pipeline.HANDLERS]
    assert names == [
        "decline",
        "intraday",
        "industries",
        "sectors",
        "market",
        "refusal",
        "help",
        "followup",
        "news",
        "stats",
        "day",
    ]

    def recognise(clause):
        return (
            Query(kind="day", lang=clause.lang, text=clause.text, extra={"sector": "AI"})
            if "板块" in clause.text
            else None
        )

    def answer(ctx, query, cites):
        return Reply([f"{query.extra['sector']}板块：测试回答"], {"intent": "sector"})

    handlers = [h for h in pipeline.HANDLERS if h.name != "sectors"]
    handlers.insert(names.index("refusal") - 1, Handler("sector", recognise, answer))
    env = Env(clock_day=ctx.now().date(), calendar=WeekdayCalendar())
    replies, cites, queries = pipeline.run(clauses_of("AI板块成交额多少？", env, "zh"), ctx, "zh", handlers)
    a = pipeline.assemble(replies, cites, "zh", queries)
    assert a.text == "AI板块：测试回答" and a.meta["intent"] == "sector"
    # The real sector handler (agent.offline.sectors.handler): no board data stored here, said first; the theme's
    # industries then answer, never the market total.
    real = ask(ctx, "AI板块成交额多少？")
    assert real.text.startswith("暂无") and "AI相关行业" in real.text and "两市成交额" not in real.text


def test_every_example_the_help_and_unclear_replies_give_is_answered(ctx):
    import re

    from agent.offline.refusals.handler import EXAMPLES_EN, EXAMPLES_ZH
    from agent.offline.refusals.phrases import HELP_EN, HELP_ZH

    examples = re.findall(r"“([^”]+)”", HELP_ZH) + re.findall(r'"([^"]+)"', HELP_EN) + [*EXAMPLES_ZH, *EXAMPLES_EN]
    assert len(examples) >= 20
    for example in examples:
        a = ask(ctx, example)
        assert a.meta.get("intent") in ("day", "pair", "stats", "news"), (example, a.text[:80])


def test_an_intraday_question_it_cannot_place_asks_for_the_moment_without_denying_minute_data(demo_ctx):
    # The product keeps minute bars; the fallback must not claim it has none, only that the moment is unclear.
    a = ask(demo_ctx, "什么时候突破的")
    assert a.text.startswith("这个盘中问题我没看明白问的是哪个时刻或哪条线")
    assert "今天几点突破1万亿" in a.text and "暂时没有" not in a.text and "亿元" not in a.text


def test_followups_name_the_session_before_and_the_gap_between_the_two_days(ctx):
    def turns(*pairs):
        return [
            t for q, a in pairs for t in (Turn(role="user", text=q), Turn(role="assistant", text=a.text, meta=a.meta))
        ]

    first = ask(ctx, "What was turnover on 2025-10-09?")
    before = ask(ctx, "And the session before?", turns(("What was turnover on 2025-10-09?", first)))
    assert before.meta["date"] == "2025-09-30" and "21,814.2" in before.text  # not 9 Oct again
    gap = ask(ctx, "两天差多少？", turns(("And the session before?", before)), lang="zh")
    # The two days on the table, compared: 9 Oct 2025 against 30 Sep 2025, from unrounded 元.
    assert gap.meta["dates"] == ["2025-09-30", "2025-10-09"] and "增加4717.9亿元（+21.6%）" in gap.text
