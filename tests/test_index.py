"""Tests for rag.index: FAISS against brute force, the on-disk format, corruption, staleness, atomic swaps."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import select
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import faiss
import numpy as np
import pytest

from rag import index as store
from rag.errors import IndexCorruptError, IndexMissingError, IndexStaleError
from rag.records import Passage
from rag.tokenizer import tokenize

BUILD = {"model": "test-model", "tokenizer": "test-tokenizer", "chunker": "test-chunker", "corpus_hash": "abc123"}
DATA_FILES = {
    "passages.jsonl",
    "vectors.npy",
    "dense.faiss",
    "bm25.vocab.json",
    "bm25.offsets.npy",
    "bm25.doc_ids.npy",
    "bm25.tfs.npy",
    "bm25.doc_lens.npy",
}


def unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def make_passages(n: int, doc: str = "demo") -> list[Passage]:
    texts = [f"{doc}第{i}段：小米在{2000 + i}年发布了产品{i}。" for i in range(1, n + 1)]
    return [Passage(f"{doc}#01.{i:02d}", doc, "测试", text) for i, text in enumerate(texts, start=1)]


def write(root: Path, passages: list[Passage], seed: int = 0, dim: int = 8, **overrides) -> store.Manifest:
    vectors = unit_vectors(len(passages), dim, seed)
    tokens = [tokenize(p.text) for p in passages]
    with store.build_lock(root):
        return store.write_index(root, passages, vectors, tokens, **{**BUILD, **overrides})


def brute_force(vectors: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    scores = queries @ vectors.T
    ids = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return ids, np.take_along_axis(scores, ids, axis=1)


# -- FAISS against numpy ------------------------------------------------------------


def test_flat_index_top_k_equals_numpy_top_k():
    vectors = unit_vectors(2000, 48, seed=1)
    queries = unit_vectors(40, 48, seed=2)
    index = store.faiss_index_for(vectors)
    assert isinstance(index, faiss.IndexFlatIP)
    scores, ids = index.search(queries, 10)
    expected_ids, expected_scores = brute_force(vectors, queries, 10)
    np.testing.assert_array_equal(ids, expected_ids)
    np.testing.assert_allclose(scores, expected_scores, rtol=1e-5, atol=1e-6)


def test_flat_index_with_fewer_vectors_than_k():
    vectors = unit_vectors(3, 8, seed=3)
    scores, ids = store.faiss_index_for(vectors).search(unit_vectors(1, 8, seed=4), 5)
    assert sorted(ids[0][:3]) == [0, 1, 2]
    assert list(ids[0][3:]) == [-1, -1]


def test_hnsw_above_the_threshold_has_high_recall():
    n = store.HNSW_THRESHOLD + 10_000
    vectors = unit_vectors(n, 32, seed=5)
    queries = unit_vectors(100, 32, seed=6)
    index = store.faiss_index_for(vectors)
    assert isinstance(index, faiss.IndexHNSWFlat)
    assert index.ntotal == n
    assert index.hnsw.efSearch == store.HNSW_EF_SEARCH
    scores, ids = index.search(queries, 10)
    expected_ids, _ = brute_force(vectors, queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, expected_ids, strict=True)])
    assert recall >= 0.95, recall
    # What HNSW returns it scores exactly (inner product of the stored vectors).
    np.testing.assert_allclose(scores, np.einsum("qd,qkd->qk", queries, vectors[ids]), rtol=1e-5, atol=1e-6)


def test_flat_below_the_threshold(monkeypatch):
    monkeypatch.setattr(store, "HNSW_THRESHOLD", 100)
    assert isinstance(store.faiss_index_for(unit_vectors(99, 8, seed=7)), faiss.IndexFlatIP)
    assert isinstance(store.faiss_index_for(unit_vectors(100, 8, seed=7)), faiss.IndexHNSWFlat)


def test_hnsw_round_trip_keeps_the_graph_and_search_depth(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "HNSW_THRESHOLD", 100)
    passages = make_passages(300)
    manifest = write(tmp_path, passages, dim=16)
    assert manifest.faiss_index == "IndexHNSWFlat"
    data = store.load_index(tmp_path)
    assert isinstance(data.dense, faiss.IndexHNSW)
    assert data.dense.hnsw.efSearch == store.HNSW_EF_SEARCH
    vectors = np.load(data.path / "vectors.npy")
    _, ids = data.dense.search(vectors[:20], 1)
    assert list(ids[:, 0]) == list(range(20))


# -- writing and loading ------------------------------------------------------------


def test_write_then_load_round_trip(tmp_path):
    passages = make_passages(12)
    manifest = write(tmp_path, passages, seed=3, dim=8)
    data = store.load_index(tmp_path)
    assert data.passages == tuple(passages)
    assert data.manifest == manifest
    assert data.dense.ntotal == 12 and data.dense.d == 8
    np.testing.assert_array_equal(np.load(data.path / "vectors.npy"), unit_vectors(12, 8, seed=3))
    query = tokenize("小米2005年发布")
    expected = store.BM25Index.build([tokenize(p.text) for p in passages]).scores(query)
    np.testing.assert_allclose(data.bm25.scores(query), expected)
    assert data.bm25.top_k(query, 1)[0][0] == 4


def test_manifest_records_what_built_the_index(tmp_path):
    write(tmp_path, make_passages(5), dim=8)
    build = store.current_build(tmp_path)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == store.FORMAT_VERSION
    assert manifest["model"] == "test-model"
    assert manifest["dim"] == 8
    assert manifest["tokenizer"] == "test-tokenizer"
    assert manifest["chunker"] == "test-chunker"
    assert manifest["corpus_hash"] == "abc123"
    assert manifest["passages"] == 5
    assert manifest["faiss_index"] == "IndexFlatIP"
    assert set(manifest["files"]) == DATA_FILES
    for name, digest in manifest["files"].items():
        assert digest == hashlib.sha256((build / name).read_bytes()).hexdigest()
    assert store.read_manifest(tmp_path) == store.Manifest(**manifest)


def test_index_files_are_plain(tmp_path):
    write(tmp_path, make_passages(4), dim=8)
    build = store.current_build(tmp_path)
    lines = (build / "passages.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [p.to_dict() for p in make_passages(4)]
    for name in DATA_FILES:
        if name.endswith(".npy"):
            np.load(build / name, allow_pickle=False)


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissingError, match="rag index"):
        store.load_index(tmp_path / "nothing-here")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexMissingError):
        store.read_manifest(tmp_path / "empty")


@pytest.fixture
def built(tmp_path) -> Path:
    write(tmp_path, make_passages(30), dim=16)
    return store.current_build(tmp_path)


def flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, min(middle + 4, len(data))):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", ["vectors.npy", "dense.faiss", "passages.jsonl", "bm25.tfs.npy", "bm25.vocab.json"])
def test_corrupted_file_is_named(built, name):
    flip_bytes(built / name)
    with pytest.raises(IndexCorruptError) as info:
        store.load_index(built.parents[1])
    assert name in str(info.value)
    assert "corrupt" in str(info.value)
    assert "rag index --rebuild" in str(info.value)


@pytest.mark.parametrize("name", ["dense.faiss", "vectors.npy"])
def test_truncated_file_is_named(built, name):
    path = built / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexCorruptError, match=rf"{name}.*rag index --rebuild"):
        store.load_index(built.parents[1])


def test_missing_file_is_named(built):
    (built / "bm25.doc_lens.npy").unlink()
    with pytest.raises(IndexCorruptError, match=r"bm25\.doc_lens\.npy is missing.*rag index --rebuild"):
        store.load_index(built.parents[1])


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"model": "x"}'])
def test_unreadable_manifest(built, content):
    (built / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(IndexCorruptError, match=r"manifest.*rag index --rebuild"):
        store.load_index(built.parents[1])


def test_current_pointing_at_a_missing_build(built):
    shutil.rmtree(built)
    with pytest.raises(IndexCorruptError, match=rf"{built.name}.*rag index --rebuild"):
        store.load_index(built.parents[1])


# -- staleness ----------------------------------------------------------------------


def test_check_fresh_accepts_the_same_build(tmp_path):
    manifest = write(tmp_path, make_passages(3))
    store.check_fresh(manifest, **BUILD)


@pytest.mark.parametrize(
    ("change", "what", "details"),
    [
        ({"corpus_hash": "def456"}, "corpus", []),
        ({"model": "other-model"}, "model", ["test-model", "other-model"]),
        ({"tokenizer": "other-tokenizer"}, "tokenizer", ["test-tokenizer", "other-tokenizer"]),
        ({"chunker": "other-chunker"}, "chunker", ["test-chunker", "other-chunker"]),
    ],
)
def test_check_fresh_names_what_changed(tmp_path, change, what, details):
    manifest = write(tmp_path, make_passages(3))
    with pytest.raises(IndexStaleError) as info:
        store.check_fresh(manifest, **{**BUILD, **change})
    message = str(info.value)
    assert what in message
    for detail in details:
        assert detail in message
    assert "rag index" in message
    for unchanged in {"corpus", "model", "tokenizer", "chunker"} - {what}:
        assert unchanged not in message


def test_check_fresh_names_every_change_and_the_format(tmp_path):
    manifest = dataclasses.replace(write(tmp_path, make_passages(3)), format_version=store.FORMAT_VERSION + 1)
    with pytest.raises(IndexStaleError) as info:
        store.check_fresh(manifest, **{**BUILD, "model": "m2", "corpus_hash": "changed"})
    assert "format" in str(info.value)
    assert "model" in str(info.value)
    assert "corpus" in str(info.value)


# -- swapping builds ----------------------------------------------------------------


def test_a_new_build_replaces_the_old_and_removes_it(tmp_path):
    write(tmp_path, make_passages(3, "old"))
    old_build = store.current_build(tmp_path)
    write(tmp_path, make_passages(4, "new"))
    assert store.load_index(tmp_path).passages == tuple(make_passages(4, "new"))
    assert not old_build.exists()
    assert [p.name for p in (tmp_path / "builds").iterdir()] == [store.current_build(tmp_path).name]


def test_a_failing_build_leaves_the_old_index_and_no_leftovers(tmp_path, monkeypatch):
    write(tmp_path, make_passages(3, "old"))

    def broken(vectors):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "faiss_index_for", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write(tmp_path, make_passages(4, "new"))
    assert store.load_index(tmp_path).passages == tuple(make_passages(3, "old"))
    assert len(list((tmp_path / "builds").iterdir())) == 1


def test_a_swap_while_loading_does_not_look_like_corruption(tmp_path, monkeypatch):
    write(tmp_path, make_passages(3, "old"))
    old = store.current_build(tmp_path)
    kept = tmp_path / "kept"
    shutil.copytree(old, kept)
    write(tmp_path, make_passages(4, "new"))
    new = store.current_build(tmp_path)
    shutil.copytree(kept, old)
    real = store.current_build

    def swapped_after_reading(root: Path) -> Path:
        build = real(root)
        # Another process makes the other build live right after we looked.
        (root / "CURRENT").write_text((old if build == new else new).name + "\n", encoding="utf-8")
        return build

    monkeypatch.setattr(store, "current_build", swapped_after_reading)
    data = store.load_index(tmp_path)
    assert data.path == new
    assert data.passages == tuple(make_passages(4, "new"))


KILLER = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path

    import numpy as np

    from rag import index as store
    from rag.records import Passage

    root, point = Path(sys.argv[1]), sys.argv[2]


    def pause_before(original, only=None):
        def wrapper(*args, **kwargs):
            if only is None or only(*args):
                print("paused", flush=True)
                time.sleep(600)
            return original(*args, **kwargs)

        return wrapper


    if point == "vectors":
        store.np.save = pause_before(np.save, lambda path, *a: str(path).endswith("vectors.npy"))
    elif point == "faiss":
        store.faiss_index_for = pause_before(store.faiss_index_for)
    elif point == "checksums":
        store._sha256 = pause_before(store._sha256)
    elif point == "pointer":
        store.os.replace = pause_before(store.os.replace, lambda src, dst: str(dst).endswith("CURRENT"))
    elif point == "cleanup":
        store._remove_old_builds = pause_before(store._remove_old_builds)

    passages = [Passage(f"new#01.{i:02d}", "new", "新", f"新的段落{i}") for i in range(1, 6)]
    vectors = np.eye(5, 8, dtype=np.float32)
    with store.build_lock(root):
        store.write_index(root, passages, vectors, [["新", str(i)] for i in range(5)], model="test-model",
                          tokenizer="test-tokenizer", chunker="test-chunker", corpus_hash="new")
    print("finished", flush=True)
    """
)


