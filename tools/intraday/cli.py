"""``marketbot intraday``: cumulative 两市成交额 of a session at a minute, from the stored minute bars.

``--refresh`` first fetches the latest bars (2 requests); otherwise nothing
touches the network. ``--chart FILE`` also writes the intraday chart.
"""

from __future__ import annotations

import argparse
import sys
from datetime import time
from pathlib import Path
from typing import Any


def parse_minute(text: str) -> time:
    try:
        hour, minute = text.strip().split(":")
        return time(int(hour), int(minute))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time of day (HH:MM): {text!r}") from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "intraday",
        help="cumulative 两市成交额 in a session at a minute (minute bars)",
        description="Cumulative turnover at a minute T (default: the latest minute stored) against the same minute "
        "of the previous session and of the last 5 sessions, threshold crossing times and a full-day estimate. "
        "Without --date: today's session, or the last one when the market is closed.",
    )
    parser.add_argument("--date", help="session, YYYY-MM-DD (default: current or latest)")
    parser.add_argument("--at", type=parse_minute, metavar="HH:MM", help="minute T (default: latest with data)")
    parser.add_argument("--refresh", action="store_true", help="fetch the latest minute bars first (network)")
    parser.add_argument("--chart", metavar="FILE", help="also write the intraday chart as PNG")
    parser.add_argument("--json", action="store_true", help="print the compact JSON result")
    parser.add_argument("--lang", choices=("zh", "en"), help="output language (default: settings, zh)")
    parser.set_defaults(handler=run_intraday)


def run_intraday(args: argparse.Namespace, settings: Any) -> int:
    from tools.cli import _with_lang, parse_date
    from tools.intraday.service import IntradayData
    from tools.intraday.text import describe_intraday

    settings = _with_lang(settings, args.lang)
    day = parse_date(args.date)
    data = IntradayData(settings)
    if args.refresh:
        result = data.refresh()
        if not result.ok:
            print(f"marketbot: refresh failed: {'; '.join(result.errors)}", file=sys.stderr)
    report = data.report(day, args.at)
    print(report.to_json() if args.json else describe_intraday(report, settings.lang))
    if args.chart:
        out = Path(args.chart).expanduser()
        data.chart(report.date, report.at, path=out)
        print(f"chart: {out}", file=sys.stderr)
    return 0
