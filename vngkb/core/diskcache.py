"""A cache on disk for what vngkb computes from its own files (the loaded KB, the
computed finance figures, the questions' headers, the router's index).

Every entry is named by a BLAKE2b hash (:func:`digest`) of *everything* it is computed
from (content, not modification times), so a changed input gives a new name and an
entry can never be stale. Entries are data (N-Quads, Turtle, JSON), never code. They
are written to a temporary file and renamed into place, so a reader never sees half an
entry. The folder is ``$VNGKB_CACHE_DIR`` (set but empty: no cache at all), else
``$XDG_CACHE_HOME/vngkb``, else ``~/.cache/vngkb``. A cache that cannot be read or
written is skipped: the work is then done each time, with the same result.

The folder is bounded: a read marks an entry as used (its modification time), and
after a write the least recently used entries are removed until the folder holds at
most :data:`MAX_BYTES` (:func:`prune`), with temporary files that a stopped process
left behind. A process prunes after its first write to a folder and after every write
of :data:`PRUNE_AFTER_BYTES` or more (a prune reads the whole folder, and the first run
after a change writes dozens of small entries). An entry removed while another process
reads it is still read whole (an open file outlives its name); one removed before it is
opened is computed again.

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
import os
import re
from pathlib import Path

from vngkb.core.version import __version__

try:
    # CPython's own BLAKE2 module, where hashlib takes its blake2b from as well: importing
    # hashlib loads OpenSSL, 2 ms of every start (a fortieth of a cold `vngkb ask`).
    from _blake2 import blake2b as _blake2b
except ImportError:  # a Python without it
    from hashlib import blake2b as _blake2b

__all__ = ["MAX_BYTES", "PRUNE_AFTER_BYTES", "cache_dir", "digest", "key", "prune", "read",
           "used", "write"]

#: The most the cache folder keeps, in bytes (the shipped KB's entries take about 15 MB).
MAX_BYTES = 256 * 1024 * 1024
#: An entry this large is followed by a prune, however many came before it.
PRUNE_AFTER_BYTES = 1024 * 1024
#: Age (seconds) after which a temporary file or folder is taken as left behind by a
#: process that was stopped, not as one still being written.
TEMPORARY_AGE = 3600
# The names vngkb gives entries (a kind, a hex key, an extension) and their temporaries:
# nothing else in the folder is ever removed ($VNGKB_CACHE_DIR may name any folder).
# Compiled when a prune needs them, not when a command starts.
_ENTRY = r"[a-z][a-z-]*-[0-9a-f]{32,64}(?:\.[a-z]+)?"
_TEMPORARY = r"\.[a-z][a-z-]*-[0-9a-f]{32,64}(?:\.[a-z]+)?\..*\.tmp"


def cache_dir() -> Path | None:
    """Where entries are kept, or None when the cache is switched off."""
    configured = os.environ.get("VNGKB_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vngkb"


def digest(data: bytes) -> bytes:
    """The 32-byte BLAKE2b hash of *data*: what names a cache entry after its inputs.

    >>> digest(b"inhoud").hex()[:16]
    '38bede2ac2a32020'
    >>> digest(b"inhoud") == digest(b"inhoud ")
    False
    """
    return _blake2b(data, digest_size=32).digest()


def key(*parts: str | bytes) -> str:
    """The BLAKE2b hash (64 hex digits) of the package version and *parts*, each
    length-prefixed so that no two different lists of parts give the same key."""
    hashed = _blake2b(f"vngkb {__version__}\n".encode(), digest_size=32)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def read(name: str, folder: Path | None = None) -> bytes | None:
    """The entry *name* (in *folder*, default :func:`cache_dir`), or None (cache off,
    missing or unreadable)."""
    folder = cache_dir() if folder is None else folder
    if folder is None:
        return None
    try:
        data = (folder / name).read_bytes()
    except OSError:
        return None
    used(name, folder)
    return data


def used(name: str, folder: Path | None = None) -> None:
    """Mark entry *name* as just used, so that :func:`prune` removes it last."""
    folder = cache_dir() if folder is None else folder
    if folder is not None:
        with contextlib.suppress(OSError):
            os.utime(folder / name)


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
        return
    if len(data) >= PRUNE_AFTER_BYTES or folder not in _pruned:
        _pruned.add(folder)
        prune(folder)


#: The folders this process has pruned after a write.
_pruned: set[Path] = set()


def _size(path: Path) -> int:
    """Bytes of the file *path*, or of the files in the folder *path* (an Oxigraph
    database: one level of files)."""
    if not path.is_dir():
        return path.stat().st_size
    return sum(child.stat().st_size for child in path.iterdir() if child.is_file())


def _remove(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def prune(folder: Path | None = None, max_bytes: int | None = None) -> list[str]:
    """Remove the least recently used entries of *folder* (default :func:`cache_dir`)
    until the rest takes at most *max_bytes* (default :data:`MAX_BYTES`), and the
    temporaries older than :data:`TEMPORARY_AGE`; the names removed, oldest first.
    Only names vngkb gives are counted and removed; an entry that goes or changes
    meanwhile (another process) is left to that process.

    >>> import tempfile, time
    >>> folder = Path(tempfile.mkdtemp())
    >>> for age, kind in enumerate(["c", "b", "a"]):
    ...     name = f"{kind}-{64 * '0'}.nq"
    ...     _ = (folder / name).write_bytes(b"x" * 10)
    ...     os.utime(folder / name, (time.time() - age, time.time() - age))
    >>> [name[0] for name in prune(folder, max_bytes=15)]
    ['a', 'b']
    """
    import time

    folder = cache_dir() if folder is None else folder
    if folder is None:
        return []
    now = time.time()
    limit = MAX_BYTES if max_bytes is None else max_bytes
    entries: list[tuple[float, int, Path]] = []
    removed = []
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    ours = re.compile(_ENTRY, re.ASCII)
    left_or_writing = re.compile(_TEMPORARY, re.ASCII | re.DOTALL)
    for child in children:
        try:
            if left_or_writing.fullmatch(child.name):
                if now - child.stat().st_mtime > TEMPORARY_AGE:
                    _remove(child)
                    removed.append(child.name)
                continue  # or being written by another process
            if ours.fullmatch(child.name):
                entries.append((child.stat().st_mtime, _size(child), child))
        except OSError:
            continue
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries, key=lambda entry: (entry[0], entry[2].name)):
        if total <= limit:
            break
        _remove(path)
        removed.append(path.name)
        total -= size
    return removed
