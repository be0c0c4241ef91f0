"""Eval reports: JSON results, a Markdown table and a per-type accuracy chart."""

from __future__ import annotations

import json
from pathlib import Path


def _fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def markdown(summary: dict, name: str) -> str:
    """The results as Markdown tables."""
    if not summary["questions"] and summary.get("conversations"):
        return _conversation_markdown(summary, name)
    r = summary["refusal"]
    lines = [
        f"### {name}",
        "",
        f"{summary['questions']} questions ({summary['answerable']} answerable, "
        f"{summary['unanswerable']} unanswerable) over {summary['passages']} passages"
        + (f"; {len(summary['skipped'])} skipped ({', '.join(sorted(set(summary['skipped'].values())))})."
           if summary.get("skipped") else "."),
        "",
        "| metric | value |",
        "|---|---|",
        f"| answer accuracy (gold in answer) | {_fmt(summary['answer_accuracy'])} |",
        f"| exact match (span) | {_fmt(summary['exact_match'])} |",
        f"| F1 (span, CMRC-style) | {_fmt(summary['f1'])} |",
        f"| citation accuracy | {_fmt(summary['citation_accuracy'])} |",
        f"| refusal precision / recall | {_fmt(r['precision'])} / {_fmt(r['recall'])} |",
        f"| false refusals (answerable) | {_fmt(r['false_refusal_rate'])} |",
        f"| longest answer (chars) | {summary['max_answer_chars']} |",
        f"| latency p50 / p95 (ms) | {summary['latency_ms']['p50']} / {summary['latency_ms']['p95']} |",
    ]
    if summary.get("conversations"):
        c = summary["conversations"]
        lines.append(f"| conversations fully right | {c['all_turns_correct']} / {c['count']} |")
        lines.append(f"| conversation turns right | {_fmt(c['turn_accuracy'])} |")
    for slice_name, s in summary.get("slices", {}).items():
        lines.append(f"| {slice_name} questions ({s['questions']}) | {_fmt(s['accuracy'])} |")
    lines += ["", "| retriever | hit@1 | hit@5 | MRR |", "|---|---|---|---|"]
    for retriever, m in summary["retrieval"].items():
        lines.append(f"| {retriever} | {_fmt(m['hit@1'])} | {_fmt(m['hit@5'])} | {_fmt(m['mrr'])} |")
    if len(summary["by_type"]) > 1:
        lines += ["", "| type | questions | accuracy |", "|---|---|---|"]
        for t, m in summary["by_type"].items():
            lines.append(f"| {t} | {m['questions']} | {_fmt(m['accuracy'])} |")
    return "\n".join(lines) + "\n"


def _conversation_markdown(summary: dict, name: str) -> str:
    c = summary["conversations"]
    return "\n".join([
        f"### {name}",
        "",
        f"{c['count']} conversations over {summary['passages']} passages; a conversation is right when every turn is.",
        "",
        "| metric | value |",
        "|---|---|",
        f"| conversations fully right | {c['all_turns_correct']} / {c['count']} |",
        f"| conversation turns right | {_fmt(c['turn_accuracy'])} |",
        f"| latency p50 / p95 (ms) | {summary['latency_ms']['p50']} / {summary['latency_ms']['p95']} |",
    ]) + "\n"


def chart(summary: dict, path: Path, name: str) -> None:
    """Bar chart of answer accuracy per question type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(summary["by_type"])
    values = [summary["by_type"][t]["accuracy"] or 0 for t in types]
    fig, ax = plt.subplots(figsize=(max(4, len(types) * 0.9), 3.2))
    ax.bar(types, values, color="#4a7fb5")
    for i, v in enumerate(values):
        ax.text(i, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("answer accuracy")
    ax.set_title(f"{name}: accuracy by question type")
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_reports(summary: dict, out: Path, name: str) -> dict[str, Path]:
    """Write `<name>.json`, `<name>.md` and `<name>.png` under out."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / f"{name}.json", "markdown": out / f"{name}.md", "chart": out / f"{name}.png"}
    paths["json"].write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    paths["markdown"].write_text(markdown(summary, name), encoding="utf-8")
    chart(summary, paths["chart"], name)
    return paths
