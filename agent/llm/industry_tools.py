"""The agent's industry, index and breadth tools: thin functions over tools.industries and MarketData.

Each returns compact JSON (the layer's own models) or an explicit ``no_data`` result, never an invented figure;
``build_tools`` wraps them in the same guard as the other tools (errors and no_data become results the model
reads). Schemas and descriptions: agent/llm/industry_schemas.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from agent.context import AgentContext
from agent.llm.industry_schemas import (
    MAX_INDUSTRY_TOP,
    MAX_SHARE_SESSIONS,
    BreadthArgs,
    IndexMoveArgs,
    IndustryShareArgs,
    IndustrySplitArgs,
)
from tools.daily.models import TurnoverReport

MAX_POINTS = 31  # a year of daily points would not fit one result: thinned to about this many, the last kept
LEADERS = 3


def _json(body: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in body.items() if v is not None}, ensure_ascii=False, separators=(",", ":"))


def _no_data(message: str) -> str:
    return json.dumps({"status": "no_data", "message": message}, ensure_ascii=False)


def _check(value: int, low: int, high: int, name: str) -> None:
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")


def direction(report: TurnoverReport) -> dict[str, str | None]:
    """Price and volume read together: up/down/mixed, 放量/缩量, and the label a why answer leads with."""
    moves = [p for p in (report.sh_change_pct, report.sz_change_pct) if p is not None]
    price = None
    if moves:
        price = "up" if all(p > 0 for p in moves) else "down" if all(p < 0 for p in moves) else "mixed"
    volume = None
    if report.change_yi:
        volume = "up" if report.change_yi > 0 else "down"
    label = None
    if price is not None and volume is not None:
        word = {"up": "放量", "down": "缩量"}[volume]
        label = f"{word}、指数涨跌不一" if price == "mixed" else word + {"up": "上涨", "down": "下跌"}[price]
    return {"price": price, "volume": volume, "label": label}


def build_industry_tools(ctx: AgentContext, parse_day: Callable[..., Any]) -> list[tuple[Callable[..., str], type]]:
    """(function, args schema) pairs for build_tools; ``parse_day`` is its date parser (ValueError on bad text)."""
    market = ctx.market

    def industries() -> Any:
        from tools.industries.service import IndustryData

        return IndustryData(market)

    def industry_split(date: str | None = None, top: int = 5) -> str:
        _check(top, 1, MAX_INDUSTRY_TOP, "top")
        return str(industries().day(parse_day(date), top_n=top).to_json())

    def industry_share(name: str, date: str | None = None, sessions: int | None = None) -> str:
        if not name or not name.strip():
            raise ValueError("name must not be empty")
        data = industries()
        day = parse_day(date)
        if sessions is not None:
            _check(sessions, 1, MAX_SHARE_SESSIONS, "sessions")
            report = data.share_over(name.strip(), sessions, day)
            step = max(1, -(-report.sessions // MAX_POINTS))
            points = report.points[::step]
            if points and points[-1] != report.points[-1]:
                points.append(report.points[-1])
            body = report.model_dump(mode="json", exclude_none=True) | {"status": "ok"}
            body["points"] = [p.model_dump(mode="json") for p in points]
            body["points_note"] = f"every {step} sessions and the last" if step > 1 else None
            return _json(body)
        theme = data.find_theme(name)
        if theme is None and data.find_industry(name) is None:
            themes = ", ".join(t.name for t in data.themes())
            raise ValueError(f"{name!r} is neither a THS industry nor a theme; themes: {themes}")
        split = data.day(day, top_n=90)
        common = {
            "status": "ok",
            "unit": "亿元",
            "date": split.date.isoformat(),
            "prev_date": split.prev_date.isoformat() if split.prev_date else None,
            "date_note": split.date_note,
            "industries_total_yi": split.total_yi,
            "freshness_note": split.freshness_note,
            "partition_note": split.partition_note,
        }
        if theme is not None:
            found = next(t for t in split.themes if t.theme == theme.name)
            return _json(common | {"theme": found.model_dump(mode="json", exclude_none=True)})
        history = data.history(name.strip(), split.date)
        move = next((m for m in split.top if m.name == history.name), None)
        return _json(
            common
            | {
                "industry": move.model_dump(mode="json", exclude_none=True) if move else None,
                "history": history.model_dump(mode="json", exclude_none=True),
            }
        )

    def index_move(date: str | None = None) -> str:
        report = market.turnover(parse_day(date))
        if report.sh_close is None and report.sz_close is None:
            return _no_data(f"no index close stored for {report.date} (turnover {report.total_yi} 亿元 is stored)")
        return _json(
            {
                "status": "ok",
                "date": report.date.isoformat(),
                "date_note": report.date_note,
                "sh_index": "上证指数",
                "sh_close": report.sh_close,
                "sh_change_pct": report.sh_change_pct,
                "sz_index": report.sz_index_name,
                "sz_close": report.sz_close,
                "sz_change_pct": report.sz_change_pct,
                "unit": "亿元",
                "total_yi": report.total_yi,
                "prev_date": report.prev_date.isoformat() if report.prev_date else None,
                "change_yi": report.change_yi,
                "change_pct": report.change_pct,
                "direction": direction(report),
                "freshness_note": report.freshness_note,
            }
        )

    def market_breadth(date: str | None = None) -> str:
        split = industries().day(parse_day(date), top_n=90)
        breadth = split.breadth
        if breadth is None or breadth.up is None:
            return _no_data(f"no 上涨/下跌家数 stored for {split.date}")
        moved = sorted((m for m in split.top if m.index_change_pct is not None), key=lambda m: m.index_change_pct or 0)

        def brief(moves: list[Any]) -> list[dict[str, Any]]:
            return [{"name": m.name, "index_change_pct": m.index_change_pct, "up_count": m.up_count} for m in moves]

        return _json(
            {
                "status": "ok",
                "date": split.date.isoformat(),
                "date_note": split.date_note,
                "up": breadth.up,
                "down": breadth.down,
                "down_note": None if breadth.down is not None else "下跌家数 not in the source for this day",
                "stocks": breadth.stocks,
                "up_share_pct": round(breadth.up / breadth.stocks * 100, 1) if breadth.stocks else None,
                "leading": brief(moved[::-1][:LEADERS]),
                "lagging": brief(moved[:LEADERS]),
                "source": "THS industries (上涨家数 summed over the 90 industries)",
                "freshness_note": split.freshness_note,
            }
        )

    specs: list[tuple[Callable[..., str], type[BaseModel]]] = [
        (industry_split, IndustrySplitArgs),
        (industry_share, IndustryShareArgs),
        (index_move, IndexMoveArgs),
        (market_breadth, BreadthArgs),
    ]
    return specs
