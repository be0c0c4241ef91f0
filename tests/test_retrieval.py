"""Tests for rag.retrieval: dense and BM25 retrievers against hand-made oracles, RRF fusion by hand."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from rag.bm25 import BM25Index
from rag.index import faiss_index_for
from rag.records import Hit, Passage
from rag.retrieval import BM25Retriever, DenseRetriever, Fusion, HybridRetriever, fuse
from rag.tokenizer import tokenize

TEXTS = [
    "小米在香港交易所上市",
    "雷军创办了小米公司",
    "小米发布了新手机",
    "华为发布了新平板",
    "北京的天气很好",
    "香港的交易所很大",
]
PASSAGES = [Passage(f"demo#01.{i:02d}", "demo", "测试", t) for i, t in enumerate(TEXTS, start=1)]
ALPHABET = sorted({c for t in TEXTS for c in t})


def embed(text: str) -> np.ndarray:
    """Bag of characters over the passages' alphabet, scaled to unit length."""
    counts = Counter(c for c in text if c in ALPHABET)
    vector = np.array([counts[c] for c in ALPHABET], dtype=np.float32)
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


def cosine_by_hand(a: str, b: str) -> float:
    ca, cb = Counter(c for c in a if c in ALPHABET), Counter(c for c in b if c in ALPHABET)
    dot = sum(ca[c] * cb[c] for c in ca)
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


@pytest.fixture
def dense() -> DenseRetriever:
    vectors = np.vstack([embed(t) for t in TEXTS])
    return DenseRetriever(PASSAGES, faiss_index_for(vectors), embed)


@pytest.fixture
def bm25() -> BM25Retriever:
    return BM25Retriever(PASSAGES, BM25Index.build([tokenize(t) for t in TEXTS]), tokenize)


# -- dense --------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["小米上市", "香港交易所", "发布新手机", "北京天气", "雷军"])
def test_dense_ranks_by_cosine(dense, query):
    hits = dense.search(query, len(TEXTS))
    expected = sorted(range(len(TEXTS)), key=lambda i: -cosine_by_hand(query, TEXTS[i]))
    got_scores = [h.score for h in hits]
    assert got_scores == pytest.approx([cosine_by_hand(query, TEXTS[i]) for i in expected], abs=1e-6)
    for hit in hits:
        assert hit.score == pytest.approx(cosine_by_hand(query, hit.passage.text), abs=1e-6)
    # Exact ties may come back in either order; distinct scores must not.
    assert got_scores == sorted(got_scores, reverse=True)
    assert [h.passage for h in hits][0] == PASSAGES[expected[0]]


def test_dense_equals_numpy_on_the_same_vectors(dense):
    vectors = np.vstack([embed(t) for t in TEXTS])
    query = embed("小米手机")
    order = np.argsort(-(vectors @ query), kind="stable")[:3]
    hits = dense.search_vector(query, 3)
    assert [h.passage.id for h in hits] == [PASSAGES[i].id for i in order]


def test_dense_hits_carry_score_and_rank(dense):
    hits = dense.search("小米上市", 3)
    assert [h.ranks for h in hits] == [{"dense": 1}, {"dense": 2}, {"dense": 3}]
    assert all(h.scores == {"dense": h.score} for h in hits)


def test_dense_k_larger_than_corpus_and_zero(dense):
    assert len(dense.search("小米", 100)) == len(TEXTS)
    assert dense.search("小米", 0) == []


# -- BM25 ---------------------------------------------------------------------------


def test_bm25_retriever_follows_the_index(bm25):
    query = "小米在香港上市"
    top = bm25.index.top_k(tokenize(query), 4)
    hits = bm25.search(query, 4)
    assert [(h.passage, h.score) for h in hits] == [(PASSAGES[i], s) for i, s in top]
    assert [h.ranks for h in hits] == [{"bm25": r} for r in range(1, len(hits) + 1)]
    assert all(h.scores == {"bm25": h.score} for h in hits)
    assert hits[0].passage.text == "小米在香港交易所上市"


def test_bm25_returns_only_matching_passages(bm25):
    hits = bm25.search("天气", 10)
    assert [h.passage.text for h in hits] == ["北京的天气很好"]
    assert bm25.search("完全无关的词汇", 10) == []


# -- fusion -------------------------------------------------------------------------


def hit(passage: Passage, retriever: str, rank: int, score: float) -> Hit:
    return Hit(passage, score, {retriever: score}, {retriever: rank})


