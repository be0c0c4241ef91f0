"""Extractive answering: pick the best evidence sentence, extract a typed span, cite it — or refuse."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .bm25 import BM25Index
from .chunking import split_sentences
from .glossary import SYNONYMS, chinese_keywords, proper_nouns
from .names import NameTransliterator
from .question import LIST, YESNO, QuestionInfo, classify, content_text
from .records import Answer, Citation, Hit, Passage
from .spans import Span, find_spans, typed_kinds
from .tokenizer import normalise

NOT_FOUND = "资料中没有找到这个问题的答案。"
NOT_FOUND_EN = "The documents do not contain an answer to this question."
MAX_ANSWER_CHARS = 80


@dataclass(frozen=True)
class AnswerConfig:
    """Knobs of the answerer; thresholds are calibrated on the dev split only."""

    candidates: int = 8
    passages: int = 5
    min_coverage: float = 0.0
    min_dense: float = 0.80
    retrieval_weight: float = 0.35
    span_bonus: float = 0.25
    proximity_weight: float = 0.15
    missing_penalty: float = 0.5


@dataclass(frozen=True)
class Evidence:
    """One candidate sentence inside a retrieved passage."""

    hit: Hit
    rank: int
    start: int
    end: int
    coverage: float
    context_coverage: float
    spans: tuple[Span, ...]
    score: float
    missing: tuple[str, ...] = ()

    @property
    def passage(self) -> Passage:
        return self.hit.passage

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]


STOP_CHARS = frozenset("的了是在和与及或等于为也就都而又并从对把被让将向由以之其此这那该个各每吗呢吧啊呀么嘛着过得地所")


def term_match(term: str, text: str) -> float:
    """How well a normalised text contains a term: 1 if it (or a synonym) is there, partial for shared characters."""
    if term in text or any(s in text for s in SYNONYMS.get(term, ())):
        return 1.0
    if len(term) >= 2 and not term.isascii():
        return 0.5 * sum(ch in text for ch in term) / len(term)
    return 0.0


def contains_term(text: str, term: str) -> bool:
    """Whether a normalised text contains a term; numbers must not be part of a longer number."""
    if term.isdigit() or re.fullmatch(r"\d+\.\d+", term):
        return re.search(rf"(?<![0-9.]){re.escape(term)}(?![0-9])", text) is not None
    if re.search(r"\d", term):
        return term in text.replace(" ", "")
    return term in text


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a passage."""
    out, pos = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, pos)
        out.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return out


