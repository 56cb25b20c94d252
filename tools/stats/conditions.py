"""The conditions a statistic picks its sessions by (an amount threshold, or a range), shared by the measures of
tools.stats.compute and tools.stats.moves, and the small pieces both build results from."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tools.daily.analytics import TurnoverSeries
from tools.daily.models import YI, yuan_to_yi
from tools.errors import InvalidQueryError
from tools.stats.models import StatDay, StatsQuery


def say(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def stat_day(series: TurnoverSeries, values: Sequence[float], i: int) -> StatDay:
    return StatDay(date=series.dates[i], value_yi=yuan_to_yi(values[i]))


def matcher(query: StatsQuery, lang: str) -> tuple[float, Callable[[float], bool]]:
    """The lower threshold and the test of one day's 元 amount (``between``: both ends inclusive)."""
    if query.threshold_yi is None:
        raise InvalidQueryError(
            say(lang, f"{query.measure} 需要门槛 threshold_yi（亿元）", f"{query.measure} needs threshold_yi (亿元)")
        )
    line = query.threshold_yi * YI
    if query.direction == "between":
        if query.threshold_hi_yi is None:
            raise InvalidQueryError(
                say(
                    lang, "区间条件需要上限 threshold_hi_yi（亿元）", "direction 'between' needs threshold_hi_yi (亿元)"
                )
            )
        if query.threshold_hi_yi < query.threshold_yi:
            raise InvalidQueryError(
                say(
                    lang,
                    f"区间上限 {query.threshold_hi_yi:g} 低于下限 {query.threshold_yi:g}（亿元）",
                    f"threshold_hi_yi {query.threshold_hi_yi:g} is below threshold_yi {query.threshold_yi:g} (亿元)",
                )
            )
        top = query.threshold_hi_yi * YI
        return query.threshold_yi, lambda v: line <= v <= top
    if query.threshold_hi_yi is not None:
        raise InvalidQueryError(
            say(
                lang,
                "threshold_hi_yi 只用于区间条件（direction='between'）",
                "threshold_hi_yi goes with direction 'between' only",
            )
        )
    if query.direction == "below":
        return query.threshold_yi, lambda v: v < line
    return query.threshold_yi, lambda v: v >= line
