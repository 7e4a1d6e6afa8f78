"""Layers above the KB as written: the accres figures the finance module computes from
kb/accres.ttl (and ontology/accres.ttl).

Computing them costs a fifth of a cold ``vngkb ask``, so they are cached on disk, in a
file named after a SHA-256 of everything they are computed from: the content of both
input files, the source of the finance module and the package version. Change any of
these and the key changes, so a cached figure can never be stale; a cache that cannot
be read or written is skipped (the figures are computed then). The cache folder is
``$VNGKB_CACHE_DIR``, else ``$XDG_CACHE_HOME/vngkb``, else ``~/.cache/vngkb``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from vngkb import __version__
from vngkb.kb import ACCRES_FILE, load_store
from vngkb.paths import ONTOLOGY_DIR

#: The labels the finance module reads beside the published figures.
ACCRES_ONTOLOGY_FILE = ONTOLOGY_DIR / "accres.ttl"
#: The finance module's source: part of the cache key (the "model code version").
FINANCE_DIR = Path(__file__).resolve().parent / "finance"


def cache_dir() -> Path:
    """Where computed layers are cached (see the module's docstring)."""
    explicit = os.environ.get("VNGKB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "vngkb"


def computed_key(kb_file: Path = ACCRES_FILE,
                 ontology_file: Path = ACCRES_ONTOLOGY_FILE) -> str:
    """The SHA-256 (hex) of the inputs of the computed figures: both files' content, the
    finance module's source files and the package version."""
    digest = hashlib.sha256(f"vngkb {__version__}\n".encode())
    inputs = [("kb", kb_file), ("ontology", ontology_file)]
    inputs += [(f"finance/{p.name}", p) for p in sorted(FINANCE_DIR.glob("*.py"))]
    for name, path in inputs:
        digest.update(f"{name}\n".encode())
        try:
            content = path.read_bytes()
        except OSError:
            content = b"\x00absent"  # the finance module reports a missing file itself
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def computed_turtle(kb_file: Path = ACCRES_FILE, *, cache: Path | None = None) -> bytes:
    """Turtle of the computed figures of *kb_file*: from the cache when its key matches,
    else computed by vngkb.finance (imported only then) and cached."""
    folder = cache_dir() if cache is None else cache
    cached = folder / f"berekend-{computed_key(kb_file)}.ttl"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    from vngkb import finance

    data = finance.computed_turtle(kb_file=kb_file).encode("utf-8")
    _write_atomically(cached, data)
    return data


def _write_atomically(path: Path, data: bytes) -> None:
    """Write *path* whole or not at all (a reader never sees half a file); skip the cache
    when the folder cannot be written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def add_computed(store: ox.Store, kb_file: Path = ACCRES_FILE) -> None:
    """Add the computed figures to *store* (nothing when *kb_file* does not exist)."""
    if not kb_file.exists():
        return
    data = computed_turtle(kb_file)
    try:
        store.load(data, format=ox.RdfFormat.TURTLE)
    except SyntaxError:
        # A damaged cache file (written by something else): compute afresh.
        from vngkb import finance

        store.load(finance.computed_turtle(kb_file=kb_file).encode("utf-8"),
                   format=ox.RdfFormat.TURTLE)


def load_kb(files: Sequence[Path] | None = None, *, computed: bool = True) -> ox.Store:
    """The KB: *files* (default: the shipped ontology and KB) and, when *computed*, the
    finance module's computed accres figures.

    >>> store = load_kb()
    >>> len(store) > len(load_store())
    True
    """
    store = load_store(files)
    if computed:
        add_computed(store)
    return store
