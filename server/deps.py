"""Shared server state and the dependencies routes declare."""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request

from rag.engine import Engine

from .errors import ApiError
from .sessions import SessionStore
from .settings import Settings


@dataclass
class ServerState:
    """What the app holds between requests: one engine, the sessions, the reindex guard."""

    settings: Settings
    engine: Engine
    sessions: SessionStore
    reindex_lock: threading.Lock = field(default_factory=threading.Lock)
    load_error: str | None = None


def get_state(request: Request) -> ServerState:
    return request.app.state.rag


State = Annotated[ServerState, Depends(get_state)]


def get_settings(state: State) -> Settings:
    return state.settings


def get_sessions(state: State) -> SessionStore:
    return state.sessions


def ready_engine(state: State) -> Engine:
    """The engine, or 503 while the model and index are still loading (or failed to)."""
    if not state.engine.ready:
        if state.load_error:
            raise ApiError(503, f"the model or index failed to load: {state.load_error}", "not_ready")
        raise ApiError(503, "the model and index are still loading; try again shortly", "not_ready")
    return state.engine


def require_admin(state: State, authorization: Annotated[str | None, Header()] = None) -> None:
    """Admin endpoints need `Authorization: Bearer <RAG_API_KEY>`; without a configured key they are off."""
    key = state.settings.api_key
    if not key:
        raise ApiError(403, "admin endpoints are disabled: set RAG_API_KEY to enable them", "permission_error")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), key.encode()):
        raise ApiError(401, "missing or wrong API key: send Authorization: Bearer <RAG_API_KEY>",
                       "authentication_error", headers={"WWW-Authenticate": "Bearer"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
Sessions = Annotated[SessionStore, Depends(get_sessions)]
ReadyEngine = Annotated[Engine, Depends(ready_engine)]
Admin = Depends(require_admin)
