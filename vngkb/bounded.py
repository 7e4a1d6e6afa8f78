"""Reading user-given text (a query file, standard input) with a size bound and a
clear error for bytes that are not UTF-8, instead of reading ``/dev/zero`` until memory
runs out or ending in a UnicodeDecodeError traceback.

>>> import io
>>> read_text(io.BytesIO(b"SELECT * {}"), "the query")
'SELECT * {}'
>>> read_text(io.BytesIO(b"caf\\xe9"), "the query")
Traceback (most recent call last):
...
vngkb.errors.InputError: the query is not UTF-8 text (byte 0xe9 at position 3)
"""

from __future__ import annotations

from typing import IO, Any

from vngkb.errors import InputError

#: Most bytes of a query read from a file or standard input (the shipped questions are
#: a few kilobytes; a bigger text is refused before it is parsed).
MAX_TEXT_BYTES = 1024 * 1024


def read_text(stream: IO[Any], what: str, limit: int = MAX_TEXT_BYTES) -> str:
    """At most *limit* bytes of *stream* (a binary stream, or a text stream with a
    ``buffer``) decoded as UTF-8; *what* names the input in errors."""
    raw = getattr(stream, "buffer", stream)
    try:
        data = raw.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read {what}: {error.strerror}") from None
    if isinstance(data, str):  # a text stream without a buffer: already decoded
        data = data.encode("utf-8", errors="surrogateescape")
    data = bytes(data)
    if len(data) > limit:
        raise InputError(f"{what} is larger than {limit} bytes, the most accepted")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{what} is not UTF-8 text (byte 0x{data[error.start]:02x} "
                         f"at position {error.start})") from None
