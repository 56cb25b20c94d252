"""Crossing alerts in words: thresholds as users type them, and the flash itself (zh/en).

Thresholds are kept in whole 亿元. A chat may pick up to ``MAX_THRESHOLDS`` of
them between 0.5万亿 and 5万亿 (the record day so far is about 3.5万亿), in
steps of 100亿. Users write ``1.5万亿``, ``15000亿``, ``1.5T`` or a bare
``1.5`` (read as 万亿元, the unit the market quotes these lines in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from agent.intraday_feed import AlertCrossing
from agent.wording import Lang, fmt_change, fmt_threshold, fmt_yi

MIN_THRESHOLD_YI = 5_000
MAX_THRESHOLD_YI = 50_000
THRESHOLD_STEP_YI = 100
MAX_THRESHOLDS = 6
FALLBACK_THRESHOLDS_YI = (10_000, 15_000, 20_000)  # when the configured lines are all outside the bounds
LATE_AFTER_S = 180  # a flash sent this long after its minute says so

_TOKEN = re.compile(r"^(\d+(?:\.\d+)?)(万亿元?|亿元?|t|tn|trillion)?$", re.IGNORECASE)


class ThresholdError(ValueError):
    """A threshold the user typed that we cannot accept; ``key``/``values`` name the i18n message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def parse_thresholds(tokens: Iterable[str]) -> tuple[int, ...]:
    """Whole 亿元, ascending and distinct; ThresholdError for anything outside the rules."""
    parts = [p for token in tokens for p in re.split(r"[,，、;；\s]+", token) if p]
    if not parts:
        raise ThresholdError("alerts_no_thresholds")
    values: set[int] = set()
    for part in parts:
        match = _TOKEN.match(part.strip())
        if match is None:
            raise ThresholdError("alerts_bad_threshold", value=part)
        number, unit = float(match.group(1)), (match.group(2) or "万亿").lower()
        yi = number if unit.startswith("亿") else number * 10_000
        whole = round(yi)
        if abs(yi - whole) > 1e-6 or whole % THRESHOLD_STEP_YI:
            raise ThresholdError("alerts_bad_step", value=part)
        if not MIN_THRESHOLD_YI <= whole <= MAX_THRESHOLD_YI:
            raise ThresholdError("alerts_out_of_range", value=part)
        values.add(whole)
    if len(values) > MAX_THRESHOLDS:
        raise ThresholdError("alerts_too_many", limit=MAX_THRESHOLDS)
    return tuple(sorted(values))


def default_thresholds(configured_yi: Iterable[float]) -> tuple[int, ...]:
    """The settings' threshold lines that a chat could also have picked itself."""
    picked = {round(v) for v in configured_yi}
    valid = sorted(v for v in picked if MIN_THRESHOLD_YI <= v <= MAX_THRESHOLD_YI and v % THRESHOLD_STEP_YI == 0)
    return tuple(valid[:MAX_THRESHOLDS]) or FALLBACK_THRESHOLDS_YI


def threshold_list(values_yi: Iterable[int], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(fmt_threshold(v, _lang(lang)) for v in values_yi)


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "zh"


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def flash_text(crossing: AlertCrossing, lang: str, now: datetime | None = None) -> str:
    """The flash: the crossing's minute and figure, the same-time difference, the full-day estimate."""
    lg = _lang(lang)
    at, line = _hhmm(crossing.at), fmt_threshold(crossing.threshold_yi, lg)
    figure = fmt_yi(crossing.total_yi, lg)
    lines = []
    if now is not None and (now - crossing.at).total_seconds() > LATE_AFTER_S:
        # A late flash says so before anything else: the reader must not take it for the live tape.
        lines.append(f"（延迟通知：{_hhmm(now)}才发出）" if lg == "zh" else f"(Sent late, at {_hhmm(now)}.)")
    if lg == "zh":
        lines += [f"⚡ {at} 沪深两市成交额突破{line}", f"截至{at}累计{figure}。"]
    else:
        lines += [f"⚡ {at} Shanghai+Shenzhen turnover passed {line}", f"Cumulative by {at}: {figure}."]
    lines.append(_difference(crossing, lg))
    lines.append(_estimate(crossing, lg))
    return "\n".join(lines)


def _difference(crossing: AlertCrossing, lang: Lang) -> str:
    diff = crossing.diff_yi
    if diff is None or crossing.prev_same_time_yi is None:
        if lang == "zh":
            return "上个交易日同一时间的分钟数据缺失，无法比较。"
        return "No minute data for the previous session at this time, so no comparison."
    change = fmt_change(diff, crossing.diff_pct, lang)
    if lang == "zh":
        word = "放量" if diff > 0 else ("缩量" if diff < 0 else "持平")
        return f"较上个交易日同一时间{word}：{change}。"
    word = "more than" if diff > 0 else ("less than" if diff < 0 else "the same as")
    return f"That is {change}, {word} the previous session at the same time."


def _range(low_yi: float, high_yi: float, lang: Lang) -> str:
    if min(low_yi, high_yi) >= 10_000:
        text = f"{low_yi / 10_000:.2f}–{high_yi / 10_000:.2f}"
        return f"{text}万亿元" if lang == "zh" else f"{text} trillion yuan"
    return f"{low_yi:.1f}–{high_yi:.1f}亿元" if lang == "zh" else f"{low_yi / 10:,.1f}–{high_yi / 10:,.1f} billion yuan"


def _estimate(crossing: AlertCrossing, lang: Lang) -> str:
    """The point estimate, then the range its backtested errors put the actual total in, then the method."""
    if crossing.estimate_yi is None:
        if lang == "zh":
            return "全天预计：历史分钟数据不足，暂不估算。"
        return "Full-day estimate: too little minute history for one."
    estimate = fmt_yi(crossing.estimate_yi, lang)
    low, high, n = crossing.estimate_low_yi, crossing.estimate_high_yi, crossing.estimate_sessions
    if lang == "zh":
        text = f"预计全天约{estimate}"
        if low is not None and high is not None:
            text += f"，按回测误差校正后的区间为{_range(low, high, lang)}"
        method = f"（按近{n}个交易日同一时刻占全天比例估算）" if n else ""
        return text + method + "，仅为估算。"
    text = f"Full-day estimate: about {estimate}"
    if low is not None and high is not None:
        text += f"; allowing for its backtested error, {_range(low, high, lang)}"
    method = f" (from the share of the day reached by this minute over the last {n} sessions)" if n else ""
    return text + method + ". An estimate, not a certainty."
