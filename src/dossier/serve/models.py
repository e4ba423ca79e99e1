"""The request and response bodies of the API, with their bounds."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

# A posted article is analysed while the client waits, so these keep one request to seconds, not minutes.
MAX_ARTICLE_CHARS = 1_000_000
MAX_BATCH_ARTICLES = 50


class ArticleIn(BaseModel):
    """One article to ingest: the JSONL input shape of DESIGN.md; only `text` is required."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2048)
    outlet: Optional[str] = Field(None, max_length=300)
    published: Optional[str] = Field(None, max_length=64, description="ISO date or datetime")
    id: Optional[str] = Field(None, max_length=200, description="your own id, kept as the article's name")


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH_ARTICLES)


class IngestedArticle(BaseModel):
    id: Optional[str]
    title: Optional[str]
    status: Literal["analysed", "already stored", "failed"]
    problem: Optional[str] = None


class IngestResult(BaseModel):
    articles: list[IngestedArticle]
    analysed: int
    skipped: int
    failed: int
