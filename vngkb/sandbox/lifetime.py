"""Bounds on the life of a process that runs queries: it ends when its parent ends,
and it may use only so much CPU time.

A child process that outlives its parent (killed with SIGKILL, say) runs on under
PID 1 with nobody left to stop it: a query child ran 16 minutes of CPU that way. On
Linux the kernel ends the child when its parent ends (``prctl(PR_SET_PDEATHSIG)``);
elsewhere a thread watches the parent's process id. The kernel's signal is sent when
the *thread* that started the child ends, not the process: a child must be started
from a thread that lives as long as the child may (the main thread, or one kept for
the purpose, as :class:`vngkb.server.pool.WorkerPool` does).

The CPU-time limit (``RLIMIT_CPU``) is the process's own: a query that keeps the CPU
busy is stopped by the kernel (``SIGXCPU``) even when the parent that should stop it
hangs or is stopped itself. The address-space limit (``RLIMIT_AS``) holds a query's
memory the same way. One module for every process that runs queries: the workers of
:mod:`vngkb.sandbox.runner`, the server's and ``vngkb query``'s.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
#: How often the watch thread (where the kernel cannot help) looks at the parent.
_WATCH_INTERVAL = 0.25


def die_with_parent(parent: int | None = None, signum: int = signal.SIGKILL) -> str:
    """From now on, end this process with *signum* when its parent ends; *parent* is the
    process id the parent had (when it may have ended already, this process ends at
    once). How it is done: ``"kernel"`` (Linux) or ``"watch"`` (a thread)."""
    how = "watch"
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong,
                                   ctypes.c_ulong, ctypes.c_ulong]
            if libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0:
                how = "kernel"
    expected = parent if parent is not None else os.getppid()
    if os.getppid() != expected:  # the parent ended before the signal was asked for
        _end(signum)
    if how == "watch":
        threading.Thread(target=_watch, args=(expected, signum), daemon=True,
                         name="vngkb-parent-watch").start()
    return how


def _watch(parent: int, signum: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_INTERVAL)
    _end(signum)


def _end(signum: int) -> None:
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)  # a signal this process ignores or handles: end anyway


def cpu_seconds_used() -> float:
    """CPU time (user and system) this process has used so far."""
    times = os.times()
    return times.user + times.system


def limit_cpu_time(seconds: float) -> bool:
    """Let this process use at most *seconds* more CPU time from now on (the kernel
    sends ``SIGXCPU``, which ends it, when over). Only the soft limit is set, so that
    the next call can move it on again (a worker sets it before each query); whether
    it could be set (not on Windows)."""
    try:
        import resource
    except ImportError:
        return False
    soft = math.ceil(cpu_seconds_used() + seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        return False
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU writes no core file
    return True


def limit_memory(size: int) -> bool:
    """At most *size* bytes of address space from now on (``RLIMIT_AS``); whether it
    could be set (not on Windows)."""
    try:
        import resource
    except ImportError:
        return False
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ValueError, OSError):
        return False
    return True
