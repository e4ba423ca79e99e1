"""The HTTP API and the web page over one database (docs/serve.md)."""

from dossier.serve.app import create_app

__all__ = ["create_app"]
