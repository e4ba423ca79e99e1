"""The HTTP connection `dossier serve` runs: uvicorn's h11 protocol with a deadline for each request's headers.

uvicorn times out only an idle keep-alive connection, and any byte received
cancels that timer: a client that sends its request headers a byte at a time
(slowloris) holds a connection, and with enough of them every connection
the server allows, forever. Here a connection gets HEADER_TIMEOUT_SECONDS
from its opening, or from the end of its last response, to send a whole
request line and headers; past that it is answered 408 and closed. The body
has its own deadline (`middleware.BodyLimit`), and h11 bounds the headers'
size (16 KB by default).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

# Seconds a client has to send the request line and headers; a browser or curl takes milliseconds.
HEADER_TIMEOUT_SECONDS = 10.0

_TIMEOUT_ANSWER = b"request headers not received in time\n"
REQUEST_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
    b"content-length: " + str(len(_TIMEOUT_ANSWER)).encode() + b"\r\n\r\n" + _TIMEOUT_ANSWER
)


class HeaderDeadlineProtocol(H11Protocol):
    """H11Protocol that closes a connection whose request headers take over `header_timeout` seconds to arrive."""

    header_timeout: float = HEADER_TIMEOUT_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle:  # a request's headers arrived whole
            self._cancel_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start a pipelined request already received
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm_header_deadline()

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.write(REQUEST_TIMEOUT_RESPONSE)
            self.transport.close()


def header_deadline_protocol(seconds: float = HEADER_TIMEOUT_SECONDS) -> type[HeaderDeadlineProtocol]:
    """The protocol class to give uvicorn (`http=`), with a header deadline of `seconds`.

    Example:
        >>> header_deadline_protocol(2.5).header_timeout
        2.5
    """
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout": seconds})
