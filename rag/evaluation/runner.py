"""`rag eval`: ask every question of a dataset, score answers, retrieval and refusals, write reports."""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from ..conversation import Turn
from ..embedding import default_cache_dir
from ..engine import Engine, EngineConfig
from ..records import Answer, Hit, Passage
from .datasets import Dataset, EvalQuestion, load_dataset
from .metrics import contains_answer, exact_match, f1_score, percentile, reciprocal_rank
from .report import write_reports

RETRIEVERS = ("dense", "bm25", "hybrid")


@dataclass
class Outcome:
    """Everything measured for one question."""

    question: EvalQuestion
    answer: Answer
    seconds: float
    relevant: dict[str, list[bool]]
    conversation: str | None = None

    @property
    def refused(self) -> bool:
        return not self.answer.grounded

    @property
    def correct(self) -> bool:
        q = self.question
        if not q.answerable:
            return self.refused
        if self.refused:
            return False
        if q.list_items:
            return all(contains_answer(self.answer.text, [item]) for item in q.list_items) or contains_answer(
                self.answer.text, q.answers
            )
        return contains_answer(self.answer.text, q.answers)

    @property
    def citation_ok(self) -> bool:
        return any(is_relevant(c.passage, self.question) for c in self.answer.citations)


def is_relevant(passage: Passage, q: EvalQuestion) -> bool:
    """A passage holds the answer: it is the gold document (SQuAD), or in a gold section and contains an answer."""
    if q.doc is not None:
        return passage.doc == q.doc
    if q.sections and passage.section not in q.sections:
        return False
    return contains_answer(passage.text, q.answers)


def _relevance(hits: list[Hit], q: EvalQuestion) -> list[bool]:
    return [is_relevant(h.passage, q) for h in hits]


