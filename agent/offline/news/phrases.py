"""Sentences about news in the offline answers: the drivers of a day, a topic's news, and how the
bundled demo corpus is labelled (its items are the project's own summaries, not news articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from agent.wording import Lang, clip, fmt_date, fmt_date_short, fmt_pct, fmt_yi_short
from tools.daily.models import MarketContext

if TYPE_CHECKING:  # annotations only: news hits come from the news layer, opened when a question needs news
    from retrieval.models import NewsHit

BULLET = "•"


def _zh(lang: Lang) -> bool:
    return lang != "en"


# --- news ------------------------------------------------------------------------------------


def news_line(hit: NewsHit, n: int, lang: Lang, with_date: bool = False, ref_year: int | None = None) -> str:
    title = clip(hit.title, 48)
    snippet = " ".join(hit.snippet.split())
    if snippet.startswith("…"):  # an excerpt from mid-text: start at the next clause
        cut = min((snippet.find(m) for m in "，。；,;" if snippet.find(m) > 0), default=-1)
        snippet = snippet[cut + 1 :] if 0 < cut < 40 else snippet.lstrip("…")
    if snippet.startswith(hit.title[:12]):
        snippet = snippet[len(hit.title) :]
    snippet = snippet.strip(" ：:，,。…")
    detail = clip(snippet, 56) if snippet else ""
    day = hit.published_at.date()
    when = ""
    if with_date and not title.startswith((fmt_date_short(day, lang), fmt_date(day, lang))):
        when = (fmt_date_short(day, lang) if day.year == ref_year else fmt_date(day, lang)) + " "
    body = f"{title}：{detail}" if detail else title
    return f"{BULLET} {when}{body} [{n}]"


def drivers(hits: Sequence[NewsHit], lang: Lang, first: int = 1, head: str | None = None) -> str:
    head = head or (
        "可能的驱动（当日相关新闻，仅供参考）："
        if _zh(lang)
        else "Possible drivers (news of the day, in Chinese; for reference):"
    )
    return "\n".join([head] + [news_line(h, first + i, lang) for i, h in enumerate(hits)])


def no_drivers(day: date, lang: Lang) -> str:
    if _zh(lang):
        return f"新闻库里没有找到{fmt_date(day)}前后的相关新闻，因此无法确认具体原因；以上只是成交额数据本身。"
    return (
        f"I found no news around {fmt_date(day, lang)} in the news store, so I cannot say what drove it; "
        "the figures above are all I can confirm."
    )


def news_list(query: str, day: date | None, hits: Sequence[NewsHit], lang: Lang, first: int = 1) -> str:
    topic = query.strip()
    if _zh(lang):
        where = f"{fmt_date(day)}前后" if day else ""
        head = f"{where}关于「{topic}」的新闻：" if topic else f"{where}的市场新闻："
    else:
        where = f" around {fmt_date(day, lang)}" if day else ""
        head = f'News about "{topic}"{where} (in Chinese):' if topic else f"Market news{where} (in Chinese):"
    ref_year = max(h.published_at.year for h in hits) if hits else None
    return "\n".join([head] + [news_line(h, first + i, lang, True, ref_year) for i, h in enumerate(hits)])


def no_news(query: str, day: date | None, latest: date | None, lang: Lang) -> str:
    if _zh(lang):
        where = f"{fmt_date(day)}前后" if day else ""
        tail = f"（新闻库最新到{fmt_date(latest)}）" if latest else ""
        return f"没有找到{where}关于「{query or '市场'}」的新闻{tail}。可以换个关键词试试。"
    where = f" around {fmt_date(day, lang)}" if day else ""
    tail = f" (the news store goes up to {fmt_date(latest, lang)})" if latest else ""
    return f'I found no news about "{query or "the market"}"{where}{tail}. Try other keywords.'


def news_unavailable(lang: Lang) -> str:
    return (
        "新闻库暂时不可用，请稍后再试。"
        if _zh(lang)
        else "The news store is unavailable right now; please try again later."
    )


def market_context(mc: MarketContext, lang: Lang) -> str | None:
    zh = _zh(lang)
    parts: list[str] = []
    for s in mc.sectors[:3]:
        bits = []  # the sector's turnover, else its net inflow; then its price change
        if s.turnover_yi is not None:
            bits.append(("成交额" if zh else "turnover ") + fmt_yi_short(s.turnover_yi, lang))
        elif s.net_inflow_yi is not None:
            bits.append(("净流入" if zh else "net inflow ") + fmt_yi_short(s.net_inflow_yi, lang))
        if s.change_pct is not None:
            bits.append(fmt_pct(s.change_pct))
        figure = ("，" if zh else ", ").join(bits)
        parts.append(s.name if not figure else f"{s.name}（{figure}）" if zh else f"{s.name} ({figure})")
    text = ""
    if parts:
        text = ("板块方面：" + "、".join(parts) + "。") if zh else ("Leading sectors: " + ", ".join(parts) + ".")
    if mc.northbound_net_yi is not None:
        nb = mc.northbound_net_yi
        text += (
            f"北向资金净{'流入' if nb >= 0 else '流出'}{fmt_yi_short(abs(nb))}。"
            if zh
            else f" Northbound net {'inflow' if nb >= 0 else 'outflow'}: {fmt_yi_short(abs(nb), lang)}."
        )
    return text.strip() or None


def demo_source_label(has_link: bool, lang: Lang) -> str:
    """How a demo-corpus source is named: the project's summary; its link (if kept) is where the facts are from."""
    if _zh(lang):
        return "marketbot 整理的摘要（非新闻原文）" + ("；链接为事实出处" if has_link else "")
    return "marketbot's own summary, not a news article" + ("; the link is the source of its facts" if has_link else "")


def demo_note(numbers: Sequence[int], lang: Lang) -> str:
    refs = "".join(f"[{n}]" for n in numbers)
    if _zh(lang):
        return f"说明：{refs}来自内置演示资料，是本项目自己整理的摘要，不是新闻原文；附带的链接是其事实出处。"
    return (
        f"Note: {refs} come from the bundled demo corpus, summaries written by this project rather than news "
        "articles; any link shown is the source of their facts."
    )
