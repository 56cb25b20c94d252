"""Telegram's HTML parse mode, as the fake Bot API server checks it (modelled on the behaviour of tdlib).

``parse_html(text)`` returns the plain text and its entities (offsets/lengths in UTF-16 code units, like
Telegram) or raises ``HtmlParseError`` whose message is Telegram's wording after "can't parse entities: ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_ALL_TAGS = set(_SIMPLE_TAGS) | {"a", "span", "tg-emoji"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,4}));")
_ATTR_NAME_RE = re.compile(r"[A-Za-z0-9_-]+")
_UNQUOTED_VALUE_RE = re.compile(r"[A-Za-z0-9.\-_:/?=&%#+@~]*")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; str() is Telegram's description of why."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    offset: int  # UTF-16 offset in the plain text where the entity starts
    attrs: dict[str, str] = field(default_factory=dict)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _parse_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse ``name=value`` pairs up to '>' starting at ``i``; return them and the index of '>'."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            return attrs, i
        name_match = _ATTR_NAME_RE.match(text, i)
        if not name_match:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        name = name_match.group().lower()
        i = name_match.end()
        while i < n and text[i].isspace():
            i += 1
        if i < n and text[i] != "=":  # valueless attribute, e.g. <blockquote expandable>
            attrs[name] = ""
            continue
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] in "'\"":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end < 0:
                raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            attrs[name] = _decode_entities(text[i + 1 : end])
            i = end + 1
        else:
            value_match = _UNQUOTED_VALUE_RE.match(text, i)
            assert value_match is not None
            attrs[name] = value_match.group()
            i = value_match.end()


def _decode_entities(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        hex_code, dec_code, name = match.groups()
        if name is not None:
            return _NAMED_ENTITIES.get(name.lower(), match.group())
        code = int(hex_code, 16) if hex_code else int(dec_code)
        return chr(code) if 0 < code <= 0x10FFFF else match.group()

    return _ENTITY_RE.sub(replace, value)


def _entity_for(open_tag: _Open, length: int) -> dict[str, Any] | None:
    base = {"offset": open_tag.offset, "length": length}
    tag, attrs = open_tag.tag, open_tag.attrs
    if "merged" in attrs:
        return None
    if tag == "a":
        href = attrs.get("href", "")
        if not href:
            return None
        if href.startswith("tg://user?id="):
            return {
                "type": "text_mention",
                **base,
                "user": {"id": int(href.split("=", 1)[1] or 0), "is_bot": False, "first_name": ""},
            }
        return {"type": "text_link", **base, "url": href}
    if tag == "span":
        return {"type": "spoiler", **base}
    if tag == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": attrs["emoji-id"]}
    if tag == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote", **base}
    entity: dict[str, Any] = {"type": _SIMPLE_TAGS[tag], **base}
    if tag == "pre" and attrs.get("language"):
        entity["language"] = attrs["language"]
    return entity


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of Telegram-HTML ``text``; raises ``HtmlParseError`` when Telegram would."""
    out: list[str] = []
    position = 0  # UTF-16 length of ``out``
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            match = _ENTITY_RE.match(text, i)
            decoded = _decode_entities(match.group()) if match else "&"
            if match and decoded != match.group():
                out.append(decoded)
                position += utf16_len(decoded)
                i = match.end()
                continue
            out.append("&")
            position += 1
            i += 1
            continue
        if char != "<":
            out.append(char)
            position += utf16_len(char)
            i += 1
            continue
        begin = i
        if i + 1 < n and text[i + 1] == "/":
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            i += 2
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            end_name = text[begin + 2 : i].lower()
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] != ">":
                raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            open_tag = stack.pop()
            if end_name and end_name != open_tag.tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{open_tag.tag}>", found "</{end_name}>"'
                )
            length = position - open_tag.offset
            entity = _entity_for(open_tag, length) if length > 0 else None
            if entity is not None:
                entities.append(entity)
            i += 1
            continue
        i += 1
        while i < n and not text[i].isspace() and text[i] not in ">":
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[begin + 1 : i].lower()
        if tag not in _ALL_TAGS:
            raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        attrs, i = _parse_attributes(text, i, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlParseError('Tag "span" must have class "tg-spoiler"')
        if tag == "tg-emoji" and not attrs.get("emoji-id"):
            raise HtmlParseError("Invalid custom emoji identifier specified")
        if tag == "code" and stack and stack[-1].tag == "pre":
            language = attrs.get("class", "")
            if language.startswith("language-"):  # becomes the pre's language, no code entity
                stack[-1].attrs["language"] = language[len("language-") :]
                attrs["merged"] = "1"
        stack.append(_Open(tag, position, attrs))
        i += 1
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return _strip("".join(out), entities)


def _strip(plain: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram trims surrounding whitespace; shift and clip the entities to match."""
    stripped = plain.strip()
    if not stripped:
        return "", []
    shift = utf16_len(plain[: len(plain) - len(plain.lstrip())])
    limit = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] - shift + entity["length"], limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept
