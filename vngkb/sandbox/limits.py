"""Bounds a query process puts on itself: it dies with its parent, and it has a limit
of CPU time and of address space that hold whoever watches it.

``die_with_parent`` asks Linux to kill the process when its parent ends
(``PR_SET_PDEATHSIG``), then checks that the parent is still the one it was started by:
a parent that died before the request was made would otherwise never be noticed (the
process then belongs to init, or a subreaper). Elsewhere it does nothing: the parent's
own time limit is then the only one, besides the CPU limit.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
#: CPU seconds a query process may use beyond its time limit before the kernel stops it
#: (the parent, which kills it at the time limit, normally comes first).
CPU_MARGIN = 1.0


def die_with_parent(parent: int) -> None:
    """Have this process killed (SIGKILL) when its parent ends; exit at once when the
    parent is no longer *parent* (it ended before this could be asked)."""
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                               ctypes.c_ulong]
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def limit_cpu(seconds: float) -> None:
    """At most *seconds* (rounded up) plus :data:`CPU_MARGIN` of CPU time from now on:
    then SIGXCPU, and SIGKILL a second later. No core file is written."""
    if sys.platform == "win32":
        return
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    soft = math.ceil(spent + seconds + CPU_MARGIN)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))


def limit_memory(size: int) -> None:
    """At most *size* bytes of address space from now on (``RLIMIT_AS``)."""
    if sys.platform == "win32":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
