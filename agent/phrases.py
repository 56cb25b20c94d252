"""Sentences of the offline answers, in Chinese and English.

Each function turns one tool result into a sentence or two. They state only
the figures the result holds (with units) and never add a cause: drivers are
the retrieved news lines, each cited as [n].
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from agent.question import ParsedQuestion
from agent.wording import (
    Lang,
    change_verb,
    clip,
    fmt_change,
    fmt_date,
    fmt_date_short,
    fmt_pct,
    fmt_threshold,
    fmt_weekday,
    fmt_yi,
    fmt_yi_short,
    sessions,
)
from retrieval.models import NewsHit
from tools.models import (
    Comparison,
    IntradayTurnover,
    MarketContext,
    RangeReport,
    ThresholdStatus,
    TurnoverReport,
)

BULLET = "•"


def _zh(lang: Lang) -> bool:
    return lang != "en"


# --- the day's figure ------------------------------------------------------------------------


def change_clause(report: TurnoverReport, lang: Lang) -> str | None:
    if report.change_yi is None or report.prev_date is None:
        return None
    if _zh(lang):
        amount = fmt_yi_short(abs(report.change_yi))
        pct = f"（{fmt_pct(report.change_pct)}）" if report.change_pct is not None else ""
        return (
            f"较上个交易日（{fmt_date(report.prev_date)}，{fmt_yi_short(report.prev_total_yi or 0)}）"
            f"{change_verb(report.change_yi)}{amount}{pct}"
        )
    pct = f" ({fmt_pct(report.change_pct)})" if report.change_pct is not None else ""
    return (
        f"{change_verb(report.change_yi, 'en')} {fmt_yi_short(abs(report.change_yi), 'en')}{pct} from the "
        f"previous session ({fmt_date(report.prev_date, 'en')}, {fmt_yi_short(report.prev_total_yi or 0, 'en')})"
    )


def headline(report: TurnoverReport, lang: Lang, asked_today: bool) -> str:
    day, wd = fmt_date(report.date, lang), fmt_weekday(report.date, lang)
    change = change_clause(report, lang)
    if _zh(lang):
        when = f"最新交易日{day}（{wd}）" if asked_today else f"{day}（{wd}）"
        text = (
            f"{when}，沪深两市成交额{fmt_yi(report.total_yi)}，其中沪市{fmt_yi_short(report.sh_yi)}、"
            f"深市{fmt_yi_short(report.sz_yi)}"
        )
        if report.total_with_bj_yi is not None:
            text += f"；含北交所的三市合计{fmt_yi_short(report.total_with_bj_yi)}"
        return text + (f"。{change}。" if change else "。")
    when = f"In the latest session with data ({wd} {day})" if asked_today else f"On {wd} {day}"
    text = (
        f"{when}, Shanghai + Shenzhen turnover was {fmt_yi(report.total_yi, lang)}: Shanghai "
        f"{fmt_yi_short(report.sh_yi, lang)}, Shenzhen {fmt_yi_short(report.sz_yi, lang)}."
    )
    if report.total_with_bj_yi is not None:
        text += f" With the Beijing exchange: {fmt_yi_short(report.total_with_bj_yi, lang)}."
    return text + (f" That is {change}." if change else "")


def date_note(report: TurnoverReport, lang: Lang) -> str:
    asked = report.requested_date or report.date
    if _zh(lang):
        return f"注意：{fmt_date(asked)}不是交易日（休市），下面是此前最近的交易日{fmt_date(report.date)}的数据。"
    return (
        f"Note: {fmt_date(asked, lang)} was not a trading day (market closed); below is the nearest earlier "
        f"session, {fmt_date(report.date, lang)}."
    )


def _status(report: TurnoverReport, line: float) -> ThresholdStatus | None:
    return next((t for t in report.thresholds if abs(t.threshold_yi - line) < 0.5), None)


def threshold_sentence(report: TurnoverReport, st: ThresholdStatus, lang: Lang, asked: bool) -> str | None:
    line = fmt_threshold(st.threshold_yi, lang)
    zh = _zh(lang)
    if st.crossed_up:
        if st.first_above_since is None:
            return f"也是历史上首次站上{line}" if zh else f"the first session ever above {line}"
        gap = st.days_since_last_above or 0
        if zh:
            return f"这是自{fmt_date(st.first_above_since)}以来首次重回{line}之上（相隔{sessions(gap)}）"
        return (
            f"it is back above {line} for the first time since {fmt_date(st.first_above_since, lang)} "
            f"({sessions(gap, lang)} later)"
        )
    if st.above:
        if asked:
            return (
                f"需要说明：两市并非当天才突破{line}——成交额已连续{sessions(st.streak_days)}在{line}之上"
                if zh
                else f"note that turnover did not cross {line} that day: it has been above it for "
                f"{sessions(st.streak_days, lang)} in a row"
            )
        return (
            f"已连续{sessions(st.streak_days)}站上{line}"
            if zh
            else f"{sessions(st.streak_days, lang)} in a row above {line}"
        )
    if st.crossed_down:
        return f"当天跌破{line}" if zh else f"it fell below {line} that day"
    if asked:
        return (
            f"当天成交额低于{line}，并没有突破" if zh else f"turnover was below {line} that day, so it did not cross it"
        )
    return None


def question_checks(report: TurnoverReport, pq: ParsedQuestion, lang: Lang) -> list[str]:
    """What the question assumed, checked against the figures (a crossing, a rise)."""
    out: list[str] = []
    zh = _zh(lang)
    if pq.threshold_yi:
        st = _status(report, pq.threshold_yi)
        if st is not None:
            sentence = threshold_sentence(report, st, lang, asked=True)
        else:
            line = fmt_threshold(pq.threshold_yi, lang)
            above = report.total_yi >= pq.threshold_yi
            sentence = (
                f"当天成交额{'高于' if above else '低于'}{line}"
                if zh
                else f"turnover was {'above' if above else 'below'} {line} that day"
            )
        if sentence:
            out.append(_sentence(sentence, lang))
    if report.change_yi is not None and pq.direction:
        if pq.direction == "up" and report.change_yi < 0 and not pq.threshold_yi:
            out.append(
                "注意：当天成交额实际比上个交易日减少。"
                if zh
                else "Note: turnover actually fell from the previous session."
            )
        if pq.direction == "down" and report.change_yi > 0:
            out.append(
                "注意：当天成交额实际比上个交易日增加。"
                if zh
                else "Note: turnover actually rose from the previous session."
            )
    return out


def context_points(report: TurnoverReport, lang: Lang, asked_threshold: float | None = None) -> list[str]:
    """Record, threshold streaks, percentile and averages as one or two sentences."""
    zh = _zh(lang)
    points: list[str] = []
    rec = report.record
    if rec and rec.is_record:
        points.append("这是截至当日有数据以来的最高纪录" if zh else "this was the highest total on record at the time")
    elif rec and (report.percentile_1y or 0) >= 90:
        points.append(
            f"截至当日的历史最高为{fmt_date(rec.record_date)}的{fmt_yi_short(rec.record_total_yi)}"
            if zh
            else f"the record at the time was {fmt_yi_short(rec.record_total_yi, lang)} "
            f"on {fmt_date(rec.record_date, lang)}"
        )
    others = [t for t in report.thresholds if asked_threshold is None or abs(t.threshold_yi - asked_threshold) >= 0.5]
    notable = ([t for t in others if t.crossed_up or t.crossed_down] or [t for t in others if t.above])[-1:]
    for st in notable:
        sentence = threshold_sentence(report, st, lang, asked=False)
        if sentence:
            points.append(sentence)
    if report.percentile_1y is not None:
        points.append(
            f"高于过去一年中{report.percentile_1y:.1f}%的交易日"
            if zh
            else f"higher than {report.percentile_1y:.1f}% of sessions in the past year"
        )
    avgs = []
    for n, pct in ((5, report.vs_avg5_pct), (20, report.vs_avg20_pct)):
        if pct is not None:
            avgs.append(f"较前{n}日均值{fmt_pct(pct)}" if zh else f"{fmt_pct(pct)} vs the {n}-day average")
    if avgs:
        points.append("、".join(avgs) if zh else " and ".join(avgs))
    if not points:
        return []
    return [f"从历史看：{'；'.join(points)}。" if zh else f"In context: {'; '.join(points)}."]


def _sentence(text: str, lang: Lang) -> str:
    if _zh(lang):
        return text if text.endswith("。") else text + "。"
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


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


def drivers(hits: Sequence[NewsHit], lang: Lang) -> str:
    head = (
        "可能的驱动（当日相关新闻，仅供参考）："
        if _zh(lang)
        else "Possible drivers (news of the day, in Chinese; for reference):"
    )
    return "\n".join([head] + [news_line(h, i + 1, lang) for i, h in enumerate(hits)])


def no_drivers(day: date, lang: Lang) -> str:
    if _zh(lang):
        return f"新闻库里没有找到{fmt_date(day)}前后的相关新闻，因此无法确认具体原因；以上只是成交额数据本身。"
    return (
        f"I found no news around {fmt_date(day, lang)} in the news store, so I cannot say what drove it; "
        "the figures above are all I can confirm."
    )


def news_list(query: str, day: date | None, hits: Sequence[NewsHit], lang: Lang) -> str:
    topic = query.strip()
    if _zh(lang):
        where = f"{fmt_date(day)}前后" if day else ""
        head = f"{where}关于「{topic}」的新闻：" if topic else f"{where}的市场新闻："
    else:
        where = f" around {fmt_date(day, lang)}" if day else ""
        head = f'News about "{topic}"{where} (in Chinese):' if topic else f"Market news{where} (in Chinese):"
    ref_year = max(h.published_at.year for h in hits) if hits else None
    return "\n".join([head] + [news_line(h, i + 1, lang, True, ref_year) for i, h in enumerate(hits)])


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


# --- market context, comparison, range ---------------------------------------------------------


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


def comparison(comp: Comparison, lang: Lang) -> str:
    a, b = comp.a, comp.b
    zh = _zh(lang)
    notes = [date_note(rep, lang) for rep in (a, b) if rep.requested_date and rep.requested_date != rep.date]
    if zh:
        main = "\n".join(
            f"{fmt_date(r.date)}：两市成交额{fmt_yi(r.total_yi)}，沪市{fmt_yi_short(r.sh_yi)}、深市{fmt_yi_short(r.sz_yi)}。"
            for r in (b, a)
        )
        main += (
            f"\n{fmt_date(b.date)}比{fmt_date(a.date)}{change_verb(comp.diff_yi)}"
            f"{fmt_yi_short(abs(comp.diff_yi))}（{fmt_pct(comp.diff_pct)}）。"
        )
    else:
        main = "\n".join(
            f"{fmt_date(r.date, lang)}: turnover {fmt_yi(r.total_yi, lang)}; Shanghai "
            f"{fmt_yi_short(r.sh_yi, lang)}, Shenzhen {fmt_yi_short(r.sz_yi, lang)}."
            for r in (b, a)
        )
        main += (
            f"\n{fmt_date(b.date, lang)} vs {fmt_date(a.date, lang)}: {fmt_change(comp.diff_yi, comp.diff_pct, lang)}."
        )
    records = [
        (
            f"{fmt_date(rep.date)}的成交额是当时的历史最高纪录。"
            if zh
            else f"{fmt_date(rep.date, lang)} set the record at the time."
        )
        for rep in (a, b)
        if rep.record and rep.record.is_record
    ]
    return "\n\n".join(p for p in (" ".join(notes), main, " ".join(records)) if p)


def range_summary(rep: RangeReport, label: str | None, lang: Lang) -> str:
    zh = _zh(lang)
    n = len(rep.days)
    span = (
        f"{fmt_date(rep.start)}至{fmt_date(rep.end)}"
        if zh
        else f"{fmt_date(rep.start, lang)} to {fmt_date(rep.end, lang)}"
    )
    lines: list[str] = []
    if zh:
        lines.append(
            f"{span}共{sessions(n)}，沪深两市成交额日均{fmt_yi(rep.mean_yi)}；最高在{fmt_date_short(rep.max_day)}，"
            f"{fmt_yi_short(rep.max_yi)}；最低在{fmt_date_short(rep.min_day)}，{fmt_yi_short(rep.min_yi)}。"
        )
    else:
        lines.append(
            f"Over {sessions(n, lang)} ({span}), Shanghai + Shenzhen turnover averaged {fmt_yi(rep.mean_yi, lang)} "
            f"a day; the high was {fmt_yi_short(rep.max_yi, lang)} on {fmt_date_short(rep.max_day, lang)} and the "
            f"low {fmt_yi_short(rep.min_yi, lang)} on {fmt_date_short(rep.min_day, lang)}."
        )
    above = [(float(k), v) for k, v in rep.days_above.items() if v > 0]
    if above:
        line, count = max(above)
        lines.append(
            f"其中{count}个交易日在{fmt_threshold(line)}以上。"
            if zh
            else f"{count} of them were above {fmt_threshold(line, lang)}."
        )
    first, last = rep.days[0], rep.days[-1]
    if n > 1:
        move = (
            f"区间首日{fmt_yi_short(first.total_yi)}，最后一日（{fmt_date_short(last.date)}）{fmt_yi_short(last.total_yi)}"
            if zh
            else f"It went from {fmt_yi_short(first.total_yi, lang)} on the first day to "
            f"{fmt_yi_short(last.total_yi, lang)} on the last ({fmt_date_short(last.date, lang)})"
        )
        if last.change_yi is not None:
            move += (
                f"，较前一交易日{change_verb(last.change_yi)}{fmt_yi_short(abs(last.change_yi))}。"
                if zh
                else f", {change_verb(last.change_yi, lang)} {fmt_yi_short(abs(last.change_yi), lang)} "
                "on the session before."
            )
        else:
            move += "。" if zh else "."
        lines.append(move)
    return " ".join(lines) if not zh else "".join(lines)


# --- replies without figures -------------------------------------------------------------------


def not_live(day: date, now: date, lang: Lang) -> str:
    if _zh(lang):
        return f"注：数据截至{fmt_date(day)}（本地数据的最新交易日），不是实时行情。"
    return f"Note: figures are as of {fmt_date(day, lang)}, the latest session in the local data; they are not live."


def invalid_date(raw: str, lang: Lang) -> str:
    if _zh(lang):
        return f"“{raw}”不是一个有效的日期，请检查后再问，例如“2025年10月9日”或“2025-10-09”。"
    return f'"{raw}" is not a valid date. Please check it, e.g. "9 Oct 2025" or "2025-10-09".'


def future_date(day: date, latest: date, lang: Lang) -> str:
    if _zh(lang):
        return f"{fmt_date(day)}还没有到，没有成交额数据。我能查到的最新交易日是{fmt_date(latest)}。"
    return (
        f"{fmt_date(day, lang)} is in the future, so there is no turnover yet. "
        f"The latest session I have is {fmt_date(latest, lang)}."
    )


def beyond_data(day: date, latest: date, lang: Lang) -> str:
    if _zh(lang):
        return (
            f"本地数据目前只到{fmt_date(latest)}，还没有{fmt_date(day)}的成交额（离线模式不联网获取）。"
            "更新数据后再问即可。"
        )
    return (
        f"The local data ends on {fmt_date(latest, lang)}; there is no figure for {fmt_date(day, lang)} yet "
        "(offline mode does not fetch). Update the data and ask again."
    )


def bad_day(day: date | None, message: str, lang: Lang) -> str:
    if day is not None and day.year < 1991:
        return (
            f"沪深两市成交额数据从1991年开始，{fmt_date(day)}没有数据。"
            if _zh(lang)
            else f"Shanghai + Shenzhen turnover data starts in 1991; there is none for {fmt_date(day, lang)}."
        )
    what = fmt_date(day, lang) if day else ("这个日期" if _zh(lang) else "that date")
    return f"无法查询{what}：{message}" if _zh(lang) else f"Cannot look up {what}: {message}"


def no_data(day: date | None, message: str, lang: Lang) -> str:
    if _zh(lang):
        return f"{fmt_date(day) if day else '这段时间'}没有成交额数据：{message}"
    return f"No turnover data for {fmt_date(day, lang) if day else 'that period'}: {message}"


def source_failed(message: str, lang: Lang) -> str:
    return (
        f"数据源暂时出错，请稍后再试（{message}）。"
        if _zh(lang)
        else f"The data source failed; please try again later ({message})."
    )


def internal_error(lang: Lang) -> str:
    return (
        "抱歉，处理这个问题时出错了。请换个说法再试，例如“2025年10月9日两市成交额多少？”"
        if _zh(lang)
        else 'Sorry, something went wrong with that question. Try e.g. "What was turnover on 9 Oct 2025?"'
    )


HELP_ZH = """我可以回答这些问题（数据来自本地的两市成交额历史和新闻库）：
• 某天的成交额：“2025年10月9日两市成交额多少？”
• 放量/缩量的原因、是否突破某条线：“为什么今天两市成交额突破1万亿？比上个交易日多了多少？”
• 两天对比：“对比2024年10月8日和2025年10月9日的成交额”
• 一段时间的走势：“最近20个交易日的成交额”、“本月成交额”
• 相关新闻：“关于证监会的新闻”
日期可以写成 2025年10月9日、10月9日、2025-10-09、昨天、上周五。"""

HELP_EN = """I can answer these (from the local turnover history and news store):
• A day's turnover: "What was Shanghai + Shenzhen turnover on Oct 9, 2025?"
• Why it rose/fell or crossed a line: "Why did turnover cross 2 trillion today? \
How much more than the previous session?"
• Two days compared: "Compare turnover on 2024-10-08 and 2025-10-09"
• A recent range: "Turnover over the last 20 days", "this month"
• News on a topic: "news about the CSRC"
Dates may be written 2025-10-09, 9 October 2025, Oct 9, yesterday, last Friday."""


def help_text(lang: Lang, unclear: bool = False) -> str:
    if _zh(lang):
        return ("没太明白你的问题。" if unclear else "") + HELP_ZH
    return ("I did not quite understand that. " if unclear else "") + HELP_EN


def intraday(live: IntradayTurnover, lang: Lang) -> str:
    """The session still trading: the figure so far, against the previous full session."""
    at = live.as_of.strftime("%H:%M")
    share = f"{live.share_of_prev_pct:.1f}%" if live.share_of_prev_pct is not None else None
    if _zh(lang):
        text = (
            f"盘中：截至{fmt_date(live.date, lang)} {at}，沪深两市成交额已达{fmt_yi(live.total_yi)}"
            f"（沪市{fmt_yi_short(live.sh_yi)}、深市{fmt_yi_short(live.sz_yi)}）"
        )
        if share and live.prev_date and live.prev_total_yi is not None:
            text += (
                f"，相当于上个交易日（{fmt_date(live.prev_date, lang)}）全天{fmt_yi_short(live.prev_total_yi)}的{share}"
            )
        return text + "。全天数据在15:00收盘后才有，以下为已收盘交易日的数据。"
    text = (
        f"Live: as of {at} on {fmt_date(live.date, lang)}, Shanghai + Shenzhen turnover has reached "
        f"{fmt_yi(live.total_yi, lang)} (Shanghai {fmt_yi_short(live.sh_yi, lang)}, Shenzhen "
        f"{fmt_yi_short(live.sz_yi, lang)})"
    )
    if share and live.prev_date and live.prev_total_yi is not None:
        text += (
            f", {share} of the previous session's full day ({fmt_date(live.prev_date, lang)}, "
            f"{fmt_yi_short(live.prev_total_yi, lang)})"
        )
    return text + ". The full-day figure comes after the 15:00 close; below is the last closed session."
