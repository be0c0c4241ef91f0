"""Bounded loopback load against the real server: mixed valid and invalid requests, interleaved sessions.

No timing targets are asserted here (they come from `rag bench`); what must hold
under load is correctness: no 5xx, no dropped connection, every invalid
request answered with its 4xx, and no conversation mixed up with another.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest

from rag.conversation import Turn
from rag.evaluation.bench_load import INVALID_REQUESTS, chat_request, mixed_requests, run_load
from server.app import create_app
from server.background import serve_in_thread
from server.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TIME_LIMIT_S = 60.0

# Conversations whose follow-up ("他…") must resolve against their own first turn.
SESSIONS = (
    ("小米的创始人是谁？", "他是哪一年出生的？"),
    ("雷军是哪一年出生的？", "他毕业于哪所大学？"),
    ("林斌在加入小米之前在哪家公司工作？", "他是哪一年加入小米的？"),
    ("洪锋在小米负责什么？", "他毕业于哪所大学？"),
    ("王翔是什么时候加入小米的？", "他之前在哪家公司工作？"),
    ("周受资在小米担任过什么职务？", "他是哪里人？"),
)


def eval_questions(n: int) -> list[str]:
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][:n]


@pytest.fixture(scope="module")
def server_url(engine, corpus_copy, cache_dir):
    settings = Settings(corpus=corpus_copy, index=engine.config.index, cache_dir=cache_dir)
    with serve_in_thread(create_app(settings, engine=engine)) as url:
        yield url


@pytest.fixture(scope="module")
def expected_followups(engine) -> dict[tuple[str, str], str]:
    """How each follow-up resolves when its conversation is asked alone, as /chat records turns."""
    out = {}
    for first, second in SESSIONS:
        answer = engine.ask(first)
        out[(first, second)] = engine.ask(second, [Turn(first, answer.text)]).resolved_question
    return out


def test_expected_followups_tell_the_sessions_apart(expected_followups):
    # Otherwise a session answered from another's history could pass unnoticed.
    assert len(set(expected_followups.values())) >= 4


@pytest.mark.parametrize("concurrency, valid", [(8, 120), (32, 160)])
def test_mixed_load_has_no_errors(server_url, concurrency, valid):
    requests = mixed_requests([q for _ in range(4) for q in eval_questions(valid // 4)], invalid_every=3)
    started = time.monotonic()
    result = run_load(server_url, requests, concurrency, deadline_s=TIME_LIMIT_S)
    assert time.monotonic() - started < TIME_LIMIT_S + 5
    assert result.errors == []
    assert result.requests == len(requests)
    assert not [s for s in result.statuses if s >= 500], result.statuses
    assert result.unexpected == 0, result.statuses
    invalid = sum(1 for r in requests if r.expect != (200,))
    assert sum(v for s, v in result.statuses.items() if 400 <= s < 500) == invalid
    assert result.statuses[200] == len(requests) - invalid


def test_every_invalid_request_gets_its_status(server_url):
    with httpx.Client(base_url=server_url, timeout=30) as client:
        for req in INVALID_REQUESTS:
            resp = client.request(req.method, req.path, content=req.body,
                                  headers={"content-type": req.content_type} if req.body else None)
            assert resp.status_code in req.expect, (req.path, req.body and req.body[:40], resp.text[:200])
            assert set(resp.json()) == {"error"}


def test_sessions_interleaved_under_load_keep_their_own_history(server_url, expected_followups):
    failures: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(SESSIONS) * 2)

    def conversation(first: str, second: str) -> None:
        with httpx.Client(base_url=server_url, timeout=30) as client:
            try:
                reply = client.post("/chat", json={"message": first}).json()
                barrier.wait(timeout=30)  # every session has its first turn before any follow-up
                follow = client.post("/chat", json={"message": second, "session_id": reply["session_id"]})
                body = follow.json()
            except (httpx.HTTPError, threading.BrokenBarrierError, KeyError) as exc:
                with lock:
                    failures.append(f"{first}: {type(exc).__name__}")
                return
            with lock:
                if follow.status_code != 200 or body["session_id"] != reply["session_id"]:
                    failures.append(f"{first}: session lost ({follow.status_code})")
                elif body["resolved_question"] != expected_followups[(first, second)]:
                    failures.append(f"{first}: follow-up resolved as {body['resolved_question']!r}")

    background = threading.Thread(
        target=run_load, args=(server_url, mixed_requests(eval_questions(80), 4), 8, TIME_LIMIT_S), daemon=True
    )
    background.start()
    # Each conversation runs twice at once, so same-text sessions must not share history either.
    talkers = [threading.Thread(target=conversation, args=pair) for pair in SESSIONS for _ in range(2)]
    for t in talkers:
        t.start()
    for t in talkers:
        t.join(TIME_LIMIT_S)
    background.join(TIME_LIMIT_S)
    assert failures == []


def test_chat_request_body_is_what_the_api_takes():
    req = chat_request("小米的创始人是谁？", "abc")
    assert req.method == "POST" and req.path == "/chat"
    assert json.loads(req.body) == {"message": "小米的创始人是谁？", "session_id": "abc"}
