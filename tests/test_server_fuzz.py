"""Property-based fuzzing of the HTTP API: no input, however malformed, gets a 5xx or a non-JSON error.

Most examples run against a stub engine (fast, so hundreds of bodies per endpoint fit in CI); the stub
still uses the library's own question check and follow-up resolution. A smaller run goes through the
real engine to shake out the retrieval and answering code.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.conversation import resolve_followup
from rag.question import check_question
from rag.records import Answer, Citation, Hit, Passage
from server.app import create_app
from server.settings import Settings

FUZZ = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
REAL = settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
ENDPOINTS = ["/chat", "/search", "/v1/chat/completions"]
PASSAGE = Passage(id="demo#01.01", doc="demo", section="简介", text="示例公司成立于2001年，总部位于北京。")


class StubEngine:
    """Answers instantly with real records; checks and resolves questions like the real engine."""

    ready = True

    def __init__(self) -> None:
        self.data = type("Data", (), {"passages": (PASSAGE,)})()
        self.config = type("Config", (), {"model": "stub"})()

    def ask(self, question, history=()):
        question = check_question(question)
        resolved = resolve_followup(question, history)
        return Answer(text=f"{question[:30]}[1]", grounded=True, citations=(Citation(PASSAGE, 0.5, (7, 12)),),
                      question=question, resolved_question=resolved, question_type="other", span=None)

    def search(self, query, k=5):
        check_question(query)
        return [Hit(PASSAGE, 1.0 / (i + 1)) for i in range(min(k, 3))]


@pytest.fixture(scope="module")
def stub_client():
    with TestClient(create_app(Settings(max_sessions=20), engine=StubEngine())) as client:
        yield client


@pytest.fixture(scope="module")
def real_client(engine, corpus_copy, cache_dir):
    settings_ = Settings(corpus=corpus_copy, index=engine.config.index, cache_dir=cache_dir)
    with TestClient(create_app(settings_, engine=engine)) as client:
        yield client


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
SAMPLES = ["小米的创始人是谁？", "他是哪一年出生的？", "那小米手机3呢？", "它", " ", "问" * 2001]
texts = st.text(max_size=80) | st.sampled_from(SAMPLES)
maybe = st.one_of(json_values, texts)

chat_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"message": maybe}, optional={"session_id": st.none() | texts | json_values,
                                                        "extra": json_values}),
)
search_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"query": maybe}, optional={"top_k": st.integers(-5, 60) | json_values}),
)
roles = st.sampled_from(["system", "developer", "user", "assistant", "tool", "function"]) | st.text(max_size=10)
contents = st.one_of(
    texts,
    st.none(),
    st.lists(st.fixed_dictionaries({"type": st.sampled_from(["text", "image_url"]) | st.text(max_size=5)},
                                   optional={"text": texts | json_values}), max_size=3),
    json_values,
)
messages = st.lists(st.fixed_dictionaries({"role": roles}, optional={"content": contents, "name": json_values}),
                    max_size=6)
completion_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"messages": messages | json_values},
                          optional={"model": texts | json_values, "stream": st.booleans() | json_values,
                                    "temperature": json_values}),
)


def check(response) -> None:
    """Below 500, and JSON — or an event stream for a successful streamed completion."""
    assert response.status_code < 500, response.text
    kind = response.headers.get("content-type", "")
    if response.status_code == 200 and kind.startswith("text/event-stream"):
        assert response.text.endswith("data: [DONE]\n\n")
        return
    assert kind.startswith("application/json"), kind
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"error"} and body["error"]["message"]


def post(client, path: str, body) -> None:
    raw = json.dumps(body, ensure_ascii=False)  # NaN and Infinity included: Python's parser accepts them
    check(client.post(path, content=raw.encode(), headers={"content-type": "application/json"}))


@FUZZ
@given(body=chat_bodies)
def test_chat_never_fails(stub_client, body):
    post(stub_client, "/chat", body)


@FUZZ
@given(body=search_bodies)
def test_search_never_fails(stub_client, body):
    post(stub_client, "/search", body)


@FUZZ
@given(body=completion_bodies)
def test_completions_never_fail(stub_client, body):
    post(stub_client, "/v1/chat/completions", body)


@FUZZ
@given(path=st.sampled_from(ENDPOINTS), raw=st.binary(max_size=300),
       kind=st.sampled_from(["application/json", "text/plain", "", "application/x-www-form-urlencoded"]))
def test_raw_bytes_never_fail(stub_client, path, raw, kind):
    check(stub_client.post(path, content=raw, headers={"content-type": kind} if kind else {}))


@FUZZ
@given(session=st.text(max_size=200), message=texts)
def test_any_session_id_is_accepted_or_refused_cleanly(stub_client, session, message):
    post(stub_client, "/chat", {"message": message, "session_id": session})


@REAL
@given(message=texts, follow=texts)
def test_real_engine_chat_never_fails(real_client, message, follow):
    first = real_client.post("/chat", json={"message": message})
    check(first)
    session = first.json().get("session_id")
    check(real_client.post("/chat", json={"message": follow, "session_id": session}))


@REAL
@given(query=texts, top_k=st.integers(1, 50))
def test_real_engine_search_never_fails(real_client, query, top_k):
    check(real_client.post("/search", json={"query": query, "top_k": top_k}))
