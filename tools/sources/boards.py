"""Board turnover through akshare: Eastmoney per-board daily klines and Tonghuashun's industry summary.

Eastmoney: one GET per board for a whole date range (``stock_board_industry_hist_em``
on http://7.push2his, ``stock_board_concept_hist_em`` on https://91.push2his),
成交额 in 元. Passing the BK code skips akshare's name lookup. akshare drops the
board name the server sends, so names come from the watchlist.

Tonghuashun: today's ranking of its ~90 industries, 总成交额 in 亿元, from the
pages akshare's ``stock_board_industry_summary_ths`` reads, each read once (akshare
reads page 1 twice: 1 + pages requests; here, pages requests, 2 for ~90 industries).
It is realtime only, so it is worth storing only after the close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tools.errors import NoDataError
from tools.sources import daily_amounts, finite

SOURCE = "eastmoney:board-kline"
RANKING_SOURCE = "ths:industry-summary"
RANKING_CODE_PREFIX = "THS:"  # THS industries have no BK code; stored under their name


class UnknownBoardError(NoDataError):
    """Eastmoney answered ``data: null``: it does not know this board code (a watchlist error, not an outage)."""


def board_amounts(code: str, kind: str, start: date, end: date) -> dict[date, float]:
    """Daily turnover (元) of one board for every session in [start, end]; one HTTP request."""
    import akshare as ak

    begin, finish = start.strftime("%Y%m%d"), end.strftime("%Y%m%d")
    try:
        if kind == "industry":
            frame = ak.stock_board_industry_hist_em(symbol=code, start_date=begin, end_date=finish, period="日k")
        else:
            frame = ak.stock_board_concept_hist_em(symbol=code, period="daily", start_date=begin, end_date=finish)
    except ValueError as exc:
        # The industry parser names the columns of an empty kline list and fails: no bars in the range.
        if "Length mismatch" in str(exc):
            raise NoDataError(f"Eastmoney has no {code} bars for {start} .. {end}", start) from None
        raise
    except TypeError as exc:  # industry: data is null; the concept parser raises its own error below
        if "NoneType" in str(exc):
            raise UnknownBoardError(f"Eastmoney does not know board {code} (data: null); check the watchlist") from None
        raise
    except Exception as exc:
        if type(exc).__name__ == "InvalidParameterError":  # concept: akshare's "无效的概念板块代码"
            raise UnknownBoardError(f"Eastmoney does not know board {code} ({exc}); check the watchlist") from None
        raise
    if frame.empty:
        raise NoDataError(f"Eastmoney has no {code} bars for {start} .. {end}", start)
    return daily_amounts(frame["日期"], frame["成交额"], start, end, code)


@dataclass(frozen=True)
class IndustrySummaryRow:
    """One THS industry in today's after-close summary."""

    name: str
    amount_yuan: float  # the page reports 亿元
    change_pct: float | None  # the industry index's % change
    up_count: int | None  # 上涨家数
    down_count: int | None  # 下跌家数


def _count(value: object) -> int | None:
    number = finite(value)
    return int(number) if number is not None and number >= 0 else None


def industry_ranking() -> list[tuple[str, float, float | None]]:
    """Today's THS industries as (name, 成交额 in 元, % change), largest turnover first."""
    return [(r.name, r.amount_yuan, r.change_pct) for r in industry_summary()]


SUMMARY_URL = "http://q.10jqka.com.cn/thshy/index/field/199112/order/desc/page/{page}/ajax/1/"
# The summary table's columns, in the page's order (as akshare names them).
SUMMARY_COLUMNS = (
    "序号",
    "板块",
    "涨跌幅",
    "总成交量",
    "总成交额",
    "净流入",
    "上涨家数",
    "下跌家数",
    "均价",
    "领涨股",
    "领涨股-最新价",
    "领涨股-涨跌幅",
)


def _summary_table() -> dict[str, list[object]]:
    """The summary's columns over all its pages, each page read once (the page count is on page 1).

    The same request as akshare's ``stock_board_industry_summary_ths`` (its cookie from akshare's bundled ths.js),
    which reads page 1 a second time: one request per daily update saved."""
    from io import StringIO

    import pandas as pd
    import py_mini_racer
    import requests
    from akshare.stock_feature.stock_board_industry_ths import _get_file_content_ths
    from bs4 import BeautifulSoup

    js = py_mini_racer.MiniRacer()
    js.eval(_get_file_content_ths("ths.js"))
    headers = {
        "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/89.0.4389.90 Safari/537.36",
        "Cookie": f"v={js.call('v')}",
    }
    table: dict[str, list[object]] = {name: [] for name in SUMMARY_COLUMNS}
    page, pages = 1, 1
    while page <= pages:
        response = requests.get(SUMMARY_URL.format(page=page), headers=headers)
        response.raise_for_status()
        if page == 1:
            info = BeautifulSoup(response.text, features="lxml").find(name="span", attrs={"class": "page_info"})
            pages = int(info.text.split("/")[1]) if info is not None else 1
        frame = pd.read_html(StringIO(response.text))[0]
        for name, values in zip(SUMMARY_COLUMNS, (frame[c] for c in frame.columns), strict=False):
            table[name].extend(values)
        page += 1
    return table


def industry_summary() -> list[IndustrySummaryRow]:
    """Today's THS industries with 成交额 (元), % change and 上涨/下跌家数, largest turnover first (one request
    per page of the summary: 2 for ~90 industries)."""
    frame = _summary_table()
    rows: list[IndustrySummaryRow] = []
    columns = (frame["板块"], frame["总成交额"], frame["涨跌幅"], frame["上涨家数"], frame["下跌家数"])
    for name, raw_amount, raw_pct, raw_up, raw_down in zip(*columns, strict=True):
        amount_yi = finite(raw_amount)
        if amount_yi is None or amount_yi <= 0 or not str(name).strip():
            continue
        rows.append(
            IndustrySummaryRow(
                name=str(name).strip(),
                amount_yuan=amount_yi * 1e8,
                change_pct=finite(raw_pct),
                up_count=_count(raw_up),
                down_count=_count(raw_down),
            )
        )
    if not rows:
        raise NoDataError("Tonghuashun's industry summary had no turnover figures")
    return sorted(rows, key=lambda r: r.amount_yuan, reverse=True)
