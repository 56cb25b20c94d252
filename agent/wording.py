"""How figures and dates read in answers (Chinese and English).

Amounts arrive in 亿元 from the data layer; these helpers only format them,
never recompute them, so every stated figure is the tool's figure with its unit.
"""

from __future__ import annotations

from datetime import date

from agent.answer import Lang
from tools.daily.analytics import WAN_YI_IN_YI, format_threshold, format_yi

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EN_MONTH_NUMBERS = {m.lower(): i + 1 for i, m in enumerate(_EN_MONTHS)}  # "oct" -> 10, for parsing
_ZH_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _yi_digits(value: float, lang: Lang) -> str:
    # English readers get thousands separators; Chinese financial text usually has none.
    return f"{value:,.1f}" if lang == "en" else f"{value:.1f}"


def fmt_yi(value: float, lang: Lang = "zh") -> str:
    """An amount in 亿元: "26532.0亿元（约2.65万亿元）" / "2.65 trillion yuan (26,532.0 亿元)"."""
    if lang == "en":  # the tools' "trillion yuan" (billions keep thousands separators), then the 亿元 figure
        words = format_yi(value, lang) if abs(value) >= WAN_YI_IN_YI else f"{value / 10:,.1f} billion yuan"
        return f"{words} ({_yi_digits(value, lang)} 亿元)"
    if abs(value) >= WAN_YI_IN_YI:
        return f"{value:.1f}亿元（约{format_yi(value)}）"
    return f"{value:.1f}亿元"


def fmt_yi_short(value: float, lang: Lang = "zh") -> str:
    """An amount in 亿元 without the 万亿 gloss, for lists and sub-figures."""
    return f"{_yi_digits(value, lang)} 亿元" if lang == "en" else f"{value:.1f}亿元"


def fmt_threshold(value_yi: float, lang: Lang = "zh") -> str:
    """A threshold line: 10000 -> "1万亿元" / "1 trillion yuan"; 8000 -> "8000亿元"."""
    return format_threshold(value_yi, lang) + (" yuan" if lang == "en" else "元")


def fmt_pct(value: float, signed: bool = True) -> str:
    # The tools round percentages to 0.01; rounding -2.45 (from -2.448) again to one decimal would print
    # -2.5, a figure the data does not have: a value ending in 5 at the second decimal keeps both decimals.
    digits = 2 if abs(round(value * 100)) % 10 == 5 else 1
    return f"{value:+.{digits}f}%" if signed else f"{value:.{digits}f}%"


def fmt_change(change_yi: float, change_pct: float | None = None, lang: Lang = "zh") -> str:
    """A signed change: "+1700.3亿元（+7.2%）" / "+1,700.3 亿元 (+7.2%)"."""
    sign = "+" if change_yi >= 0 else "-"
    amount = _yi_digits(abs(change_yi), lang)
    if lang == "en":
        text = f"{sign}{amount} 亿元"
        return f"{text} ({fmt_pct(change_pct)})" if change_pct is not None else text
    text = f"{sign}{amount}亿元"
    return f"{text}（{fmt_pct(change_pct)}）" if change_pct is not None else text


def change_verb(change_yi: float, lang: Lang = "zh") -> str:
    if lang == "en":
        return "up" if change_yi > 0 else ("down" if change_yi < 0 else "unchanged")
    return "增加" if change_yi > 0 else ("减少" if change_yi < 0 else "持平")


def fmt_date(day: date, lang: Lang = "zh") -> str:
    """ "2025年10月9日" / "9 Oct 2025"."""
    if lang == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_date_short(day: date, lang: Lang = "zh") -> str:
    """ "10月9日" / "9 Oct" for lists inside one answer."""
    if lang == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]}"
    return f"{day.month}月{day.day}日"


def fmt_weekday(day: date, lang: Lang = "zh") -> str:
    return (_EN_WEEKDAYS if lang == "en" else _ZH_WEEKDAYS)[day.weekday()]


def sessions(n: int, lang: Lang = "zh") -> str:
    if lang == "en":
        return f"{n} session" if n == 1 else f"{n} sessions"
    return f"{n}个交易日"


def clip(text: str, limit: int) -> str:
    """Shorten to ``limit`` characters on a readable boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("。", "；", "，", ". ", "; ", ", ", " "):
        pos = cut.rfind(mark)
        if pos >= limit * 0.6:
            return cut[: pos + (1 if mark in "。；，" else 0)].rstrip(" ,;，；") + "…"
    return cut.rstrip() + "…"
