"""The shapes run per letter, each letter's result kept in the cache.

A letter's shapes see that letter's files and the files the letters share (the ontology,
the schemes, ``gedeeld/``, any file outside a letter's folder), never another letter's:
what a shape checks is one letter's statements. Each run's findings are kept in the cache
(:mod:`vngkb.core.diskcache`) under a key of everything they are computed from: the name
and content of every file of the run, the shapes' content, the number of lines of the
letter's text, the source of the code that validates (this package, the finance module
that computes the figures and tellingen the shapes also check, the KB layout that tells a
letter's IRIs) and the versions of pySHACL and rdflib. An unchanged letter is not
validated again; a changed file, shape or rule gives a new key. Checks that compare
letters (the QC checks of ``queries/checks/``, :mod:`vngkb.kb.letterchecks`) run once on
the whole KB, elsewhere.

>>> runs([(Path("ontology/vngkb.ttl"), b"", ())], lambda path: None)
[LetterRun(letter='', files=[(PosixPath('ontology/vngkb.ttl'), b'', ())])]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from vngkb.core import diskcache

#: A parsed file: its path, bytes and quads.
Parsed = tuple[Path, bytes, Sequence[ox.Quad]]
#: One finding as the cache keeps it: severity, focus, path, Dutch and English message,
#: value (the fields of :class:`vngkb.validate.validation.Finding`).
Row = tuple[str, str, str, str, str, str]
#: Changes whenever what an entry holds changes.
ENTRY_VERSION = 1
_PACKAGE = Path(__file__).resolve().parents[1]
#: The code whose source is part of every key.
_CODE = ("validate", "finance", "kb")


@dataclass(frozen=True)
class LetterRun:
    """The files one run of the shapes sees: a letter's (``letter`` its id; empty for the
    one run of files that lie in no letter's folder) and the shared ones."""

    letter: str
    files: list[Parsed]


def runs(parsed: Iterable[Parsed], letter_of: Callable[[Path], str | None]) -> list[LetterRun]:
    """The runs of the shapes over the *parsed* data files: one per letter (by
    *letter_of*, the letter whose folder holds a file), each with the files of no
    letter; or, when no file is a letter's, one run of them all."""
    shared: list[Parsed] = []
    letters: dict[str, list[Parsed]] = {}
    for item in parsed:
        letter = letter_of(item[0])
        if letter is None:
            shared.append(item)
        else:
            letters.setdefault(letter, []).append(item)
    if not letters:
        return [LetterRun("", shared)]
    return [LetterRun(letter, shared + files) for letter, files in sorted(letters.items())]


def code_digest() -> bytes:
    """A hash of the code that validates and of pySHACL's and rdflib's versions (read
    from their metadata: importing pySHACL is a fifth of a second)."""
    from importlib.metadata import PackageNotFoundError, version

    parts: list[bytes] = []
    for package in ("pyshacl", "rdflib", "pyoxigraph"):
        try:
            parts.append(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            parts.append(f"{package} ?".encode())
    for folder in _CODE:
        for path in sorted((_PACKAGE / folder).glob("*.py")):
            parts += [f"{folder}/{path.name}".encode(), diskcache.digest(path.read_bytes())]
    return diskcache.digest(b"\n".join(parts))


def run_key(run: LetterRun, shapes: Sequence[bytes], line_counts: Mapping[str, int],
            code: bytes) -> str:
    """The cache key of *run*'s findings: its files (name and content), the *shapes*
    files' content, the *line_counts* the run uses and the *code* digest."""
    parts: list[str | bytes] = [f"validatie {ENTRY_VERSION} {run.letter}", code]
    for path, data, _ in run.files:
        # The base IRI of a file is its location: relative IRIs resolve against it.
        parts += [path.resolve().as_uri(), diskcache.digest(data)]
    parts += ["shapes", *(diskcache.digest(data) for data in shapes)]
    parts += ["regels", json.dumps(sorted(line_counts.items()))]
    return diskcache.key(*parts)


def entry_name(key: str) -> str:
    return f"validatie-{key}.json"


def read(key: str) -> list[Row] | None:
    """The findings kept under *key*, or None (not kept, the cache is off, or the entry
    is not a list of six strings per finding)."""
    data = diskcache.read(entry_name(key))
    if data is None:
        return None
    try:
        rows = json.loads(data)
    except ValueError:
        return None
    if not isinstance(rows, list) or not all(
            isinstance(row, list) and len(row) == 6 and all(isinstance(c, str) for c in row)
            for row in rows):
        return None
    return [(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows]


def write(key: str, rows: Sequence[Row]) -> None:
    """Keep the findings *rows* under *key* (nothing when the cache is off)."""
    data = json.dumps([list(row) for row in rows], ensure_ascii=False, separators=(",", ":"))
    diskcache.write(entry_name(key), data.encode("utf-8"))
