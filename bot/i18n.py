"""Fixed texts of the bot in Chinese and English: command descriptions and short replies."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# (command, zh description, en description), in the order shown in Telegram's menu.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("ask", "提问：成交额、行情与新闻", "Ask about turnover, the market and the news"),
    ("turnover", "两市成交额 [日期]", "Shanghai+Shenzhen turnover [date]"),
    ("chart", "成交额走势图 [天数|intraday]", "Turnover chart [days|intraday]"),
    ("sectors", "行业成交额：增减来自哪些行业 [日期]", "Industries: where the day's turnover change came from [date]"),
    ("news", "搜索新闻 <关键词>", "Search the news <query>"),
    ("summary", "今日收盘总结", "Today's closing summary"),
    ("subscribe", "订阅每日推送 [HH:MM]", "Subscribe to the daily push [HH:MM]"),
    ("unsubscribe", "取消每日推送", "Stop the daily push"),
    ("alerts", "成交额突破提醒 on|off [阈值]", "Turnover crossing alerts on|off [thresholds]"),
    ("lang", "切换语言 zh|en", "Switch language zh|en"),
    ("usage", "LLM 用量与费用估算", "LLM usage and estimated cost"),
    ("help", "使用说明", "How to use this bot"),
    ("start", "开始", "Start"),
)

_MESSAGES: dict[str, dict[Lang, str]] = {
    "start": {
        "zh": "你好！我回答关于沪深两市成交额的问题，并附上相关新闻来源。\n"
        "直接发问题即可，例如：今天两市成交额多少？比上个交易日多了多少？\n/help 查看全部命令。",
        "en": "Hello! I answer questions about Shanghai+Shenzhen turnover, with the news behind it.\n"
        "Just send a question, e.g. What was today's turnover and how does it compare with the previous session?\n"
        "/help lists all commands.",
    },
    "help": {
        "zh": "私聊：直接发送问题。\n群组：@我、回复我的消息，或使用 /ask 问题。\n\n{commands}",
        "en": "Private chat: just send a question.\n"
        "Groups: mention me, reply to my message, or use /ask question.\n\n{commands}",
    },
    "ask_usage": {"zh": "用法：/ask 你的问题", "en": "Usage: /ask your question"},
    "news_usage": {"zh": "用法：/news 关键词", "en": "Usage: /news keywords"},
    "bad_date": {
        "zh": "日期格式不对：{value}。请用 YYYY-MM-DD，例如 /turnover 2025-10-09",
        "en": "Unrecognised date: {value}. Use YYYY-MM-DD, e.g. /turnover 2025-10-09",
    },
    "bad_days": {
        "zh": "天数应为 {low} 到 {high} 之间的整数，例如 /chart 60",
        "en": "Days must be a whole number from {low} to {high}, e.g. /chart 60",
    },
    "bad_time": {
        "zh": "时间格式不对：{value}。请用 HH:MM（北京时间），例如 /subscribe 15:35",
        "en": "Unrecognised time: {value}. Use HH:MM (Beijing time), e.g. /subscribe 15:35",
    },
    "lang_usage": {"zh": "用法：/lang zh 或 /lang en", "en": "Usage: /lang zh or /lang en"},
    "lang_set": {"zh": "语言已切换为中文。", "en": "Language set to English."},
    "subscribed": {
        "zh": "已订阅：每个交易日 {time}（北京时间）推送收盘总结。/unsubscribe 取消。",
        "en": "Subscribed: the closing summary every trading day at {time} (Beijing time). /unsubscribe to stop.",
    },
    "unsubscribed": {"zh": "已取消每日推送。", "en": "Daily push cancelled."},
    "not_subscribed": {"zh": "本聊天没有订阅。", "en": "This chat has no subscription."},
    "admins_only": {
        "zh": "只有群管理员可以管理本群的订阅。",
        "en": "Only the chat's administrators can manage its subscription.",
    },
    "admins_only_lang": {
        "zh": "只有群管理员可以更改本群的语言。",
        "en": "Only the chat's administrators can change its language.",
    },
    "push_late": {
        "zh": "（本日报原定 {time} 推送，因故延迟送达。）",
        "en": "(This summary was due at {time} and is delivered late.)",
    },
    "too_long": {
        "zh": "问题太长了（{length} 字，上限 {limit} 字），请精简后再问。",
        "en": "That question is too long ({length} characters, limit {limit}). Please shorten it.",
    },
    "empty": {"zh": "请发送一个问题。", "en": "Please send a question."},
    "rate_limited": {
        "zh": "提问太频繁了，请 {seconds} 秒后再试。",
        "en": "Too many questions; please try again in {seconds} s.",
    },
    "busy": {
        "zh": "上一个问题还在处理中，请稍候。",
        "en": "Still working on your previous question; please wait.",
    },
    "not_allowed": {
        "zh": "抱歉，此机器人未对你开放。",
        "en": "Sorry, this bot is not open to you.",
    },
    "error": {
        "zh": "抱歉，处理时出错了，请稍后再试。",
        "en": "Sorry, something went wrong. Please try again later.",
    },
    "button_expired": {"zh": "这个按钮已过期", "en": "This button has expired"},
    "chart_button": {"zh": "📊 成交额图表", "en": "📊 Turnover chart"},
    "industry_chart_button": {"zh": "📊 行业变化图", "en": "📊 Change by industry"},
    "industry_chart_caption": {
        "zh": "{day} 各行业成交额较上一交易日变化（亿元，同花顺行业）",
        "en": "{day}: turnover change by industry on the previous session (亿元, THS industries)",
    },
    "bad_sectors_date": {
        "zh": "日期格式不对：{value}。请用 YYYY-MM-DD，例如 /sectors 2026-07-31",
        "en": "Unrecognised date: {value}. Use YYYY-MM-DD, e.g. /sectors 2026-07-31",
    },
    "chart_caption": {
        "zh": "沪深两市成交额，近 {days} 个交易日（亿元）",
        "en": "Shanghai+Shenzhen turnover, last {days} sessions (100 million yuan)",
    },
    "sources": {"zh": "来源", "en": "Sources"},
    "chart_intraday_caption": {
        "zh": "沪深两市盘中累计成交额，对比上个交易日与近5日均值（亿元）",
        "en": "Shanghai+Shenzhen cumulative turnover today vs the previous session and the 5-session mean (亿元)",
    },
    # --- crossing alerts (bot.alerts.handlers) ---
    "alerts_help": {
        "zh": "成交额突破提醒：交易时段内，两市累计成交额首次达到阈值时，本聊天收到一条快讯"
        "（时间、金额、较上个交易日同一时间的增减、全天预估），每个阈值每天一次。\n"
        "/alerts on [阈值…] — 开启，例如 /alerts on 1万亿 1.5万亿 2万亿\n"
        "/alerts off — 关闭\n"
        "/alerts thresholds 阈值… — 修改阈值（{low}–{high}，步长100亿，最多{limit}个；数字默认单位万亿）\n"
        "/alerts charts on|off — 快讯是否附盘中走势图\n"
        "群组中只有管理员可以修改。",
        "en": "Crossing alerts: during sessions, when the day's cumulative turnover first reaches a threshold, "
        "this chat gets one short flash (time, figure, change on the previous session at the same time, "
        "full-day estimate), once per threshold and day.\n"
        "/alerts on [thresholds…] — turn on, e.g. /alerts on 1T 1.5T 2T\n"
        "/alerts off — turn off\n"
        "/alerts thresholds t… — change thresholds ({low}–{high}, steps of 100亿, at most {limit}; "
        "bare numbers are trillion yuan)\n"
        "/alerts charts on|off — attach the intraday chart to flashes\n"
        "In groups only administrators can change these.",
    },
    "alerts_status": {
        "zh": "本聊天的突破提醒：{state}。阈值：{thresholds}。附图：{charts}。",
        "en": "Crossing alerts here: {state}. Thresholds: {thresholds}. Chart attached: {charts}.",
    },
    "alerts_state_on": {"zh": "已开启", "en": "on"},
    "alerts_state_off": {"zh": "未开启", "en": "off"},
    "alerts_yes": {"zh": "是", "en": "yes"},
    "alerts_no": {"zh": "否", "en": "no"},
    "alerts_enabled": {
        "zh": "已开启成交额突破提醒：{thresholds}。交易时段内首次突破时推送，每个阈值每天一次。/alerts off 关闭。",
        "en": "Crossing alerts on: {thresholds}. A flash when the day first reaches each, once a day. "
        "/alerts off to stop.",
    },
    "alerts_already_crossed": {
        "zh": "今天已经突破：{crossed}；这些今天不再提醒。",
        "en": "Already crossed today: {crossed}; those are not flashed again today.",
    },
    "alerts_disabled": {"zh": "已关闭成交额突破提醒。", "en": "Crossing alerts off."},
    "alerts_were_off": {"zh": "本聊天没有开启突破提醒。", "en": "Crossing alerts were not on here."},
    "alerts_thresholds_set": {
        "zh": "突破提醒阈值已改为：{thresholds}。{hint}",
        "en": "Alert thresholds set to: {thresholds}. {hint}",
    },
    "alerts_hint_enable": {"zh": "用 /alerts on 开启提醒。", "en": "Use /alerts on to turn alerts on."},
    "alerts_charts_set": {
        "zh": "突破快讯{what}附带盘中走势图。",
        "en": "Flashes will {what} the intraday chart.",
    },
    "alerts_charts_with": {"zh": "将", "en": "carry"},
    "alerts_charts_without": {"zh": "不再", "en": "no longer carry"},
    "alerts_admins_only": {
        "zh": "只有群管理员可以修改本群的突破提醒。",
        "en": "Only the chat's administrators can change its crossing alerts.",
    },
    "alerts_unavailable": {
        "zh": "本机器人没有盘中分钟数据，暂不提供突破提醒。",
        "en": "This bot has no intraday minute data, so crossing alerts are unavailable.",
    },
    "alerts_no_thresholds": {
        "zh": "请给出至少一个阈值，例如 /alerts thresholds 1万亿 1.5万亿",
        "en": "Give at least one threshold, e.g. /alerts thresholds 1T 1.5T",
    },
    "alerts_bad_threshold": {
        "zh": "看不懂的阈值：{value}。请写成 1.5万亿、15000亿 或 1.5（万亿元）。",
        "en": "Unrecognised threshold: {value}. Write 1.5T, 1.5万亿, 15000亿 or 1.5 (trillion yuan).",
    },
    "alerts_bad_step": {
        "zh": "阈值 {value} 须为100亿元的整数倍。",
        "en": "Threshold {value} must be a whole multiple of 100亿 (10 billion yuan).",
    },
    "alerts_out_of_range": {
        "zh": "阈值 {value} 超出范围：须在0.5万亿元到5万亿元之间。",
        "en": "Threshold {value} is out of range: it must be from 0.5 to 5 trillion yuan.",
    },
    "alerts_too_many": {"zh": "阈值最多{limit}个。", "en": "At most {limit} thresholds."},
}


def normalize_lang(value: str | None, default: Lang = "zh") -> Lang:
    """Map a Telegram language_code or user input ("zh-hans", "EN") to zh/en."""
    if not value:
        return default
    value = value.strip().lower()
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en"):
        return "en"
    return default


def t(lang: str, key: str, **values: object) -> str:
    text = _MESSAGES[key][normalize_lang(lang)]
    return text.format(**values) if values else text


def command_list(lang: str) -> str:
    return "\n".join(f"/{name} — {text}" for name, text in command_descriptions(lang))


def command_descriptions(lang: str) -> list[tuple[str, str]]:
    index = 1 if normalize_lang(lang) == "zh" else 2
    return [(row[0], row[index]) for row in COMMANDS]
