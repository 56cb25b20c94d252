"""Sentences for the statistics shapes of issue 16: where an amount or a day stands (percentile), each
session of a period (days), and the period's weeks/months/years ranked (group). Figures from the result only."""

from __future__ import annotations

from typing import Any

from agent.offline.stats.phrases import _day, _what, period_text
from agent.wording import Lang, fmt_date, fmt_pct, fmt_yi, fmt_yi_short


def percentile(r: Any, lang: Lang, asked: str | None = None) -> str:
    zh, what, where = lang != "en", _what(r.part, lang), period_text(r.period, lang, asked)
    pct = fmt_pct(r.percentile, False)
    subject = _day(r.day, lang) if r.day is not None else fmt_yi(r.value_yi, lang)
    if zh:
        text = (
            f"{subject}在{where}的{r.out_of}个交易日中处在第{r.percentile:.1f}百分位（{what}）：有{r.at_or_below}个交易日"
            f"不高于它，{r.out_of - r.at_or_below}个交易日高于它（排第{r.rank}高）。"
        )
        text += (
            f"这段时间最高{fmt_date(r.max_day.date)}的{fmt_yi_short(r.max_day.value_yi)}，"
            f"最低{fmt_date(r.min_day.date)}的{fmt_yi_short(r.min_day.value_yi)}，中位数{fmt_yi_short(r.median_yi)}。"
        )
        return text
    return (
        f"{subject} is at or above {pct} of the {r.out_of} sessions in {where} (the {r.percentile:.1f}th "
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
