"""The on-disk index: a folder of plain files with a manifest, swapped in atomically.

Layout under the index folder:

    CURRENT                  name of the live build (replaced atomically)
    builds/<build>/          manifest.json, passages.jsonl, vectors.npy,
                             dense.faiss, bm25.vocab.json, bm25.*.npy, names.json

A build is written to its own folder and only becomes live when CURRENT is
replaced, so a build killed half-way leaves the previous index in service.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from .bm25 import BM25Index, BM25Params
from .errors import IndexCorruptError, IndexMissingError, IndexStaleError
from .records import Passage

FORMAT_VERSION = 1
# Exact inner-product search is fast enough up to here; past it HNSW keeps
# query latency flat as the corpus grows (see the scaling benchmark).
HNSW_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_SEARCH = 128

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Manifest:
    """What built an index; an index whose manifest differs from the request is stale."""

    format_version: int
    model: str
    dim: int
    tokenizer: str
    chunker: str
    corpus_hash: str
    passages: int
    faiss_index: str
    created: float
    files: dict[str, str]

    def to_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass(frozen=True)
class IndexData:
    """A loaded index: passages, their vectors in FAISS, and BM25."""

    manifest: Manifest
    passages: tuple[Passage, ...]
    dense: faiss.Index
    bm25: BM25Index
    path: Path
    names: tuple[str, ...] | None = None  # personal names in the corpus; None in builds that lack the list


def faiss_index_for(vectors: np.ndarray) -> faiss.Index:
    """Exact search for small corpora, HNSW graph search for large ones."""
    n, dim = vectors.shape
    if n >= HNSW_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dim)
    if n:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def build_lock(root: Path):
    """Serialise builds of one index folder across processes."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_index(
    root: Path,
    passages: Sequence[Passage],
    vectors: np.ndarray,
    tokens: Sequence[Sequence[str]],
    *,
    model: str,
    tokenizer: str,
    chunker: str,
    corpus_hash: str,
    bm25_params: BM25Params = BM25Params(),
    names: Sequence[str] | None = None,
) -> Manifest:
    """Write a complete build and make it live; the caller holds `build_lock`."""
    build_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    builds = root / "builds"
    target = builds / build_id
    target.mkdir(parents=True)
    try:
        with (target / "passages.jsonl").open("w", encoding="utf-8") as fh:
            for p in passages:
                fh.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
        np.save(target / "vectors.npy", vectors.astype(np.float32), allow_pickle=False)
        dense = faiss_index_for(vectors)
        faiss.write_index(dense, str(target / "dense.faiss"))
        bm25 = BM25Index.build(tokens, bm25_params)
        (target / "bm25.vocab.json").write_text(
            json.dumps({"terms": list(bm25.vocab), "params": bm25_params.__dict__}, ensure_ascii=False),
            encoding="utf-8",
        )
        for name, array in bm25.arrays().items():
            np.save(target / f"bm25.{name}.npy", array, allow_pickle=False)
        if names is not None:
            (target / "names.json").write_text(json.dumps(list(names), ensure_ascii=False), encoding="utf-8")
        files = {f.name: _sha256(f) for f in sorted(target.iterdir())}
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            model=model,
            dim=int(vectors.shape[1]),
            tokenizer=tokenizer,
            chunker=chunker,
            corpus_hash=corpus_hash,
            passages=len(passages),
            faiss_index=type(dense).__name__,
            created=time.time(),
            files=files,
        )
        (target / "manifest.json").write_text(json.dumps(manifest.to_dict(), indent=2), encoding="utf-8")
        for f in target.iterdir():
            with f.open("rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(target)
        pointer = root / f"CURRENT.{build_id}.tmp"
        pointer.write_text(build_id + "\n", encoding="utf-8")
        os.replace(pointer, root / "CURRENT")
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _remove_old_builds(root, keep=build_id)
    return manifest


def _remove_old_builds(root: Path, keep: str) -> None:
    for old in (root / "builds").iterdir():
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stray in root.glob("CURRENT.*.tmp"):
        stray.unlink(missing_ok=True)


def current_build(root: Path) -> Path:
    """Folder of the live build.

    Raises:
        IndexMissingError: nothing has been built here yet.
        IndexCorruptError: CURRENT points at a build that is not there.
    """
    pointer = root / "CURRENT"
    if not pointer.is_file():
        raise IndexMissingError(f"no index in {root}: run `rag index` to build one")
    build = root / "builds" / pointer.read_text(encoding="utf-8").strip()
    if not (build / "manifest.json").is_file():
        raise IndexCorruptError(f"index in {root} is broken (missing build {build.name}): run `rag index --rebuild`")
    return build


def read_manifest(root: Path) -> Manifest:
    """The live build's manifest (no file checks)."""
    return _read_manifest(current_build(root))


def _read_manifest(build: Path) -> Manifest:
    try:
        data = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorruptError(f"index manifest in {build} is unreadable: run `rag index --rebuild`") from exc


def check_fresh(manifest: Manifest, *, model: str, corpus_hash: str, tokenizer: str, chunker: str) -> None:
    """Raise IndexStaleError naming what changed since the index was built."""
    changes = []
    if manifest.format_version != FORMAT_VERSION:
        changes.append(f"index format {manifest.format_version} → {FORMAT_VERSION}")
    if manifest.model != model:
        changes.append(f"model {manifest.model} → {model}")
    if manifest.tokenizer != tokenizer:
        changes.append(f"tokenizer {manifest.tokenizer} → {tokenizer}")
    if manifest.chunker != chunker:
        changes.append(f"chunker {manifest.chunker} → {chunker}")
    if manifest.corpus_hash != corpus_hash:
        changes.append("corpus content changed")
    if changes:
        raise IndexStaleError("index is out of date (" + "; ".join(changes) + "): run `rag index` to rebuild")


def load_index(root: Path) -> IndexData:
    """Load the live build after verifying every file against its checksum.

    Raises:
        IndexMissingError, IndexCorruptError.
    """
    # Resolve CURRENT once: a build swapped in meanwhile must not be checked against the old manifest.
    build = current_build(root)
    manifest = _read_manifest(build)
    for name, digest in manifest.files.items():
        path = build / name
        if not path.is_file():
            raise IndexCorruptError(f"index file {name} is missing in {build}: run `rag index --rebuild`")
        if _sha256(path) != digest:
            raise IndexCorruptError(
                f"index file {name} in {build} is corrupt (checksum mismatch): run `rag index --rebuild`"
            )
    try:
        passages = tuple(
            Passage(**json.loads(line))
            for line in (build / "passages.jsonl").read_text(encoding="utf-8").splitlines()
            if line
        )
        dense = faiss.read_index(str(build / "dense.faiss"))
        if isinstance(dense, faiss.IndexHNSW):
            dense.hnsw.efSearch = HNSW_EF_SEARCH
        vocab_data = json.loads((build / "bm25.vocab.json").read_text(encoding="utf-8"))
        arrays = {
            k: np.load(build / f"bm25.{k}.npy", allow_pickle=False) for k in ("offsets", "doc_ids", "tfs", "doc_lens")
        }
        bm25 = BM25Index(
            {t: i for i, t in enumerate(vocab_data["terms"])},
            params=BM25Params(**vocab_data["params"]),
            **arrays,
        )
        names = None
        if "names.json" in manifest.files:
            names = tuple(json.loads((build / "names.json").read_text(encoding="utf-8")))
            if not all(isinstance(n, str) for n in names):
                raise ValueError("names.json is not a list of strings")
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        raise IndexCorruptError(f"index in {build} cannot be read ({exc}): run `rag index --rebuild`") from exc
    if dense.ntotal != len(passages) or bm25.n_docs != len(passages) or dense.d != manifest.dim:
        raise IndexCorruptError(f"index in {build} is inconsistent: run `rag index --rebuild`")
    return IndexData(manifest, passages, dense, bm25, build, names)
