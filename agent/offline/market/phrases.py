"""Wording of the index moves and breadth: 放量上涨/缩量下跌 leads a "why" or day answer.

Volume and price are read together: 放量 (turnover up on the previous session) with 上涨 is not
放量 with 下跌. Every figure comes from the day's ``TurnoverReport`` (closes and % changes stored
with the day) or the industry split's breadth; a day without index figures says so, never a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agent.wording import Lang, fmt_date, fmt_weekday, fmt_yi
from tools.daily.models import TurnoverReport

if TYPE_CHECKING:  # annotations only: the industry models are built when an industry split is
    from tools.industries.models import Breadth

SZ_SHORT = {"深证成指": "深成指", "深证综指": "深证综指"}
QUIET_PCT = 1.0  # a change in turnover under 1% of the previous session's is "about flat"


def _sign(pct: float) -> str:
    return f"{pct:+.2f}%"


def price_word(report: TurnoverReport) -> str | None:
    """上涨 / 下跌 / 涨跌不一 from both indexes' moves; None without them."""
    moves = [p for p in (report.sh_change_pct, report.sz_change_pct) if p is not None]
    if not moves:
        return None
    if all(p > 0 for p in moves):
        return "上涨"
    if all(p < 0 for p in moves):
        return "下跌"
    return "涨跌不一"


def volume_word(report: TurnoverReport) -> str | None:
    if report.change_yi is None or report.change_yi == 0:
        return None
    return "放量" if report.change_yi > 0 else "缩量"


def direction_line(report: TurnoverReport, lang: Lang, with_day: bool = False) -> str:
    """ "放量上涨：沪指+0.72%，深成指+2.21%，成交额增加1991.4亿元。" (or says the index figures are missing);
    ``with_day`` names the day first ("2026年7月31日放量上涨：…"), for a line that leads an answer."""
    zh = lang != "en"
    line = _direction(report, lang)
    if not with_day:
        return line
    return f"{fmt_date(report.date, lang)}{line}" if zh else f"{fmt_date(report.date, lang)}: {line}"


def _direction(report: TurnoverReport, lang: Lang) -> str:
    price, volume = price_word(report), volume_word(report)
    zh = lang != "en"
    moves = []
    if report.sh_change_pct is not None:
        moves.append(
            f"沪指{_sign(report.sh_change_pct)}" if zh else f"Shanghai Composite {_sign(report.sh_change_pct)}"
        )
    if report.sz_change_pct is not None and report.sz_index_name:
        short = SZ_SHORT.get(report.sz_index_name, report.sz_index_name)
        label = short if zh else ("Shenzhen Component" if short == "深成指" else "Shenzhen Composite")
        moves.append(f"{label}{_sign(report.sz_change_pct)}" if zh else f"{label} {_sign(report.sz_change_pct)}")
    change = None
    # 放量/缩量 keeps its sign on a quiet day (as the counts by direction do), but the size is said with it.
    quiet = report.change_pct is not None and abs(report.change_pct) < QUIET_PCT
    if report.change_yi is not None:
        if zh:
            change = f"成交额{'增加' if report.change_yi >= 0 else '减少'}{abs(report.change_yi):.1f}亿元"
            change += f"（{report.change_pct:+.1f}%，与上一交易日基本持平）" if quiet else ""
        else:
            change = f"turnover {'up' if report.change_yi >= 0 else 'down'} {abs(report.change_yi):,.1f} 亿元"
            change += f" ({report.change_pct:+.1f}%, roughly flat)" if quiet else ""
    if zh:
        if price is None:
            head = f"{volume or '成交额持平'}：当日没有指数收盘数据，无法判断涨跌"
            return f"{head}；{change}。" if change else f"{head}。"
        word = f"{volume}、指数{price}" if price == "涨跌不一" and volume else f"{volume or ''}{price}"
        return f"{word}：{'，'.join(moves + ([change] if change else []))}。"
    if price is None:
        return f"No index close stored for the day, so up or down is unknown; {change or 'no change figure'}."
    en_price = {"上涨": "up", "下跌": "down", "涨跌不一": "mixed"}[price]
    en_volume = {"放量": "on higher volume", "缩量": "on lower volume"}.get(volume or "", "")
    return f"Market {en_price} {en_volume}".rstrip() + f": {', '.join(moves + ([change] if change else []))}."


