"""Hostile peers of a real ``vngkb serve`` on 127.0.0.1 (vngkb.server.connections,
vngkb.server.pool, vngkb.sandbox.lifetime): heads over every bound get 414/431 and a
closed connection, a request with two ways to read its body's length gets 400 and
nothing after it is answered, a killed query worker costs no request a 503, and no
query worker outlives the process that started it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.served import Served, alive, children_of, gone, serving
from tests.web import SLOW_QUERY, fetch
from vngkb.query.store import EmbeddedStore
from vngkb.sandbox import lifetime
from vngkb.server.connections import HeadLimits
from vngkb.server.pool import HOLD_MARK, Job, WorkerPool

pytestmark = [
    pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)"),
    # One process runs this module's tests under pytest-xdist: `vngkb serve` starts once.
    pytest.mark.xdist_group("serve-hostile"),
]

LIMITS = HeadLimits()  # vngkb serve's defaults
PAGE = "/maatregelen"


@dataclass
class Exchange:
    """What came back on one connection: every status line, the first answer's
    headers and body, and whether the server closed the connection after it."""

    statuses: list[int]
    headers: dict[str, str]
    body: bytes
    closed: bool


def exchange(port: int, raw: bytes, *, read_for: float = 30.0) -> Exchange:
    """Send *raw* on a new connection and read until the server closes it (or
    *read_for* seconds pass without a byte)."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_for) as client:
        client.sendall(raw)
        received, closed = b"", False
        try:
            while chunk := client.recv(65536):
                received += chunk
            closed = True
        except TimeoutError:
            pass
    statuses: list[int] = []
    answers: list[tuple[dict[str, str], bytes]] = []
    rest = received
    while rest:  # one answer after another, each as long as its Content-Length says
        head, _, rest = rest.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        assert status_line.startswith("HTTP/1.1 "), received[:300]
        headers = {name.strip().lower(): value.strip()
                   for name, _, value in (line.partition(":") for line in lines)}
        length = int(headers["content-length"])
        statuses.append(int(status_line.split()[1]))
        answers.append((headers, rest[:length]))
        rest = rest[length:]
    headers, body = answers[0] if answers else ({}, b"")
    return Exchange(statuses, headers, body, closed)


def request(target: str = PAGE, headers: list[tuple[str, str]] | None = None,
            *, method: str = "GET", body: bytes = b"", end: bool = True) -> bytes:
    """A request with *headers* after ``Host`` (and ``Connection: close``)."""
    lines = [f"{method} {target} HTTP/1.1", "Host: x"]
    lines += [f"{name}: {value}" for name, value in headers or []]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + ("\r\n\r\n" if end else "\r\n")).encode("latin-1") + body


def target_of(length: int) -> str:
    """A request target of exactly *length* bytes that the server answers with 200."""
    return PAGE + "?x=" + "a" * (length - len(PAGE) - 3)


def head_of(length: int, header_bound: int = LIMITS.header) -> bytes:
    """A complete GET head of exactly *length* bytes in four headers, each within
    *header_bound*."""
    bare = len(request(headers=[("X-A", ""), ("X-B", "")]))
    pad = length - bare
    first = min(pad, header_bound - 3)
    made = request(headers=[("X-A", "a" * first), ("X-B", "b" * (pad - first))])
    assert len(made) == length and pad - first <= header_bound - 3
    return made


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with serving("--workers", "1") as running:
        yield running


# --- header bounds ----------------------------------------------------------------------

