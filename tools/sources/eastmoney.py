"""Eastmoney through akshare: daily index klines (the primary turnover source),
industry fund-flow ranking and the northbound flow summary.

Daily klines: one GET per index for a whole date range. 上证指数 sh000001's
amount is the Shanghai market; 深证综指 sz399106's amount is the whole Shenzhen
market; both in 元.
"""

from __future__ import annotations

from datetime import date

from tools.daily.models import SectorFlow, yuan_to_yi
from tools.errors import NoDataError
from tools.sources import daily_amounts, finite

SH_SYMBOL = "sh000001"  # 上证指数
SZ_SYMBOL = "sz399106"  # 深证综指 (whole Shenzhen market)
SOURCE = "eastmoney"
FLOW_SOURCE = "eastmoney:fund-flow"
NORTHBOUND_SOURCE = "eastmoney:hsgt"


def index_bars(symbol: str, start: date, end: date) -> dict[date, tuple[float, float | None]]:
    """(turnover in 元, close in points) of one index for every session in [start, end]; one HTTP request.

    The kline rows carry no % change (akshare keeps date, open, close, high, low, volume, amount): callers
    compute it from the previous close."""
    import akshare as ak

    frame = ak.stock_zh_index_daily_em(
        symbol=symbol, start_date=start.strftime("%Y%m%d"), end_date=end.strftime("%Y%m%d")
    )
    if frame.empty:
        raise NoDataError(f"Eastmoney has no {symbol} bars for {start} .. {end}", start)
    amounts = daily_amounts(frame["date"], frame["amount"], start, end, symbol)
    closes = {date.fromisoformat(str(d)[:10]): finite(c) for d, c in zip(frame["date"], frame["close"], strict=True)}
    return {day: (amount, _positive(closes.get(day))) for day, amount in amounts.items()}


def _positive(value: float | None) -> float | None:
    return value if value is not None and value > 0 else None


def sector_flows(limit: int = 5) -> list[SectorFlow]:
    """Industries (行业) ranked by today's main-force net inflow, largest first; amounts in 亿元."""
    import akshare as ak

    frame = ak.stock_sector_fund_flow_rank(indicator="今日", sector_type="行业资金流")
    if frame.empty:
        raise NoDataError("Eastmoney returned no industry fund flows")
    frame = frame.sort_values("今日主力净流入-净额", ascending=False)
    flows: list[SectorFlow] = []
    for name, raw_net, raw_pct in zip(frame["名称"], frame["今日主力净流入-净额"], frame["今日涨跌幅"], strict=True):
        net, pct = finite(raw_net), finite(raw_pct)
        if net is None:
            continue
        flows.append(
            SectorFlow(
                name=str(name),
                net_inflow_yi=yuan_to_yi(net),  # the endpoint reports 元
                change_pct=round(pct, 2) if pct is not None else None,
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
    values = [v for v in map(finite, north["成交净买额"]) if v is not None]
    # akshare divides the 万元 figure by 1e4, giving 亿元.
    net = round(sum(values), 2) if values else None
    return (trade_day if isinstance(trade_day, date) else None), net
