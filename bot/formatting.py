"""Answer -> Telegram messages: escaped HTML chunks within 4096 characters, each with a plain twin.

Telegram counts its limits (4096 for text, 1024 for captions) on the text
*after* entity parsing, i.e. what the user sees, so sizes here are measured on
the plain text (never shorter than the visible HTML text: a source line's
plain twin also spells out the URL), not on the escaped markup.

Every piece of text is escaped on its own before it is joined, so no tag or
entity ever spans a split point. A message is built from blocks (answer
paragraphs, the sources heading, one line per source); chunks break between
blocks first, then between lines, then anywhere. Each chunk also carries its
plain-text rendering, sent instead when Telegram rejects the HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import Any

from agent.answer import Answer, SourceRef
from bot.i18n import t

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
MIN_SPLIT = 64  # below this a "too long" from Telegram is not about our counting: not split further
# C0/C1 controls except tab and newline, DEL, and UTF-16 surrogates (a lone one cannot be encoded as UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text safe to store and send: control characters and lone surrogates dropped, CR/LF made LF.

    Applied once at each edge: to what users send before it is answered or stored, and to every
    chunk and caption the bot sends (bot.formatting's renderers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        # A surrogate *pair* left by a UTF-16 decoder is one character; a lone half is dropped.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").replace("\ufffd", "")
    return _UNSAFE.sub("", text)


@dataclass(frozen=True)
class _Block:
    html: str
    plain: str
    sep: str  # what joins this block to the previous one in the same chunk


@dataclass(frozen=True)
class Chunk:
    html: str
    plain: str
    markup: Any = None  # an InlineKeyboardMarkup to attach (e.g. the chart button)
    blocks: tuple[_Block, ...] = field(default=(), compare=False, repr=False)  # to re-split it smaller


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _is_web_url(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))  # type: ignore[union-attr]


def source_line(ref: SourceRef) -> tuple[str, str]:
    """(html, plain) of one numbered source: a link when the source has a web URL."""
    extras = [part for part in (ref.source, ref.published_at and ref.published_at.strftime("%Y-%m-%d")) if part]
    tail = f" · {' · '.join(extras)}" if extras else ""
    if _is_web_url(ref.url):
        link = f'<a href="{html.escape(ref.url or "", quote=True)}">{escape(ref.title)}</a>'
        plain = f"[{ref.n}] {ref.title}{tail}\n{ref.url}"
    else:
        link = escape(ref.title)
        plain = f"[{ref.n}] {ref.title}{tail}"
    return f"[{ref.n}] {link}{escape(tail)}", plain


def _answer_blocks(answer: Answer) -> list[_Block]:
    paragraphs = [p.strip() for p in clean_text(answer.text).split("\n\n") if p.strip()]
    blocks = [_Block(escape(p), p, "\n\n") for p in paragraphs]
    if answer.sources:
        heading = t(answer.lang, "sources")
        blocks.append(_Block(f"<b>{escape(heading)}</b>", heading, "\n\n"))
        for ref in sorted(answer.sources, key=lambda r: r.n):
            line_html, line_plain = source_line(ref.model_copy(update={"title": clean_text(ref.title)}))
            blocks.append(_Block(line_html, line_plain, "\n"))
    return blocks


def _hard_split(raw: str, limit: int) -> list[str]:
    """Split raw text into pieces of at most ``limit`` UTF-16 units (escaping adds nothing visible)."""
    pieces: list[str] = []
    start, size = 0, 0
    for index, char in enumerate(raw):
        width = tg_len(char)
        if size + width > limit and index > start:
            pieces.append(raw[start:index])
            start, size = index, 0
        size += width
    pieces.append(raw[start:])
    return pieces


def _fit(block: _Block, limit: int) -> list[_Block]:
    """One block, or its lines, or hard pieces of them, each within ``limit``."""
    if tg_len(block.plain) <= limit:
        return [block]
    lines = block.plain.split("\n")
    if len(lines) > 1 and block.html == escape(block.plain):
        out: list[_Block] = []
        for i, line in enumerate(lines):
            out += _fit(_Block(escape(line), line, block.sep if i == 0 else "\n"), limit)
        return out
    # A single overlong line (or a link line): plain pieces, escaped one by one.
    return [
        _Block(escape(piece), piece, block.sep if i == 0 else "")
        for i, piece in enumerate(_hard_split(block.plain, limit))
    ]


def pack(blocks: list[_Block], limit: int = TEXT_LIMIT) -> list[Chunk]:
    chunks: list[Chunk] = []
    members: list[_Block] = []
    size = 0

    def close() -> None:
        first = replace(members[0], sep="")
        html_text = first.html + "".join(b.sep + b.html for b in members[1:])
        plain = first.plain + "".join(b.sep + b.plain for b in members[1:])
        chunks.append(Chunk(html_text, plain, blocks=(first, *members[1:])))

    for block in (piece for b in blocks for piece in _fit(b, limit)):
        added = tg_len(block.plain) + (tg_len(block.sep) if members else 0)
        if members and size + added > limit:
            close()
            members, size = [], 0
            added = tg_len(block.plain)
        members.append(block)
        size += added
    if members:
        close()
    return chunks


def split_smaller(chunk: Chunk) -> list[Chunk]:
    """Telegram found a chunk too long (it counts differently, e.g. after entity expansion): the same
    text in pieces of about half its size, each with its HTML and plain twin, the markup on the last.
    [] when the chunk is too small for that to be the reason."""
    size = tg_len(chunk.plain)
    if size < 2 * MIN_SPLIT:
        return []
    blocks = list(chunk.blocks) or [_Block(escape(chunk.plain), chunk.plain, "")]
    pieces = pack(blocks, size // 2 + 1)
    pieces[-1] = replace(pieces[-1], markup=chunk.markup)
    return pieces


def render_answer(answer: Answer, limit: int = TEXT_LIMIT) -> list[Chunk]:
    """The answer as message chunks (HTML + plain twin), sources as numbered links."""
    chunks = pack(_answer_blocks(answer), limit)
    return chunks or [Chunk(escape("…"), "…")]


def render_text(text: str, limit: int = TEXT_LIMIT) -> list[Chunk]:
    """Plain text (a fixed message or a streamed draft) as escaped chunks."""
    paragraphs = [p for p in clean_text(text).split("\n\n") if p.strip()] or ["…"]
    return pack([_Block(escape(p), p, "\n\n") for p in paragraphs], limit)


def plain_text(answer: Answer) -> str:
    return "\n\n".join(chunk.plain for chunk in render_answer(answer, limit=1 << 30))


def caption(text: str, limit: int = CAPTION_LIMIT) -> Chunk:
    """A photo caption within ``limit``: escaped, cut on a character boundary with an ellipsis."""
    text = clean_text(text)
    if tg_len(text) <= limit:
        return Chunk(escape(text), text)
    head = _hard_split(text, limit - 1)[0]
    return Chunk(escape(head) + "…", head + "…")
