"""Serving from more than one HTTP process (``vngkb serve --processes N``).

One Python process answers HTTP requests one at a time: on a busy machine, a
single-threaded server gets a single share of the CPU, however cheap each request is.
With N processes, the listening socket is opened once and each process, forked from
the one that built the app, accepts connections from it (the kernel hands each new
connection to one of them).

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

    sock = config(max_connections).bind_socket()  # once, before the fork: shared
    children: list[int] = []
    parent = os.getpid()
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:  # a serving process: never returns into the caller
            status = 1
            try:
                # Forked from the main thread, which lives as long as the parent.
                die_with_parent(parent, signal.SIGTERM)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                uvicorn.Server(config(share(max_connections, processes))).run(sockets=[sock])
                status = 0
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        children.append(pid)
    sock.close()
    return _wait(children)


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
