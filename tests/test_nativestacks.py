"""vngkb.kb.nativestacks: the default thread stack is smaller inside the block only, and
only when no other Python thread runs."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from vngkb.kb import nativestacks

SCRIPT = Path(__file__).parent / "data" / "thread_stacks.py"
MIB = 1024 * 1024

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the default thread attributes are glibc's")


def _report(*args: str) -> dict[str, int]:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, check=True, timeout=60)
    report: dict[str, int] = json.loads(done.stdout)
    return report


@linux_only
def test_threads_started_inside_get_the_small_stack_and_the_old_default_comes_back(
        ) -> None:
    report = _report()
    assert report["before"] != MIB  # else the test could not tell
    assert report["inside"] == MIB
    assert report["thread_inside"] == MIB
    assert report["after"] == report["before"]
    assert report["thread_after"] == report["thread_before"]


@linux_only
def test_nothing_changes_while_another_python_thread_runs() -> None:
    report = _report("another-thread")
    assert report["inside"] == report["before"] != MIB
    assert report["thread_inside"] == report["thread_before"]


def test_no_c_library_to_ask_outside_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert nativestacks._pthread() is None


class _Library:
    """The five calls, recorded; the default attributes can be read or not."""

    def __init__(self, readable: bool) -> None:
        self.readable = readable
        self.calls: list[object] = []

    def pthread_getattr_default_np(self, _attr: object) -> int:
        self.calls.append("get default")
        return 0 if self.readable else 22  # EINVAL

    def pthread_attr_init(self, _attr: object) -> int:
        self.calls.append("init")
        return 0

    def pthread_attr_setstacksize(self, _attr: object, size: Any) -> int:
        self.calls.append(("stack size", size.value))
        return 0

    def pthread_setattr_default_np(self, _attr: object) -> int:
        self.calls.append("set default")
        return 0

    def pthread_attr_destroy(self, _attr: object) -> int:
        self.calls.append("destroy")
        return 0


@pytest.mark.parametrize(("readable", "fails", "calls"), [
    (True, False, ["get default", "init", ("stack size", MIB), "set default", "body",
                   "set default", "destroy", "destroy"]),
    # The old default is put back when the block fails, too.
    (True, True, ["get default", "init", ("stack size", MIB), "set default", "body",
                  "set default", "destroy", "destroy"]),
    # A default that cannot be read is never changed (it could not be put back).
    (False, False, ["get default", "body"]),
])
def test_the_default_is_set_and_put_back(readable: bool, fails: bool, calls: list[object],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    library = _Library(readable)
    monkeypatch.setattr(nativestacks, "_pthread", lambda: library)
    # Other tests may leave threads behind; this one is about the calls alone.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    with contextlib.suppress(RuntimeError), nativestacks.small_thread_stacks(MIB):
        library.calls.append("body")
        if fails:
            raise RuntimeError("the open failed")
    assert library.calls == calls


@pytest.mark.parametrize(("threads", "calls"), [
    (1, ["get default", "init", ("stack size", MIB), "set default", "body", "set default",
         "destroy", "destroy"]),
    (2, ["body"]),
])
def test_the_default_is_left_alone_while_another_thread_runs(
        threads: int, calls: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    library = _Library(readable=True)
    monkeypatch.setattr(nativestacks, "_pthread", lambda: library)
    monkeypatch.setattr(threading, "active_count", lambda: threads)
    with nativestacks.small_thread_stacks(MIB):
        library.calls.append("body")
    assert library.calls == calls
