"""Posting articles: each goes through `dossier.pipeline.ingest_articles`, as `dossier run` does.

A post is a job on the server's ingest queue (`serve.jobs`): the route
awaits it without holding a thread, so reads go on meanwhile. By default
the answer is the job's result (201/200/422, as before the queue); with
`?wait=false`, or when the job takes over INGEST_WAIT_SECONDS, it is 202
with the job's id, whose status `GET /api/jobs/{id}` gives. A full queue
answers 429 with Retry-After.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from dossier.errors import ReadError
from dossier.read.readers import jsonl_record_to_article
from dossier.records import Article
from dossier.serve.jobs import IngestJob, QueueFull, QueueStopped
from dossier.serve.models import ArticleIn, BatchIn, IngestedArticle, IngestResult
from dossier.serve.state import Server, ServerState
from dossier.serve.worker import IngestOutcome

router = APIRouter(tags=["ingest"])

# How long a post waits for its job before answering 202 with the job's id instead of its result.
INGEST_WAIT_SECONDS = 300.0
# What a 429 tells the client to wait before trying again.
RETRY_AFTER_SECONDS = 5

Wait = Annotated[bool, Query(description="false: answer 202 with the job id at once; GET /api/jobs/{id} tells")]
# The answers a post may get besides its result, for the schema.
INGEST_ANSWERS: dict[int | str, dict[str, Any]] = {
    202: {"description": "queued (or still running after INGEST_WAIT_SECONDS): the job's id and status"},
    429: {"description": "the ingest queue is full; retry after Retry-After seconds"},
    503: {"description": "the server is stopping, or the ingest failed on the database"},
}
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]


@router.post("/api/articles", response_model=IngestResult, responses=INGEST_ANSWERS)
async def post_article(server: Server, item: ArticleIn, response: Response, wait: Wait = True) -> Any:
    """Analyse and store one article (403 on a read-only server, 429 while the ingest queue is full)."""
    return await ingest(server, [item], response, wait)


@router.post("/api/articles/batch", response_model=IngestResult, responses=INGEST_ANSWERS)
async def post_batch(server: Server, batch: BatchIn, response: Response, wait: Wait = True) -> Any:
    """Analyse and store a batch of articles, at most MAX_BATCH_ARTICLES (as one article is posted)."""
    return await ingest(server, batch.articles, response, wait)


@router.get("/api/jobs/{job_id}")
def job_status(server: Server, job_id: JobId) -> dict[str, Any]:
    """One ingest job: queued, running, done (with its result) or failed (with the problem)."""
    job = server.queue.job(job_id) if server.queue is not None else None
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r} (finished jobs are kept for a while, then forgotten)")
    return job_view(job)


async def ingest(server: ServerState, items: list[ArticleIn], response: Response, wait: bool) -> Any:
    """Store what can be analysed: 201 when something new was, 200 when all was stored, 422 when none could be."""
    if server.read_only or server.queue is None:
        raise HTTPException(403, "this server is read-only (started with --read-only); nothing can be ingested")
    posted = [read_posted(index, item) for index, item in enumerate(items)]
    articles = [item for item in posted if isinstance(item, Article)]
    if not articles:  # nothing readable: the reader's own words, as for one bad article
        raise HTTPException(422, "; ".join(str(item) for item in posted))
    try:
        job = server.queue.submit(articles)
    except QueueFull as error:
        raise HTTPException(429, str(error), headers={"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
    except QueueStopped as error:
        raise HTTPException(503, str(error)) from None
    if not wait or not await server.queue.wait(job, INGEST_WAIT_SECONDS):
        return JSONResponse(job_view(job), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})
    if job.status == "failed":
        raise HTTPException(503, f"the ingest failed: {job.problem}")
    result = ingest_result(posted, job.result)
    if result.failed == len(posted):
        failures = result.model_dump()["articles"]
        raise HTTPException(422, {"message": "no article could be analysed", "articles": failures})
    response.status_code = 201 if result.analysed else 200
    return result


def job_view(job: IngestJob) -> dict[str, Any]:
    """A job's status, with its per-article result once done."""
    view = job.to_dict()
    if job.status == "done":
        view["result"] = ingest_result(job.articles, job.result).model_dump()
    return view


def read_posted(index: int, item: ArticleIn) -> Article | ReadError:
    """The posted article, or why the reader refuses it (a bad date, no text once cleaned): that one alone fails.

    The posted shape is the JSONL input shape, so the reader's rules apply as they are.
    """
    try:
        return jsonl_record_to_article(f"request[{index}]", json.dumps(item.model_dump(exclude_none=True)))
    except ReadError as error:
        return error


def ingest_result(posted: Sequence[Article | ReadError], outcome: IngestOutcome) -> IngestResult:
    """Each posted article with what became of it, in the order posted (those the reader refused included)."""
    analysed = set(outcome.analysed)
    problems = {error.source: error.problem for error in outcome.errors}
    rows = []
    for article in posted:
        if isinstance(article, ReadError):
            rows.append(IngestedArticle(id=None, title=None, status="failed", problem=str(article)))
            continue
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
