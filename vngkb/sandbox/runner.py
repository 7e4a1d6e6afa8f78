"""The one way vngkb runs a user's SPARQL: in a child process, a *worker*, so that no
query can crash, hang, exhaust or reach out of the process that asked for it.

Both callers use it: ``vngkb query`` starts one worker for its one query
(:mod:`vngkb.sandbox.isolated`), the endpoint keeps a pool of them, replacing one that
is killed (:mod:`vngkb.server.pool`). A query inside Oxigraph cannot be interrupted, and
some queries make the engine die outright (a deep nesting overflows its stack; a
cartesian product allocates until the allocator aborts): only a process can be stopped.

A worker, before it sees a query:

- ignores Ctrl-C (it is for the caller) and dies with its caller
  (:func:`vngkb.sandbox.lifetime.die_with_parent`), so a caller killed by SIGKILL leaves
  no query running;
- takes the network away from itself (:mod:`vngkb.sandbox.netlock`), unless the caller
  allowed ``SERVICE``; where the lock is unavailable it refuses to start (fail closed);
- loads its data: the cached KB opened read-only (:func:`vngkb.kb.layers.open_kb`: no
  file parsed), or N-Quads the caller sends, into memory;
- then bounds its address space (``RLIMIT_AS``; after the load, which costs the same for
  every query, and whose RocksDB threads reserve address space that is not the query's),

says :data:`READY` (or sends a :class:`StartFailure`), and answers jobs one at a time
with the caller's *evaluator*, each under a CPU-time limit set before the job
(``RLIMIT_CPU``: the kernel stops a query whose caller can no longer stop it). The
caller kills a worker that is over its time limit. The query text itself is checked by
the caller first (:mod:`vngkb.sandbox.guard`); an evaluator may check it again.

A worker starts as a fork of its caller where that is safe (no interpreter start and no
imports of its own: most of the cost of a small query), and otherwise as a plain
``python -c`` subprocess (not ``multiprocessing``, whose spawn would re-run the caller's
``__main__``). Either way it runs :func:`serve`, with the messages on a pair of pipes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, Protocol

#: What a worker sends when it is ready for its first job.
READY = "ready"

#: The Python code a spawned worker runs (its caller's process id follows as argument).
_WORKER_COMMAND = "from vngkb.sandbox.runner import worker_main; worker_main()"


class Evaluator(Protocol):
    """What a worker does with each job: picklable (it is sent to the worker), and
    never raising for a query's fault (its answer says what went wrong)."""

    def prepare(self) -> None:
        """Warm up (imports, compiled patterns) before the worker says it is ready."""

    def __call__(self, store: Any, job: Any, /) -> Any:
        """The answer to *job* on *store* (an Oxigraph store), sent back as it is."""


@dataclass(frozen=True)
class Settings:
    """How a worker runs."""

    evaluator: Evaluator
    #: Whether the worker locks itself out of the network (False: ``SERVICE`` allowed,
    #: or a test of the other layer on its own).
    network_lock: bool = True
    #: Address space the worker may use after loading its data (bytes; None: unbounded).
    memory_limit: int | None = None
    #: CPU seconds the worker may use for one job (None: unbounded).
    cpu_limit: float | None = None
    #: The caller's language, for the messages the worker writes.
    lang: str | None = None
    #: Whether N-Quads follow the settings on the pipe (loaded into memory); else the
    #: worker opens the cached KB read-only.
    nquads: bool = False


@dataclass(frozen=True)
class StartFailure:
    """What a worker sends instead of :data:`READY` when it cannot start: the name of
    the exception (one of :mod:`vngkb.core.errors`) and its one-line message."""

    error: str
    message: str


