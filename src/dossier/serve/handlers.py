"""Domain errors turned into HTTP answers: 400 for a bad query, 503 for a store that cannot be opened."""

from __future__ import annotations

import json

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from dossier.errors import DossierError, StoreError
from dossier.store import queries


def add_error_handlers(app: FastAPI) -> None:
    """Registers one handler per error kind; Starlette picks the most specific class."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> Response:
        # FastAPI's own handler echoes the input as UTF-8 and fails (500) on an escaped lone
        # surrogate ("\ud800") a client sent; ASCII-escaped JSON can carry any input back.
        body = json.dumps({"detail": jsonable_encoder(error.errors())}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(queries.QueryError)
    async def bad_query(_request: Request, error: queries.QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_unavailable(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.exception_handler(DossierError)
    async def dossier_error(_request: Request, error: DossierError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)
