"""A real ``vngkb serve`` on 127.0.0.1, started as a subprocess, and what tests look at
in it: its processes (the HTTP processes and their query workers) from ``/proc``."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tests.web import fetch, free_port

VNGKB = str(Path(sys.executable).parent / "vngkb")


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def gone(pids: set[int], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.02)
    return False


class Served:
    """A running ``vngkb serve``: its process, address and port."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, port: int,
                 processes: int) -> None:
        self.process, self.url, self.port = process, url, port
        self.processes = processes

    def http_processes(self) -> list[int]:
        """The processes that answer HTTP (the serve process itself when only one)."""
        if self.processes == 1:
            return [self.process.pid]
        return children_of(self.process.pid)

    def workers(self) -> list[int]:
        """The query workers of every HTTP process."""
        return sorted(w for http in self.http_processes() for w in children_of(http))

    def family(self) -> set[int]:
        """The parent, its HTTP processes and their workers."""
        return {self.process.pid, *self.http_processes(), *self.workers()}


@contextlib.contextmanager
def serving(*options: str, workers_each: int = 1) -> Iterator[Served]:
    """``vngkb serve`` with *options*, once it answers a query and every HTTP process
    has its *workers_each* query workers running; killed after."""
    processes = int(options[options.index("--processes") + 1]) if "--processes" in options \
        else 1
    port = free_port()
    process = subprocess.Popen([VNGKB, "serve", "--port", str(port), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    served = Served(process, f"http://127.0.0.1:{port}", port, processes)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, "vngkb serve ended while starting"
            assert time.monotonic() < deadline, "vngkb serve did not start"
            try:
                if fetch(f"{served.url}/sparql?query=ASK%7B%7D", timeout=5).status == 200 \
                        and len(served.http_processes()) == processes \
                        and all(len(children_of(http)) == workers_each
                                for http in served.http_processes()):
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
