"""What /usage and ``marketbot usage`` show: today's and this month's LLM usage, its estimated cost, the top chats.

Everything is read from the usage store's sums, so the figures shown are the
recorded ones. The cost is an estimate from ``settings.llm_prices`` (per
million tokens); a model without a price is named, and its tokens are not
priced rather than priced at zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from agent.llm.budget import Period
from agent.llm.usage_store import ChatUsage, UsageStore, UsageTotals
from config import Settings

TOP_CHATS = 5


@dataclass(frozen=True)
class PeriodUsage:
    period: Period
    totals: UsageTotals
    cost: float | None  # None when no model used had a price
    unpriced: list[str] = field(default_factory=list)  # models used without a configured price
    top_chats: list[ChatUsage] = field(default_factory=list)  # everyone's report only
    limit: int = 0  # the budget that applies to this scope and period (0 = none)


@dataclass(frozen=True)
class UsageReport:
    user_id: int | None  # None: everyone's usage (admins, the CLI)
    day: PeriodUsage
    month: PeriodUsage
    currency: str


def _period_usage(store: UsageStore, settings: Settings, period: Period, user_id: int | None) -> PeriodUsage:
    totals = store.totals(period.start, period.end, user_id=user_id)
    cost, unpriced = None, []
    for row in store.by_model(period.start, period.end, user_id=user_id):
        price = settings.llm_prices.get(row.model)
        if price is None:
            unpriced.append(row.model)
            continue
        cost = (cost or 0.0) + (
            row.input_tokens * price.input_per_million + row.output_tokens * price.output_per_million
        ) / 1e6
    top = store.top_chats(period.start, period.end, TOP_CHATS) if user_id is None else []
    limit = 0
    if period.kind == settings.llm_budget_period:
        limit = settings.llm_budget_user_tokens if user_id is not None else settings.llm_budget_global_tokens
    return PeriodUsage(period, totals, cost, unpriced, top, limit)


def build_report(store: UsageStore, settings: Settings, today: date, user_id: int | None = None) -> UsageReport:
    """Today's and this month's usage: one user's, or everyone's with the top chats (``user_id=None``)."""
    return UsageReport(
        user_id=user_id,
        day=_period_usage(store, settings, Period.of(today, "day"), user_id),
        month=_period_usage(store, settings, Period.of(today, "month"), user_id),
        currency=settings.llm_price_currency,
    )


_WORDS = {
    "zh": {
        "title_all": "LLM 用量（全部）",
        "title_user": "你的 LLM 用量",
        "day": "今天",
        "month": "本月",
        "line": "{tokens:,} tokens（输入 {input:,}，输出 {output:,}），{calls} 次模型调用，{answers} 个回答",
        "cost": "估算费用：{cost:.4f} {currency}",
        "no_price": "未设价格：{models}",
        "budget": "额度：{used:,} / {limit:,} tokens",
        "top": "用量最多的对话：",
        "chat": "对话 {chat}：{tokens:,} tokens，{answers} 个回答",
        "cli": "命令行",
        "none": "还没有 LLM 用量。",
    },
    "en": {
        "title_all": "LLM usage (everyone)",
        "title_user": "Your LLM usage",
        "day": "Today",
        "month": "This month",
        "line": "{tokens:,} tokens (input {input:,}, output {output:,}), {calls} model calls, {answers} answers",
        "cost": "estimated cost: {cost:.4f} {currency}",
        "no_price": "no price set for: {models}",
        "budget": "budget: {used:,} / {limit:,} tokens",
        "top": "Top chats:",
        "chat": "chat {chat}: {tokens:,} tokens, {answers} answers",
        "cli": "command line",
        "none": "No LLM usage yet.",
    },
}


def _period_lines(usage: PeriodUsage, words: dict[str, str], currency: str) -> list[str]:
    totals = usage.totals
    label = words[usage.period.kind]
    span = usage.period.start.isoformat() if usage.period.kind == "day" else usage.period.start.strftime("%Y-%m")
    lines = [
        f"{label} ({span}): "
        + words["line"].format(
            tokens=totals.tokens,
            input=totals.input_tokens,
            output=totals.output_tokens,
            calls=totals.model_calls,
            answers=totals.answers,
        )
    ]
    details = []
    if usage.cost is not None:
        details.append(words["cost"].format(cost=usage.cost, currency=currency))
    if usage.unpriced:
        details.append(words["no_price"].format(models=", ".join(usage.unpriced)))
    if usage.limit:
        details.append(words["budget"].format(used=totals.tokens, limit=usage.limit))
    if details:
        lines.append("  " + "; ".join(details))
    return lines


def format_report(report: UsageReport, lang: str) -> str:
    words = _WORDS["en" if lang == "en" else "zh"]
    lines = [words["title_user" if report.user_id is not None else "title_all"]]
    if report.month.totals.answers == 0:
        return "\n".join([*lines, words["none"]])
    lines += _period_lines(report.day, words, report.currency)
    lines += _period_lines(report.month, words, report.currency)
    if report.month.top_chats:
        lines.append(words["top"])
        for chat in report.month.top_chats:
            name = str(chat.chat_id) if chat.chat_id is not None else words["cli"]
            lines.append("  " + words["chat"].format(chat=name, tokens=chat.tokens, answers=chat.answers))
    return "\n".join(lines)
