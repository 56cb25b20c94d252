"""Answer -> HTML chunks: escaping, links, splitting within Telegram's limits, captions."""

from __future__ import annotations

from datetime import datetime

from agent.answer import Answer, SourceRef
from bot.formatting import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    caption,
    plain_text,
    render_answer,
    render_text,
    tg_len,
)
from tests.bot.fake_botapi_html import parse_html


def visible(html: str) -> str:
    """The text Telegram shows (and counts against its limits)."""
    return parse_html(html)[0]


def test_special_characters_escaped_and_sources_are_links() -> None:
    answer = Answer(
        text="*ST康美 <跌停> & PE<10 [1]",
        lang="en",
        sources=[
            SourceRef(
                n=1,
                title="A&B <news>",
                url="https://x.com/?a=1&b=2",
                source="wire",
                published_at=datetime(2025, 10, 9, 15, 0),
            ),
            SourceRef(n=2, title="no link", url="javascript:alert(1)"),
        ],
    )
    (chunk,) = render_answer(answer)
    assert "*ST康美 &lt;跌停&gt; &amp; PE&lt;10 [1]" in chunk.html
    assert '[1] <a href="https://x.com/?a=1&amp;b=2">A&amp;B &lt;news&gt;</a> · wire · 2025-10-09' in chunk.html
    assert "javascript" not in chunk.html and "[2] no link" in chunk.html
    assert "<b>Sources</b>" in chunk.html
    plain, _ = parse_html(chunk.html)  # what Telegram would show: the original text
    assert plain.startswith("*ST康美 <跌停> & PE<10 [1]")
    assert chunk.plain.startswith("*ST康美 <跌停> & PE<10 [1]") and "https://x.com/?a=1&b=2" in chunk.plain


def test_long_text_splits_on_paragraphs_then_lines_then_hard() -> None:
    paragraphs = ["段落" * 1500, "第二段" * 1000, "x" * 100]
    chunks = render_answer(Answer(text="\n\n".join(paragraphs)))
    assert all(tg_len(visible(c.html)) <= TEXT_LIMIT for c in chunks)
    assert [c.plain for c in chunks] == [paragraphs[0], paragraphs[1] + "\n\n" + paragraphs[2]]

    lines = "\n".join(f"第{i}行 " + "字" * 300 for i in range(30))  # one paragraph, many lines
    chunks = render_answer(Answer(text=lines))
    assert len(chunks) > 1 and all(tg_len(visible(c.html)) <= TEXT_LIMIT for c in chunks)
    assert "\n".join(c.plain for c in chunks) == lines
    assert all(c.plain.startswith("第") for c in chunks)  # every chunk starts at a line

    hard = "<" * 5000  # escapes to 4 characters each; Telegram counts the parsed text, so 2 messages, not 5
    chunks = render_text(hard)
    assert len(chunks) == 2 and "".join(c.plain for c in chunks) == hard
    for chunk in chunks:
        assert parse_html(chunk.html)[0] == chunk.plain  # never an entity cut in half
        assert tg_len(chunk.plain) <= TEXT_LIMIT


def test_astral_characters_count_as_two_units() -> None:
    chunks = render_text("📈" * 3000)
    assert len(chunks) == 2 and all(tg_len(visible(c.html)) <= TEXT_LIMIT for c in chunks)


def test_caption_fits_1024_and_plain_text_has_no_markup() -> None:
    cap = caption("成交额 <" * 300)
    assert tg_len(visible(cap.html)) == CAPTION_LIMIT and cap.html.endswith("…") and "&lt;" in cap.html
    assert parse_html(cap.html)[0] == cap.plain
    assert caption("short & sweet").html == "short &amp; sweet"
    text = plain_text(Answer(text="a <b>", sources=[SourceRef(n=1, title="t", url="https://e.com")]))
    assert text == "a <b>\n\n来源\n[1] t\nhttps://e.com"


def test_empty_answer_still_sends_something() -> None:
    assert render_answer(Answer(text="  \n\n "))[0].plain == "…"
