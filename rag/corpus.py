"""Corpus loading: files → documents → heading-delimited sections, footnote marks removed."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .records import Document, Section

SUFFIXES = (".md", ".txt")

# Encyclopedia footnote marks: [1], [1035], [545-546]; spaces before them are
# layout left over from the source page, not content.
_FOOTNOTE = re.compile(r"[ \t\u3000]*\[\d+(?:\s*[-–,，]\s*\d+)*\]")
_HEADING = re.compile(r"^(#{1,2})\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not loaded, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """Documents loaded from a folder, plus the files that had to be skipped."""

    root: str
    documents: tuple[Document, ...]
    skipped: tuple[SkippedFile, ...]
    content_hash: str


def strip_footnotes(text: str) -> str:
    """Remove footnote marks such as `[1035]` and tidy the punctuation they leave."""
    text = _FOOTNOTE.sub("", text)
    # "上市(1810.HK)。 [8]；" leaves "。；": keep the stronger sentence end only.
    return re.sub(r"([。！？])[；;，,]", r"\1", text)


def clean_title(title: str) -> str:
    """Heading text as shown to users: footnotes and trailing colons dropped."""
    return strip_footnotes(title).strip().rstrip(":：").strip()


def parse_document(doc_id: str, text: str, path: str = "") -> Document:
    """Split markdown/plain text into sections at `#` and `##` headings.

    Text before the first heading is section 0, named after the document. A
    level-1 heading that opens the document is its title and names section 0.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = doc_id
    sections: list[tuple[str, list[str]]] = [(doc_id, [])]
    seen_text = False
    for line in lines:
        match = _HEADING.match(line)
        if not match:
            if line.strip():
                seen_text = True
            sections[-1][1].append(line)
            continue
        level, heading = len(match.group(1)), clean_title(match.group(2))
        if level == 1 and not seen_text and len(sections) == 1 and title == doc_id:
            title = heading or doc_id
            sections[0] = (title, sections[0][1])
            continue
        sections.append((heading or f"{title} {len(sections)}", []))
        seen_text = True
    built = tuple(
        Section(doc_id=doc_id, index=i, title=name, text=strip_footnotes("\n".join(body)).strip())
        for i, (name, body) in enumerate(sections)
    )
    return Document(id=doc_id, path=path, title=title, sections=built)


def _doc_id(root: Path, path: Path) -> str:
    # '#' separates document from position in passage ids, so it can't appear here.
    return path.relative_to(root).with_suffix("").as_posix().replace("#", "_")


def _read_text(path: Path) -> tuple[str | None, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    if b"\x00" in raw[:8192]:
        return None, "binary file"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte {exc.start})"
    if not text.strip():
        return None, "empty file"
    return text, ""


def corpus_files(root: Path) -> list[Path]:
    """Every `*.md` / `*.txt` file under root, in a stable order (hidden files skipped)."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def corpus_hash(root: Path) -> str:
    """Content hash of the corpus folder: names and bytes of every corpus file."""
    digest = hashlib.sha256()
    for path in corpus_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def load_corpus(root: str | Path) -> Corpus:
    """Load every document under a folder.

    Raises:
        CorpusError: the folder does not exist or holds no usable document.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for path in corpus_files(root):
        text, reason = _read_text(path)
        if text is None:
            skipped.append(SkippedFile(str(path), reason))
            continue
        doc = parse_document(_doc_id(root, path), text, str(path))
        if not any(s.text for s in doc.sections):
            skipped.append(SkippedFile(str(path), "no text besides headings"))
            continue
        documents.append(doc)
    if not documents:
        detail = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no *.md or *.txt files"
        raise CorpusError(f"corpus folder {root} holds no usable document ({detail})")
    return Corpus(str(root), tuple(documents), tuple(skipped), corpus_hash(root))
