"""Shared fixtures: the real model (built once per machine) and a real index on a copy of the corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# No test may reach a model hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def model_cache_dir() -> Path:
    """Built models are reused across test runs (RAG_TEST_CACHE, else the user cache)."""
    from rag.embedding import default_cache_dir

    return Path(os.environ.get("RAG_TEST_CACHE") or default_cache_dir())


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    return model_cache_dir()


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory) -> Path:
    """A private copy of the bundled corpus that tests may not modify."""
    target = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.glob("*.md"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def engine(tmp_path_factory, corpus_copy, cache_dir):
    """A warmed-up engine with the real model and a real index built on disk."""
    from rag.engine import Engine, EngineConfig

    index = tmp_path_factory.mktemp("index")
    return Engine(EngineConfig(corpus=corpus_copy, index=index, cache_dir=cache_dir)).warm_up()
