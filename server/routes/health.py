"""GET /healthz (the process is up) and GET /readyz (the model and index are loaded)."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import ReadyEngine
from ..schemas import ErrorBody, Health, QueryBatches, Ready

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health()


@router.get("/readyz", response_model=Ready, responses={503: {"model": ErrorBody}})
def readyz(engine: ReadyEngine) -> Ready:
    data = engine.data
    batches = engine.query_batches()
    return Ready(ready=True, passages=len(data.passages) if data else 0, model=engine.config.model,
                 backend=engine.config.backend, query_batches=QueryBatches(**batches))
