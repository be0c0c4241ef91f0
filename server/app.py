"""The FastAPI app: built in one place from Settings, the engine loaded in the lifespan."""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from rag.engine import Engine

from .deps import ServerState
from .errors import install_error_handlers
from .limits import BodySizeLimit
from .routes import admin, chat, health, openai, search, web
from .sessions import SessionStore
from .settings import Settings

# A child of uvicorn's logger, so messages show up in `rag serve` output in the same format.
log = logging.getLogger("uvicorn.error").getChild("rag")


def _warm_up(state: ServerState) -> None:
    log.info("loading the model and index (corpus %s, index %s)", state.settings.corpus, state.settings.index)
    try:
        state.engine.warm_up()
    except Exception as exc:  # the server stays up and /readyz reports why it is not ready
        state.load_error = str(exc) or type(exc).__name__
        log.error("loading the model and index failed: %s", state.load_error)
    else:
        log.info("model and index loaded")


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app.

    Args:
        settings: paths and limits; defaults to `Settings.from_env()`.
        engine: an engine to serve instead of one built from `settings`. If it is not warmed
            up yet, it is warmed up at start-up like the engine the app builds itself.

    The model and index load once, in a background thread started by the lifespan, so
    /healthz answers at once and /readyz turns 200 when loading is done.
    """
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state = ServerState(
            settings=settings,
            engine=engine or Engine(settings.engine_config()),
            sessions=SessionStore(settings.max_sessions, settings.session_ttl, settings.max_turns),
        )
        app.state.rag = state
        if not state.engine.ready:
            threading.Thread(target=_warm_up, args=(state,), name="rag-warm-up", daemon=True).start()
        yield

    app = FastAPI(
        title="rag-zh",
        summary="Cited answers from Chinese documents: chat, OpenAI-compatible API, search and a web page.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    for module in (chat, openai, search, health, admin, web):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    return app
