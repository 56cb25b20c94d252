"""The minute grid of an A-share session and where a moment falls on it.

Bars are labelled by their end minute: 09:30 (the opening call auction),
09:31..11:30, then 13:01..15:00, 241 bars. Bar i covers the minute before its
label, so "as of 14:06" means every bar labelled up to 14:06.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tools.intraday.models import MarketState

OPEN, MORNING_END, AFTERNOON_START, CLOSE = time(9, 30), time(11, 30), time(13, 1), time(15, 0)


def _grid() -> list[time]:
    minutes: list[time] = []
    for start, end in ((OPEN, MORNING_END), (AFTERNOON_START, CLOSE)):
        at = datetime.combine(datetime.min.date(), start)
        while at.time() <= end:
            minutes.append(at.time())
            at += timedelta(minutes=1)
    return minutes


SESSION_MINUTES: list[time] = _grid()  # 241 bar labels
MINUTE_INDEX: dict[time, int] = {t: i for i, t in enumerate(SESSION_MINUTES)}
BARS_PER_SESSION = len(SESSION_MINUTES)
LAST_INDEX = BARS_PER_SESSION - 1
MORNING_END_INDEX = MINUTE_INDEX[MORNING_END]


def is_bar_minute(t: time) -> bool:
    return t.replace(second=0, microsecond=0) in MINUTE_INDEX and t.second == 0 and t.microsecond == 0


def index_at_or_before(t: time) -> int | None:
    """The last bar labelled at or before ``t``; None before 09:30. The lunch break maps to 11:30."""
    t = t.replace(second=0, microsecond=0)
    if t < OPEN:
        return None
    if t in MINUTE_INDEX:
        return MINUTE_INDEX[t]
    if t < AFTERNOON_START:
        return MORNING_END_INDEX
    return LAST_INDEX


def market_state(now: datetime, is_trading_day: bool) -> MarketState:
    """Where the session stands at ``now`` (local time)."""
    if not is_trading_day:
        return "non_trading_day"
    t = now.time()
    if t < OPEN:
        return "pre_open"
    if t <= MORNING_END.replace(second=59):
        return "open"
    if t < time(13, 0):
        return "lunch"
    if t <= CLOSE:
        return "open"
    return "closed"
