"""Coalesce concurrent query embeddings into one model call.

A transformer embeds four short queries together in about twice the time of one
(measured by `rag bench`), so a server under concurrent load answers more requests
per second when the queries that arrive while the model is busy are embedded as one
batch. A lone query is never delayed: there is no timer, the caller that finds a
free lane runs at once with whatever is queued.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

EmbedFn = Callable[[list[str]], np.ndarray]


class _Request:
    __slots__ = ("texts", "vectors", "error", "done")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = False


class QueryBatcher:
    """Thread-safe `embed(texts)` that merges calls made while the model is busy.

    Up to `lanes` model calls run at once (one per core when each call uses one
    thread). A caller that finds a free lane embeds queued requests, up to a fair
    share of the queue and `max_batch` texts, in one call and hands each caller its
    rows; every other caller sleeps until its own request is done or a lane frees.
    """

    def __init__(self, embed: EmbedFn, max_batch: int = 16, lanes: int = 1) -> None:
        if max_batch < 1 or lanes < 1:
            raise ValueError(f"max_batch and lanes must be at least 1, got {max_batch} and {lanes}")
        self._embed = embed
        self.max_batch = max_batch
        self.lanes = lanes
        self._queue: list[_Request] = []
        self._free = lanes
        self._changed = threading.Condition()
        self.calls = 0  # model calls made, for tests and benchmarks
        self.texts = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        request = _Request(list(texts))
        with self._changed:
            self._queue.append(request)
            while not request.done:
                batch = self._take() if self._free else []
                if not batch:
                    self._changed.wait()
                    continue
                self._free -= 1
                self._changed.release()
                try:
                    self._run(batch)
                finally:
                    self._changed.acquire()
                    self._free += 1
                    self.calls += 1
                    self.texts += sum(len(r.texts) for r in batch)
                    self._changed.notify_all()
        if request.error is not None:
            raise request.error
        assert request.vectors is not None
        return request.vectors

    def _take(self) -> list[_Request]:
        """The oldest queued requests: a fair share of the queue for one lane, up to max_batch texts.

        Taking all of it would leave the other lanes idle while this one works.
        Called with the condition's lock held.
        """
        limit = min(self.max_batch, -(-sum(len(r.texts) for r in self._queue) // self.lanes))
        batch: list[_Request] = []
        size = 0
        while self._queue and (not batch or size + len(self._queue[0].texts) <= limit):
            request = self._queue.pop(0)
            batch.append(request)
            size += len(request.texts)
        return batch

    def _run(self, batch: list[_Request]) -> None:
        """Embed a batch outside the lock; results (or the failure) go to every request in it."""
        texts = [text for request in batch for text in request.texts]
        try:
            vectors = self._embed(texts)
        except BaseException as exc:  # every caller in the batch gets the failure
            for request in batch:
                request.error = exc
                request.done = True
            return
        start = 0
        for request in batch:
            request.vectors = vectors[start : start + len(request.texts)]
            request.done = True
            start += len(request.texts)
