"""A cache on disk for what vngkb computes from its own files (the loaded KB, the
computed finance figures, the questions' headers, the router's index).

Every entry is named by a SHA-256 of *everything* it is computed from (content, not
modification times), so a changed input gives a new name and an entry can never be
stale. Entries are data (N-Quads, Turtle, JSON), never code. They are written to a
temporary file and renamed into place, so a reader never sees half an entry. The folder
is ``$VNGKB_CACHE_DIR`` (set but empty: no cache at all), else
``$XDG_CACHE_HOME/vngkb``, else ``~/.cache/vngkb``. A cache that cannot be read or
written is skipped: the work is then done each time, with the same result.

>>> import os, tempfile
>>> os.environ["VNGKB_CACHE_DIR"] = tempfile.mkdtemp()
>>> name = "voorbeeld-" + key("kb", b"inhoud") + ".txt"
>>> read(name) is None
True
>>> write(name, b"berekend")
>>> read(name)
b'berekend'
>>> key("kb", b"inhoud") == key("kb", b"andere inhoud")
False
>>> os.environ["VNGKB_CACHE_DIR"] = ""
>>> write(name, b"berekend"); read(name) is None
True
>>> del os.environ["VNGKB_CACHE_DIR"]
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from vngkb import __version__

__all__ = ["cache_dir", "key", "read", "write"]


def cache_dir() -> Path | None:
    """Where entries are kept, or None when the cache is switched off."""
    configured = os.environ.get("VNGKB_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vngkb"


def key(*parts: str | bytes) -> str:
    """The SHA-256 (hex) of the package version and *parts*, each length-prefixed so
    that no two different lists of parts give the same key."""
    digest = hashlib.sha256(f"vngkb {__version__}\n".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def read(name: str, folder: Path | None = None) -> bytes | None:
    """The entry *name* (in *folder*, default :func:`cache_dir`), or None (cache off,
    missing or unreadable)."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes, folder: Path | None = None) -> None:
    """Store *data* as entry *name* (in *folder*, default :func:`cache_dir`), whole or not
    at all; skipped when the cache is off or the folder cannot be written."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return
    import tempfile  # only when writing: a cache hit need not pay for importing it

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / name)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(error, OSError):
            raise  # an interrupt: the half-written entry is gone, the interrupt goes on
