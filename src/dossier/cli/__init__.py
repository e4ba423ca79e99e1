"""The `dossier` command: a thin adapter over the library (one function per command)."""

from dossier.cli.commands import app, main

__all__ = ["app", "main"]
