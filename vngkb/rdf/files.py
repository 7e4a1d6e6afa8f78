"""Reading user-given text (a query file, standard input) with a size bound and a
clear error for bytes that are not UTF-8, instead of reading ``/dev/zero`` until memory
runs out or ending in a UnicodeDecodeError traceback.

>>> import io
>>> from vngkb.i18n import set_lang
>>> set_lang("nl")
>>> read_text(io.BytesIO(b"SELECT * {}"), "de query")
'SELECT * {}'
>>> read_text(io.BytesIO(b"caf\\xe9"), "de query")
Traceback (most recent call last):
...
vngkb.core.errors.InputError: de query is geen UTF-8-tekst (byte 0xe9 op positie 3)
>>> set_lang(None)
"""

from __future__ import annotations

from typing import IO, Any

from vngkb.core.errors import InputError
from vngkb.i18n import t

#: Most bytes of a query read from a file or standard input (the shipped questions are
#: a few kilobytes; a bigger text is refused before it is parsed).
MAX_TEXT_BYTES = 1024 * 1024


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
