"""Measure exchange_calendars (XSHG) and chinese_calendar against the store's sessions (issue 8's evaluation).

The bundled history's 8,606 sessions (1991-04-03 .. 2026-07-31) are the ground truth. For each library:
import time, the years it covers, and the sessions it gets wrong in that span. Neither library is a
dependency of marketbot: run this in a scratch virtualenv that has them, from the repository root.

    python -m venv /tmp/calvenv && /tmp/calvenv/bin/pip install exchange_calendars chinesecalendar
    /tmp/calvenv/bin/python benchmarks/compare_calendar_libs.py
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "tools" / "data" / "turnover_snapshot.csv.gz"


def store_sessions() -> list[date]:
    text = gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8")
    return sorted(date.fromisoformat(line.split(",")[0]) for line in text.splitlines() if line[:1].isdigit())


def import_ms(statement: str, runs: int = 3) -> str:
    code = f"import time; t = time.perf_counter(); {statement}; print((time.perf_counter() - t) * 1000)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout) for _ in range(runs)
    ]
    return f"{min(times):.0f}-{max(times):.0f} ms"


def compare(name: str, sessions: set[date], truth: list[date], span: tuple[date, date]) -> None:
    inside = {d for d in truth if span[0] <= d <= span[1]}
    missing, extra = sorted(inside - sessions), sorted({d for d in sessions if span[0] <= d <= span[1]} - inside)
    by_year = Counter(d.year for d in missing + extra)
    print(f"  {name} over {span[0]}..{span[1]}: {len(missing)} sessions missing, {len(extra)} extra")
    print(f"    by year: {dict(sorted(by_year.items()))}; first extra: {[str(d) for d in extra[:6]]}")


def main() -> None:
    truth = store_sessions()
    print(f"store: {len(truth)} sessions {truth[0]}..{truth[-1]}")
    import exchange_calendars as xcals

    timing = import_ms("import exchange_calendars as x; x.get_calendar('XSHG')")
    print(f"exchange_calendars {xcals.__version__}: import + XSHG {timing}")
    default = xcals.get_calendar("XSHG")
    print(f"  default calendar: {default.first_session.date()}..{default.last_session.date()}")
    try:
        xcals.get_calendar("XSHG", start="1991-01-01", end=f"{date.today().year + 1}-12-31")
    except ValueError as exc:
        print(f"  next year: {exc}")
    full = xcals.get_calendar("XSHG", start="1991-01-01", end=str(default.last_session.date()))
    compare("XSHG", {d.date() for d in full.sessions}, truth, (truth[0], truth[-1]))

    import chinese_calendar as cc

    print(f"chinese_calendar: import {import_ms('import chinese_calendar')}")
    days, day, first_year = set(), date(truth[0].year, 1, 1), None
    while day <= truth[-1]:
        try:
            if day.weekday() < 5 and not cc.is_holiday(day):
                days.add(day)
                first_year = first_year or day.year
        except NotImplementedError:
            pass
        day += timedelta(days=1)
    print(f"  covers {first_year}.. (raises NotImplementedError before)")
    compare("chinese_calendar", days, truth, (date(first_year or 2004, 1, 1), truth[-1]))


if __name__ == "__main__":
    main()
