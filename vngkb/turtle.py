"""Read one Turtle file into an Oxigraph store, naming the file and line of a syntax
error. A leaf module: the KB loader (vngkb.kb) and the finance module both use it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from vngkb.errors import KbSyntaxError


def syntax_error(path: Path, error: SyntaxError) -> KbSyntaxError:
    """The library's error for Oxigraph's *error* in *path*: file, line and what."""
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
        raise syntax_error(path, error) from None
