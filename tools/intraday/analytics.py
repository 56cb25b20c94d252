"""Analytics of minute bars at a minute T: same-time comparisons, threshold crossings, full-day estimate.

Pure functions over :class:`tools.intraday.store.SessionMatrix` (row ``i`` is a
session, column ``j`` a bar of the 241-minute grid). All sums are in 元 and
converted to 亿元 once, when a result is built. Nothing here looks at the
clock or the network; :mod:`tools.intraday.service` chooses the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

import numpy as np

from tools.daily.models import YI, change_pct, yuan_to_yi
from tools.intraday.clock import LAST_INDEX, SESSION_MINUTES
from tools.intraday.models import (
    ESTIMATE_METHOD_TEXT,
    Crossing,
    Direction,
    Estimate,
    IntradayCurves,
    SameTime,
)
from tools.intraday.store import SessionMatrix

MEAN_SESSIONS = 5  # "the mean of the last 5 sessions at T"
MIN_BACKTEST = 5  # fewer backtested sessions than this: the range is the min..max, and says so
FLAT_PCT = 0.05  # |difference| below this share (in %) of the comparison reads 持平 / flat


def direction(new: float, old: float) -> Direction:
    if old > 0 and abs(new - old) / old * 100 < FLAT_PCT:
        return "flat"
    return "up" if new > old else "down" if new < old else "flat"


def complete_rows_before(m: SessionMatrix, i: int, n: int | None = None) -> list[int]:
    """The complete sessions (with a 15:00 bar) stored before row ``i``, most recent last; the last ``n``."""
    rows = [k for k in range(i) if m.complete(k)]
    return rows[-n:] if n is not None else rows


def same_time(m: SessionMatrix, i: int, j: int, rows: Sequence[int], basis: str) -> SameTime | None:
    """Row ``i`` at bar ``j`` against the (mean) cumulative of ``rows`` at the same bar."""
    if not rows:
        return None
    total = float(np.mean(m.cum_total[rows, j]))
    sh, sz = float(np.mean(m.cum_sh[rows, j])), float(np.mean(m.cum_sz[rows, j]))
    now = float(m.cum_total[i, j])
    return SameTime(
        basis=basis,  # type: ignore[arg-type]
        dates=[m.days[k] for k in rows],
        total_yi=yuan_to_yi(total),
        sh_yi=yuan_to_yi(sh),
        sz_yi=yuan_to_yi(sz),
        diff_yi=yuan_to_yi(now - total),
        diff_pct=change_pct(now, total),
        direction=direction(now, total),
    )


def first_cross(cum: np.ndarray, threshold_yuan: float) -> int | None:
    """The first bar at which a (non-decreasing) cumulative reaches the threshold."""
    k = int(np.searchsorted(cum, threshold_yuan, side="left"))
    return k if k < len(cum) else None


def crossings(m: SessionMatrix, i: int, j: int, thresholds_yi: Sequence[float], prev: int | None) -> list[Crossing]:
    """Every threshold row ``i`` reached by bar ``j``, with how the crossing compares with earlier sessions."""
    found: list[Crossing] = []
    cum = m.cum_total[i, : j + 1]
    for threshold in sorted(thresholds_yi):
        line = threshold * YI
        k = first_cross(cum, line)
        if k is None:
            continue
        total = float(cum[k])
        item: dict = dict(threshold_yi=threshold, at=SESSION_MINUTES[k], total_yi=yuan_to_yi(total))
        if prev is not None:
            before = float(m.cum_total[prev, k])
            prev_k = first_cross(m.cum_total[prev], line)
            item.update(
                prev_date=m.days[prev],
                prev_same_time_yi=yuan_to_yi(before),
                diff_yi=yuan_to_yi(total - before),
                diff_pct=change_pct(total, before),
                prev_crossed_at=SESSION_MINUTES[prev_k] if prev_k is not None else None,
            )
        if i > 0:
            reached = m.cum_total[:i, k] >= line  # earlier sessions at or above the line by the same minute
            earlier = np.flatnonzero(reached)
            if earlier.size:
                e = int(earlier[-1])
                item.update(
                    earlier_as_early=m.days[e],
                    earlier_as_early_at=SESSION_MINUTES[first_cross(m.cum_total[e], line) or 0],
                )
            else:
                item.update(earliest_in_store=True)
            item.update(history_from=m.days[0])
        found.append(Crossing(**item))
    return found


def shares_at(m: SessionMatrix, rows: Sequence[int], j: int) -> np.ndarray:
    """Share of the full day reached by bar ``j`` for complete sessions ``rows``."""
    return m.cum_total[rows, j] / m.cum_total[rows, LAST_INDEX]


def backtest_errors(m: SessionMatrix, i: int, j: int, window: int) -> tuple[np.ndarray, bool]:
    """Relative errors (estimate / actual - 1) of the method at bar ``j`` on the complete sessions before ``i``.

    Each backtested session is estimated from the ``window`` complete sessions before it (no look-ahead).
    Returns (errors, full_window): with too few sessions for full windows, shorter ones are used.
    """
    rows = complete_rows_before(m, i)
    if len(rows) < 2:
        return np.empty(0), False
    shares = shares_at(m, rows, j)
    cum, actual = m.cum_total[rows, j], m.cum_total[rows, LAST_INDEX]
    full = len(rows) - window >= MIN_BACKTEST
    positions = np.arange(window if full else 1, len(rows))
    if positions.size == 0:
        return np.empty(0), full
    running = np.concatenate(([0.0], np.cumsum(shares)))
    starts = np.maximum(0, positions - window)
    mean_share = (running[positions] - running[starts]) / (positions - starts)
    ok = mean_share > 0
    errors = cum[positions][ok] / mean_share[ok] / actual[positions][ok] - 1
    return errors, full


def estimate(m: SessionMatrix, i: int, j: int, window: int, lang: str = "zh") -> Estimate | None:
    """Full-day estimate for row ``i`` at bar ``j``: cumulative / mean share of the day reached by ``j``."""
    if j >= LAST_INDEX:
        return None
    rows = complete_rows_before(m, i, window)
    if not rows:
        return None
    mean_share = float(np.mean(shares_at(m, rows, j)))
    now = float(m.cum_total[i, j])
    if mean_share <= 0 or now <= 0:
        return None
    total = now / mean_share
    errors, full = backtest_errors(m, i, j, window)
    text = ESTIMATE_METHOD_TEXT["en" if lang == "en" else "zh"].format(n=len(rows))
    fields: dict = dict(
        method_text=text,
        total_yi=yuan_to_yi(total),
        window=window,
        sessions_used=len(rows),
        mean_share_pct=round(mean_share * 100, 1),
        backtest_sessions=int(errors.size),
    )
    notes = []
    if len(rows) < window:
        notes.append(
            f"只有{len(rows)}个完整交易日的分钟数据（需要{window}个），估算可靠性较低"
            if lang != "en"
            else f"only {len(rows)} complete sessions of minute data (want {window}); the estimate is less reliable"
        )
    if errors.size:
        lo, hi = (
            (np.percentile(errors, 10), np.percentile(errors, 90))
            if errors.size >= MIN_BACKTEST
            else (
                errors.min(),
                errors.max(),
            )
        )
        fields.update(
            error_p10_pct=round(float(lo) * 100, 1),
            error_p90_pct=round(float(hi) * 100, 1),
            low_yi=yuan_to_yi(total / (1 + hi)) if hi > -1 else None,
            high_yi=yuan_to_yi(total / (1 + lo)) if lo > -1 else None,
        )
        if errors.size < MIN_BACKTEST or not full:
            notes.append(
                f"误差区间只回测了{errors.size}个交易日"
                if lang != "en"
                else f"error range from only {errors.size} sessions"
            )
    else:
        notes.append("历史分钟数据不足，无法回测误差" if lang != "en" else "too little history to backtest the error")
    if notes:
        fields["note"] = "；".join(notes) if lang != "en" else "; ".join(notes)
    return Estimate(**fields)


def curves(
    m: SessionMatrix, i: int, j: int, prev: int | None, thresholds_yi: Sequence[float], day: date
) -> IntradayCurves:
    """Cumulative curves (亿元) of row ``i`` up to bar ``j``, its previous session and the 5-session mean."""

    def series(values: np.ndarray, present: np.ndarray, upto: int) -> list[float | None]:
        seen = np.logical_or.accumulate(present)
        return [round(float(v) / YI, 1) if k <= upto and seen[k] else None for k, v in enumerate(values)]

    mean_rows = complete_rows_before(m, i, MEAN_SESSIONS)
    mean = np.mean(m.cum_total[mean_rows], axis=0) if mean_rows else None
    return IntradayCurves(
        date=day,
        at=SESSION_MINUTES[j],
        minutes=list(SESSION_MINUTES),
        today_yi=series(m.cum_total[i], m.present[i], j),
        prev_date=m.days[prev] if prev is not None else None,
        prev_yi=series(m.cum_total[prev], m.present[prev], LAST_INDEX) if prev is not None else [],
        mean_dates=[m.days[k] for k in mean_rows],
        mean_yi=[round(float(v) / YI, 1) for v in mean] if mean is not None else [],
        thresholds_yi=sorted(thresholds_yi),
        latest_yi=yuan_to_yi(float(m.cum_total[i, j])),
        source=m.sources[i],
        crossed=[
            (t, SESSION_MINUTES[k])
            for t in sorted(thresholds_yi)
            if (k := first_cross(m.cum_total[i, : j + 1], t * YI)) is not None
        ],
    )


def at_time(j: int) -> time:
    return SESSION_MINUTES[j]