def index_answer(
    report: TurnoverReport, lang: Lang, points: dict[str, float] | None = None, lead: str | None = None
) -> str:
    """上证指数 (and the Shenzhen index) close and move of the day, with the volume direction; ``points`` gives each
    index's change in points (from the stored closes), ``lead`` the index asked, said first."""
    zh = lang != "en"
    points = points or {}
    day, wd = fmt_date(report.date, lang), fmt_weekday(report.date, lang)
    if report.sh_close is None:
        if zh:
            return f"{day}（{wd}）没有存储指数收盘数据，无法回答指数涨跌；两市成交额为{report.total_yi:.1f}亿元。"
        return f"No index close is stored for {day}; turnover was {report.total_yi:,.1f} 亿元."
    parts = []
    indexes = [
        ("sh", "上证指数", report.sh_close, report.sh_change_pct),
        ("sz", report.sz_index_name, report.sz_close, report.sz_change_pct),
    ]
    if lead == "sz":
        indexes.reverse()
    for key, name, close, pct in indexes:
        if name is None or close is None:
            continue
        pts = points.get(key)
        if zh:
            move = f"，{'涨' if (pct or 0) >= 0 else '跌'}{abs(pct):.2f}%" if pct is not None else ""
            move += f"（{pts:+.2f}点）" if pts is not None else ""
            parts.append(f"{name}收于{close:.2f}点{move}")
        else:
            en = {"上证指数": "the Shanghai Composite", "深证成指": "the Shenzhen Component"}.get(name, name)
            moved = [f"{pct:+.2f}%"] if pct is not None else []
            moved += [f"{pts:+,.2f} points"] if pts is not None else []
            parts.append(f"{en} closed at {close:,.2f} points" + (f" ({', '.join(moved)})" if moved else ""))
    head = f"{day}（{wd}），" if zh else f"On {wd} {day}, "
    text = head + ("；".join(parts) if zh else "; ".join(parts))
    direction = direction_line(report, lang) if report.change_yi is not None else ""
    return text + ("。" + direction if zh else "." + (f" {direction}" if direction else ""))


def breadth_line(breadth: Breadth | None, lang: Lang) -> str | None:
    """涨跌家数 summed over the industries; the bundled days have no 下跌家数 (said, not invented)."""
    if breadth is None or breadth.up is None:
        return None
    zh = lang != "en"
    if breadth.down is not None:
        if zh:
            return f"涨跌家数（按同花顺行业合计）：上涨{breadth.up}家，下跌{breadth.down}家。"
        return f"Breadth (summed over THS industries): {breadth.up} up, {breadth.down} down."
    if breadth.stocks is not None:
        if zh:
            return f"涨跌家数（按同花顺行业合计）：上涨{breadth.up}家，共{breadth.stocks}家（数据未分下跌与平盘）。"
        return f"Breadth (summed over THS industries): {breadth.up} of {breadth.stocks} stocks rose."
    return f"上涨{breadth.up}家。" if zh else f"{breadth.up} stocks rose."


def extreme_days(result: Any, where: str, shenzhen: bool, lang: Lang) -> str:
    """The days of a period with an index's biggest rise (top) or fall (bottom), with that day's 两市成交额."""
    zh = lang != "en"
    up = result.measure == "top"
    name = (
        ("深证成指" if shenzhen else "上证指数")
        if zh
        else ("the Shenzhen Component" if shenzhen else "the Shanghai Composite")
    )
    if not result.days:
        return f"{where}没有{name}的涨跌幅数据。" if zh else f"There are no moves of {name} stored for {where}."
    rows = [
        f"{fmt_date(d.date, lang)}（{fmt_weekday(d.date)}），{name}{_sign(d.index_change_pct)}，"
        f"当天两市成交额{fmt_yi(d.value_yi)}"
        if zh
        else f"{fmt_weekday(d.date, lang)} {fmt_date(d.date, lang)}: {name} {_sign(d.index_change_pct)}, "
        f"turnover {fmt_yi(d.value_yi, lang)}"
        for d in result.days
    ]
    if len(rows) == 1:
        if zh:
            return f"{where}{name}单日{'涨幅' if up else '跌幅'}最大的一天是{rows[0]}。"
        return f"In {where}, the biggest one-day {'rise' if up else 'fall'} of {name} was on {rows[0]}."
    if zh:
        head = f"{where}{name}单日{'涨幅' if up else '跌幅'}最大的{len(rows)}个交易日："
    else:
        head = f"The {len(rows)} biggest one-day {'rises' if up else 'falls'} of {name} in {where}:"
    return "\n".join([head, *(f"{i}. {r}" for i, r in enumerate(rows, 1))])


def up_down_means(up: Any, down: Any, lang: Lang) -> str:
    """The mean 两市成交额 of the sessions the index rose and of those it fell (CountResult.mean_yi)."""

    def mean(r: Any) -> str:
        return fmt_yi(r.mean_yi, lang) if r.mean_yi is not None else ("无" if lang != "en" else "none")

    if lang != "en":
        return f"上涨日两市成交额日均{mean(up)}，下跌日日均{mean(down)}。"
    return f"Mean turnover on the up days: {mean(up)}; on the down days: {mean(down)}."
