"""The eval sets hold what their field table (eval/README.md) promises: every answer is quoted from the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "xiaomi.md"
FILES = sorted((ROOT / "eval").glob("questions*.jsonl")) + sorted((ROOT / "eval").glob("conversations*.jsonl"))


def _sections() -> dict[str, str]:
    """Heading (as written, without "## ") → its text with the footnote marks removed, as the field table says."""
    text = re.sub(r"\s*\[\d+(?:-\d+)?\]", "", CORPUS.read_text(encoding="utf-8"))
    sections: dict[str, str] = {}
    title = None
    for line in text.splitlines():
        if line.startswith("## "):
            title = line[3:]
            sections[title] = ""
        elif title is not None:
            sections[title] += line + "\n"
    return sections


def _items(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "turns" in row:
            for i, turn in enumerate(row["turns"], 1):
                yield f"{row['id']}.{i}", {**turn, "answerable": True}
        else:
            yield row["id"], row


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_answers_are_quoted_from_the_section_they_name(path):
    sections = _sections()
    whole = "\n".join(sections.values())
    bad = []
    for key, row in _items(path):
        if not row["answerable"]:
            if row["answers"]:
                bad.append(f"{key}: unanswerable with answers")
            continue
        if not row["answers"] or any(a not in whole for a in row["answers"]):
            bad.append(f"{key}: an answer not in the corpus")
        elif row["section"] not in sections or row["evidence"] not in sections[row["section"]]:
            bad.append(f"{key}: evidence not in its section")
        elif row["answers"][0] not in row["evidence"]:
            bad.append(f"{key}: the first answer not in the evidence")
    assert not bad, bad


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_ids_are_unique(path):
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids))
