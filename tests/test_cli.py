"""Tests for rag.cli: the real command line in a subprocess, on private copies of the corpus and index.

Every command that loads the model costs seconds of imports, so the module runs those once: the
cold `ask` alone (it is timed), then the rest side by side. Each test checks one of the results.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from rag.chunking import chunk_corpus
from rag.corpus import load_corpus

COLD_ASK_LIMIT = 20.0
QUESTION = "小米是哪一年成立的？"
SEARCH = "小米在香港交易所上市是哪一天？"
COMMANDS = ["index", "ask", "search", "chat", "eval", "serve", "bench"]


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def rag(*args: str, cwd: Path, stdin: str | None = None) -> Run:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    for name in ("RAG_CORPUS", "RAG_INDEX", "RAG_MODEL", "RAG_BACKEND", "RAG_CACHE"):
        env.pop(name, None)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180,
        input=stdin,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start)


def where(corpus: Path, index: Path, cache_dir: Path) -> list[str]:
    return ["--corpus", str(corpus), "--index", str(index), "--cache-dir", str(cache_dir), "-q"]


@dataclass(frozen=True)
class Workspace:
    root: Path
    corpus: Path
    index: Path
    mixed_corpus: Path
    mixed_index: Path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, engine) -> Workspace:
    root = tmp_path_factory.mktemp("cli")
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(engine.config.corpus, corpus)
    shutil.copytree(engine.config.index, index)
    mixed = root / "mixed"
    mixed.mkdir()
    text = (corpus / "xiaomi.md").read_text(encoding="utf-8")
    (mixed / "good.md").write_text(text[: text.index("## 小米公司高管")], encoding="utf-8")
    (mixed / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    return Workspace(root, corpus, index, mixed, root / "mixed-index")


@pytest.fixture(scope="module")
def runs(workspace, cache_dir) -> dict[str, Run]:
    ws = workspace
    built = where(ws.corpus, ws.index, cache_dir)
    results = {"cold ask": rag("ask", "--json", QUESTION, *built, cwd=ws.root)}

    corrupt = ws.root / "corrupt-index"
    shutil.copytree(ws.index, corrupt)
    (vectors,) = corrupt.glob("builds/*/vectors.npy")
    data = bytearray(vectors.read_bytes())
    data[len(data) // 2] ^= 0xFF
    vectors.write_bytes(bytes(data))
    empty = ws.root / "empty"
    empty.mkdir()

    def index_twice() -> tuple[Run, Run]:
        args = where(ws.mixed_corpus, ws.mixed_index, cache_dir)
        return rag("index", *args, cwd=ws.root), rag("index", *args, cwd=ws.root)

    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = {
            "ask": pool.submit(rag, "ask", QUESTION, *built, cwd=ws.root),
            "search": pool.submit(rag, "search", "--json", "-k", "3", SEARCH, *built, cwd=ws.root),
            # Piped in at once: the questions arrive while the session's model is still being optimised.
            "chat": pool.submit(rag, "chat", *built, cwd=ws.root, stdin="小米的创始人是谁？\n他是哪一年出生的？\n"),
            "empty corpus": pool.submit(
                rag, "ask", QUESTION, *where(empty, ws.root / "empty-index", cache_dir), cwd=ws.root
            ),
            "corrupt": pool.submit(
                rag, "ask", "--no-build", QUESTION, *where(ws.corpus, corrupt, cache_dir), cwd=ws.root
            ),
        }
        index_job = pool.submit(index_twice)
        results.update({name: job.result() for name, job in jobs.items()})
        results["index"], results["index again"] = index_job.result()
    return results


def check_ok(run: Run) -> None:
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr


# -- chat ---------------------------------------------------------------------------


def test_chat_resolves_a_follow_up_and_ends_cleanly_at_end_of_input(runs):
    run = runs["chat"]
    check_ok(run)
    assert "terminate called" not in run.stderr
    assert "understood as: 雷军是哪一年出生的？" in run.stdout
    assert "1969年" in run.stdout


# -- ask ----------------------------------------------------------------------------


def test_ask_json(runs):
    run = runs["cold ask"]
    check_ok(run)
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert {"answer", "grounded", "citations"} <= set(answer)
    assert answer["grounded"] is True
    assert "2010" in answer["answer"]
    assert "[1]" in answer["answer"]
    first = answer["citations"][0]
    assert {"id", "doc", "section", "text", "score"} <= set(first)
    assert "2010" in first["text"]
    assert re.fullmatch(r"xiaomi#\d{2}\.\d{2}", first["id"])
    assert first["doc"] == "xiaomi"
    # Every [n] in the answer points at a citation.
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert numbers and max(numbers) <= len(answer["citations"])


def test_cold_ask_is_fast_enough(runs):
    seconds = runs["cold ask"].seconds
    print(f"cold ask: {seconds:.1f} s")
    assert seconds < COLD_ASK_LIMIT


def test_ask_human_output_lists_citations_under_the_answer(runs):
    run = runs["ask"]
    check_ok(run)
    lines = run.stdout.rstrip("\n").splitlines()
    assert "2010" in lines[0] and "[1]" in lines[0]
    assert lines[1] == ""
    assert re.match(r"^\[1\] xiaomi#\d{2}\.\d{2} · \S+ · score \d\.\d\d$", lines[2])
    assert lines[3].startswith("    ") and "2010" in lines[3]
    cited = json.loads(runs["cold ask"].stdout)["citations"][0]
    assert lines[2].startswith(f"[1] {cited['id']} · {cited['section']}")
    assert lines[3].strip() == cited["text"]


# -- search -------------------------------------------------------------------------


def test_search_json(runs):
    run = runs["search"]
    check_ok(run)
    hits = json.loads(run.stdout)["hits"]
    assert len(hits) == 3
    for hit in hits:
        assert {"id", "doc", "section", "text", "score", "retrievers", "ranks"} <= set(hit)
        assert hit["ranks"] and set(hit["ranks"]) <= {"dense", "bm25"}
        assert set(hit["retrievers"]) == set(hit["ranks"])
        assert all(isinstance(r, int) and r >= 1 for r in hit["ranks"].values())
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert any("1810.HK" in h["text"] for h in hits)


# -- index --------------------------------------------------------------------------


def test_index_builds_and_reports_skipped_files(runs, workspace):
    run = runs["index"]
    check_ok(run)
    expected = len(chunk_corpus(load_corpus(workspace.mixed_corpus).documents))
    assert f"indexed {expected} passages" in run.stdout
    assert "picture.md" in run.stderr and "binary file" in run.stderr
    assert "good.md" not in run.stderr
    assert (workspace.mixed_index / "CURRENT").is_file()


def test_index_second_run_is_up_to_date(runs, workspace):
    run = runs["index again"]
    check_ok(run)
    expected = len(chunk_corpus(load_corpus(workspace.mixed_corpus).documents))
    assert run.stdout.strip().startswith("index is up to date")
    assert f"{expected} passages" in run.stdout


# -- errors -------------------------------------------------------------------------


def one_line_error(run: Run) -> str:
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("rag: error: ")
    return lines[0]


def test_empty_corpus_folder(runs, workspace):
    run = runs["empty corpus"]
    assert run.returncode == 3
    line = one_line_error(run)
    assert "empty" in line and "no usable document" in line
    assert run.stdout == ""


def test_corrupted_index_with_no_build(runs):
    run = runs["corrupt"]
    assert run.returncode == 4
    line = one_line_error(run)
    assert "vectors.npy" in line and "corrupt" in line
    assert "rag index --rebuild" in line


@pytest.mark.parametrize(
    "args",
    [
        ["ask", ""],
        ["ask", "   "],
        ["ask", "问" * 2001],
        ["search", ""],
        ["search", "小米", "-k", "0"],
        ["search", "小米", "-k", "51"],
    ],
    ids=["ask-empty", "ask-blank", "ask-too-long", "search-empty", "search-k-0", "search-k-51"],
)
def test_bad_questions_exit_6_with_one_line(args, workspace, cache_dir):
    run = rag(*args, *where(workspace.corpus, workspace.index, cache_dir), cwd=workspace.root)
    assert run.returncode == 6
    one_line_error(run)
    assert run.stdout == ""


# -- help ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_shows_examples(command, tmp_path):
    run = rag(command, "--help", cwd=tmp_path)
    check_ok(run)
    examples = run.stdout.split("examples:", 1)
    assert len(examples) == 2, run.stdout
    assert f"rag {command}" in examples[1]


def test_main_help_lists_commands_and_examples(tmp_path):
    run = rag("--help", cwd=tmp_path)
    check_ok(run)
    for command in COMMANDS:
        assert command in run.stdout
    assert "examples:" in run.stdout


def test_missing_command_is_a_usage_error(tmp_path):
    run = rag(cwd=tmp_path)
    assert run.returncode == 2
    assert "usage:" in run.stderr
    assert "Traceback" not in run.stderr


def test_output_to_a_reader_that_went_away_ends_quietly(workspace, cache_dir):
    # `rag index | head -1` with a reader that is gone before anything is written.
    args = ["index", *where(workspace.corpus, workspace.index, cache_dir)]
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", *args], cwd=workspace.root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert stderr == ""
