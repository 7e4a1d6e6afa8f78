"""A cache of the router's index, so that ``vngkb interpret`` does not stem and index the
whole catalogue on every run.

The index is a pure function of the catalogue's files, the words file and the KB's
labels; the cache entry is named by a hash of exactly those
(:func:`vngkb.core.diskcache.key`), so a change to any of them makes a new one. It is JSON
(no code is ever loaded from it), kept by :mod:`vngkb.core.diskcache` (written whole or not
at all; where the cache cannot be written, the index is simply built each time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from vngkb.core import diskcache

#: Bump when the index's contents or the matcher's text handling change.
VERSIE = 3


def sleutel(parts: Iterable[str]) -> str:
    """The cache key of *parts* (and the cache version)."""
    return diskcache.key(f"vraag-index {VERSIE}", *parts)


def _name(key: str) -> str:
    return f"vraag-index-{key[:32]}.json"


def lees(key: str) -> dict[str, Any] | None:
    """The cached index for *key*, or None (missing, unreadable, or for another key)."""
    raw = diskcache.read(_name(key))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("sleutel") != key:
        return None
    return data


def schrijf(key: str, data: dict[str, Any]) -> None:
    """Store *data* for *key*, atomically; a cache that cannot be written is skipped."""
    diskcache.write(_name(key), json.dumps({**data, "sleutel": key},
                                           ensure_ascii=False).encode("utf-8"))
