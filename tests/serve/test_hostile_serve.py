"""Issue 21, round three: slow request headers on `dossier serve`'s own HTTP server, on loopback.

uvicorn's keep-alive timer is cancelled by every byte received and never set
for a fresh connection, so a client sending its headers a byte at a time held
its connection for as long as it liked. `serve.protocol` gives each request's
headers a deadline; here it is half a second (the server's is 10 s).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from dossier.cli.commands import app as cli_app
from dossier.serve.app import create_app
from dossier.serve.protocol import HEADER_TIMEOUT_SECONDS, HeaderDeadlineProtocol, header_deadline_protocol
from tests.serve.serve_fixtures import build_database

DEADLINE = 0.5
REQUEST = b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    db = build_database(tmp_path_factory.mktemp("slow") / "corpus.db")
    config = uvicorn.Config(
        create_app(db, read_only=True),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        timeout_keep_alive=30,  # longer than the deadline: what cuts a slow client here is the deadline
        http=header_deadline_protocol(DEADLINE),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(10)


def read_answer(connection: socket.socket) -> bytes:
    """Bytes until the server closes the connection or one whole response has come (or 5 s pass)."""
    connection.settimeout(5)
    answer = b""
    while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < content_length(answer):
        piece = connection.recv(65536)
        if not piece:
            break
        answer += piece
    return answer


def content_length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_deadline(server: tuple[str, int]) -> None:
    started = time.monotonic()
    with socket.create_connection(server) as connection:
        sent = 0
        try:
            for byte in REQUEST[:-4]:  # never finishes the headers
                connection.sendall(bytes([byte]))
                sent += 1
                time.sleep(0.05)
        except OSError:  # the server closed the connection under us
            pass
        answer = read_answer(connection)
    cut_after = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408")
    assert sent < len(REQUEST) - 4 and cut_after < DEADLINE + 1.5


def test_a_connection_that_sends_nothing_is_closed_at_the_deadline(server: tuple[str, int]) -> None:
    started = time.monotonic()
    with socket.create_connection(server) as connection:
        answer = read_answer(connection)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < DEADLINE + 1.5


def test_a_prompt_client_keeps_its_connection_alive_across_requests(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as connection:
        connection.sendall(REQUEST)
        first = read_answer(connection)
        time.sleep(DEADLINE / 2)
        connection.sendall(REQUEST)  # well inside the deadline that started when the first answer ended
        second = read_answer(connection)
        assert first.startswith(b"HTTP/1.1 200") and second.startswith(b"HTTP/1.1 200")
        # Idle past the deadline after a response: closed, as a slow next request would be.
        started = time.monotonic()
        third = read_answer(connection)
        assert third.startswith(b"HTTP/1.1 408") and time.monotonic() - started < DEADLINE + 1.5


def test_two_pipelined_requests_are_both_answered(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as connection:
        connection.sendall(REQUEST + REQUEST)
        connection.settimeout(5)
        answers = b""
        while answers.count(b"HTTP/1.1 200") < 2:
            piece = connection.recv(65536)
            assert piece, "closed before both answers"
            answers += piece


def test_dossier_serve_runs_the_header_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: given.update(options))
    with socket.socket() as probe:  # a free port: `serve` checks it can listen before it starts
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    database = str(build_database(tmp_path / "c.db"))
    result = CliRunner().invoke(cli_app, ["serve", "--db", database, "--read-only", "--port", port])
    assert result.exit_code == 0, result.output
    assert issubclass(given["http"], HeaderDeadlineProtocol)
    assert given["http"].header_timeout == HEADER_TIMEOUT_SECONDS


def test_dossier_serve_says_when_it_creates_a_new_empty_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    new = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "typo.db"), "--port", port])
    assert new.exit_code == 0 and "(read-write, a new empty database)" in new.output
    again = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "typo.db"), "--port", port])
    assert again.exit_code == 0 and "(read-write)" in again.output