def run_until_paused(script: Path, root: Path, point: str) -> None:
    """Start a build in another process and SIGKILL it where `point` says."""
    proc = subprocess.Popen(
        [sys.executable, str(script), str(root), point], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else ""
        assert line.strip() == "paused", (line, proc.stderr.read() if proc.poll() is not None else "")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    ("point", "live"),
    [("vectors", "old"), ("faiss", "old"), ("checksums", "old"), ("pointer", "old"), ("cleanup", "new")],
)
def test_a_build_killed_half_way_leaves_a_loadable_index(tmp_path, point, live):
    script = tmp_path / "killed_build.py"
    script.write_text(KILLER, encoding="utf-8")
    root = tmp_path / "index"
    write(root, make_passages(3, "old"))
    old_build = store.current_build(root)

    run_until_paused(script, root, point)

    data = store.load_index(root)
    assert data.passages[0].doc == live
    if live == "old":
        assert data.passages == tuple(make_passages(3, "old"))
        assert data.path == old_build
    # The killed build left its folder behind (and, at "pointer", a CURRENT temp file).
    assert len(list((root / "builds").iterdir())) == 2
    assert bool(list(root.glob("CURRENT.*.tmp"))) == (point == "pointer")

    # The lock died with the process, and the next build clears every leftover.
    write(root, make_passages(2, "next"))
    assert store.load_index(root).passages == tuple(make_passages(2, "next"))
    assert [p.name for p in (root / "builds").iterdir()] == [store.current_build(root).name]
    assert not list(root.glob("CURRENT.*.tmp"))


def test_corpus_names_are_stored_with_the_build(tmp_path):
    write(tmp_path, make_passages(3), dim=8, names=["雷军", "林斌"])
    data = store.load_index(tmp_path)
    assert data.names == ("雷军", "林斌")
    assert "names.json" in data.manifest.files  # checksummed like every other file


def test_a_build_without_names_loads_with_names_unknown(tmp_path):
    write(tmp_path, make_passages(3), dim=8)
    assert store.load_index(tmp_path).names is None


def test_a_corrupt_names_file_is_detected(tmp_path):
    write(tmp_path, make_passages(3), dim=8, names=["雷军"])
    (store.current_build(tmp_path) / "names.json").write_text('["雷军", "黎万强"]', encoding="utf-8")
    with pytest.raises(store.IndexCorruptError, match="names.json"):
        store.load_index(tmp_path)
