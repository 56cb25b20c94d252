"""Minute-bar test data: session profiles, the Eastmoney trends2 envelope, and import CSVs.

``trends_payload`` builds the answer of ``push2his.eastmoney.com/api/qt/stock/trends2/get`` in its wire
format: the real JSON envelope (keys in the live order) with ``data.trends`` as CSV strings of exactly 8
fields ``time,open,close,high,low,volume,amount,avg`` (amount in 元 per minute, not cumulative), so
akshare's own parser runs on it. Profiles are shaped like a real session (a heavy opening auction bar,
a busy first half hour, a quiet early afternoon, the empty 14:59 bar and the closing auction at 15:00).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

from tools.intraday.clock import SESSION_MINUTES

TRENDS_URL = "https://push2his.eastmoney.com/api/qt/stock/trends2/get"
SECIDS = {"000001": "1.000001", "399106": "0.399106"}
NAMES = {"000001": "上证指数", "399106": "深证综指"}
SH_SHARE = 0.42  # Shanghai's usual share of 两市成交额

Bars = dict[datetime, tuple[float, float]]  # bar time -> (SH 元, SZ 元)


def profile(tilt: float = 0.0) -> list[float]:
    """241 weights summing to 1, shaped like an A-share session; ``tilt`` > 0 moves trading into the morning."""
    weights = []
    for j, t in enumerate(SESSION_MINUTES):
        if t == time(9, 30):
            w = 4.0  # opening call auction
        elif t == time(14, 59):
            w = 0.0  # the closing call auction runs; no trades print
        elif t == time(15, 0):
            w = 3.0  # closing call auction
        elif j <= 120:
            w = (0.9 + 1.6 * math.exp(-j / 25)) * (1 + tilt)
        else:
            w = (0.75 + 0.5 * math.exp(-(240 - j) / 20)) * (1 - tilt)
        weights.append(w)
    total = sum(weights)
    return [w / total for w in weights]


def session(
    day: date, total_yuan: float, *, upto: time | None = None, skip: Iterable[time] = (), tilt: float = 0.0
) -> Bars:
    """One session's bars for a full-day total, up to ``upto`` (inclusive), without the ``skip`` minutes."""
    skipped = set(skip)
    bars: Bars = {}
    for t, w in zip(SESSION_MINUTES, profile(tilt), strict=True):
        if upto is not None and t > upto:
            break
        if t in skipped:
            continue
        amount = total_yuan * w
        bars[datetime.combine(day, t)] = (round(amount * SH_SHARE, 2), round(amount * (1 - SH_SHARE), 2))
    return bars


def flat_session(day: date, sh_per_minute: float, sz_per_minute: float, upto: time | None = None) -> Bars:
    """Every bar the same: easy to compute by hand (cumulative at bar j = (j + 1) x per minute)."""
    return {
        datetime.combine(day, t): (sh_per_minute, sz_per_minute) for t in SESSION_MINUTES if upto is None or t <= upto
    }


def trends_payload(code: str, bars: Bars, *, skip: Iterable[datetime] = ()) -> dict:
    """The trends2 answer for one index (``code`` 000001 or 399106) holding its half of ``bars``."""
    side = 0 if code == "000001" else 1
    market = int(SECIDS[code].split(".")[0])
    price = 3800.0 if side == 0 else 2400.0
    skipped = set(skip)
    rows = []
    for at in sorted(bars):
        if at in skipped:
            continue
        amount = bars[at][side]
        volume = int(amount / (price * 100 / 9)) if amount else 0  # 手, about 9 元 a share
        close = round(price * (1 + 0.0001 * (at.minute % 7 - 3)), 2)
        rows.append(
            f"{at:%Y-%m-%d %H:%M},{price:.2f},{close:.2f},{max(price, close):.2f},{min(price, close):.2f},"
            f"{volume},{amount:.2f},{(price + close) / 2:.3f}"
        )
        price = close
    days = sorted({at.date() for at in bars})
    last = days[-1] if days else date(2026, 5, 14)
    stamp = f"{last:%Y%m%d}"
    return {
        "rc": 0,
        "rt": 10,
        "svr": 177617938,
        "lt": 1,
        "full": 1,
        "dlmkts": "",
        "data": {
            "code": code,
            "market": market,
            "type": 2 if side == 0 else 6,
            "status": 0,
            "name": NAMES[code],
            "decimal": 2,
            "preSettlement": 0.0,
            "preClose": price,
            "beticks": "33300|34200|54000|34200|41400|46800|54000",
            "trendsTotal": len(rows),
            "time": 1747121667,
            "kind": 1,
            "prePrice": price,
            "tradePeriods": {
                "pre": {"b": int(stamp + "0915"), "e": int(stamp + "0930")},
                "after": None,
                "periods": [
                    {"b": int(stamp + "0930"), "e": int(stamp + "1130")},
                    {"b": int(stamp + "1300"), "e": int(stamp + "1500")},
                ],
            },
            "hisPrePrices": [{"date": int(f"{d:%Y%m%d}"), "prePrice": price} for d in days],
            "trends": rows,
        },
    }


def data_null_payload() -> dict:
    return {"rc": 0, "rt": 10, "svr": 177617938, "lt": 1, "full": 1, "dlmkts": "", "data": None}


def write_csv(path: Path, *sessions: Bars) -> Path:
    """An intraday import file (``time,sh_amount_yuan,sz_amount_yuan``) holding the given sessions."""
    lines = ["time,sh_amount_yuan,sz_amount_yuan"]
    for bars in sessions:
        lines += [f"{at:%Y-%m-%d %H:%M},{sh:.2f},{sz:.2f}" for at, (sh, sz) in sorted(bars.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
