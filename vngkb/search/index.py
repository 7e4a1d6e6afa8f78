"""The search index: every text of the KB, stemmed, in an SQLite FTS5 table, built from the
KB (never edited by hand) and cached on disk under a key made of the KB files' contents and
:data:`INDEX_VERSION`, so that a changed KB or index code builds a new one.

Why SQLite FTS5: it ships with Python (no service, no new binary dependency), ranks by
BM25 with a weight per column (a measure's title above a passing mention in its text), and
its query language can be reduced to quoted tokens that no user input can escape.
FTS5 gets pre-stemmed words (:mod:`vngkb.text.dutch`), so its own tokenizer only splits
on the spaces between them; the original texts are kept beside them for snippets.

One *unit* (an FTS5 row) per measure, for the Voorwoord, per motion or amendment and per
accres table; a unit's *parts* are its texts with their source lines (a measure's title,
intention, effect for municipalities, stance passages, amount quotes, VNG demands and laws;
an accres table's rows and quotes, and the letter's own paragraphs of the accres analysis,
each with the table whose lines hold it, the others with the analysis text's dataset).
Synonyms come from the data too: the labels of SKOS concepts and the letter's abbreviation
list (kb/afkortingen.ttl).

Each unit carries its letter (a KB can hold several: docs/letters.md), and the index keeps
the KB's letters, so that a search is of one letter (``vngkb zoek --brief``) without
loading the KB.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vngkb.core.errors import InputError
from vngkb.query.letters import Letter
from vngkb.query.store import Backend
from vngkb.text.dutch import stems, words

#: Changes whenever what is indexed or how changes: part of the cache key.
INDEX_VERSION = "10"

#: Column weights for BM25: a hit in the title counts this many times a hit in the text.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0

#: Kinds of parts, in the order a measure's page shows them.
FIELD_ORDER = ["titel", "voornemen", "gevolg", "standpunt", "bedrag", "eis", "wet",
               "onderwerp", "indiener", "rij", "citaat", "alinea"]


@dataclass
class Part:
    """One text of a unit, with the source lines it stands on."""

    field: str
    text: str
    first_line: int
    last_line: int


@dataclass
class Unit:
    """What a hit points to: a measure, the Voorwoord, a motion, an accres table."""

    iri: str
    kind: str
    title: str
    first_line: int
    last_line: int
    measure: str | None = None
    parts: list[Part] = field(default_factory=list)
    #: The id of the letter the unit is in (None: a shared thing no letter states).
    letter: str | None = None


_MEASURES = """
SELECT ?m ?title ?first ?last WHERE {
  ?m a def:Maatregel ; dct:title ?title ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  FILTER(lang(?title) = "nl" || lang(?title) = "")
} ORDER BY ?first ?m
"""

# Texts on the measure itself (their lines are the measure's).
_MEASURE_TEXTS = """
SELECT ?m ?field ?text WHERE {
  ?m a def:Maatregel .
  { ?m def:voornemen ?text . BIND("voornemen" AS ?field) }
  UNION { ?m def:gevolgVoorGemeenten ?text . BIND("gevolg" AS ?field) }
  UNION { ?m def:standpuntPassage ?text . BIND("standpunt" AS ?field) }
  UNION { ?m def:eis/skos:prefLabel ?text . BIND("eis" AS ?field) }
  UNION { ?m def:wet/rdfs:label ?text . BIND("wet" AS ?field) }
  FILTER(lang(?text) = "nl" || lang(?text) = "")
} ORDER BY ?m ?field ?text
"""

# Amount quotes of measures and of the Voorwoord, with their own lines.
_AMOUNT_QUOTES = """
SELECT ?owner ?text ?first ?last WHERE {
  ?owner def:bedrag ?b . ?b def:citaat ?text ; def:eersteRegel ?first ; def:laatsteRegel ?last .
} ORDER BY ?owner ?first ?text
"""

_VOORWOORD = """
SELECT ?v ?title ?first ?last WHERE {
  ?v a def:Voorwoord ; rdfs:label ?title ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  FILTER(lang(?title) = "nl")
}
"""

_MOTIONS = """
SELECT ?x ?kind ?title ?first ?last ?m
       (GROUP_CONCAT(DISTINCT ?onderwerp; separator="\\u001f") AS ?onderwerpen)
       (GROUP_CONCAT(DISTINCT ?indiener; separator="\\u001f") AS ?indieners) WHERE {
  VALUES (?class ?kind) { (def:Motie "motie") (def:Amendement "amendement") }
  ?x a ?class ; dct:title|rdfs:label ?title ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  FILTER(lang(?title) = "nl")
  OPTIONAL { ?x def:onderwerp ?onderwerp }
  OPTIONAL { ?x def:indiener ?indiener }
  OPTIONAL { ?x def:betreft ?m }
} GROUP BY ?x ?kind ?title ?first ?last ?m ORDER BY ?first ?x
"""

# The letter a motion or amendment was read from (motions are shared: their IRIs carry
# no letter).
_MOTION_SOURCES = """
SELECT ?x ?bron WHERE {
  VALUES ?class { def:Motie def:Amendement }
  ?x a ?class ; dct:source ?bron .
} ORDER BY ?x ?bron
"""

_ACCRES_TABLES = """
SELECT ?d ?title ?first ?last WHERE {
  ?d a qb:DataSet ; rdfs:label ?title ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  FILTER(lang(?title) = "nl")
} ORDER BY ?first
"""

_ACCRES_TEXTS = """
SELECT DISTINCT ?d ?field ?text ?first ?last WHERE {
  ?o qb:dataSet ?d ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  { ?o def:rij ?text . BIND("rij" AS ?field) }
  UNION { ?o def:citaat ?text . BIND("citaat" AS ?field)
          FILTER(REGEX(?text, "[A-Za-z]")) }  # prose, not the tables' bare figures
} ORDER BY ?d ?first ?field ?text
"""

# Where the accres analysis stands in the letter: from the line after the Voorwoord (the
# analysis follows it) to the last line of the accres datasets.
_ANALYSIS_LINES = """
SELECT ?after ?start ?end WHERE {
  { SELECT (MIN(?first) AS ?start) (MAX(?last) AS ?end) WHERE {
      ?d a qb:DataSet ; def:eersteRegel ?first ; def:laatsteRegel ?last . } }
  OPTIONAL { SELECT (MAX(?voorwoordLast) AS ?after) WHERE {
      ?v a def:Voorwoord ; def:laatsteRegel ?voorwoordLast . } }
}
"""

# Synonyms as data: every label (pref, alt, hidden) of a concept (or a ministry) that has
# more than one Dutch label, and each abbreviation of the letter's list with its meaning;
# a term equal to one of them is searched as any of them.
_SYNONYMS = """
SELECT DISTINCT ?c ?label WHERE {
  {
    SELECT ?c ?label WHERE {
      ?c skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label .
      FILTER(lang(?label) = "nl" || lang(?label) = "")
    }
  } UNION {
    ?c a def:Afkorting ; skos:notation|skos:definition ?label .
  }
  {
    SELECT ?c WHERE {
      { ?c skos:prefLabel|skos:altLabel|skos:hiddenLabel ?l .
        FILTER(lang(?l) = "nl" || lang(?l) = "") }
      UNION { ?c a def:Afkorting ; skos:notation|skos:definition ?l . }
    } GROUP BY ?c HAVING(COUNT(DISTINCT ?l) > 1)
  }
} ORDER BY ?c ?label
"""


def _int(value: object) -> int:
    return int(str(value))


def gather(backend: Backend, source_lines: Sequence[str] | None = None
           ) -> tuple[list[Unit], list[tuple[str, str]]]:
    """The units and the synonym labels ``(concept, label)`` of the KB in *backend*; with
    *source_lines* (the letter) also the paragraphs of the accres analysis."""
    units: dict[str, Unit] = {}
    for r in backend.select(_MEASURES).records():
        iri = str(r["m"])
        units[iri] = Unit(iri, "maatregel", str(r["title"]), _int(r["first"]), _int(r["last"]),
                          measure=iri)
        units[iri].parts.append(Part("titel", str(r["title"]), _int(r["first"]),
                                     _int(r["first"])))
    for r in backend.select(_MEASURE_TEXTS).records():
        if (unit := units.get(str(r["m"]))) is None:
            continue  # a measure without title or lines (the shapes report it)
        unit.parts.append(Part(str(r["field"]), str(r["text"]), unit.first_line, unit.last_line))
    for r in backend.select(_VOORWOORD).records():
        iri = str(r["v"])
        units[iri] = Unit(iri, "voorwoord", str(r["title"]), _int(r["first"]), _int(r["last"]))
        units[iri].parts.append(Part("titel", str(r["title"]), _int(r["first"]),
                                     _int(r["first"])))
    for r in backend.select(_AMOUNT_QUOTES).records():
        if (owner := units.get(str(r["owner"]))) is not None:
            owner.parts.append(Part("bedrag", str(r["text"]), _int(r["first"]), _int(r["last"])))
    for r in backend.select(_MOTIONS).records():
        iri, first, last = str(r["x"]), _int(r["first"]), _int(r["last"])
        unit = Unit(iri, str(r["kind"]), str(r["title"]), first, last,
                    measure=None if r["m"] is None else str(r["m"]))
        unit.parts.append(Part("titel", str(r["title"]), first, last))
        for name, column in (("onderwerp", "onderwerpen"), ("indiener", "indieners")):
            unit.parts.extend(Part(name, text, first, last)
                              for text in sorted(str(r[column] or "").split("\x1f")) if text)
        units[iri] = unit
    for r in backend.select(_ACCRES_TABLES).records():
        iri = str(r["d"])
        units[iri] = Unit(iri, "accres", str(r["title"]), _int(r["first"]), _int(r["last"]))
        units[iri].parts.append(Part("titel", str(r["title"]), _int(r["first"]),
                                     _int(r["first"])))
    for r in backend.select(_ACCRES_TEXTS).records():
        if (table := units.get(str(r["d"]))) is not None:
            table.parts.append(Part(str(r["field"]), str(r["text"]), _int(r["first"]),
                                    _int(r["last"])))
    if source_lines is not None:
        _analysis_paragraphs(backend, [u for u in units.values() if u.kind == "accres"],
                             source_lines)
    synonyms = [(str(r["c"]), str(r["label"])) for r in backend.select(_SYNONYMS).records()]
    _letters(backend, units)
    for unit in units.values():
        unit.parts.sort(key=lambda p: (FIELD_ORDER.index(p.field), p.first_line))
    return list(units.values()), synonyms


def _letters(backend: Backend, units: dict[str, Unit]) -> None:
    """Set each unit's letter: the one its IRI carries, else its measure's, else (a
    motion) the letter it was read from."""
    from vngkb.kb.layout import letter_of_bron, letter_of_iri

    sources: dict[str, str] = {}
    for r in backend.select(_MOTION_SOURCES).records():
        letter = letter_of_bron(str(r["bron"]))
        if letter is not None:
            sources.setdefault(str(r["x"]), letter)
    for unit in units.values():
        unit.letter = (letter_of_iri(unit.iri) or letter_of_iri(unit.measure or "")
                       or sources.get(unit.iri))


def _analysis_paragraphs(backend: Backend, tables: list[Unit],
                         source_lines: Sequence[str]) -> None:
    """Add each paragraph of the accres analysis in the letter to the accres unit whose
    lines hold it (a table), or else to the widest one (the text of the analysis), so that
    its words (onderuitputting, eindafrekening, gaswinning) are found with their lines."""
    from vngkb.rdf.sourcetext import paragraph_ranges

    if not tables:
        return
    (after, start, end), = backend.select(_ANALYSIS_LINES).values()
    if start is None or end is None:
        return
    first = _int(after) + 1 if after is not None and _int(after) < _int(start) else _int(start)
    widest = max(tables, key=lambda u: (u.last_line - u.first_line, -u.first_line))
    for top, bottom, text in paragraph_ranges(source_lines, first, _int(end)):
        holders = [u for u in tables if u.first_line <= top and bottom <= u.last_line]
        unit = min(holders, key=lambda u: u.last_line - u.first_line) if holders else widest
        unit.parts.append(Part("alinea", text, top, bottom))


_SCHEMA = """
CREATE TABLE unit (id INTEGER PRIMARY KEY, iri TEXT, kind TEXT, title TEXT,
                   first_line INTEGER, last_line INTEGER, measure TEXT, measure_title TEXT,
                   letter TEXT);
