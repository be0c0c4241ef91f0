"""Benchmark plumbing: `rag serve` subprocesses on loopback and bounded HTTP load against them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .bench_report import summarize

PROJECT = Path(__file__).resolve().parents[2]
HTTP_TIMEOUT = 30.0


# -- processes ----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query_batches(url: str) -> dict[str, int]:
    """The server's count of question-embedding model calls and texts so far (from /readyz)."""
    import httpx

    return httpx.get(url + "/readyz", timeout=HTTP_TIMEOUT).json()["query_batches"]


def rss_mib(pid: int) -> float:
    """Resident set size of a process from /proc/<pid>/status, in MiB (0 if unavailable)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc/<pid>/stat (0 if unavailable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # utime and stime are fields 14 and 15 of the file; the split drops the first two.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class ServerProcess:
    url: str
    pid: int
    ready_seconds: float


@contextmanager
def serve(corpus: Path, index: Path, backend: str, cache_dir: Path, log: Path,
          threads: int | None = None, timeout: float = 120.0) -> Iterator[ServerProcess]:
    """Run `rag serve` on a free loopback port until /readyz answers 200; stop it at the end.

    Raises:
        RuntimeError: the server exited or was not ready within `timeout` seconds.
    """
    import httpx

    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if threads is not None:
        env["RAG_THREADS"] = str(threads)
    cmd = [sys.executable, "-m", "rag.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--corpus", str(corpus), "--index", str(index), "--backend", backend, "--cache-dir", str(cache_dir)]
    url = f"http://127.0.0.1:{port}"
    with log.open("ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            with httpx.Client(timeout=2.0) as client:
                while True:
                    if proc.poll() is not None:
                        raise RuntimeError(f"rag serve exited with {proc.returncode}; see {log}")
                    if time.perf_counter() - start > timeout:
                        raise RuntimeError(f"rag serve was not ready within {timeout:.0f} s; see {log}")
                    try:
                        if client.get(url + "/readyz").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    time.sleep(0.02)
            yield ServerProcess(url, proc.pid, time.perf_counter() - start)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# -- HTTP load ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One HTTP request of a load run and the status classes it may get."""

    method: str
    path: str
    body: bytes | None = None
    expect: tuple[int, ...] = (200,)
    content_type: str = "application/json"


def chat_request(message: str, session_id: str | None = None) -> Request:
    return Request("POST", "/chat", json.dumps({"message": message, "session_id": session_id},
                                               ensure_ascii=False).encode())


INVALID_REQUESTS = (
    Request("POST", "/chat", b'{"message": ""}', (422,)),
    Request("POST", "/chat", b'{"message": 42}', (422,)),
    Request("POST", "/chat", b'{"message": "x", "extra": 1}', (422,)),
    Request("POST", "/chat", b"{not json", (400,)),
    Request("POST", "/chat", json.dumps({"message": "长" * 3000}).encode(), (422,)),
    Request("POST", "/chat", b"x" * 70_000, (413,)),
    Request("GET", "/chat", None, (405,)),
    Request("GET", "/no-such-page", None, (404,)),
    Request("POST", "/search", json.dumps({"query": "小米", "top_k": 0}).encode(), (422,)),
)


@dataclass
class LoadResult:
    """What a load run saw: latencies of successful requests, statuses, failures."""

    concurrency: int
    requests: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    unexpected: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return round(self.requests / self.seconds, 1) if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {
            "concurrency": self.concurrency,
            "requests": self.requests,
            "seconds": round(self.seconds, 2),
            "throughput_rps": self.throughput,
            "latency_ms": summarize(self.latencies_ms),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "server_errors": sum(v for k, v in self.statuses.items() if k >= 500),
            "unexpected_status": self.unexpected,
            "connection_errors": len(self.errors),
        }


def run_load(url: str, requests: Sequence[Request], concurrency: int, deadline_s: float = 120.0) -> LoadResult:
    """Send `requests` with `concurrency` client threads (one keep-alive connection each)."""
    import httpx

    result = LoadResult(concurrency, len(requests), 0.0)
    queue = list(reversed(requests))
    lock = threading.Lock()
    stop_at = time.monotonic() + deadline_s

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=HTTP_TIMEOUT) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if not queue:
                        return
                    req = queue.pop()
                t = time.perf_counter()
                try:
                    resp = client.request(req.method, req.path, content=req.body,
                                          headers={"content-type": req.content_type} if req.body else None)
                except httpx.HTTPError as exc:
                    with lock:
                        result.errors.append(f"{req.method} {req.path}: {type(exc).__name__}")
                    continue
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    result.statuses[resp.status_code] += 1
                    if resp.status_code not in req.expect:
                        result.unexpected += 1
                    if resp.status_code == 200:
                        result.latencies_ms.append(ms)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(1.0, stop_at - time.monotonic() + HTTP_TIMEOUT))
    result.seconds = time.perf_counter() - start
    result.requests = sum(result.statuses.values()) + len(result.errors)
    return result


def mixed_requests(questions: Sequence[str], invalid_every: int) -> list[Request]:
    """Valid /chat requests with an invalid one after every `invalid_every` of them."""
    out: list[Request] = []
    for i, q in enumerate(questions):
        out.append(chat_request(q))
        if (i + 1) % invalid_every == 0:
            out.append(INVALID_REQUESTS[(i // invalid_every) % len(INVALID_REQUESTS)])
    return out


