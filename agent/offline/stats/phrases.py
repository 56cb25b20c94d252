"""Sentences for turnover statistics (results of ``MarketData.stats``), in Chinese and English.

The first sentence answers what was asked (the day, the count, the sum...), with its period's
exact dates; context follows. Figures are the result's own, already computed from 元 and rounded
once by the tools: nothing here subtracts or divides.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from agent.wording import Lang, fmt_date, fmt_pct, fmt_threshold, fmt_weekday, fmt_yi, fmt_yi_short, sessions
from tools.stats.text import moves_label

_PART_ZH = {"total": "两市成交额", "sh": "沪市成交额", "sz": "深市成交额"}
_PART_EN = {"total": "Shanghai + Shenzhen turnover", "sh": "Shanghai turnover", "sz": "Shenzhen turnover"}
_REL_ZH = {
    "this_half": "本半年",
    "last_half": "上个半年",
    "this_week": "本周",
    "last_week": "上周",
    "this_month": "本月",
    "last_month": "上月",
    "this_quarter": "本季度",
    "last_quarter": "上季度",
    "this_year": "今年",
    "last_year": "去年",
    "ytd": "今年以来",
    "all": "有数据以来",
}
_REL_EN = {
    "this_half": "this half-year",
    "last_half": "the last half-year",
    "this_week": "this week",
    "last_week": "last week",
    "this_month": "this month",
    "last_month": "last month",
    "this_quarter": "this quarter",
    "last_quarter": "last quarter",
    "this_year": "this year",
    "last_year": "last year",
    "ytd": "this year to date",
    "all": "all the history",
}
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _in(where: str) -> str:
    """ "In 2024 (...)" but "Last year (...)", "This week (...)": relative names need no preposition."""
    return _cap(where) if where.startswith(("this ", "last ")) else f"In {where}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _zh(lang: Lang) -> bool:
    return lang != "en"


def spec_label(spec: str, lang: Lang) -> str:
    """A period spec as words, before it is resolved ("2015-06" -> "2015年6月")."""
    zh = _zh(lang)
    if spec in _REL_ZH:
        return _REL_ZH[spec] if zh else _REL_EN[spec]
    if m := re.fullmatch(r"last:(\d+)\+(\d+)", spec):
        return f"再往前{m[1]}个交易日" if zh else f"the {m[1]} sessions before those"
    if m := re.fullmatch(r"last:(\d+)(?:@(.+))?", spec):
        n, end = int(m[1]), m[2]
        if zh:
            return f"截至{fmt_date(date.fromisoformat(end))}的{n}个交易日" if end else f"最近{n}个交易日"
        return f"the {n} sessions to {fmt_date(date.fromisoformat(end), lang)}" if end else f"the last {n} sessions"
    if m := re.fullmatch(r"(\d{4})Q([1-4])", spec):
        return f"{m[1]}年第{m[2]}季度" if zh else f"Q{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})H([12])", spec):
        return (f"{m[1]}年" + ("上半年" if m[2] == "1" else "下半年")) if zh else f"H{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", spec):
        return f"{m[1]}年{int(m[2])}月" if zh else f"{_EN_MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", spec):
        return f"{m[1]}年第{int(m[2])}周" if zh else f"week {int(m[2])} of {m[1]}"
    if re.fullmatch(r"\d{4}", spec):
        return f"{spec}年" if zh else spec
    if m := re.fullmatch(r"\.\.(\d{4}-\d{2}-\d{2})", spec):
        after = date.fromisoformat(m[1]) + timedelta(days=1)
        return f"{fmt_date(after)}之前" if zh else f"the sessions before {fmt_date(after, lang)}"
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.", spec):
        start = date.fromisoformat(m[1])
        return f"{fmt_date(start)}以来" if zh else f"the sessions since {fmt_date(start, lang)}"
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", spec):
        a, b = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        return f"{fmt_date(a)}至{fmt_date(b)}" if zh else f"{fmt_date(a, lang)} to {fmt_date(b, lang)}"
    return spec


def period_text(period: Any, lang: Lang, asked: str | None = None) -> str:
    """The period with its exact sessions: "2015年6月（2015年6月1日至6月30日，21个交易日）"; named as
    asked ("本周") when the question used a relative period."""
    zh = _zh(lang)
    name = spec_label(asked or period.spec, lang)
    first, last = period.first_session, period.last_session
    if first is None or last is None:
        return name
    span = f"{fmt_date(first)}至{fmt_date(last)}" if zh else f"{fmt_date(first, lang)} to {fmt_date(last, lang)}"
    count = sessions(period.sessions, lang)
    if name == span:
        return f"{span}（共{count}）" if zh else f"{span} ({count})"
    if name.startswith(("最近", "the last", "截至", "the ")) and period.kind == "last_n":
        inner = f"{span}，{count}" if zh else f"{span}, {count}"
        return f"{name}（{inner}）" if zh else f"{name} ({inner})"
    if period.partial:
        tail = "，本期尚未结束或数据未到期末" if zh else ", period not over or data not up to its end"
    else:
        tail = ""
    return f"{name}（{span}，共{count}{tail}）" if zh else f"{name} ({span}, {count}{tail})"


def _day(d: Any, lang: Lang) -> str:
    """A StatDay: "2015年6月8日（周一），12946.3亿元（约1.29万亿元）"."""
    if _zh(lang):
        return f"{fmt_date(d.date)}（{fmt_weekday(d.date)}），{fmt_yi(d.value_yi)}"
    return f"{fmt_weekday(d.date, lang)} {fmt_date(d.date, lang)}, {fmt_yi(d.value_yi, lang)}"


def _what(part: str, lang: Lang) -> str:
    return _PART_ZH[part] if _zh(lang) else _PART_EN[part]


def summary(r: Any, focus: str, lang: Lang, asked: str | None = None) -> str:
    zh, what, where = _zh(lang), _what(r.part, lang), period_text(r.period, lang, asked)
    if focus == "sessions":  # "2月开了几天市": how many sessions, with the period's total beside
        if zh:
            return f"{where}共有{r.period.sessions}个交易日，{what}合计{fmt_yi(r.sum_yi)}。"
        return f"{_in(where)} there were {sessions(r.period.sessions, lang)}; {what} totalled {fmt_yi(r.sum_yi, lang)}."
    if focus in ("max", "min"):
        day = r.max_day if focus == "max" else r.min_day
        if zh:
            word = "最高" if focus == "max" else "最低"
            return f"{where}{what}{word}的一天是{_day(day, lang)}。该期间日均{fmt_yi_short(r.mean_yi)}。"
        word = "highest" if focus == "max" else "lowest"
        return (
            f"{_in(where)}, {what} was {word} on {_day(day, lang)}. The daily mean was {fmt_yi_short(r.mean_yi, lang)}."
        )
    if focus == "sum":
        return (
            f"{where}{what}合计{fmt_yi(r.sum_yi)}，日均{fmt_yi_short(r.mean_yi)}。"
            if zh
            else f"{_in(where)}, {what} totalled {fmt_yi(r.sum_yi, lang)}; daily mean {fmt_yi_short(r.mean_yi, lang)}."
        )
    if focus in ("mean", "median"):
        value = r.mean_yi if focus == "mean" else r.median_yi
        if zh:
            word = "日均" if focus == "mean" else "中位数为"
            return f"{where}{what}{word}{fmt_yi(value)}，合计{fmt_yi_short(r.sum_yi)}。"
        word = "daily mean" if focus == "mean" else "median day"
        return f"{_in(where)}, the {word} of {what} was {fmt_yi(value, lang)}; total {fmt_yi_short(r.sum_yi, lang)}."
    if zh:
        return (
            f"{where}{what}合计{fmt_yi(r.sum_yi)}，日均{fmt_yi_short(r.mean_yi)}，中位数{fmt_yi_short(r.median_yi)}；"
            f"最高在{_day(r.max_day, lang)}；最低在{_day(r.min_day, lang)}。"
        )
    return (
        f"{_in(where)}, {what} totalled {fmt_yi(r.sum_yi, lang)}; daily mean {fmt_yi_short(r.mean_yi, lang)}, median "
        f"{fmt_yi_short(r.median_yi, lang)}; high on {_day(r.max_day, lang)}; low on {_day(r.min_day, lang)}."
    )


def top(r: Any, lang: Lang, asked: str | None = None) -> str:
    zh, what, where = _zh(lang), _what(r.part, lang), period_text(r.period, lang, asked)
    high = r.measure == "top"
    lines = [f"{i + 1}. {_day(d, lang)}" for i, d in enumerate(r.days)]
    if zh:
        head = f"{where}{what}{'最高' if high else '最低'}的{len(r.days)}个交易日："
    else:
        head = f"The {len(r.days)} {'highest' if high else 'lowest'} days of {what} in {where}:"
    return "\n".join([head, *lines])


def _line(r: Any, lang: Lang) -> str:
    moved = getattr(r, "index_move", None) or getattr(r, "volume_move", None)
    label = moves_label(getattr(r, "index_move", None), getattr(r, "volume_move", None), lang) if moved else ""
    label = label.removeprefix("turnover ")  # said after "… turnover was": "higher than the session before"
    if r.threshold_yi is None:
        return label
    line = fmt_threshold(r.threshold_yi, lang)
    if getattr(r, "direction", "") == "between" and r.threshold_hi_yi is not None:
        upper = fmt_threshold(r.threshold_hi_yi, lang)
        return f"在{line}到{upper}之间（含两端）" if _zh(lang) else f"between {line} and {upper} (inclusive)"
    if _zh(lang):
        text = f"在{line}以上（含）" if r.direction == "at_or_above" else f"低于{line}"
        return f"{text}且{label}" if label else text
    text = f"at or above {line}" if r.direction == "at_or_above" else f"below {line}"
    return f"{text} and {label}" if label else text


def spread(r: Any, lang: Lang) -> str:
    """The highest day's figure minus the lowest's (SummaryResult.range_yi, from the unrounded amounts)."""
    if getattr(r, "range_yi", None) is None:
        return ""
    if _zh(lang):
        return f"最高的一天比最低的一天多{fmt_yi(r.range_yi)}。"
    return f" The highest day was {fmt_yi(r.range_yi, lang)} above the lowest."


def count(r: Any, lang: Lang, asked: str | None = None, listed: bool = False) -> str:
    zh, what, where = _zh(lang), _what(r.part, lang), period_text(r.period, lang, asked)
    total = r.period.sessions
    days = r.matching if listed and r.matching else None  # "分别是哪几天": each matching day with its figure
    if zh:
        text = f"{where}{what}{_line(r, lang)}的交易日有{r.count}个，占{total}个交易日的{fmt_pct(r.share_pct, False)}。"
        if days:
            return (
                text + "分别是：" + "、".join(f"{fmt_date(d.date)}（{fmt_yi_short(d.value_yi)}）" for d in days) + "。"
            )
        if r.first_day and r.last_day and r.count > 1:
            text += f"第一个是{fmt_date(r.first_day.date)}，最近一个是{fmt_date(r.last_day.date)}。"
        return text
    share = fmt_pct(r.share_pct, False)
    text = f"{_in(where)}, {what} was {_line(r, lang)} on {sessions(r.count, lang)} of {total} ({share})."
    if days:
        return (
            text
            + " They were "
            + ", ".join(f"{fmt_date(d.date, lang)} ({fmt_yi(d.value_yi, lang)})" for d in days)
            + "."
        )
    if r.first_day and r.last_day and r.count > 1:
        text += f" The first was {fmt_date(r.first_day.date, lang)}, the latest {fmt_date(r.last_day.date, lang)}."
    return text


def rank(r: Any, lang: Lang, asked: str | None = None, from_bottom: bool = False) -> str:
    """A day's place in a period: from the top, or from the bottom first when that was asked ("排倒数第几")."""
    zh, what, where = _zh(lang), _what(r.part, lang), period_text(r.period, lang, asked)
    # The percentile beside the rank: sessions at or below the day (ranked from the bottom) over all of them.
    pct = r.rank_from_bottom / r.out_of * 100 if r.out_of else 0.0
    if zh:
        place = (
            f"排倒数第{r.rank_from_bottom}（从低往高数；从高往低是第{r.rank}）" if from_bottom else f"排第{r.rank}高"
        )
        text = f"{_day(r.day, lang)}，在{where}的{r.out_of}个交易日中{what}{place}（第{pct:.1f}百分位）。"
        if from_bottom and r.rank_from_bottom == 1:
            return text + "是这段时间的最低。"
        if r.rank == 1:
            text += "是这段时间的最高。"
        elif r.higher_days and not from_bottom:
            text += (
                "比它高的最近几天："
                + "、".join(f"{fmt_date(d.date)}（{fmt_yi_short(d.value_yi)}）" for d in r.higher_days[:3])
                + "。"
            )
        return text
    place = f"is #{r.rank_from_bottom} from the bottom (#{r.rank} from the top)" if from_bottom else f"ranks #{r.rank}"
    text = f"{_day(r.day, lang)}: {what} {place} of {r.out_of} sessions in {where} ({pct:.1f}th percentile)."
    if from_bottom and r.rank_from_bottom == 1:
        return text + " It is the lowest of the period."
    if r.rank == 1:
        text += " It is the highest of the period."
    elif r.higher_days and not from_bottom:
        text += (
            " Higher days nearby: "
            + ", ".join(f"{fmt_date(d.date, lang)} ({fmt_yi_short(d.value_yi, lang)})" for d in r.higher_days[:3])
            + "."
        )
    return text


