"""Sentences of the offline answers, in Chinese and English.

Each function turns one tool result into a sentence or two. They state only
the figures the result holds (with units) and never add a cause: drivers are
the retrieved news lines, each cited as [n].
"""

from __future__ import annotations

from datetime import date

from agent.wording import (
    Lang,
    change_verb,
    fmt_change,
    fmt_date,
    fmt_pct,
    fmt_threshold,
    fmt_weekday,
    fmt_yi,
    fmt_yi_short,
    sessions,
)
from tools.daily.models import (
    Comparison,
    IntradayTurnover,
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
        before = f"{fmt_date(report.prev_date)}，{fmt_yi_short(report.prev_total_yi or 0)}"
        return f"较上个交易日（{before}）{change_verb(report.change_yi)}{amount}{pct}"
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
        since = fmt_date(st.first_above_since, lang)
        return f"it is back above {line} for the first time since {since} ({sessions(gap, lang)} later)"
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


def question_checks(report: TurnoverReport, threshold: float | None, direction: str | None, lang: Lang) -> list[str]:
    """What the question assumed, checked against the figures (a crossing, a rise)."""
    out: list[str] = []
    zh = _zh(lang)
    if threshold:
        st = _status(report, threshold)
        if st is not None:
            sentence = threshold_sentence(report, st, lang, asked=True)
        else:
            line = fmt_threshold(threshold, lang)
            above = report.total_yi >= threshold
            sentence = (
                f"当天成交额{'高于' if above else '低于'}{line}"
                if zh
                else f"turnover was {'above' if above else 'below'} {line} that day"
            )
        if sentence:
            above = report.total_yi >= threshold  # "破万亿没": the yes or no first, then how it stands
            line = fmt_threshold(threshold, lang)
            if zh:
                yes_no = f"是的，在{line}之上。" if above else f"没有，在{line}之下。"
            else:
                yes_no = f"Yes, above {line}. " if above else f"No, below {line}. "
            out.append(yes_no + _sentence(sentence, lang))
    if report.change_yi is not None and direction:
        if direction == "up" and report.change_yi < 0 and not threshold:
            out.append(
                "注意：当天成交额实际比上个交易日减少。"
                if zh
                else "Note: turnover actually fell from the previous session."
            )
        if direction == "down" and report.change_yi > 0:
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


# --- market context, comparison, range ---------------------------------------------------------


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


def same_session(day: date, lang: Lang) -> str:
    if _zh(lang):
        return f"这两天对应的是同一个交易日{fmt_date(day)}，没有可比的差别。"
    return f"Both days stand for the same session, {fmt_date(day, lang)}: there is nothing to compare."


def pair_explained(comp: Comparison, lang: Lang) -> str:
    """The day explained (``comp.b``) against the other (``comp.a``), with the tool's difference b - a:
    "2025年9月30日（21814.2亿元）比2025年10月9日（26532.0亿元）少4717.9亿元（-17.8%）。" """
    one, other, diff = comp.b, comp.a, comp.diff_yi
    if _zh(lang):
        verb = "少" if diff < 0 else ("多" if diff > 0 else "持平于")
        return (
            f"{fmt_date(one.date)}（{fmt_yi_short(one.total_yi)}）比{fmt_date(other.date)}"
            f"（{fmt_yi_short(other.total_yi)}）{verb}{fmt_yi_short(abs(diff))}（{fmt_pct(comp.diff_pct)}）。"
        )
    word = "lower" if diff < 0 else "higher"
    return (
        f"{fmt_date(one.date, lang)} ({fmt_yi_short(one.total_yi, lang)}) was {fmt_yi_short(abs(diff), lang)} "
        f"({fmt_pct(comp.diff_pct)}) {word} than {fmt_date(other.date, lang)} ({fmt_yi_short(other.total_yi, lang)})."
    )


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


def intraday(live: IntradayTurnover, lang: Lang) -> str:
    """The session still trading: the figure so far, against the same minute of the previous session."""
    at = live.as_of.strftime("%H:%M")
    share = f"{live.share_of_prev_pct:.1f}%" if live.share_of_prev_pct is not None else None
    if _zh(lang):
        text = (
            f"盘中：截至{fmt_date(live.date, lang)} {at}，沪深两市成交额已达{fmt_yi(live.total_yi)}"
            f"（沪市{fmt_yi_short(live.sh_yi)}、深市{fmt_yi_short(live.sz_yi)}）"
        )
        if live.same_time_diff_yi is not None and live.prev_same_time_yi is not None and live.prev_date:
            word = "放量" if live.same_time_diff_yi >= 0 else "缩量"
            text += (
                f"，较上个交易日（{fmt_date(live.prev_date, lang)}）同一时间{fmt_yi_short(live.prev_same_time_yi)}"
                f"{word}{fmt_yi_short(abs(live.same_time_diff_yi))}"
            )
        elif share and live.prev_date and live.prev_total_yi is not None:
            text += (
                f"，相当于上个交易日（{fmt_date(live.prev_date, lang)}）全天{fmt_yi_short(live.prev_total_yi)}的{share}"
            )
        return text + "。全天数据在15:00收盘后才有，以下为已收盘交易日的数据。"
    text = (
        f"Live: as of {at} on {fmt_date(live.date, lang)}, Shanghai + Shenzhen turnover has reached "
        f"{fmt_yi(live.total_yi, lang)} (Shanghai {fmt_yi_short(live.sh_yi, lang)}, Shenzhen "
        f"{fmt_yi_short(live.sz_yi, lang)})"
    )
    if live.same_time_diff_yi is not None and live.prev_same_time_yi is not None and live.prev_date:
        word = "up" if live.same_time_diff_yi >= 0 else "down"
        text += (
            f", {word} {fmt_yi_short(abs(live.same_time_diff_yi), lang)} on the previous session "
            f"({fmt_date(live.prev_date, lang)}) at the same time ({fmt_yi_short(live.prev_same_time_yi, lang)})"
        )
    elif share and live.prev_date and live.prev_total_yi is not None:
        text += (
            f", {share} of the previous session's full day ({fmt_date(live.prev_date, lang)}, "
            f"{fmt_yi_short(live.prev_total_yi, lang)})"
        )
    return text + ". The full-day figure comes after the 15:00 close; below is the last closed session."


def markets_difference(day: date, sh_yuan: float, sz_yuan: float, lang: Lang) -> str:
    """深市 against 沪市 on the day: which traded more, by how much (亿元 and % of 沪市), from the unrounded 元."""
    diff, sh, sz = (sz_yuan - sh_yuan) / 1e8, sh_yuan / 1e8, sz_yuan / 1e8
    pct = diff / sh * 100 if sh else None
    when = fmt_date(day, lang)
    if lang == "en":
        more = "more" if diff >= 0 else "less"
        share = f" ({pct:+.1f}% of Shanghai's)" if pct is not None else ""
        return (
            f"On {when}, Shenzhen traded {fmt_yi(abs(diff), lang)} {more} than Shanghai{share}: "
            f"Shenzhen {fmt_yi(sz, lang)}, Shanghai {fmt_yi(sh, lang)}."
        )
    share = f"（{pct:+.1f}%）" if pct is not None else ""
    return (
        f"{when}深市成交额比沪市{'多' if diff >= 0 else '少'}{fmt_yi(abs(diff))}{share}："
        f"深市{fmt_yi(sz)}，沪市{fmt_yi(sh)}。"
    )
