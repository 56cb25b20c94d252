"""Sentences for the statistics shapes of issue 16: where an amount or a day stands (percentile), each
session of a period (days), the period's weeks/months/years ranked (group), and two periods compared. Figures
from the result only."""

from __future__ import annotations

from typing import Any

from agent.offline.stats.phrases import _cap, _day, _what, _zh, period_text, spec_label
from agent.wording import Lang, fmt_date, fmt_pct, fmt_yi, fmt_yi_short


def percentile(r: Any, lang: Lang, asked: str | None = None) -> str:
    zh, what, where = lang != "en", _what(r.part, lang), period_text(r.period, lang, asked)
    pct = fmt_pct(r.percentile, False)
    place = r.at_or_below / r.out_of * 100  # from the counts: the 2-decimal figure would round twice (35.25 -> 35.2)
    subject = _day(r.day, lang) if r.day is not None else fmt_yi(r.value_yi, lang)
    if zh:
        text = (
            f"{subject}在{where}的{r.out_of}个交易日中处在第{place:.1f}百分位（{what}）：有{r.at_or_below}个交易日"
            f"不高于它，{r.out_of - r.at_or_below}个交易日高于它（排第{r.rank}高）。"
        )
        text += (
            f"这段时间最高{fmt_date(r.max_day.date)}的{fmt_yi_short(r.max_day.value_yi)}，"
            f"最低{fmt_date(r.min_day.date)}的{fmt_yi_short(r.min_day.value_yi)}，中位数{fmt_yi_short(r.median_yi)}。"
        )
        return text
    return (
        f"{subject} is at or above {pct} of the {r.out_of} sessions in {where} (the {place:.1f}th "
        f"percentile): {r.at_or_below} sessions were at or below it, {r.out_of - r.at_or_below} sessions above it "
        f"(it would rank #{r.rank}). The period's highest was "
        f"{fmt_yi_short(r.max_day.value_yi, lang)} on {fmt_date(r.max_day.date, lang)}, its lowest "
        f"{fmt_yi_short(r.min_day.value_yi, lang)} on {fmt_date(r.min_day.date, lang)}, the median "
        f"{fmt_yi_short(r.median_yi, lang)}."
    )


def days(r: Any, lang: Lang, asked: str | None = None) -> str:
    zh, where = lang != "en", period_text(r.period, lang, asked)
    part = r.part
    rows = []
    for row in r.rows:
        value = {"total": row.total_yi, "sh": row.sh_yi, "sz": row.sz_yi}[part]
        if zh:
            extra = f"（沪市{fmt_yi_short(row.sh_yi)}、深市{fmt_yi_short(row.sz_yi)}）" if part == "total" else ""
            rows.append(f"• {fmt_date(row.date)}：{fmt_yi_short(value)}{extra}")
        else:
            extra = (
                f" (Shanghai {fmt_yi_short(row.sh_yi, lang)}, Shenzhen {fmt_yi_short(row.sz_yi, lang)})"
                if part == "total"
                else ""
            )
            rows.append(f"• {fmt_date(row.date, lang)}: {fmt_yi_short(value, lang)}{extra}")
    total = {"total": r.sum_total_yi, "sh": r.sum_sh_yi, "sz": r.sum_sz_yi}[part]
    if zh:
        head = f"{where}{_what(part, lang)}逐日如下："
        tail = f"合计{fmt_yi(total)}。" + (
            f"（只列出最近{len(r.rows)}个交易日，前面{r.omitted}个略去。）" if r.omitted else ""
        )
    else:
        head = f"{_what(part, lang)} in {where}, session by session:"
        tail = f"Total {fmt_yi(total, lang)}." + (
            f" (Only the latest {len(r.rows)} sessions are listed; {r.omitted} earlier ones left out.)"
            if r.omitted
            else ""
        )
    return "\n".join([head, *rows, tail])


