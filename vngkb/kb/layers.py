"""Layers above the KB as written: the accres figures the finance module computes from
kb/accres.ttl (and ontology/accres.ttl); and the loaded KB itself, kept ready to load.

Both are cached with :mod:`vngkb.core.diskcache`, named after a hash of everything they
come from, so a cached entry can never be stale:

- the computed figures (a fifth of a cold ``vngkb ask``): the content of both input
  files, the source of the finance module and the package version;
- the whole loaded KB as N-Quads (reading and checking 28 Turtle files costs a third of
  a cold ``vngkb ask``; loading one N-Quads file a tenth): every file's name and
  content, the bounds it was checked against, and the computed figures' key. Each file
  is still read (and refused if it is not a regular file or is too big) to make the key;
  a file that fails to parse is never cached, so its error is reported every time.

A cache that cannot be read or written is skipped (the work is then done each time).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from vngkb.core import diskcache
from vngkb.core.errors import InputError
from vngkb.core.paths import ACCRES_FILE, DRAFT_FOLDER, ONTOLOGY_DIR
from vngkb.kb.load import default_files
from vngkb.rdf import literals, turtle
from vngkb.rdf.turtle import parse_turtle, read_turtle

#: The labels the finance module reads beside the published figures.
ACCRES_ONTOLOGY_FILE = ONTOLOGY_DIR / "accres.ttl"
#: The finance module's source: part of the cache key (the "model code version").
FINANCE_DIR = Path(__file__).resolve().parents[1] / "finance"


def computed_key(kb_file: Path = ACCRES_FILE,
                 ontology_file: Path = ACCRES_ONTOLOGY_FILE) -> str:
    """The cache key (hex) of the inputs of the computed figures: both files' content, the
    finance module's source files and the package version (:func:`vngkb.core.diskcache.key`)."""
    inputs = [("kb", kb_file), ("ontology", ontology_file)]
    inputs += [(f"finance/{p.name}", p) for p in sorted(FINANCE_DIR.glob("*.py"))]
    parts: list[str | bytes] = ["berekend"]
    for name, path in inputs:
        try:
            content = path.read_bytes()
        except OSError:
            content = b"\x00absent"  # the finance module reports a missing file itself
        parts += [name, diskcache.digest(content)]
    return diskcache.key(*parts)


def computed_turtle(kb_file: Path = ACCRES_FILE, *, cache: Path | None = None) -> bytes:
    """Turtle of the computed figures of *kb_file*: from the cache when its key matches,
    else computed by vngkb.finance (imported only then) and cached. Empty for a letter
    whose tables the finance module does not model (it models the circulaires of 2019,
    those of the ledenbrief on the Miljoenennota 2020: see docs/letters.md)."""
    name = f"berekend-{computed_key(kb_file)}.ttl"
    cached = diskcache.read(name, cache)
    if cached is not None:
        return cached
    from vngkb import finance

    data = (finance.computed_turtle(kb_file=kb_file).encode("utf-8")
            if finance.models(kb_file) else b"")
    diskcache.write(name, data, cache)
    return data


def accres_files(files: Sequence[Path]) -> list[Path]:
    """The letters' published accres figures among *files*: each ``accres.ttl`` that is
    not an ontology file (``ontology/accres.ttl`` holds the vocabulary) nor a draft (in
    ``concept/``: figures are computed from confirmed figures only)."""
    return [path for path in files if path.name == "accres.ttl"
            and path.parent.name not in (ONTOLOGY_DIR.name, DRAFT_FOLDER)]


def add_computed(store: ox.Store, kb_files: Sequence[Path] = (ACCRES_FILE,)) -> None:
    """Add the computed figures of each letter's accres file in *kb_files* to *store*
    (nothing for a file that does not exist)."""
    for kb_file in kb_files:
        if not kb_file.exists():
            continue
        data = computed_turtle(kb_file)
        try:
            store.load(data, format=ox.RdfFormat.TURTLE)
        except SyntaxError:
            # A damaged cache file (written by something else): compute afresh.
            from vngkb import finance

            store.load(finance.computed_turtle(kb_file=kb_file).encode("utf-8"),
                       format=ox.RdfFormat.TURTLE)


def add_tellingen(store: ox.Store, amounts: ox.Store | None = None) -> None:
    """Add to *store* the tellingen (which amount counts in which year, and why;
    :mod:`vngkb.finance.telling`) of the amounts in *amounts* (default: *store* itself)."""
    from vngkb.finance.telling import telling_quads

    store.extend(telling_quads(store if amounts is None else amounts))


#: Changes whenever what a cached KB holds or how files are checked changes.
KB_CACHE_VERSION = 2


def kb_key(contents: Sequence[tuple[Path, bytes]], *, computed: bool) -> str:
    """The cache key of the KB loaded from *contents* (each file's path and bytes), with
    or without the computed figures."""
    # The bounds the files were checked against, as the checks read them now.
    parts: list[str | bytes] = [f"kb {KB_CACHE_VERSION} {turtle.MAX_TRIPLES} "
                                f"{literals.MAX_IRI_CHARS} {literals.MAX_LITERAL_CHARS}"]
    for path, data in contents:
        # The base IRI of a file is its location: relative IRIs resolve against it.
        parts += [path.resolve().as_uri(), diskcache.digest(data)]
    found = accres_files([path for path, _ in contents]) if computed else []
    parts += [computed_key(path) for path in found if path.exists()] or ["geen berekend"]
    return diskcache.key(*parts)


