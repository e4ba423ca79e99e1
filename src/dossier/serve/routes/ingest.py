"""Posting articles: each goes through `dossier.pipeline.ingest_articles`, as `dossier run` does."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Response

from dossier.errors import ReadError
from dossier.pipeline import RunReport
from dossier.read.readers import jsonl_record_to_article
from dossier.records import Article
from dossier.serve.models import ArticleIn, BatchIn, IngestedArticle, IngestResult
from dossier.serve.state import Server, ServerState

router = APIRouter(tags=["ingest"])


@router.post("/api/articles", response_model=IngestResult)
def post_article(server: Server, item: ArticleIn, response: Response) -> IngestResult:
    """Analyse and store one article (403 on a read-only server)."""
    return ingest(server, [item], response)


@router.post("/api/articles/batch", response_model=IngestResult)
def post_batch(server: Server, batch: BatchIn, response: Response) -> IngestResult:
    """Analyse and store a batch of articles, at most MAX_BATCH_ARTICLES (403 on a read-only server)."""
    return ingest(server, batch.articles, response)


def ingest(server: ServerState, items: list[ArticleIn], response: Response) -> IngestResult:
    """Store what can be analysed: 201 when something new was, 200 when all was stored, 422 when none could be."""
    if server.read_only:
        raise HTTPException(403, "this server is read-only (started with --read-only); nothing can be ingested")
    articles = [to_article(index, item) for index, item in enumerate(items)]
    result = ingest_result(articles, server.ingest(articles))
    if result.failed == len(articles):
        failures = result.model_dump()["articles"]
        raise HTTPException(422, {"message": "no article could be analysed", "articles": failures})
    response.status_code = 201 if result.analysed else 200
    return result


def to_article(index: int, item: ArticleIn) -> Article:
    # The posted shape is the JSONL input shape, so the reader's rules apply as they are.
    try:
        return jsonl_record_to_article(f"request[{index}]", json.dumps(item.model_dump(exclude_none=True)))
    except ReadError as error:
        raise HTTPException(422, str(error)) from None


def ingest_result(articles: list[Article], report: RunReport) -> IngestResult:
    """Each posted article with what became of it, in the order posted."""
    analysed = {analysis.article.id for analysis in report.analysed}
    problems = {error.source: error.problem for error in report.errors}
    rows = []
    for article in articles:
        problem = problems.get(article.source or "") or problems.get(article.id)
        if problem:
            rows.append(IngestedArticle(id=article.id, title=article.title, status="failed", problem=problem))
        elif article.id in analysed:
            rows.append(IngestedArticle(id=article.id, title=article.title, status="analysed"))
        else:
            rows.append(IngestedArticle(id=article.id, title=article.title, status="already stored"))
    return IngestResult(
        articles=rows,
        analysed=sum(row.status == "analysed" for row in rows),
        skipped=sum(row.status == "already stored" for row in rows),
        failed=sum(row.status == "failed" for row in rows),
    )
