"""Turnover analytics: pure functions over the stored daily rows.

Nothing here touches the network, the store file or the clock; the
``MarketData`` facade feeds these the rows and adds dates resolution and
freshness. ``TurnoverSeries`` indexes the rows once (dates, totals, running
record) so a day's report costs a bisect and a few short window scans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tools.daily.models import (
    SZ_INDEX_NAMES,
    YI,
    Comparison,
    DailyTurnover,
    RangeDay,
    RangeReport,
    RecordInfo,
    ThresholdStatus,
    TurnoverReport,
    change_pct,
    yuan_to_yi,
)

WAN_YI_IN_YI = 10000.0  # 亿元 per 万亿元
AVG_WINDOWS = (5, 20)
PERCENTILE_WINDOW = 250  # about one year of sessions


def format_yi(value_yi: float, lang: str = "zh", *, signed: bool = False) -> str:
    """An amount in 亿元 as text with its unit; 万亿元 from 1万亿 upwards (``2.65万亿元``)."""
    sign = "+" if signed and value_yi > 0 else ""
    if abs(value_yi) >= WAN_YI_IN_YI:
        wan = value_yi / WAN_YI_IN_YI
        return f"{sign}{wan:.2f}万亿元" if lang == "zh" else f"{sign}{wan:.2f} trillion yuan"
    return f"{sign}{value_yi:.1f}亿元" if lang == "zh" else f"{sign}{value_yi / 10:.1f} billion yuan"


def format_threshold(threshold_yi: float, lang: str = "zh") -> str:
    """A threshold line as people say it: 1万亿, 1.5万亿, 8000亿."""
    if threshold_yi >= WAN_YI_IN_YI:
        text = f"{threshold_yi / WAN_YI_IN_YI:g}"
        return f"{text}万亿" if lang == "zh" else f"{text} trillion"
    return f"{threshold_yi:g}亿" if lang == "zh" else f"{threshold_yi / 10:g} billion"


def _diff_yi(new_yuan: float, old_yuan: float) -> float:
    # From the unrounded 元 amounts, rounded once: the change is the data's, not the difference of two
    # displayed totals (2025-10-09: +4717.86 -> +4717.9, where the rounded totals give +4717.8).
    return yuan_to_yi(new_yuan - old_yuan)


@dataclass(frozen=True)
class TurnoverSeries:
    """The stored history indexed for analytics (rows oldest first, one per date)."""

    rows: tuple[DailyTurnover, ...]
    dates: tuple[date, ...]
    totals: tuple[float, ...]  # 元
    record_index: tuple[int, ...]  # index of the highest total up to and including i
    sh: tuple[float, ...] = ()  # 元, per row (for statistics by market part)
    sz: tuple[float, ...] = ()

    @classmethod
    def build(cls, rows: Sequence[DailyTurnover]) -> TurnoverSeries:
        ordered = tuple(sorted(rows, key=lambda r: r.date))
        totals = tuple(r.total_yuan for r in ordered)
        record: list[int] = []
        best = -1
        for i, total in enumerate(totals):
            if best < 0 or total > totals[best]:
                best = i
            record.append(best)
        return cls(
            ordered,
            tuple(r.date for r in ordered),
            totals,
            tuple(record),
            tuple(r.sh_yuan for r in ordered),
            tuple(r.sz_yuan for r in ordered),
        )

    def values(self, part: str = "total") -> tuple[float, ...]:
        """Daily amounts in 元 for ``part``: total (SH + SZ), sh or sz."""
        return {"total": self.totals, "sh": self.sh, "sz": self.sz}[part]

    def __len__(self) -> int:
        return len(self.rows)

    def index(self, day: date) -> int | None:
        i = bisect_left(self.dates, day)
        return i if i < len(self.dates) and self.dates[i] == day else None

    def index_on_or_before(self, day: date) -> int | None:
        i = bisect_right(self.dates, day) - 1
        return i if i >= 0 else None

    @property
    def first_date(self) -> date | None:
        return self.dates[0] if self.dates else None

    @property
    def last_date(self) -> date | None:
        return self.dates[-1] if self.dates else None


def threshold_status(series: TurnoverSeries, i: int, threshold_yi: float) -> ThresholdStatus:
    line = threshold_yi * YI
    totals = series.totals
    above = totals[i] >= line
    prev_above = i > 0 and totals[i - 1] >= line
    streak = 0
    if above:
        j = i
        while j >= 0 and totals[j] >= line:
            j -= 1
        streak = i - j
    first_above_since: date | None = None
    days_since: int | None = None
    crossed_up = above and i > 0 and not prev_above
    if crossed_up:
        j = i - 1
        while j >= 0 and totals[j] < line:
            j -= 1
        if j >= 0:
            first_above_since = series.dates[j]
            days_since = i - j
    return ThresholdStatus(
        threshold_yi=threshold_yi,
        above=above,
        crossed_up=crossed_up,
        crossed_down=(not above) and prev_above,
        streak_days=streak,
        first_above_since=first_above_since,
        days_since_last_above=days_since,
    )


def _pct2(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def _window_mean(totals: Sequence[float], i: int, n: int) -> float | None:
    if i < n:
        return None
    return sum(totals[i - n : i]) / n


def day_report(
    series: TurnoverSeries,
    day: date,
    thresholds_yi: Sequence[float] = (),
    *,
    requested_date: date | None = None,
    date_note: str | None = None,
    stale: bool = False,
    freshness_note: str | None = None,
) -> TurnoverReport:
    """Analytics for a stored day. Raises KeyError when ``day`` has no row."""
    i = series.index(day)
    if i is None:
        raise KeyError(day)
    row = series.rows[i]
    totals = series.totals
    total = totals[i]
    fields: dict = {}
    if i > 0:
        prev = totals[i - 1]
        fields.update(
            prev_date=series.dates[i - 1],
            prev_total_yi=yuan_to_yi(prev),
            change_yi=_diff_yi(total, prev),
            change_pct=change_pct(total, prev),
        )
    for n in AVG_WINDOWS:
        mean = _window_mean(totals, i, n)
        if mean is not None:
            fields[f"avg{n}_yi"] = yuan_to_yi(mean)
            fields[f"vs_avg{n}_pct"] = change_pct(total, mean)
    window = totals[max(0, i - PERCENTILE_WINDOW) : i]
    if window:
        fields["percentile_1y"] = round(sum(1 for t in window if t < total) / len(window) * 100, 1)
    two_markets = row.sh_yuan + row.sz_yuan
    if two_markets > 0:
        fields.update(
            sh_share_pct=round(row.sh_yuan / two_markets * 100, 1),
            sz_share_pct=round(row.sz_yuan / two_markets * 100, 1),
        )
    if row.sh_close is not None:
        fields.update(sh_close=round(row.sh_close, 2), sh_change_pct=_pct2(row.sh_change_pct))
    if row.sz_close is not None and row.sz_index:
        fields.update(
            sz_index_name=SZ_INDEX_NAMES.get(row.sz_index, row.sz_index),
            sz_close=round(row.sz_close, 2),
            sz_change_pct=_pct2(row.sz_change_pct),
        )
    rec = series.record_index[i]
    if row.bj_yuan is not None:
        fields.update(bj_yi=yuan_to_yi(row.bj_yuan), total_with_bj_yi=yuan_to_yi(total + row.bj_yuan))
    return TurnoverReport(
        date=day,
        requested_date=requested_date if requested_date and requested_date != day else None,
        date_note=date_note,
        total_yi=yuan_to_yi(total),
        sh_yi=yuan_to_yi(row.sh_yuan),
        sz_yi=yuan_to_yi(row.sz_yuan),
        thresholds=[threshold_status(series, i, t) for t in sorted(thresholds_yi)],
        record=RecordInfo(
            is_record=rec == i,
            record_date=series.dates[rec],
            record_total_yi=yuan_to_yi(totals[rec]),
        ),
        source=row.source,
        as_of=row.fetched_at,
        latest_date=series.last_date,
        stale=stale,
        freshness_note=freshness_note,
        **fields,
    )


def range_report(
    series: TurnoverSeries,
    end: date,
    days: int,
    thresholds_yi: Sequence[float] = (),
    *,
    stale: bool = False,
    freshness_note: str | None = None,
) -> RangeReport:
    """The ``days`` stored sessions ending on or before ``end``. Raises KeyError when none."""
    last = series.index_on_or_before(end)
    if last is None or days < 1:
        raise KeyError(end)
    first = max(0, last - days + 1)
    totals = series.totals
    window: list[RangeDay] = []
    for i in range(first, last + 1):
        row = series.rows[i]
        window.append(
            RangeDay(
                date=row.date,
                total_yi=yuan_to_yi(totals[i]),
                sh_yi=yuan_to_yi(row.sh_yuan),
                sz_yi=yuan_to_yi(row.sz_yuan),
                change_yi=_diff_yi(totals[i], totals[i - 1]) if i > 0 else None,
                sh_close=round(row.sh_close, 2) if row.sh_close is not None else None,
            )
        )
    span = totals[first : last + 1]
    hi = first + max(range(len(span)), key=span.__getitem__)
    lo = first + min(range(len(span)), key=span.__getitem__)
    newest = max(series.rows[first : last + 1], key=lambda r: r.fetched_at)
    sources = sorted({r.source for r in series.rows[first : last + 1]})
    return RangeReport(
        start=series.dates[first],
        end=series.dates[last],
        days=window,
        mean_yi=yuan_to_yi(sum(span) / len(span)),
        max_day=series.dates[hi],
        max_yi=yuan_to_yi(totals[hi]),
        min_day=series.dates[lo],
        min_yi=yuan_to_yi(totals[lo]),
        days_above={f"{t:g}": sum(1 for v in span if v >= t * YI) for t in sorted(thresholds_yi)},
        source="+".join(sources),
        as_of=newest.fetched_at,
        stale=stale,
        freshness_note=freshness_note,
    )


def comparison(a: TurnoverReport, b: TurnoverReport, a_yuan: float, b_yuan: float) -> Comparison:
    """``b`` against ``a`` (diff = b - a), from the unrounded totals in 元 (the reports show them rounded)."""
    return Comparison(a=a, b=b, diff_yi=_diff_yi(b_yuan, a_yuan), diff_pct=change_pct(b_yuan, a_yuan) or 0.0)
