"""Read one Turtle file, bounded and checked, naming the file and line of what is wrong.
A leaf module: the KB loader (vngkb.kb.load), validation and the finance module use it.

A file must be a regular file of at most :data:`MAX_FILE_BYTES` and :data:`MAX_TRIPLES`
triples; an IRI or literal longer than the bounds of :mod:`vngkb.rdf.literals` is refused
with its line before any other tool (rdflib, pySHACL) sees it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from vngkb.core.errors import KbSyntaxError, shorten
from vngkb.i18n import t
from vngkb.rdf.files import MAX_FILE_BYTES, read_file, shown
from vngkb.rdf.literals import MAX_IRI_CHARS, MAX_LITERAL_CHARS, line_of, oversized_term


def syntax_error(path: Path, error: SyntaxError) -> KbSyntaxError:
    message = str(error.msg if hasattr(error, "msg") else error)
    # Oxigraph says "Parser error between line L column C and ...: what"; keep the what.
    what = message.split(": ", 1)[1] if message.startswith("Parser error") else message
    what = " ".join(what.split())  # one line, whatever the parser wrote
    line = error.lineno
    where = f"{_shown(path)}:{line}" if line else _shown(path)
    return KbSyntaxError(t("ttl_syntax", where=where, what=what))


#: Most triples one file may hold: the whole shipped KB has under 10,000, and SHACL
#: validation of a few hundred thousand takes minutes.
MAX_TRIPLES = 100_000


def _shown(path: Path) -> str:
    return shown(path)


def read_turtle(path: Path) -> bytes:
    """The bytes of Turtle file *path*: a regular file of at most :data:`MAX_FILE_BYTES`,
    read by :func:`vngkb.rdf.files.read_file`. Folders, devices (``/dev/zero``), pipes,
    sockets and symlink loops are refused without reading.

    >>> from vngkb.i18n import set_lang
    >>> set_lang("nl")
    >>> read_turtle(Path("/dev/zero"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.KbSyntaxError: /dev/zero: geen gewoon bestand (een apparaat); geef een ...
    >>> set_lang(None)
    """
    return read_file(path, limit=MAX_FILE_BYTES, error=KbSyntaxError,
                     hint=t("ttl_give_turtle"))


def parse_file(path: Path) -> tuple[bytes, list[ox.Quad]]:
    """The bytes and the triples of Turtle file *path*; a syntax error names the file and
    line, and an IRI or literal longer than the bounds of :mod:`vngkb.rdf.literals` is
    refused (naming its line) before any other tool sees it."""
    data = read_turtle(path)
    return data, parse_turtle(path, data)


def parse_turtle(path: Path, data: bytes, *, terms_checked: bool = False) -> list[ox.Quad]:
    """The triples of *data*, read from Turtle file *path* by :func:`read_turtle`,
    checked as :func:`parse_file` says; *terms_checked*: these very bytes, at this very
    path, passed the bound on the length of IRIs and literals before (a caller that keeps
    that outcome keyed on them), which is then not checked again."""
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE,
                              base_iri=path.resolve().as_uri(), rename_blank_nodes=True))
    except SyntaxError as error:
        raise syntax_error(path, error) from None
    if len(quads) > MAX_TRIPLES:
        raise KbSyntaxError(t("ttl_too_many", path=_shown(path), count=len(quads),
                              most=MAX_TRIPLES))
    oversized = None if terms_checked else oversized_term(quads)
    if oversized is not None:
        start, length = oversized
        line = line_of(data, start[:200])
        where = f"{_shown(path)}:{line}" if line else _shown(path)
        raise KbSyntaxError(t("ttl_term_too_long", where=where, length=length,
                              start=shorten(start), iri=MAX_IRI_CHARS,
                              literal=MAX_LITERAL_CHARS))
    return quads


def load_file(store: ox.Store, path: Path) -> None:
    """Parse one Turtle file into *store*; a syntax error names the file and line."""
    store.extend(parse_file(path)[1])
