"""Eval datasets: our JSONL questions and conversations, and SQuAD-style JSON (CMRC 2018)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import clean_title


@dataclass(frozen=True)
class EvalQuestion:
    """One question with what counts as a right answer and where it is."""

    id: str
    question: str
    answers: tuple[str, ...]
    type: str = ""
    answerable: bool = True
    sections: tuple[str, ...] = ()
    doc: str | None = None
    lang: str = "zh"
    style: str = "plain"
    split: str = ""
    list_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvalConversation:
    """Turns asked in order within one conversation."""

    id: str
    turns: tuple[EvalQuestion, ...]
    split: str = ""


@dataclass
class Dataset:
    """Questions and/or conversations, and the corpus they are asked against."""

    name: str
    questions: list[EvalQuestion] = field(default_factory=list)
    conversations: list[EvalConversation] = field(default_factory=list)
    documents: dict[str, str] | None = None  # doc id → markdown, for SQuAD-style data
    skipped: dict[str, str] = field(default_factory=dict)  # question id → why it can't be asked


def _question(raw: dict, fallback_id: str, split: str = "") -> EvalQuestion:
    sections = [raw.get("section")] + list(raw.get("other_sections") or [])
    return EvalQuestion(
        id=str(raw.get("id", fallback_id)),
        question=raw["question"],
        answers=tuple(raw.get("answers") or ()),
        type=raw.get("type", ""),
        answerable=bool(raw.get("answerable", True)),
        sections=tuple(clean_title(s) for s in sections if s),
        lang=raw.get("lang", "zh"),
        style=raw.get("style", "plain"),
        split=raw.get("split", split),
        list_items=tuple(raw.get("list_items") or ()),
    )


def load_jsonl(path: Path) -> Dataset:
    """Our format: one question (or one conversation with `turns`) per line."""
    data = Dataset(path.stem)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
        if "turns" in raw:
            split = raw.get("split", "")
            turns = tuple(_question(t, f"{raw['id']}.{i}", split) for i, t in enumerate(raw["turns"], start=1))
            data.conversations.append(EvalConversation(str(raw["id"]), turns, split))
        else:
            data.questions.append(_question(raw, f"line{n}"))
    return data


def load_squad(path: Path) -> Dataset:
    """SQuAD-style JSON: every paragraph becomes a document of a temporary corpus."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    data = Dataset(path.stem, documents={})
    for article in raw["data"]:
        title = article.get("title") or article.get("id") or "untitled"
        for p_index, paragraph in enumerate(article["paragraphs"]):
            doc_id = re.sub(r"[^\w.-]", "_", str(paragraph.get("id") or f"{article.get('id', title)}-{p_index}"))
            data.documents[doc_id] = f"# {title}\n\n{paragraph['context']}\n"
            for qa in paragraph["qas"]:
                if not str(qa.get("question", "")).strip():
                    data.skipped[str(qa["id"])] = "empty question"
                    continue
                answers = tuple(dict.fromkeys(a["text"] for a in qa.get("answers", []) if a.get("text")))
                data.questions.append(
                    EvalQuestion(id=str(qa["id"]), question=qa["question"], answers=answers, doc=doc_id,
                                 answerable=bool(answers))
                )
    return data


def load_dataset(path: str | Path) -> Dataset:
    """Load by content: a JSON object with `data` is SQuAD-style, anything else our JSONL."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"dataset not found: {path}")
    head = path.read_text(encoding="utf-8")[:200].lstrip()
    if path.suffix == ".json" and head.startswith("{") and '"data"' in path.read_text(encoding="utf-8")[:5000]:
        return load_squad(path)
    return load_jsonl(path)
