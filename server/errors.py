"""One error shape for every failure: {"error": {"message", "type", "param"}}, never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.errors import CorpusError, IndexStoreError, ModelError, QuestionError, RagError

# A child of uvicorn's logger, so messages show up in `rag serve` output in the same format.
log = logging.getLogger("uvicorn.error").getChild("rag")

_HTTP_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "method_not_allowed",
    409: "conflict_error",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_request_error",
    503: "not_ready",
}


class ApiError(Exception):
    """An error answered with `status` and the common JSON error body."""

    def __init__(
        self, status: int, message: str, type: str | None = None, param: str | None = None, headers=None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type or _HTTP_TYPES.get(status, "invalid_request_error")
        self.param = param
        self.headers = headers


def error_body(message: str, type: str, param: str | None = None) -> dict:
    return {"error": {"message": message, "type": type, "param": param}}


def error_response(status: int, message: str, type: str | None = None, param: str | None = None, headers=None):
    body = error_body(message, type or _HTTP_TYPES.get(status, "invalid_request_error"), param)
    return JSONResponse(body, status_code=status, headers=headers)


def _where(loc) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


async def _api_error(request: Request, exc: ApiError):
    return error_response(exc.status, exc.message, exc.type, exc.param, exc.headers)


async def _validation_error(request: Request, exc: RequestValidationError):
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "the request body is not valid JSON", "invalid_request_error", "body")
    messages = []
    for e in errors[:5]:
        msg = str(e.get("msg", "invalid value")).removeprefix("Value error, ")
        messages.append(f"{_where(e.get('loc', ()))}: {msg}")
    param = _where(errors[0].get("loc", ())) if errors else None
    return error_response(422, "; ".join(messages) or "invalid request", "invalid_request_error", param)


async def _http_error(request: Request, exc: StarletteHTTPException):
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _rag_error(request: Request, exc: RagError):
    if isinstance(exc, QuestionError):
        return error_response(422, str(exc), "invalid_request_error")
    if isinstance(exc, (IndexStoreError, CorpusError, ModelError)):
        return error_response(503, str(exc), "service_unavailable")
    return _internal(exc)


async def _unexpected(request: Request, exc: Exception):
    return _internal(exc)


def _internal(exc: Exception):
    log.error("unhandled error", exc_info=exc)
    return error_response(500, "internal server error", "server_error")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error (ours, FastAPI's, the library's and unexpected ones) to the JSON error shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RagError, _rag_error)
    app.add_exception_handler(Exception, _unexpected)
