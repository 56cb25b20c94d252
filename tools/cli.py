"""``marketbot turnover | data update | chart``: the market data layer's commands.

Only argparse is imported at registration; each handler imports the service
(and matplotlib, for charts) when it runs, so ``marketbot turnover`` never
loads akshare, pandas or matplotlib. Errors are raised as the typed
InvalidDateError/NoDataError, which ``bot.cli`` prints as one line with exit 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
)


def parse_date(text: str | None) -> date | None:
    """YYYY-MM-DD (also YYYYMMDD, YYYY/MM/DD); InvalidDateError with a one-line message otherwise."""
    if text is None:
        return None
    from tools.errors import InvalidDateError

    for form in _DATE_FORMS:
        match = form.match(text.strip())
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise InvalidDateError(f"无效日期 {text!r}：请用 YYYY-MM-DD 格式，如 2025-10-09 / invalid date, use YYYY-MM-DD")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def register(subparsers: Any) -> None:
    turnover = subparsers.add_parser(
        "turnover",
        help="沪深两市成交额 for a day (or the last N sessions)",
        description="沪深两市成交额 (SH sh000001 + SZ sz399106) with change, averages, percentile, "
        "threshold crossings and record. Defaults to the latest session in the local data.",
    )
    turnover.add_argument("--date", help="trading day, YYYY-MM-DD (a holiday uses the session before it)")
    turnover.add_argument("--days", type=_positive, help="show the N sessions ending at --date instead")
    turnover.add_argument("--json", action="store_true", help="print the compact JSON result")
    turnover.add_argument("--lang", choices=("zh", "en"), help="output language (default: settings, zh)")
    turnover.set_defaults(handler=run_turnover)

    data = subparsers.add_parser("data", help="manage the local turnover store")
    data_sub = data.add_subparsers(dest="data_command", metavar="ACTION")
    update = data_sub.add_parser("update", help="fetch the sessions missing from the local store (network)")
    update.add_argument("--to", dest="to", help="last day to fetch, YYYY-MM-DD (default: latest closed session)")
    update.add_argument("--lang", choices=("zh", "en"))
    update.set_defaults(handler=run_data_update)
    importing = data_sub.add_parser(
        "import",
        help="bring rows in from CSV files (validated row by row; safe to repeat)",
        description="Import CSV rows of one kind of data. daily: date,sh_amount_yuan,sz_amount_yuan (元; header "
        "required, extra columns ignored); intraday: time,sh_amount_yuan,sz_amount_yuan (time 'YYYY-MM-DD HH:MM' "
        "Asia/Shanghai, one row per minute bar, 元 traded in that minute). Bad rows are reported with their line "
        "numbers and skipped; rows equal to "
        "stored ones are left alone; rows that disagree with stored ones are skipped unless --replace.",
    )
    importing.add_argument("files", nargs="+", metavar="FILE", help="CSV file(s), UTF-8, with a header line")
    importing.add_argument("--kind", default="daily", help="what the file holds (default: daily)")
    importing.add_argument("--replace", action="store_true", help="overwrite stored rows that disagree")
    importing.add_argument("--json", action="store_true", help="print one JSON report per file")
    importing.add_argument("--lang", choices=("zh", "en"))
    importing.set_defaults(handler=run_data_import)
    data.set_defaults(handler=_data_help(data))

    chart = subparsers.add_parser("chart", help="PNG chart of daily 两市成交额 with the 1万亿 line")
    chart.add_argument("--days", type=_positive, default=60, help="sessions to show (default 60)")
    chart.add_argument("--date", help="last/highlighted day, YYYY-MM-DD (default: latest)")
    chart.add_argument("-o", "--output", default="turnover.png", help="PNG path (default turnover.png)")
    chart.add_argument("--width", type=_positive, default=1200, help="pixels (default 1200)")
    chart.add_argument("--height", type=_positive, default=675, help="pixels (default 675)")
    chart.add_argument("--lang", choices=("zh", "en"))
    chart.set_defaults(handler=run_chart)


def _data_help(parser: argparse.ArgumentParser) -> Any:
    def handler(args: argparse.Namespace, settings: Any) -> int:
        parser.print_help()
        return 2

    return handler


def _with_lang(settings: Any, lang: str | None) -> Any:
    return settings.model_copy(update={"lang": lang}) if lang and lang != settings.lang else settings


def run_turnover(args: argparse.Namespace, settings: Any) -> int:
    from tools.service import MarketData
    from tools.text import describe_day, describe_range

    settings = _with_lang(settings, args.lang)
    day = parse_date(args.date)
    market = MarketData(settings)
    if args.days:
        report = market.turnover_range(args.days, day)
        print(report.to_json() if args.json else describe_range(report, settings.lang))
    else:
        result = market.turnover(day)
        print(result.to_json() if args.json else describe_day(result, settings.lang))
    return 0


def run_data_update(args: argparse.Namespace, settings: Any) -> int:
    from tools.service import MarketData
    from tools.text import describe_update

    settings = _with_lang(settings, args.lang)
    end = parse_date(args.to)
    market = MarketData(settings)
    if end is not None:
        market.validate_date(end)
    result = market.update(end=end)
    text, ok = describe_update(result, settings.lang)
    print(text, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def run_chart(args: argparse.Namespace, settings: Any) -> int:
    from tools.service import MarketData

    settings = _with_lang(settings, args.lang)
    day = parse_date(args.date)
    out = Path(args.output).expanduser()
    market = MarketData(settings)
    png = market.chart(days=args.days, end=day, highlight=day, path=out, size=(args.width, args.height))
    print(
        f"已保存 {out}（{args.width}x{args.height}，{len(png)} 字节）"
        if settings.lang == "zh"
        else f"saved {out} ({args.width}x{args.height}, {len(png)} bytes)"
    )
    return 0


def run_data_import(args: argparse.Namespace, settings: Any) -> int:
    from tools.importer import describe, import_file, load_kind

    settings = _with_lang(settings, args.lang)
    kind = load_kind(args.kind)
    ok = True
    for name in args.files:
        report = import_file(Path(name).expanduser(), kind, settings, replace=args.replace)
        ok = ok and report.ok
        print(report.to_json() if args.json else describe(report, settings.lang))
    return 0 if ok else 1
