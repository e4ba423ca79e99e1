"""Domain errors turned into HTTP answers: 400 for a bad or too costly query, 503 for a store that cannot be used."""

from __future__ import annotations

import json
import sqlite3

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
    async def bad_query(request: Request, error: queries.QueryError) -> JSONResponse:
        if "interrupted" in str(error):
            return too_costly(request)
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(sqlite3.DatabaseError)
    async def database_problem(request: Request, error: sqlite3.DatabaseError) -> JSONResponse:
        if "interrupted" in str(error):
            return too_costly(request)
        # A damaged or vanished file: the server cannot answer from it until someone fixes it.
        return JSONResponse({"detail": f"the database cannot be read ({error})"}, status_code=503)

    @app.exception_handler(StoreError)
    async def store_unavailable(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    def too_costly(request: Request) -> JSONResponse:
        limit = request.app.state.dossier.query_time_limit
        detail = f"the query ran past the {limit:g} s limit and was stopped; use fewer or more specific terms"
        return JSONResponse({"detail": detail}, status_code=400)

    @app.exception_handler(DossierError)
    async def dossier_error(_request: Request, error: DossierError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)
