"""Where the blind sets' reference scripts read their data: one small adapter, stdlib only.

The references compute every expected figure straight from CSV rows (never through the bot's own code), so
they need three kinds of rows: the daily 两市成交额 (always bundled: tools/data/turnover_snapshot.csv.gz),
index closes (上证 sh000001, 深成指 sz399001) and THS industry days. The last two are not bundled yet:
``bundled()`` returns them as None, and every figure that needs them is skipped (the reference raises
``MissingData``). Another engineer is bundling index closes and industries into tools/data/; when those
files land, point ``INDEX_FILES`` / ``INDUSTRY_FILE`` at them (the readers below take the same columns as
the shared CSVs: ``date,close,pctChg`` and ``date,industry,turnover_yuan,up_count,total_count,
return_1d_pct``) and the skipped figures start being checked, with no change to the references.

``with_shared(DIR)`` reads those two from a checkout of the team's shared data instead (../shared/data),
for the benchmark on a developer machine; tests never use it.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SNAPSHOT = REPO / "tools" / "data" / "turnover_snapshot.csv.gz"
# Bundled package files for index closes / industries, relative to tools/data/ (None: not bundled yet).
INDEX_FILES: dict[str, str] | None = None  # e.g. {"sh": "index_sh000001.csv.gz", "sz": "index_sz399001.csv.gz"}
INDUSTRY_FILE: str | None = None  # e.g. "ths_industry_daily.csv.gz"
# The same kinds in the team's shared data folder (see with_shared).
SHARED_INDEX = {"sh": "index/sh000001_daily_baostock.csv", "sz": "index/sz399001_daily_baostock.csv"}
SHARED_INDUSTRY = "boards/ths_industry_daily_2025-07-25_2026-08-21.csv"


class MissingData(LookupError):
    """A figure needs rows the data source does not have (it is skipped, not guessed)."""


@dataclass(frozen=True)
class IndexDay:
    close: float
    pct: float


@dataclass(frozen=True)
class IndustryDay:
    turnover: float
    up: int
    n: int
    ret: float


@dataclass
class BlindData:
    """Rows for a reference script: turnover always; index and industries when the source has them."""

    turnover: list[tuple[str, float, float]]  # (date, sh_yuan, sz_yuan) in date order
    index: dict[str, dict[str, IndexDay]] | None = None  # "sh"/"sz" -> date -> close, pct
    industries: dict[str, dict[str, IndustryDay]] | None = None  # date -> industry -> row
    label: str = ""


def _open_text(path: Path):  # noqa: ANN202 - a text stream
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def read_turnover(path: Path = SNAPSHOT) -> list[tuple[str, float, float]]:
    with _open_text(path) as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [(r["date"], float(r["sh_yuan"]), float(r["sz_yuan"])) for r in rows]


def read_index(path: Path) -> dict[str, IndexDay]:
    with _open_text(path) as f:
        return {
            r["date"]: IndexDay(float(r["close"]), float(r["pctChg"]))
            for r in csv.DictReader(f)
            if r["close"] and r["pctChg"]
        }


def read_industries(path: Path, last_day: str | None = None) -> dict[str, dict[str, IndustryDay]]:
    out: dict[str, dict[str, IndustryDay]] = {}
    with _open_text(path) as f:
        for r in csv.DictReader(f):
            if last_day and r["date"] > last_day:
                continue
            out.setdefault(r["date"], {})[r["industry"]] = IndustryDay(
                float(r["turnover_yuan"]), int(r["up_count"]), int(r["total_count"]), float(r["return_1d_pct"])
            )
    return out


def bundled() -> BlindData:
    """What the repository ships: the tests' source."""
    data_dir = SNAPSHOT.parent
    index = {k: read_index(data_dir / name) for k, name in INDEX_FILES.items()} if INDEX_FILES else None
    industries = read_industries(data_dir / INDUSTRY_FILE) if INDUSTRY_FILE else None
    return BlindData(read_turnover(), index, industries, label="bundled")


def with_shared(shared_data: Path, industry_last_day: str | None = None) -> BlindData:
    """The bundled turnover plus index closes and industries from the shared data folder (benchmark only)."""
    base = bundled()
    index = base.index or {k: read_index(shared_data / p) for k, p in SHARED_INDEX.items()}
    industries = base.industries or read_industries(shared_data / SHARED_INDUSTRY, industry_last_day)
    return BlindData(base.turnover, index, industries, label=f"bundled + {shared_data}")
