"""A cache on disk for what vngkb computes from its own files (the loaded KB, the
computed finance figures, the questions' headers, the router's index).

Every entry is named by a BLAKE2b hash (:func:`digest`) of *everything* it is computed
from (content, not modification times), so a changed input gives a new name and an
entry can never be stale. Entries are data (N-Quads, Turtle, JSON), never code. They
are written to a temporary file and renamed into place, so a reader never sees half an
entry, and each carries the BLAKE2b hash of its data: an entry that is damaged in any
way (truncated, altered, a folder or pipe in its place, unreadable) is removed and
computed again, never used. A folder another program writes (an Oxigraph database, an
SQLite index) is checked against the sizes recorded when it was written (:func:`seal`,
:func:`intact`). The folder is ``$VNGKB_CACHE_DIR`` (set but empty: no cache at all), else
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
    # hashlib loads OpenSSL, 2 ms of every start (a fortieth of a cold `vngkb ask`;
    # benchmarks/bench_tricks.py measures it).
    from _blake2 import blake2b as _blake2b
except ImportError:  # a Python without it
    from hashlib import blake2b as _blake2b

__all__ = ["MAX_BYTES", "PRUNE_AFTER_BYTES", "cache_dir", "digest", "discard",
           "discard_sealed", "intact", "key", "prune", "read", "seal", "used", "write"]

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
    # The entry format (_SEAL) is part of every key: code that writes entries another way
    # (an older vngkb on the same cache) uses other names, instead of each taking the
    # other's entries for damaged and writing them again.
    hashed = _blake2b(f"vngkb {__version__} {_SEAL!r}\n".encode(), digest_size=32)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


#: The first bytes of every entry :func:`write` writes, before the BLAKE2b hash of the
#: data: an entry without them, or whose data does not have that hash (truncated,
#: overwritten, written by something else), is damaged.
_SEAL = b"vngkb-cache 1\n"
_DIGEST_BYTES = 32


def read(name: str, folder: Path | None = None) -> bytes | None:
    """The entry *name* (in *folder*, default :func:`cache_dir`), or None: the cache is
    off, the entry is missing, or it is damaged, whatever the damage (a folder, pipe or
    device where the file was, a file that cannot be read, truncated or altered data,
    one larger than the whole cache may be). A damaged entry is removed, so that the
    next :func:`write` puts a good one in its place."""
    import stat

    folder = cache_dir() if folder is None else folder
    if folder is None:
        return None
    path = folder / name
    try:
        # O_NONBLOCK: a FIFO where the entry was must not make the read wait.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None
    except OSError:  # no permission, a symlink loop, ...: damaged
        discard(name, folder)
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            data = None
        else:
            with os.fdopen(os.dup(handle), "rb") as stream:
                data = stream.read(MAX_BYTES + 1)
    except OSError:
        data = None
    finally:
        os.close(handle)
    content = _unsealed(data)
    if content is None:
        discard(name, folder)
        return None
    used(name, folder)
    return content


def _unsealed(data: bytes | None) -> bytes | None:
    """The data of a sealed entry, or None when it is not one or its hash is wrong."""
    if data is None or not data.startswith(_SEAL):
        return None
    start = len(_SEAL) + _DIGEST_BYTES
    content = data[start:]
    return content if data[len(_SEAL):start] == digest(content) else None


def discard(name: str, folder: Path | None = None) -> None:
    """Remove entry *name* (a file or a folder, whatever is there under that name)."""
    folder = cache_dir() if folder is None else folder
    if folder is not None and re.fullmatch(_ENTRY, name, re.ASCII):
        _remove(folder / name)


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
            out.write(_SEAL + digest(data))
            out.write(data)
        try:
            os.replace(temporary, folder / name)
        except OSError:
            # Something in the way of an entry of ours (a folder where the file was) is
            # damage: it goes. A name vngkb does not give is left alone.
            if not re.fullmatch(_ENTRY, name, re.ASCII):
                raise
            _remove(folder / name)
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


def _sizes(path: Path) -> dict[str, int]:
    """The size of *path*, or of each file in folder *path* (RocksDB's ``LOG`` files,
    which a read-only open may write, left out)."""
    if not path.is_dir() or path.is_symlink():
        return {"": path.stat().st_size} if path.is_file() else {"": -1}
    return {child.name: child.stat().st_size for child in path.iterdir()
            if child.is_file() and not child.name.startswith("LOG")}


def _manifest_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + ".sizes"


def seal(name: str, folder: Path, built: Path | None = None) -> None:
    """Record the size of each file of entry *name* (a file or a folder another program
    wrote: an SQLite index, an Oxigraph database), for :func:`intact`; *built* is where
    it still is before it is renamed into place (recorded first, so that no other
    process sees the entry without its record and takes it for damaged)."""
    import json

    with contextlib.suppress(OSError):
        sizes = _sizes(folder / name if built is None else built)
        write(_manifest_name(name), json.dumps(sizes, sort_keys=True).encode(), folder)


def intact(name: str, folder: Path) -> bool:
    """Whether entry *name* has the files and sizes :func:`seal` recorded (a file cut
    short, lost or added, a file where a folder was, or no record: damaged)."""
    import json

    recorded = read(_manifest_name(name), folder)
    if recorded is None:
        return False
    try:
        return bool(json.loads(recorded) == _sizes(folder / name))
    except (OSError, ValueError):
        return False


def discard_sealed(name: str, folder: Path) -> None:
    """Remove entry *name* and its record of sizes."""
    discard(name, folder)
    discard(_manifest_name(name), folder)


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
