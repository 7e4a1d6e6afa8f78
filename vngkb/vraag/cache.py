"""A cache of the router's index, so that ``vngkb vraag`` does not stem and index the
whole catalogue on every run.

The index is a pure function of the catalogue's files, the words file and the KB's
labels; the cache file is named by the SHA-256 of exactly those, so a change to any of
them makes a new one. It is JSON (no code is ever loaded from it), written to a
temporary file and renamed into place, so a reader never sees half a file. It lives in
``$VNGKB_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/vngkb`` or
``~/.cache/vngkb``; if that cannot be written, the index is simply built each time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vngkb import diskcache

#: Bump when the index's contents or the matcher's text handling change.
VERSIE = 1


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is switched off (:mod:`vngkb.diskcache`)."""
    return diskcache.cache_dir()


def sleutel(parts: Iterable[str]) -> str:
    """The SHA-256 of *parts* (and the cache version)."""
    digest = hashlib.sha256(f"vngkb-vraag-index {VERSIE}\n".encode())
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _path(key: str) -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / f"vraag-index-{key[:32]}.json"


def lees(key: str) -> dict[str, Any] | None:
    """The cached index for *key*, or None (missing, unreadable, or for another key)."""
    path = _path(key)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("sleutel") != key:
        return None
    return data


def schrijf(key: str, data: dict[str, Any]) -> None:
    """Store *data* for *key*, atomically; a cache that cannot be written is skipped."""
    path = _path(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vraag-index-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({**data, "sleutel": key}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
