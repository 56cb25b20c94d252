"""``marketbot turnover | stats | data update | data import | chart``: the market data layer's commands.

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

    register_stats(subparsers)

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
        "Asia/Shanghai, one row per minute bar, 元 traded in that minute); boards: "
        "date,board_code,board_name,amount_yuan[,theme]. Bad rows are reported with their line "
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
    chart.add_argument("--no-index", action="store_true", help="bars only, without the 上证指数 close line")
    chart.set_defaults(handler=run_chart)


_THRESHOLD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(万亿|亿)?(?:元)?\s*$")


def parse_threshold(text: str) -> float:
    """A threshold in 亿元: ``15000``, ``1.5万亿``, ``8000亿``."""
    match = _THRESHOLD.match(text)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive amount in 亿元 (e.g. 10000, 1.5万亿, 8000亿): {text!r}")
    value = float(match.group(1))
    return value * 10000 if match.group(2) == "万亿" else value


# tools.stats.models.MEASURES, spelled out so registering the command imports nothing (a test keeps them equal)
STATS_MEASURES = (
    "summary",
    "top",
    "bottom",
    "count",
    "rank",
    "first",
    "last",
    "streak",
    "compare",
    "percentile",
    "days",
    "group",
)


def register_stats(subparsers: Any) -> None:
    stats = subparsers.add_parser(
        "stats",
        help="turnover statistics over a period (sum, mean, max/min, top N, counts, rank, percentile, streaks, "
        "comparisons, each day, groups)",
        description="Statistics of daily 沪深两市成交额 (or --part sh|sz) over a period. Periods: 2025-10-09, "
        "2024-10-01..2024-10-31, 2015-06, 2015Q2, 2015H1, 2015, 2026-W30, this_week, last_week, this_month, "
        "last_month, this_quarter, last_quarter, this_half, last_half, this_year, last_year, ytd, last:20, "
        "last:20@2024-10-08, latest, all. Amounts in 亿元, computed from 元 and rounded once. Examples: "
        "'stats count -p 2025 --between 1万亿 1.5万亿'; 'stats percentile --value 3万亿'; "
        "'stats days -p last_week'; 'stats group -p 2025 --group-by month'; "
        "'stats compare -p this_week --aligned'.",
    )
    stats.add_argument("measure", nargs="?", default="summary", choices=STATS_MEASURES, help="what to compute")
    stats.add_argument("-p", "--period", default="all", help="period spec (default: all)")
    stats.add_argument("--part", choices=("total", "sh", "sz"), default="total", help="market part (default total)")
    stats.add_argument("-t", "--threshold", type=parse_threshold, help="亿元: 10000, 1.5万亿, 8000亿")
    stats.add_argument("--below", action="store_true", help="count/first/last/streak below the threshold")
    stats.add_argument(
        "--between",
        nargs=2,
        type=parse_threshold,
        metavar=("LOW", "HIGH"),
        help="count/first/last/streak: days from LOW to HIGH 亿元, both inclusive (instead of -t)",
    )
    stats.add_argument("-n", type=_positive, default=5, help="days for top/bottom (default 5, at most 100)")
    stats.add_argument(
        "--date", help="rank/percentile: the day, YYYY-MM-DD (rank's default: the period's last session)"
    )
    stats.add_argument("--value", type=parse_threshold, help="percentile: the amount to place, 亿元 (3万亿, 20000)")
    stats.add_argument("--dates", help="days: named days instead of a period, comma-separated YYYY-MM-DD (at most 31)")
    stats.add_argument("--since", help="first/last: only sessions on or after this day")
    stats.add_argument("--compare-to", help="compare: the other period (default: the one before)")
    stats.add_argument(
        "--aligned",
        action="store_true",
        help="compare: the period so far against the same number of sessions from the start of the other",
    )
    stats.add_argument(
        "--group-by", choices=("week", "month", "quarter", "half", "year"), default="month", help="group: the unit"
    )
    stats.add_argument("--rank-by", choices=("sum", "mean"), default="sum", help="group: rank groups by (default sum)")
    stats.add_argument(
        "--order-by",
        choices=("amount", "change", "sh_pct", "sz_pct", "sh_close", "sz_close"),
        default="amount",
        help="top/bottom: by amount, by change on the previous session (单日放量最多), by an index's %% move or close",
    )
    stats.add_argument("--index", choices=("sh", "sz"), default="sh", help="the index of the --index-* filters")
    stats.add_argument("--index-pct-above", type=float, help="only sessions where the index rose more than this %%")
    stats.add_argument("--index-pct-below", type=float, help="only sessions where its %% change is below this (-2)")
    stats.add_argument("--index-close-above", type=float, help="only sessions where the index closed at/above this")
    stats.add_argument("--index-close-below", type=float, help="only sessions where the index closed below this")
    stats.add_argument(
        "--volume-move", choices=("up", "down"), help="count/top/bottom/streak: 放量 (up) or 缩量 days only"
    )
    stats.add_argument(
        "--index-move", choices=("up", "down"), help="count/top/bottom/streak: 上证指数 up or down days only"
    )
    stats.add_argument("--json", action="store_true", help="print the compact JSON result")
    stats.add_argument("--lang", choices=("zh", "en"))
    stats.set_defaults(handler=run_stats)


def run_stats(args: argparse.Namespace, settings: Any) -> int:
    from pydantic import ValidationError

    from tools.errors import InvalidQueryError
    from tools.service import MarketData
    from tools.stats.models import Direction, StatsQuery
    from tools.stats.text import describe_stats

    settings = _with_lang(settings, args.lang)
    threshold, upper = args.threshold, None
    direction: Direction = "below" if args.below else "at_or_above"
    if args.between:
        if args.threshold is not None or args.below:
            raise InvalidQueryError("--between 不能与 -t/--below 同用 / --between replaces -t and --below")
        (threshold, upper), direction = sorted(args.between), "between"
    dates = tuple(d for d in (parse_date(t) for t in args.dates.split(",") if t.strip()) if d) if args.dates else None
    try:
        query = StatsQuery(
            measure=args.measure,
            period=args.period,
            part=args.part,
            threshold_yi=threshold,
            threshold_hi_yi=upper,
            direction=direction,
            n=args.n,
            date=parse_date(args.date),
            value_yi=args.value,
            since=parse_date(args.since),
            compare_to=args.compare_to,
            compare_mode="aligned" if args.aligned else "full",
            group_by=args.group_by,
            rank_by=args.rank_by,
            dates=dates,
            order_by=args.order_by,
            volume_move=args.volume_move,
            index_move=args.index_move,
            index=args.index,
            index_pct_above=args.index_pct_above,
            index_pct_below=args.index_pct_below,
            index_close_above=args.index_close_above,
            index_close_below=args.index_close_below,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise InvalidQueryError(f"{field}: {error['msg']}") from None
    result = MarketData(settings).stats(query)
    print(result.to_json() if args.json else describe_stats(result, settings.lang))
    return 0


def _data_help(parser: argparse.ArgumentParser) -> Any:
    def handler(args: argparse.Namespace, settings: Any) -> int:
        parser.print_help()
        return 2

    return handler


def _with_lang(settings: Any, lang: str | None) -> Any:
    return settings.model_copy(update={"lang": lang}) if lang and lang != settings.lang else settings


def run_turnover(args: argparse.Namespace, settings: Any) -> int:
    from tools.daily.text import describe_day, describe_range
    from tools.service import MarketData

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
    from tools.daily.text import describe_update
    from tools.service import MarketData

    settings = _with_lang(settings, args.lang)
    end = parse_date(args.to)
    market = MarketData(settings)
    if end is not None:
        market.validate_date(end)
    result = market.update(end=end)
    text, ok = describe_update(result, settings.lang)
    print(text, file=sys.stdout if ok else sys.stderr)
    from tools.boards.text import describe_board_update

    boards = market.boards().update(end=end)
    board_text = describe_board_update(boards, settings.lang)
    if board_text:
        print(board_text, file=sys.stdout if boards.ok else sys.stderr)
    return 0 if ok and boards.ok else 1


def run_chart(args: argparse.Namespace, settings: Any) -> int:
    from tools.service import MarketData

    settings = _with_lang(settings, args.lang)
    day = parse_date(args.date)
    out = Path(args.output).expanduser()
    market = MarketData(settings)
    size = (args.width, args.height)
    png = market.chart(days=args.days, end=day, highlight=day, path=out, size=size, with_index=not args.no_index)
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
