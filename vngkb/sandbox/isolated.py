"""Run a user's SPARQL query on the embedded store in a child process, so that no query
can crash, hang or exhaust the caller (``vngkb query``).

A query inside Oxigraph cannot be interrupted, and some queries make the engine die
outright (a deep nesting overflows its stack; a cartesian product allocates until the
allocator aborts). The query is checked first (:mod:`vngkb.sandbox.guard`, in the
caller: it costs microseconds). The child then

- dies with its caller (:func:`vngkb.sandbox.lifetime.die_with_parent`), so a caller
  killed by SIGKILL leaves no query running;
- takes the network away from itself (:mod:`vngkb.sandbox.netlock`) unless ``SERVICE``
  is explicitly allowed;
- opens the cached read-only KB (:func:`vngkb.kb.layers.open_kb`: no files parsed);
- runs under a memory bound (``RLIMIT_AS``) and a CPU-time limit (``RLIMIT_CPU``, a
  little over the time limit: a bound of its own, whoever watches it), while the caller
  kills it when it is over the time limit.

Whatever happens to it, the caller gets a :class:`~vngkb.core.errors.QueryError` with
one line, or the result.

Where it is safe, the child is a fork of the caller: it needs no interpreter start and
no imports of its own, which is most of the cost of a small query. That is while the
caller runs one thread only (a fork copies no other thread, and another thread may
hold a lock the child would need, such as RocksDB's after an ``open_kb`` in a
notebook). Otherwise, or without ``fork``, the child is a plain ``python -c``
subprocess (as the server's query workers are; not ``multiprocessing``, whose spawn
would re-run the caller's ``__main__``) and is sent the query over a pipe. Both run the
same :func:`_child_body`.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any

from vngkb.core.errors import InputError, QueryError, QuerySyntaxError, VngkbError
from vngkb.i18n import current_lang, set_lang, t
from vngkb.query.store import ResultTable

#: Defaults of ``vngkb query``: seconds and mebibytes.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_MEMORY_MB = 4096


_CHILD_COMMAND = "from vngkb.sandbox.isolated import child_main; child_main()"


#: CPU seconds the child may use beyond its time limit before the kernel stops it (the
#: parent, which kills it at the time limit, normally comes first).
CPU_MARGIN = 1.0


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _child_body(text: str, settings: dict[str, Any], outbox: Connection) -> None:
    """What the child does, once it is a child: answer *text* on *outbox*, once."""
    from vngkb.sandbox.lifetime import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which kills us
    die_with_parent(int(settings["parent"]))
    set_lang(settings.get("lang"))  # the caller's --lang: messages in its language
    try:
        outbox.send(("ok", _answer(text, settings)))
    except QuerySyntaxError as error:
        outbox.send(("error", type(error).__name__, str(error), error.display))
    except VngkbError as error:
        outbox.send(("error", type(error).__name__, str(error)))
    except MemoryError:
        outbox.send(("error", "QueryError", t(
            "isolated_crash", how=t("isolated_out_of_memory"), limit=settings["max_memory_mb"],
            detail="")))
    except Exception as error:  # whatever the engine raises is the query's error
        outbox.send(("error", "QueryError", _one_line(t("query_failed", reason=error))))


def child_main() -> None:
    """The spawned child (``python -c``): read the settings and the query, answer once."""
    inbox = Connection(os.dup(0))
    outbox = Connection(os.dup(1))
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    settings: dict[str, Any] = inbox.recv()
    text: str = inbox.recv()
    _child_body(text, settings, outbox)


def _answer(text: str, settings: dict[str, Any]) -> ResultTable:
    from vngkb.sandbox.lifetime import limit_cpu_time, limit_memory

    if not settings.get("allow_service"):
        from vngkb.sandbox.netlock import lock_or_allowed

        lock_or_allowed()
    from vngkb.kb.layers import open_kb
    from vngkb.query.store import EmbeddedStore

    store = EmbeddedStore(open_kb())
    # The bounds come after the open: RocksDB's threads reserve address space that is
    # not the query's, and the open costs the same for every query.
    limit_memory(int(settings["max_memory_mb"]) * 1024 * 1024)
    # The parent kills the child at the time limit; the kernel's limit, a second later,
    # holds when the parent cannot.
    limit_cpu_time(float(settings["timeout"]) + CPU_MARGIN)
    return store.select(text)


def _error_class(name: str) -> type[VngkbError]:
    from vngkb.core import errors

    found = getattr(errors, name, None)
    return found if isinstance(found, type) and issubclass(found, VngkbError) else QueryError


def _only_thread() -> bool:
    """Whether this process runs one thread (counting threads Python did not start)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _Child:
    """A running child: its process id, the end its answer comes from, how it ended."""

    def __init__(self, pid: int, inbox: Connection,
                 popen: subprocess.Popen[bytes] | None = None) -> None:
        self.pid = pid
        self.inbox = inbox
        self.popen = popen
        self.code: int | None = None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def leave(self) -> None:
        """The child answered: let it end on its own (its exit, which frees the pages
        and the database it opened, takes up to tens of milliseconds that nobody needs
        to wait for); reaped on a later call, or by init when the caller has ended."""
        if self.popen is not None:  # a new interpreter: not the fast path, wait for it
            self.reap()
            return
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                _exiting.append(self.pid)

    def reap(self, grace: float = 5.0) -> None:
        """Wait for the child's end, at most *grace* seconds before it is killed, and
        note its exit code."""
        if self.popen is not None:
            try:
                self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
            self.code = self.popen.returncode
            return
        deadline = time.monotonic() + grace
        pause = 0.001
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
                return
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        self.kill()
        self.code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


