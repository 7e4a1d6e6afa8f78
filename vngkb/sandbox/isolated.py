"""Run a user's SPARQL query on the embedded store in a child process, so that no query
can crash, hang or exhaust the caller (``vngkb query``).

The query is checked first (:mod:`vngkb.sandbox.guard`, in the caller: it costs
microseconds), then answered by one worker of :mod:`vngkb.sandbox.runner` (the same
worker as the endpoint's): it dies with its caller, is locked out of the network unless
``SERVICE`` is explicitly allowed, opens the cached read-only KB, and runs under a
memory bound (``RLIMIT_AS``) and a CPU-time limit (``RLIMIT_CPU``, a little over the time
limit: a bound of its own, whoever watches it), while the caller kills it when it is
over the time limit. Whatever happens to it, the caller gets a
:class:`~vngkb.core.errors.QueryError` with one line, or the result.

The worker is a fork of the caller where that is safe
(:func:`vngkb.core.processes.can_fork`), otherwise a new interpreter. Once it has
answered, it is left to end on its own (its exit, which frees the pages and the
database it opened, takes up to tens of milliseconds that nobody needs to wait for).
"""

from __future__ import annotations

import math
import signal
import tempfile
import time
from typing import IO, Any

from vngkb.core.errors import InputError, QueryError, QuerySyntaxError, VngkbError
from vngkb.core.processes import can_fork
from vngkb.i18n import current_lang, t
from vngkb.query.store import ResultTable
from vngkb.sandbox import runner

#: Defaults of ``vngkb query``: seconds and mebibytes.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_MEMORY_MB = 4096

#: CPU seconds the child may use beyond its time limit before the kernel stops it (the
#: parent, which kills it at the time limit, normally comes first).
CPU_MARGIN = 1.0


class Select:
    """The worker's evaluator for ``vngkb query``: a SELECT (or ASK) as a
    :class:`ResultTable`, or the error, by the name of its class, to raise again in the
    caller."""

    def __init__(self, max_memory_mb: int) -> None:
        self.max_memory_mb = max_memory_mb

    def prepare(self) -> None:
        """Nothing to warm up: this module imported the store's code."""

    def __call__(self, store: Any, text: str) -> tuple[Any, ...]:
        from vngkb.query.store import EmbeddedStore

        try:
            return ("ok", EmbeddedStore(store).select(text))
        except QuerySyntaxError as error:
            return ("error", type(error).__name__, str(error), error.display)
        except VngkbError as error:
            return ("error", type(error).__name__, str(error))
        except MemoryError:
            return ("error", "QueryError", t(
                "isolated_crash", how=t("isolated_out_of_memory"), limit=self.max_memory_mb,
                detail=""))
        except Exception as error:  # whatever the engine raises is the query's error
            return ("error", "QueryError", runner.one_line(t("query_failed", reason=error),
                                                           160))


def _error_class(name: str) -> type[VngkbError]:
    from vngkb.core import errors

    found = getattr(errors, name, None)
    return found if isinstance(found, type) and issubclass(found, VngkbError) else QueryError


#: Forked children that answered and were left to end.
_exiting: list[runner.ForkedProcess] = []


def _reap_exited() -> None:
    """Reap the children left to end that have ended."""
    for child in list(_exiting):
        if child.poll() is not None:
            _exiting.remove(child)


def _leave(worker: runner.Worker) -> None:
    """The worker answered: close its pipes, so that it ends on its own; a fork is
    reaped on a later call (or by init when the caller has ended), a new interpreter
    at once (not the fast path)."""
    worker.close()
    if isinstance(worker.process, runner.ForkedProcess):
        if worker.process.poll() is None:
            _exiting.append(worker.process)
    else:
        worker.reap()


_TIMED_OUT = object()


def _next(worker: runner.Worker, deadline: float) -> Any:
    """The worker's next message; :data:`_TIMED_OUT` when none came by *deadline*
    (monotonic time), None when the worker ended without one."""
    try:
        if not worker.inbox.poll(max(deadline - time.monotonic(), 0.0)):
            return _TIMED_OUT
        return worker.inbox.recv()
    except (EOFError, OSError):
        return None


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
    settings = runner.Settings(
        Select(max_memory_mb), network_lock=not allow_service,
        memory_limit=max_memory_mb * 1024 * 1024, cpu_limit=timeout + CPU_MARGIN,
        lang=current_lang())
    _reap_exited()
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryFile() as errors:
        worker = runner.start(settings, fork=can_fork() if fork is None else fork,
                              stderr=errors)
        reply: Any = None
        try:
            worker.send(text)
            reply = _next(worker, deadline)
            if reply == runner.READY:
                reply = _next(worker, deadline)
        except OSError:  # it ended before it read the query: its end says how
            reply = None
        finally:
            if reply is _TIMED_OUT:
                worker.kill()
            elif reply is None:
                worker.reap()
            else:
                _leave(worker)
        if reply is _TIMED_OUT:
            raise QueryError(t("isolated_timeout", limit=timeout))
        if reply is None:
            raise _crash(worker.process.returncode, errors, max_memory_mb, timeout)
    if isinstance(reply, runner.StartFailure):
        raise _error_class(reply.error)(reply.message)
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
    detail = f": {runner.one_line(last[-1], 120)}" if last else ""
    how = (t("isolated_signal", name=signal.Signals(-code).name)
           if code is not None and code < 0 and -code in signal.Signals._value2member_map_
           else t("isolated_exit_code", code=code))
    return QueryError(t("isolated_crash", how=how, limit=max_memory_mb, detail=detail))
