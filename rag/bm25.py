"""Okapi BM25 over pre-tokenised passages, stored as plain numpy arrays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BM25Params:
    """BM25 parameters; defaults match rank_bm25's BM25Okapi."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


class BM25Index:
    """An inverted index with BM25Okapi scoring.

    Postings are kept as CSR-style arrays (term → slice of doc ids and term
    frequencies), so the index saves as `.npy` files and scores a query with a
    few vectorised numpy operations.
    """

    def __init__(
        self,
        vocab: dict[str, int],
        offsets: np.ndarray,
        doc_ids: np.ndarray,
        tfs: np.ndarray,
        doc_lens: np.ndarray,
        params: BM25Params = BM25Params(),
    ) -> None:
        self.vocab = vocab
        self.offsets = offsets
        self.doc_ids = doc_ids
        self.tfs = tfs
        self.doc_lens = doc_lens
        self.params = params
        self.n_docs = len(doc_lens)
        self.avgdl = float(doc_lens.mean()) if self.n_docs else 0.0
        self.idf = self._idf(np.diff(offsets))
        self._norm = params.k1 * (1 - params.b + params.b * doc_lens / max(self.avgdl, 1e-9))

    @classmethod
    def build(cls, corpus_tokens: Sequence[Sequence[str]], params: BM25Params = BM25Params()) -> BM25Index:
        """Index tokenised passages (one token list per passage)."""
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc, tokens in enumerate(corpus_tokens):
            for term, tf in Counter(tokens).items():
                postings.setdefault(term, []).append((doc, tf))
        terms = sorted(postings)
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        for i, term in enumerate(terms):
            offsets[i + 1] = offsets[i] + len(postings[term])
        doc_ids = np.fromiter((d for t in terms for d, _ in postings[t]), dtype=np.int32, count=int(offsets[-1]))
        tfs = np.fromiter((f for t in terms for _, f in postings[t]), dtype=np.float32, count=int(offsets[-1]))
        doc_lens = np.array([len(t) for t in corpus_tokens], dtype=np.float32)
        return cls({t: i for i, t in enumerate(terms)}, offsets, doc_ids, tfs, doc_lens, params)

    def _idf(self, doc_freqs: np.ndarray) -> np.ndarray:
        # BM25Okapi's idf can go negative for terms in over half the passages;
        # like rank_bm25 those are floored at epsilon × the mean idf.
        n = self.n_docs
        idf = np.log((n - doc_freqs + 0.5) / (doc_freqs + 0.5)).astype(np.float64)
        if len(idf):
            floor = self.params.epsilon * float(idf.mean())
            idf[idf < 0] = floor
        return idf

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage for the query tokens (repeated tokens count again)."""
        out = np.zeros(self.n_docs, dtype=np.float64)
        k1 = self.params.k1
        for term in query_tokens:
            t = self.vocab.get(term)
            if t is None:
                continue
            lo, hi = self.offsets[t], self.offsets[t + 1]
            docs, tf = self.doc_ids[lo:hi], self.tfs[lo:hi]
            out[docs] += self.idf[t] * tf * (k1 + 1) / (tf + self._norm[docs])
        return out

    def top_k(self, query_tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Indices and scores of the k best passages with a positive score."""
        scores = self.scores(query_tokens)
        k = min(k, self.n_docs)
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.lexsort((best, -scores[best]))]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]

    def arrays(self) -> dict[str, np.ndarray]:
        """Arrays to save; the vocabulary is saved separately as JSON."""
        return {"offsets": self.offsets, "doc_ids": self.doc_ids, "tfs": self.tfs, "doc_lens": self.doc_lens}

