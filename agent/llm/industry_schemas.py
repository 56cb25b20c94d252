"""What the model is shown of the industry, index and breadth tools: argument schemas, descriptions with worked
examples, limits. The tools themselves are in agent/llm/industry_tools.py and check the same limits.

Tonghuashun's 90 industries partition the market (each stock in one), so a day's change splits into parts that
add up; concept boards (sector_turnover) overlap and never add up. The descriptions say which to use for what.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

MAX_INDUSTRY_TOP = 30
MAX_SHARE_SESSIONS = 250  # tools.industries.service.MAX_SESSIONS: about a year of sessions


class IndustrySplitArgs(BaseModel):
    date: str | None = Field(None, description="Trading day as YYYY-MM-DD; omit for the latest day with industry rows.")
    top: int = Field(
        5, description=f"Industries per list (largest increases, decreases, turnover), 1-{MAX_INDUSTRY_TOP}."
    )


class IndustryShareArgs(BaseModel):
    name: str = Field(
        description="A THS industry ('半导体', '软件开发', '证券', '白酒') or a theme ('AI', 'AI相关行业', and the "
        "other themes the tool lists when the name is unknown)."
    )
    date: str | None = Field(None, description="The day (or the last day of the period) as YYYY-MM-DD; omit: latest.")
    sessions: int | None = Field(
        None,
        description=f"Omit for one day; N (1-{MAX_SHARE_SESSIONS}) for the daily share over the N sessions ending at "
        "date: first/last/mean/max/min share and the change in percentage points (20 ≈ a month, 250 ≈ a year).",
    )


class IndexMoveArgs(BaseModel):
    date: str | None = Field(None, description="Trading day as YYYY-MM-DD; omit for the latest session with data.")


class BreadthArgs(BaseModel):
    date: str | None = Field(None, description="Trading day as YYYY-MM-DD; omit for the latest day with industry rows.")


INDUSTRY_TOOL_DESCRIPTIONS = {
    "industry_split": (
        "A day's turnover split by the 90 Tonghuashun (THS) industries against the previous session, amounts in 亿元 "
        "from unrounded 元. The industries partition the market, so the parts add up: change_yi = "
        "gross_increase_yi + gross_decrease_yi; increases (largest first) and decreases (largest first) with "
        "change_yi, share_of_change_pct (of the net change: on a down day the decreases carry the positive shares) "
        "and share_of_side_pct (of that side's sum: use it when |change_yi| is small against the gross moves); "
        "industries_up/down counts; top by turnover with share_of_turnover_pct; themes (AI ...) with amount, share "
        "and change; breadth (上涨家数; 下跌家数 absent in the bundled history); market_total_yi = 两市成交额 (the "
        "industries run 0.5-2% above it: the Beijing exchange). On a decrease, lead with the decreases. "
        "Examples: 今天为什么放量/哪些行业贡献了增量 -> {}; 2026年1月15日为什么缩量 -> {'date': '2026-01-15'} (lead "
        "with decreases); 哪些行业成交额减少最多 -> {'date': ..., 'top': 5}. no_data for a day without industry rows "
        "(say so in one line, never fill it from concept boards)."
    ),
    "industry_share": (
        "One THS industry's or theme's share of the market's turnover (of the 90 industries' total, %), amounts in "
        "亿元. One day (no sessions): amount_yi, share_of_turnover_pct, change_yi against the previous session, and "
        "for an industry its own record and percentile among stored sessions. A period (sessions N): daily points "
        "(date, amount_yi, share_pct), first/last/mean share, max_day/min_day, share_change_pts. Examples: "
        "AI相关行业占成交额多少 -> {'name': 'AI'}; 半导体成交额占比 -> {'name': '半导体', 'date': '2026-07-31'}; "
        "AI相关行业成交额占比最近一个月怎么变 -> {'name': 'AI', 'sessions': 20}; 过去一年 -> {'name': 'AI', "
        "'sessions': 250}. no_data when there are no industry rows; error (with the themes) for an unknown name."
    ),
    "index_move": (
        "上证指数 and the Shenzhen index (深证成指 in the bundled history, 深证综指 live) of a day: close (points), "
        "change_pct on the previous close, with the day's 两市成交额 (total_yi, change_yi, change_pct) and the "
        "direction read together: price up/down/mixed, volume up (放量)/down (缩量), label (放量上涨, 放量下跌, "
        "缩量上涨, 缩量下跌, 放量、指数涨跌不一 ...). Volume is read with price: 放量上涨 and 放量下跌 mean opposite "
        "things, so lead a why answer with label. Examples: 大盘涨了吗/上证指数收盘多少点 -> {}; 2026年7月31日沪指 "
        "涨了多少 -> {'date': '2026-07-31'}. For counts (放量下跌的日子今年有几天) use turnover_stats with "
        "index_move/volume_move. no_data when the day has no stored index close."
    ),
    "market_breadth": (
        "Breadth of a day: 上涨家数 (up), 下跌家数 (down, absent in the bundled history: never derive it), stocks "
        "counted, up_share_pct, summed over the THS industries, with the industries whose index rose and fell "
        "most that day (leading/lagging, index_change_pct). Examples: 今天多少只股票上涨/涨跌家数 -> {}; "
        "{'date': '2026-07-31'}. no_data for a day without industry rows."
    ),
}
