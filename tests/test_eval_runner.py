"""Tests for rag.evaluation (datasets, runner, report): loading, hand-computed summaries, reports, `rag eval`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.answering import NOT_FOUND, NOT_FOUND_EN
from rag.evaluation.datasets import EvalQuestion, load_dataset
from rag.evaluation.report import markdown, write_reports
from rag.evaluation.runner import Outcome, is_relevant, prepare_corpus, summarise
from rag.records import Answer, Citation, Passage

# --- datasets -----------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    return path


def test_load_jsonl_questions_and_conversations(tmp_path):
    path = write_jsonl(tmp_path / "mine.jsonl", [
        {"id": "a1", "question": "青石镇始建于哪一年？", "answers": ["1732年"], "type": "date",
         "section": "青石镇简介：", "other_sections": ["历史 [3]"], "split": "dev"},
        {"question": "青石镇有哪些特产？", "answers": ["茶叶、竹笋"], "type": "list", "list_items": ["茶叶", "竹笋"],
         "lang": "zh", "style": "colloquial"},
        {"id": "a3", "question": "青石镇的镇长是谁？", "answers": [], "answerable": False},
        {"id": "c1", "split": "test", "turns": [
            {"question": "蓝湾科技的创始人是谁？", "answers": ["沈若川"], "type": "person"},
            {"question": "他是哪一年出生的？", "answers": ["1981年"], "type": "date", "split": "dev"},
        ]},
    ])
    data = load_dataset(path)
    assert data.name == "mine"
    assert data.documents is None
    first, second, third = data.questions
    assert first == EvalQuestion(id="a1", question="青石镇始建于哪一年？", answers=("1732年",), type="date",
                                 sections=("青石镇简介", "历史"), split="dev")
    assert second.id == "line2"  # no id: the line number
    assert second.list_items == ("茶叶", "竹笋")
    assert second.style == "colloquial" and second.answerable
    assert third.answerable is False and third.answers == ()
    (conversation,) = data.conversations
    assert conversation.id == "c1" and conversation.split == "test"
    assert [t.id for t in conversation.turns] == ["c1.1", "c1.2"]
    assert conversation.turns[0].split == "test"  # inherited from the conversation
    assert conversation.turns[1].split == "dev"  # a turn's own split wins


def test_load_jsonl_reports_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "好", "answers": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: not JSON"):
        load_dataset(path)


def test_load_dataset_of_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="dataset not found"):
        load_dataset(tmp_path / "nothing.jsonl")


PARAGRAPHS = {
    "qingshi": "青石镇位于云岭山脚下，始建于1732年。镇上的石桥长48米，由工匠周明远设计。",
    "lanwan": "蓝湾科技成立于2015年6月8日，总部位于杭州市西湖区文三路。公司创始人是沈若川，主要产品是智能水表。",
    "bailu": "白鹭湖是一个淡水湖，面积约12.6平方公里。每年冬季有超过3000只白鹭在白鹭湖越冬。",
}


def squad_file(path: Path) -> Path:
    """A three-paragraph SQuAD-style file: one easy question per paragraph and one unanswerable question."""
    raw = {
        "version": "test",
        "data": [
            {"id": "town", "title": "青石镇", "paragraphs": [
                {"id": "p/qingshi 1", "context": PARAGRAPHS["qingshi"], "qas": [
                    {"id": "q1", "question": "青石镇始建于哪一年？",
                     "answers": [{"text": "1732年", "answer_start": 16}, {"text": "1732年", "answer_start": 16}]},
                ]},
            ]},
            {"title": "蓝湾科技", "paragraphs": [
                {"context": PARAGRAPHS["lanwan"], "qas": [
                    {"id": "q2", "question": "蓝湾科技的创始人是谁？", "answers": [{"text": "沈若川"}]},
                    {"id": "q4", "question": "蓝湾科技的股票代码是多少？", "answers": []},
                ]},
                {"context": PARAGRAPHS["bailu"], "qas": [
                    {"id": "q3", "question": "白鹭湖的面积是多少？", "answers": [{"text": "12.6平方公里"}]},
                ]},
            ]},
        ],
    }
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_squad_makes_one_document_per_paragraph(tmp_path):
    data = load_dataset(squad_file(tmp_path / "tiny.json"))
    assert data.name == "tiny"
    # The paragraph id with its unsafe characters replaced; else the article id (or title) and the index.
    assert data.documents == {
        "p_qingshi_1": f"# 青石镇\n\n{PARAGRAPHS['qingshi']}\n",
        "蓝湾科技-0": f"# 蓝湾科技\n\n{PARAGRAPHS['lanwan']}\n",
        "蓝湾科技-1": f"# 蓝湾科技\n\n{PARAGRAPHS['bailu']}\n",
    }
    by_id = {q.id: q for q in data.questions}
    assert by_id["q1"].answers == ("1732年",)  # duplicates dropped
    assert by_id["q1"].doc == "p_qingshi_1"
    assert by_id["q2"].doc == by_id["q4"].doc == "蓝湾科技-0"
    assert by_id["q3"].doc == "蓝湾科技-1"
    assert by_id["q4"].answerable is False
    assert all(by_id[i].answerable for i in ("q1", "q2", "q3"))


def test_prepare_corpus_writes_the_documents_once(tmp_path):
    data = load_dataset(squad_file(tmp_path / "tiny.json"))
    corpus, index = prepare_corpus(data, tmp_path / "cache")
    assert sorted(p.name for p in corpus.iterdir()) == sorted(f"{d}.md" for d in data.documents)
    assert (corpus / "蓝湾科技-1.md").read_text(encoding="utf-8") == data.documents["蓝湾科技-1"]
    assert index.parent == corpus.parent
    assert prepare_corpus(data, tmp_path / "cache") == (corpus, index)


# --- outcomes and summaries -----------------------------------------------------------------------

FOUNDED = Passage("d#1", "d", "简介", "小米成立于2010年3月3日。")
FOUNDER = Passage("d#2", "d", "高管", "雷军是小米的创始人。")
LISTED = Passage("d#3", "d", "上市", "小米在香港上市，林斌出席。")


def question(qid: str, answers: tuple[str, ...], qtype: str = "", answerable: bool = True, **kw) -> EvalQuestion:
    return EvalQuestion(id=qid, question=f"问题{qid}", answers=answers, type=qtype, answerable=answerable, **kw)


def answered(text: str, passage: Passage, span: str) -> Answer:
    return Answer(f"{text}[1]", True, (Citation(passage, 0.9, (0, 2)),), span=span)


REFUSED = Answer(NOT_FOUND, False)
REFUSED_EN = Answer(NOT_FOUND_EN, False)


def outcome(q: EvalQuestion, answer: Answer, seconds: float, dense, bm25, hybrid, conversation=None) -> Outcome:
    return Outcome(q, answer, seconds, {"dense": dense, "bm25": bm25, "hybrid": hybrid}, conversation)


T, F = True, False


@pytest.fixture
def outcomes() -> list[Outcome]:
    return [
        # q1 right, cites the right passage.
        outcome(question("q1", ("2010年3月3日",), "date"), answered("2010年3月3日", FOUNDED, "2010年3月3日"), 0.1,
                [T, F], [F, T], [T]),
        # q2 wrong, cites a passage without the answer.
        outcome(question("q2", ("雷军",), "person"), answered("林斌", LISTED, "林斌"), 0.2,
                [F] * 5, [F, F, T], [F, T]),
        # q3 answerable but refused (English).
        outcome(question("q3", ("雷军",), "person", lang="en"), REFUSED_EN, 0.3, [T], [T], [T]),
        # q4 unanswerable and refused; q5 unanswerable but answered.
        outcome(question("q4", (), answerable=False), REFUSED, 0.4, [], [], []),
        outcome(question("q5", (), answerable=False), answered("雷军", FOUNDER, "雷军"), 0.5, [T], [T], [T]),
        # q6 right by the answer text; its span is only part of the gold answer.
        outcome(question("q6", ("2010年3月3日",), "date", style="colloquial"),
                answered("小米于2010年3月3日成立", FOUNDED, "2010年3月"), 0.6, [F, T], [T], [T]),
        # Conversation c1: first turn right, second wrong; c2: its one turn right.
        outcome(question("c1.1", ("雷军",), "person"), answered("雷军", FOUNDER, "雷军"), 0.7, [T], [T], [T], "c1"),
        outcome(question("c1.2", ("1969年",), "date"), REFUSED, 0.8, [F], [F], [F], "c1"),
        outcome(question("c2.1", ("雷军",), "person"), answered("雷军", FOUNDER, "雷军"), 0.9, [T], [T], [T], "c2"),
    ]


def test_outcome_correctness_and_citations(outcomes):
    assert [o.correct for o in outcomes] == [T, F, F, T, F, T, T, F, T]
    assert [o.refused for o in outcomes] == [F, F, T, T, F, F, F, T, F]
    assert outcomes[0].citation_ok and not outcomes[1].citation_ok and outcomes[5].citation_ok


def test_list_questions_are_right_with_every_item_or_the_whole_answer():
    q = question("l1", ("手机、电视、路由器",), "list", list_items=("手机", "电视", "路由器"))
    assert outcome(q, answered("路由器、手机、电视", FOUNDED, ""), 0.1, [], [], []).correct
    assert not outcome(q, answered("手机、电视", FOUNDED, ""), 0.1, [], [], []).correct
    assert outcome(q, answered("产品有手机、电视、路由器", FOUNDED, ""), 0.1, [], [], []).correct


def test_relevance_by_gold_document_or_by_section_and_answer():
    squad = EvalQuestion(id="s", question="?", answers=("x",), doc="d")
    assert is_relevant(FOUNDER, squad)
    assert not is_relevant(Passage("e#1", "e", "简介", "x"), squad)
    ours = EvalQuestion(id="o", question="?", answers=("2010年3月3日",), sections=("简介",))
    assert is_relevant(FOUNDED, ours)
    assert not is_relevant(Passage("d#9", "d", "历程", "小米成立于2010年3月3日。"), ours)  # other section
    assert not is_relevant(FOUNDER, EvalQuestion(id="n", question="?", answers=("2010年3月3日",)))


def test_summarise_by_hand(outcomes):
    s = summarise(outcomes)
    # Single questions q1–q6; answerable q1, q2, q3, q6; unanswerable q4, q5.
    assert (s["questions"], s["answerable"], s["unanswerable"]) == (6, 4, 2)
    # Right among answerable: q1, q6.
    assert s["answer_accuracy"] == 0.5
    # Spans: q1 exact; q2 wrong; q3 none; q6 "2010年3月" ≠ "2010年3月3日".
    assert s["exact_match"] == 0.25
    # F1: q1 1; q2 0; q3 0; q6 P = 4/4, R = 4/6 → 0.8. Mean (1 + 0.8) / 4.
    assert s["f1"] == pytest.approx(0.45)
    # Answered answerable q1, q2, q6; cited right: q1, q6.
    assert s["citation_accuracy"] == round(2 / 3, 4)
    # Refused singles q3 (answerable), q4 (unanswerable); unanswerable refused: q4 of q4, q5; answerable refused: q3.
    assert s["refusal"] == {"precision": 0.5, "recall": 0.5, "false_refusal_rate": 0.25}
    assert s["max_answer_chars"] == len(NOT_FOUND_EN)


def test_summarise_retrieval_by_hand(outcomes):
    s = summarise(outcomes)
    # Answerable q1, q2, q3, q6 only.
    # dense:  [T,F] [F×5] [T] [F,T] → hit@1 2/4, hit@5 3/4, MRR (1 + 0 + 1 + 1/2) / 4
    # bm25:   [F,T] [F,F,T] [T] [T] → hit@1 2/4, hit@5 4/4, MRR (1/2 + 1/3 + 1 + 1) / 4
    # hybrid: [T] [F,T] [T] [T]     → hit@1 3/4, hit@5 4/4, MRR (1 + 1/2 + 1 + 1) / 4
    assert s["retrieval"] == {
        "dense": {"hit@1": 0.5, "hit@5": 0.75, "mrr": 0.625},
        "bm25": {"hit@1": 0.5, "hit@5": 1.0, "mrr": round((0.5 + 1 / 3 + 2) / 4, 4)},
        "hybrid": {"hit@1": 0.75, "hit@5": 1.0, "mrr": 0.875},
    }


def test_summarise_breakdowns_by_hand(outcomes):
    s = summarise(outcomes)
    # date: q1 right, q6 right; person: q2 wrong, q3 refused.
    assert s["by_type"] == {"date": {"questions": 2, "accuracy": 1.0}, "person": {"questions": 2, "accuracy": 0.0}}
    assert list(s["by_type"]) == ["date", "person"]
    assert s["slices"] == {"english": {"questions": 1, "accuracy": 0.0},
                           "colloquial": {"questions": 1, "accuracy": 1.0}}
    # c1: one of two turns right; c2: its turn right → 1 conversation fully right, 2 of 3 turns.
    assert s["conversations"] == {"count": 2, "all_turns_correct": 1, "turn_accuracy": round(2 / 3, 4)}
    # Latencies 100 … 900 ms over all nine outcomes: p50 at position 4 → 500; p95 at 7.6 → 800 + 0.6 × 100.
    assert s["latency_ms"] == {"p50": 500.0, "p95": 860.0}


def test_summarise_without_conversations_or_answerable_questions():
    s = summarise([outcome(question("u", (), answerable=False), REFUSED, 0.05, [], [], [])])
    assert s["conversations"] is None
    assert s["answer_accuracy"] is None and s["exact_match"] is None and s["f1"] is None
    assert s["refusal"] == {"precision": 1.0, "recall": 1.0, "false_refusal_rate": None}
    assert s["retrieval"]["hybrid"] == {"hit@1": None, "hit@5": None, "mrr": None}
    assert s["by_type"] == {} and s["slices"] == {}


def test_unlabelled_questions_are_typed_all(outcomes):
    s = summarise([outcome(question("x", ("雷军",)), answered("雷军", FOUNDER, "雷军"), 0.1, [T], [T], [T])])
    assert s["by_type"] == {"all": {"questions": 1, "accuracy": 1.0}}


# --- reports -------------------------------------------------------------------------------------


def test_write_reports_writes_json_markdown_and_a_chart(outcomes, tmp_path):
    summary = {"dataset": "hand.jsonl", "passages": 3, **summarise(outcomes)}
    paths = write_reports(summary, tmp_path / "out", "hand")
    assert paths == {"json": tmp_path / "out" / "hand.json", "markdown": tmp_path / "out" / "hand.md",
                     "chart": tmp_path / "out" / "hand.png"}
    assert json.loads(paths["json"].read_text(encoding="utf-8")) == summary
    text = paths["markdown"].read_text(encoding="utf-8")
    assert text == markdown(summary, "hand")
    assert text.startswith("### hand\n")
    assert "6 questions (4 answerable, 2 unanswerable) over 3 passages." in text
    assert "| answer accuracy (gold in answer) | 0.500 |" in text
    assert "| refusal precision / recall | 0.500 / 0.500 |" in text
    assert "| hybrid | 0.750 | 1.000 | 0.875 |" in text
    assert "| conversations fully right | 1 / 2 |" in text
    assert "| date | 2 | 1.000 |" in text
    assert paths["chart"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_markdown_shows_missing_values_as_a_dash():
    summary = {"passages": 1, **summarise([outcome(question("u", (), answerable=False), REFUSED, 0.0, [], [], [])])}
    text = markdown(summary, "empty")
    assert "| answer accuracy (gold in answer) | – |" in text
    assert "conversations" not in text


# --- `rag eval` end to end -------------------------------------------------------------------------


def test_rag_eval_on_a_tiny_squad_file(tmp_path, cache_dir):
    dataset = squad_file(tmp_path / "tiny.json")
    out = tmp_path / "results"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    for name in ("RAG_CORPUS", "RAG_INDEX", "RAG_MODEL", "RAG_BACKEND", "RAG_CACHE"):
        env.pop(name, None)
    proc = subprocess.run(
        [sys.executable, "-m", "rag.cli", "eval", str(dataset), "--cache-dir", str(cache_dir), "--out", str(out),
         "--predictions", str(tmp_path / "predictions.jsonl"), "-q"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert {p.name for p in out.iterdir()} == {"tiny.json", "tiny.md", "tiny.png"}
    results = json.loads((out / "tiny.json").read_text(encoding="utf-8"))
    assert {"dataset", "split", "model", "backend", "passages", "questions", "answerable", "unanswerable",
            "answer_accuracy", "exact_match", "f1", "citation_accuracy", "refusal", "max_answer_chars",
            "retrieval", "by_type", "slices", "conversations", "latency_ms"} <= set(results)
    assert (results["questions"], results["answerable"], results["unanswerable"]) == (4, 3, 1)
    assert results["dataset"] == str(dataset) and results["split"] is None
    assert results["passages"] >= 3  # at least one passage per paragraph
    for retriever in ("dense", "bm25", "hybrid"):
        assert results["retrieval"][retriever]["hit@5"] == 1.0
    assert "### tiny" in proc.stdout
    predictions = [json.loads(line) for line in (tmp_path / "predictions.jsonl").read_text().splitlines()]
    assert [p["id"] for p in predictions] == ["q1", "q2", "q4", "q3"]