class Answerer:
    """Answers questions from the passages a retriever finds."""

    def __init__(
        self,
        retriever,
        bm25: BM25Index,
        tokenize: Callable[[str], list[str]],
        passages: Sequence[Passage] = (),
        config: AnswerConfig = AnswerConfig(),
    ) -> None:
        self.retriever = retriever
        self.bm25 = bm25
        self.tokenize = tokenize
        self.config = config
        self.names = NameTransliterator(passages)
        self._max_idf = float(bm25.idf.max()) if len(bm25.idf) else 1.0

    # -- question side -------------------------------------------------------
    def query_text(self, info: QuestionInfo) -> str:
        """The retrieval query: English questions get the Chinese words they mean."""
        if not info.english:
            return info.text
        extra = chinese_keywords(info.text) + self.names.chinese_names(info.text)
        return f"{info.text} {' '.join(extra)}".strip()

    def query_text_for(self, question: str) -> str:
        """The retrieval query used for a question."""
        return self.query_text(classify(question))

    def key_terms(self, info: QuestionInfo) -> dict[str, float]:
        """Question keywords with idf weights.

        Words jieba glued to a particle ("大学毕业", "部手机") are broken into
        corpus words; a word that is nowhere in the corpus keeps a high weight,
        so evidence that lacks it (a name the documents never mention) scores low.
        """
        if info.english:
            source = " ".join(chinese_keywords(info.text) + self.names.chinese_names(info.text))
            latin = [t for t in self.tokenize(info.text) if t.isascii() and len(t) > 1 and t in self.bm25.vocab]
            tokens = self.tokenize(source) + latin
        else:
            tokens = self.tokenize(content_text(info.text))
        terms: dict[str, float] = {}
        for token in tokens:
            for piece, weight in self._pieces(token, single_weight=0.3 if not info.english else 0.1):
                terms[piece] = max(terms.get(piece, 0.0), weight)
        # Keep only the most specific form when jieba's search mode gave both a
        # word and its parts (清华大学, 清华, 大学): the parts would double-count.
        return {t: w for t, w in terms.items() if not any(t != o and t in o and o in terms for o in terms)}

    def required_terms(self, info: QuestionInfo) -> list[str]:
        """Terms the evidence must contain: numbers, codes and model names, and people named in the question.

        A question about 2025 is not answered by a sentence about 2024, nor a
        question about one person by a sentence about another.
        """
        text = normalise(info.text)
        # A number glued to a name ("小米手环8", "小米14") must match with the name's
        # last character, so that "2014年" does not count as "14".
        required = [
            m.group()
            for m in re.finditer(r"(?<![a-z0-9.])[a-z]*\d+(?:\.\d+)?[a-z]*(?![a-z0-9])", text)
        ]
        if info.english:
            names = self.names.chinese_names(info.text)
            spelled = self.names.spelled(names)
            required += names
            required += [
                w.lower() for w in proper_nouns(info.text) if w.lower() not in self.bm25.vocab and w.lower() not in spelled
            ]
        else:
            required += [s.text for s in find_spans(info.text, "person") if s.text in self.names.known()]
        return list(dict.fromkeys(required))

    def _idf(self, term: str) -> float | None:
        t = self.bm25.vocab.get(term)
        return float(self.bm25.idf[t]) if t is not None else None

    def _pieces(self, token: str, single_weight: float) -> list[tuple[str, float]]:
        known = self._idf(token)
        if known is None and not token.isascii():
            token = token.strip("".join(STOP_CHARS))
            known = self._idf(token)
            honorific = self.names.by_honorific(token)
            if honorific:
                return [(honorific, max(self._idf(honorific) or self._max_idf, 0.1))]
        if not token:
            return []
        if known is not None:
            return [(token, max(known, 0.1) if len(token) > 1 or token.isdigit() else single_weight)]
        if len(token) <= 1 or token.isascii():
            return [] if token in STOP_CHARS else [(token, single_weight)]
        pieces: list[tuple[str, float]] = []
        i = 0
        while i < len(token):
            for j in range(len(token), i + 1, -1):
                idf = self._idf(token[i:j])
                if idf is not None:
                    pieces.append((token[i:j], max(idf, 0.1)))
                    i = j
                    break
            else:
                if token[i] not in STOP_CHARS:
                    pieces.append((token[i], single_weight))
                i += 1
        if not any(len(p) > 1 for p, _ in pieces):
            # Nothing of it is in the corpus: an unknown name or thing.
            return [(token, self._max_idf)]
        return pieces

    # -- evidence side -------------------------------------------------------
    def _coverage(self, text: str, terms: dict[str, float]) -> float:
        total = sum(terms.values())
        if not total:
            return 0.0
        text = normalise(text)
        return sum(w * term_match(t, text) for t, w in terms.items()) / total

    def evidence(self, info: QuestionInfo, hits: Sequence[Hit], terms: dict[str, float]) -> list[Evidence]:
        """Every sentence of the top passages, scored as a place for the answer."""
        out = []
        required = self.required_terms(info)
        typed = info.type in typed_kinds()
        for rank, hit in enumerate(hits[: self.config.passages]):
            context = f"{hit.passage.section} {hit.passage.text}"
            context_coverage = self._coverage(context, terms)
            missing = tuple(t for t in required if not contains_term(normalise(context), t))
            for start, end in sentence_offsets(hit.passage.text):
                sentence = hit.passage.text[start:end]
                spans = tuple(
                    Span(s.start + start, s.end + start, s.text, s.kind)
                    for s in find_spans(sentence, info.type)
                    if normalise(s.text) not in normalise(info.text)
                ) if typed else ()
                coverage = self._coverage(sentence, terms)
                proximity = self._proximity(hit.passage.text, start, end, spans, terms) if spans else 0.0
                score = (
                    self.config.proximity_weight * proximity
                    +
                    0.6 * coverage
                    + 0.4 * context_coverage
                    + self.config.retrieval_weight * hit.score
                    + (self.config.span_bonus if spans else 0.0)
                    - self.config.missing_penalty * len(missing)
                )
                out.append(Evidence(hit, rank, start, end, coverage, context_coverage, spans, score, missing))
        return sorted(out, key=lambda e: -e.score)

    def _anchors(self, text: str, start: int, end: int, terms: dict[str, float]) -> list[int]:
        norm = normalise(text)
        return [m.start() for t in terms for m in re.finditer(re.escape(t), norm) if start <= m.start() < end]

    def _proximity(self, text: str, start: int, end: int, spans, terms: dict[str, float]) -> float:
        """1.0 when a candidate span sits right next to a question keyword, falling with distance."""
        anchors = self._anchors(text, start, end, terms)
        if not anchors:
            return 0.0
        gap = min(min(abs(s.start - a), abs(s.end - a)) for s in spans for a in anchors)
        return 1.0 / (1.0 + gap / 8.0)

    def _best_span(self, ev: Evidence, terms: dict[str, float]) -> Span | None:
        if not ev.spans:
            return None
        anchors = self._anchors(ev.passage.text, ev.start, ev.end, terms)
        if not anchors:
            return ev.spans[0]
        return min(ev.spans, key=lambda s: (min(abs(s.start - a) for a in anchors), s.start))

    # -- answer --------------------------------------------------------------
    def answer(self, question: str, resolved: str | None = None) -> Answer:
        """Answer a (resolved) question, or refuse when the evidence is too weak."""
        resolved = resolved or question
        info = classify(resolved)
        hits = self.retriever.search(self.query_text(info), self.config.candidates)
        terms = self.key_terms(info)
        ranked = self.evidence(info, hits, terms)
        base = {"question": question, "resolved_question": resolved, "question_type": info.type}
        if not ranked or not self.grounded(info, ranked[0], hits):
            return Answer(NOT_FOUND_EN if info.english else NOT_FOUND, False, (), **base)
        best = ranked[0]
        if info.type == LIST:
            return self._list_answer(best, base)
        span = self._best_span(best, terms)
        text, _ = clip_around(best.passage.text, best.start, best.end, span)
        highlight = (span.start, span.end) if span else (best.start, best.end)
        citation = Citation(best.passage, best.hit.score, highlight)
        return Answer(f"{text}[1]", True, (citation,), span=span.text if span else text, **base)

    def grounded(self, info: QuestionInfo, best: Evidence, hits: Sequence[Hit]) -> bool:
        """Whether the best evidence is strong enough to answer from."""
        coverage = max(best.coverage, best.context_coverage)
        if best.missing:
            return False
        if info.type in typed_kinds() and info.type != LIST and not best.spans:
            return False
        if info.english:
            dense = max((h.scores.get("dense", 0.0) for h in hits[:3]), default=0.0)
            return dense >= self.config.min_dense and coverage >= self.config.min_coverage * 0.5
        return coverage >= self.config.min_coverage

    def _list_answer(self, best: Evidence, base: dict) -> Answer:
        passage = best.passage
        items = find_spans(passage.text[best.start :], LIST)
        if not items:
            text, _ = clip_around(passage.text, best.start, best.end, None)
            return Answer(f"{text}[1]", True, (Citation(passage, best.hit.score, (best.start, best.end)),), span=text, **base)
        names = [i.text for i in items]
        text = "、".join(names)
        if len(text) > 118:
            text = text[:117].rsplit("、", 1)[0] + "等"
        first, last = items[0].start + best.start, items[-1].end + best.start
        return Answer(f"{text}[1]", True, (Citation(passage, best.hit.score, (first, last)),), span="、".join(names), **base)


def clip_around(text: str, start: int, end: int, span: Span | None, limit: int = MAX_ANSWER_CHARS) -> tuple[str, int]:
    """A short window of a sentence: whole if it fits, else the clauses around the span."""
    sentence = text[start:end].strip()
    if len(sentence) <= limit:
        return sentence, start
    clauses = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^，,；;：:]+[，,；;：:]?", text[start:end])]
    focus = span.start if span else start
    idx = next((i for i, (a, b) in enumerate(clauses) if a <= focus < b), 0)
    lo = hi = idx
    while True:
        grew = False
        if lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= limit:
            lo -= 1
            grew = True
        if hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= limit:
            hi += 1
            grew = True
        if not grew:
            break
    a, b = clauses[lo][0], clauses[hi][1]
    piece = text[a:b].strip().rstrip("，,；;：:")
    if len(piece) > limit:
        centre = span.start if span else a
        a = max(a, min(centre - limit // 3, b - limit))
        piece = text[a : a + limit].strip()
    return piece, a
