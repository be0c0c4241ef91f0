"""Typed records that flow through every stage: corpus → passages → hits → answers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """A heading-delimited part of one document; text has footnote marks removed."""

    doc_id: str
    index: int
    title: str
    text: str


@dataclass(frozen=True)
class Document:
    """One corpus file, split into sections."""

    id: str
    path: str
    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Passage:
    """A retrieval unit: one to a few sentences that never cross a section boundary."""

    id: str
    doc: str
    section: str
    text: str

    def to_dict(self) -> dict:
        return {"id": self.id, "doc": self.doc, "section": self.section, "text": self.text}


@dataclass(frozen=True)
class Hit:
    """A passage found by a retriever.

    `score` is the ranking score of the retriever that produced the hit;
    `scores` keeps each underlying retriever's own score (e.g. dense cosine,
    BM25) so callers can see which retriever found it.
    """

    passage: Passage
    score: float
    scores: dict[str, float] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            **self.passage.to_dict(),
            "score": round(float(self.score), 4),
            "retrievers": {k: round(float(v), 4) for k, v in self.scores.items()},
            "ranks": dict(self.ranks),
        }


@dataclass(frozen=True)
class Citation:
    """A passage cited by an answer; `highlight` is the answer span inside its text."""

    passage: Passage
    score: float
    highlight: tuple[int, int] | None = None

    def to_dict(self) -> dict:
        data = {**self.passage.to_dict(), "score": round(float(self.score), 4)}
        data["highlight"] = list(self.highlight) if self.highlight else None
        return data


@dataclass(frozen=True)
class Answer:
    """The reply to one question: short text with `[n]` markers into `citations`."""

    text: str
    grounded: bool
    citations: tuple[Citation, ...] = ()
    question: str = ""
    resolved_question: str = ""
    question_type: str = ""
    span: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return {
            "answer": self.text,
            "grounded": self.grounded,
            "citations": [c.to_dict() for c in self.citations],
            "question": self.question,
            "resolved_question": self.resolved_question,
            "question_type": self.question_type,
            "span": self.span,
            "confidence": self.confidence,
        }
