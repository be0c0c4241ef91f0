"""Tests for rag.batching: concurrent query embeddings merged into shared model calls."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from rag.batching import QueryBatcher


class SlowModel:
    """Embeds text t as the row [len(t), ord(t[0])], taking `delay` seconds per call."""

    def __init__(self, delay: float = 0.02) -> None:
        self.delay = delay
        self.batches: list[list[str]] = []
        self.running = 0
        self.most_running = 0
        self.lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self.lock:
            self.batches.append(list(texts))
            self.running += 1
            self.most_running = max(self.most_running, self.running)
        time.sleep(self.delay)
        with self.lock:
            self.running -= 1
        return np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32)


def expected(text: str) -> list[float]:
    return [len(text), ord(text[0])]


def ask_concurrently(batcher: QueryBatcher, texts: list[str], workers: int) -> dict[str, np.ndarray]:
    results: dict[str, np.ndarray] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def work(k: int) -> None:
        start.wait()
        for text in texts[k::workers]:
            try:
                results[text] = batcher.embed([text])[0]
            except BaseException as exc:  # collected for the assertion
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    return results


def test_a_lone_call_runs_at_once_as_a_batch_of_one() -> None:
    model = SlowModel(0.0)
    batcher = QueryBatcher(model)
    out = batcher.embed(["小米"])
    assert out.tolist() == [expected("小米")]
    assert model.batches == [["小米"]]
    assert (batcher.calls, batcher.texts) == (1, 1)


def test_concurrent_calls_share_model_calls_and_get_their_own_rows() -> None:
    model = SlowModel()
    batcher = QueryBatcher(model, lanes=1)
    texts = [f"{chr(0x4E00 + i)}问题{'x' * i}" for i in range(48)]
    results = ask_concurrently(batcher, texts, workers=8)
    assert {t: r.tolist() for t, r in results.items()} == {t: expected(t) for t in texts}
    # 48 requests from 8 threads: while one call sleeps, the other seven queue up.
    assert batcher.calls < 48 / 2
    assert sum(len(b) for b in model.batches) == 48
    assert max(len(b) for b in model.batches) <= batcher.max_batch


def test_lanes_run_model_calls_side_by_side_and_split_the_queue() -> None:
    model = SlowModel()
    batcher = QueryBatcher(model, lanes=2)
    texts = [f"q{i}" for i in range(40)]
    results = ask_concurrently(batcher, texts, workers=8)
    assert len(results) == 40
    assert model.most_running == 2
    # A fair share: with 8 waiting and 2 lanes, no call takes all of the queue.
    assert max(len(b) for b in model.batches) <= 4


def test_one_lane_never_runs_two_calls_at_once() -> None:
    model = SlowModel()
    ask_concurrently(QueryBatcher(model, lanes=1), [f"q{i}" for i in range(24)], workers=6)
    assert model.most_running == 1


def test_max_batch_caps_a_call() -> None:
    model = SlowModel()
    ask_concurrently(QueryBatcher(model, max_batch=3), [f"q{i}" for i in range(30)], workers=10)
    assert max(len(b) for b in model.batches) <= 3


def test_a_failed_call_fails_its_callers_and_the_batcher_keeps_working() -> None:
    calls = []

    def flaky(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        if len(calls) == 1:
            raise RuntimeError("model fell over")
        return np.ones((len(texts), 2), dtype=np.float32)

    batcher = QueryBatcher(flaky)
    with pytest.raises(RuntimeError, match="fell over"):
        batcher.embed(["a"])
    assert batcher.embed(["b", "c"]).shape == (2, 2)


def test_several_texts_in_one_call_stay_together() -> None:
    model = SlowModel(0.0)
    out = QueryBatcher(model).embed(["甲", "乙乙", "丙丙丙"])
    assert out.tolist() == [expected("甲"), expected("乙乙"), expected("丙丙丙")]


def test_bad_sizes_are_rejected() -> None:
    with pytest.raises(ValueError):
        QueryBatcher(SlowModel(), max_batch=0)
    with pytest.raises(ValueError):
        QueryBatcher(SlowModel(), lanes=0)
