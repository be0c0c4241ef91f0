"""Amounts as values: "2,710亿元" is 2.71e11 yuan, "第266位" is rank 266, "700 million" is 7e8.

Yes/no questions offer an amount ("是不是花了18亿", "进前300了没", "passed 700 million users?"); the
documents' own amount says yes or no once both are read as numbers (see `rag.premise.offered_amount`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# "6k", "1w": how people type thousands and 万 (w for wan).
_SCALES = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "k": 1e3, "w": 1e4}

# Money, counts of things, ranks and spans of years are never the same measure.
MONEY, COUNT, RANK, YEARS = "money", "count", "rank", "years"
_UNIT_KINDS = (
    (re.compile(r"^(?:元|美元|港元|欧元|人民币|港币|块|yuan|dollars?|usd|hkd|rmb)", re.I), MONEY),
    (re.compile(r"^(?:位|名)"), RANK),
    (re.compile(r"^(?:年)"), YEARS),
    (re.compile(r"^(?:台|部|个|人|家|项|件|款|辆|张|次|units?|phones?|people|users?|employees?)", re.I), COUNT),
)

# Chinese numerals only when composite ("二十二", "三百"): a lone 一 is an article ("一家", "一代").
_NUMERAL = r"(?:\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九]?[十百千][零〇一二两三四五六七八九十百千]*)"
_AMOUNT = re.compile(
    rf"(?P<rank>第|前|top\s*)?(?P<num>{_NUMERAL})\s*(?P<scale>千万|百万|万|亿|thousand|million|billion"
    r"|(?<=\d)[kw](?![a-z]))?\s*"
    r"(?P<unit>美元|港元|欧元|人民币|港币|元|块|位|名|年|台|部|个|人|家|项|件|款|辆|张|次"
    r"|yuan|dollars?|usd|hkd|rmb|units?|phones?|people|users?|employees?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """A number read from text, with its scale applied, and what it measures ("" when it does not say)."""

    value: float
    kind: str
    text: str
    start: int = 0
    end: int = 0
    # "前300": a rank at most this one ("进前300了没"), not exactly it.
    top: bool = False

    def same_measure(self, other: Amount) -> bool:
        """Whether the two can be compared: of one kind, or one of them says no kind."""
        return not self.kind or not other.kind or self.kind == other.kind


def chinese_numeral(text: str) -> float | None:
    """二十二 → 22, 三百 → 300, 五 → 5; None for what is not a numeral."""
    if not text:
        return None
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _number(text: str) -> float | None:
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    return chinese_numeral(text)


def _kind(unit: str, rank: str) -> str:
    if rank:
        return RANK
    for pattern, kind in _UNIT_KINDS:
        if unit and pattern.match(unit):
            return kind
    return ""


def amounts(text: str) -> list[Amount]:
    """Every amount in text, in order: "小米以18亿人民币（3亿美元）入股" → 1.8e9 and 3e8, both money."""
    out = []
    for m in _AMOUNT.finditer(text):
        value = _number(m.group("num"))
        if value is None:
            continue
        scale = m.group("scale") or ""
        value *= _SCALES.get(scale.lower(), 1.0)
        rank = (m.group("rank") or "").strip().lower()
        text_ = m.group().strip()
        out.append(Amount(value, _kind(m.group("unit") or "", rank), text_, m.start(), m.start() + len(text_),
                          top=rank in ("前", "top")))
    return out


def amount_of(text: str) -> Amount | None:
    """The first amount a short answer span gives ("12.7亿元", "第266位"), or None."""
    found = amounts(text)
    return found[0] if found else None


def agrees(offered: Amount, said: Amount, relation: str) -> bool:
    """Whether the documents' amount makes the offered claim true: equal (to 1%), above or below it.

    A rank is better the smaller it is: "进前300" holds for 第266位.
    """
    if offered.top or relation == "at_most":
        return said.value <= offered.value
    if relation == "above":
        return said.value > offered.value
    if relation == "at_least":
        return said.value >= offered.value
    if relation == "below":
        return said.value < offered.value
    return abs(said.value - offered.value) <= 0.01 * max(abs(offered.value), 1e-9)
