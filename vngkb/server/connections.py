"""Connection limits of the HTTP server, so that slow or half-open clients cannot take
it down.

uvicorn times out idle keep-alive connections, but not a client that connects and then
sends its request slowly or never finishes it: with the common limit of 1,024 open
files, about a thousand such connections leave the server answering nobody. This
module adds, as a subclass of uvicorn's httptools protocol:

- a **request read timeout**: a request (headers and body) must arrive within
  *read_timeout* seconds of the connection being opened or of the previous response;
  otherwise the connection is closed;
- one write per small response (:class:`CoalescingTransport`): the status line and
  headers go out with the body;
- **answers at once**: an app may offer answers it gives without waiting (``quick``, a
  :data:`QuickAnswer`; the SPARQL endpoint's refusals, cached answers and look-ups,
  :func:`vngkb.server.sparql.at_once`): a ``GET`` without a body that it answers is
  answered by the protocol as it is read, without a task, an ASGI scope or messages
  (uvicorn's way costs a cheap request about twice what the answer costs). The answer
  is the same as the app's through uvicorn; only when no other request of the
  connection is under way or waiting and the connection's writes are not held back (a
  client that reads nothing gets no more than the buffer's limit written for it);
- a **cap on open connections**: when *max_connections* are open, a new one makes
  room by closing the oldest connection that is still waiting for its request (a
  half-open one); if every connection is busy with a request, the new one is closed;
- **bounds on a request's head** (:class:`HeadLimits`): the parser (llhttp, through
  httptools) bounds nothing, and httptools gathers a header in memory until it ends,
  so an endless header grew the server by its whole length. The bytes given to the
  parser while it reads a head are counted and cut at the bound; the request target,
  each header and the number of headers are checked as the parser reports them. Over
  a bound the answer is 414 (the target) or 431, and the connection is closed;
- **one way to read a body's length**: a request with more than one
  ``Transfer-Encoding`` or ``Content-Length`` header, or both, gets 400 and the
  connection is closed (llhttp refuses two ``Content-Length`` or both, but reads two
  ``Transfer-Encoding`` headers by the last, where a proxy in front may read the
  first: the bytes after the body would then be a second, smuggled request); a
  ``Transfer-Encoding`` other than ``chunked`` gets 501.

:func:`raise_open_file_limit` lifts the soft open-file limit to the hard limit at
start, and :func:`run` serves an app with all of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

#: Defaults: seconds to receive a whole request, and open connections at most.
DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 2048
#: Open files kept for everything but client connections (workers, data, logs).
_RESERVED_FILES = 64
#: Bytes of a body given to the parser at once: after a body, the next request's head
#: may follow in the same read; it is counted from the next piece on, so at most this
#: much of a head escapes the count.
_BODY_PIECE = 4096
_FRAMING_HEADERS = (b"transfer-encoding", b"content-length")
#: Seconds a refused connection is still read (and what comes is dropped) after its
#: answer, so that a client still sending gets the answer instead of a reset.
LINGER = 1.0


@dataclass(frozen=True)
class HeadLimits:
    """Bounds on a request's head (its request line and headers), in bytes except
    *headers*. The defaults leave room for the site's longest links (a canned
    question's query in the editor's address, about 11 kB) in the request line and
    again in a ``Referer`` header, and keep 1,000 connections that never end their
    heads within 50 MB (measured: +32 MB, see docs/server-security.md)."""

    #: The request target (the address in the request line): longer is 414.
    request_line: int = 16_384
    #: One header, name and value: longer is 431.
    header: int = 16_384
    #: Headers in one request: more is 431.
    headers: int = 100
    #: The whole head, request line and headers: longer is 431.
    head: int = 32_768

    def __post_init__(self) -> None:
        for name in ("request_line", "header", "headers", "head"):
            if getattr(self, name) < 1:
                raise ValueError(f"head limit {name} must be at least 1")


#: An app's answers given at once: (path, query string, the request's headers as uvicorn
#: reads them: names lower case) to (status, response headers, body), or None when the
#: app answers the request its ordinary way.
QuickAnswer = Callable[[bytes, bytes, list[tuple[bytes, bytes]]],
                       "tuple[int, list[tuple[bytes, bytes]], bytes] | None"]
log = logging.getLogger("vngkb.server")


class _Refused(Exception):
    """A request refused before the app sees it: *status* and a one-line *reason*."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _shown(name: bytes) -> str:
    """A header name as it may appear in a one-line message."""
    text = name[:40].decode("latin-1")
    return "".join(c if c.isprintable() and c.isascii() else "?" for c in text)


