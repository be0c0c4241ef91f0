"""OpenAI chat-completion format: messages → question and history, answer → content and chunks."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence

from rag.conversation import Turn
from rag.records import Answer

from .schemas import CitationOut, Message

CITATION_TEXT_CHARS = 200
STREAM_PIECE_CHARS = 16
_CITATIONS_START = "\n\n[1] "


def conversation(messages: Sequence[Message], max_turns: int) -> tuple[str, list[Turn]]:
    """The last user message and the user/assistant turns before it (system messages ignored).

    Raises:
        ValueError: there is no user message.
    """
    last_user = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    if last_user is None:
        raise ValueError("messages must contain at least one message with role 'user'")
    turns: list[Turn] = []
    pending: str | None = None
    for m in messages[:last_user]:
        if m.role == "user":
            if pending:
                turns.append(Turn(pending, ""))
            pending = m.text().strip()
        elif m.role == "assistant" and pending is not None:
            if pending:
                turns.append(Turn(pending, without_citations(m.text())))
            pending = None
    if pending:
        turns.append(Turn(pending, ""))
    return messages[last_user].text(), turns[-max_turns:]


def without_citations(content: str) -> str:
    """An earlier reply of ours minus the citation list appended to it."""
    return content.split(_CITATIONS_START, 1)[0]


def content(answer: Answer) -> str:
    """The answer followed by its citations, one readable line each."""
    lines = []
    for n, c in enumerate(answer.citations, start=1):
        p = c.passage
        text = p.text if len(p.text) <= CITATION_TEXT_CHARS else p.text[:CITATION_TEXT_CHARS] + "…"
        lines.append(f"[{n}] {p.id} · {p.section}: {text}")
    return answer.text + ("\n\n" + "\n".join(lines) if lines else "")


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def stream_events(answer: Answer, model: str) -> Iterator[str]:
    """Server-sent events: a role chunk, content chunks, a final chunk with finish_reason, then [DONE]."""
    ident, created = completion_id(), int(time.time())

    def chunk(delta: dict, finish: str | None = None, **extra) -> str:
        data = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    text = content(answer)
    for start in range(0, len(text), STREAM_PIECE_CHARS):
        yield chunk({"content": text[start : start + STREAM_PIECE_CHARS]})
    citations = [CitationOut.of(c).model_dump() for c in answer.citations]
    yield chunk({}, "stop", citations=citations, grounded=answer.grounded,
                resolved_question=answer.resolved_question)
    yield "data: [DONE]\n\n"
