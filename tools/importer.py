"""``marketbot data import``: bring any kind of data the bot keeps in from a CSV file.

Offline deployments, other vendors and the tests all use this one path, so a
row that arrives by import is checked exactly like one that arrives live.
Each kind of data is an :class:`ImportKind`: the columns it needs, how one row
is read (``ValueError`` with a reason rejects the row), the key that makes two
rows the same, and how rows are written to its store. The generic part here
reads the file, checks the header, reports every bad row with its line number
and skips it (the good rows still land), and drops repeats within the file.

Writes are idempotent: a row equal to the stored one counts as unchanged; a
row that disagrees with a stored one is reported and skipped unless
``replace`` is set. Imported rows carry the source ``import:<file name>``.
"""

from __future__ import annotations

import csv
import importlib
import json
import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

MAX_PROBLEMS_SHOWN = 50
MAX_FILE_BYTES = 512 * 1024 * 1024  # a guard against pointing the importer at the wrong file

# kind name -> "module:attribute" of its ImportKind; imported only when used.
KINDS: dict[str, str] = {
    "daily": "tools.daily.importer:DAILY_KIND",
    "boards": "tools.boards.importer:BOARDS_KIND",
    "intraday": "tools.intraday.importer:INTRADAY_KIND",
    "industries": "tools.industries.importer:INDUSTRIES_KIND",
}


class ImportFileError(ValueError):
    """The file as a whole can't be imported (missing, not CSV text, header without the needed columns)."""

    exit_code = 2


@dataclass(frozen=True)
class RowProblem:
    line: int  # 1-based line number in the file (the header is line 1)
    message: str


@dataclass
class ImportReport:
    """What one import did; counts are rows."""

    kind: str
    file: str
    source: str
    read: int = 0
    written: int = 0  # new rows
    replaced: int = 0  # stored rows overwritten (only with replace)
    unchanged: int = 0  # equal to the stored row already
    duplicates: int = 0  # the same row again later in the file
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(RowProblem(line, message))

    def to_json(self) -> str:
        body = {
            "kind": self.kind,
            "file": self.file,
            "source": self.source,
            "read": self.read,
            "written": self.written,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
        }
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class ParsedRow:
    line: int
    row: Any


@dataclass(frozen=True)
class ImportKind:
    """One kind of data the importer knows.

    ``write(settings, rows, source, replace, report)`` stores the parsed rows
    (in file order, already free of in-file repeats), compares each with what is
    stored, updates ``report`` counts and adds a problem per conflicting row.
    """

    name: str
    columns: tuple[str, ...]  # required header columns, lower case
    optional: tuple[str, ...]
    example: str  # one example data line, for the error message about a bad header
    parse_row: Callable[[dict[str, str]], Any]
    key: Callable[[Any], Hashable]
    write: Callable[[Any, list[ParsedRow], str, bool, ImportReport], None]


def kind_names() -> list[str]:
    return sorted(KINDS)


def load_kind(name: str) -> ImportKind:
    target = KINDS.get(name)
    if target is None:
        raise ImportFileError(f"unknown kind {name!r}; known kinds: {', '.join(kind_names())}")
    module, attribute = target.split(":")
    kind: ImportKind = getattr(importlib.import_module(module), attribute)
    return kind


# --- field parsers shared by the kinds ----------------------------------------------------------


def parse_day(text: str, column: str = "date") -> date:
    value = (text or "").strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a date (YYYY-MM-DD)") from None


