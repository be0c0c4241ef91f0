"""Server settings: the one place the server reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rag.embedding import BACKENDS, DEFAULT_MODEL, PRECISIONS
from rag.engine import EngineConfig

MAX_BODY_BYTES = 64 * 1024
MAX_SESSIONS = 1000
SESSION_TTL_SECONDS = 3600.0
MAX_TURNS = 20
MAX_TOP_K = 50
MODEL_ID = "rag-zh"
# One thread per model call and one call per core at once: on a loaded server that uses
# the cores better than every call spreading over all of them, and concurrent queries
# are batched into those calls (rag.batching). See `rag bench`.
MODEL_THREADS = 1


@dataclass(frozen=True)
class Settings:
    """Where the corpus, index and model are, plus the server's limits.

    Args:
        api_key: bearer token for /admin endpoints; None disables them.
        max_body_bytes: largest request body accepted.
        max_sessions: conversations kept at once (least recently used evicted first).
        session_ttl: seconds a conversation may stay idle before it is forgotten.
        max_turns: earlier turns kept per conversation.
        model_id: the model name shown by the OpenAI-compatible API.
        threads: CPU threads per embedding-model call; as many calls run at once as fit the cores.
        precision: torch backend arithmetic, "auto", "fp32" or "bf16".
    """

    corpus: Path = Path("corpus")
    index: Path = Path("index")
    model: str = DEFAULT_MODEL
    backend: str = "torch"
    cache_dir: Path | None = None
    api_key: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    max_sessions: int = MAX_SESSIONS
    session_ttl: float = SESSION_TTL_SECONDS
    max_turns: int = MAX_TURNS
    model_id: str = MODEL_ID
    threads: int = MODEL_THREADS
    precision: str = "auto"

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_sessions", "session_ttl", "max_turns", "threads"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {self.precision!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {self.backend!r}")

    @classmethod
    def from_env(
        cls,
        corpus: str | Path | None = None,
        index: str | Path | None = None,
        model: str | None = None,
        backend: str | None = None,
        precision: str | None = None,
        cache_dir: str | Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, falling back to RAG_* environment variables.

        Reads RAG_CORPUS, RAG_INDEX, RAG_MODEL, RAG_BACKEND, RAG_PRECISION, RAG_CACHE, RAG_API_KEY,
        RAG_MAX_BODY_BYTES, RAG_MAX_SESSIONS, RAG_SESSION_TTL, RAG_MAX_TURNS and RAG_THREADS.

        Raises:
            ValueError: a numeric variable is not a positive number.
        """
        env = os.environ if environ is None else environ
        cache = cache_dir or env.get("RAG_CACHE")
        return cls(
            corpus=Path(corpus or env.get("RAG_CORPUS") or "corpus"),
            index=Path(index or env.get("RAG_INDEX") or "index"),
            model=model or env.get("RAG_MODEL") or DEFAULT_MODEL,
            backend=backend or env.get("RAG_BACKEND") or "torch",
            precision=precision or env.get("RAG_PRECISION") or "auto",
            cache_dir=Path(cache) if cache else None,
            api_key=env.get("RAG_API_KEY") or None,
            max_body_bytes=_number(env, "RAG_MAX_BODY_BYTES", MAX_BODY_BYTES, int),
            max_sessions=_number(env, "RAG_MAX_SESSIONS", MAX_SESSIONS, int),
            session_ttl=_number(env, "RAG_SESSION_TTL", SESSION_TTL_SECONDS, float),
            max_turns=_number(env, "RAG_MAX_TURNS", MAX_TURNS, int),
            threads=_number(env, "RAG_THREADS", MODEL_THREADS, int),
        )

    def engine_config(self) -> EngineConfig:
        return EngineConfig(
            corpus=self.corpus, index=self.index, model=self.model, backend=self.backend, cache_dir=self.cache_dir,
            threads=self.threads, precision=self.precision, lanes=self.lanes, optimise=True,
        )

    @property
    def lanes(self) -> int:
        """Embedding-model calls that may run at once: one per `threads` cores."""
        return max(1, (os.cpu_count() or 1) // self.threads)


def _number(env: Mapping[str, str], name: str, default, kind):
    raw = env.get(name)
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
