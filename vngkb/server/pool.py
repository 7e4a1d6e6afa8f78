"""The endpoint's pool of query workers, so that a query over the time limit can really
be stopped.

A query inside Oxigraph cannot be interrupted from Python, and a thread that runs one
cannot be killed. Each query therefore runs in one of a few workers: the child processes
of :mod:`vngkb.sandbox.runner`, the same as ``vngkb query``'s, each holding its own copy
of the (small) store, locked out of the network before it loads the data
(:mod:`vngkb.sandbox.netlock`), under a memory limit and a CPU-time limit set before each
query (so that a worker whose server hangs still stops), and ending with the server
however it ends (:func:`vngkb.sandbox.lifetime.die_with_parent`; they are started from
one thread kept for it, as the kernel's signal follows the starting thread). The server
waits for an answer at most the time limit, then kills the worker, answers 503 and starts
a fresh one in the background. The server itself never runs user queries, so it stays
up whatever they do. Workers stop reading results after the row limit, and only ever
call ``Store.query``, which cannot change the store.

An idle worker that ends (killed from outside) is replaced at once (the event loop
watches idle workers' pipes), and a worker found dead is never given a query: the query
waits for the next worker; a query whose worker is killed from outside while
it runs (SIGKILL, SIGTERM, SIGINT or SIGHUP) is run once more on another.

Every worker parses each query (:mod:`vngkb.sandbox.guard`) before the engine sees it
(:class:`Endpoint`, the workers' evaluator): ``SERVICE`` is refused by the parse (403)
and could not reach another host anyway. Admission is bounded: at most
:attr:`WorkerPool.max_waiting` queries wait for a worker (more get 503 with
``Retry-After``), and a query that waited as long as the time limit is answered 503
without being run.

This module is what a worker imports (to evaluate its jobs): it needs pyoxigraph, and
the guard.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from vngkb.sandbox import runner
from vngkb.sandbox.runner import Worker, one_line
from vngkb.server.results import SELECT_WRITERS

log = logging.getLogger("vngkb.server")

#: Address space a worker may use (bytes): a query that needs more fails with a 500
#: and the worker is replaced, instead of the machine swapping.
DEFAULT_MEMORY_LIMIT = 4 * 1024**3
#: How long a new worker may take to load the data before it is given up on (seconds).
START_TIMEOUT = 120.0
#: CPU seconds a worker may use for one query beyond the pool's time limit: the time
#: limit stops a query first; the CPU limit is for when nobody is left to stop it.
CPU_MARGIN = 2.0
#: How a worker ended when it was killed from outside (not by its query): the query
#: it was running is run once more on another worker.
_KILLED_FROM_OUTSIDE = {-signal.SIGKILL, -signal.SIGTERM, -signal.SIGINT, -signal.SIGHUP}

#: Content type of each result format.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
}
_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
                "ntriples": ox.RdfFormat.N_TRIPLES}
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Job:
    """One query for a worker."""

    query: str
    #: Result format name (a key of :data:`MEDIA_TYPES`); None: the default for the form.
    fmt: str | None
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    #: The IRI relative IRIs in the query resolve against (the endpoint's, see
    #: :func:`vngkb.server.description.base_iri`); None: relative IRIs are an error.
    base_iri: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A worker's answer, ready to become an HTTP response."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    #: Seconds after which to try again (the ``Retry-After`` header of a 503).
    retry_after: int | None = None

    @classmethod
    def error(cls, status: int, message: str, retry_after: int | None = None) -> Outcome:
        return cls(status, TEXT, (message + "\n").encode("utf-8"), retry_after=retry_after)


def refusal(query: str) -> Outcome | None:
    """The answer refusing *query* after the guard's parse (403 for an update or
    ``SERVICE``, 400 when it does not parse), or None when it may run."""
    from vngkb.core.errors import QueryError, QueryRefusedError
    from vngkb.sandbox.guard import check_query

    try:
        check_query(query)
    except QueryRefusedError as error:
        return Outcome.error(403, str(error))
    except QueryError as error:
        return Outcome.error(400, one_line(error))
    return None


def execute(store: ox.Store, job: Job, prefixes: dict[str, str] | None = None, *,
            guard: bool = True) -> Outcome:
    """Run *job* on *store*, with *prefixes* known to the query, and serialise its
    result (this is what a worker does). With *guard*, the query is parsed first and
    refused (403) when it is an update or uses ``SERVICE``."""
    if guard:
        refused = refusal(job.query)
        if refused is not None:
            return refused
    options: dict[str, Any] = {}
    try:
        if job.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as error:
        return Outcome.error(400, one_line(f"bad graph IRI: {error}"))
    try:
        result = store.query(job.query, prefixes=prefixes or None, base_iri=job.base_iri,
                             **options)
        if isinstance(result, ox.QueryBoolean):
            fmt = job.fmt if job.fmt in _RESULT_FORMATS else "json"
            return Outcome(200, MEDIA_TYPES[fmt],
                           result.serialize(format=_RESULT_FORMATS[fmt]) or b"")
        if isinstance(result, ox.QuerySolutions):
            fmt = job.fmt if job.fmt in SELECT_WRITERS else "json"
            variables = [v.value for v in result.variables]
            width = range(len(variables))
            rows = [[s[i] for i in width] for s in islice(result, job.max_rows + 1)]
            truncated = len(rows) > job.max_rows
            body = SELECT_WRITERS[fmt](variables, rows[:job.max_rows])
            return Outcome(200, MEDIA_TYPES[fmt], body, truncated)
        fmt = job.fmt if job.fmt in _RDF_FORMATS else "turtle"
        triples = list(islice(result, job.max_rows + 1))
        graph = ox.serialize(triples[:job.max_rows], format=_RDF_FORMATS[fmt],
                             prefixes=prefixes if fmt == "turtle" else None)
        return Outcome(200, MEDIA_TYPES[fmt], graph or b"", len(triples) > job.max_rows)
    except SyntaxError as error:
        return Outcome.error(400, one_line(f"SPARQL syntax error: {error}"))
    except MemoryError:
        return Outcome.error(400, "the query needs more memory than a query may use")
    except Exception as error:  # any evaluation error is the query's: not a server fault
        return Outcome.error(400, one_line(f"query failed: {error}"))


@dataclass(frozen=True)
class Endpoint:
    """The workers' evaluator (:class:`vngkb.sandbox.runner.Evaluator`): each job
    becomes an :class:`Outcome`, with *prefixes* known to every query. *guard*: parse
    each query first; *hold*: see :data:`HOLD_MARK`."""

    prefixes: dict[str, str] | None = None
    guard: bool = True
    hold: str | None = None

    def prepare(self) -> None:
        if self.guard:  # load the guard (and compile its patterns) before the first query
            from vngkb.sandbox.guard import analyse_query

            analyse_query("ASK {}")

    def __call__(self, store: ox.Store, job: Job) -> Outcome:
        if self.hold and job.query.startswith(HOLD_MARK):
            _wait_for(Path(self.hold))
        return execute(store, job, self.prefixes, guard=self.guard)


#: Tests only: a query that starts with this comment waits, in a worker of a pool made
#: with ``hold=PATH``, until PATH exists (slow by construction, not by machine speed).
HOLD_MARK = "#vngkb-hold\n"


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.02)


class WorkerPool:
    """*size* worker processes holding *data* (N-Quads), answering one query each at a
    time within *timeout* seconds; *prefixes* are known to every query.

    Workers are started from threads (:meth:`start`, and after a timeout or crash);
    queries are run from the server's event loop (:meth:`run`), which waits on the
    worker's pipe without a thread of its own."""

    def __init__(self, data: bytes, *, size: int, timeout: float,
                 prefixes: dict[str, str] | None = None,
                 memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
                 max_waiting: int | None = None, network_lock: bool = True,
                 guard: bool = True, hold: Path | None = None,
                 cpu_limit: float | None = None) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.data = data
        self.size = size
        self.timeout = timeout
        self.prefixes = dict(prefixes or {})
        self.memory_limit = memory_limit
        #: CPU seconds a worker may use for one query (default: the time limit plus
        #: :data:`CPU_MARGIN`, rounded up).
        self.cpu_limit = cpu_limit if cpu_limit is not None else math.ceil(
            timeout + CPU_MARGIN)
        #: Most queries waiting for a worker at once; more are answered 503 at once.
        self.max_waiting = max_waiting if max_waiting is not None else 4 * size
        #: Whether workers lock themselves out of the network, and parse each query
        #: before running it (both on, except in tests of each layer on its own).
        self.network_lock = network_lock
        self.guard = guard
        self.hold = hold
        self.waiting = 0
        self._lock = threading.Lock()
        self._workers: set[Worker] = set()
        self._pending = 0  # workers being started
        self._started = False
        self._closed = False
        # Idle workers: in a list until the event loop is known, then in its queue.
        self._early: list[Worker] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._idle: asyncio.Queue[Worker] | None = None
        self._settling: set[asyncio.Task[None]] = set()
        # The thread that starts every worker: it lives as long as the pool, because a
        # worker's parent-death signal comes when the thread that started it ends.
        self._starter: ThreadPoolExecutor | None = None
        self._starter_pid = 0

    # --- life cycle --------------------------------------------------------------

    def start(self) -> None:
        """Start the workers and wait until they are ready (once; blocking)."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
            self._pending += self.size
        threads = [threading.Thread(target=self._add_worker, daemon=True)
                   for _ in range(self.size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        self._unwatch(workers)
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.send(None)
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(1)
            worker.kill()
        with self._lock:
            starter, self._starter = self._starter, None
        if starter is not None:
            starter.shutdown(wait=False)

    @property
    def alive(self) -> int:
        """Workers running or starting."""
        with self._lock:
            return len(self._workers) + self._pending

    def _starter_thread(self) -> ThreadPoolExecutor:
        """The pool's one thread that starts workers (made anew in a forked process:
        threads do not survive a fork)."""
        with self._lock:
            if self._starter is None or self._starter_pid != os.getpid():
                self._starter = ThreadPoolExecutor(1, thread_name_prefix="vngkb-workers")
                self._starter_pid = os.getpid()
            return self._starter

    def _spawn(self) -> Worker | None:
        starter = self._starter_thread()

        def launch(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
            process: subprocess.Popen[bytes] = starter.submit(
                lambda: subprocess.Popen(*args, **kwargs)).result()
            return process

        settings = runner.Settings(
            Endpoint(self.prefixes, self.guard, str(self.hold) if self.hold else None),
            network_lock=self.network_lock, memory_limit=self.memory_limit,
            cpu_limit=self.cpu_limit, nquads=True)
        try:
            worker = runner.start(settings, data=self.data, launch=launch)
        except RuntimeError:  # the pool closed meanwhile (its starter is shut down)
            return None
        why = ""
        try:
            if worker.inbox.poll(START_TIMEOUT):
                message = worker.inbox.recv()
                if message == runner.READY:
                    return worker
                if isinstance(message, runner.StartFailure):
                    why = f": {message.message}"
        except (EOFError, OSError):
            pass
        log.error("a query worker failed to start (exit code %s)%s", worker.process.poll(),
                  why)
        worker.kill()
        return None

    def _add_worker(self) -> None:
        """Start one worker and make it available (its slot was counted as pending)."""
        worker = None
        for _attempt in range(3):
            if self._closed:
                break
            worker = self._spawn()
            if worker is not None:
                break
            time.sleep(0.5)
        with self._lock:
            self._pending -= 1
            if worker is not None and not self._closed:
                self._workers.add(worker)
                self._make_idle(worker)
                return
        if worker is not None:
            worker.kill()

    def _make_idle(self, worker: Worker) -> None:
        """Hand *worker* to waiting queries (call with the lock held, from any thread)."""
        if self._loop is None or self._idle is None:
            self._early.append(worker)
        else:
            self._loop.call_soon_threadsafe(self._put_idle, self._idle, worker)

    def _put_idle(self, idle: asyncio.Queue[Worker], worker: Worker) -> None:
        """Put *worker* in the idle queue, and watch its pipe while it waits there: an
        idle worker sends nothing, so anything to read is its end (in the event loop)."""
        idle.put_nowait(worker)
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            asyncio.get_running_loop().add_reader(worker.inbox.fileno(),
                                                  self._ended_while_idle, worker)

    def _ended_while_idle(self, worker: Worker) -> None:
        self._unwatch([worker])
        log.warning("an idle query worker ended (exit code %s); it is replaced",
                    worker.process.poll())
        self._replace_later(worker)  # the queue still holds it: taking it skips it

    def _unwatch(self, workers: list[Worker]) -> None:
        """Stop watching *workers*' pipes (in the event loop that watches them)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if loop is self._loop:
            for worker in workers:
                with contextlib.suppress(OSError, ValueError):
                    loop.remove_reader(worker.inbox.fileno())

    def _replace(self, worker: Worker) -> None:
        """Kill *worker* and start another (blocking: run it in a thread); nothing when
        it is being replaced already."""
        with self._lock:
            if worker not in self._workers:
                return
            self._workers.discard(worker)
            replace = not self._closed
            if replace:
                self._pending += 1
        worker.kill()
        if replace:
            self._add_worker()

    def _replace_later(self, worker: Worker) -> None:
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()

    # --- queries -----------------------------------------------------------------

    def _queue(self) -> asyncio.Queue[Worker]:
        """The idle workers' queue of the running event loop."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._loop is not loop or self._idle is None:
                waiting = list(self._early)
                while self._idle is not None and not self._idle.empty():
                    waiting.append(self._idle.get_nowait())
                self._loop, self._idle, self._early = loop, asyncio.Queue(), []
                for worker in waiting:
                    self._put_idle(self._idle, worker)
            return self._idle

    async def _take(self, deadline: float) -> Worker | None:
        """The next idle worker, or None when there is none by *deadline* (event loop
        time) or none is running."""
        idle = self._queue()
        loop = asyncio.get_running_loop()
        while True:
            left = deadline - loop.time()
            if left <= 0:
                return None
            try:
                worker = await asyncio.wait_for(idle.get(), timeout=min(1.0, left))
                self._unwatch([worker])  # busy now: its pipe carries its answer
                return worker
            except TimeoutError:
                if self._closed or self.alive == 0:
                    return None

    async def _take_alive(self, deadline: float) -> Worker | None:
        """Like :meth:`_take`, but a worker found dead is replaced, never returned."""
        while True:
            worker = await self._take(deadline)
            if worker is None or not self._gone(worker):
                return worker
            log.warning("a query worker had ended (exit code %s); it is replaced",
                        worker.process.poll())
            self._replace_later(worker)

    @staticmethod
    def _gone(worker: Worker) -> bool:
        """Whether idle *worker* has ended: an idle worker sends nothing, so anything
        to read on its pipe is its end."""
        if worker.process.poll() is not None:
            return True
        try:
            return worker.inbox.poll(0)
        except OSError:
            return True

    @staticmethod
    async def _readable(fd: int, timeout: float) -> bool:
        """Whether *fd* has something to read (an answer, or the end of the worker)
        within *timeout* seconds; waits in the event loop, not in a thread."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, wake)
        try:
            await asyncio.wait_for(ready, max(timeout, 0.0))
            return True
        except TimeoutError:
            return False
        finally:
            loop.remove_reader(fd)

    def _receive(self, worker: Worker) -> Outcome | None:
        """The answer *worker* has sent, and the worker goes back to the idle queue; or
        None when it ended without answering (it is replaced)."""
        os.set_blocking(worker.inbox.fileno(), True)  # uvloop leaves it non-blocking
        try:
            # The worker sends its whole answer at once: reading it does not wait on
            # the query any more.
            outcome: Outcome = worker.inbox.recv()
        except (EOFError, OSError):
            self._replace_later(worker)
            return None
        self._put_idle(self._queue(), worker)
        return outcome

    @staticmethod
    async def _killed_from_outside(worker: Worker) -> bool:
        """Whether *worker*, which ended without answering, was killed by a signal
        from outside rather than by its query (out of memory or CPU time, a crash)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            # Its pipe closed as it ended: its exit status follows at once.
            await asyncio.to_thread(worker.process.wait, 5)
        return worker.process.returncode in _KILLED_FROM_OUTSIDE

    async def _settle(self, worker: Worker, timeout: float) -> None:
        """After the client went away: let the query finish (or time out) before the
        worker takes the next one."""
        if await self._readable(worker.inbox.fileno(), timeout):
            self._receive(worker)
        else:
            self._replace_later(worker)

    async def run(self, job: Job) -> Outcome:
        """Run *job* on the next idle worker, at most :attr:`timeout` seconds."""
        if not self._started:
            await asyncio.to_thread(self.start)
        retry = max(1, round(self.timeout))
        if self._queue().empty() and self.waiting >= self.max_waiting:
            return Outcome.error(503, f"too many queries are waiting ({self.max_waiting}); "
                                      f"try again in {retry} s", retry_after=retry)
        loop = asyncio.get_running_loop()
        unsent = False
        for attempt in (1, 2):  # a second only when the first worker was killed
            self.waiting += 1
            try:
                worker = await self._take_alive(loop.time() + self.timeout)
            finally:
                self.waiting -= 1
            if worker is None:
                if self.alive == 0 or self._closed:
                    return Outcome.error(503, "no query worker is running; the server is "
                                              "stopping or its workers could not start",
                                         retry_after=retry)
                return Outcome.error(503, f"the query waited {self.timeout:g} s for a free "
                                          f"worker and was not run; try again later",
                                     retry_after=retry)
            try:
                worker.send(job)
            except OSError:  # it ended between the look and the sending
                self._replace_later(worker)
                unsent = True
                continue
            sent = loop.time()
            try:
                answered = await self._readable(worker.inbox.fileno(), self.timeout)
            except asyncio.CancelledError:
                task = loop.create_task(
                    self._settle(worker, self.timeout - (loop.time() - sent)))
                self._settling.add(task)
                task.add_done_callback(self._settling.discard)
                raise
            if not answered:
                self._replace_later(worker)
                return Outcome.error(
                    503, f"query timed out: it ran longer than this endpoint's limit of "
                         f"{self.timeout:g} s. Make it more selective or add a LIMIT.",
                    retry_after=retry)
            outcome = self._receive(worker)
            if outcome is not None:
                return outcome
            if attempt == 1 and await self._killed_from_outside(worker):
                log.warning("a query worker was killed while it ran a query; the query "
                            "runs once more on another")
                unsent = False
                continue
            unsent = False
            break
        if unsent:
            return Outcome.error(503, "the query worker stopped; try again", retry_after=1)
        return Outcome.error(400, "the query stopped its worker (probably by using more "
                                  "memory or CPU time than a query may); it was restarted")
