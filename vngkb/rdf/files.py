"""The one place where vngkb reads a file a user names (a Turtle file for ``validate``,
a source text for ``bron --bron``, a query file, SHACL shapes) or a query on standard
input: with a size bound, refusing what is not a regular file, and with a clear error
for bytes that are not UTF-8.

A path is opened without waiting (``O_NONBLOCK``: a FIFO with no writer does not hang)
and without becoming a controlling terminal, then ``fstat`` of the open file decides: a
folder, pipe, socket or device (``/dev/zero``) is refused before a byte is read, and so
is a regular file larger than the bound (a 3 GB sparse file costs nothing to refuse). A
symlink loop, a missing file or a file without read permission is refused with the
system's reason. Every refusal is one line naming the file.

>>> import io
>>> from vngkb.i18n import set_lang
>>> set_lang("nl")
>>> read_text(io.BytesIO(b"SELECT * {}"), "de query")
'SELECT * {}'
>>> read_text(io.BytesIO(b"caf\\xe9"), "de query")
Traceback (most recent call last):
...
vngkb.core.errors.InputError: de query is geen UTF-8-tekst (byte 0xe9 op positie 3)
>>> read_file(Path("/dev/zero"))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vngkb.core.errors.InputError: /dev/zero: geen gewoon bestand (een apparaat)
>>> set_lang(None)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Any

from vngkb.core.errors import ECHO_LIMIT, InputError, shorten
from vngkb.i18n import t

#: Most bytes of a query read from a file or standard input (the shipped questions are
#: a few kilobytes; a bigger text is refused before it is parsed).
MAX_TEXT_BYTES = 1024 * 1024
#: Most bytes of any other file read (a Turtle file, a source text): the shipped KB's
#: largest file and the letter are each well under a megabyte.
MAX_FILE_BYTES = 20 * 1024 * 1024


def shown(path: Path | str) -> str:
    """*path* as a message shows it: as it is when short and printable; a long printable
    path by its end, which names the file ("…/letters/2021/h01.ttl"); else quoted,
    escaped and cut (:func:`vngkb.core.errors.shorten`).

    >>> shown("/kb/brief.ttl")
    '/kb/brief.ttl'
    >>> shown("/tmp/" + "x" * 100 + "/klein.ttl")[-12:], len(shown("/" + "x" * 200)) == ECHO_LIMIT
    ('xx/klein.ttl', True)
    >>> shown("/kb/br" + chr(0) + "ief.ttl") == repr("/kb/br" + chr(0) + "ief.ttl")
    True
    """
    text = str(path)
    if not text.isprintable():
        return shorten(text)
    return text if len(text) <= ECHO_LIMIT else "…" + text[-(ECHO_LIMIT - 1):]


def read_file(path: Path, *, limit: int = MAX_FILE_BYTES,
              error: type[InputError] = InputError, hint: str = "") -> bytes:
    """The bytes of *path*: a regular file of at most *limit* bytes. Anything else is
    refused with an *error* (an :class:`InputError` subclass) naming the file; *hint*
    (e.g. "geef een Turtle-bestand") follows the refusal of what is not a regular file."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOCTTY", 0))
    except OSError as failure:
        raise error(t("file_cannot_read", path=shown(path),
                      reason=failure.strerror or type(failure).__name__)) from None
    except ValueError:  # a NUL character in the name
        raise error(t("file_cannot_read", path=shown(path),
                      reason=t("file_not_a_file_name"))) from None
    try:
        info = os.fstat(handle)
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            kind = ("file_kind_folder" if stat.S_ISDIR(mode) else "file_kind_pipe"
                    if stat.S_ISFIFO(mode) else "file_kind_socket" if stat.S_ISSOCK(mode)
                    else "file_kind_device")
            raise error(t("file_not_regular", path=shown(path), kind=t(kind))
                        + (f"; {hint}" if hint else ""))
        if info.st_size > limit:
            raise _too_big(path, limit, error)
        chunks: list[bytes] = []
        total = 0
        try:
            # First ask for one byte more than the size fstat gave (a file that grew since
            # shows), then read on to the end or past the bound: asking for the whole
            # bound would make Python allocate it for each file.
            while total <= limit:
                data = os.read(handle, min(limit + 1 - total,
                                           max(info.st_size + 1 - total, 64 * 1024)))
                if not data:
                    break
                chunks.append(data)
                total += len(data)
        except OSError as failure:
            raise error(t("file_cannot_read", path=shown(path),
                          reason=failure.strerror or type(failure).__name__)) from None
    finally:
        os.close(handle)
    if total > limit:
        raise _too_big(path, limit, error)
    return b"".join(chunks)


def read_file_text(path: Path, *, limit: int = MAX_FILE_BYTES,
                   error: type[InputError] = InputError, hint: str = "") -> str:
    """:func:`read_file` decoded as UTF-8 (a byte that is not is refused with its
    position)."""
    data = read_file(path, limit=limit, error=error, hint=hint)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as failure:
        raise error(t("not_utf8", what=shown(path), byte=data[failure.start],
                      position=failure.start)) from None


def check_readable(path: Path, *, limit: int = MAX_FILE_BYTES,
                   error: type[InputError] = InputError, hint: str = "") -> Path:
    """*path*, once :func:`read_file` would read it: for commands that pass a path on to
    code that opens it again (and would follow a symlink loop into a traceback)."""
    read_file(path, limit=limit, error=error, hint=hint)
    return path


def _too_big(path: Path, limit: int, error: type[InputError]) -> InputError:
    return error(t("file_too_big", path=shown(path), limit=limit,
                   mb=f"{limit / 1024 / 1024:.3g}"))


def read_text(stream: IO[Any], what: str, limit: int = MAX_TEXT_BYTES) -> str:
    """At most *limit* bytes of *stream* (a binary stream, or a text stream with a
    ``buffer``) decoded as UTF-8; *what* names the input in errors (in the current
    language, e.g. ``t("what_the_query")``)."""
    raw = getattr(stream, "buffer", stream)
    try:
        data = raw.read(limit + 1)
    except OSError as error:
        raise InputError(t("read_failed", what=what, reason=error.strerror)) from None
    if isinstance(data, str):  # a text stream without a buffer: already decoded
        data = data.encode("utf-8", errors="surrogateescape")
    data = bytes(data)
    if len(data) > limit:
        raise InputError(t("larger_than", what=what, limit=limit))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(t("not_utf8", what=what, byte=data[error.start],
                           position=error.start)) from None
