"""What a question sets aside: "除了汽车和芯片以外，还有哪些" asks for the rest; "他跟卢总一样…" asks
about him, not 卢总.

The words set aside are not keywords (they would find the very list the user
has seen), and the items they name are not answers.
"""

from __future__ import annotations

import re

from .glossary import chinese_keywords

# "除了汽车和芯片以外，", "除了雷军还有谁", "除芯片外还有什么".
_CHINESE = re.compile(
    r"(?<![排消删去免解拆剔])除了?\s*(?P<set>[^，,。？?]{1,24}?)\s*"
    r"(?:(?:以外|之外)\s*[，,]?|外?\s*[，,]|外?(?=还|其他|其它|另外|别的))"
)
# "他跟卢总一样也是清华毕业的吗": whom he is compared with is not whom the question asks about.
_COMPARED = re.compile(r"(?:跟|和|与|像)\s*(?P<set>[^，,。？?\s]{1,12}?)\s*一样\s*[，,]?")
_ENGLISH = re.compile(r"\b(?:besides|apart from|aside from|other than|except(?: for)?)\s+(?P<set>[^,?]{1,60}?)\s*,\s*",
                      re.IGNORECASE)
_JOINS = re.compile(r"\s*(?:、|，|,|和|与|及|以及|跟|还有|\band\b|\bor\b)\s*")


def split_exclusion(question: str) -> tuple[str, tuple[str, ...]]:
    """The question without its setting-aside clause, and the words it sets aside.

    English words are given in the Chinese the documents use ("chips" → 芯片).
    """
    m = _CHINESE.search(question)
    if m:
        words = tuple(w for w in _JOINS.split(m.group("set")) if w)
        return (question[: m.start()] + question[m.end():]).strip(), words
    m = _COMPARED.search(question)
    if m and m.start() > 0:
        return (question[: m.start()] + question[m.end():]).strip(), (m.group("set"),)
    m = _ENGLISH.search(question)
    if m:
        rest = (question[: m.start()] + question[m.end():]).strip()
        words = tuple(chinese_keywords(m.group("set"))) or tuple(w for w in _JOINS.split(m.group("set")) if w)
        return rest[:1].upper() + rest[1:], words
    return question, ()


def set_aside(item: str, words: tuple[str, ...]) -> bool:
    """Whether a list item is one of the things set aside ("游戏独显芯片D1" is a 芯片)."""
    return any(w.lower() in item.lower() for w in words)
