"""Whether this process may fork, and how many cores it may use: for the code that
starts child processes (the query workers of :mod:`vngkb.sandbox.runner`, the letters'
shapes of :mod:`vngkb.validate.letterruns`)."""

from __future__ import annotations

import os


def can_fork() -> bool:
    """Whether a child may be a fork of this process: a fork copies no other thread,
    and another thread may hold a lock the child would need (such as RocksDB's after
    an ``open_kb`` in a notebook), so only while this process runs one thread (counting
    threads Python did not start)."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def cores() -> int:
    """The number of cores this process may run on (its CPU affinity where the system
    says it), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)