def test_fuse_is_weighted_rrf_by_hand():
    a, b, c, d = PASSAGES[:4]
    dense_ranking = [hit(a, "dense", 1, 0.9), hit(b, "dense", 2, 0.8), hit(c, "dense", 3, 0.7)]
    bm25_ranking = [hit(b, "bm25", 1, 7.0), hit(d, "bm25", 2, 3.0)]
    fusion = Fusion(k=60, dense_weight=1.0, bm25_weight=0.5)
    best = (1.0 + 0.5) / 61
    expected = {
        b.id: (1 / 62 + 0.5 / 61) / best,
        a.id: (1 / 61) / best,
        c.id: (1 / 63) / best,
        d.id: (0.5 / 62) / best,
    }
    fused = fuse([dense_ranking, bm25_ranking], fusion, 10)
    assert [h.passage.id for h in fused] == [b.id, a.id, c.id, d.id]
    assert [h.score for h in fused] == pytest.approx([expected[h.passage.id] for h in fused])
    assert fused[0].ranks == {"dense": 2, "bm25": 1}
    assert fused[0].scores == {"dense": 0.8, "bm25": 7.0}
    assert fused[1].ranks == {"dense": 1}
    assert fused[3].ranks == {"bm25": 2}
    assert [h.passage.id for h in fuse([dense_ranking, bm25_ranking], fusion, 2)] == [b.id, a.id]


def test_fuse_scores_one_for_first_in_both_and_ties_by_id():
    a, b = PASSAGES[:2]
    fusion = Fusion(k=10)
    fused = fuse([[hit(a, "dense", 1, 0.5)], [hit(a, "bm25", 1, 2.0)]], fusion, 5)
    assert fused[0].score == pytest.approx(1.0)
    # Same rank from one retriever each: equal scores, listed by passage id.
    fused = fuse([[hit(b, "dense", 1, 0.5)], [hit(a, "bm25", 1, 2.0)]], fusion, 5)
    assert [h.passage.id for h in fused] == [a.id, b.id]
    assert fused[0].score == pytest.approx(fused[1].score) == pytest.approx(0.5)


def test_hybrid_keeps_each_retrievers_rank_and_score(dense, bm25):
    hybrid = HybridRetriever(dense, bm25, Fusion(depth=6))
    query = "小米在香港上市"
    fused = hybrid.search(query, 6)
    dense_hits = {h.passage.id: h for h in dense.search(query, 6)}
    bm25_hits = {h.passage.id: h for h in bm25.search(query, 6)}
    assert {h.passage.id for h in fused} == set(dense_hits) | set(bm25_hits)
    for h in fused:
        expected_score = 0.0
        for name, hits in (("dense", dense_hits), ("bm25", bm25_hits)):
            if h.passage.id in hits:
                assert h.ranks[name] == hits[h.passage.id].ranks[name]
                assert h.scores[name] == pytest.approx(hits[h.passage.id].score)
                expected_score += 1 / (60 + h.ranks[name])
            else:
                assert name not in h.ranks
        assert h.score == pytest.approx(expected_score / (2 / 61))
    assert fused[0].passage.text == "小米在香港交易所上市"


# -- the real engine ----------------------------------------------------------------


def test_real_hybrid_finds_the_listing(engine):
    hits = engine.search("小米在香港交易所上市是哪一天？", 5)
    assert len(hits) == 5
    assert any("1810.HK" in h.passage.text for h in hits[:3])
    assert all(set(h.ranks) <= {"dense", "bm25"} and h.ranks for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("name", ["dense", "bm25"])
def test_real_single_retrievers_return_results(engine, name):
    hits = engine.search("小米在香港交易所上市是哪一天？", 5, retriever=name)
    assert len(hits) == 5
    assert all(set(h.ranks) == {name} for h in hits)
    assert any("1810.HK" in h.passage.text for h in hits)


def test_real_dense_scores_are_cosines(engine):
    query = "雷军是哪一年出生的？"
    hits = engine.search(query, 3, retriever="dense")
    q = engine.embed_query(query)
    vectors = np.load(engine.data.path / "vectors.npy")
    ids = {p.id: i for i, p in enumerate(engine.data.passages)}
    expected = np.sort(vectors @ q)[::-1][:3]
    assert [h.score for h in hits] == pytest.approx(list(expected), abs=1e-5)
    for h in hits:
        assert h.score == pytest.approx(float(vectors[ids[h.passage.id]] @ q), abs=1e-5)


def test_unknown_retriever_name(engine):
    with pytest.raises(ValueError, match="unknown retriever"):
        engine.search("小米", 3, retriever="magic")
