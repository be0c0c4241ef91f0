"""An embedder whose model lives in a child process, for commands that answer once.

A one-shot `rag ask` starts by importing torch and loading the model on one side, and by
loading the index and the tokeniser dictionaries on the other. Threads take turns on one
interpreter lock, so the two add up; in a child process the model side runs on another
core and only the finished vectors cross over.

The child is `python -m rag.model_process`, talking pickled messages over its stdin and
stdout; a plain subprocess rather than multiprocessing, which would re-run the caller's
main script in the child.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from .errors import ModelError

_DOCUMENT_BATCH = 64
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


class ProcessEmbedder:
    """Any backend's embedder, run in a child process (see the module docstring).

    Same vectors as the embedder it wraps: the child runs exactly that embedder.
    """

    def __init__(self, model: str, backend: str = "torch", cache_dir: Path | None = None,
                 threads: int | None = None, precision: str = "auto") -> None:
        self.name = model
        self.dim = 0
        self._settings = (model, backend, cache_dir, threads, precision)
        self._child: subprocess.Popen | None = None
        self._lock = threading.Lock()  # one request on the pipes at a time

    def start(self) -> ProcessEmbedder:
        """Start the child loading the model, without waiting for it; safe to call twice."""
        with self._lock:
            if self._child is None:
                path = os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p)
                self._child = subprocess.Popen(
                    [sys.executable, "-m", "rag.model_process"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    env={**os.environ, "PYTHONPATH": path},
                )
                self._send(self._settings)
        return self

    def load(self, progress=None) -> ProcessEmbedder:
        """Start the child if needed and wait until its model is loaded; safe to call twice."""
        self.start()
        with self._lock:
            if self.dim:
                return self
            try:
                while (message := self._receive())[0] != "ready":
                    if progress:
                        progress(message[1], message[2])
            except ModelError:
                self._stop()
                raise
            self.dim = int(message[1])
            return self

    def _send(self, message) -> None:
        try:
            pickle.dump(message, self._child.stdin)
            self._child.stdin.flush()
        except OSError:
            raise self._ended() from None

    def _receive(self):
        try:
            message = pickle.load(self._child.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            raise self._ended() from None
        if message[0] == "error":
            raise ModelError(message[1])
        return message

    def _ended(self) -> ModelError:
        return ModelError(f"the embedding model's process ended unexpectedly (exit code {self._child.poll()})")

    def _ask(self, side: str, texts: list[str]) -> np.ndarray:
        with self._lock:
            if not self.dim:
                raise ModelError("embedding model not loaded: call load() first")
            self._send((side, list(texts)))
            return np.asarray(self._receive()[1], dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._ask("query", texts)

    def embed_documents(self, texts: list[str], progress=None) -> np.ndarray:
        parts = []
        for start in range(0, len(texts), _DOCUMENT_BATCH):
            parts.append(self._ask("document", texts[start : start + _DOCUMENT_BATCH]))
            if progress:
                progress(min(start + _DOCUMENT_BATCH, len(texts)), len(texts))
        return np.vstack(parts) if parts else np.zeros((0, self.dim), np.float32)

    def optimise(self) -> None:
        """Nothing: a one-shot command does not live long enough for tracing to pay off."""

    def close(self) -> None:
        """Stop the child (it also stops by itself when this process ends)."""
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        child, self._child, self.dim = self._child, None, 0
        if child is None:
            return
        with contextlib.suppress(OSError):
            child.stdin.close()  # end of input: the child's request loop returns
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:  # still loading the model
            child.kill()
            child.wait()
        child.stdout.close()


# -- the child --------------------------------------------------------------------------------


def _exit_with_parent(parent: int) -> None:
    # An orphan would go on loading a model nobody will ask anything of.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _serve() -> None:
    """Load the model, then answer embedding requests until the parent closes our stdin."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    requests = sys.stdin.buffer
    # The protocol owns the real stdout; anything a library prints goes to stderr instead.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)

    def reply(message) -> None:
        pickle.dump(message, replies)
        replies.flush()

    try:
        from .embedding import make_embedder

        embedder = make_embedder(*pickle.load(requests))
        embedder.load(progress=lambda stage, fraction: reply(("progress", stage, fraction)))
        reply(("ready", embedder.dim))
        while True:
            try:
                side, texts = pickle.load(requests)
            except EOFError:
                return
            try:
                vectors = embedder.embed_queries(texts) if side == "query" else embedder.embed_documents(texts)
            except Exception as exc:  # noqa: BLE001 - the parent raises it as a ModelError
                reply(("error", f"embedding failed: {exc}"))
            else:
                reply(("vectors", vectors))
    except (EOFError, BrokenPipeError):
        return  # the parent is gone
    except Exception as exc:  # noqa: BLE001 - the parent raises it as a ModelError, without a traceback
        with contextlib.suppress(OSError):
            reply(("error", str(exc) if isinstance(exc, ModelError) else f"cannot load the embedding model: {exc}"))


if __name__ == "__main__":
    _serve()
