"""Load the knowledge base (ontology/ and kb/ Turtle, plus the figures the finance
module computes) into an embedded Oxigraph store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from vngkb.errors import KbSyntaxError
from vngkb.paths import KB_DIR, ONTOLOGY_DIR, turtle_files

#: The published accres figures, which the finance module reads and computes from.
ACCRES_FILE = KB_DIR / "accres.ttl"


def default_files() -> list[Path]:
    """The ontology and KB files that make up the shipped knowledge base."""
    return turtle_files(ONTOLOGY_DIR, KB_DIR)


def _syntax_error(path: Path, error: SyntaxError) -> KbSyntaxError:
    message = str(error.msg if hasattr(error, "msg") else error)
    # Oxigraph says "Parser error between line L column C and ...: what"; keep the what.
    what = message.split(": ", 1)[1] if message.startswith("Parser error") else message
    line = error.lineno
    where = f"{path}:{line}" if line else str(path)
    return KbSyntaxError(f"{where}: Turtle syntax error: {what}")


def load_file(store: ox.Store, path: Path) -> None:
    """Parse one Turtle file into *store*; a syntax error names the file and line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KbSyntaxError(f"{path}: cannot read: {error.strerror}") from None
    try:
        store.load(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except SyntaxError as error:
        raise _syntax_error(path, error) from None


def load_store(files: Sequence[Path] | None = None, *, computed: bool = True) -> ox.Store:
    """An in-memory store with *files* (default: the shipped KB) and, when *computed*,
    the finance module's computed accres observations."""
    store = ox.Store()
    for path in default_files() if files is None else files:
        load_file(store, path)
    if computed:
        add_computed(store)
    return store


def add_computed(store: ox.Store) -> None:
    """Attach the figures computed by the finance module (when kb/accres.ttl exists)."""
    if not ACCRES_FILE.exists():
        return
    from vngkb import finance  # the finance module reads kb/accres.ttl itself

    store.load(finance.computed_turtle().encode("utf-8"), format=ox.RdfFormat.TURTLE)
