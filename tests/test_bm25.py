"""Tests for rag.bm25: scores equal rank_bm25's BM25Okapi on the same tokens, and a case done by hand."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from rag.bm25 import BM25Index, BM25Params
from rag.chunking import chunk_corpus
from rag.corpus import load_corpus
from rag.tokenizer import tokenize

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

QUESTIONS = [
    "小米在香港交易所上市是哪一天？",
    "小米是哪一年成立的？",
    "雷军出生在哪里？",
    "小米的创始人是谁？",
    "小米公司的注册资本是多少？",
    "统一社会信用代码",
    "1810.HK",
    "Redmi Note 7 什么时候发布？",
    "2023年小米集团总收入是多少？",
    "小米汽车 造车",
    "林斌 毕业于哪所大学",
    "小米之家 零售店",
    "小米和徕卡合作",
    "小米的企业文化是什么",
    "福布斯 全球数字经济100强",
    "Xiaomi Corporation",
    "小米手机1 正式发布",
    "MIUI 内测版",
    "卢伟冰 清华大学 化学系",
    "小米澎湃芯片",
    "小米 小米 小米 手机",  # repeated tokens count again in both implementations
    "世界500强 排名",
    "北京市海淀区 西二旗",
    "融资 估值 美元",
    "小米 公司",
]


@pytest.fixture(scope="module")
def corpus_tokens() -> list[list[str]]:
    passages = chunk_corpus(load_corpus(CORPUS).documents)
    return [tokenize(f"{p.section} {p.text}") for p in passages]


@pytest.fixture(scope="module")
def ours(corpus_tokens) -> BM25Index:
    return BM25Index.build(corpus_tokens)


@pytest.fixture(scope="module")
def reference(corpus_tokens) -> BM25Okapi:
    return BM25Okapi(corpus_tokens)


def common_terms(corpus_tokens) -> list[str]:
    """Terms in more than half of the passages: BM25Okapi's idf is negative for them."""
    n = len(corpus_tokens)
    df: dict[str, int] = {}
    for tokens in corpus_tokens:
        for t in set(tokens):
            df[t] = df.get(t, 0) + 1
    return sorted(t for t, f in df.items() if f > n / 2)


def test_real_corpus_has_terms_with_negative_idf(corpus_tokens, reference):
    common = common_terms(corpus_tokens)
    assert "小米" in common
    # rank_bm25 replaced their negative idf by the epsilon floor.
    assert all(reference.idf[t] == pytest.approx(0.25 * reference.average_idf) for t in common)


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_equal_rank_bm25_on_real_corpus(question, ours, reference):
    query = tokenize(question)
    assert query
    np.testing.assert_allclose(ours.scores(query), reference.get_scores(query), rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize(
    "query",
    [
        ["小米"],  # negative idf, floored
        ["小米", "公司", "手机"],
        ["量子引力", "zzzz"],  # unknown terms only
        ["量子引力", "雷军"],  # unknown and known
        ["雷军", "雷军"],
        [],
    ],
)
def test_scores_equal_rank_bm25_for_token_lists(query, ours, reference):
    np.testing.assert_allclose(ours.scores(query), reference.get_scores(query), rtol=1e-5, atol=1e-8)


def test_scores_equal_rank_bm25_with_other_parameters(corpus_tokens):
    params = BM25Params(k1=1.2, b=0.5, epsilon=0.1)
    ours = BM25Index.build(corpus_tokens, params)
    reference = BM25Okapi(corpus_tokens, k1=1.2, b=0.5, epsilon=0.1)
    for question in QUESTIONS[:5]:
        query = tokenize(question)
        np.testing.assert_allclose(ours.scores(query), reference.get_scores(query), rtol=1e-5, atol=1e-8)


def test_unknown_terms_score_zero(ours):
    assert not ours.scores(["量子引力", "zzzz"]).any()
    assert ours.top_k(["量子引力"], 5) == []


def test_top_k_is_the_reference_ranking(ours, reference):
    for question in QUESTIONS:
        query = tokenize(question)
        expected_scores = reference.get_scores(query)
        top = ours.top_k(query, 10)
        positive = int((expected_scores > 0).sum())
        assert len(top) == min(10, positive)
        ids, scores = [i for i, _ in top], [s for _, s in top]
        assert len(set(ids)) == len(ids)
        np.testing.assert_allclose(scores, expected_scores[ids], rtol=1e-5)
        np.testing.assert_allclose(scores, np.sort(expected_scores)[::-1][: len(top)], rtol=1e-5)
        assert all(s > 0 for s in scores)
        assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)


# -- a case worked out by hand ------------------------------------------------------

DOCS = [
    ["小米", "手机"],
    ["小米", "汽车", "汽车"],
    ["小米", "电视"],
    ["华为", "手机", "平板"],
]


def test_hand_computed_scores():
    k1, b, eps = 1.5, 0.75, 0.25
    n = 4
    avgdl = (2 + 3 + 2 + 3) / 4

    def idf(df: int) -> float:
        return math.log((n - df + 0.5) / (df + 0.5))

    # 小米 is in 3 of 4 docs: log(1.5/3.5) < 0, so it is floored at eps × mean idf over
    # the six terms (小米: 3 docs, 手机: 2, 汽车/电视/华为/平板: 1).
    assert idf(3) < 0
    mean_idf = (idf(3) + idf(2) + 4 * idf(1)) / 6
    idf_xiaomi = eps * mean_idf

    def term(idf_value: float, tf: int, dl: int) -> float:
        return idf_value * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))

    expected = [
        term(idf_xiaomi, 1, 2),
        term(idf(1), 2, 3) + term(idf_xiaomi, 1, 3),
        term(idf_xiaomi, 1, 2),
        0.0,
    ]
    index = BM25Index.build(DOCS)
    np.testing.assert_allclose(index.scores(["汽车", "小米"]), expected, rtol=1e-6)
    np.testing.assert_allclose(index.scores(["汽车", "小米"]), BM25Okapi(DOCS).get_scores(["汽车", "小米"]))

    # d1 first; d0 and d2 tie and keep corpus order; d3 scores 0 and is left out.
    top = index.top_k(["汽车", "小米"], 10)
    assert [i for i, _ in top] == [1, 0, 2]
    assert [s for _, s in top] == pytest.approx([expected[1], expected[0], expected[2]])
    assert index.top_k(["汽车", "小米"], 1) == [(1, pytest.approx(expected[1]))]


def test_term_in_exactly_half_the_docs_has_zero_idf_and_is_never_returned():
    index = BM25Index.build(DOCS)
    # 手机 is in 2 of 4 docs: log(2.5 / 2.5) = 0.
    assert not index.scores(["手机"]).any()
    assert index.top_k(["手机"], 4) == []


def test_empty_index_and_non_positive_k():
    empty = BM25Index.build([])
    assert empty.scores(["小米"]).shape == (0,)
    assert empty.top_k(["小米"], 5) == []
    assert BM25Index.build(DOCS).top_k(["汽车"], 0) == []


def test_arrays_round_trip_gives_the_same_scores():
    index = BM25Index.build(DOCS)
    again = BM25Index(dict(index.vocab), params=index.params, **index.arrays())
    np.testing.assert_array_equal(again.scores(["汽车", "小米", "平板"]), index.scores(["汽车", "小米", "平板"]))
