"""Follow-up questions: resolve pronouns and elliptical questions from earlier turns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .question import PERSON, classify
from .spans import _tagged, find_spans

_CITATION = re.compile(r"\[\d+\]")
# Pronouns that stand for the person or thing the previous turn was about.
_PERSON_PRONOUN = re.compile(r"他们|她们|他|她|此人|这个人|这位|\b(?:he|she|him|his|her)\b", re.IGNORECASE)
_THING_PRONOUN = re.compile(r"该公司|这家公司|这个公司|该产品|这款|该|它|\b(?:it|its|the company)\b", re.IGNORECASE)
# "那小米手机3呢？", "小米手机3呢", "And 2015?", "What about the Mi 3?"
_ELLIPSIS = re.compile(
    r"^(?:那么?|那|还有|and|what about|how about)?\s*(?P<x>.+?)\s*(?:呢|的呢|怎么样|又如何)\s*[？?]?$"
    r"|^(?:and|what about|how about)\s+(?P<y>.+?)\s*[？?]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Turn:
    """One earlier exchange: what the user asked and what was answered."""

    question: str
    answer: str = ""


def _entities(text: str) -> list[str]:
    """Names in a text, most specific first: people, products, organisations, nouns."""
    found: list[str] = []
    for kind in ("person", "product", "organization"):
        found.extend(s.text for s in find_spans(text, kind))
    for _, _, word, flag in _tagged(text):
        if flag in ("nr", "nz", "nt", "ns", "n", "eng") and len(word) >= 2:
            found.append(word)
    return list(dict.fromkeys(found))


def _referent(previous_question: str, previous_answer: str, person: bool) -> str | None:
    answer = _CITATION.sub("", previous_answer)
    if person and classify(previous_question).type == PERSON:
        people = find_spans(answer, "person")
        if people:
            return people[0].text
    if person:
        people = find_spans(previous_question, "person")
        if people:
            return people[0].text
    names = _entities(previous_question)
    return names[0] if names else None


def _counterpart(previous: str, new: str) -> str | None:
    """The part of the previous question that `new` takes the place of."""

    def typed(kinds: tuple[str, ...]) -> str | None:
        for kind in kinds:
            new_spans = find_spans(new, kind)
            if new_spans and new_spans[0].text == new.strip():
                old = find_spans(previous, kind)
                if old:
                    return old[0].text
        return None

    aligned = _aligned(previous, new)
    return (
        typed(("date", "number", "person"))
        or (aligned if aligned and len(_common_prefix(aligned, new)) >= 3 else None)
        or typed(("product", "organization", "place"))
        or aligned
    )


def _aligned(previous: str, new: str) -> str | None:
    """The stretch of `previous` sharing the longest prefix with `new`, e.g. 小米手机1 for 小米手机3."""
    best_start, best_len = -1, 1
    for i in range(len(previous)):
        n = len(_common_prefix(previous[i:], new))
        if n > best_len:
            best_start, best_len = i, n
    if best_start < 0:
        return None
    end = best_start + best_len
    rest = new[best_len:]
    if rest and re.match(r"[A-Za-z0-9]", rest):
        tail = re.match(r"\d+[A-Za-z]*" if rest[0].isdigit() else r"[A-Za-z0-9]+", previous[end:])
        end += tail.end() if tail else 0
    else:
        end = min(len(previous), end + len(rest))
    return previous[best_start:end]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def resolve_followup(question: str, history: Sequence[Turn]) -> str:
    """Rewrite a follow-up into a self-contained question, using the last turn.

    Earlier turns are themselves resolved first, so chains of follow-ups work.
    """
    question = question.strip()
    if not history:
        return question
    previous = resolve_followup(history[-1].question, history[:-1])
    answer = history[-1].answer

    ellipsis = _ELLIPSIS.match(question)
    if ellipsis:
        new = (ellipsis.group("x") or ellipsis.group("y") or "").strip()
        new = re.sub(r"^(?:the)\s+", "", new, flags=re.IGNORECASE)
        asks_anew = re.search(r"\b(?:when|who|where|what|how|which|is|was|were|did|does|do)\b", new, re.IGNORECASE)
        if new and len(new) < len(previous) and not asks_anew:
            old = _counterpart(previous, new)
            if old and old != new:
                return previous.replace(old, new, 1)
            if old is None:
                return f"{new} {previous}"
    if _PERSON_PRONOUN.search(question):
        who = _referent(history[-1].question, answer, person=True) or _referent(previous, answer, person=True)
        if who:
            return _PERSON_PRONOUN.sub(who, question, count=1)
    if _THING_PRONOUN.search(question):
        what = _referent(previous, answer, person=False)
        if what:
            return _THING_PRONOUN.sub(what, question, count=1)
    return question
