"""The industries of one day ranked or counted: "昨天成交额最大的行业", "成交最少的三个行业", "今天涨得最好的行业",
"有几个行业是涨的", and the market's breadth ("上涨家数"), all from the day's industry split (tools.industries:
every THS industry's amount, its index move and its rising/falling stocks). Figures from the report only."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from agent.context import AgentContext
from agent.offline.reading.question import zh_number
from agent.offline.sectors.industries import industries_of
from agent.wording import Lang, fmt_date
from tools.errors import MarketDataError

if TYPE_CHECKING:  # annotations only
    from tools.industries.models import IndustryMove

BREADTH = re.compile(
    r"上涨家数|下跌家数|涨跌家数|家上涨|家下跌|(?:几|多少)\s*(?:家|只)(?:股票|个股)?\s*(?:上涨|下跌|涨|跌|红|绿)|"
    r"(?:上涨|下跌|涨|跌)的?(?:股票|个股)?家数|"
    r"\badvancers?\b|\bbreadth\b|\b(?:stocks|names) (?:up|down)\b|"
    r"\bhow many (?:stocks|shares|companies|names) (?:rose|fell|were up|were down|gained|advanced)\b",
    re.I,
)
INDUSTRY = re.compile(r"行业|\bindustr(?:y|ies)\b", re.I)  # 板块 are the watched boards (sectors handler)
BY_RETURN_UP = re.compile(
    r"涨得最(?:好|多|猛|凶)|涨最(?:猛|凶|好)|涨幅最大|涨幅最高|涨幅(?:排名)?(?:前|top)|涨最多|领涨|"
    r"表现最好|\bbest[- ]perform|\brose the most\b",
    re.I,
)
BY_RETURN_DOWN = re.compile(
    r"跌得最(?:多|狠|惨|凶)|跌最(?:狠|惨|凶|猛)|跌幅最大|跌幅最高|跌幅(?:排名)?(?:前|top)|跌最多|领跌|"
    r"表现最差|\bworst\b|\bfell the most\b",
    re.I,
)
COUNT_UP = re.compile(
    r"(?:几|多少)个?行业.{0,3}(?:是)?(?:涨|上涨|红)|行业.{0,6}(?:涨|上涨)的?有(?:几|多少)个|"
    r"(?:上涨|涨|收红|飘红)的?(?:同花顺)?行业.{0,3}(?:有|是)?(?:几|多少)个|"
    r"行业.{0,4}有(?:几|多少)个(?:是)?(?:涨|上涨|红)|有没有(?:哪个|什么)?行业.{0,3}(?:是)?(?:涨|上涨|红)|"
    r"\bhow many industr(?:y|ies)\b.{0,12}\b(?:rose|up|gained)\b",
    re.I,
)
COUNT_DOWN = re.compile(
    r"(?:几|多少)个?行业.{0,3}(?:是)?(?:跌|下跌|绿)|行业.{0,6}(?:跌|下跌)的?有(?:几|多少)个|"
    r"(?:下跌|跌|收绿|飘绿)的?(?:同花顺)?行业.{0,3}(?:有|是)?(?:几|多少)个|"
    r"行业.{0,4}有(?:几|多少)个(?:是)?(?:跌|下跌|绿)|\bhow many industr(?:y|ies)\b.{0,12}\b(?:fell|down|lost)\b",
    re.I,
)
# How many, of the industries on the table ("跌的有几个", "涨的多少个", "how many fell")
_COUNTED = re.compile(
    r"(?:上涨|下跌|涨|跌|收红|收绿|红|绿)的?(?:有|是)?(?:几|多少)个|(?:几|多少)个(?:是)?(?:上涨|下跌|涨|跌|红|绿)|"
    r"\bhow many\b.{0,20}\b(?:rose|fell|up|down|gained|lost)\b",
    re.I,
)
MOST = re.compile(
    r"最大|最多|最高|最活跃|最火|前(?:\d+|[一二两三四五六七八九十]+)|\bmost\b|\bbiggest\b|\blargest\b|\bhighest\b|"
    r"\btop(?=\b|\s*\d)",
    re.I,
)
LEAST = re.compile(
    r"最少|最小|最低|最冷清|最冷|倒数|后(?:\d+|[一二两三四五六七八九十]+)|\bleast\b|\bsmallest\b|\bquietest\b|\blowest\b|"
    r"\bbottom(?=\b|\s*\d)",
    re.I,
)
N_RANKED = re.compile(
    r"(?:前|后|倒数|最少的|最大的|最多的)?\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|名|大)?(?:行业|板块)|"
    r"(?:前|后|倒数|top\s*|bottom\s*)(\d+|[一二两三四五六七八九十]+)",
    re.I,
)


# A share asked of a ranking ("份额最大的行业", "largest share of market turnover"): of 两市, said beside each
SHARE = re.compile(r"占比|占两市|比重|份额|比例|\bshare\b", re.I)
MEAN = re.compile(r"日均|平均|均值|\baverage\b|\bmean\b|\bper day\b|\ba day\b", re.I)


def read_rank(text: str, implied: bool = False) -> dict | None:
    """What is ranked or counted, or None when the part is not an industry ranking. ``implied``: the industries
    are the subject already (a follow-up of a ranking: "涨幅前三呢"), so the word 行业 need not be said."""
    m = N_RANKED.search(text)
    n = int(zh_number(m[1] or m[2]) or 1) if m else 1
    if BREADTH.search(text) and INDUSTRY.search(text) and (MOST.search(text) or LEAST.search(text)):
        return {"rank": "advancers", "down": bool(LEAST.search(text)), "n": max(1, min(n, 10))}  # 上涨家数最多的行业
    if BREADTH.search(text):
        return {"rank": "breadth"}
    if not INDUSTRY.search(text) and not implied:
        return None
    if COUNT_UP.search(text) or COUNT_DOWN.search(text):
        return {"rank": "count", "down": bool(COUNT_DOWN.search(text))}
    if implied and _COUNTED.search(text):  # "跌的有几个" after a ranking of the day's industries
        return {"rank": "count", "down": bool(re.search(r"跌|绿|\bfell\b|\bdown\b", text, re.I))}
    if BY_RETURN_UP.search(text) or BY_RETURN_DOWN.search(text):
        return {"rank": "return", "down": bool(BY_RETURN_DOWN.search(text)), "n": max(1, min(n, 10))}
    traded = re.search(r"成交|交易额|\bturnover\b|\btraded\b", text, re.I) or SHARE.search(text)
    if traded and (MOST.search(text) or LEAST.search(text)):
        return {"rank": "amount", "down": bool(LEAST.search(text)), "n": max(1, min(n, 10)),
                "share": bool(SHARE.search(text)), "mean": bool(MEAN.search(text))}  # fmt: skip
    return None


PLACE = re.compile(r"排第几|排名第?几|第几名|排在第几|排第|排名|\brank(?:ed|s|ing)?\b|\bwhich place\b", re.I)


def place_line(ctx: AgentContext, name: str, day: date, lang: Lang) -> str:
    """ "通信设备排第几": its place by turnover among all industries that day (1 = the most traded)."""
    try:
        rows = sorted(industries_of(ctx).day(day, top_n=200).top, key=lambda m: -m.amount_yi)
    except MarketDataError:
        return ""
    place = next((i for i, m in enumerate(rows, 1) if m.name == name), None)
    if place is None:
        return ""
    if lang != "en":
        return f"{fmt_date(day)}{name}成交额在{len(rows)}个同花顺行业中排第{place}。"
    return f"On {fmt_date(day, lang)}, {name} ranked {place} of {len(rows)} THS industries by turnover. "


def period_rank_answer(ctx: AgentContext, ask: dict, lang: Lang) -> tuple[str, str | None]:
    """The industries ranked by their turnover summed over a period ("7月累计成交额最高的三个行业"), or by their daily
    mean when that is asked ("上个月日均成交最多的行业"), each with its share of 两市 over the same sessions when
    asked; and the industry ranked first (what "它" and "占比多少" refer to next)."""
    from tools.industries.store import bundled_names

    data, zh = industries_of(ctx), lang != "en"
    try:
        spans = [data.span(name, ask["period"]) for name in sorted(bundled_names())]
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else "."), None
    mean = bool(ask.get("mean"))
    ranked = sorted(spans, key=lambda s: s.total_yuan / s.sessions if mean else s.total_yuan,
                    reverse=not ask.get("down"))[: ask.get("n", 1)]  # fmt: skip
    first = ranked[0]
    when = (
        f"{fmt_date(first.start)}至{fmt_date(first.end)}（{first.sessions}个交易日）"
        if zh
        else f"{fmt_date(first.start, lang)} to {fmt_date(first.end, lang)} ({first.sessions} sessions)"
    )

    def share(s) -> str:  # noqa: ANN001 - tools.industries.models.IndustrySpan
        if not ask.get("share") or not s.market_total_yuan:
            return ""
        pct = s.total_yuan / s.market_total_yuan * 100
        return f"，占同期两市成交额的{pct:.2f}%" if zh else f", {pct:.2f}% of the Shanghai + Shenzhen total"

    if zh:
        word = ("日均成交额" if mean else "累计成交额") + ("最低" if ask.get("down") else "最高")
        items = "；".join(
            f"{i}. {s.name}日均{s.total_yuan / s.sessions / 1e8:.1f}亿元（合计{s.total_yuan / 1e8:.1f}亿元{share(s)}）"
            if mean
            else f"{i}. {s.name}{s.total_yuan / 1e8:.1f}亿元" + (f"（{share(s)[1:]}）" if share(s) else "")
            for i, s in enumerate(ranked, 1)
        )
        return f"{when}{word}的{len(ranked)}个同花顺行业：{items}。", first.name
    word = ("lowest" if ask.get("down") else "highest") + (" daily mean" if mean else " summed")
    items = "; ".join(
        f"{i}. {s.name} {s.total_yuan / 1e8:,.1f} 亿元 in all"
        + (f", {s.total_yuan / s.sessions / 1e8:,.1f} 亿元 a day" if mean else "")
        + share(s)
        for i, s in enumerate(ranked, 1)
    )
    which = "the THS industry" if len(ranked) == 1 else f"the {len(ranked)} THS industries"
    return f"{when}, {which} with the {word} turnover: {items}.", first.name


def first_named(text: str, names: list[str]) -> str | None:
    """The industry a ranking answer names first (what "它" refers to in the next question)."""
    found = [(text.find(n), n) for n in names if n in text]
    return min(found)[1] if found else None


def rank_answer(ctx: AgentContext, day: date | None, ask: dict, lang: Lang) -> tuple[str, date | None]:
    zh = lang != "en"
    try:
        report = industries_of(ctx).day(day, top_n=200)
    except MarketDataError as exc:
        return str(exc) + ("。" if zh else "."), None
    when = fmt_date(report.date, lang)
    rows = list(report.top)
    if ask["rank"] == "breadth":
        b = report.breadth
        if b is None or b.up is None:
            return (f"{when}没有上涨家数的数据。" if zh else f"No advancing-stock counts for {when}."), report.date
        share = f"，占{b.up / b.stocks * 100:.1f}%" if b.stocks else ""
        down = f"，下跌{b.down}家" if b.down is not None else ""
        if zh:
            total = f"（{report.industries}个同花顺行业合计，共{b.stocks}家）" if b.stocks else ""
            return f"{when}全市场上涨{b.up}家{share}{down}{total}。", report.date
        return f"On {when}, {b.up} stocks rose" + (f" out of {b.stocks}" if b.stocks else "") + ".", report.date
    if ask["rank"] == "count":
        moved = [r for r in rows if r.index_change_pct is not None]
        hits = (
            [r for r in moved if (r.index_change_pct or 0) < 0]
            if ask["down"]
            else [r for r in moved if (r.index_change_pct or 0) > 0]
        )
        word = "下跌" if ask["down"] else "上涨"
        if zh:
            return f"{when}，{len(moved)}个同花顺行业中有{len(hits)}个行业指数{word}。", report.date
        return (
            f"On {when}, {len(hits)} of {len(moved)} THS industries' indexes {'fell' if ask['down'] else 'rose'}.",
            report.date,
        )
    n = ask.get("n", 1)
    if ask["rank"] == "advancers":
        counted = [r for r in rows if r.up_count is not None]
        if not counted:
            return (
                f"{when}没有各行业上涨家数的数据。" if zh else f"No advancing-stock counts for {when}."
            ), report.date
        picked = sorted(counted, key=lambda r: r.up_count or 0, reverse=not ask["down"])[:n]
        if zh:
            items = "、".join(
                f"{r.name}（上涨{r.up_count}家"
                + (f"，行业指数{r.index_change_pct:+.2f}%）" if r.index_change_pct is not None else "）")
                for r in picked
            )
            head = "上涨家数最少" if ask["down"] else "上涨家数最多"
            return (
                f"{when}，{len(counted)}个同花顺行业中{head}的{'是' if n == 1 else f'{len(picked)}个：'}{items}。",
                report.date,
            )
        items_en = ", ".join(f"{r.name} ({r.up_count} stocks up)" for r in picked)
        word = "fewest" if ask["down"] else "most"
        return f"On {when}, the THS industries with the {word} rising stocks: {items_en}.", report.date
    if ask["rank"] == "return":
        moved = sorted((r for r in rows if r.index_change_pct is not None), key=lambda r: r.index_change_pct or 0,
                       reverse=not ask["down"])  # fmt: skip
        picked = moved[:n]
        items = "、".join(f"{r.name}（{r.index_change_pct:+.2f}%，成交额{r.amount_yi:.1f}亿元）" for r in picked)
        head = "跌幅最大" if ask["down"] else "涨幅最大"
        if zh:
            return f"{when}行业指数{head}的{'是' if n == 1 else f'{len(picked)}个行业：'}{items}。", report.date
        items_en = ", ".join(f"{r.name} ({r.index_change_pct:+.2f}%)" for r in picked)
        return f"On {when}, the industries that {'fell' if ask['down'] else 'rose'} the most: {items_en}.", report.date
    ordered = sorted(rows, key=lambda r: r.amount_yi, reverse=not ask["down"])[:n]
    market = ctx.market.store.get(report.date) if ask.get("share") else None
    market_yuan = market.total_yuan if market is not None and market.total_yuan else None
    exact = industries_of(ctx).amounts([r.name for r in ordered], report.date) if market_yuan else {}

    def share_of(r: IndustryMove) -> str:  # "份额最大的行业": of 两市 (the industries' own total runs a little higher)
        if market_yuan is None or r.name not in exact:
            return f"占{r.share_of_turnover_pct:.1f}%" if zh else ""
        pct = exact[r.name] / market_yuan * 100
        return f"占两市成交额的{pct:.2f}%" if zh else f", {pct:.2f}% of the Shanghai + Shenzhen total"

    items = "、".join(f"{r.name}（{r.amount_yi:.1f}亿元，{share_of(r)}）" for r in ordered)
    head = "成交额最少" if ask["down"] else "成交额最大"
    if zh:
        return (
            f"{when}，{report.industries}个同花顺行业中{head}的{'是' if n == 1 else f'{len(ordered)}个：'}{items}。",
            report.date,
        )
    items_en = ", ".join(f"{r.name} ({r.amount_yi:,.1f} 亿元{share_of(r)})" for r in ordered)
    return (
        f"On {when}, the THS industries with the {'least' if ask['down'] else 'most'} turnover: {items_en}.",
        report.date,
    )