def not_the_record(r: Any, lang: Lang) -> str:
    """Appended to a rank when the question asked whether the day was the record."""
    where = period_text(r.period, lang) if r.period.spec != "all" else ("有数据以来" if _zh(lang) else "on record")
    if _zh(lang):
        return f"不是最高纪录：{where}最高的一天是{_day(r.max_day, lang)}。"
    return f"No, it is not the record: the highest {where} was {_day(r.max_day, lang)}. "


def first_last(r: Any, lang: Lang, asked: str | None = None) -> str:
    zh, what = _zh(lang), _what(r.part, lang)
    where = (
        period_text(r.period, lang, asked) if r.period.spec != "all" else ("有数据以来" if zh else "in all the history")
    )
    first = r.measure == "first"
    since = (f"自{fmt_date(r.since)}以来" if zh else f"since {fmt_date(r.since, lang)}") if r.since else where
    if r.day is None:
        return (
            f"{since}{what}没有一天{_line(r, lang)}。"
            if zh
            else f"{what[:1].upper()}{what[1:]} was never {_line(r, lang)} {since}."
        )
    if zh:
        word = "第一次" if first else "最近一次"
        return f"{since}{what}{word}{_line(r, lang)}是{_day(r.day, lang)}（期间共{r.count}个交易日符合）。"
    word = "first" if first else "last"
    return f"{_cap(since)}, {what} was {word} {_line(r, lang)} on {_day(r.day, lang)} ({r.count} such sessions)."


