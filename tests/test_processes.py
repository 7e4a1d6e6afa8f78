"""Whether vngkb may fork, and on how many cores (vngkb.core.processes)."""

from __future__ import annotations

import os
import threading

import pytest

from vngkb.core import processes


@pytest.mark.skipif(not hasattr(os, "fork") or not os.path.isdir("/proc/self/task"),
                    reason="no fork, or no /proc to count threads")
def test_no_fork_while_another_thread_runs() -> None:
    alone = len(os.listdir("/proc/self/task")) == 1
    assert processes.can_fork() is alone
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert processes.can_fork() is False
    finally:
        stop.set()
        other.join()


def test_no_fork_without_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    assert processes.can_fork() is False


def test_cores_are_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    if hasattr(os, "sched_getaffinity"):
        assert processes.cores() == len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(), raising=False)
    assert processes.cores() == 1
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert processes.cores() == 3
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert processes.cores() == 1