CREATE TABLE letter (id TEXT, year INTEGER, iri TEXT, title TEXT);
CREATE TABLE part (unit INTEGER, seq INTEGER, field TEXT, text TEXT,
                   first_line INTEGER, last_line INTEGER, stems TEXT, words TEXT);
CREATE TABLE synonym (concept TEXT, label TEXT, stems TEXT);
CREATE INDEX part_of_unit ON part (unit, seq);
CREATE INDEX synonym_by_stems ON synonym (stems);
CREATE VIRTUAL TABLE fts USING fts5(titel, tekst, tokenize = 'unicode61 remove_diacritics 0');
"""


def write_index(connection: sqlite3.Connection, units: Sequence[Unit],
                synonyms: Iterable[tuple[str, str]],
                letters: Iterable[Letter] = ()) -> None:
    """Fill an empty database with the schema, *units*, *synonyms* and the KB's
    *letters*."""
    connection.executescript(_SCHEMA)
    connection.executemany("INSERT INTO letter VALUES (?, ?, ?, ?)",
                           [(x.id, x.year, x.iri, x.title) for x in letters])
    titles = {u.iri: u.title for u in units}
    for number, unit in enumerate(units, 1):
        connection.execute("INSERT INTO unit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
            number, unit.iri, unit.kind, unit.title, unit.first_line, unit.last_line,
            unit.measure, titles.get(unit.measure or ""), unit.letter))
        # The stems of each part, so that a search only reads the parts that match, and its
        # words (start, end, stem), so that a snippet need not tokenize and stem again.
        rows = []
        for seq, p in enumerate(unit.parts):
            found = list(words(p.text))
            rows.append((number, seq, p.field, p.text, p.first_line, p.last_line,
                         " ".join(sorted({w.stem for w in found})),
                         json.dumps([list(w) for w in found], ensure_ascii=False)))
        connection.executemany("INSERT INTO part VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        title = " ".join(stems(" ".join(p.text for p in unit.parts if p.field == "titel")))
        text = " ".join(stems(" ".join(p.text for p in unit.parts if p.field != "titel")))
        connection.execute("INSERT INTO fts (rowid, titel, tekst) VALUES (?, ?, ?)",
                           (number, title, text))
    connection.executemany("INSERT INTO synonym VALUES (?, ?, ?)",
                           [(c, label, " ".join(stems(label))) for c, label in synonyms])
    connection.commit()


def kb_key(files: Sequence[Path]) -> str:
    """The cache key: a hash of :data:`INDEX_VERSION` and the files' names and contents.

    Remembered in the process for files whose size and modification time are unchanged,
    so that a server does not re-read the KB for every search."""
    try:
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    except OSError:
        return _hash_files(files)
    if (known := _KEYS.get(stamp)) is None:
        known = _KEYS[stamp] = _hash_files(files)
    return known


_KEYS: dict[tuple[tuple[str, int, int], ...], str] = {}


def _hash_files(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"vngkb-zoekindex {INDEX_VERSION}\n".encode())
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: kan niet worden gelezen: {error.strerror}") from None
        digest.update(f"{path.name}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    """Where indexes are kept: ``$VNGKB_CACHE_DIR``, else ``$XDG_CACHE_HOME/vngkb``,
    else ``~/.cache/vngkb``."""
    if explicit := os.environ.get("VNGKB_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vngkb"


def _build(files: Sequence[Path], target: sqlite3.Connection) -> None:
    import pyoxigraph as ox

    from vngkb.kb.load import load_file
    from vngkb.query.store import EmbeddedStore

    store = ox.Store()  # the files as written: the finance module's figures hold no text
    for path in files:
        load_file(store, path)
    from vngkb.core.paths import SOURCE_FILE
    from vngkb.query.letters import letters
    from vngkb.rdf.sourcetext import read_source

    backend = EmbeddedStore(store)
    units, synonyms = gather(backend, read_source(SOURCE_FILE))
    write_index(target, units, synonyms, letters(backend))


def index_letters(connection: sqlite3.Connection) -> list[Letter]:
    """The letters of the KB the index was built from, oldest first."""
    return sorted(Letter(year=int(year), id=str(letter), iri=str(iri), title=str(title))
                  for letter, year, iri, title in connection.execute(
                      "SELECT id, year, iri, title FROM letter"))


def open_index(files: Sequence[Path] | None = None,
               directory: Path | None = None) -> sqlite3.Connection:
    """A read-only connection to the index of *files* (default: the shipped KB), built
    and cached in *directory* (default :func:`cache_dir`) when it is not there yet.

    The index is written to a temporary file and renamed into place, so a reader never
    sees half an index; when the cache cannot be written, it is built in memory."""
    from vngkb.core import diskcache
    from vngkb.core.paths import SOURCE_FILE
    from vngkb.kb.load import default_files

    files = default_files() if files is None else list(files)
    directory = cache_dir() if directory is None else directory
    # The letter's text is indexed too (the accres analysis): part of the key.
    name = f"zoekindex-{kb_key([*files, SOURCE_FILE])}.sqlite"
    path = directory / name
    if os.path.lexists(path):
        # An index whose size is not the one written (cut short, a folder where the
        # file was, no record) or that SQLite cannot read is damaged: built again.
        if diskcache.intact(name, directory):
            with contextlib.suppress(sqlite3.Error, OSError):
                return _read_only(path)
        diskcache.discard_sealed(name, directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".zoekindex-", suffix=".tmp", dir=directory)
    except OSError:
        return _in_memory(files)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            _build(files, connection)
        finally:
            connection.close()
        diskcache.seal(name, directory, built=Path(temporary))
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):  # the cache cannot hold it: an index in memory
        return _in_memory(files)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    _prune(directory, keep=path)
    try:
        return _read_only(path)
    except sqlite3.Error:  # removed or damaged meanwhile by another process
        return _in_memory(files)


def _in_memory(files: Sequence[Path]) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    _build(files, memory)
    return memory


#: Indexes kept in the cache: the newest few (other KB copies, other versions of the code).
KEEP_INDEXES = 4


def _prune(directory: Path, keep: Path) -> None:
    """Remove all but the :data:`KEEP_INDEXES` most recently built indexes (never *keep*)."""
    def built(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    indexes = sorted(directory.glob("zoekindex-*.sqlite"), key=built, reverse=True)
    for old in [p for p in indexes if p != keep][KEEP_INDEXES - 1:]:
        with contextlib.suppress(OSError):  # in use elsewhere, or gone already
            old.unlink()


def _read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True,
                                 check_same_thread=False)
    connection.execute("SELECT count(*) FROM unit").fetchone()  # a broken file fails here
    return connection