def streak(r: Any, want_current: bool, lang: Lang, asked: str | None = None) -> str:
    zh, what, where = _zh(lang), _what(r.part, lang), period_text(r.period, lang, asked)
    line = _line(r, lang)
    cur, longest = r.current, r.longest
    parts: list[str] = []
    if zh:
        if want_current:
            parts.append(
                f"截至{fmt_date(cur.end)}，{what}已连续{sessions(cur.sessions)}{line}（自{fmt_date(cur.start)}起）。"
                if cur
                else f"截至{fmt_date(r.period.last_session)}，{what}并非{line}，没有正在延续的连续纪录。"
            )
        if longest and not (want_current and cur and longest.start == cur.start):
            parts.append(
                f"{where}{what}连续{line}最长的一次是{fmt_date(longest.start)}至{fmt_date(longest.end)}，"
                f"共{sessions(longest.sessions)}。"
            )
            ties = getattr(r, "longest_ties", [])
            if ties:  # equally long runs are all named, in date order
                parts.append("同样长的还有" + "、".join(f"{fmt_date(t.start)}至{fmt_date(t.end)}" for t in ties) + "。")
        elif not want_current:
            parts.append(f"{where}{what}没有一天{line}。")
        return "".join(parts)
    if want_current:
        parts.append(
            f"As of {fmt_date(cur.end, lang)}, {what} has been {line} for {sessions(cur.sessions, lang)} in a row "
            f"(since {fmt_date(cur.start, lang)})."
            if cur
            else f"As of {fmt_date(r.period.last_session, lang)}, {what} is not {line}: no run is going on."
        )
    if longest and not (want_current and cur and longest.start == cur.start):
        parts.append(
            f"The longest run {line} in {where} was {fmt_date(longest.start, lang)} to {fmt_date(longest.end, lang)}, "
            f"{sessions(longest.sessions, lang)}."
        )
        ties = getattr(r, "longest_ties", [])
        if ties:
            spans = "; ".join(f"{fmt_date(t.start, lang)} to {fmt_date(t.end, lang)}" for t in ties)
            parts.append(f"Equally long: {spans}.")
    elif not want_current:
        parts.append(f"{what[:1].upper()}{what[1:]} was never {line} in {where}.")
    return " ".join(parts)


