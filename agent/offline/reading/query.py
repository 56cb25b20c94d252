"""What a question asks, typed: the middle step of question -> query -> tool result -> wording.

``agent.offline.reading.understand`` reads a question into one ``Query`` per part ("多少？比上个交易日多了多少？
为什么？" is one day query with the change and the why asked for); ``agent.offline.pipeline`` answers
each from the tools. A query names exactly what is asked, so the answer can never be about
something else: a refusal or "unclear" is a query kind too, not a fall-through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from agent.wording import Lang

if TYPE_CHECKING:
    from tools.stats.models import StatsQuery

QueryKind = Literal[
    "day",  # one session's figure (with the change, the why, a threshold check as asked)
    "pair",  # two days on the table: their figures and the difference (and why one is lower/higher)
    "stats",  # a statistic over a period (tools' StatsQuery)
    "news",  # news on a topic
    "refusal",  # a kind of question it does not answer (predictions, single stocks, ...)
    "help",
    "unclear",
    "invalid_date",  # a date that does not exist (2025-02-30)
    "sector",  # board (sector) turnover: agent.offline.sectors.handler
    "intraday",  # reserved for issue 9's handler (a time of day, the same time yesterday)
    "sector",  # reserved for issue 10's handler (board turnover)
]
Focus = Literal["sum", "mean", "median", "max", "min", "summary", "first_session", "last_session", "sessions"]


@dataclass
class Query:
    kind: QueryKind
    lang: Lang
    text: str  # the words of this part of the question
    # day / pair: the days asked about, in order of mention (pair: earlier, later after sorting)
    dates: list[date] = field(default_factory=list)
    # The relative words a day came from ("今天", "昨天", "上周五", "today"): an answer about a day
    # without data must say so in its first sentence, whatever kind of question it is.
    relative_word: str | None = None
    latest: bool = False  # no day named: the latest session with data
    want_change: bool = False
    want_why: bool = False
    threshold_yi: float | None = None
    direction: Literal["up", "down"] | None = None
    part: Literal["total", "sh", "sz"] = "total"
    # pair: explain the ``dates[0]`` side against the other ("为什么前一天比较少")
    explain_first: bool = False
    stats: StatsQuery | None = None
    focus: Focus = "summary"  # which figure of a summary was asked for
    refusal: str | None = None  # agent.offline.refusals.rules.RefusalKind
    topic: str | None = None
    invalid: str | None = None  # the text of an impossible date
    followup: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # for recognisers added later (intraday, sectors)

    @property
    def day(self) -> date | None:
        return self.dates[0] if self.dates else None
