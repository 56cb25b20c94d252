"""Sentences of the sector (board) turnover answers, in Chinese and English.

Each function words one part of a board report; figures come only from the report, boards overlap,
so nothing here adds board amounts together.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from agent.wording import Lang, fmt_change, fmt_date, fmt_yi_short

if TYPE_CHECKING:  # annotations only: the board models are built when a board report is
    from tools.boards.models import BoardDay, SectorDayReport

MOVERS_SHOWN = 3
TOP_SHOWN = 5


def move(b: BoardDay, lang: Lang) -> str:
    if b.change_yi is None:
        return "上一交易日无数据" if lang == "zh" else "no row on the previous session"
    return fmt_change(b.change_yi, b.change_pct, lang)


def share(b: BoardDay, lang: Lang) -> str:
    if b.share_of_market_pct is None:
        return ""
    if lang == "zh":
        return f"，占两市成交额{b.share_of_market_pct:.1f}%（板块之间有重叠，占比不可相加）"
    return f", {b.share_of_market_pct:.1f}% of the market's turnover (boards overlap; shares do not add up)"


def board_text(report: SectorDayReport, b: BoardDay, lang: Lang, history: Any) -> str:
    day = fmt_date(report.date, lang)
    renamed = (
        (f"（原名{b.renamed_from}）" if lang == "zh" else f" (formerly {b.renamed_from})") if b.renamed_from else ""
    )
    if lang == "zh":
        amount = fmt_yi_short(b.amount_yi)
        text = f"{day}{b.name}{renamed}板块成交额{amount}，较上一交易日{move(b, lang)}{share(b, lang)}。"
    else:
        text = f"{b.name}{renamed} traded {fmt_yi_short(b.amount_yi, lang)} on {day} ({move(b, lang)}){share(b, lang)}."
    if history is not None and history.sessions > 1:
        if history.is_record:
            text += (
                f"这是该板块本地记录（自{fmt_date(history.first_date)}起{history.sessions}个交易日）的最高值。"
                if lang == "zh"
                else f" That is the board's highest in the stored record ({history.sessions} sessions)."
            )
        elif history.percentile is not None:
            text += (
                f"高于本地记录中{history.percentile:.0f}%的交易日（最高{fmt_yi_short(history.record_yi)}，{history.record_date}）。"
                if lang == "zh"
                else f" Higher than {history.percentile:.0f}% of its stored sessions (record "
                f"{fmt_yi_short(history.record_yi, lang)} on {history.record_date})."
            )
    return text


def theme_move(total: Any, lang: Lang) -> str:
    if total.change_yi is None:
        return "上一交易日无数据" if lang == "zh" else "no row on the previous session"
    return fmt_change(total.change_yi, total.change_pct, lang)


def theme_text(report: SectorDayReport, theme: str, lang: Lang) -> str:
    total = next((t for t in report.themes if t.theme == theme), None)
    day = fmt_date(report.date, lang)
    if total is None:
        return (
            f"{day}{theme}主题的板块都没有数据。" if lang == "zh" else f"No board of theme {theme} has data on {day}."
        )
    members = "、".join(f"{b.name}{fmt_yi_short(b.amount_yi)}" for b in report.top[:TOP_SHOWN])
    if lang == "zh":
        text = (
            f"{day}{theme}相关板块中成交额最大的是{total.board_name}，{fmt_yi_short(total.amount_yi)}"
            f"，较上一交易日{theme_move(total, lang)}。板块之间成分股重叠，无法去重相加，"
            f"故以最大板块代表该主题。各板块：{members}。"
        )
        if total.boards_missing:
            text += f"当日无数据：{'、'.join(total.boards_missing)}。"
        return text
    members = ", ".join(f"{b.name} {fmt_yi_short(b.amount_yi, lang)}" for b in report.top[:TOP_SHOWN])
    text = (
        f"On {day} the largest {theme} board was {total.board_name} with {fmt_yi_short(total.amount_yi, lang)} "
        f"({theme_move(total, lang)}). Boards overlap and cannot be summed, so the theme is shown by its largest "
        f"board. Boards: {members}."
    )
    if total.boards_missing:
        text += f" No data that day: {', '.join(total.boards_missing)}."
    return text


def list_text(report: SectorDayReport, kind: str, lang: Lang) -> str:
    day = fmt_date(report.date, lang)
    if kind == "movers":
        items = report.gainers[:MOVERS_SHOWN]
        if not items:
            return (
                f"{day}关注的板块成交额均未较上一交易日增加（或缺少上一交易日数据）。"
                if lang == "zh"
                else f"On {day} no watched board traded more than on the previous session (or that day is missing)."
            )
        head = (
            f"{day}成交额较上一交易日增加最多的板块："
            if lang == "zh"
            else f"Boards that added the most turnover on {day}: "
        )
        body = [
            f"{b.name} {fmt_change(b.change_yi or 0, b.change_pct, lang)}，至{fmt_yi_short(b.amount_yi)}"
            if lang == "zh"
            else f"{b.name} {fmt_change(b.change_yi or 0, b.change_pct, lang)} (to {fmt_yi_short(b.amount_yi, lang)})"
            for b in items
        ]
    else:
        head = f"{day}成交额最多的板块：" if lang == "zh" else f"Boards with the most turnover on {day}: "
        body = [f"{i + 1}. {b.name} {fmt_yi_short(b.amount_yi, lang)}" for i, b in enumerate(report.top[:TOP_SHOWN])]
    sep = "；" if lang == "zh" else "; "
    text = head + sep.join(body) + ("。" if lang == "zh" else ".")
    scope = (
        f"（统计范围：关注列表中当日有数据的{report.boards_with_data}个板块；板块之间有重叠，成交额不可相加。）"
        if lang == "zh"
        else f" (Among the {report.boards_with_data} watched boards with data that day; boards overlap.)"
    )
    if report.industry_ranking and kind == "top":
        first = report.industry_ranking[0]
        scope += (
            f"同花顺行业中成交额最大的是{first.name}（{fmt_yi_short(first.amount_yi)}）。"
            if lang == "zh"
            else f" Among Tonghuashun industries, {first.name} led ({fmt_yi_short(first.amount_yi, lang)})."
        )
    return text + scope


def no_board_data(day: date | None, message: str, lang: Lang) -> str:
    what = fmt_date(day, lang) if day else ("当日" if lang == "zh" else "that day")
    if lang == "zh":
        return f"暂无{what}的板块成交额数据（{message.rstrip('。')}）。"
    if re.search(r"[\u4e00-\u9fff]", message):  # the data layer speaks the settings' language
        message = "none is stored; run `marketbot data update` or `marketbot data import --kind boards FILE.csv`"
    return f"No board turnover data for {what} ({message})."
