"""A message cut into the parts the pipeline answers one by one: at sentence ends, and at a comma that joins two
questions of which the second asks about an industry, or a single stock, the first does not name."""

from __future__ import annotations

import re

_CLAUSE_END = re.compile(r"(?<=[？?。！!；;\n])")
_ASKS = re.compile(r"多少|几|哪|吗|什么|如何|怎么|是否|有没有|[?？]|\b(?:what|which|how|did|was|is)\b", re.I)


def split_clauses(text: str) -> list[str]:
    parts = [p.strip() for p in _CLAUSE_END.split(text.strip())]
    return [p for p in parts if p.strip("？?。！!；; ")] or [text.strip()]


def own_subject_parts(text: str) -> list[str]:
    """ "十月九号哪个行业成交额最大，半导体那天涨了多少": two questions behind one comma, the second about an
    industry the first does not name, are two parts (each answered); other commas stay inside one part
    ("今天成交额多少，比昨天多多少" is one question about one day)."""
    from agent.offline.refusals.rules import names_stock
    from tools.industries.store import bundled_names

    for m in re.finditer(r"[，,]", text):
        left, right = text[: m.start()], text[m.end() :]
        if not (_ASKS.search(left) and _ASKS.search(right)):
            continue
        named = [n for n in bundled_names() if n in right]
        rest = re.sub("|".join(map(re.escape, named)) + r"|还是|或者|或|和|与|跟|、|\b(?:or|and|vs)\b|[\W_]", "", right)
        if named and len(rest) <= 1:  # "Which traded more yesterday, banks or brokers?": the choice of the question
            continue
        if named and not any(n in left for n in named):
            return [left.strip(), *own_subject_parts(right.strip())]
        # "今天半导体成交多少，其中中芯国际占了多少": the industry is answered, the stock declined by name
        if names_stock(right) and not names_stock(left) and any(n in left for n in bundled_names()):
            return [left.strip(), right.strip()]
    return [text]
