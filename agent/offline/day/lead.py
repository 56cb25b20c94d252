"""The first sentence of a day's answer when the day asked has no figures of its own.

A weekend or holiday, a day the local data does not reach yet, a session still trading: said
first, in the words the user used ("今天（2026年11月29日，周日）不是交易日"), never in a footnote.
"""

from __future__ import annotations

from datetime import date

from agent.wording import Lang, fmt_date, fmt_weekday


def _zh(lang: Lang) -> bool:
    return lang != "en"


_WORD_EN = {
    "今天": "today",
    "今日": "today",
    "昨天": "yesterday",
    "昨日": "yesterday",
    "前天": "the day before yesterday",
}


def _named(word: str, day: date, lang: Lang, starts_sentence: bool = True) -> str:
    if not word:  # a date given as a date
        return (
            f"{fmt_date(day)}（{fmt_weekday(day)}）" if _zh(lang) else f"{fmt_weekday(day, lang)} {fmt_date(day, lang)}"
        )
    if _zh(lang):
        return f"{word}（{fmt_date(day)}，{fmt_weekday(day)}）"
    word = _WORD_EN.get(word, word)
    if starts_sentence:
        word = f"{word[:1].upper()}{word[1:]}"
    return f"{word} ({fmt_weekday(day, lang)} {fmt_date(day, lang)})"


def closed_day_lead(
    word: str, asked: date, session: date, holiday: str | None, lang: Lang, figures_follow: bool = True
) -> str:
    """ "昨天（2026年11月29日，周日）不是交易日，A股不交易；以下是此前最近的交易日2026年11月27日的数据。"
    Without figures following ("今天" on a Sunday, a holiday's date: the session before is another day, pointed to,
    not answered for): "……没有成交额。此前最近的交易日是2026年11月27日，可以问……"."""
    if _zh(lang):
        why = f"是{holiday}休市日" if holiday else "不是交易日"
        if figures_follow:
            return f"{_named(word, asked, lang)}{why}，A股不交易；以下是此前最近的交易日{fmt_date(session)}的数据。"
        return (
            f"{_named(word, asked, lang)}{why}，A股不交易，没有成交额。此前最近的交易日是{fmt_date(session)}，"
            f"可以问“{fmt_date(session)}成交额多少”。"
        )
    why = f"was a market holiday ({holiday})" if holiday else "was not a trading day"
    if figures_follow:
        return f"{_named(word, asked, lang)} {why}; below is the latest earlier session, {fmt_date(session, lang)}."
    return (
        f"{_named(word, asked, lang)} {why}: no trading, so no turnover. The latest earlier session was "
        f'{fmt_date(session, lang)}; ask "turnover on {session}".'
    )


def no_data_yet_lead(word: str, asked: date, latest: date, lang: Lang, figures_follow: bool) -> str:
    """ "本地数据截至2026年7月31日，还没有今天（…）的成交额。" and what follows."""
    if _zh(lang):
        tail = "以下是最新交易日的数据。" if figures_follow else f"可以问{fmt_date(latest)}及以前的任何交易日。"
        return (
            f"本地数据截至{fmt_date(latest)}，还没有{_named(word, asked, lang)}的成交额（离线模式不联网获取）。{tail}"
        )
    tail = (
        "Below is the latest session with data."
        if figures_follow
        else f"You can ask about any session up to {fmt_date(latest, lang)}."
    )
    named = _named(word, asked, lang, starts_sentence=False)
    return (
        f"The local data ends on {fmt_date(latest, lang)}: there is no figure for {named} yet "
        f"(offline mode does not fetch). {tail}"
    )


def not_closed_lead(word: str, asked: date, session: date, lang: Lang) -> str:
    if _zh(lang):
        return (
            f"{_named(word, asked, lang)}尚未收盘，全天成交额15:00后才有，我这里也没有盘中实时数据；"
            f"以下是上个交易日{fmt_date(session)}的数据。"
        )
    named = _named(word, asked, lang)
    return (
        f"{named} has not closed yet (15:00) and I have no intraday data for it; below is the previous session, "
        f"{fmt_date(session, lang)}."
    )
