"""Wire-format answers of the board sources, built for the tests (figures clearly synthetic).

Eastmoney board klines: ``data.klines`` rows of exactly 11 CSV fields
(date,open,close,high,low,volume,amount,amplitude,pct,chg,turnover), the
envelope keys in the live order. Industry boards are served over http from
7.push2his, concepts over https from 91.push2his. Tonghuashun's industry
summary is a gbk HTML fragment with a 12-column table and a ``page_info`` span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import responses
from responses import matchers

INDUSTRY_URL = "http://7.push2his.eastmoney.com/api/qt/stock/kline/get"
CONCEPT_URL = "https://91.push2his.eastmoney.com/api/qt/stock/kline/get"
THS_URL = re.compile(r"http://q\.10jqka\.com\.cn/thshy/index/field/199112/order/desc/page/(\d+)/ajax/1/")


def kline_payload(code: str, name: str, days: Iterable[tuple[date, float]]) -> dict:
    klines, price = [], 1500.0
    for day, amount in days:
        close = round(price * 1.01, 2)
        volume = int(amount / close / 100)
        klines.append(
            f"{day.isoformat()},{price:.2f},{close:.2f},{close * 1.01:.2f},{price * 0.99:.2f},{volume},"
            f"{amount:.2f},2.00,1.00,{close - price:.2f},1.50"
        )
        price = close
    return {
        "rc": 0,
        "rt": 17,
        "svr": 177617938,
        "lt": 1,
        "full": 0,
        "dlmkts": "",
        "data": {
            "code": code,
            "market": 90,
            "name": name,
            "decimal": 2,
            "dktotal": 1200,
            "preKPrice": 1490.0,
            "klines": klines,
        },
    }


def add_board(rsps: responses.RequestsMock, code: str, kind: str, **kwargs: object) -> None:
    """Register one kline answer for board ``code`` (kwargs as for ``rsps.add``)."""
    rsps.add(
        responses.GET,
        INDUSTRY_URL if kind == "industry" else CONCEPT_URL,
        match=[matchers.query_param_matcher({"secid": f"90.{code}"}, strict_match=False)],
        **kwargs,  # type: ignore[arg-type]
    )


def ths_page(rows: list[tuple], page: int, pages: int) -> bytes:
    """One page of the THS industry summary: (name, 总成交额 亿元, 涨跌幅 % [, 上涨家数, 下跌家数]) per row, gbk."""
    head = (
        "<tr><th>序号</th><th>板块</th><th>涨跌幅(%)</th><th>总成交量(万手)</th><th>总成交额(亿元)</th>"
        "<th>净流入(亿元)</th><th>上涨家数</th><th>下跌家数</th><th>均价</th><th>领涨股</th><th>最新价</th>"
        "<th>涨跌幅(%)</th></tr>"
    )
    body = "".join(
        f'<tr><td>{i + 1}</td><td><a href="http://q.10jqka.com.cn/thshy/detail/code/8811{i:02d}/">{name}</a></td>'
        f'<td class="c-rise">{pct:.2f}</td><td>{amount * 20:.2f}</td><td>{amount:.2f}</td><td>{amount / 50:.2f}</td>'
        f"<td>{(row + (30, 10))[3]}</td><td>{(row + (30, 10))[4]}</td><td>12.34</td><td>测试股份</td><td>10.00</td>"
        "<td>9.99</td></tr>"
        for i, row in enumerate(rows)
        for name, amount, pct in [row[:3]]
    )
    html = (
        f'<table class="m-table m-pager-table"><thead>{head}</thead><tbody>{body}</tbody></table>'
        f'<div class="m-pager" id="m-page"><span class="page_info">{page}/{pages}</span></div>'
    )
    return html.encode("gbk")


def add_ths(rsps: responses.RequestsMock, pages: list[list[tuple]]) -> None:
    def answer(request):  # noqa: ANN001, ANN202
        number = int(THS_URL.match(request.url).group(1))  # type: ignore[union-attr]
        return 200, {"Content-Type": "text/html; charset=gbk"}, ths_page(pages[number - 1], number, len(pages))

    rsps.add_callback(responses.GET, THS_URL, callback=answer)
