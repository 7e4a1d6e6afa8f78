"""Serving from more than one HTTP process (``vngkb serve --processes N``).

One Python process answers HTTP requests one at a time: on a busy machine, a
single-threaded server gets a single share of the CPU, however cheap each request is.
With N processes, forked from the one that built the app, each accepts connections.

On Linux each process listens on a socket of its own, all bound to the same address
with ``SO_REUSEPORT``, and the kernel spreads new connections over them by a hash of
each connection's addresses. From one shared socket (elsewhere, and as a fallback), the
process that wakes first takes every connection waiting: 32 clients connecting at once
were 30 on one process and 1 on each other (measured), so the processes served from
about one core. The address is first bound without ``SO_REUSEPORT``, so that a port
another program holds (with or without the option) still stops the start; a program of
the same user that binds it with the option afterwards would get a share of the
connections, which a program of that user could do to the server anyway (signal it,
read its memory).

Each process is the same server as with one process: its own pool of query workers
(each locked out of the network, :mod:`vngkb.sandbox.netlock`, and parsing every query,
:mod:`vngkb.sandbox.guard`), its own answer cache, the same limits. Limits that bound
the whole server are divided among the processes: open connections, and query workers.
The parent process only waits: SIGTERM or SIGINT to it stops every process; when one
process ends by itself, the others are stopped too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vngkb.server.connections import HeadLimits

#: Most HTTP processes (more than the machine's CPUs only costs memory).
MAX_PROCESSES = 64


def share(total: int, processes: int) -> int:
    """Each process's part of a limit *total* for the whole server (at least 1).

    >>> share(2048, 2), share(4, 3), share(1, 4)
    (1024, 1, 1)
    """
    return max(1, total // processes)


def workers_each(workers: int | None, processes: int) -> int | None:
    """Query workers of each process: the server's (given, or the default) shared out;
    None (the default) for a single process."""
    if processes == 1:
        return workers
    from vngkb.server.app import _worker_count

    return share(workers or _worker_count(), processes)


def supported() -> bool:
    """Whether this platform can fork (not on Windows)."""
    return hasattr(os, "fork")


def serve(app: Any, *, host: str, port: int, processes: int, read_timeout: float,
          max_connections: int, head_limits: HeadLimits | None = None) -> int:
    """Serve *app* from *processes* forked processes on *host*:*port* until stopped;
    the exit status (0 when stopped by a signal, else that of the first process that
    ended by itself)."""
    import uvicorn

    from vngkb.sandbox.lifetime import die_with_parent
    from vngkb.server import connections

    limits = head_limits if head_limits is not None else connections.HeadLimits()

    def config(cap: int) -> uvicorn.Config:
        made: uvicorn.Config = connections.server_config(
            app, host=host, port=port, log_level="warning", read_timeout=read_timeout,
            max_connections=cap, head_limits=limits)
        return made

    sockets = listeners(config(max_connections).bind_socket(), processes)  # before the fork
    children: list[int] = []
    parent = os.getpid()
    for index in range(processes):
        pid = os.fork()
        if pid == 0:  # a serving process: never returns into the caller
            status = 1
            try:
                # Forked from the main thread, which lives as long as the parent.
                die_with_parent(parent, signal.SIGTERM)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                own = sockets[index]
                for other in sockets:  # the others' sockets: closed here, so that
                    if other is not own:  # connections never wait on a dead process
                        other.close()
                uvicorn.Server(config(share(max_connections, processes))).run(sockets=[own])
                status = 0
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        children.append(pid)
    for sock in set(sockets):
        sock.close()
    return _wait(children)


def spread() -> bool:
    """Whether the kernel spreads connections over sockets bound with ``SO_REUSEPORT``
    (Linux; BSD and macOS give them all to one socket)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listeners(bound: socket.socket, processes: int) -> list[socket.socket]:
    """A listening socket for each of *processes*: *bound* (the server's address, bound
    without ``SO_REUSEPORT``: the port is free) for all, or, where the kernel spreads
    connections (:func:`spread`), a socket of its own for each, bound to the same
    address with ``SO_REUSEPORT``."""
    if processes == 1 or not spread() or bound.family not in (socket.AF_INET, socket.AF_INET6):
        return [bound] * processes
    address = bound.getsockname()
    if address[1] == 0:  # a port the kernel chose: each socket would get another
        return [bound] * processes
    bound.close()
    made: list[socket.socket] = []
    try:
        for _ in range(processes):
            sock = socket.socket(bound.family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            made.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind(address)
            sock.set_inheritable(True)
    except OSError as error:  # taken meanwhile: stop as uvicorn stops when it is taken
        import logging

        for sock in made:
            sock.close()
        logging.getLogger("uvicorn.error").error(error)
        sys.exit(1)
    return made


def _wait(children: list[int]) -> int:
    """Wait for *children*; a signal or the end of one stops them all."""
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM,
                                                                   signal.SIGINT)}
    status = 0
    try:
        running = set(children)
        while running:
            try:
                pid, wait_status = os.wait()
            except ChildProcessError:
                break
            if pid not in running:
                continue
            running.discard(pid)
            if not stopping:
                code = os.waitstatus_to_exitcode(wait_status)
                status = code if code > 0 else 1
                stop(signal.SIGTERM, None)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status