def raise_open_file_limit() -> int:
    """Raise the soft limit on open files to the hard limit; the new soft limit."""
    try:
        import resource
    except ImportError:  # not on this platform
        return DEFAULT_MAX_CONNECTIONS + _RESERVED_FILES
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65_536)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    return int(soft)


def connection_cap(wanted: int, open_file_limit: int) -> int:
    """At most *wanted* connections, and no more than the open-file limit allows.

    >>> connection_cap(2048, 1024)
    960
    >>> connection_cap(2048, 65536)
    2048
    """
    return max(1, min(wanted, open_file_limit - _RESERVED_FILES))


class CoalescingTransport(asyncio.Transport):
    """A transport that sends a response's status line and headers together with its
    body: uvicorn writes them separately, which costs a second system call per response
    and wakes the client twice (a third of a small answer's time in this server).

    The first write is held until the next write in the same turn of the event loop,
    and the two go out as one; held bytes are sent at the end of that turn anyway, and
    before the connection closes. The order of the bytes never changes."""

    def __init__(self, inner: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(extra=None)
        self.inner = inner
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._held is None:
            self._held = bytes(data)
            self._loop.call_soon(self.flush)
        else:
            held, self._held = self._held, None
            self.inner.write(held + bytes(data))

    def writelines(self, list_of_data: Any) -> None:
        self.write(b"".join(list_of_data))

    def write_now(self, head: bytes, body: bytes) -> None:
        """Send *head* and *body* at once, after what is held (in one system call,
        without joining them)."""
        held, self._held = self._held, None
        self.inner.writelines([head, body] if held is None else [held, head, body])

    def flush(self) -> None:
        """Send what is held, if anything (nothing once the connection is closing)."""
        held, self._held = self._held, None
        if held is not None and not self.inner.is_closing():
            self.inner.write(held)

    def close(self) -> None:
        self.flush()
        self.inner.close()

    def abort(self) -> None:
        self._held = None
        self.inner.abort()

    def write_eof(self) -> None:
        self.flush()
        self.inner.write_eof()

    def can_write_eof(self) -> bool:
        return self.inner.can_write_eof()

    def is_closing(self) -> bool:
        return self.inner.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.inner.get_extra_info(name, default)

    def pause_reading(self) -> None:
        self.inner.pause_reading()

    def resume_reading(self) -> None:
        self.inner.resume_reading()

    def is_reading(self) -> bool:
        return self.inner.is_reading()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.inner.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.inner.get_protocol()

    def get_write_buffer_size(self) -> int:
        return self.inner.get_write_buffer_size() + len(self._held or b"")

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.inner.get_write_buffer_limits()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.inner.set_write_buffer_limits(high, low)


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a request read timeout, a connection cap and
    bounds on the head (class attributes, set by :func:`protocol_class`)."""

    read_timeout: float = DEFAULT_READ_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    head_limits: HeadLimits = HeadLimits()
    #: The app's answers given at once (None: every request goes to the app).
    quick: QuickAnswer | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._read_timer: asyncio.TimerHandle | None = None
        self._waiting_since = self.loop.time()
        self._in_head = True  # the parser is reading a head (or waits for one)
        self._head_bytes = 0
        self._headers_seen = 0
        self._framing: bytes | None = None  # the Transfer-Encoding or Content-Length seen
        self._coding = b""  # the value of the Transfer-Encoding
        self._refused = False
        # An answer given at once (its head and body), sent when the request is read.
        self._answer: tuple[bytes, bytes] | None = None
        self._keep = True
        if len(self.connections) >= self.max_connections:
            self._make_room(transport)
        super().connection_made(CoalescingTransport(transport, self.loop))
        self._arm()

    def _make_room(self, transport: asyncio.Transport) -> None:
        """Close the oldest connection still waiting for its request, or else *transport*."""
        waiting = [c for c in self.connections
                   if isinstance(c, GuardedProtocol) and c._read_timer is not None]
        if waiting:
            oldest = min(waiting, key=lambda c: c._waiting_since)
            oldest._expire()
        else:
            transport.close()

    def _arm(self) -> None:
        self._disarm()
        self._waiting_since = self.loop.time()
        self._read_timer = self.loop.call_later(self.read_timeout, self._expire)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _expire(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self.transport.close()

    # --- the head's bounds, and one body length ---------------------------------------

    def data_received(self, data: bytes) -> None:
        """uvicorn's, feeding the parser in pieces: while it reads a head, no more than
        the head's bound in all; a body in small pieces, so that a head that follows it
        in the same read is counted from the next piece on."""
        if self._refused:
            return  # the rest of a refused request: dropped unread
        self._unset_keepalive_if_required()
        view = memoryview(data)
        while view:
            if self._in_head:
                room = self.head_limits.head - self._head_bytes
                if room <= 0:
                    self._refuse(_Refused(431, f"the request's head is longer than "
                                               f"{self.head_limits.head} bytes"))
                    return
                piece = view[:room]
                self._head_bytes += len(piece)
            else:
                piece = view[:_BODY_PIECE]
            view = view[len(piece):]
            if not self._feed(piece):
                return

    def _feed(self, piece: memoryview) -> bool:
        """Give *piece* to the parser; whether to go on reading this connection."""
        try:
            self.parser.feed_data(piece)
        except httptools.HttpParserCallbackError as error:
            if isinstance(error.__context__, _Refused):
                self._refuse(error.__context__)
            else:
                self.send_400_response("Invalid HTTP request received.")
            return False
        except httptools.HttpParserError:
            self.send_400_response("Invalid HTTP request received.")
            return False
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return False
        return not self.transport.is_closing()

    def _refuse(self, refusal: _Refused) -> None:
        """Answer *refusal* and close the connection: at once for writing; what the
        client still sends is dropped for :data:`LINGER` seconds (the connection is the
        first to go at the connection cap)."""
        body = (refusal.reason + "\n").encode("ascii", "replace")
        content = [STATUS_LINE[refusal.status]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([b"content-type: text/plain; charset=utf-8\r\n",
                        b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                        b"connection: close\r\n\r\n", body])
        self._refused = True
        self.transport.write(b"".join(content))
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self._disarm()
            self._waiting_since = float("-inf")
            self._read_timer = self.loop.call_later(LINGER, self._expire)
        else:
            self._disarm()
            self.transport.close()

    def on_message_begin(self) -> None:
        self._headers_seen = 0
        self._framing = None
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > self.head_limits.request_line:
            raise _Refused(414, f"the request target is longer than "
                                f"{self.head_limits.request_line} bytes")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers_seen += 1
        if self._headers_seen > self.head_limits.headers:
            raise _Refused(431, f"more than {self.head_limits.headers} headers")
        if len(name) + len(value) > self.head_limits.header:
            raise _Refused(431, f"the header {_shown(name)} is longer than "
                                f"{self.head_limits.header} bytes")
        lowered = name.lower()
        if lowered in _FRAMING_HEADERS:
            if self._framing is not None:
                raise _Refused(400, "more than one Transfer-Encoding or Content-Length "
                                    "header: the length of the body would be ambiguous")
            self._framing = lowered
            self._coding = value.strip(b" \t").lower()
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        # After all headers: a second Transfer-Encoding is a 400 whatever the first said.
        if self._framing == b"transfer-encoding" and self._coding != b"chunked":
            raise _Refused(501, "the only Transfer-Encoding understood is chunked")
        if self.quick is not None and self._framing is None and self._answer_at_once():
            return
        super().on_headers_complete()

    def _answer_at_once(self) -> bool:
        """Whether the app answered this request (a ``GET`` without a body) at once; its
        answer is sent when the parser has read the request to its end."""
        if (self.cycle is not None and not self.cycle.response_complete) or self.pipeline \
                or self.flow.write_paused or self.limit_concurrency is not None \
                or self.parser.get_method() != b"GET" or self.parser.should_upgrade() \
                or (self.access_log and self.access_logger.isEnabledFor(logging.INFO)):
            return False
        url = httptools.parse_url(self.url)
        assert self.quick is not None
        try:
            found = self.quick(url.path, url.query or b"", self.headers)
        except Exception:  # the app's ordinary way answers it, or says what is wrong
            log.exception("an answer at once failed; the request goes to the app")
            return False
        if found is None:
            return False
        status, headers, body = found
        # As uvicorn writes an app's response (RequestResponseCycle.send).
        self._keep = self.parser.get_http_version() != "1.0" \
            and self.parser.should_keep_alive()
        content = [STATUS_LINE[status]]
        for name, value in (*self.server_state.default_headers, *headers):
            content.extend([name, b": ", value, b"\r\n"])
        if not self._keep:
            content.append(b"connection: close\r\n")
        content.append(b"\r\n")
        self._answer = (b"".join(content), body)
        return True

    def on_message_complete(self) -> None:
        self._disarm()
        self._in_head = True  # what follows is the next request's head
        self._head_bytes = 0
        if self._answer is not None:  # given at once: sent as uvicorn sends a response
            (head, body), self._answer = self._answer, None
            transport = self.transport
            if transport.is_closing():  # the client left: as uvicorn, nothing is written
                return
            if isinstance(transport, CoalescingTransport):
                transport.write_now(head, body)
            else:
                transport.writelines([head, body])
            if not self._keep:
                transport.close()
            self.on_response_complete()
            return
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection has the same time

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def protocol_class(read_timeout: float, max_connections: int,
                   head_limits: HeadLimits = HeadLimits(),
                   quick: QuickAnswer | None = None) -> type[GuardedProtocol]:
    """A :class:`GuardedProtocol` with these limits, and *quick* answers."""
    return type("GuardedProtocolWithLimits", (GuardedProtocol,),
                {"read_timeout": read_timeout, "max_connections": max_connections,
                 "head_limits": head_limits,
                 "quick": None if quick is None else staticmethod(quick)})


def server_config(app: Any, *, read_timeout: float = DEFAULT_READ_TIMEOUT,
                  max_connections: int = DEFAULT_MAX_CONNECTIONS,
                  head_limits: HeadLimits = HeadLimits(), **options: Any) -> Any:
    """A ``uvicorn.Config`` for *app* with the guarded protocol, and the answers *app*
    gives at once (its ``state.quick_answer``, a :data:`QuickAnswer`, when it has one);
    raises the open-file limit first and fits the connection cap under it."""
    import uvicorn

    cap = connection_cap(max_connections, raise_open_file_limit())
    quick = getattr(getattr(app, "state", None), "quick_answer", None)
    # No "server: uvicorn" header: a response does not name the software that sent it.
    return uvicorn.Config(app, http=protocol_class(read_timeout, cap, head_limits, quick),
                          backlog=min(cap, 2048), server_header=False, **options)


def run(app: Any, *, host: str, port: int, read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        head_limits: HeadLimits = HeadLimits()) -> None:
    """Serve *app* on *host*:*port* until interrupted."""
    import uvicorn

    config = server_config(app, read_timeout=read_timeout, max_connections=max_connections,
                           head_limits=head_limits, host=host, port=port,
                           log_level="warning")
    uvicorn.Server(config).run()
