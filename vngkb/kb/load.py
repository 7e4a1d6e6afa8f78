"""Load the knowledge base as written (ontology/ and kb/ Turtle) into an embedded
Oxigraph store. What is computed from it (the finance figures) is a layer above:
see :mod:`vngkb.kb.layers`; this module knows nothing of vngkb.finance."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.paths import ACCRES_FILE
from vngkb.rdf.files import MAX_FILE_BYTES
from vngkb.rdf.turtle import MAX_TRIPLES, load_file, parse_file, read_turtle

__all__ = ["ACCRES_FILE", "MAX_FILE_BYTES", "MAX_TRIPLES", "default_files", "load_file",
           "load_store", "parse_file", "read_turtle"]


def default_files() -> list[Path]:
    """The ontology and KB files of the KB in use (the shipped one unless ``--kb`` or
    ``VNGKB_KB_DIR`` names another; see :mod:`vngkb.kb.layout`)."""
    from vngkb.kb.layout import kb_folder

    return kb_folder().files()


def load_store(files: Sequence[Path] | None = None) -> ox.Store:
    """An in-memory store with *files* (default: the shipped KB), as written: without the
    computed figures (:func:`vngkb.kb.layers.load_kb` adds them)."""
    store = ox.Store()
    for path in default_files() if files is None else files:
        load_file(store, path)
    return store
