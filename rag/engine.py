"""The question-answering engine: owns the model, the index and the retrievers."""

from __future__ import annotations

import atexit
import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import index as index_store
from .answering import Answerer
from .batching import QueryBatcher
from .chunking import chunk_corpus
from .conversation import (
    ELLIPSIS,
    NONE,
    PRONOUN,
    TOPIC,
    Turn,
    demonstrated_short_form,
    names_pronoun,
    resolve_with_rule,
)
from .corpus import Corpus, corpus_hash, load_corpus
from .embedding import DEFAULT_MODEL, Embedder, make_embedder
from .errors import IndexMissingError, IndexStaleError
from .names import NAMES_VERSION, corpus_names
from .question import OTHER, check_question, classify, is_english
from .records import Answer, Hit
from .retrieval import BM25Retriever, DenseRetriever, Fusion, HybridRetriever
from .tokenizer import TOKENIZER_NAME, tokenize

CHUNKER_NAME = f"sections+sentences-v2+names-v{NAMES_VERSION}"
# How much more confident a follow-up must be read on its own than as about the last topic to be read so.
TOPIC_MARGIN = 0.1

Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """Default progress callback: say nothing."""


@dataclass
class EngineConfig:
    """Everything that decides which index is served and how.

    `threads` caps the CPU threads of each embedding-model call (None: the library default);
    `lanes` is how many such calls may run at once (concurrent queries are batched into them);
    `precision` is the torch backend's "auto", "fp32" or "bf16"; `optimise` has a long-running
    process (the server) speed the model up in the background once it is ready.
    """

    corpus: Path = Path("corpus")
    index: Path = Path("index")
    model: str = DEFAULT_MODEL
    backend: str = "torch"
    cache_dir: Path | None = None
    threads: int | None = None
    precision: str = "auto"
    lanes: int = 1
    optimise: bool = False
    fusion: Fusion = field(default_factory=Fusion)
    auto_build: bool = True


@dataclass(frozen=True)
class BuildReport:
    """What an index build did."""

    manifest: index_store.Manifest
    skipped: tuple[str, ...]
    rebuilt: bool


