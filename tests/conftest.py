"""Shared fixtures: the source text (when the sibling ``shared/`` folder is there) and
the embedded store with the shipped KB."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from vngkb import sourcetext
from vngkb.kb import load_store
from vngkb.store import EmbeddedStore

DATA = Path(__file__).parent / "data"
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "sources" / sourcetext.SOURCE_NAME


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    """The letter's text; tests that need it skip where it is not available."""
    if not SOURCE.is_file():
        pytest.skip(f"source text {SOURCE} not found: the quote checks need "
                    "../shared/sources/ledenbrief-miljoenennota-2020.txt beside the repo")
    return sourcetext.read_lines(SOURCE)


@pytest.fixture(scope="session")
def backend() -> EmbeddedStore:
    """The embedded store with the shipped KB (loaded once per session)."""
    return EmbeddedStore(load_store())


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory,
                      backend: EmbeddedStore) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 holding the same data as the embedded store;
    yields its SPARQL query URL."""
    import shutil
    import subprocess
    import time
    import urllib.request

    import pyoxigraph as ox

    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server (PyPI package 'oxigraph', a dev dependency) is missing")
    workdir = tmp_path_factory.mktemp("oxigraph")
    dump = workdir / "kb.nq"
    backend.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    location = workdir / "db"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(dump)],
                   check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen([binary, "serve-read-only", "--location", str(location),
                               "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):  # up to 10 s for the server to listen
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
