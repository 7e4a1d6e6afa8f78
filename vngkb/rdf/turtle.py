"""Read one Turtle file, bounded and checked, naming the file and line of what is wrong.
A leaf module: the KB loader (vngkb.kb.load), validation and the finance module use it.

A file must be a regular file of at most :data:`MAX_FILE_BYTES` and :data:`MAX_TRIPLES`
triples; an IRI or literal longer than the bounds of :mod:`vngkb.rdf.literals` is refused
with its line before any other tool (rdflib, pySHACL) sees it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.errors import ECHO_LIMIT, KbSyntaxError, shorten
from vngkb.i18n import t
from vngkb.rdf.literals import MAX_IRI_CHARS, MAX_LITERAL_CHARS, line_of, oversized_term


def syntax_error(path: Path, error: SyntaxError) -> KbSyntaxError:
    message = str(error.msg if hasattr(error, "msg") else error)
    # Oxigraph says "Parser error between line L column C and ...: what"; keep the what.
    what = message.split(": ", 1)[1] if message.startswith("Parser error") else message
    what = " ".join(what.split())  # one line, whatever the parser wrote
    line = error.lineno
    where = f"{_shown(path)}:{line}" if line else _shown(path)
    return KbSyntaxError(t("ttl_syntax", where=where, what=what))


#: Largest Turtle file accepted (bytes): the shipped KB is well under a megabyte; a
#: bigger file is refused before it is read, not parsed until memory runs out.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most triples one file may hold: the whole shipped KB has under 10,000, and SHACL
#: validation of a few hundred thousand takes minutes.
MAX_TRIPLES = 100_000


def _shown(path: Path) -> str:
    text = str(path)
    return text if len(text) <= ECHO_LIMIT and text.isprintable() else shorten(text)


def read_turtle(path: Path) -> bytes:
    """The bytes of Turtle file *path*: a regular file of at most :data:`MAX_FILE_BYTES`.
    Folders, devices (``/dev/zero``), pipes and sockets are refused without reading.

    >>> from vngkb.i18n import set_lang
    >>> set_lang("nl")
    >>> read_turtle(Path("/dev/zero"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.KbSyntaxError: /dev/zero: geen gewoon bestand (een apparaat); geef een ...
    >>> set_lang(None)
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise KbSyntaxError(t("ttl_cannot_read", path=_shown(path), reason=error.strerror)
                            ) from None
    except ValueError:  # a NUL character in the name
        raise KbSyntaxError(t("ttl_cannot_read", path=_shown(path),
                              reason=t("ttl_not_a_file_name"))) from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        os.close(handle)
        mode = info.st_mode
        if stat.S_ISREG(mode):
            raise _too_big(path)
        kind = ("ttl_kind_folder" if stat.S_ISDIR(mode) else "ttl_kind_pipe"
                if stat.S_ISFIFO(mode) else "ttl_kind_socket" if stat.S_ISSOCK(mode)
                else "ttl_kind_device")
        raise KbSyntaxError(t("ttl_not_regular", path=_shown(path), kind=t(kind)))
    with os.fdopen(handle, "rb") as stream:
        try:
            # One byte more than the size fstat gave shows a file that grew since; a
            # request of the whole bound would make Python allocate 20 MB for each file.
            data = stream.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += stream.read(MAX_FILE_BYTES + 1 - len(data))
        except OSError as error:
            raise KbSyntaxError(t("ttl_cannot_read", path=_shown(path),
                                  reason=error.strerror)) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(path)
    return data


def _too_big(path: Path) -> KbSyntaxError:
    return KbSyntaxError(t("ttl_too_big", path=_shown(path), limit=MAX_FILE_BYTES,
                           mb=MAX_FILE_BYTES // 1024 // 1024))


def parse_file(path: Path) -> tuple[bytes, list[ox.Quad]]:
    """The bytes and the triples of Turtle file *path*; a syntax error names the file and
    line, and an IRI or literal longer than the bounds of :mod:`vngkb.rdf.literals` is
    refused (naming its line) before any other tool sees it."""
    data = read_turtle(path)
    return data, parse_turtle(path, data)


def parse_turtle(path: Path, data: bytes) -> list[ox.Quad]:
    """The triples of *data*, read from Turtle file *path* by :func:`read_turtle`,
    checked as :func:`parse_file` says."""
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE,
                              base_iri=path.resolve().as_uri(), rename_blank_nodes=True))
    except SyntaxError as error:
        raise syntax_error(path, error) from None
    if len(quads) > MAX_TRIPLES:
        raise KbSyntaxError(t("ttl_too_many", path=_shown(path), count=len(quads),
                              most=MAX_TRIPLES))
    oversized = oversized_term(quads)
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
