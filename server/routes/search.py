"""POST /search: the passages retrieved for a query."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import ReadyEngine
from ..schemas import ErrorBody, HitOut, SearchRequest, SearchResponse

router = APIRouter(tags=["search"])


@router.post("/search", response_model=SearchResponse,
             responses={422: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def search(body: SearchRequest, engine: ReadyEngine) -> SearchResponse:
    """Ranked passages (hybrid dense + BM25 retrieval), best first."""
    return SearchResponse(hits=[HitOut.of(h) for h in engine.search(body.query, body.top_k)])
