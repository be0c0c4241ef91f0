"""POST /chat: one turn of a conversation kept on the server by session id."""

from __future__ import annotations

from fastapi import APIRouter

from rag.conversation import Turn

from ..deps import ReadyEngine, Sessions
from ..schemas import ChatRequest, ChatResponse, ErrorBody

router = APIRouter(tags=["chat"])


@router.post("/chat", response_model=ChatResponse, responses={422: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def chat(body: ChatRequest, engine: ReadyEngine, sessions: Sessions) -> ChatResponse:
    """Answer a message; send back the returned `session_id` to ask follow-up questions.

    An unknown or expired `session_id` starts a new conversation.
    """
    session_id, history = sessions.open(body.session_id)
    answer = engine.ask(body.message, history)
    sessions.append(session_id, Turn.after(answer))
    return ChatResponse.of(answer, session_id)