def prepare_corpus(data: Dataset, cache_dir: Path) -> tuple[Path, Path]:
    """Write a SQuAD dataset's paragraphs as a corpus folder (once) and return (corpus, index)."""
    digest = hashlib.sha256(json.dumps(data.documents, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    root = cache_dir / "eval" / f"{data.name}-{digest}"
    corpus = root / "corpus"
    if not (root / ".complete").is_file():
        corpus.mkdir(parents=True, exist_ok=True)
        for doc_id, text in data.documents.items():
            (corpus / f"{doc_id}.md").write_text(text, encoding="utf-8")
        (root / ".complete").write_text("ok", encoding="utf-8")
    return corpus, root / "index"


def evaluate(engine: Engine, data: Dataset, split: str | None = None, limit: int | None = None,
             progress: bool = True) -> list[Outcome]:
    """Ask every question (and conversation turn) and record the outcomes."""
    questions = [q for q in data.questions if split is None or q.split == split]
    conversations = [c for c in data.conversations if split is None or c.split == split]
    if limit is not None:
        questions = questions[:limit]
        conversations = conversations[:limit]
    total = len(questions) + sum(len(c.turns) for c in conversations)
    bar = tqdm(total=total, desc="eval", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    outcomes = []

    def run(q: EvalQuestion, history: list[Turn], conversation: str | None) -> Outcome:
        start = time.perf_counter()
        answer = engine.ask(q.question, history)
        seconds = time.perf_counter() - start
        query = engine.answerer.query_text_for(answer.resolved_question)
        relevant = {name: _relevance(engine.retriever(name).search(query, 5), q) for name in RETRIEVERS}
        bar.update(1)
        return Outcome(q, answer, seconds, relevant, conversation)

    for q in questions:
        outcomes.append(run(q, [], None))
    for conv in conversations:
        history: list[Turn] = []
        for turn in conv.turns:
            outcome = run(turn, history, conv.id)
            outcomes.append(outcome)
            history.append(Turn.after(outcome.answer))
    bar.close()
    return outcomes


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarise(outcomes: list[Outcome]) -> dict:
    """All metrics for a list of outcomes."""
    single = [o for o in outcomes if o.conversation is None]
    answerable = [o for o in single if o.question.answerable]
    unanswerable = [o for o in single if not o.question.answerable]
    grounded = [o for o in answerable if not o.refused]
    refused = [o for o in single if o.refused]
    retrieval = {}
    for name in RETRIEVERS:
        rel = [o.relevant[name] for o in answerable]
        retrieval[name] = {
            "hit@1": _rate(sum(r[:1] == [True] for r in rel), len(rel)),
            "hit@5": _rate(sum(any(r[:5]) for r in rel), len(rel)),
            "mrr": round(sum(reciprocal_rank(r) for r in rel) / len(rel), 4) if rel else None,
        }
    by_type: dict[str, list[Outcome]] = defaultdict(list)
    for o in answerable:
        by_type[o.question.type or "all"].append(o)
    conversations: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if o.conversation:
            conversations[o.conversation].append(o)
    latencies = [o.seconds * 1000 for o in outcomes]
    slices = {
        name: {"questions": len(group), "accuracy": _rate(sum(o.correct for o in group), len(group))}
        for name, group in {
            "english": [o for o in answerable if o.question.lang == "en"],
            "colloquial": [o for o in answerable if o.question.style == "colloquial"],
        }.items()
        if group
    }
    return {
        "questions": len(single),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "answer_accuracy": _rate(sum(o.correct for o in answerable), len(answerable)),
        "exact_match": round(sum(exact_match(o.answer.span or "", o.question.answers) for o in answerable)
                             / len(answerable), 4) if answerable else None,
        "f1": round(sum(f1_score(o.answer.span or "", o.question.answers) for o in answerable)
                    / len(answerable), 4) if answerable else None,
        "citation_accuracy": _rate(sum(o.citation_ok for o in grounded), len(grounded)),
        "refusal": {
            "precision": _rate(sum(not o.question.answerable for o in refused), len(refused)),
            "recall": _rate(sum(o.refused for o in unanswerable), len(unanswerable)),
            "false_refusal_rate": _rate(sum(o.refused for o in answerable), len(answerable)),
        },
        "max_answer_chars": max((len(o.answer.text) for o in single), default=0),
        "retrieval": retrieval,
        "by_type": {
            t: {"questions": len(g), "accuracy": _rate(sum(o.correct for o in g), len(g))}
            for t, g in sorted(by_type.items())
        },
        "slices": slices,
        "conversations": {
            "count": len(conversations),
            "all_turns_correct": sum(all(o.correct for o in turns) for turns in conversations.values()),
            "turn_accuracy": _rate(sum(o.correct for turns in conversations.values() for o in turns),
                                   sum(len(t) for t in conversations.values())),
        } if conversations else None,
        "latency_ms": {"p50": round(percentile(latencies, 50), 2), "p95": round(percentile(latencies, 95), 2)},
    }


def prediction_record(o: Outcome) -> dict:
    """One line of `--predictions`: the question, gold and the full answer object."""
    return {
        "id": o.question.id,
        "conversation": o.conversation,
        "question": o.question.question,
        "gold": list(o.question.answers),
        "answerable": o.question.answerable,
        "type": o.question.type,
        "correct": o.correct,
        "retrieval": {k: v.index(True) + 1 if True in v else None for k, v in o.relevant.items()},
        "latency_ms": round(o.seconds * 1000, 2),
        **o.answer.to_dict(),
    }


def run_eval(args) -> int:
    """The `rag eval` command."""
    data = load_dataset(args.dataset)
    cache_dir = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    corpus, index = Path(args.corpus), Path(args.index)
    if data.documents is not None:
        corpus, index = prepare_corpus(data, cache_dir)
    from ..progress import StageProgress

    engine = Engine(EngineConfig(corpus=corpus, index=index, model=args.model, backend=args.backend,
                                 precision=args.precision, cache_dir=cache_dir, optimise=True))
    progress = StageProgress(enabled=not args.quiet)
    engine.warm_up(progress)
    engine.wait_optimised()  # latencies then reflect the model as a server runs it
    progress.close()
    outcomes = evaluate(engine, data, args.split, args.limit, progress=not args.quiet)
    name = args.name or (data.name + (f"-{args.split}" if args.split else ""))
    summary = {"dataset": str(args.dataset), "split": args.split, "model": engine.config.model,
               "backend": engine.config.backend, "passages": len(engine.data.passages), **summarise(outcomes),
               "skipped": data.skipped}
    paths = write_reports(summary, Path(args.out), name)
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as fh:
            for o in outcomes:
                fh.write(json.dumps(prediction_record(o), ensure_ascii=False) + "\n")
    print(paths["markdown"].read_text(encoding="utf-8"))
    print("wrote " + ", ".join(str(p) for p in paths.values()), file=sys.stderr)
    return 0
