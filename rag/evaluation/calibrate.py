"""`rag calibrate`: fit the refusal model on a split of our eval set (the dev split, never the test split)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from tqdm import tqdm

from ..embedding import default_cache_dir
from ..engine import Engine, EngineConfig
from ..refusal import MODEL_PATH, fit
from .datasets import load_dataset

MAX_FALSE_REFUSALS = 0.04
L2_CHOICES = (1.0, 10.0, 50.0, 200.0)
FOLDS = 5


def out_of_fold(rows: list[dict[str, float]], labels: list[int], l2: float) -> list[float]:
    """Probabilities for each row from a model fitted without it (k-fold by position)."""
    probabilities = [0.0] * len(rows)
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if i % FOLDS != fold]
        model = fit([rows[i] for i in train], [labels[i] for i in train], l2=l2)
        for i in range(fold, len(rows), FOLDS):
            probabilities[i] = model.probability(rows[i])
    return probabilities


def log_loss(probabilities: list[float], labels: list[int]) -> float:
    """Mean negative log-likelihood of the labels."""
    eps = 1e-9
    return -sum(math.log(max(p, eps) if y else max(1 - p, eps)) for p, y in zip(probabilities, labels)) / len(labels)


def choose_threshold(probabilities: list[float], labels: list[int], max_false_refusals: float) -> float:
    """The highest threshold whose false-refusal rate on answerable questions stays within the limit."""
    answerable = sorted(p for p, y in zip(probabilities, labels) if y == 1)
    if not answerable:
        return 0.5
    allowed = int(max_false_refusals * len(answerable))
    # Refusing the `allowed` least confident answerable questions is the most we accept.
    return answerable[allowed] if allowed < len(answerable) else answerable[-1]


def run_calibrate(args) -> int:
    """Compute features on the chosen split, fit, pick the threshold and save the model."""
    if args.split == "test":
        print("rag: error: calibrating on the held-out test split would make its numbers meaningless", file=sys.stderr)
        return 2
    questions = [q for path in args.dataset for q in load_dataset(path).questions
                 if args.split is None or q.split == args.split]
    cache_dir = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    engine = Engine(EngineConfig(corpus=Path(args.corpus), index=Path(args.index), model=args.model,
                                 backend=args.backend, precision=args.precision, cache_dir=cache_dir)).warm_up()
    rows, labels = [], []
    for q in tqdm(questions, desc="features", file=sys.stderr, disable=args.quiet):
        decision = engine.answerer.decide(q.question)
        if decision.features:
            rows.append(decision.features)
            labels.append(int(q.answerable))
    # Regularisation and threshold are chosen on out-of-fold probabilities, so they
    # reflect questions the model has not seen rather than its fit to the dev split.
    losses = {l2: log_loss(out_of_fold(rows, labels, l2), labels) for l2 in L2_CHOICES}
    l2 = min(losses, key=losses.get)
    probabilities = out_of_fold(rows, labels, l2)
    threshold = choose_threshold(probabilities, labels, args.max_false_refusals)
    model = fit(rows, labels, l2=l2)
    model = type(model)(**{**model.__dict__, "threshold": threshold})
    out = Path(args.output) if args.output else MODEL_PATH
    model.save(out)
    refused = [p < threshold for p in probabilities]
    unanswerable = [not y for y in labels]
    recall = sum(r and u for r, u in zip(refused, unanswerable)) / max(sum(unanswerable), 1)
    false_refusals = sum(r and not u for r, u in zip(refused, unanswerable)) / max(len(labels) - sum(unanswerable), 1)
    print(json.dumps({"questions": len(rows), "l2": l2, "threshold": round(threshold, 4),
                      "out_of_fold": {"refusal_recall": round(recall, 3),
                                      "false_refusal_rate": round(false_refusals, 3)},
                      "weights": dict(zip(model.features, (round(w, 3) for w in model.weights)))},
                     ensure_ascii=False, indent=2))
    print(f"wrote {out}", file=sys.stderr)
    return 0