def _read(files: Sequence[Path] | None) -> list[tuple[Path, bytes]]:
    """Each of *files* (default: the shipped ontology and KB) with its bytes, read and
    size-checked by :func:`vngkb.rdf.turtle.read_turtle`."""
    return [(path, read_turtle(path)) for path in (default_files() if files is None else files)]


def load_kb(files: Sequence[Path] | None = None, *, computed: bool = True) -> ox.Store:
    """The KB: *files* (default: the shipped ontology and KB) and, when *computed*, the
    finance module's computed accres figures. A file that is not a regular file, too big,
    or not valid bounded Turtle raises :class:`vngkb.core.errors.KbSyntaxError` naming it.

    >>> from vngkb.kb.load import load_store
    >>> store = load_kb()
    >>> len(store) > len(load_store())
    True
    """
    contents = _read(files)
    return _load(contents, kb_key(contents, computed=computed), computed=computed)


def _load(contents: Sequence[tuple[Path, bytes]], key: str, *, computed: bool) -> ox.Store:
    """The in-memory store of *contents* under cache *key*: from N-Quads in the cache, or
    parsed, checked and then cached."""
    name = f"kb-{key}.nq"
    cached = diskcache.read(name)
    if cached is not None:
        store = ox.Store()
        try:
            store.load(cached, format=ox.RdfFormat.N_QUADS)
            return store
        except SyntaxError:
            pass  # a damaged entry (written by something else): load the files afresh
    parsed = [(path, data, parse_turtle(path, data)) for path, data in contents]
    check_letters(parsed)
    store = ox.Store()
    for _, _, quads in parsed:
        store.extend(quads)
    if computed:
        add_computed(store, accres_files([path for path, _ in contents]))
        add_tellingen(store)
    dumped = store.dump(format=ox.RdfFormat.N_QUADS)
    if dumped is not None:  # always bytes when no output is given; the type allows None
        diskcache.write(name, dumped)
    return store


def check_letters(parsed: Sequence[tuple[Path, bytes, Sequence[ox.Quad]]]) -> None:
    """Refuse (:class:`~vngkb.core.errors.InputError`, before anything is loaded or cached)
    a KB whose letters' files state things about other letters, lack their letter's
    declaration, or declare one letter twice: the first problem with file and line, and
    how many more ``vngkb validate`` lists."""
    from vngkb.kb.layout import kb_folder

    folder = kb_folder()
    if not any(folder.letter_of(path) for path, _, _ in parsed):
        return
    from vngkb.i18n import current_lang, t
    from vngkb.kb.letterchecks import letter_problems

    problems = letter_problems(folder, parsed)
    if problems:
        more = t("kb_more_problems", n=len(problems) - 1) if len(problems) > 1 else ""
        raise InputError(problems[0].text(current_lang()) + more)


def open_kb(files: Sequence[Path] | None = None) -> ox.Store:
    """The KB with its computed figures, as :func:`load_kb` gives it, but read-only: an
    Oxigraph database in the cache, opened without loading anything (a tenth of a cold
    ``vngkb ask``, against a fifth for reading N-Quads). Built on first use from
    :func:`load_kb`; without a usable cache, :func:`load_kb` itself.

    >>> store = open_kb()
    >>> len(store) == len(load_kb())
    True
    """
    contents = _read(files)
    key = kb_key(contents, computed=True)
    name = f"kb-{key}.oxigraph"
    folder = diskcache.cache_dir()
    if folder is not None and os.path.lexists(folder / name):
        # A database whose files are not those written (one cut short, lost or added,
        # a file where the folder was) or that RocksDB cannot open is damaged: it is
        # removed and built again, never used.
        if diskcache.intact(name, folder):
            try:
                store = ox.Store.read_only(str(folder / name))
                diskcache.used(name, folder)
                return store
            except (OSError, RuntimeError):  # RocksDB reports corruption as RuntimeError
                pass
        diskcache.discard_sealed(name, folder)
    store = _load(contents, key, computed=True)  # the files are read once
    if folder is not None:
        _write_database(store, folder, name)
    return store


def _write_database(store: ox.Store, folder: Path, name: str) -> None:
    """Copy *store* into a new Oxigraph database *folder*/*name*, whole or not at all: it
    is built under a temporary name and renamed into place."""
    import shutil
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = tempfile.mkdtemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError:
        return
    try:
        database = ox.Store(temporary)
        database.extend(store)
        database.flush()
        del database  # closes it: a database is renamed only when nothing writes to it
        diskcache.seal(name, folder, built=Path(temporary))
        os.rename(temporary, folder / name)
        diskcache.prune(folder)
    except BaseException as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if not isinstance(error, OSError):
            raise  # an interrupt: the half-built database is gone, the interrupt goes on
