"""Retrievers: dense (FAISS), keyword (BM25) and their fusion, behind one Protocol."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import faiss
import numpy as np

from .bm25 import BM25Index
from .records import Hit, Passage


class Retriever(Protocol):
    """Anything that ranks passages for a query."""

    def search(self, query: str, k: int) -> list[Hit]: ...


class DenseRetriever:
    """Cosine similarity of e5 vectors, searched with FAISS."""

    name = "dense"

    def __init__(self, passages: Sequence[Passage], index: faiss.Index, embed_query: Callable[[str], np.ndarray]):
        self.passages = passages
        self.index = index
        self.embed_query = embed_query

    def search(self, query: str, k: int) -> list[Hit]:
        return self.search_vector(self.embed_query(query), k)

    def search_vector(self, vector: np.ndarray, k: int) -> list[Hit]:
        k = min(k, len(self.passages))
        if k <= 0:
            return []
        scores, ids = search_one(self.index, np.asarray(vector, dtype=np.float32).reshape(1, -1), k)
        return [
            Hit(self.passages[i], float(s), {self.name: float(s)}, {self.name: rank})
            for rank, (i, s) in enumerate(zip(ids[0], scores[0]), start=1)
            if i >= 0
        ]


def search_one(index: faiss.Index, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """FAISS search for one query vector on the calling thread alone.

    Splitting a single query over an OpenMP team costs more than it saves, and
    under concurrent requests the teams fight for the cores (flat search over
    20k vectors: ~11 ms with a team on a busy 2-core machine, ~1.4 ms without).
    The setting is per thread, so it is restored afterwards.
    """
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return index.search(vector, k)
    finally:
        faiss.omp_set_num_threads(before)


class BM25Retriever:
    """BM25 over jieba tokens."""

    name = "bm25"

    def __init__(self, passages: Sequence[Passage], index: BM25Index, tokenize: Callable[[str], list[str]]):
        self.passages = passages
        self.index = index
        self.tokenize = tokenize

    def search(self, query: str, k: int) -> list[Hit]:
        return [
            Hit(self.passages[i], s, {self.name: s}, {self.name: rank})
            for rank, (i, s) in enumerate(self.index.top_k(self.tokenize(query), k), start=1)
        ]


@dataclass(frozen=True)
class Fusion:
    """Weighted reciprocal-rank fusion: score = Σ wᵢ / (k + rankᵢ), scaled so 1.0 = ranked first by all."""

    k: float = 60.0
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    depth: int = 50

    def weights(self) -> dict[str, float]:
        return {DenseRetriever.name: self.dense_weight, BM25Retriever.name: self.bm25_weight}


class HybridRetriever:
    """Runs dense and BM25 retrieval and fuses their rankings."""

    name = "hybrid"

    def __init__(self, dense: DenseRetriever, bm25: BM25Retriever, fusion: Fusion = Fusion()):
        self.dense = dense
        self.bm25 = bm25
        self.fusion = fusion

    def search(self, query: str, k: int) -> list[Hit]:
        depth = max(k, self.fusion.depth)
        return fuse([self.dense.search(query, depth), self.bm25.search(query, depth)], self.fusion, k)


def fuse(rankings: Sequence[Sequence[Hit]], fusion: Fusion, k: int) -> list[Hit]:
    """Merge per-retriever rankings into one, keeping each retriever's score and rank."""
    weights = fusion.weights()
    best = sum(weights.values()) / (fusion.k + 1)
    merged: dict[str, dict] = {}
    for ranking in rankings:
        for hit in ranking:
            entry = merged.setdefault(hit.passage.id, {"passage": hit.passage, "score": 0.0, "scores": {}, "ranks": {}})
            for name, rank in hit.ranks.items():
                entry["score"] += weights.get(name, 1.0) / (fusion.k + rank)
                entry["ranks"][name] = rank
            entry["scores"].update(hit.scores)
    ordered = sorted(merged.values(), key=lambda e: (-e["score"], e["passage"].id))
    return [Hit(e["passage"], e["score"] / best, e["scores"], e["ranks"]) for e in ordered[:k]]
