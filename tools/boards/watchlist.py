"""The watchlist of boards: Eastmoney BK codes, names, themes and aliases, read from data.

The bundled ``tools/data/boards_watchlist.json`` is the default;
``settings.boards_watchlist`` (a path to a file of the same shape) replaces it.
A board's code is its identity: a rename changes only its name here, and the
stored rows keep their code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

BUNDLED = "data/boards_watchlist.json"
Kind = Literal["industry", "concept"]


class WatchlistError(ValueError):
    """The watchlist file is missing or malformed."""

    exit_code = 2


@dataclass(frozen=True)
class Board:
    code: str
    name: str
    kind: Kind
    themes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    verified: str = ""


@dataclass(frozen=True)
class Theme:
    name: str
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class PendingBoard:
    """A board users ask about whose code is not known; never fetched."""

    name: str
    themes: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class Watchlist:
    boards: tuple[Board, ...]
    themes: dict[str, Theme] = field(default_factory=dict)
    pending: tuple[PendingBoard, ...] = ()

    def theme_codes(self, theme: str) -> list[str]:
        return [b.code for b in self.boards if theme in b.themes]

    def theme_names(self) -> list[str]:
        named = list(self.themes)
        return named + sorted({t for b in self.boards for t in b.themes} - set(named))


def _board(raw: dict[str, Any], where: str) -> Board:
    code, name, kind = str(raw.get("code") or "").strip().upper(), str(raw.get("name") or "").strip(), raw.get("kind")
    if not code.startswith("BK") or not code[2:].isdigit():
        raise WatchlistError(f"{where}: code {code!r} is not a board code like BK1036")
    if not name:
        raise WatchlistError(f"{where}: board {code} has no name")
    if kind not in ("industry", "concept"):
        raise WatchlistError(f"{where}: board {code} kind must be 'industry' or 'concept', got {kind!r}")
    return Board(
        code=code,
        name=name,
        kind=kind,
        themes=tuple(str(t) for t in raw.get("themes", [])),
        aliases=tuple(str(a) for a in raw.get("aliases", [])),
        verified=str(raw.get("verified", "")),
    )


def parse(doc: dict[str, Any], where: str = "watchlist") -> Watchlist:
    if not isinstance(doc, dict) or not isinstance(doc.get("boards"), list):
        raise WatchlistError(f"{where}: expected an object with a 'boards' list")
    boards = [_board(raw, f"{where} board {i + 1}") for i, raw in enumerate(doc["boards"])]
    codes = [b.code for b in boards]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise WatchlistError(f"{where}: board codes listed twice: {', '.join(repeated)}")
    themes = {
        str(name): Theme(name=str(name), aliases=tuple(raw.get("aliases", [])), note=str(raw.get("note", "")))
        for name, raw in (doc.get("themes") or {}).items()
    }
    pending = tuple(
        PendingBoard(name=str(p["name"]), themes=tuple(p.get("themes", [])), why=str(p.get("why", "")))
        for p in doc.get("pending", [])
    )
    return Watchlist(boards=tuple(boards), themes=themes, pending=pending)


@lru_cache(maxsize=8)
def _load(path: str | None, stamp: tuple[int, int] | None = None) -> Watchlist:  # stamp: the file's mtime and size
    if path is None:
        text = resources.files("tools").joinpath(BUNDLED).read_text(encoding="utf-8")
        return parse(json.loads(text), "bundled watchlist")
    file = Path(path)
    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise WatchlistError(f"boards watchlist {file}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise WatchlistError(f"boards watchlist {file}: not JSON ({exc.msg}, line {exc.lineno})") from None
    return parse(doc, str(file))


def load_watchlist(settings: Any = None) -> Watchlist:
    """The configured watchlist (settings.boards_watchlist) or the bundled one."""
    path = getattr(settings, "boards_watchlist", None) if settings is not None else None
    if not path:
        return _load(None)
    file = Path(path).expanduser()
    try:
        info = file.stat()
    except OSError:
        raise WatchlistError(f"boards watchlist {file}: no such file") from None
    return _load(str(file), (info.st_mtime_ns, info.st_size))