class Engine:
    """Retrieval and answering over one corpus and its index.

    The constructor is cheap; `warm_up()` loads the model and the index (and
    builds the index first if it is missing or stale and `auto_build` is on).
    """

    def __init__(self, config: EngineConfig | None = None, embedder: Embedder | None = None) -> None:
        """`embedder` replaces the one the config names (say, one already loading in a child process)."""
        self.config = config or EngineConfig()
        config = self.config
        self.embedder = embedder or make_embedder(config.model, config.backend, config.cache_dir, config.threads,
                                                  config.precision)
        # Concurrent callers (server threads) share model calls; `self.embedder` is looked up per call.
        self._batcher = QueryBatcher(lambda texts: self.embedder.embed_queries(texts), lanes=config.lanes)
        self.data: index_store.IndexData | None = None
        self._swap = threading.Lock()
        self._retrievers: dict[str, object] = {}
        self.answerer: Answerer | None = None
        self._embed_cached = lru_cache(maxsize=1024)(self._embed_query_uncached)
        self.optimiser: threading.Thread | None = None

    # -- loading -----------------------------------------------------------------
    def load_model(self, progress: Progress = _quiet) -> Engine:
        """Load (building once if needed) the embedding model."""
        self.embedder.load(progress=lambda stage, frac: progress(f"model: {stage}", int(frac * 100), 100))
        return self

    def warm_up(self, progress: Progress = _quiet) -> Engine:
        """Load the model and a fresh index, building the index if allowed.

        The model loads in a worker thread while this one checks and reads the
        index and warms the tokenisers: start-up is mostly waiting for imports
        and files, so the two overlap well.
        """
        failure: list[BaseException] = []

        def load() -> None:
            try:
                self.load_model(progress)
            except BaseException as exc:  # re-raised in the calling thread
                failure.append(exc)

        loader = threading.Thread(target=load, name="model-loader", daemon=True)
        loader.start()
        try:
            self._check_fresh()
            data = index_store.load_index(self.config.index)
        except (IndexMissingError, IndexStaleError):
            loader.join()
            if failure:
                raise failure[0] from None
            if not self.config.auto_build:
                raise
            self.build_index(progress)
            data = index_store.load_index(self.config.index)
        except BaseException:
            loader.join()
            raise
        answerer = self._answerer(data)
        loader.join()
        if failure:
            raise failure[0] from None
        self._activate(data, answerer)
        if self.config.optimise:
            # After activation: readiness does not wait for it, and questions asked meanwhile
            # run on the unoptimised model.
            self.optimiser = threading.Thread(target=self._optimise, name="model-optimiser", daemon=True)
            self.optimiser.start()
            # A process that ends while the model is being traced aborts instead of exiting
            # (a native thread outlives the interpreter): let the trace finish first.
            atexit.register(self.optimiser.join)
        return self

    def wait_optimised(self, timeout: float | None = None) -> None:
        """Block until the background optimisation started by `warm_up` (if any) is done."""
        if self.optimiser is not None:
            self.optimiser.join(timeout)

    def _optimise(self) -> None:
        # An optimisation that fails leaves the working model in place.
        with contextlib.suppress(Exception):
            self.embedder.optimise()

    def _check_fresh(self) -> None:
        manifest = index_store.read_manifest(self.config.index)
        index_store.check_fresh(
            manifest,
            model=self.config.model,
            corpus_hash=corpus_hash(self.config.corpus),
            tokenizer=TOKENIZER_NAME,
            chunker=CHUNKER_NAME,
        )

    def index_status(self) -> str:
        """'fresh', or the reason the index can't be used as it is."""
        try:
            self._check_fresh()
        except (IndexMissingError, IndexStaleError) as exc:
            return str(exc)
        return "fresh"

    def build_index(self, progress: Progress = _quiet, corpus: Corpus | None = None) -> BuildReport:
        """Chunk, embed and index the corpus, then make the new index live on disk.

        Raises:
            CorpusError: the corpus is missing or has no usable document.
        """
        self.load_model(progress)
        corpus = corpus or load_corpus(self.config.corpus)
        passages = chunk_corpus(corpus.documents)
        progress("chunking", len(passages), len(passages))
        tokens = []
        for i, p in enumerate(passages, start=1):
            tokens.append(tokenize(f"{p.section} {p.text}"))
            if i % 500 == 0 or i == len(passages):
                progress("tokenising", i, len(passages))
        vectors = self.embedder.embed_documents(
            [f"{p.section}：{p.text}" for p in passages],
            progress=lambda done, total: progress("embedding", done, total),
        )
        with index_store.build_lock(self.config.index):
            manifest = index_store.write_index(
                self.config.index,
                passages,
                vectors,
                tokens,
                model=self.config.model,
                tokenizer=TOKENIZER_NAME,
                chunker=CHUNKER_NAME,
                corpus_hash=corpus.content_hash,
                names=corpus_names(passages),
            )
        progress("writing index", 1, 1)
        return BuildReport(manifest, tuple(f"{s.path}: {s.reason}" for s in corpus.skipped), True)

    def reload(self) -> None:
        """Swap in the index currently live on disk (used after a rebuild)."""
        self._activate(index_store.load_index(self.config.index))

    def _answerer(self, data: index_store.IndexData) -> Answerer:
        """Retrievers and answerer over an index, with the tokenisers warmed (no model needed yet)."""
        dense = DenseRetriever(data.passages, data.dense, self.embed_query)
        bm25 = BM25Retriever(data.passages, data.bm25, tokenize)
        hybrid = HybridRetriever(dense, bm25, self.config.fusion)
        return Answerer(hybrid, data.bm25, tokenize, data.passages, names=data.names).warm_up()

    def _activate(self, data: index_store.IndexData, answerer: Answerer | None = None) -> None:
        if data.manifest.dim != self.embedder.dim:
            raise IndexStaleError(
                f"index vectors have {data.manifest.dim} dimensions but the model gives {self.embedder.dim}: "
                "run `rag index --rebuild`"
            )
        answerer = answerer or self._answerer(data)
        hybrid = answerer.retriever
        dense, bm25 = hybrid.dense, hybrid.bm25
        with self._swap:
            self.data = data
            self._retrievers = {"dense": dense, "bm25": bm25, "hybrid": hybrid}
            self.answerer = answerer
        self._embed_cached.cache_clear()

    @property
    def ready(self) -> bool:
        return self.data is not None

    # -- querying ----------------------------------------------------------------
    def _embed_query_uncached(self, text: str) -> np.ndarray:
        vector = self._batcher.embed([text])[0]
        vector.setflags(write=False)
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        """Query vector, cached: repeated questions skip the model."""
        return self._embed_cached(text.strip())

    def query_batches(self) -> dict[str, int]:
        """How question embeddings were batched so far: model calls, texts embedded, lanes."""
        return {"calls": self._batcher.calls, "texts": self._batcher.texts, "lanes": self._batcher.lanes}

    def clear_query_cache(self) -> None:
        """Forget cached query vectors (benchmarks use it to time the model on every question)."""
        self._embed_cached.cache_clear()

    def retriever(self, name: str = "hybrid"):
        if not self.ready:
            raise IndexMissingError("engine not warmed up: call warm_up() first")
        try:
            return self._retrievers[name]
        except KeyError:
            raise ValueError(f"unknown retriever {name!r}; choose dense, bm25 or hybrid") from None

    def search(self, query: str, k: int = 5, retriever: str = "hybrid") -> list[Hit]:
        """Ranked passages for a query."""
        return self.retriever(retriever).search(check_question(query), k)

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer a question, resolving follow-ups against earlier turns."""
        question = check_question(question)
        if not self.ready or self.answerer is None:
            raise IndexMissingError("engine not warmed up: call warm_up() first")
        resolved, rule = resolve_with_rule(question, history)
        if rule == PRONOUN and names_pronoun(question) and self.answerer.people_named(question):
            # "Back to Lei Jun - is he an NPC deputy?": the question names whom its "he" means.
            resolved, rule = question, NONE
        if rule in (NONE, TOPIC) and history:
            # "这个委员会" after a question that called it 经管会: the documents' short form names it.
            short = demonstrated_short_form(question, history, self.answerer.terms.aliases)
            resolved, rule = (short, PRONOUN) if short else (resolved, rule)
        if rule != NONE and not is_english(question):
            resolved = self.answerer.terms.names.written_in_chinese(resolved)
        own = classify(question).type
        # A topic put in front of a question brings its words, not what the question asks.
        answer = self.answerer.answer(question, resolved, own if rule == TOPIC and own != OTHER else None)
        if rule == TOPIC:
            # The question named nothing, so it was read as being about the last topic; if it
            # answers clearly better on its own, it was a new question. Clearly: a question that
            # names nothing ("谁担任秘书长？") is usually about the last topic, and on its own it
            # finds some answer with about the same confidence.
            # Alone, it still means by 那一年 or 在那边 what the conversation said.
            bare, _ = resolve_with_rule(question, history, carry_topic=False)
            if not is_english(question):
                bare = self.answerer.terms.names.written_in_chinese(bare)
            alone = self.answerer.answer(question, bare)
            if alone.grounded and (not answer.grounded or alone.confidence >= answer.confidence + TOPIC_MARGIN):
                return alone
        if rule == ELLIPSIS and not answer.grounded and len(history) >= 2:
            # "那到2024年6月底呢？" after "覆盖多少个国家？" that the new date does not answer: the
            # question before it ("有多少专利？") may be the one asked again.
            earlier, earlier_rule = resolve_with_rule(question, history[:-1])
            if earlier_rule == ELLIPSIS and earlier != resolved:
                again = self.answerer.answer(question, earlier)
                if again.grounded:
                    return again
        return answer
