"""HTTP requests per incremental store update (target: 2, one per index, for any range).

Runs ``tools.daily.sync.update_store`` against a store that stops N sessions before the
end, with the wire answered by ``responses`` from recorded-format Eastmoney
kline payloads built from the real bundled history. No network.

The comparison figure: summing every stock's row needs ``stock_zh_a_spot_em``,
which pages Eastmoney's list 100 rows per request (akshare fixes ``pz=100``;
the server caps it there). The A-share list (fs = SZ main + ChiNext, SH main +
STAR, BJ) has about 5,450 stocks (SSE ~2,290, SZSE ~2,880, BSE ~270 at the
end of 2025), so ceil(5450 / 100) = 55 requests, and that only gives *today*:
a past day would need one history request per stock (~5,450).

    python benchmarks/bench_update_requests.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

import responses
from responses import matchers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import Settings  # noqa: E402
from tools.calendar import TradingCalendar  # noqa: E402
from tools.daily.store import TurnoverStore, read_snapshot  # noqa: E402
from tools.daily.sync import update_store  # noqa: E402
from tools.sources.router import SourceRouter  # noqa: E402

KLINE_URL = "https://push2his.eastmoney.com/api/qt/stock/kline/get"
SECID = {"sh": "1.000001", "sz": "0.399106"}
PAGED_FULL_MARKET = 55  # ceil(~5,450 A-shares / 100 per page), see the module docstring


def kline_payload(market: str, rows: list[tuple[date, float]]) -> dict:
    klines = [f"{d.isoformat()},3800.00,3810.00,3820.00,3790.00,{int(a / 381000)},{a:.2f},0.79" for d, a in rows]
    return {
        "rc": 0,
        "rt": 17,
        "svr": 181669437,
        "lt": 1,
        "full": 0,
        "dlmkts": "",
        "data": {
            "code": SECID[market][2:],
            "market": int(SECID[market][0]),
            "name": market,
            "decimal": 2,
            "dktotal": 8493,
            "preKPrice": 3800.0,
            "klines": klines,
        },
    }


def run(history: list, sessions: int, *, primary_down: bool = False) -> tuple[int, int, list[str]]:
    end_index = len(history) - 1
    end = history[end_index].date
    last_kept = history[end_index - sessions].date
    wanted = history[end_index - sessions + 1 : end_index + 1]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        TurnoverStore.open(data_dir).close()
        with sqlite3.connect(data_dir / "turnover.sqlite") as conn:
            conn.execute("DELETE FROM daily_turnover WHERE date > ?", (last_kept.isoformat(),))
        store = TurnoverStore.open(data_dir)
        settings = Settings(data_dir=data_dir, http_retries=1, http_backoff_s=0.0)
        calendar = TradingCalendar.load(settings, store)
        router = SourceRouter(settings)
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            for market, attr in (("sh", "sh_yuan"), ("sz", "sz_yuan")):
                match = [matchers.query_param_matcher({"secid": SECID[market]}, strict_match=False)]
                if primary_down:
                    rsps.add(responses.GET, KLINE_URL, status=503, match=match)
                else:
                    body = kline_payload(market, [(r.date, getattr(r, attr)) for r in wanted])
                    rsps.add(responses.GET, KLINE_URL, json=body, match=match)
            result = update_store(store, settings, calendar=calendar, end=end, router=router)
        store.close()
        return result.requests, result.written, result.errors


def main() -> None:
    history = read_snapshot()
    print(f"{'update':<34} {'sessions':>8} {'written':>8} {'HTTP requests':>14}")
    for n in (1, 5, 60):
        requests_sent, written, errors = run(history, n)
        assert not errors, errors
        print(f"{'incremental (primary)':<34} {n:>8} {written:>8} {requests_sent:>14}")
    requests_sent, written, errors = run(history, 1, primary_down=True)
    print(
        f"{'primary 503 + exchanges unreachable':<34} {1:>8} {written:>8} {requests_sent:>14}"
        f"   ({len(errors)} errors reported, nothing stored)"
    )
    print(f"\nsumming every stock (stock_zh_a_spot_em): ~{PAGED_FULL_MARKET} paged requests for today only")


if __name__ == "__main__":
    main()
