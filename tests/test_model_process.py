"""Tests for rag.model_process: the real model in a real child process.

The in-process embedder is the oracle: the child runs the same embedder, so its vectors
must be the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import numpy as np
import pytest

from rag.embedding import make_embedder
from rag.errors import ModelError
from rag.model_process import ProcessEmbedder

QUESTIONS = ["小米是哪一年成立的？", "What is 1810.HK?", "Redmi Note 7 何时发布", "2,710亿元是哪一年的收入？"]
PASSAGES = ["小米科技有限责任公司成立于2010年3月3日。", "2018年7月9日，在香港交易所主板挂牌上市(1810.HK)。"] * 40


@pytest.fixture(scope="module")
def child(cache_dir):
    embedder = ProcessEmbedder("multilingual-e5-small", cache_dir=cache_dir, precision="fp32").start()
    yield embedder
    embedder.close()


@pytest.fixture(scope="module")
def local(cache_dir):
    return make_embedder(cache_dir=cache_dir, precision="fp32").load()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not yet reaped is a zombie: gone for our purpose.
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_vectors_are_those_of_the_same_embedder_in_process(child, local):
    loaded = child.load()
    assert loaded is child and child.dim == local.dim == 384
    np.testing.assert_allclose(child.embed_queries(QUESTIONS), local.embed_queries(QUESTIONS), atol=1e-5)


def test_documents_cross_in_batches_with_progress(child, local):
    seen = []
    vectors = child.load().embed_documents(PASSAGES, progress=lambda done, total: seen.append((done, total)))
    assert vectors.shape == (len(PASSAGES), 384)
    # 80 passages go over in batches of 64: progress after each batch, ending at the total.
    assert seen == [(64, 80), (80, 80)]
    np.testing.assert_allclose(vectors[:2], local.embed_documents(PASSAGES[:2]), atol=1e-5)


def test_load_twice_keeps_one_child(child):
    first = child.load()._child.pid
    assert child.load()._child.pid == first


def test_a_model_that_cannot_load_is_a_model_error_without_a_traceback(tmp_path, capfd):
    embedder = ProcessEmbedder(str(tmp_path / "no-such-model"), cache_dir=tmp_path)
    with pytest.raises(ModelError, match="no-such-model"):
        embedder.load()
    assert "Traceback" not in capfd.readouterr().err
    with pytest.raises(ModelError, match="not loaded"):
        embedder.embed_queries(["小米"])


def test_an_unknown_backend_is_reported_by_the_child(tmp_path):
    with pytest.raises(ModelError, match="unknown embedding backend"):
        ProcessEmbedder("multilingual-e5-small", backend="onnx", cache_dir=tmp_path).load()


def test_close_ends_the_child(cache_dir):
    embedder = ProcessEmbedder("multilingual-e5-small", cache_dir=cache_dir).start()
    pid = embedder._child.pid
    embedder.close()  # while it is still loading: waits, then kills
    assert not alive(pid)
    with pytest.raises(ModelError, match="not loaded"):
        embedder.embed_queries(["小米"])


def test_the_child_ends_when_its_parent_does(cache_dir):
    # A parent that starts the child and ends at once without closing anything.
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from rag.model_process import ProcessEmbedder\n"
        f"e = ProcessEmbedder('multilingual-e5-small', cache_dir=Path({str(cache_dir)!r})).start()\n"
        "print(e._child.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    parent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    pid = int(parent.stdout.strip())
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(pid)
