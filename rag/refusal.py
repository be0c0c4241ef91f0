"""When to refuse: a small logistic model over evidence features, fitted on the dev questions."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

FEATURES = (
    "coverage",
    "context_coverage",
    "dense",
    "fused",
    "span_found",
    "proximity",
    "unknown_share",
    "missing",
    "english",
    "top_term",
    "sentence_required",
    "heavy_in_sentence",
    "novel",
    "evidence_margin",
    "retrievers_agree",
)
MODEL_PATH = Path(__file__).with_name("refusal_model.json")


@dataclass(frozen=True)
class RefusalModel:
    """Logistic regression on standardised features; answer when p(answerable) ≥ threshold."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    features: tuple[str, ...] = FEATURES

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(
            w * (features[name] - m) / s
            for w, name, m, s in zip(self.weights, self.features, self.mean, self.scale)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RefusalModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = 0.5, steps: int = 3000) -> RefusalModel:
    """Fit the model by gradient descent (deterministic); the threshold is set by the caller."""
    x = np.array([[r[f] for f in FEATURES] for r in rows], dtype=np.float64)
    y = np.array(labels, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    b = 0.0
    # Classes are unbalanced (few unanswerable questions); weight them equally.
    sample = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        grad = p - y
        w -= 0.1 * ((z.T @ (grad * sample)) / len(y) + l2 * w / len(y))
        b -= 0.1 * float((grad * sample).mean())
    return RefusalModel(tuple(map(float, w)), float(b), tuple(map(float, mean)), tuple(map(float, scale)), 0.5)
