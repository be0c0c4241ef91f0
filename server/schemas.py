"""Request and response bodies of the HTTP API (kept apart from the library's records)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from rag.errors import QuestionError
from rag.question import MAX_QUESTION_CHARS, check_question
from rag.records import Answer, Citation, Hit

from .settings import MAX_TOP_K


def _question(text: str) -> str:
    try:
        return check_question(text)
    except QuestionError as exc:
        raise ValueError(str(exc)) from None


Question = Annotated[
    str,
    Field(description=f"non-empty, at most {MAX_QUESTION_CHARS} characters", examples=["小米的创始人是谁？"]),
    AfterValidator(_question),
]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


# -- errors -------------------------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer has this body."""

    error: ErrorDetail


# -- /chat --------------------------------------------------------------------------------------------------


class ChatRequest(_Strict):
    message: Question
    session_id: str | None = Field(None, max_length=128, description="from an earlier reply; null starts anew")


class CitationOut(BaseModel):
    id: str
    doc: str
    section: str
    text: str
    score: float
    highlight: tuple[int, int] | None = Field(None, description="answer span inside `text`: [start, end)")

    @classmethod
    def of(cls, citation: Citation) -> CitationOut:
        p = citation.passage
        return cls(id=p.id, doc=p.doc, section=p.section, text=p.text, score=round(float(citation.score), 4),
                   highlight=citation.highlight)


class ChatResponse(BaseModel):
    answer: str = Field(description="short answer with [n] markers into `citations`")
    grounded: bool
    citations: list[CitationOut]
    session_id: str
    resolved_question: str

    @classmethod
    def of(cls, answer: Answer, session_id: str) -> ChatResponse:
        citations = [CitationOut.of(c) for c in answer.citations]
        return cls(answer=answer.text, grounded=answer.grounded, citations=citations, session_id=session_id,
                   resolved_question=answer.resolved_question)


# -- /search ------------------------------------------------------------------------------------------------


class SearchRequest(_Strict):
    query: Question
    top_k: int = Field(5, ge=1, le=MAX_TOP_K)


class HitOut(BaseModel):
    id: str
    doc: str
    section: str
    text: str
    score: float

    @classmethod
    def of(cls, hit: Hit) -> HitOut:
        p = hit.passage
        return cls(id=p.id, doc=p.doc, section=p.section, text=p.text, score=round(float(hit.score), 4))


class SearchResponse(BaseModel):
    hits: list[HitOut]


# -- health and admin ---------------------------------------------------------------------------------------


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class QueryBatches(BaseModel):
    calls: int = Field(description="embedding-model calls made for questions since start")
    texts: int = Field(description="questions those calls embedded; texts / calls is the mean batch size")
    lanes: int = Field(description="model calls that may run at once")


class Ready(BaseModel):
    ready: bool
    passages: int
    model: str
    backend: str
    query_batches: QueryBatches


class ReindexResponse(BaseModel):
    passages: int
    model: str
    corpus_hash: str
    created: float
    skipped: list[str]
    seconds: float


# -- OpenAI-compatible chat completions ---------------------------------------------------------------------


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    text: str | None = None


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class CompletionRequest(BaseModel):
    """OpenAI chat completion request; parameters other than these are accepted and ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)

    model: str = Field("rag-zh", max_length=256)
    messages: list[Message] = Field(min_length=1, max_length=1000)
    stream: bool | None = False


class CompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class CompletionChoice(BaseModel):
    index: int = 0
    message: CompletionMessage
    finish_reason: Literal["stop"] = "stop"


class Completion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[CompletionChoice]
    citations: list[CitationOut]
    grounded: bool
    resolved_question: str


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "rag-zh"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
