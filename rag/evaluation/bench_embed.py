"""One query-embedding variant, timed in its own process (`rag bench` runs it).

Usage: python -m rag.evaluation.bench_embed BACKEND PRECISION THREADS TRACED CACHE_DIR < questions.json

Prints one JSON line: single-question latency (p50/p95 ms) and the per-question
cost when 4 or 8 questions share a call. A fresh process per variant keeps thread
settings and traced graphs from leaking between variants.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .bench_report import summarize


def measure(backend: str, precision: str, threads: int, traced: bool, cache_dir: Path,
            questions: list[str]) -> dict:
    from .. import embedding

    embedder = embedding.make_embedder(backend=backend, cache_dir=cache_dir, threads=threads,
                                       precision=precision).load()
    if traced:
        embedder.optimise()  # else the eager module, as sentence-transformers runs it
    for q in questions[:5]:
        embedder.embed_queries([q])
    single = []
    for q in questions[5:105]:
        start = time.perf_counter()
        embedder.embed_queries([q])
        single.append((time.perf_counter() - start) * 1000)
    out = {"single": summarize(single)}
    for size in (4, 8):
        per_question = []
        for i in range(5, 5 + 32 - size + 1, size):
            start = time.perf_counter()
            embedder.embed_queries(questions[i : i + size])
            per_question.append((time.perf_counter() - start) * 1000 / size)
        out[f"batch_{size}_per_question"] = summarize(per_question)
    return out


def main() -> None:
    backend, precision, threads, traced, cache_dir = sys.argv[1:6]
    questions = json.loads(sys.stdin.read())
    print(json.dumps(measure(backend, precision, int(threads), traced == "1", Path(cache_dir), questions)))


if __name__ == "__main__":
    main()