def sub_periods(whole: Any, ranked: list[Any], focus: str, lowest: bool, lang: Lang) -> str:
    """The months (years) of a period ranked by their sum (or daily mean), the first one answering."""
    zh, what = _zh(lang), _what(whole.part, lang)
    if not ranked:
        return no_period_data(whole.period.spec, whole.latest_date, lang)

    def figure(r: Any) -> str:
        value = r.mean_yi if focus == "mean" else r.sum_yi
        name, count = spec_label(r.period.spec, lang), sessions(r.period.sessions, lang)
        if zh:
            return f"{name}（{'日均' if focus == 'mean' else '合计'}{fmt_yi_short(value)}，{count}）"
        word = "daily mean" if focus == "mean" else "total"
        return f"{name} ({word} {fmt_yi_short(value, lang)}, {count})"

    top, rest = ranked[0], ranked[1:4]
    where = period_text(whole.period, lang)
    if zh:
        word = "最低" if lowest else "最高"
        measure = "日均成交额" if focus == "mean" else "成交额合计"
        text = f"{where}{what.replace('成交额', '')}{measure}{word}的是{figure(top)}。"
        return text + (f"其次是{'、'.join(figure(r) for r in rest)}。" if rest else "")
    word = "lowest" if lowest else "highest"
    measure = "daily mean" if focus == "mean" else "total"
    text = f"{_in(where)}, the {word} {measure} of {what} was in {figure(top)}."
    return text + (f" Next: {', '.join(figure(r) for r in rest)}." if rest else "")


def no_period_data(spec: str, latest: date | None, lang: Lang) -> str:
    name = spec_label(spec, lang)
    if _zh(lang):
        tail = f"本地数据截至{fmt_date(latest)}" if latest else "本地还没有数据"
        return f"{name}没有成交额数据：{tail}（离线模式不联网获取）。"
    tail = f"the local data ends on {fmt_date(latest, lang)}" if latest else "there is no local data yet"
    return f"There is no turnover data for {name}: {tail} (offline mode does not fetch)."


def share_of_total(part: Any, whole: Any, lang: Lang) -> str:
    """沪市 (深市) as a share of 两市 over the same period: the sums' ratio, from unrounded figures."""
    pct = part.sum_yi / whole.sum_yi * 100
    other_zh, other_en = ("深市", "Shenzhen") if part.part == "sh" else ("沪市", "Shanghai")
    if _zh(lang):
        return f"占同期两市成交额合计{fmt_yi(whole.sum_yi)}的{pct:.2f}%（{other_zh}占{100 - pct:.2f}%）。"
    return (
        f"That is {pct:.2f}% of the two markets' total of {fmt_yi(whole.sum_yi, lang)} over the same period "
        f"({other_en} {100 - pct:.2f}%)."
    )
