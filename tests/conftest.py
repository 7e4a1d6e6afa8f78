"""Shared fixtures: the source text (shipped in ``sources/``) and the embedded store
with the shipped KB."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# pytest keeps each test module as rewritten for its asserts in __pycache__, unless
# PYTHONDONTWRITEBYTECODE is set: then every process of every run rewrites them all again
# (6 s of CPU per process at collection, of 9). The tests' own byte code is kept, set or not.
sys.dont_write_bytecode = False

# The shared helpers' asserts count as the test's checks (tests/asserting.py) only when
# pytest rewrites them: registered before anything imports them.
pytest.register_assert_rewrite("tests.answers", "tests.web", "tests.served", "tests.scripted",
                               "tests.sparql_oracle", "tests.oxigraph")

from tests import oxigraph  # noqa: E402
from tests.answers import Answer, answers_of  # noqa: E402
from tests.two_letters import copy_two_letters  # noqa: E402
from tests.web import free_port  # noqa: E402
from vngkb.core.paths import SOURCE_FILE  # noqa: E402
from vngkb.kb.layers import load_kb  # noqa: E402
from vngkb.query.store import EmbeddedStore  # noqa: E402
from vngkb.rdf import sourcetext  # noqa: E402

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


@pytest.fixture
def own_kb_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """``vngkb --kb DIR`` run in-process puts DIR in VNGKB_KB_DIR: put it back after the
    test."""
    from vngkb.core.paths import KB_VARIABLE

    monkeypatch.delenv(KB_VARIABLE, raising=False)


@pytest.fixture(scope="session")
def canned_answers(backend: EmbeddedStore) -> list[Answer]:
    """Every canned question, with its defaults and each allowed value, answered by the
    embedded store (once per session): what every other store must answer."""
    return answers_of(backend)


@contextlib.contextmanager
def _serving(workdir: Path, backend: EmbeddedStore) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 holding the data of *backend* (its files in
    *workdir*) while the block runs; yields its SPARQL query URL."""
    import subprocess

    import pyoxigraph as ox

    binary = oxigraph.binary()
    dump = workdir / "kb.nq"
    backend.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    location = workdir / "db"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(dump)],
                   check=True, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    with oxigraph.running([binary, "serve-read-only", "--location", str(location),
                           "--bind", f"127.0.0.1:{port}"], url):
        yield url


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory,
                      backend: EmbeddedStore) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 holding the same data as the embedded store;
    yields its SPARQL query URL."""
    with _serving(tmp_path_factory.mktemp("oxigraph"), backend) as url:
        yield url


@pytest.fixture(scope="session")
def oxigraph_two_letters_endpoint(tmp_path_factory: pytest.TempPathFactory,
                                  two_letters: EmbeddedStore) -> Iterator[str]:
    """A real Oxigraph server with the KB of two letters (:func:`two_letters`)."""
    with _serving(tmp_path_factory.mktemp("oxigraph-twee-brieven"), two_letters) as url:
        yield url


@pytest.fixture
def oxigraph_store(tmp_path: Path) -> Iterator[oxigraph.OxigraphServer]:
    """An empty read-write Oxigraph server on 127.0.0.1 (one per test) whose queries see
    the union of its named graphs (``--union-default-graph``), for publishing into."""
    port = free_port()
    urls = oxigraph.OxigraphServer(store=f"http://127.0.0.1:{port}/store",
                                   query=f"http://127.0.0.1:{port}/query")
    with oxigraph.running([oxigraph.binary(), "serve", "--location", str(tmp_path / "db"),
                           "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                          urls.query):
        yield urls
