"""``marketbot sectors``: board (sector) turnover of a day, as text, JSON or a chart.

Registered by ``bot.cli`` like tools.cli; handlers import the service (and
matplotlib, for ``--chart``) only when they run.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    sectors = subparsers.add_parser(
        "sectors",
        help="board (sector) turnover of a day: top boards, movers, themes",
        description="Turnover of the watchlist's boards on a day (default: the latest day with board data): the "
        "largest, the largest increase and decrease on the previous session (亿元, %%), each board's share of "
        "两市成交额 (boards overlap, so shares and amounts never add up) and theme totals (the largest board of "
        "each theme). Data comes from 'marketbot data update' or 'marketbot data import --kind boards FILE.csv'.",
    )
    sectors.add_argument("--date", help="trading day, YYYY-MM-DD (default: latest with board data)")
    sectors.add_argument("--theme", help="only the boards of one theme (e.g. AI, 芯片, 券商)")
    sectors.add_argument(
        "--days", type=int, help="instead: each board's turnover summed over the N board days ending at --date"
    )
    sectors.add_argument("--json", action="store_true", help="print the compact JSON result")
    sectors.add_argument("--chart", metavar="PNG", help="also write a chart of the top boards to this PNG file")
    sectors.add_argument("--lang", choices=("zh", "en"))
    sectors.set_defaults(handler=run_sectors)


def run_sectors(args: argparse.Namespace, settings: Any) -> int:
    from tools.boards.text import describe_period, describe_sectors
    from tools.cli import _with_lang, parse_date
    from tools.service import MarketData

    settings = _with_lang(settings, args.lang)
    boards = MarketData(settings).boards()
    if args.days is not None:
        period = boards.period(args.days, parse_date(args.date))
        print(period.to_json() if args.json else describe_period(period, settings.lang))
        return 0
    report = boards.day(parse_date(args.date), args.theme)
    print(report.to_json() if args.json else describe_sectors(report, settings.lang))
    if args.chart:
        from tools.boards.chart import render_sector_chart

        out = Path(args.chart).expanduser()
        png = render_sector_chart(report, lang=settings.lang, path=out)
        if not args.json:
            print(f"已保存 {out}（{len(png)} 字节）" if settings.lang == "zh" else f"saved {out} ({len(png)} bytes)")
    return 0
