"""An Oxigraph server (PyPI's ``oxigraph``, a dev dependency) on 127.0.0.1 for the
tests: the remote-endpoint and publish tests compare it with the embedded store."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class OxigraphServer:
    """A running read-write Oxigraph server: its Graph Store Protocol and query URLs."""

    store: str
    query: str


def binary() -> str:
    """The ``oxigraph`` command of the venv (or the PATH); fails the test without it."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server (PyPI package 'oxigraph', a dev dependency) is missing")
    return binary


@contextlib.contextmanager
def running(command: list[str], query_url: str) -> Iterator[None]:
    """Run an Oxigraph server *command* until the block ends; wait until it answers."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # up to 10 s for the server to listen
            try:
                urllib.request.urlopen(f"{query_url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph server did not start")
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)
