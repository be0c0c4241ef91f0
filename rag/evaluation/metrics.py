"""Answer and retrieval metrics, CMRC 2018 style (mixed segmentation, punctuation-free)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence

_PUNCT = set(string.punctuation) | set(
    "，。！？；：、“”‘’（）《》〈〉【】「」『』〔〕…—～·．,.!?;:'\"()[]{}<>-_/\\|@#$%^&*+=~`　﹏･"
)
_CITATION = re.compile(r"\[\d+\]")


def normalise_answer(text: str) -> str:
    """Lower-case, citation markers, punctuation and white space removed."""
    text = _CITATION.sub("", text).lower()
    return "".join(ch for ch in text if ch not in _PUNCT and not ch.isspace())


def segment(text: str) -> list[str]:
    """CMRC mixed segmentation: each CJK character alone, Latin/digit runs kept whole."""
    tokens: list[str] = []
    run = ""
    for ch in _CITATION.sub("", text).lower():
        if re.match(r"[\u4e00-\u9fff]", ch) or ch in _PUNCT or ch.isspace():
            if run:
                tokens.append(run)
                run = ""
            if not (ch in _PUNCT or ch.isspace()):
                tokens.append(ch)
        else:
            run += ch
    if run:
        tokens.append(run)
    return tokens


def _longest_common_substring(a: Sequence[str], b: Sequence[str]) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def f1_score(prediction: str, golds: Iterable[str]) -> float:
    """Best F1 over gold answers; overlap is the longest common run of segments (as CMRC's script)."""
    pred = segment(prediction)
    best = 0.0
    for gold in golds:
        ref = segment(gold)
        common = _longest_common_substring(pred, ref)
        if not common:
            continue
        precision, recall = common / len(pred), common / len(ref)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


def exact_match(prediction: str, golds: Iterable[str]) -> float:
    """1.0 when the normalised prediction equals a normalised gold answer."""
    pred = normalise_answer(prediction)
    return float(any(pred == normalise_answer(g) for g in golds))


def contains_answer(text: str, golds: Iterable[str]) -> bool:
    """Whether a normalised gold answer occurs inside the normalised text."""
    norm = normalise_answer(text)
    return any(normalise_answer(g) and normalise_answer(g) in norm for g in golds)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def reciprocal_rank(relevant: Sequence[bool]) -> float:
    """1/rank of the first relevant item, 0 if none."""
    return next((1.0 / (i + 1) for i, r in enumerate(relevant) if r), 0.0)
