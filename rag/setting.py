"""A passage's setting: what its section said before it that the passage takes for granted.

Timelines state a date once and then write "同日…", "次月…" or nothing at all;
a long paragraph is split into several passages, so a product or person named in
one passage is the unnamed subject of the next ("小米手机3…" then "16GB版售价1999元").
Evidence checks ("does it mention 2023年1月30日? 小米手机3?") read a passage
together with its setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .records import Passage
from .spans import find_spans

_BIOGRAPHY = re.compile(r"出生|生于|任职|毕业")
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|(?:19|20)\d{2}[-/.]\d{1,2}")


@lru_cache(maxsize=8192)
def _year_dates(text: str) -> tuple[str, ...]:
    return tuple(s.text for s in find_spans(text, "date") if _HAS_YEAR.search(s.text))


# The label of an enumeration: "许可项目：", "一般项目：".
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,8})[：:]")


def passage_settings(passages: Sequence[Passage]) -> dict[str, str]:
    """Passage id → what the section said before it, for passages that name no year.

    That is the last dated mention of the section before the passage and the passage
    just before it (which often names the subject: "小米手机3…" then "16GB版售价1999元").
    Passages must be in corpus order (as the chunker and the index keep them).
    """
    settings: dict[str, str] = {}
    where, last, previous, label = None, "", "", ""
    for p in passages:
        if (p.doc, p.section) != where:
            where, last, previous, label = (p.doc, p.section), "", "", ""
        dates = _year_dates(p.text)
        if dates:
            last = dates[-1]
        elif last or previous:
            settings[p.id] = " ".join(part for part in (last, label, previous) if part)
        # "许可项目：第三类医疗器械经营；…；第一类增值电信业务；…。": items several passages on are still
        # the label's, until the sentence ends.
        labels = _LABEL.findall(p.text)
        label = labels[-1] if labels and "。" not in p.text[p.text.rfind(labels[-1]):] else (
            "" if "。" in p.text else label)
        previous = p.text
    return settings


def dates_before(passages: Sequence[Passage]) -> dict[str, str]:
    """Passage id → the last dated mention of its section before it (for every passage that has one).

    A passage can open mid-timeline ("以及小米首款可穿戴设备小米手环，售价79元。2014年8月16日…"):
    its first sentence belongs to the date before the passage even though the passage names a year later.
    """
    out: dict[str, str] = {}
    where, last = None, ""
    for p in passages:
        if (p.doc, p.section) != where:
            where, last = (p.doc, p.section), ""
        if last:
            out[p.id] = last
        for date in _year_dates(p.text):
            # "2014年7月22日，…召开2014年度新品发布会": the bare year refers back to the day, not past it.
            if not (last.startswith(date) and len(last) > len(date)):
                last = date
    return out


def setting_date(setting: str) -> str:
    """The date a sentence's setting (from sentence_setting) gives it, or ""."""
    dates = _year_dates(setting)
    return dates[0] if dates else ""


def sentence_setting(passage_text: str, start: int, end: int, passage_setting: str = "") -> str:
    """The date the sentence passage_text[start:end] takes for granted ("" when it names a year itself).

    That is the last dated mention before it in the passage, else the passage's own setting.
    """
    if _year_dates(passage_text[start:end]):
        return ""
    before = _year_dates(passage_text[:start])
    return before[-1] if before else passage_setting


def passage_subjects(passages: Sequence[Passage], names: Iterable[str]) -> dict[str, str]:
    """Passage id → the person a passage is about without naming them.

    A biography split into passages opens with its person ("卢伟冰任职:合伙人、总裁…
    1975年9月出生") and goes on without the name ("现任小米集团合伙人、小米集团总裁…"):
    passages that name no one, after a passage that opens with a name and reads like a
    biography (birth, posts, schooling), are about that person until the section ends
    or someone else is named.
    """
    names = sorted({n for n in names if n}, key=len, reverse=True)
    subjects: dict[str, str] = {}
    if not names:
        return subjects
    # One alternation, longest names first, so 卢伟冰 is found rather than 卢伟.
    any_name = re.compile("|".join(map(re.escape, names)))
    where, subject = None, ""
    for p in passages:
        if (p.doc, p.section) != where:
            where, subject = (p.doc, p.section), ""
        opening = any_name.match(p.text)
        if opening and _BIOGRAPHY.search(p.text):
            subject = opening.group()
        elif opening or any_name.search(p.text):
            subject = ""
        elif subject:
            subjects[p.id] = subject
    return subjects


_CONTINUES = re.compile(r"\s*(?:以及|及|并且?|同时|还|也|而且|另外|此外)")


def unfinished_sentences(passages: Sequence[Passage]) -> dict[str, str]:
    """Passage id → the start of the sentence it goes on with, for passages that open with "以及…".

    Clauses split at "；" share their subject and verb: "…发布会，推出了小米手机4；" | "以及小米手环".
    Only a clause that says it continues ("以及", "并") is read with its head: one that opens
    with its own subject ("第一季度调整后净利润…") states its own event.
    """
    out = {}
    for before, passage in zip(passages, passages[1:]):
        tail = before.text.rstrip()
        if ((before.doc, before.section) == (passage.doc, passage.section) and tail and tail[-1] not in "。！？!?"
                and _CONTINUES.match(passage.text)):
            out[passage.id] = tail[max(tail.rfind(c) for c in "。\n") + 1 :]
    return out


def continued_sentences(passages: Sequence[Passage]) -> dict[str, str]:
    """Passage id → the clause the next passage goes on with, for passages whose last sentence
    `unfinished_sentences` finds continued: "…推出了小米手机4；" | "以及小米首款可穿戴设备小米手环".

    What was launched beside the 小米手环 is in the clause before it."""
    heads = unfinished_sentences(passages)
    return {before.id: re.split(r"(?<=[。！？!?])", passage.text.strip(), maxsplit=1)[0]
            for before, passage in zip(passages, passages[1:]) if passage.id in heads}
