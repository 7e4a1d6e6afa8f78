"""Take the network away from the current process, at operating-system level.

The processes that evaluate user queries (the server's query workers, the child
process of ``vngkb query``) call :func:`lock_network` before they load any data. From
then on the kernel refuses every ``socket()`` call except for local (``AF_UNIX``)
sockets, with ``EACCES``, so the SPARQL engine cannot open a connection to any host,
whatever the query says and whatever the parser in front of it missed.

Why seccomp-BPF: it needs no privileges (only ``PR_SET_NO_NEW_PRIVS``, which any
process may set for itself), works in containers without user namespaces, cannot be
undone by the process, is inherited by its threads and children, and costs nothing
per query. Unsharing the network namespace would need root or unprivileged user
namespaces, which many hosts and container runtimes switch off. The filter:

- refuses any system call made under a foreign architecture or ABI (x32 on x86_64),
  so a call cannot slip past under another number;
- refuses ``socket()`` unless its domain is ``AF_UNIX``;
- refuses ``io_uring_setup()``, since io_uring can open sockets without ``socket()``.

Pipes and files stay usable. The lock is Linux-only, for x86_64 and aarch64 (whose
system call numbers it knows). Anywhere else :func:`lock_network` raises
:class:`~vngkb.core.errors.NetworkLockError`: the caller refuses to run queries (fail
closed) unless the environment variable ``VNGKB_ALLOW_UNLOCKED_NETWORK=1`` says to
run without the lock, relying on the query check alone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import socket
import struct
import sys

from vngkb.core.errors import NetworkLockError

#: Environment variable that allows running queries where the lock is unavailable.
ALLOW_UNLOCKED = "VNGKB_ALLOW_UNLOCKED_NETWORK"

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

# BPF instruction classes and modes (linux/filter.h, linux/bpf_common.h).
_BPF_LD_W_ABS = 0x00 | 0x00 | 0x20
_BPF_JMP_JEQ_K = 0x05 | 0x10 | 0x00
_BPF_JMP_JGE_K = 0x05 | 0x30 | 0x00
_BPF_RET_K = 0x06 | 0x00

_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000

# Offsets in struct seccomp_data: nr (int), arch (u32), instruction_pointer (u64),
# args[6] (u64); the low 32 bits of args[0] on a little-endian machine.
_OFFSET_NR = 0
_OFFSET_ARCH = 4
_OFFSET_ARG0 = 16

#: Machine name → (audit architecture, socket, io_uring_setup, lowest foreign number).
_ARCHES: dict[str, tuple[int, int, int, int | None]] = {
    "x86_64": (0xC000003E, 41, 425, 0x40000000),  # x32 system calls have bit 30 set
    "aarch64": (0xC00000B7, 198, 425, None),
}


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte),
                ("k", ctypes.c_uint)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _program(arch: int, nr_socket: int, nr_io_uring: int,
             foreign: int | None) -> list[tuple[int, int, int, int]]:
    """The BPF program as (code, jump-if-true, jump-if-false, k) instructions."""
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    prog = [
        (_BPF_LD_W_ABS, 0, 0, _OFFSET_ARCH),
        (_BPF_JMP_JEQ_K, 1, 0, arch),  # our architecture: go on
        (_BPF_RET_K, 0, 0, deny),
        (_BPF_LD_W_ABS, 0, 0, _OFFSET_NR),
    ]
    if foreign is not None:
        prog += [(_BPF_JMP_JGE_K, 0, 1, foreign), (_BPF_RET_K, 0, 0, deny)]
    prog += [
        (_BPF_JMP_JEQ_K, 0, 1, nr_io_uring),
        (_BPF_RET_K, 0, 0, deny),
        (_BPF_JMP_JEQ_K, 0, 3, nr_socket),
        (_BPF_LD_W_ABS, 0, 0, _OFFSET_ARG0),
        (_BPF_JMP_JEQ_K, 1, 0, socket.AF_UNIX),
        (_BPF_RET_K, 0, 0, deny),
        (_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
    ]
    return prog


def supported() -> bool:
    """Whether this machine can have the lock (Linux on x86_64 or aarch64)."""
    return sys.platform == "linux" and platform.machine() in _ARCHES \
        and struct.pack("=I", 1) == struct.pack("<I", 1)


def lock_network() -> None:
    """From now on, this process (and its threads and children) cannot open network
    sockets; raises :class:`NetworkLockError` when the lock cannot be installed."""
    if not supported():
        raise NetworkLockError(
            f"no network lock for query processes on {sys.platform}/{platform.machine()}; "
            f"set {ALLOW_UNLOCKED}=1 to run queries without it")
    arch, nr_socket, nr_io_uring, foreign = _ARCHES[platform.machine()]
    instructions = _program(arch, nr_socket, nr_io_uring, foreign)
    filters = (_SockFilter * len(instructions))(*[_SockFilter(*i) for i in instructions])
    program = _SockFprog(len(instructions), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                           ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise NetworkLockError(f"cannot lock the network: prctl(NO_NEW_PRIVS): "
                               f"{os.strerror(ctypes.get_errno())}")
    pointer = ctypes.cast(ctypes.pointer(program), ctypes.c_void_p).value or 0
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, pointer, 0, 0) != 0:
        raise NetworkLockError(f"cannot lock the network: seccomp filter refused: "
                               f"{os.strerror(ctypes.get_errno())}")


def lock_or_allowed() -> bool:
    """:func:`lock_network`, or False when it is unavailable and the environment allows
    running without it; raises :class:`NetworkLockError` otherwise."""
    try:
        lock_network()
        return True
    except NetworkLockError:
        if os.environ.get(ALLOW_UNLOCKED) == "1":
            return False
        raise