def groups(whole: Any, results: list[Any], focus: str, lang: Lang) -> str:
    """Each year (month) of the period in order with its daily mean or total ("2020到2024每年日均分别多少")."""
    from agent.offline.stats.phrases import sessions, spec_label

    zh, where = lang != "en", period_text(whole.period, lang)
    mean = focus == "mean"
    rows = []
    for r in results:
        value = fmt_yi_short(r.mean_yi if mean else r.sum_yi, lang)
        other = fmt_yi_short(r.sum_yi if mean else r.mean_yi, lang)
        count = sessions(r.period.sessions, lang)
        if zh:
            first, second = ("日均", "合计") if mean else ("合计", "日均")
            rows.append(f"• {spec_label(r.period.spec, lang)}：{first}{value}（{second}{other}，{count}）")
        else:
            rows.append(f"• {spec_label(r.period.spec, lang)}: {'daily mean' if mean else 'total'} {value} "
                        f"({'total' if mean else 'daily mean'} {other}, {count})")  # fmt: skip
    head = f"{where}{_what(whole.part, lang)}分别如下：" if zh else f"{_what(whole.part, lang)} in {where}, one by one:"
    return "\n".join([head, *rows])


def session_of_period(period: Any, day: Any, first: bool, lang: Lang) -> str:
    """ "2025年的最后一个交易日是2025年12月31日。" (the period as resolved, from the result)."""
    name = spec_label(period.spec, lang)
    if lang != "en":
        return f"{name}的{'第一个' if first else '最后一个'}交易日是{fmt_date(day)}。"
    return f"The {'first' if first else 'last'} session of {name} was {fmt_date(day, lang)}."


def period_not_over(period: Any, lang: Lang) -> str:
    """The last session of a period that has not ended is not known yet: no other day's figure instead."""
    latest = fmt_date(period.last_session, lang) if period.last_session else None
    name = spec_label(period.spec, lang)
    if lang != "en":
        so_far = f"，目前已有数据的最近一个交易日是{latest}" if latest else ""
        return f"{name}还没有结束，它的最后一个交易日还没到{so_far}；可以问那一天的成交额。"
    so_far = f"; the latest session with data so far is {latest}" if latest else ""
    return f"{name} is not over yet, so its last session has not come{so_far}; ask about that day instead."


def change_top(r: Any, lang: Lang, asked: str | None = None) -> str:
    """The days of the period with the biggest rise (top) or fall (bottom) on their previous session."""
    zh, what, where = lang != "en", _what(r.part, lang), period_text(r.period, lang, asked)
    up = r.measure == "top"
    rows = []
    for i, d in enumerate(r.days, 1):
        change = fmt_yi(abs(d.change_yi), lang)
        if zh:
            rows.append(f"{i}. {_day(d, lang)}，较上个交易日{'增加' if d.change_yi >= 0 else '减少'}{change}")
        else:
            rows.append(
                f"{i}. {_day(d, lang)}, {'up' if d.change_yi >= 0 else 'down'} {change} on the previous session"
            )
    if not rows:
        return f"{where}{what}没有一天{'放量' if up else '缩量'}。" if zh else f"No day in {where} qualifies."
    if zh:
        head = f"{where}{what}单日{'放量（较上个交易日增加）最多' if up else '缩量（较上个交易日减少）最多'}的"
        head += "一天：" if len(rows) == 1 else f"{len(rows)}个交易日："
    else:
        head = f"The {'biggest one-day rises' if up else 'biggest one-day falls'} of {what} in {where}:"
    return "\n".join([head, *rows])