HEAD_CASES = [
    ("target at the bound", request(target_of(LIMITS.request_line)), 200),
    ("target one byte over", request(target_of(LIMITS.request_line + 1)), 414),
    ("target of 1 MB", request(target_of(1 << 20)), 414),
    ("request line of 16 MB, never ended", b"GET /" + b"a" * (16 << 20), 414),
    ("header at the bound", request(headers=[("X-Pad", "a" * (LIMITS.header - 5))]), 200),
    ("header one byte over", request(headers=[("X-Pad", "a" * (LIMITS.header - 4))]), 431),
    ("header name over the bound", request(headers=[("X" * (LIMITS.header + 1), "a")]), 431),
    ("header of 16 MB, never ended", request(end=False) + b"X-Pad: " + b"a" * (16 << 20),
     431),
    ("100 headers", request(headers=[(f"X-{i}", "a") for i in range(LIMITS.headers - 2)]),
     200),
    ("101 headers", request(headers=[(f"X-{i}", "a") for i in range(LIMITS.headers - 1)]),
     431),
    ("10,000 headers of 8 bytes", request(headers=[("X", "a")] * 10_000), 431),
    ("16 MB of short header lines, never ended",
     request(end=False) + b"X-Pad: a\r\n" * ((16 << 20) // 10), 431),
    ("head at the bound", head_of(LIMITS.head), 200),
    ("head one byte over", head_of(LIMITS.head + 1), 431),
    ("NUL in a header value", request(headers=[("X-Pad", "a\x00b")]), 400),
    ("line folding", request(end=False) + b"X-Pad: a\r\n b\r\n\r\n", 400),
    ("space before the colon", request(headers=[("Content-Length ", "0")]), 400),
    ("bare LF line ends", b"GET / HTTP/1.1\nHost: x\n\n", 400),
]


@pytest.mark.parametrize(("raw", "status"), [case[1:] for case in HEAD_CASES],
                         ids=[case[0] for case in HEAD_CASES])
def test_head_bounds(served: Served, raw: bytes, status: int) -> None:
    answer = exchange(served.port, raw)
    assert answer.statuses[:1] == [status], answer
    assert answer.closed  # refused or not, the connection ends (Connection: close)
    if status != 200:
        assert answer.statuses == [status]
        assert answer.headers["connection"] == "close"
        assert b"\n" not in answer.body.rstrip(b"\n") and b"Traceback" not in answer.body
    assert fetch(served.url + PAGE).status == 200  # and it serves on


def test_the_bounds_are_options() -> None:
    with serving("--workers", "1", "--max-request-line", "100", "--max-header", "100",
                 "--max-headers", "4", "--max-head", "200") as small:
        cases = [(request(target_of(100)), 200), (request(target_of(101)), 414),
                 (request(headers=[("X-Pad", "a" * 95)]), 200),
                 (request(headers=[("X-Pad", "a" * 96)]), 431),
                 (request(headers=[("X-1", "a"), ("X-2", "a")]), 200),
                 (request(headers=[("X-1", "a"), ("X-2", "a"), ("X-3", "a")]), 431),
                 (head_of(200, 100), 200), (head_of(201, 100), 431)]
        statuses = [exchange(small.port, raw).statuses[:1] for raw, _ in cases]
    assert statuses == [[status] for _, status in cases]


# --- one way to read a body's length ---------------------------------------------------

ASK = b"ASK {}"
CHUNKED = b"6\r\nASK {}\r\n0\r\n\r\n"
SMUGGLED = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"


def post(headers: list[tuple[str, str]], body: bytes) -> bytes:
    return request("/sparql", [("Content-Type", "application/sparql-query"), *headers],
                   method="POST", body=body) + SMUGGLED


FRAMING_CASES = [
    ("TE identity then chunked", post([("Transfer-Encoding", "identity"),
                                       ("Transfer-Encoding", "chunked")], CHUNKED), 400),
    ("TE chunked then identity", post([("Transfer-Encoding", "chunked"),
                                       ("Transfer-Encoding", "identity")], CHUNKED), 400),
    ("TE chunked twice", post([("Transfer-Encoding", "chunked")] * 2, CHUNKED), 400),
    ("TE twice, names in other cases", post([("transfer-encoding", "chunked"),
                                             ("TRANSFER-ENCODING", "chunked")], CHUNKED), 400),
    ("CL twice, the same", post([("Content-Length", "6")] * 2, ASK), 400),
    ("CL twice, different", post([("Content-Length", "6"), ("Content-Length", "60")], ASK),
     400),
    ("CL then TE", post([("Content-Length", "6"), ("Transfer-Encoding", "chunked")],
                        CHUNKED), 400),
    ("TE then CL", post([("Transfer-Encoding", "chunked"), ("Content-Length", "6")],
                        CHUNKED), 400),
    ("CL as a list", post([("Content-Length", "6, 6")], ASK), 400),
    ("CL with a sign", post([("Content-Length", "+6")], ASK), 400),
    ("TE identity, chunked in one header", post([("Transfer-Encoding", "identity, chunked")],
                                                CHUNKED), 501),
    ("TE gzip", post([("Transfer-Encoding", "gzip")], ASK), 501),
    ("TE chunked, gzip", post([("Transfer-Encoding", "chunked, gzip")], CHUNKED), 400),
]


@pytest.mark.parametrize(("raw", "status"), [case[1:] for case in FRAMING_CASES],
                         ids=[case[0] for case in FRAMING_CASES])
def test_two_body_lengths_are_refused_and_nothing_after_is_answered(
        served: Served, raw: bytes, status: int) -> None:
    answer = exchange(served.port, raw)
    assert answer.statuses == [status], answer  # the smuggled request got no answer
    assert answer.closed and answer.headers["connection"] == "close"
    assert fetch(served.url + PAGE).status == 200


@pytest.mark.parametrize(("headers", "body"), [
    ([("Transfer-Encoding", "chunked")], CHUNKED),
    ([("Transfer-Encoding", " Chunked ")], CHUNKED),
    ([("Content-Length", "6")], ASK),
])
def test_one_body_length_is_read(served: Served, headers: list[tuple[str, str]],
                                 body: bytes) -> None:
    """The same requests with one length are answered (the refusals above are not a
    refusal of every POST); the second request after them is a request of its own."""
    raw = request("/sparql", [("Content-Type", "application/sparql-query"),
                              ("Connection", "keep-alive"), *headers], method="POST",
                  body=body).replace(b"Connection: close\r\n", b"") + \
        request(PAGE)
    answer = exchange(served.port, raw)
    assert answer.statuses == [200, 200] and b'"boolean":true' in answer.body


# --- killed query workers ---------------------------------------------------------------

@pytest.fixture
def two_processes() -> Iterator[Served]:
    with serving("--processes", "2", "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def two_processes_kept() -> Iterator[Served]:
    """A serve of two HTTP processes for the tests that kill its workers: each waits
    until both are replaced, so the next finds it as it started, with two workers."""
    with serving("--processes", "2", "--workers", "2") as running:
        yield running


def queries(served: Served, count: int) -> list[int]:
    """Statuses of *count* queries, each on a connection of its own (so both HTTP
    processes get some), each a new text (so no answer comes from the cache)."""
    return [fetch(served.url + "/sparql?" + urllib.parse.urlencode(
        {"query": f"ASK {{ ?s ?p ?o }} # {time.monotonic_ns()} {i}"}), timeout=120).status
            for i in range(count)]


@pytest.mark.parametrize(("signum", "how_many"), [
    (signal.SIGKILL, 1), (signal.SIGTERM, 1), (signal.SIGKILL, 2), (signal.SIGSEGV, 1)])
def test_a_killed_worker_costs_no_request_a_503(two_processes_kept: Served, signum: int,
                                                how_many: int) -> None:
    two_processes = two_processes_kept
    workers = two_processes.workers()
    assert len(workers) == 2
    for worker in workers[:how_many]:
        os.kill(worker, signum)
    assert gone(set(workers[:how_many]), 10)
    assert queries(two_processes, 8) == [200] * 8
    # Replaced whether or not a query came to its HTTP process (the kernel may have
    # given every connection to the other one).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replaced = two_processes.workers()
        if len(replaced) == 2 and not set(replaced) & set(workers[:how_many]):
            break
        time.sleep(0.1)
    assert len(replaced) == 2 and not set(replaced) & set(workers[:how_many])


@pytest.fixture(scope="module")
def data(backend: EmbeddedStore) -> bytes:
    return backend.store.dump(format=ox.RdfFormat.N_QUADS) or b""


@pytest.mark.parametrize(("signum", "status"), [
    (signal.SIGKILL, 200), (signal.SIGTERM, 200), (signal.SIGHUP, 200),
    (signal.SIGABRT, 400), (signal.SIGSEGV, 400), (signal.SIGXCPU, 400)])
def test_a_worker_killed_while_it_runs_a_query(data: bytes, tmp_path: Path, signum: int,
                                               status: int) -> None:
    """Killed from outside: the query runs once more on another worker (and is
    answered); ended by a crash or its CPU limit (the query's own doing): 400."""
    release = tmp_path / "release"
    pool = WorkerPool(data, size=1, timeout=60.0, hold=release)
    pool.start()
    try:
        (worker,) = pool._workers

        async def scenario() -> int:
            running = asyncio.ensure_future(pool.run(Job(HOLD_MARK + "ASK {}", "json", 10)))
            await asyncio.sleep(0.5)  # the worker holds the query
            worker.process.send_signal(signum)
            await asyncio.to_thread(worker.process.wait, 30)
            release.touch()
            return (await running).status

        assert asyncio.run(scenario()) == status
        assert worker.process.returncode == -signum
    finally:
        pool.close()


def test_a_query_over_its_cpu_limit_ends_its_worker(data: bytes) -> None:
    pool = WorkerPool(data, size=1, timeout=300.0, cpu_limit=0.5)
    pool.start()
    try:
        (worker,) = pool._workers
        outcome = asyncio.run(pool.run(Job(SLOW_QUERY, "json", 10)))
        assert (outcome.status, worker.process.returncode) == (400, -signal.SIGXCPU)
        assert b"CPU time" in outcome.body
    finally:
        pool.close()


def cpu_limit_of(pid: int) -> str:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max cpu time"):
            return line.split()[3]  # the soft limit
    raise AssertionError(f"no cpu limit line for {pid}")


def test_workers_of_vngkb_serve_carry_a_cpu_limit(served: Served) -> None:
    assert queries(served, 1) == [200]  # a query sets its worker's limit
    (worker,) = served.workers()
    soft = cpu_limit_of(worker)
    assert soft != "unlimited"
    used = sum(int(f) for f in Path(f"/proc/{worker}/stat").read_text()
               .rpartition(")")[2].split()[11:13]) / 100  # utime + stime, in ticks
    assert used < int(soft) <= used + 10 + 2 + 1  # --timeout 10, CPU_MARGIN, rounding


# --- a killed parent --------------------------------------------------------------------

def kill_and_time(parent: subprocess.Popen[bytes], watched: dict[int, int]) -> dict[int, float]:
    """SIGKILL *parent*; how many seconds each process of *watched* (process id: its
    parent's) lived on after its parent ended."""
    assert watched and all(alive(pid) for pid in watched)
    parent.kill()
    parent.wait(30)
    ended = {parent.pid: time.monotonic()}
    deadline = time.monotonic() + 30
    while len(ended) <= len(watched) and time.monotonic() < deadline:
        for pid in watched:
            if pid not in ended and not alive(pid):
                ended[pid] = time.monotonic()
        time.sleep(0.01)
    assert set(watched) <= set(ended), f"still running: {set(watched) - set(ended)}"
    return {pid: ended[pid] - ended[watched[pid]] for pid in watched}


def slow_query_in_background(served: Served) -> threading.Thread:
    def send() -> None:
        with contextlib.suppress(OSError):  # the server is killed under it: the test
            fetch(served.url + "/sparql?" + urllib.parse.urlencode({"query": SLOW_QUERY}),
                  timeout=120)

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


def busy(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "R"


@pytest.mark.parametrize(("options", "query_running"), [
    (("--workers", "2"), False),
    (("--workers", "1", "--timeout", "100"), True),
    (("--processes", "2", "--workers", "2"), False),
], ids=["idle workers", "a worker running a query", "two HTTP processes"])
def test_no_worker_outlives_vngkb_serve(options: tuple[str, ...], query_running: bool) -> None:
    workers_each = 2 if options == ("--workers", "2") else 1
    with serving(*options, workers_each=workers_each) as running:
        watched = {child: http for http in running.http_processes()
                   for child in children_of(http)}
        watched.update({http: running.process.pid for http in running.http_processes()
                        if http != running.process.pid})
        if query_running:
            slow_query_in_background(running)
            (worker,) = running.workers()
            deadline = time.monotonic() + 60
            while not busy(worker) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert busy(worker)
        workers = set(running.workers())
        lags = kill_and_time(running.process, watched)
    print(f"\nafter vngkb serve {' '.join(options)} was killed, its processes ended "
          f"{max(lags.values()):.3f} s after their parents at most")
    # The bound: no query process outlives its parent by more than a second (an
    # HTTP process of --processes stops gracefully: it only has to end).
    assert workers and max(lags[pid] for pid in workers) <= 1.0


def test_a_killed_http_process_takes_its_worker_along(two_processes: Served) -> None:
    http = two_processes.http_processes()[0]
    (worker,) = children_of(http)
    os.kill(http, signal.SIGKILL)
    assert gone({http}, 30)
    started = time.monotonic()
    assert gone({worker}, 30)
    assert time.monotonic() - started <= 1.0


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_die_with_parent_in_a_child_of_a_thread_that_lives_on(signum: int) -> None:
    """The kernel's signal follows the thread that started the child: a child asking
    for it, started from a thread that has ended, would be killed at once. Here the
    child is started from this (living) thread, and ends only with its parent."""
    code = ("import sys, time; from vngkb.sandbox.lifetime import die_with_parent; "
            f"print(die_with_parent(int(sys.argv[1]), {int(signum)}), flush=True); "
            "time.sleep(120)")
    parent = subprocess.Popen(
        [sys.executable, "-c", "import subprocess, sys, time; "
         "child = subprocess.Popen([sys.executable, '-c', sys.argv[1], str(__import__('os')"
         ".getpid())], stdout=subprocess.PIPE); print(child.pid, flush=True); "
         "print(child.stdout.readline().decode().strip(), flush=True); time.sleep(120)",
         code], stdout=subprocess.PIPE)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    how = parent.stdout.readline().decode().strip()
    assert how == "kernel" and alive(child)
    time.sleep(0.3)
    assert alive(child)  # still there while its parent is
    assert kill_and_time(parent, {child: parent.pid})[child] <= 1.0


def test_limit_cpu_time_moves_the_soft_limit_only() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_CPU)
    try:
        assert lifetime.limit_cpu_time(30)
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        used = lifetime.cpu_seconds_used()
        assert used + 29 <= soft <= used + 31 and hard == before[1]
        assert lifetime.limit_cpu_time(60)  # moved on again: the hard limit allows it
        assert resource.getrlimit(resource.RLIMIT_CPU)[0] >= used + 59
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, before)
