"""Eastmoney through akshare: daily index klines (the primary turnover source),
industry fund-flow ranking and the northbound flow summary.

Daily klines: one GET per index for a whole date range. 上证指数 sh000001's
amount is the Shanghai market; 深证综指 sz399106's amount is the whole Shenzhen
market; both in 元.
"""

from __future__ import annotations

import math
from datetime import date

from tools.errors import NoDataError
from tools.models import SectorFlow

SH_SYMBOL = "sh000001"  # 上证指数
SZ_SYMBOL = "sz399106"  # 深证综指 (whole Shenzhen market)
SOURCE = "eastmoney"
FLOW_SOURCE = "eastmoney:fund-flow"
NORTHBOUND_SOURCE = "eastmoney:hsgt"


def index_amounts(symbol: str, start: date, end: date) -> dict[date, float]:
    """Daily turnover (元) of one index for every session in [start, end]; one HTTP request."""
    import akshare as ak

    frame = ak.stock_zh_index_daily_em(
        symbol=symbol, start_date=start.strftime("%Y%m%d"), end_date=end.strftime("%Y%m%d")
    )
    if frame.empty:
        raise NoDataError(f"Eastmoney has no {symbol} bars for {start} .. {end}", start)
    amounts: dict[date, float] = {}
    for raw_day, amount in zip(frame["date"], frame["amount"]):
        day = date.fromisoformat(str(raw_day)[:10])
        if start <= day <= end and _positive(amount):
            amounts[day] = float(amount)
    if not amounts:
        raise NoDataError(f"Eastmoney has no {symbol} turnover for {start} .. {end}", start)
    return amounts


def sector_flows(limit: int = 5) -> list[SectorFlow]:
    """Industries (行业) ranked by today's main-force net inflow, largest first; amounts in 亿元."""
    import akshare as ak

    frame = ak.stock_sector_fund_flow_rank(indicator="今日", sector_type="行业资金流")
    if frame.empty:
        raise NoDataError("Eastmoney returned no industry fund flows")
    frame = frame.sort_values("今日主力净流入-净额", ascending=False)
    flows: list[SectorFlow] = []
    for name, net, pct in zip(frame["名称"], frame["今日主力净流入-净额"], frame["今日涨跌幅"]):
        if not _finite(net):
            continue
        flows.append(
            SectorFlow(
                name=str(name),
                net_inflow_yi=round(float(net) / 1e8, 1),  # the endpoint reports 元
                change_pct=round(float(pct), 2) if _finite(pct) else None,
            )
        )
        if len(flows) == limit:
            break
    if not flows:
        raise NoDataError("Eastmoney industry fund flows had no figures")
    return flows


def northbound_net_yi() -> tuple[date | None, float | None]:
    """(trade date, 北向 成交净买额 in 亿元). The figure is None when the exchanges publish none
    (real-time northbound net flow stopped in 2024)."""
    import akshare as ak

    frame = ak.stock_hsgt_fund_flow_summary_em()
    north = frame[frame["资金方向"] == "北向"]
    if north.empty:
        raise NoDataError("Eastmoney returned no northbound rows")
    trade_day = north["交易日"].iloc[0]
    values = [float(v) for v in north["成交净买额"] if _finite(v)]
    # akshare divides the 万元 figure by 1e4, giving 亿元.
    net = round(sum(values), 2) if values else None
    return (trade_day if isinstance(trade_day, date) else None), net


def _finite(value: object) -> bool:
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _positive(value: object) -> bool:
    return _finite(value) and float(value) > 0  # type: ignore[arg-type]