def ranked_groups(r: Any, focus: str, lowest: bool, lang: Lang) -> str:
    """The period's weeks (quarters, halves) ranked: the one asked first, then the others (all of them when
    there are four or fewer, else the next three). Partial groups are marked."""
    zh, what = lang != "en", _what(r.part, lang)
    mean = focus == "mean"
    ranked = sorted(r.groups, key=lambda g: g.mean_yi if mean else g.sum_yi, reverse=not lowest)
    if not ranked:
        return "这段时间没有数据。" if zh else "There is no data for that period."

    def figure(g: Any) -> str:
        value = fmt_yi_short(g.mean_yi if mean else g.sum_yi, lang)
        span = f"{fmt_date(g.first_session, lang)}–{fmt_date(g.last_session, lang)}"
        cut = ("，不完整" if zh else ", partial") if g.partial else ""
        if r.group_by == "week":  # the week by its Monday's date, not an ISO week number
            name = f"{fmt_date(g.first_session)}所在的一周" if zh else f"the week of {fmt_date(g.first_session, lang)}"
        else:
            name = g.label if zh else spec_label(g.key, lang)
        if zh:
            return f"{name}（{span}，{'日均' if mean else '合计'}{value}，{g.sessions}个交易日{cut}）"
        return f"{name} ({span}, {'daily mean' if mean else 'total'} {value}, {g.sessions} sessions{cut})"

    rest = ranked[1:] if len(ranked) <= 4 else ranked[1:4]
    where = period_text(r.period, lang)
    if zh:
        word = "最低" if lowest else "最高"
        measure = "日均成交额" if mean else "成交额合计"
        text = f"{where}{what.replace('成交额', '')}{measure}{word}的是{figure(ranked[0])}。"
        text += f"其次是{'、'.join(figure(g) for g in rest)}。" if rest else ""
    else:
        word = "lowest" if lowest else "highest"
        text = f"In {where}, the {word} {'daily mean' if mean else 'total'} of {what} was {figure(ranked[0])}."
        text += f" Next: {'; '.join(figure(g) for g in rest)}." if rest else ""
    return text  # partial groups are marked on their own line (the result's notes are in the settings' language)


def groups_over(r: Any, focus: str, line_yi: float, direction: str, lang: Lang) -> str:
    """How many of the period's months (weeks, ...) had a sum (daily mean) over the line, and which."""
    zh, what, mean = lang != "en", _what(r.part, lang), focus == "mean"
    below = direction == "below"
    hits = [g for g in r.groups if ((g.mean_yi if mean else g.sum_yi) < line_yi) == below]
    unit_zh = {"week": "周", "month": "个月", "quarter": "个季度", "half": "个半年", "year": "年"}[r.group_by]
    noun_zh = {"week": "周", "month": "月份", "quarter": "季度", "half": "半年", "year": "年份"}[r.group_by]
    unit_en = {"week": "weeks", "month": "months", "quarter": "quarters", "half": "halves", "year": "years"}[r.group_by]
    where = period_text(r.period, lang)
    names = [
        f"{g.label}（{fmt_yi_short(g.mean_yi if mean else g.sum_yi)}）" if zh
        else f"{spec_label(g.key, lang)} ({fmt_yi_short(g.mean_yi if mean else g.sum_yi, lang)})"
        for g in hits
    ]  # fmt: skip
    line = fmt_yi_short(line_yi, lang)
    if zh:
        cond = f"{'日均成交额' if mean else '成交额合计'}{'低于' if below else '达到'}{line}"
        text = f"{where}的{len(r.groups)}{unit_zh}中，{what.replace('成交额', '')}{cond}的{noun_zh}有{len(hits)}个"
        return text + (f"：{'、'.join(names)}。" if names else "。")
    cond = f"{'daily mean' if mean else 'total'} {'below' if below else 'at or above'} {line}"
    text = f"Of the {len(r.groups)} {unit_en} in {where}, {len(hits)} had a {what} {cond}"
    return text + (f": {', '.join(names)}." if names else ".")


def listed_groups(r: Any, focus: str, lang: Lang) -> str:
    """Each week (quarter, half) of the period in calendar order with its daily mean or total."""
    zh, mean = lang != "en", focus == "mean"
    rows = []
    for g in r.groups:
        value = fmt_yi_short(g.mean_yi if mean else g.sum_yi, lang)
        other = fmt_yi_short(g.sum_yi if mean else g.mean_yi, lang)
        name = g.label if zh else spec_label(g.key, lang)
        cut = ("，不完整" if zh else ", partial") if g.partial else ""
        if zh:
            first, second = ("日均", "合计") if mean else ("合计", "日均")
            rows.append(f"• {name}：{first}{value}（{second}{other}，{g.sessions}个交易日{cut}）")
        else:
            word, other_word = ("daily mean", "total") if mean else ("total", "daily mean")
            rows.append(f"• {name}: {word} {value} ({other_word} {other}, {g.sessions} sessions{cut})")
    where, what = period_text(r.period, lang), _what(r.part, lang)
    head = f"{where}{what}分别如下：" if zh else f"{what} in {where}, one by one:"
    if r.omitted:
        head += f"（只列出最近{len(r.groups)}组）" if zh else f" (the latest {len(r.groups)} only)"
    return "\n".join([head, *rows])


