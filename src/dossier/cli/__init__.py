"""The `dossier` command: a thin adapter over the library (one function per command).

`main` and `app` load the commands on first use: the `dossier` script imports
this package, and so does each worker process of `dossier run --processes N`
(which needs none of the command line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.cli.commands import app

__all__ = ["app", "main"]


def main() -> None:
    from dossier.cli.commands import main as run_command

    run_command()


def __getattr__(name: str) -> Any:
    if name != "app":
        raise AttributeError(f"module 'dossier.cli' has no attribute {name!r}")
    from dossier.cli.commands import app

    return app
