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
- a **cap on open connections**: when *max_connections* are open, a new one makes
  room by closing the oldest connection that is still waiting for its request (a
  half-open one); if every connection is busy with a request, the new one is closed.

:func:`raise_open_file_limit` lifts the soft open-file limit to the hard limit at
start, and :func:`run` serves an app with all of this.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

#: Defaults: seconds to receive a whole request, and open connections at most.
DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 2048
#: Open files kept for everything but client connections (workers, data, logs).
_RESERVED_FILES = 64


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
    """uvicorn's httptools protocol with a request read timeout and a connection cap
    (class attributes, set by :func:`protocol_class`)."""

    read_timeout: float = DEFAULT_READ_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._read_timer: asyncio.TimerHandle | None = None
        self._waiting_since = self.loop.time()
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

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection has the same time

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def protocol_class(read_timeout: float, max_connections: int) -> type[GuardedProtocol]:
    """A :class:`GuardedProtocol` with these limits."""
    return type("GuardedProtocolWithLimits", (GuardedProtocol,),
                {"read_timeout": read_timeout, "max_connections": max_connections})


def server_config(app: Any, *, read_timeout: float = DEFAULT_READ_TIMEOUT,
                  max_connections: int = DEFAULT_MAX_CONNECTIONS, **options: Any) -> Any:
    """A ``uvicorn.Config`` for *app* with the guarded protocol; raises the open-file
    limit first and fits the connection cap under it."""
    import uvicorn

    cap = connection_cap(max_connections, raise_open_file_limit())
    return uvicorn.Config(app, http=protocol_class(read_timeout, cap),
                          backlog=min(cap, 2048), **options)


def run(app: Any, *, host: str, port: int, read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS) -> None:
    """Serve *app* on *host*:*port* until interrupted."""
    import uvicorn

    config = server_config(app, read_timeout=read_timeout, max_connections=max_connections,
                           host=host, port=port, log_level="warning")
    uvicorn.Server(config).run()
