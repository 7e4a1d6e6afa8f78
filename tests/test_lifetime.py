"""The bounds a query process puts on itself (vngkb.sandbox.lifetime): it dies with its
parent, even one that ended before it asked; it stops at its CPU-time and memory limits.
(The server's workers under a real serve: tests/hostile/test_serve_hostile.py.)"""

from __future__ import annotations

import math
import signal
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux process limits")


def test_a_process_whose_parent_is_already_gone_exits() -> None:
    """The check right after the request: a parent that is not the expected one."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import os
        from vngkb.sandbox.lifetime import die_with_parent
        die_with_parent(os.getppid() + 1_000_000)
        print("still here")
    """)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (-signal.SIGKILL, "")


def test_a_process_with_its_parent_goes_on() -> None:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import os
        from vngkb.sandbox.lifetime import die_with_parent
        print(die_with_parent(os.getppid()))
        print("still here")
    """)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "kernel\nstill here\n")


def test_the_cpu_limit_stops_a_busy_process() -> None:
    """0.5 s more CPU than the process has used (rounded up to the next whole second, the
    kernel's unit) and the kernel stops it, without a core file."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import resource
        from vngkb.sandbox.lifetime import cpu_seconds_used, limit_cpu_time
        before = cpu_seconds_used()
        limit_cpu_time(0.5)
        print(before, cpu_seconds_used(), *resource.getrlimit(resource.RLIMIT_CPU),
              *resource.getrlimit(resource.RLIMIT_CORE), flush=True)
        while True:
            pass
    """)], capture_output=True, text=True, timeout=120)
    assert done.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
    before, after, *limits = done.stdout.split()
    soft, _hard, core_soft, core_hard = (int(n) for n in limits)
    assert math.ceil(float(before) + 0.5) <= soft <= math.ceil(float(after) + 0.5)
    assert (core_soft, core_hard) == (0, 0)


def test_the_memory_limit() -> None:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        from vngkb.sandbox.lifetime import limit_memory
        limit_memory(2 * 1024**3)
        try:
            bytearray(3 * 1024**3)
        except MemoryError:
            print("refused")
    """)], capture_output=True, text=True, timeout=60)
    assert done.stdout == "refused\n"