def parse_amount(text: str, column: str, *, allow_zero: bool = False) -> float:
    """A finite amount in 元; positive (or zero when ``allow_zero``)."""
    value = (text or "").strip().replace(",", "")
    if not value:
        raise ValueError(f"{column} is empty")
    try:
        amount = float(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None
    if not math.isfinite(amount):
        raise ValueError(f"{column} {value!r} is not a finite number")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValueError(f"{column} must be {'zero or more' if allow_zero else 'positive'}, got {value}")
    return amount


def same_amount(a: float, b: float) -> bool:
    """Equal to within half a 元 (CSV round trips lose the fractions of a 元 at most)."""
    return abs(a - b) < 0.5


def is_live_source(source: str) -> bool:
    return not source.startswith(("snapshot:", "import:"))


def admit(
    report: ImportReport,
    line: int,
    *,
    stored: tuple[str, str] | None,
    same: bool,
    replace: bool,
    what: str,
    earlier: str = "an earlier import",
) -> bool:
    """Count one parsed row against its stored version; True when it is to be written.

    ``stored`` is (source, the stored amounts in words) or None for a new row; a row stored with other amounts
    is a problem on ``line`` unless ``replace``. ``earlier`` names where a non-live stored row came from.
    """
    if stored is None:
        report.written += 1
        return True
    if same:
        report.unchanged += 1
        return False
    old_source, stored_as = stored
    if not replace:
        origin = "a live source" if is_live_source(old_source) else earlier
        report.problem(
            line, f"{what} is stored from {origin} ({old_source}) as {stored_as}; skipped (use --replace to overwrite)"
        )
        return False
    report.replaced += 1
    return True


# --- the generic part ------------------------------------------------------------------------


def _rows(path: Path) -> tuple[list[str], Iterable[tuple[int, dict[str, str]]]]:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if not path.is_file():
        raise ImportFileError(f"{path}: not a file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportFileError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB; split it")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise ImportFileError(f"{path}: empty file")
    names = [h.strip().lower() for h in header]

    def records() -> Iterable[tuple[int, dict[str, str]]]:
        for number, values in enumerate(reader, start=2):
            if not values or all(not v.strip() for v in values):
                continue
            yield number, dict(zip(names, values, strict=False)) | {"__width__": str(len(values))}

    return names, records()


def import_file(path: Path, kind: ImportKind, settings: Any, *, replace: bool = False) -> ImportReport:
    """Read, validate and store one CSV file of ``kind``; bad rows are reported and skipped."""
    path = Path(path)
    names, records = _rows(path)
    missing = [c for c in kind.columns if c not in names]
    if missing:
        wanted = ",".join(kind.columns + kind.optional)
        raise ImportFileError(
            f"{path.name}: the header lacks {', '.join(missing)}; a {kind.name} file starts with "
            f"'{wanted}' (e.g. {kind.example})"
        )
    report = ImportReport(kind=kind.name, file=path.name, source=f"import:{path.name}")
    seen: dict[Hashable, tuple[int, Any]] = {}
    parsed: list[ParsedRow] = []
    for number, record in records:
        report.read += 1
        width = int(record.pop("__width__"))
        if width != len(names):
            report.problem(number, f"{width} fields where the header has {len(names)}")
            continue
        try:
            row = kind.parse_row(record)
        except ValueError as exc:
            report.problem(number, str(exc))
            continue
        key = kind.key(row)
        if key in seen:
            first_line, first_row = seen[key]
            if first_row == row:
                report.duplicates += 1
            else:
                report.problem(number, f"repeats line {first_line} with different values; skipped")
            continue
        seen[key] = (number, row)
        parsed.append(ParsedRow(number, row))
    if parsed:
        kind.write(settings, parsed, report.source, replace, report)
    report.problems.sort(key=lambda p: p.line)
    return report


def describe(report: ImportReport, lang: str = "zh") -> str:
    """The report as a few lines of text for the CLI."""
    if lang == "en":
        lines = [
            f"{report.file} ({report.kind}): {report.read} rows read, {report.written} new, "
            f"{report.replaced} replaced, {report.unchanged} unchanged, {report.duplicates} repeated, "
            f"{report.skipped} skipped"
        ]
        label = "line"
    else:
        lines = [
            f"{report.file}（{report.kind}）：读取 {report.read} 行，新增 {report.written}，替换 {report.replaced}，"
            f"未变 {report.unchanged}，文件内重复 {report.duplicates}，跳过 {report.skipped}"
        ]
        label = "第{}行"
    for p in report.problems[:MAX_PROBLEMS_SHOWN]:
        lines.append(f"  {label} {p.line}: {p.message}" if lang == "en" else f"  {label.format(p.line)}：{p.message}")
    hidden = len(report.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(f"  … {hidden} more" if lang == "en" else f"  … 另有 {hidden} 行")
    return "\n".join(lines)
