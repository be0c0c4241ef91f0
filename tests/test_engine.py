"""Tests for rag.engine: freshness checks, automatic rebuilds, question checks and the query cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.engine import Engine, EngineConfig
from rag.errors import IndexMissingError, IndexStaleError, QuestionError
from rag.question import MAX_QUESTION_CHARS, check_question

NEW_SECTION = "\n## 小米火星计划\n2031年，小米在火星奥林帕斯山脚下开设了第一家小米之家门店，门店编号为ZX-42。\n"


def copy_of(engine: Engine, tmp_path: Path, auto_build: bool = True) -> Engine:
    """An engine over private copies of the fixture's corpus and index, sharing its loaded model."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(engine.config.corpus, corpus)
    shutil.copytree(engine.config.index, index)
    config = EngineConfig(corpus=corpus, index=index, cache_dir=engine.config.cache_dir, auto_build=auto_build)
    other = Engine(config)
    other.embedder = engine.embedder
    return other


def test_fixture_engine_is_fresh_and_ready(engine):
    assert engine.ready
    assert engine.index_status() == "fresh"
    assert engine.data.manifest.passages == len(engine.data.passages) > 100


def test_corpus_change_is_detected_and_rebuilt(engine, tmp_path):
    # The first sections of the real corpus: embedding all of it twice would dominate the test time.
    text = (engine.config.corpus / "xiaomi.md").read_text(encoding="utf-8")
    small = text[: text.index("## 小米公司工商注册信息")]
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "xiaomi.md").write_text(small, encoding="utf-8")
    config = EngineConfig(corpus=tmp_path / "corpus", index=tmp_path / "index", cache_dir=engine.config.cache_dir)
    built = Engine(config)
    built.embedder = engine.embedder
    assert "no index" in built.index_status()
    built.warm_up()
    assert built.index_status() == "fresh"
    before = list(built.data.passages)
    assert before == [p for p in engine.data.passages if p.id < "xiaomi#05"]

    with (tmp_path / "corpus" / "xiaomi.md").open("a", encoding="utf-8") as fh:
        fh.write(NEW_SECTION)
    status = built.index_status()
    assert "corpus" in status and "rag index" in status

    old_build = built.data.path
    built.warm_up()
    assert built.index_status() == "fresh"
    assert built.data.path != old_build
    hits = built.search("小米在火星开设的小米之家门店编号是什么？", 3)
    assert "ZX-42" in hits[0].passage.text
    assert hits[0].passage.section == "小米火星计划"
    # Passages of the unchanged sections keep their ids and text.
    assert [p for p in built.data.passages if p.section != "小米火星计划"] == before


def test_stale_index_without_auto_build_raises(engine, tmp_path):
    copy = copy_of(engine, tmp_path, auto_build=False)
    (copy.config.corpus / "extra.md").write_text("## 新文档\n这是一份新加入语料库的文档。\n", encoding="utf-8")
    with pytest.raises(IndexStaleError, match="corpus"):
        copy.warm_up()
    assert not copy.ready


def test_missing_index_without_auto_build_raises(engine, tmp_path):
    copy = copy_of(engine, tmp_path, auto_build=False)
    shutil.rmtree(copy.config.index)
    assert "no index" in copy.index_status()
    with pytest.raises(IndexMissingError):
        copy.warm_up()


def test_model_change_makes_the_index_stale(engine, tmp_path):
    copy = copy_of(engine, tmp_path)
    copy.config.model = "some-other-model"
    status = copy.index_status()
    assert "model" in status and "some-other-model" in status


def test_searching_before_warm_up_is_an_error(engine, tmp_path):
    copy = copy_of(engine, tmp_path)
    with pytest.raises(IndexMissingError, match="warm_up"):
        copy.search("小米", 3)


@pytest.mark.parametrize("question", ["", "   ", "\n\t\u3000", None])
def test_check_question_rejects_empty(question):
    with pytest.raises(QuestionError, match="empty"):
        check_question(question)


def test_check_question_length_limit():
    assert check_question("问" * MAX_QUESTION_CHARS) == "问" * MAX_QUESTION_CHARS
    with pytest.raises(QuestionError, match=str(MAX_QUESTION_CHARS)):
        check_question("问" * (MAX_QUESTION_CHARS + 1))
    # Surrounding whitespace does not count.
    assert check_question("  小米？ \n") == "小米？"
    assert check_question(" " * 50 + "问" * MAX_QUESTION_CHARS + " " * 50) == "问" * MAX_QUESTION_CHARS


def test_engine_checks_questions(engine):
    with pytest.raises(QuestionError):
        engine.search("  ", 3)
    with pytest.raises(QuestionError):
        engine.ask("")
    with pytest.raises(QuestionError):
        engine.search("问" * (MAX_QUESTION_CHARS + 1), 3)


def test_query_embedding_cache_returns_identical_vectors(engine):
    first = engine.embed_query("小米的总部在哪里？")
    again = engine.embed_query("  小米的总部在哪里？ ")
    assert again is first
    assert not first.flags.writeable
    fresh = engine.embedder.embed_queries(["小米的总部在哪里？"])[0]
    np.testing.assert_allclose(first, fresh, atol=1e-6)
    assert np.linalg.norm(first) == pytest.approx(1.0, abs=1e-5)
    other = engine.embed_query("雷军是谁？")
    assert not np.allclose(other, first)


def test_an_optimising_engine_is_ready_before_the_trace_and_answers_the_same(engine, tmp_path):
    from rag.engine import Engine, EngineConfig

    config = engine.config
    fast = Engine(EngineConfig(corpus=config.corpus, index=config.index, cache_dir=config.cache_dir, optimise=True))
    fast.warm_up()
    assert fast.ready and fast.optimiser is not None
    during = fast.ask("小米是哪一年成立的？")  # may run while the trace is being made
    fast.wait_optimised(120)
    assert not fast.optimiser.is_alive()
    assert fast.embedder._traced is not None
    fast.clear_query_cache()
    after = fast.ask("小米是哪一年成立的？")
    assert during.text == after.text and during.grounded
