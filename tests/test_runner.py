"""The one child-process runner of user queries (vngkb/sandbox/runner.py), shared by
``vngkb query`` and the endpoint's pool: how a worker starts, what it is bound by, how it
answers and ends. The callers' own behaviour is tested with them (the hostile suite,
tests/test_server.py)."""

from __future__ import annotations

import errno
import resource
import signal
import socket
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from vngkb.core.errors import InputError
from vngkb.sandbox import netlock, runner

DATA = b"<http://x/a> <http://x/p> <http://x/b> .\n<http://x/a> <http://x/p> <http://x/c> .\n"


class Probe:
    """An evaluator for these tests: a job names what to report from inside the worker."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def prepare(self) -> None:
        if self.fail:
            raise InputError("probe: refused to start\non two lines")

    def __call__(self, store: Any, job: str) -> Any:
        if job == "triples":
            return len(store)
        if job == "memory":
            return resource.getrlimit(resource.RLIMIT_AS)
        if job == "cpu":
            return resource.getrlimit(resource.RLIMIT_CPU)[0]
        if job == "network":
            try:
                socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
            except OSError as error:
                return error.errno
            return 0
        raise AssertionError(job)


@pytest.fixture(params=["fork", "spawn"])
def how(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _start(how: str, probe: Probe | None = None, **settings: Any) -> runner.Worker:
    return runner.start(runner.Settings(probe or Probe(), nquads=True, **settings),
                        data=DATA, fork=how == "fork")


@pytest.fixture()
def worker(how: str) -> Iterator[runner.Worker]:
    started = _start(how, network_lock=False, memory_limit=2**31, cpu_limit=30)
    try:
        yield started
    finally:
        started.kill()


def _ask(worker: runner.Worker, job: Any) -> Any:
    worker.send(job)
    assert worker.inbox.poll(60)
    return worker.inbox.recv()


def test_a_worker_says_ready_then_answers_each_job_on_its_data(worker: runner.Worker) -> None:
    assert worker.inbox.poll(60) and worker.inbox.recv() == runner.READY
    assert _ask(worker, "triples") == 2
    assert _ask(worker, "triples") == 2  # one worker, many jobs (the endpoint's pool)


def test_a_worker_runs_under_its_memory_and_cpu_bounds(worker: runner.Worker) -> None:
    assert worker.inbox.recv() == runner.READY
    assert _ask(worker, "memory") == (2**31, 2**31)
    # Set before each job: the CPU used so far plus the limit, rounded up.
    assert 30 <= _ask(worker, "cpu") <= 30 + 10


def test_a_job_of_none_ends_the_worker(worker: runner.Worker) -> None:
    assert worker.inbox.recv() == runner.READY
    worker.send(None)
    assert worker.process.wait(30) == 0


def test_a_closed_pipe_ends_the_worker(worker: runner.Worker) -> None:
    assert worker.inbox.recv() == runner.READY
    assert worker.reap(30) == 0


def test_a_worker_that_cannot_start_says_why_in_one_line(how: str) -> None:
    started = _start(how, Probe(fail=True), network_lock=False)
    try:
        assert started.inbox.poll(60)
        assert started.inbox.recv() == runner.StartFailure(
            "InputError", "probe: refused to start on two lines")
        assert started.process.wait(30) == 0
    finally:
        started.kill()


@pytest.mark.skipif(not netlock.supported(), reason="the network lock is Linux x86_64/aarch64")
def test_a_worker_is_locked_out_of_the_network_unless_told_otherwise(how: str) -> None:
    locked = _start(how)
    unlocked = _start(how, network_lock=False)
    try:
        assert locked.inbox.recv() == unlocked.inbox.recv() == runner.READY
        assert _ask(locked, "network") == errno.EACCES
        assert _ask(unlocked, "network") == 0
    finally:
        locked.kill()
        unlocked.kill()


def test_a_killed_worker_reports_the_signal(worker: runner.Worker) -> None:
    assert worker.inbox.recv() == runner.READY
    with pytest.raises(subprocess.TimeoutExpired):
        worker.process.wait(0.05)  # it waits for its next job
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(30) == -signal.SIGTERM
    assert worker.process.returncode == -signal.SIGTERM
    with pytest.raises(EOFError):
        worker.inbox.recv()


def test_every_worker_starts_from_the_one_command() -> None:
    assert runner._WORKER_COMMAND == (
        "from vngkb.sandbox.runner import worker_main; worker_main()")