def median_compare(r: Any, lang: Lang, asked: str | None = None, asked_other: str | None = None) -> str:
    """Two periods' median sessions and their difference (from the unrounded 元), before the sums and means."""
    a_name, b_name = spec_label(asked or r.a.period.spec, lang), spec_label(asked_other or r.b.period.spec, lang)
    diff, pct = r.median_diff_yi, r.median_diff_pct
    if lang != "en":
        verb = "多" if diff > 0 else ("少" if diff < 0 else "持平")
        share = f"（{fmt_pct(pct)}）" if pct is not None else ""
        return (
            f"{a_name}{_what(r.part, lang)}中位数{fmt_yi(r.a.median_yi)}，{b_name}中位数{fmt_yi(r.b.median_yi)}，"
            f"{verb}{fmt_yi_short(abs(diff))}{share}。"
        )
    share = f" ({fmt_pct(pct)})" if pct is not None else ""
    return (
        f"Median session: {fmt_yi(r.a.median_yi, lang)} in {a_name} against {fmt_yi(r.b.median_yi, lang)} in "
        f"{b_name}, a difference of {fmt_yi_short(diff, lang)}{share}."
    )


def compare(r: Any, lang: Lang, asked: str | None = None, asked_other: str | None = None, by_mean: bool = False) -> str:
    """Two periods' sums and daily means; ``by_mean`` ("日均比上月高多少"): the means lead."""
    zh, what = _zh(lang), _what(r.part, lang)
    a, b = r.a, r.b
    an, bn = period_text(a.period, lang, asked), period_text(b.period, lang, asked_other)
    a_name, b_name = spec_label(asked or a.period.spec, lang), spec_label(asked_other or b.period.spec, lang)
    if zh:
        verb = "多" if r.sum_diff_yi > 0 else ("少" if r.sum_diff_yi < 0 else "持平")
        mverb = "多" if r.mean_diff_yi > 0 else ("少" if r.mean_diff_yi < 0 else "持平")
        pct = f"（{fmt_pct(r.sum_diff_pct)}）" if r.sum_diff_pct is not None else ""
        mpct = f"（{fmt_pct(r.mean_diff_pct)}）" if r.mean_diff_pct is not None else ""
        higher = a_name if r.mean_diff_yi > 0 else b_name  # "哪个日均更高": said outright, after the difference
        sums = f"合计{verb}{fmt_yi_short(abs(r.sum_diff_yi))}{pct}"
        means = f"日均{mverb}{fmt_yi_short(abs(r.mean_diff_yi))}{mpct}"
        lead = (
            f"{a_name}{what}日均比{b_name}{mverb}：{means}，{sums}"
            if by_mean
            else (f"{a_name}{what}比{b_name}{verb}：{sums}，{means}")
        )
        return (
            f"{lead}（日均更高的是{higher}）。"
            f"\n{an}：合计{fmt_yi(a.sum_yi)}，日均{fmt_yi_short(a.mean_yi)}。"
            f"\n{bn}：合计{fmt_yi(b.sum_yi)}，日均{fmt_yi_short(b.mean_yi)}。"
        )
    pct = f" ({fmt_pct(r.sum_diff_pct)})" if r.sum_diff_pct is not None else ""
    mpct = f" ({fmt_pct(r.mean_diff_pct)})" if r.mean_diff_pct is not None else ""
    sums = f"total {fmt_yi_short(r.sum_diff_yi, lang)}{pct}"
    means = f"daily mean {fmt_yi_short(r.mean_diff_yi, lang)}{mpct}"
    if by_mean:
        word = "higher" if r.mean_diff_yi > 0 else ("lower" if r.mean_diff_yi < 0 else "the same")
        lead = f"The daily mean of {what} in {a_name} was {word} than in {b_name}: {means}, {sums}."
    else:
        word = "more" if r.sum_diff_yi > 0 else ("less" if r.sum_diff_yi < 0 else "the same")
        lead = f"{_cap(what)} in {a_name} was {word} than in {b_name}: {sums}, {means}."
    return (
        lead
        + f"\n{_cap(an)}: total {fmt_yi(a.sum_yi, lang)}, daily mean {fmt_yi_short(a.mean_yi, lang)}."
        + f"\n{_cap(bn)}: total {fmt_yi(b.sum_yi, lang)}, daily mean {fmt_yi_short(b.mean_yi, lang)}."
    )


