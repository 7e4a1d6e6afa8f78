"""Smaller stacks for the threads RocksDB starts while it opens the cached KB.

Opening a database (:func:`vngkb.kb.layers.open_kb`) makes RocksDB start up to 16
short-lived threads for each of Oxigraph's column families, about 180 in all, to open
its table files. Each thread gets glibc's default stack, the size of ``ulimit -s``
(usually 8 MiB), and glibc keeps at most 40 MiB of freed stacks for reuse, so most of
those threads map a new stack and unmap it again; every unmap in a process with threads
makes the kernel flush the TLB of each CPU. ``perf`` shows that this, not RocksDB's own
work, is most of the open: about half of the 10 ms of a cold ``vngkb ask``'s open.
With a default of 2 MiB (what Rust gives the threads it starts), the stacks of one
column family's threads fit in glibc's cache and the next ones reuse them.

The default is a process-wide setting of glibc (``pthread_setattr_default_np``), so it
is changed only while no other Python thread runs, and put back as soon as the database
is open. Where the C library has no such call (macOS, Windows), nothing changes.

>>> import pyoxigraph as ox, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     ox.Store(folder).flush()
...     with small_thread_stacks():
...         store = ox.Store.read_only(folder)
...     print(len(store))
...     del store  # closed before its folder goes
0
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from typing import Any

#: The stack size of the threads started inside :func:`small_thread_stacks` (bytes).
STACK_BYTES = 2 * 1024 * 1024
#: Room for a ``pthread_attr_t`` (56 bytes on x86-64, 64 on arm64).
_ATTR_BYTES = 128


def _pthread() -> Any | None:
    """The C library's thread functions, where it can change the default attributes."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # here: only this open needs it (2 ms to import)

        library = ctypes.CDLL(None)
        library.pthread_setattr_default_np  # noqa: B018 (present, or AttributeError)
        library.pthread_getattr_default_np  # noqa: B018
    except (ImportError, OSError, AttributeError):
        return None
    return library


@contextlib.contextmanager
def small_thread_stacks(stack_bytes: int = STACK_BYTES) -> Iterator[None]:
    """Threads started by native code inside this block get *stack_bytes* of stack
    (when no other Python thread runs and the C library allows it); the old default
    is back after it."""
    library = _pthread() if threading.active_count() == 1 else None
    if library is None:
        yield
        return
    import ctypes

    old = ctypes.create_string_buffer(_ATTR_BYTES)
    if library.pthread_getattr_default_np(old) != 0:
        yield
        return
    new = ctypes.create_string_buffer(_ATTR_BYTES)
    library.pthread_attr_init(new)
    changed = (library.pthread_attr_setstacksize(new, ctypes.c_size_t(stack_bytes)) == 0
               and library.pthread_setattr_default_np(new) == 0)
    try:
        yield
    finally:
        if changed:
            library.pthread_setattr_default_np(old)
        library.pthread_attr_destroy(new)
        library.pthread_attr_destroy(old)
