"""Chunking: sections → sentences → short passages with stable ids like `xiaomi#05.03`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .records import Document, Passage
from .tokenizer import segment

MAX_CHARS = 300
TARGET_CHARS = 160
MIN_CHARS = 30

# A sentence ends at Chinese/Western terminal punctuation (plus any closing
# quotes or brackets), at a newline, or at a Western full stop followed by
# a space — never inside numbers like 1810.HK or 10.1527.
_SENTENCE_END = re.compile(r"[。！？；!?;…]+[”’」』）)\"']*|\n+|(?<=[A-Za-z)])\.(?=\s)")
_FIELD_COLON = re.compile(r"[:：]")
_UNITS = frozenset("年月日号万亿元个台")


def split_sentences(text: str) -> list[str]:
    """Split Chinese/Western text into sentences, keeping their end punctuation."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _field_key_start(sentence: str, colon: int, floor: int) -> int:
    """Where the field name before a colon starts, e.g. `开业公司类型：` → at `公司`.

    Field runs such as `经营状态：开业公司类型：有限责任公司` have no separator
    between a value and the next field name, so the name is taken as the last
    word before the colon, or the last two if that word is short.
    """
    run_start = colon
    while run_start > floor and _is_key_char(sentence[run_start - 1]):
        run_start -= 1
    # A unit after a number ("2010年03月03日法定代表人") ends the value, not starts the name.
    while run_start < colon and sentence[run_start] in _UNITS and sentence[run_start - 1].isdigit():
        run_start += 1
    run = sentence[run_start:colon]
    # After a code or number ("…082Q组织机构代码：") the whole short run is the name.
    if run and len(run) <= 8 and run_start > floor and not _is_key_char(sentence[run_start - 1]):
        return run_start
    words = segment(run)
    if not words:
        return colon
    take = 1 if len(words[-1]) >= 4 else 2
    return colon - sum(len(w) for w in words[-take:])


def _is_key_char(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char == "/"


def split_fields(sentence: str) -> list[str]:
    """Split a long `字段：值字段：值…` run into one piece per field."""
    colons = [m.start() for m in _FIELD_COLON.finditer(sentence)]
    if len(sentence) <= 80 or len(colons) < 3:
        return [sentence]
    cuts, floor = [0], 0
    for colon in colons[1:]:
        start = _field_key_start(sentence, colon, floor)
        if start > cuts[-1]:
            cuts.append(start)
        floor = colon + 1
    cuts.append(len(sentence))
    return [sentence[a:b].strip() for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]


def _split_long(piece: str, limit: int = MAX_CHARS) -> list[str]:
    """Cut a piece over the limit at commas, or hard at the limit as a last resort."""
    if len(piece) <= limit:
        return [piece]
    out, current = [], ""
    for part in re.split(r"(?<=[，,、])", piece):
        while len(part) > limit:
            if current:
                out.append(current)
                current = ""
            out.append(part[:limit])
            part = part[limit:]
        if len(current) + len(part) > TARGET_CHARS and current:
            out.append(current)
            current = ""
        current += part
    if current:
        out.append(current)
    return out


def sentence_units(text: str) -> list[str]:
    """Sentences of a section, with field runs and over-long sentences split further."""
    units = []
    for sentence in split_sentences(text):
        for piece in split_fields(sentence):
            units.extend(_split_long(piece))
    return units


def pack(units: Iterable[str]) -> list[str]:
    """Join consecutive short units so each passage has about one to three sentences."""
    passages: list[str] = []
    current = ""
    for unit in units:
        if current and (len(current) >= MIN_CHARS or len(current) + len(unit) > TARGET_CHARS):
            passages.append(current)
            current = ""
        current = f"{current}{_joiner(current, unit)}{unit}" if current else unit
    if current:
        # A short tail (e.g. a trailing note) belongs with the passage before it.
        if passages and len(current) < MIN_CHARS and len(passages[-1]) + len(current) < MAX_CHARS:
            passages[-1] = f"{passages[-1]}{_joiner(passages[-1], current)}{current}"
        else:
            passages.append(current)
    return passages


def _joiner(left: str, right: str) -> str:
    # A heading-like line without end punctuation ("早年发展") needs a visible break.
    if left and not re.search(r"[。！？；!?;.…”）)]$", left):
        return " "
    return ""


def _is_heading_like(line: str) -> bool:
    return len(line) < MIN_CHARS and not re.search(r"[。！？；!?;.…]$", line)


def section_passages(text: str) -> list[str]:
    """Passage texts of one section.

    Lines are paragraphs: passages never join two of them, except that a short
    heading-like line ("早年发展", "雷军任职:创始人") is prefixed to the next one.
    """
    passages: list[str] = []
    prefix = ""
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if _is_heading_like(line):
            # A run of short lines (a list of names, say) must not grow into one huge passage.
            if prefix and len(prefix) + len(line) > TARGET_CHARS:
                passages.append(prefix.strip())
                prefix = ""
            prefix = f"{prefix}{line} "
            continue
        packed = pack(sentence_units(line))
        if prefix and packed and len(prefix) + len(packed[0]) <= MAX_CHARS:
            packed[0] = prefix + packed[0]
        elif prefix:
            packed.insert(0, prefix.strip())
        prefix = ""
        passages.extend(packed)
    if prefix:
        passages.append(prefix.strip())
    return passages


def chunk_document(document: Document) -> list[Passage]:
    """Passages of one document; ids are `<doc>#<section:02d>.<position:02d>`, 1-based."""
    passages = []
    for section in document.sections:
        for position, text in enumerate(section_passages(section.text), start=1):
            passages.append(
                Passage(
                    id=f"{document.id}#{section.index:02d}.{position:02d}",
                    doc=document.id,
                    section=section.title,
                    text=text,
                )
            )
    return passages


def is_lead(passage: Passage) -> bool:
    """Whether a passage opens its document: where an encyclopedia-style profile says what its subject is."""
    return passage.id.endswith("#01.01")


def chunk_corpus(documents: Iterable[Document]) -> list[Passage]:
    """Passages of every document, in corpus order."""
    return [p for doc in documents for p in chunk_document(doc)]
