"""Tests for rag.embedding's torch backend: our encode path, bf16 and the TorchScript trace.

Plain `SentenceTransformer.encode` on the fp32 model is the oracle: every faster
path must give the vectors it gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from rag import embedding
from rag.embedding import SentenceTransformerEmbedder, make_embedder, resolve_precision
from rag.errors import ModelError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

QUESTIONS = ["小米是哪一年成立的？", "雷军是谁", "2,710亿元是哪一年的收入？", "What is 1810.HK?",
             "Redmi Note 7 何时发布"]


def corpus_sentences(limit: int = 120) -> list[str]:
    text = re.sub(r"\s*\[\d+(?:-\d+)?\]", "", (CORPUS / "xiaomi.md").read_text(encoding="utf-8"))
    sentences = [s.strip() for s in re.split(r"[。！？\n]", text) if len(s.strip()) > 4]
    return sentences[:: max(1, len(sentences) // limit)][:limit]


@pytest.fixture(scope="module")
def reference(cache_dir):
    """sentence-transformers' own encode on the fp32 model: (query vectors, document vectors)."""
    from sentence_transformers import SentenceTransformer

    from rag.embedding import resolve_model

    model = SentenceTransformer(str(resolve_model(embedding.DEFAULT_MODEL, cache_dir)), device="cpu",
                                local_files_only=True)
    docs = corpus_sentences()
    q = model.encode(QUESTIONS, prompt_name="query", normalize_embeddings=True)
    d = model.encode(docs, prompt_name="document", normalize_embeddings=True)
    return q, d, docs


@pytest.fixture(scope="module")
def fp32(cache_dir) -> SentenceTransformerEmbedder:
    embedder = make_embedder(cache_dir=cache_dir, precision="fp32").load()
    embedder.optimise()
    return embedder


@pytest.fixture(scope="module")
def bf16(cache_dir) -> SentenceTransformerEmbedder:
    embedder = make_embedder(cache_dir=cache_dir, precision="bf16").load()
    embedder.optimise()
    return embedder


def min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sum(a * b, axis=1).min())


def test_fp32_path_gives_sentence_transformers_vectors(fp32, reference) -> None:
    q, d, docs = reference
    assert fp32._traced is not None, "the default model should run traced"
    assert min_cosine(fp32.embed_queries(QUESTIONS), q) > 0.99999
    assert min_cosine(fp32.embed_documents(docs), d) > 0.99999


def test_bf16_stays_within_cosine_0_9999(bf16, reference) -> None:
    q, d, docs = reference
    assert min_cosine(bf16.embed_queries(QUESTIONS), q) > 0.9999
    assert min_cosine(bf16.embed_documents(docs), d) > 0.9999


def test_traced_and_eager_paths_agree(fp32) -> None:
    traced = fp32.embed_queries(QUESTIONS)
    saved, fp32._traced = fp32._traced, None
    try:
        eager = fp32.embed_queries(QUESTIONS)
    finally:
        fp32._traced = saved
    np.testing.assert_allclose(traced, eager, atol=1e-5)


def test_batched_and_single_queries_agree_and_keep_input_order(bf16) -> None:
    # Batches are sorted by length inside; rows must come back in the caller's order.
    together = bf16.embed_queries(QUESTIONS)
    alone = np.vstack([bf16.embed_queries([q]) for q in QUESTIONS])
    assert together.shape == (len(QUESTIONS), bf16.dim)
    assert min_cosine(together, alone) > 0.9995
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_empty_input_gives_an_empty_matrix(fp32) -> None:
    assert fp32.embed_documents([]).shape == (0, fp32.dim)


def test_precision_auto_follows_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "native_bf16", lambda: True)
    assert resolve_precision("auto") == "bf16"
    monkeypatch.setattr(embedding, "native_bf16", lambda: False)
    assert resolve_precision("auto") == "fp32"
    assert resolve_precision("bf16") == "bf16"


def test_unknown_precision_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="unknown precision 'fp16'"):
        make_embedder(precision="fp16")


def test_loading_does_not_trace_and_optimise_is_idempotent(cache_dir) -> None:
    embedder = make_embedder(cache_dir=cache_dir, precision="bf16").load()
    assert embedder._traced is None  # a one-question command does not pay for the trace
    before = embedder.embed_queries(QUESTIONS)
    embedder.optimise()
    traced = embedder._traced
    assert traced is not None
    embedder.optimise()
    assert embedder._traced is traced
    assert min_cosine(embedder.embed_queries(QUESTIONS), before) > 0.9999


def test_a_model_the_trace_cannot_reproduce_runs_eager(fp32, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    real_trace = torch.jit.trace

    def wrong_trace(module, *args, **kwargs):
        traced = real_trace(module, *args, **kwargs)

        class Off(torch.nn.Module):  # a trace whose output differs from the module's
            def forward(self, **inputs):
                return {"last_hidden_state": traced(**inputs)["last_hidden_state"] + 1.0}

        return Off()

    monkeypatch.setattr(torch.jit, "trace", wrong_trace)
    assert embedding._trace(fp32._model) is None