def day_against_mean(r: Any, lang: Lang, asked_other: str | None = None) -> str:
    """One day's total against a period's daily mean ("今天比上月日均高多少"), from the unrounded 元."""
    day, other = r.a.period, r.b
    b_name = spec_label(asked_other or other.period.spec, lang)
    diff, pct = r.mean_diff_yi, r.mean_diff_pct
    share = (
        f"（{fmt_pct(pct)}）" if pct is not None and lang != "en" else f" ({fmt_pct(pct)})" if pct is not None else ""
    )
    when = fmt_date(day.first_session, lang)
    span = period_text(other.period, lang, asked_other)
    if lang != "en":
        verb = "高" if diff > 0 else ("低" if diff < 0 else "持平")
        return (
            f"{when}{_what(r.part, lang)}{fmt_yi(r.a.sum_yi)}，比{b_name}日均{fmt_yi_short(other.mean_yi)}{verb}"
            f"{fmt_yi_short(abs(diff))}{share}。\n{span}：合计{fmt_yi(other.sum_yi)}，日均{fmt_yi_short(other.mean_yi)}。"
        )
    word = "above" if diff > 0 else ("below" if diff < 0 else "level with")
    return (
        f"On {when}, {_what(r.part, lang)} was {fmt_yi(r.a.sum_yi, lang)}, {fmt_yi_short(abs(diff), lang)}{share} "
        f"{word} the daily mean of {b_name} ({fmt_yi_short(other.mean_yi, lang)}).\n"
        f"{span[:1].upper() + span[1:]}: total {fmt_yi(other.sum_yi, lang)}."
    )


def markets_difference(sh: Any, sz: Any, first: str, lang: Lang, by_mean: bool = False) -> str:
    """ "深市比沪市多成交…": the first market named minus the other over the period, in sum and daily mean, from
    the unrounded 元 of both results."""
    a, b = (sz, sh) if first == "sz" else (sh, sz)
    diff_yuan = (a.sum_yuan or 0.0) - (b.sum_yuan or 0.0)
    sessions = a.period.sessions or 1
    total, mean = diff_yuan / 1e8, diff_yuan / sessions / 1e8
    where = period_text(a.period, lang)
    if _zh(lang):
        names = ("深市", "沪市") if first == "sz" else ("沪市", "深市")
        word = "多" if diff_yuan >= 0 else "少"
        if by_mean:
            return (
                f"{where}{names[0]}日均成交额比{names[1]}{word}{fmt_yi(abs(mean))}，"
                f"合计{word}{fmt_yi_short(abs(total))}（{sessions}个交易日）。"
            )
        return (
            f"{where}{names[0]}成交额比{names[1]}{word}{fmt_yi(abs(total))}（合计），"
            f"日均{word}{fmt_yi_short(abs(mean))}（{sessions}个交易日）。"
        )
    names = ("Shenzhen", "Shanghai") if first == "sz" else ("Shanghai", "Shenzhen")
    word = "more" if diff_yuan >= 0 else "less"
    if by_mean:
        return (
            f"In {where}, {names[0]} traded {fmt_yi(abs(mean), lang)} {word} a day than {names[1]}, "
            f"{fmt_yi_short(abs(total), lang)} {word} in all ({sessions} sessions)."
        )
    return (
        f"In {where}, {names[0]} traded {fmt_yi(abs(total), lang)} {word} than {names[1]} in all, "
        f"{fmt_yi_short(abs(mean), lang)} {word} a day ({sessions} sessions)."
    )
