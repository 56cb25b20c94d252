"""The bundled THS industry rows (tools/data/ths_industries.csv.gz) read straight from the CSV, never through the
bot's store, so tests compute their expected figures independently of the code under test."""

from __future__ import annotations

import csv
import gzip
from datetime import date
from functools import cache
from importlib import resources


@cache
def rows_by_day() -> dict[date, dict[str, dict[str, str]]]:
    """day -> industry -> its CSV row, as text."""
    blob = resources.files("tools").joinpath("data/ths_industries.csv.gz").read_bytes()
    lines = [line for line in gzip.decompress(blob).decode("utf-8").splitlines() if not line.startswith("#")]
    by_day: dict[date, dict[str, dict[str, str]]] = {}
    for row in csv.DictReader(lines):
        by_day.setdefault(date.fromisoformat(row["date"]), {})[row["industry"]] = row
    return by_day


def amounts_by_day() -> dict[date, dict[str, float]]:
    """day -> industry -> its turnover in 元."""
    return {day: {n: float(r["amount_yuan"]) for n, r in rows.items()} for day, rows in rows_by_day().items()}


def industry_changes(day: date, prev: date) -> dict[str, float]:
    """Each industry's turnover on ``day`` less its turnover on ``prev``, in 元."""
    rows = rows_by_day()
    return {n: float(r["amount_yuan"]) - float(rows[prev][n]["amount_yuan"]) for n, r in rows[day].items()}
