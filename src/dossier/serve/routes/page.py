"""The web page: `/` and its own static files (plain HTML, CSS and JavaScript in `serve/web/`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

router = APIRouter()


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")


def static_files() -> StaticFiles:
    """The page's files, served under /static from `serve/web/` only."""
    return StaticFiles(directory=WEB_DIR)
