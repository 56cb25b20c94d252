"""Eastmoney "trends2" minute bars through akshare: the last 5 sessions of 1-minute bars per index.

``index_zh_a_hist_min_em`` looks the market id up in a code map that costs a
paged list of requests (and falls back to probing 1./0./47. on a miss). The
market ids of our two indexes are fixed (上证指数 1.000001, 深证综指 0.399106),
so the map is replaced for the duration of the call: exactly one request per
index. The answer's own ``data.code``/``data.name`` are checked afterwards so
that 000001 can never be 平安银行 (0.000001). Amounts are 元 per minute.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any
from unittest import mock

from config.http_defaults import current_stats
from tools.errors import NoDataError, SourceError
from tools.sources import finite

SOURCE = "eastmoney:trends2"
SH_CODE = "000001"  # 上证指数 (market 1)
SZ_CODE = "399106"  # 深证综指, the whole Shenzhen market (market 0)
MARKET_IDS = {SH_CODE: 1, SZ_CODE: 0}
_NAMES = {SH_CODE: "上证指数", SZ_CODE: "深证综指"}
_patch_lock = threading.Lock()  # the code map is a module global of akshare: one patched call at a time


def minute_amounts(code: str) -> dict[datetime, float]:
    """{bar time (naive, Asia/Shanghai): amount in 元} for one index; one HTTP request."""
    import akshare as ak  # type: ignore[import-untyped]
    import akshare.index.index_zh_em as em_index  # type: ignore[import-untyped]

    if code not in MARKET_IDS:
        raise ValueError(f"unknown index code {code!r}")
    with _patch_lock, mock.patch.object(em_index, "index_code_id_map_em", lambda: dict(MARKET_IDS)):
        frame = ak.index_zh_a_hist_min_em(symbol=code, period="1")
        _check_identity(code)
    amounts: dict[datetime, float] = {}
    for stamp, amount in zip(frame["时间"], frame["成交额"], strict=True):
        try:
            when = datetime.fromisoformat(str(stamp))
        except ValueError:
            continue
        value = finite(amount)
        if value is not None and value >= 0:  # 14:59 is a 0 bar (the closing call auction runs)
            amounts[when.replace(second=0, microsecond=0)] = value
    if not amounts:
        raise NoDataError(f"Eastmoney returned no minute bars for {code}")
    return amounts


def _check_identity(code: str) -> None:
    """Fail when the answer is for another security than the index asked for."""
    stats = current_stats()
    response = stats.last_response if stats else None
    if response is None:
        return
    try:
        data: Any = response.json().get("data") or {}
    except ValueError:
        return
    got_code, got_market = str(data.get("code", code)), data.get("market", MARKET_IDS[code])
    if got_code != code or got_market != MARKET_IDS[code]:
        raise SourceError(
            f"{SOURCE}: asked for {_NAMES[code]} {MARKET_IDS[code]}.{code}, got {data.get('name')} "
            f"{got_market}.{got_code}",
            SOURCE,
        )
