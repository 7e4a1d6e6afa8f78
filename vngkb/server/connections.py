"""Connection limits of the HTTP server, so that slow or half-open clients cannot take
it down.

uvicorn times out idle keep-alive connections, but not a client that connects and then
sends its request slowly or never finishes it: with the common limit of 1,024 open
files, about a thousand such connections leave the server answering nobody. This
module adds, as a subclass of uvicorn's httptools protocol:

- a **request read timeout**: a request (headers and body) must arrive within
  *read_timeout* seconds of the connection being opened or of the previous response;
  otherwise the connection is closed;
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
        super().connection_made(transport)
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