def one_line(text: object, limit: int = 200) -> str:
    """*text* on one line, cut to *limit* characters (errors may echo the query)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


# --- the worker's side -------------------------------------------------------------------

def worker_main() -> None:
    """A spawned worker (``python -c COMMAND PARENT``): its standard input and output
    carry the messages; anything else it prints goes to standard error."""
    parent = int(sys.argv[1]) if len(sys.argv) > 1 else None
    inbox = Connection(os.dup(0))
    outbox = Connection(os.dup(1))
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(inbox, outbox, parent)


def serve(inbox: Connection, outbox: Connection, parent: int | None) -> None:
    """Be a worker: read the settings from *inbox*, start, then answer jobs on *outbox*
    until a job is None or the caller's end of the pipe closes. *parent*: the caller's
    process id (the worker ends at once when it has ended already)."""
    from vngkb.sandbox.lifetime import die_with_parent, limit_cpu_time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    try:
        settings: Settings = inbox.recv()
    except (EOFError, OSError):
        return
    try:
        store = _start(settings, inbox)
    except Exception as error:  # whatever stops the start is reported, in one line
        from vngkb.core.errors import VngkbError

        name = type(error).__name__ if isinstance(error, VngkbError) else "QueryError"
        with contextlib.suppress(OSError):
            outbox.send(StartFailure(name, one_line(error)))
        return
    outbox.send(READY)
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        if settings.cpu_limit:
            limit_cpu_time(settings.cpu_limit)
        outbox.send(settings.evaluator(store, job))


def _start(settings: Settings, inbox: Connection) -> Any:
    """Lock, prepare, load and bound the worker; its store."""
    from vngkb.sandbox.lifetime import limit_memory

    if settings.network_lock:
        from vngkb.sandbox.netlock import lock_or_allowed

        lock_or_allowed()
    if settings.lang is not None:
        from vngkb.i18n import set_lang

        set_lang(settings.lang)
    settings.evaluator.prepare()
    if settings.nquads:
        import pyoxigraph as ox

        store = ox.Store()
        store.load(inbox.recv_bytes(), format=ox.RdfFormat.N_QUADS)
    else:
        from vngkb.kb.layers import open_kb

        store = open_kb()
    if settings.memory_limit:
        limit_memory(settings.memory_limit)
    return store


# --- the caller's side -------------------------------------------------------------------

class ForkedProcess:
    """A forked worker, with the part of :class:`subprocess.Popen`'s interface that a
    caller of workers uses (``pid``, ``returncode``, ``poll``, ``wait``, ``kill``,
    ``send_signal``)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: its code is unknown
                self.returncode = 0
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = 0.001
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0.0)
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Worker:
    """A running worker: its process, the pipe its answers come from (*inbox*) and the
    one its jobs go to (*outbox*)."""

    def __init__(self, process: subprocess.Popen[bytes] | ForkedProcess, inbox: Connection,
                 outbox: Connection) -> None:
        self.process = process
        self.inbox = inbox
        self.outbox = outbox

    def send(self, message: Any) -> None:
        self.outbox.send(message)

    def close(self) -> None:
        """Close both pipes (a worker whose job pipe closes ends by itself)."""
        for conn in (self.inbox, self.outbox):
            with contextlib.suppress(OSError):
                conn.close()

    def reap(self, grace: float = 5.0) -> int:
        """Close the pipes and wait for the worker's end, at most *grace* seconds before
        it is killed; its exit code (negative: the signal that ended it)."""
        self.close()
        try:
            return self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def kill(self, grace: float = 5.0) -> None:
        """Close the pipes, kill the worker if it runs, and wait for its end (at most
        *grace* seconds)."""
        self.close()
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(grace)


Launcher = Callable[..., "subprocess.Popen[bytes]"]


def start(settings: Settings, *, data: bytes | None = None, fork: bool = False,
          stderr: IO[bytes] | None = None, launch: Launcher = subprocess.Popen) -> Worker:
    """Start a worker with *settings* (and *data*, N-Quads, when ``settings.nquads``);
    *fork*: as a fork of this process (see :func:`vngkb.core.processes.can_fork`), else
    a new interpreter started by *launch* (:class:`subprocess.Popen`, or a function that
    calls it from a thread kept for the purpose: the kernel's parent-death signal
    follows the thread that started the worker). *stderr*: where the worker's standard error goes.

    Returns at once; the worker's first message is :data:`READY` or a
    :class:`StartFailure`, or it ends (its end of the pipe closes)."""
    worker = _fork(stderr) if fork else _spawn(stderr, launch)
    try:
        worker.send(settings)
        if settings.nquads:
            worker.outbox.send_bytes(data or b"")
    except OSError:
        pass  # the worker is gone already: its end says how
    return worker


def _fork(stderr: IO[bytes] | None) -> Worker:
    parent = os.getpid()
    jobs_read, jobs_write = os.pipe()
    answers_read, answers_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the caller's code
        code = 1
        try:
            os.close(jobs_write)
            os.close(answers_read)
            os.setsid()  # the terminal's signals are for the caller
            if stderr is not None:
                os.dup2(stderr.fileno(), 2)
            serve(Connection(jobs_read), Connection(answers_write), parent)
            code = 0
        finally:
            os._exit(code)  # no clean-up of the caller's objects, no flush of its buffers
    os.close(jobs_read)
    os.close(answers_write)
    return Worker(ForkedProcess(pid), Connection(answers_read), Connection(jobs_write))


def _spawn(stderr: IO[bytes] | None, launch: Launcher) -> Worker:
    # The package's own folder first, so the worker imports this very vngkb.
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    process = launch([sys.executable, "-c", _WORKER_COMMAND, str(os.getpid())],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env,
                     start_new_session=True)
    assert process.stdin is not None and process.stdout is not None
    inbox = Connection(os.dup(process.stdout.fileno()))
    outbox = Connection(os.dup(process.stdin.fileno()))
    process.stdout.close()
    process.stdin.close()
    return Worker(process, inbox, outbox)
