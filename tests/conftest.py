"""Shared fixtures: the source text (shipped in ``sources/``) and the embedded store
with the shipped KB."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from vngkb.core.paths import SOURCE_FILE
from vngkb.kb.layers import load_kb
from vngkb.query.store import EmbeddedStore
from vngkb.rdf import sourcetext

DATA = Path(__file__).parent / "data"

# The tests (and the CLI they start) cache computed layers in a folder of their own,
# never in the user's cache (see vngkb.kb.layers).
os.environ.setdefault("VNGKB_CACHE_DIR", tempfile.mkdtemp(prefix="vngkb-test-cache-"))
SOURCE = SOURCE_FILE


@pytest.fixture(autouse=True)
def dutch_by_default() -> Iterator[None]:
    """Every test starts in the default language: a test that chose English, or a CLI run
    with ``--lang en`` that ended early, must not change what the next test sees (the
    order differs between runs, e.g. under mutation testing)."""
    from vngkb import i18n

    i18n.set_lang(None)
    yield
    i18n.set_lang(None)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    """The letter's text, as shipped in ``sources/``."""
    return sourcetext.read_lines(SOURCE)


@pytest.fixture(scope="session")
def backend() -> EmbeddedStore:
    """The embedded store with the shipped KB (loaded once per session)."""
    return EmbeddedStore(load_kb())


#: The synthetic second letter for the tests (tests/data/brieven/.../README.md).
SYNTHETIC_LETTER = "synthetische-ledenbrief-2021"
SYNTHETIC_FOLDER = DATA / "brieven" / SYNTHETIC_LETTER


def copy_two_letters(root: Path) -> Path:
    """A KB folder *root* of two letters: a copy of the shipped kb/ and the synthetic
    2021 letter's folder (its KB files and its text, ``bron.txt``)."""
    import shutil

    from vngkb.core.paths import KB_DIR

    shutil.copytree(KB_DIR, root)
    letter = root / SYNTHETIC_LETTER
    letter.mkdir()
    for path in [*sorted((SYNTHETIC_FOLDER / "kb").glob("*.ttl")),
                 SYNTHETIC_FOLDER / "bron.txt"]:
        shutil.copy(path, letter / path.name)
    return root


@pytest.fixture(scope="session")
def two_letters_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The KB folder of the shipped letter and the synthetic 2021 letter."""
    return copy_two_letters(tmp_path_factory.mktemp("twee-brieven") / "kb")


@pytest.fixture(scope="session")
def two_letters(two_letters_kb: Path) -> EmbeddedStore:
    """The embedded store with the KB of two letters (:func:`two_letters_kb`)."""
    from vngkb.core.paths import kb_in_use

    with kb_in_use(two_letters_kb):
        return EmbeddedStore(load_kb())


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _oxigraph_binary() -> str:
    import shutil

    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server (PyPI package 'oxigraph', a dev dependency) is missing")
    return binary


@contextlib.contextmanager
def _running(command: list[str], query_url: str) -> Iterator[None]:
    """Run an Oxigraph server *command* until the block ends; wait until it answers."""
    import subprocess
    import time
    import urllib.request

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


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory,
                      backend: EmbeddedStore) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 holding the same data as the embedded store;
    yields its SPARQL query URL."""
    import subprocess

    import pyoxigraph as ox

    binary = _oxigraph_binary()
    workdir = tmp_path_factory.mktemp("oxigraph")
    dump = workdir / "kb.nq"
    backend.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    location = workdir / "db"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(dump)],
                   check=True, capture_output=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/query"
    with _running([binary, "serve-read-only", "--location", str(location),
                   "--bind", f"127.0.0.1:{port}"], url):
        yield url


@dataclass(frozen=True)
class OxigraphServer:
    """A running read-write Oxigraph server: its Graph Store Protocol and query URLs."""

    store: str
    query: str


@pytest.fixture
def oxigraph_store(tmp_path: Path) -> Iterator[OxigraphServer]:
    """An empty read-write Oxigraph server on 127.0.0.1 (one per test) whose queries see
    the union of its named graphs (``--union-default-graph``), for publishing into."""
    port = _free_port()
    urls = OxigraphServer(store=f"http://127.0.0.1:{port}/store",
                          query=f"http://127.0.0.1:{port}/query")
    with _running([_oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                   "--bind", f"127.0.0.1:{port}", "--union-default-graph"], urls.query):
        yield urls
