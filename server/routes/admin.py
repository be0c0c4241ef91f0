"""POST /admin/reindex: rebuild the index while the old one keeps answering."""

from __future__ import annotations

import time

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from rag.engine import Engine
from rag.errors import CorpusError

from ..deps import Admin, ReadyEngine, State
from ..errors import ApiError
from ..schemas import ErrorBody, ReindexResponse

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Admin])


def _rebuild(engine: Engine) -> ReindexResponse:
    started = time.perf_counter()
    report = engine.build_index()
    engine.reload()
    m = report.manifest
    return ReindexResponse(passages=m.passages, model=m.model, corpus_hash=m.corpus_hash, created=m.created,
                           skipped=list(report.skipped), seconds=round(time.perf_counter() - started, 3))


@router.post("/reindex", response_model=ReindexResponse,
             responses={code: {"model": ErrorBody} for code in (401, 403, 409, 503)})
async def reindex(state: State, engine: ReadyEngine) -> ReindexResponse:
    """Rebuild the index from the corpus and swap it in; queries use the old index until then.

    Needs `Authorization: Bearer <RAG_API_KEY>`. Answers 409 while another rebuild runs, and 409 with
    type `corpus_error` when the corpus cannot be indexed (the previous index stays in service).
    """
    if not state.reindex_lock.acquire(blocking=False):
        raise ApiError(409, "a reindex is already running", "conflict_error")
    try:
        return await run_in_threadpool(_rebuild, engine)
    except CorpusError as exc:
        raise ApiError(409, f"{exc}; the previous index is still in service", "corpus_error") from None
    finally:
        state.reindex_lock.release()
