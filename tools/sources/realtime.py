"""Realtime index snapshot (Eastmoney 沪深重要指数): 两市成交额 "so far today".

One GET. 成交额 is in 元. The list carries 上证指数 (000001) and 深证成指
(399001); on Eastmoney the Shenzhen index quotes report the whole Shenzhen
market's turnover, so 399106 is used when present, else 399001.
"""

from __future__ import annotations

from tools.errors import NoDataError
from tools.sources import finite

SOURCE = "eastmoney:realtime"
SH_CODES = ("000001",)
SZ_CODES = ("399106", "399001")
_SH_NAME = "上证指数"


def snapshot_amounts() -> tuple[float, float, str]:
    """(SH 元, SZ 元, the SZ index code used) from the realtime snapshot."""
    import akshare as ak

    frame = ak.stock_zh_index_spot_em(symbol="沪深重要指数")
    amounts: dict[str, float] = {}
    for code, name, amount in zip(frame["代码"], frame["名称"], frame["成交额"], strict=True):
        code = str(code)
        if code == "000001" and str(name) != _SH_NAME:
            continue  # never mistake another 000001 for 上证指数
        value = finite(amount)
        if value is not None and value > 0:
            amounts.setdefault(code, value)
    sh = next((amounts[c] for c in SH_CODES if c in amounts), None)
    sz_code = next((c for c in SZ_CODES if c in amounts), None)
    if sh is None or sz_code is None:
        raise NoDataError("the realtime snapshot has no turnover for 上证指数 and the Shenzhen market yet")
    return sh, amounts[sz_code], sz_code