#: Forked children that answered and were left to end (:meth:`_Child.leave`).
_exiting: list[int] = []


def _reap_exited() -> None:
    """Reap the children left to end that have ended."""
    for child in list(_exiting):
        try:
            ended = os.waitpid(child, os.WNOHANG)[0] != 0
        except ChildProcessError:  # reaped by someone else
            ended = True
        if ended:
            _exiting.remove(child)


def _fork(text: str, settings: dict[str, Any], errors: IO[bytes]) -> _Child:
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(reading)
            os.setsid()  # the terminal's signals are for the caller
            os.dup2(errors.fileno(), 2)
            _child_body(text, settings, Connection(writing))
            code = 0
        finally:
            os._exit(code)  # no clean-up of the caller's objects, no flush of its buffers
    os.close(writing)
    return _Child(pid, Connection(reading))


def _spawn(text: str, settings: dict[str, Any], errors: IO[bytes]) -> _Child:
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    process = subprocess.Popen([sys.executable, "-c", _CHILD_COMMAND],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=errors, env=env, start_new_session=True)
    assert process.stdin is not None and process.stdout is not None
    inbox = Connection(os.dup(process.stdout.fileno()))
    outbox = Connection(os.dup(process.stdin.fileno()))
    process.stdout.close()
    process.stdin.close()
    try:
        outbox.send(settings)
        outbox.send(text)
    except OSError:
        pass  # the child is gone already: its end says how
    finally:
        outbox.close()
    return _Child(process.pid, inbox, process)


def run_isolated(text: str, *, timeout: float = DEFAULT_TIMEOUT,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
                 allow_service: bool = False, guard: bool = True,
                 fork: bool | None = None) -> ResultTable:
    """The answer of query *text* on the shipped KB, computed in a child process that
    may run *timeout* seconds and use *max_memory_mb* MiB of address space. (*guard*
    False skips the query check but the limits, leaving the network lock alone: for its
    tests only. *fork*: how the child starts; None: a fork where that is safe.)"""
    from vngkb.sandbox.guard import check_limits, check_query

    if not math.isfinite(timeout) or timeout <= 0:
        raise InputError(t("isolated_bad_timeout", value=timeout))
    if max_memory_mb < 1:
        raise InputError(t("isolated_bad_memory", value=max_memory_mb))
    if guard:
        check_query(text, allow_service=allow_service, lang=None)
    else:
        check_limits(text, lang=None)
    settings = {"allow_service": allow_service, "max_memory_mb": max_memory_mb,
                "timeout": timeout, "lang": current_lang(), "parent": os.getpid()}
    _reap_exited()
    if fork is None:
        fork = hasattr(os, "fork") and _only_thread()
    with tempfile.TemporaryFile() as errors:
        child = (_fork if fork else _spawn)(text, settings, errors)
        answered, reply = False, None
        try:
            answered = child.inbox.poll(timeout)
            reply = child.inbox.recv() if answered else None
        except (EOFError, OSError):
            reply, answered = None, True
        finally:
            if reply is not None:
                child.leave()
            else:
                if not answered:
                    child.kill()
                child.reap()
            child.inbox.close()
        if not answered:
            raise QueryError(t("isolated_timeout", limit=timeout))
        if reply is None:
            raise _crash(child.code, errors, max_memory_mb, timeout)
    if reply[0] == "ok":
        table: ResultTable = reply[1]
        return table
    if reply[1] == "QuerySyntaxError" and len(reply) > 3:
        raise QuerySyntaxError(reply[2], display=reply[3])
    raise _error_class(reply[1])(reply[2])


def _crash(code: int | None, errors: IO[bytes], max_memory_mb: int,
           timeout: float) -> QueryError:
    """The error for a child that ended without an answer: its CPU limit, or how it
    ended and the last line it wrote."""
    if code == -signal.SIGXCPU:
        return QueryError(t("isolated_timeout", limit=timeout))
    errors.seek(0)
    last = [line for line in errors.read()[-2000:].decode("utf-8", "replace").splitlines()
            if line.strip()]
    detail = f": {_one_line(last[-1], 120)}" if last else ""
    how = (t("isolated_signal", name=signal.Signals(-code).name)
           if code is not None and code < 0 and -code in signal.Signals._value2member_map_
           else t("isolated_exit_code", code=code))
    return QueryError(t("isolated_crash", how=how, limit=max_memory_mb, detail=detail))
