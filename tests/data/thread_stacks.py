"""Run by tests/test_nativestacks.py in a fresh interpreter (one thread, default stack):
prints the default stack size before, inside and after small_thread_stacks(), and the
stack a thread started inside the block really got, as JSON."""

from __future__ import annotations

import ctypes
import json
import sys
import threading

from vngkb.kb.nativestacks import small_thread_stacks

libc = ctypes.CDLL(None)
libc.pthread_self.restype = ctypes.c_ulong


def default_stack() -> int:
    attr = ctypes.create_string_buffer(128)
    assert libc.pthread_getattr_default_np(attr) == 0
    size = ctypes.c_size_t()
    libc.pthread_attr_getstacksize(attr, ctypes.byref(size))
    libc.pthread_attr_destroy(attr)
    return size.value


def own_stack() -> int:
    attr = ctypes.create_string_buffer(128)
    assert libc.pthread_getattr_np(ctypes.c_ulong(libc.pthread_self()), attr) == 0
    size = ctypes.c_size_t()
    libc.pthread_attr_getstacksize(attr, ctypes.byref(size))
    libc.pthread_attr_destroy(attr)
    return size.value


def thread_stack() -> int:
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(own_stack()))
    thread.start()
    thread.join()
    return found[0]


other = threading.Event()
if sys.argv[1:] == ["another-thread"]:
    threading.Thread(target=other.wait).start()
report = {"before": default_stack(), "thread_before": thread_stack()}
with small_thread_stacks(1024 * 1024):
    report["inside"] = default_stack()
    report["thread_inside"] = thread_stack()
report["after"] = default_stack()
report["thread_after"] = thread_stack()
other.set()
print(json.dumps(report))
