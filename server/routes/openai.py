"""OpenAI-compatible API: POST /v1/chat/completions (plain or streamed) and GET /v1/models."""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from rag.errors import QuestionError

from .. import completions
from ..deps import ReadyEngine, SettingsDep
from ..errors import ApiError
from ..schemas import (
    CitationOut,
    Completion,
    CompletionChoice,
    CompletionMessage,
    CompletionRequest,
    ErrorBody,
    ModelCard,
    ModelList,
)

router = APIRouter(prefix="/v1", tags=["openai"])


@router.get("/models", response_model=ModelList)
def models(settings: SettingsDep) -> ModelList:
    return ModelList(data=[ModelCard(id=settings.model_id)])


@router.post(
    "/chat/completions",
    response_model=Completion,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "JSON, or server-sent events with stream=true"},
        422: {"model": ErrorBody},
        503: {"model": ErrorBody},
    },
)
def chat_completions(body: CompletionRequest, engine: ReadyEngine, settings: SettingsDep):
    """Answer the last user message; earlier user/assistant pairs are the conversation so far.

    The reply's content ends with the numbered citations; they are also in the extra field `citations`.
    """
    try:
        question, history = completions.conversation(body.messages, settings.max_turns)
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_request_error", "messages") from None
    try:
        answer = engine.ask(question, history)
    except QuestionError as exc:
        raise ApiError(422, f"the last user message: {exc}", "invalid_request_error", "messages") from None
    if body.stream:
        return StreamingResponse(
            completions.stream_events(answer, settings.model_id),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return Completion(
        id=completions.completion_id(),
        created=int(time.time()),
        model=settings.model_id,
        choices=[CompletionChoice(message=CompletionMessage(content=completions.content(answer)))],
        citations=[CitationOut.of(c) for c in answer.citations],
        grounded=answer.grounded,
        resolved_question=answer.resolved_question,
    )
