"""Shared fixtures of the market-data tests: a tmp Settings, a store, recorded payloads.

Payloads in ``payloads/`` are in the exact wire format of each endpoint (same
keys in the same order as the live APIs, because several akshare parsers name
columns by position). ``kline_payload`` builds an Eastmoney kline answer for
any list of days from the real bundled history.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest
import responses
from responses import matchers

from config.settings import Settings
from tools.daily.models import DailyTurnover
from tools.daily.store import TurnoverStore, read_snapshot
from tools.resilience import SourceRunner
from tools.sources.router import SourceRouter

PAYLOADS = Path(__file__).parent / "payloads"
KLINE_URL = "https://push2his.eastmoney.com/api/qt/stock/kline/get"
FLOW_URL = "https://push2.eastmoney.com/api/qt/clist/get"
HSGT_URL = "https://datacenter-web.eastmoney.com/api/data/v1/get"
SSE_URL = "https://query.sse.com.cn/commonQuery.do"
SZSE_URL = "http://www.szse.cn/api/report/ShowReport"
SECID = {"sh000001": "1.000001", "sz399106": "0.399106"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def payload(name: str) -> dict:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


def payload_bytes(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


_SNAPSHOT: list[DailyTurnover] | None = None


def history(start: date, end: date) -> list[DailyTurnover]:
    """Real rows of the bundled history in [start, end]."""
    global _SNAPSHOT
    if _SNAPSHOT is None:
        _SNAPSHOT = read_snapshot()
    return [r for r in _SNAPSHOT if start <= r.date <= end]


def kline_payload(symbol: str, days: Iterable[tuple[date, float]], closes: dict[date, float] | None = None) -> dict:
    """An Eastmoney kline answer (fields2 f51..f58) with the given (day, amount 元) rows; closes from ``closes``
    where given (real 上证指数 closes of the bundled history), else a made-up 0.3% rise a day."""
    market, code = SECID[symbol].split(".")
    klines, price = [], 3800.0 if symbol.startswith("sh") else 2500.0
    for day, amount in days:
        close = round((closes or {}).get(day) or price * 1.003, 2)
        klines.append(
            f"{day.isoformat()},{price:.2f},{close:.2f},{close * 1.004:.2f},{price * 0.996:.2f},"
            f"{int(amount / close / 100)},{amount:.2f},0.80"
        )
        price = close
    return {
        "rc": 0,
        "rt": 17,
        "svr": 181669437,
        "lt": 1,
        "full": 0,
        "dlmkts": "",
        "data": {
            "code": code,
            "market": int(market),
            "name": "上证指数" if market == "1" else "深证综指",
            "decimal": 2,
            "dktotal": 8493,
            "preKPrice": 3790.0,
            "klines": klines,
        },
    }


def add_kline(rsps: responses.RequestsMock, symbol: str, **kwargs: object) -> None:
    """Register one kline answer for ``symbol`` (kwargs as for ``rsps.add``)."""
    rsps.add(
        responses.GET,
        KLINE_URL,
        match=[matchers.query_param_matcher({"secid": SECID[symbol]}, strict_match=False)],
        **kwargs,  # type: ignore[arg-type]
    )


def add_history_klines(rsps: responses.RequestsMock, start: date, end: date) -> list[DailyTurnover]:
    rows = history(start, end)
    sh_closes = {r.date: r.sh_close for r in rows if r.sh_close is not None}
    add_kline(rsps, "sh000001", json=kline_payload("sh000001", [(r.date, r.sh_yuan) for r in rows], sh_closes))
    add_kline(rsps, "sz399106", json=kline_payload("sz399106", [(r.date, r.sz_yuan) for r in rows]))
    return rows


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = dict(
        data_dir=tmp_path,
        http_timeout_s=2.0,
        http_retries=1,
        http_backoff_s=0.0,
        breaker_failures=3,
        breaker_cooldown_s=60.0,
        auto_fetch=False,
    )
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def truncated_store(data_dir: Path, last: date) -> TurnoverStore:
    """A store holding the bundled history up to ``last`` (as if it had not been updated since)."""
    store = TurnoverStore.open(data_dir)
    store.close()
    with sqlite3.connect(data_dir / "turnover.sqlite") as conn:
        conn.execute("DELETE FROM daily_turnover WHERE date > ?", (last.isoformat(),))
    return TurnoverStore.open(data_dir)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def runner(settings: Settings, sleeps: list[float]) -> SourceRunner:
    return SourceRunner.from_settings(settings, sleep=sleeps.append)


@pytest.fixture
def router(settings: Settings, runner: SourceRunner) -> SourceRouter:
    return SourceRouter(settings, runner=runner)


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """A request that escapes ``responses`` fails at once instead of reaching the internet."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access is disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
