"""Sector (board) turnover questions: recognising them, answering them offline, and the board sentence
that "why" answers and the daily summary carry.

``recognise`` only reads the text (no data access), so it can sit in front of
any dispatcher; ``answer`` and the sentence builders read ``ctx.market.boards()``
and never raise. Every figure comes from the board report; boards overlap, so
no sentence ever adds board amounts together.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from agent.answer import Answer
from agent.context import AgentContext
from agent.offline.refusals.rules import recognise_refusal
from agent.offline.sectors import phrases as S
from agent.wording import Lang, fmt_change, fmt_date, fmt_yi_short
from config import Settings
from tools.boards.watchlist import Watchlist, load_watchlist
from tools.errors import InvalidDateError, MarketDataError

log = logging.getLogger(__name__)


_BOARD_WORD = re.compile(r"板块|行业|概念|赛道|题材|\bsectors?\b|\bboards?\b|\bindustr(?:y|ies)\b", re.I)
_AMOUNT = re.compile(r"成交额|成交|交易额|turnover|traded|trading value", re.I)
_TOP = re.compile(
    r"哪(?:个|些|一个)?(?:板块|行业|概念)?.{0,8}(?:成交|交易).{0,4}(?:最多|最大|最高|最活跃|居前)"
    r"|成交额?(?:最多|最大|最高|居前|排名|前[几三五十])"
    r"|\b(?:which|what)\b.{0,20}\b(?:sectors?|boards?|industr\w*)\b.{0,30}\b(?:most|largest|highest|top)\b"
    r"|\btop\b.{0,10}\b(?:sectors|boards|industries)\b",
    re.I,
)
_MOVERS = re.compile(
    r"(?:增加|增量|放量|增长|多了).{0,4}最多|(?:哪些|哪个)(?:板块|行业|概念).{0,10}(?:放量|增加|增量)"
    r"|\b(?:most|largest|biggest)\b.{0,12}\b(?:increase|added|rise)\b|\badded the most\b",
    re.I,
)
_WHY = re.compile(r"为什么|为何|原因|\bwhy\b", re.I)
_TODAY = re.compile(r"今天|今日|\btoday\b", re.I)


@dataclass(frozen=True)
class SectorAsk:
    kind: Literal["amount", "top", "movers"]
    text: str
    target: str | None = None  # a board code, a theme name, or a pending board's name
    target_kind: Literal["board", "theme", "pending"] | None = None
    day: date | None = None  # the day named (the reader of the question fills it); None = latest with board data
    said_today: bool = False  # 今天/today was said: an answer from an earlier day says so first


def _alias_pattern(alias: str) -> re.Pattern[str]:
    escaped = re.escape(alias)
    if re.search(r"[A-Za-z]", alias):  # "AI" must not match inside "said"
        escaped = rf"(?<![A-Za-z]){escaped}(?![A-Za-z])"
    return re.compile(escaped, re.I)


def _targets(watchlist: Watchlist) -> list[tuple[str, str, str]]:
    """(alias, kind, target) for every name people may use, longest first."""
    found: list[tuple[str, str, str]] = []
    for board in watchlist.boards:
        found += [(a, "board", board.code) for a in (board.name, *board.aliases)]
    for name in watchlist.theme_names():
        theme = watchlist.themes.get(name)
        found += [(a, "theme", name) for a in (name, *(theme.aliases if theme else ()))]
    found += [(p.name, "pending", p.name) for p in watchlist.pending]
    return sorted(found, key=lambda t: len(t[0]), reverse=True)


def watchlist_of(settings: Settings) -> Watchlist:
    """The configured watchlist; the bundled one when the configured file cannot be read."""
    try:
        return load_watchlist(settings)
    except Exception:
        log.warning("boards watchlist unreadable; using the bundled one", exc_info=True)
        return load_watchlist()


def find_target(text: str, watchlist: Watchlist) -> tuple[str, str] | None:
    for alias, kind, target in _targets(watchlist):
        if alias and _alias_pattern(alias).search(text):
            return kind, target
    return None


def recognise(text: str, lang: str = "zh", watchlist: Watchlist | None = None) -> SectorAsk | None:
    """A sector turnover question, or None (why-questions stay with the why answer)."""
    # Questions about the future get the refusals' answer: one prediction rule for every kind of question.
    if not text or _WHY.search(text) or recognise_refusal(text) == "prediction":
        return None
    target = find_target(text, watchlist or load_watchlist())
    board_word = bool(_BOARD_WORD.search(text))
    if _MOVERS.search(text) and (board_word or target is not None):
        return SectorAsk(kind="movers", text=text)
    if _TOP.search(text) and board_word and (target is None or target[0] == "theme"):
        return SectorAsk(
            kind="top", text=text, target=target[1] if target else None, target_kind="theme" if target else None
        )
    if target is not None and (_AMOUNT.search(text) or board_word):
        kind, name = target
        return SectorAsk(kind="amount", text=text, target=name, target_kind=kind)  # type: ignore[arg-type]
    return None


# --- answering ---------------------------------------------------------------------------------


def answer(ask: SectorAsk, ctx: AgentContext, lang: str = "zh") -> Answer:
    """Answer a recognised sector question; never raises."""
    use: Lang = "en" if lang == "en" else "zh"
    meta: dict[str, Any] = {"intent": f"sector_{ask.kind}", "lang": use}
    if ask.target:
        meta["target"] = ask.target
    try:
        return _answer(ask, ctx, use, meta)
    except Exception:
        log.exception("sector answer failed")
        text = "板块数据暂时不可用。" if use == "zh" else "Board data is unavailable just now."
        return Answer(text=text, lang=use, meta=meta)


def _theme_as_industries(ctx: AgentContext, theme: str, day: date | None, lang: Lang, share: bool) -> str | None:
    """The same theme over its THS industries (tools/data/industry_themes.json), or None when it has none; with
    ``share``, its share of 两市 too ("AI板块成交额占两市比例")."""
    from agent.offline.sectors.industries import theme_answer, theme_extras
    from tools.industries.themes import find_theme

    found = find_theme(theme)
    if found is None:
        return None
    text = theme_answer(ctx, found.name, day, None, lang)
    return text + theme_extras(ctx, found.name, day, lang, True, False) if share else text


def _industry_day(ctx: AgentContext) -> date | None:
    """The latest day with industry rows (what a theme's answer with no day named is about)."""
    from agent.offline.sectors.industries import industries_of

    try:
        return industries_of(ctx).day(None, top_n=1).date
    except MarketDataError:
        return None


def _answer(ask: SectorAsk, ctx: AgentContext, lang: Lang, meta: dict[str, Any]) -> Answer:
    if ask.target_kind == "pending":
        text = (
            f"{ask.target}板块还没有可用的板块代码，暂不跟踪它的成交额（可在关注列表文件中设置其代码）。"
            if lang == "zh"
            else f"The {ask.target} board has no known board code yet, so its turnover is not tracked."
        )
        return Answer(text=text, lang=lang, meta=meta)
    boards = ctx.market.boards()
    day, said_today = ask.day, ask.said_today or bool(_TODAY.search(ask.text))
    theme = ask.target if ask.target_kind == "theme" else None
    try:
        report = boards.day(day, theme=theme, top_n=50)
    except InvalidDateError as err:
        return Answer(text=str(err), lang=lang, meta=meta)
    except MarketDataError as err:  # NoDataError too
        text = S.no_board_data(day, str(err), lang)
        # "占比多少" of a theme is its share of 两市, as for the theme asked as industries
        share = bool(re.search(r"占两市|占比|比例|比重|\bshare\b|\bof the market\b", ask.text, re.I))
        industries = _theme_as_industries(ctx, theme, day, lang, share) if theme else None
        if industries is not None:  # "AI板块成交额" with no board data: the theme's industries, which add up
            text += ("改按同花顺行业口径：" if lang == "zh" else " By THS industries instead: ") + industries
            answered = day or _industry_day(ctx)  # the day answered, for "比昨天多了多少" next
            meta.update(intent="sector", theme=theme, date=answered.isoformat() if answered else None,
                        share_of_market=share)  # fmt: skip
        return Answer(text=text, lang=lang, meta=meta)
    meta["date"] = report.date.isoformat()
    lines: list[str] = []
    asked_today = ctx.now().date()
    if (day is None and report.freshness_note) or (said_today and report.date != asked_today):
        lines.append(
            f"注意：板块数据截至{fmt_date(report.date)}，不是今天的数据。"
            if lang == "zh"
            else f"Note: board data ends on {fmt_date(report.date, lang)}; it is not today's."
        )
    if report.date_note:
        lines.append(("注意：" if lang == "zh" else "Note: ") + report.date_note)
    if ask.kind == "amount" and ask.target_kind == "board":
        board = next((b for b in report.top if b.code == ask.target), None)
        if board is None:
            name = next((b.name for b in boards.watchlist.boards if b.code == ask.target), ask.target)
            lines.append(
                f"{fmt_date(report.date)}{name}板块没有成交额数据（其他板块有）。"
                if lang == "zh"
                else f"{name} has no turnover stored for {fmt_date(report.date, lang)} (other boards do)."
            )
        else:
            history = boards.history(board.code, report.date)
            lines.append(S.board_text(report, board, lang, history))
    elif ask.kind == "amount" and theme:
        lines.append(S.theme_text(report, theme, lang))
        untracked = [p.name for p in boards.watchlist.pending if theme in p.themes]
        if untracked:
            names = ("、" if lang == "zh" else ", ").join(untracked)
            lines[-1] += (
                f"（{names}尚无可用的板块代码，未计入。）"
                if lang == "zh"
                else f" ({names}: no board code yet; not included.)"
            )
    else:
        lines.append(S.list_text(report, ask.kind, lang))
    return Answer(text="\n\n".join(lines), lang=lang, meta=meta)


# --- sentences for the why answer and the daily summary ----------------------------------------------


def overlap_clause(lang: str = "zh") -> str:
    """Said next to concept-board figures: they overlap, unlike the industries."""
    if lang == "en":
        return " (Concept boards overlap: their amounts do not add up.)"
    return "（概念板块相互重叠，金额不能相加。）"


def why_sentence(ctx: AgentContext, day: date, lang: str = "zh") -> str | None:
    """One sentence: the boards that added the most turnover on ``day``; a one-line note when there is no
    board data for the day; None only when the board layer itself fails."""
    use: Lang = "en" if lang == "en" else "zh"
    try:
        boards = ctx.market.boards()
        if not boards.has_day(day):
            return (
                f"暂无{fmt_date(day)}的板块成交额数据，无法说明成交集中在哪些板块。"
                if use == "zh"
                else f"There is no board turnover data for {fmt_date(day, use)}, so where the volume traded is unknown."
            )
        report = boards.day(day)
    except Exception:
        log.warning("board sentence unavailable for %s", day, exc_info=True)
        return None
    gainers = report.gainers[: S.MOVERS_SHOWN]
    if gainers:
        items = ("、" if use == "zh" else ", ").join(
            f"{b.name}（{fmt_change(b.change_yi or 0, None, use)}）"
            if use == "zh"
            else f"{b.name} ({fmt_change(b.change_yi or 0, None, use)})"
            for b in gainers
        )
        return (
            f"板块层面，{items}成交额较上一交易日增加最多。"
            if use == "zh"
            else f"By board, {items} added the most turnover on the previous session."
        )
    top = report.top[0]
    compared = any(b.change_yi is not None for b in report.top)
    if use == "zh":
        lead = f"板块层面，当日成交额最大的是{top.name}（{fmt_yi_short(top.amount_yi)}）"
        tail = "关注的板块成交额均未较上一交易日增加" if compared else "缺少上一交易日的板块数据，无法比较增减"
        return f"{lead}；{tail}。"
    lead = f"By board, {top.name} traded the most ({fmt_yi_short(top.amount_yi, use)})"
    tail = (
        "no watched board traded more than on the previous session"
        if compared
        else ("the previous session has no board data to compare with")
    )
    return f"{lead}; {tail}."


def summary_line(ctx: AgentContext, day: date, lang: str = "zh") -> str | None:
    """The daily summary's line: the top boards by turnover increase (None without board data that day)."""
    use: Lang = "en" if lang == "en" else "zh"
    try:
        boards = ctx.market.boards()
        if not boards.has_day(day):
            return None
        gainers = boards.day(day).gainers[: S.MOVERS_SHOWN]
    except Exception:
        log.warning("board summary line unavailable for %s", day, exc_info=True)
        return None
    if not gainers:
        return None
    if use == "zh":
        items = "、".join(f"{b.name}{fmt_change(b.change_yi or 0, b.change_pct)}" for b in gainers)
        return f"板块成交额增加居前：{items}。"
    items = ", ".join(f"{b.name} {fmt_change(b.change_yi or 0, b.change_pct, use)}" for b in gainers)
    return f"Boards adding the most turnover: {items}."
