"""Export the whole KB (ontology, schemes, data, computed figures) as linked-data dumps
with a DCAT-AP-NL description beside them.

Files, in the output folder:

- ``vngkb.ttl`` (Turtle), ``vngkb.nt`` (N-Triples), ``vngkb.jsonld`` (JSON-LD): the KB as
  one graph. The JSON-LD document refers to ``context.jsonld``, written beside it (a
  relative reference, so it resolves wherever the two files are published together);
- ``vngkb.trig`` (TriG), ``vngkb.nq`` (N-Quads): the KB as a dataset, one named graph per
  part (see :mod:`vngkb.kb.graphs`);
- ``void.ttl``: the VoID description (size, classes, properties, named graphs as
  subsets, example resources, dumps, SPARQL endpoint), computed from the dataset;
- ``dcat.ttl``: the DCAT-AP-NL description of the dataset and of each file (media type,
  format, byte size, SHA-256, download URL), checked against the DCAT-AP-NL shapes.

Every file is byte-reproducible: the same KB with the same options gives the same bytes
(blank nodes get labels derived from the data, see :func:`vngkb.kb.graphs.canonical_blank_nodes`,
and JSON-LD arrays are sorted), so a publisher can diff two releases or check a checksum
against a rebuilt dump.

Writing is all or nothing: every file is first written to a temporary file in the output
folder and flushed to disk; only when all of them are written, and the description
conforms, are they moved over the previous files (``os.replace``, atomic per file). A
failure before that leaves the previous files as they were and removes the temporary
files.

Temporary files are named ``.<file>.<8 random characters>.vngkb-export.tmp`` (e.g.
``.vngkb.ttl.k3x9_a2b.vngkb-export.tmp``). SIGTERM, SIGHUP and SIGINT during the write
phase remove them before the process ends as the signal asks; after a SIGKILL (which
no process can catch) they stay, and the next successful export into the same folder
removes every file of that pattern whose ``<file>`` is one of the export's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from vngkb.core.errors import InputError, shorten
from vngkb.i18n import t
from vngkb.kb.graphs import DEFAULT_BASE, KbDataset, Part, build_dataset, prefixes, turtle_prefixes
from vngkb.publish import dcat, void
from vngkb.rdf.namespaces import DCT, RDF

CONTEXT_FILE = "context.jsonld"
DCAT_FILE = "dcat.ttl"
#: The end of every temporary file name of an export (see the module docstring).
TEMP_SUFFIX = ".vngkb-export.tmp"
#: Signals that remove the temporary files before they end the process.
CLEANUP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                        if hasattr(signal, name))
#: Test hook: after the first temporary file is written, wait until this file exists
#: (so that a test can interrupt an export at a known point).
PAUSE_ENV = "VNGKB_EXPORT_TEST_PAUSE_UNTIL"


@dataclass(frozen=True)
class Format:
    """One dump format."""

    key: str
    filename: str
    media_type: str
    #: Code in the EU file-type list.
    file_type: str
    label: str
    #: True for the formats that keep the named graphs.
    named_graphs: bool


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("turtle", "vngkb.ttl", "text/turtle", "RDF_TURTLE", "Turtle", False),
    Format("ntriples", "vngkb.nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples",
           False),
    Format("jsonld", "vngkb.jsonld", "application/ld+json", "JSON_LD", "JSON-LD", False),
    Format("trig", "vngkb.trig", "application/trig", "RDF_TRIG", "TriG", True),
    Format("nquads", "vngkb.nq", "application/n-quads", "RDF_N_QUADS", "N-Quads", True),
)}


@dataclass(frozen=True)
class WrittenFile:
    """A file the export wrote."""

    path: Path
    media_type: str
    byte_size: int


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote, and what it is about."""

    base: str
    files: list[WrittenFile]
    parts: list[Part]
    triples: int
    placeholders: list[str]
    #: Recommended DCAT-AP-NL values left out: (what, the option that gives it).
    missing: list[tuple[str, str]]


# --- Serialisers (one function per format, each returns the file's bytes) -----------

def _written(data: bytes | None) -> bytes:
    assert data is not None  # Oxigraph returns the bytes when given no output file
    return data


def _turtle(dataset: KbDataset) -> bytes:
    return _written(dataset.merged().dump(format=ox.RdfFormat.TURTLE,
                                          from_graph=ox.DefaultGraph(),
                                          prefixes=turtle_prefixes(dataset)))


def _ntriples(dataset: KbDataset) -> bytes:
    return _written(dataset.merged().dump(format=ox.RdfFormat.N_TRIPLES,
                                          from_graph=ox.DefaultGraph()))


def _trig(dataset: KbDataset) -> bytes:
    return _written(dataset.store.dump(format=ox.RdfFormat.TRIG,
                                       prefixes=turtle_prefixes(dataset)))


def _nquads(dataset: KbDataset) -> bytes:
    return _written(dataset.store.dump(format=ox.RdfFormat.N_QUADS))


def context_document(base: str = DEFAULT_BASE) -> dict[str, object]:
    """The published JSON-LD context: the KB's prefixes, on *base*."""
    return {"@context": prefixes(base)}


def compact_jsonld(triples: Iterable[ox.Triple | ox.Quad], base: str,
                   context: object) -> bytes:
    """*triples* as JSON-LD compacted with the published context (:func:`context_document`
    on *base*; rdflib's serialiser, Oxigraph's writes expanded JSON-LD only), with
    *context* as the document's ``@context``: ``context.jsonld`` (a reference) in the dump,
    the context itself in a server's answer. Arrays are sorted, so the bytes are the same
    in every run."""
    import rdflib

    graph = rdflib.Graph()
    # Built term by term rather than parsed from N-Triples: rdflib's parser gives blank
    # nodes new random labels, and the dump must be the same in every run.
    for triple in triples:
        graph.add((_rdflib_term(triple.subject), _rdflib_term(triple.predicate),
                   _rdflib_term(triple.object)))
    document = json.loads(graph.serialize(format="json-ld",
                                          context=context_document(base)["@context"],
                                          auto_compact=True))
    body = {"@context": context,
            **{k: _sorted_jsonld(v) for k, v in document.items() if k != "@context"}}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _jsonld(dataset: KbDataset) -> bytes:
    """Compact JSON-LD whose context is a reference to ``context.jsonld``."""
    return compact_jsonld(dataset.merged(), dataset.base, CONTEXT_FILE)


def _sorted_jsonld(value: Any, ordered: bool = False) -> Any:
    """*value* with every JSON-LD array sorted except ``@list`` (whose order is data):
    rdflib writes nodes and values in an order that changes from run to run.

    >>> _sorted_jsonld({"@graph": [{"@id": "b"}, {"@id": "a", "@list": [2, 1]}]})
    {'@graph': [{'@id': 'a', '@list': [2, 1]}, {'@id': 'b'}]}
    """
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v, ordered=k == "@list") for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        if ordered:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _rdflib_term(term: object) -> Any:
    """The rdflib term for an Oxigraph term (blank node labels kept)."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


SERIALISERS: dict[str, Callable[[KbDataset], bytes]] = {
    "turtle": _turtle, "ntriples": _ntriples, "jsonld": _jsonld, "trig": _trig,
    "nquads": _nquads,
}


# --- Writing -----------------------------------------------------------------------

def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


class _Staging:
    """Files written to temporary names in one folder, moved into place together."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.staged: dict[str, Path] = {}

    def add(self, name: str, data: bytes) -> None:
        # A signal between creating the temporary file and recording it would leave a file
        # the cleanup does not know of: the signals wait until it is recorded.
        blocking = hasattr(signal, "pthread_sigmask")
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, CLEANUP_SIGNALS) if blocking else None
        try:
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.",
                                            suffix=TEMP_SUFFIX)
            self.staged[name] = Path(temp)
        except OSError as error:
            raise InputError(t("export_cannot_write_in", path=_shown(self.folder),
                               reason=error.strerror)) from None
        finally:
            if mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        try:
            with os.fdopen(handle, "wb") as stream:
                # mkstemp makes the file private (0600); dumps are meant to be shared.
                os.fchmod(stream.fileno(), 0o666 & ~_umask())
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            raise InputError(t("export_cannot_write", path=_shown(self.folder / name),
                               reason=error.strerror)) from None
        if len(self.staged) == 1:
            _pause_for_tests()

    def commit(self) -> None:
        # The signals wait until every file is in place: an export is all old or all new.
        blocking = hasattr(signal, "pthread_sigmask")
        if blocking:
            signal.pthread_sigmask(signal.SIG_BLOCK, CLEANUP_SIGNALS)
        try:
            for name, temp in self.staged.items():
                os.replace(temp, self.folder / name)
            self.staged = {}
        finally:
            if blocking:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, CLEANUP_SIGNALS)
        _fsync_folder(self.folder)

    def discard(self) -> None:
        for temp in self.staged.values():
            temp.unlink(missing_ok=True)
        self.staged = {}


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable (where the platform allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _shown(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 and text.isprintable() else shorten(text)


def _prepare_folder(out: Path) -> Path:
    try:  # exists() raises, rather than answers, for a name too long for the system
        if out.exists() and not out.is_dir():
            raise InputError(t("export_not_a_folder", path=_shown(out)))
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(t("export_cannot_create", path=_shown(out), reason=error.strerror)
                         ) from None
    except ValueError:  # a NUL character in the name
        raise InputError(t("export_cannot_create", path=_shown(out),
                           reason=t("export_not_a_folder_name"))) from None
    return out


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_ENV)
    deadline = time.monotonic() + 60
    while marker and not os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.02)


#: Temporary files of an export: ``.<name>.<mkstemp's 8 characters><suffix>``; the
#: ``.tmp`` suffix alone is the form older versions wrote.
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}(?:" + re.escape(TEMP_SUFFIX)
                        + r"|\.tmp)", re.ASCII)


def written_names() -> set[str]:
    """Every file name an export writes (and stages under a temporary name): the dumps,
    the JSON-LD context, the VoID and the DCAT description. (The VoID file was missing
    here, so a ``.void.ttl....tmp`` left by a killed export stayed for good.)

    >>> sorted(written_names())[-2:]
    ['vngkb.ttl', 'void.ttl']
    """
    return {f.filename for f in FORMATS.values()} | {CONTEXT_FILE, DCAT_FILE, void.VOID_FILE}


def stale_temp_files(folder: Path) -> list[Path]:
    """The temporary files an interrupted export left in *folder*: names of the export's
    pattern whose file is one the export writes (nothing else is touched).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for n in (".vngkb.ttl.abcd_123.vngkb-export.tmp", ".other.abcd_123.tmp", "vngkb.ttl",
    ...               ".void.ttl.x9_zzzzz.vngkb-export.tmp"):
    ...         _ = (Path(d) / n).write_text("x")
    ...     [p.name for p in stale_temp_files(Path(d))]
    ['.vngkb.ttl.abcd_123.vngkb-export.tmp', '.void.ttl.x9_zzzzz.vngkb-export.tmp']
    """
    own = written_names()
    found = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match and match.group("name") in own and entry.is_file() and not entry.is_symlink():
            found.append(entry)
    return found


def _remove_stale(folder: Path) -> None:
    for stale in stale_temp_files(folder):
        # Another process may have removed it already; nothing of ours is lost.
        with suppress(OSError):
            stale.unlink()


class _Interrupted(BaseException):
    """A catchable signal arrived while temporary files existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM, SIGHUP and SIGINT raise :class:`_Interrupted`
    (the block's cleanup then runs); afterwards the signal is delivered again with the
    handler the process had before, so it ends (or raises) as it would have."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set in the main thread
        return
    received: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        if not received:  # a second signal during the cleanup must not interrupt it
            received.append(signum)
            raise _Interrupted(signum)

    # A signal the process ignores (SIGHUP under nohup) stays ignored.
    previous = {signum: signal.signal(signum, handler) for signum in CLEANUP_SIGNALS
                if signal.getsignal(signum) is not signal.SIG_IGN}
    try:
        yield
    except _Interrupted:
        pass
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
    if received:
        os.kill(os.getpid(), received[0])
        # A handler that returns lets the export end without writing.
        raise InputError(t("export_interrupted", signal=received[0]))


def check_formats(keys: Sequence[str] | None) -> list[str]:
    """The formats to write, in a fixed order (default: all of them)."""
    if not keys:
        return list(FORMATS)
    unknown = [k for k in keys if k not in FORMATS]
    if unknown:
        raise InputError(t("export_unknown_format", name=unknown[0], formats=", ".join(FORMATS)))
    return [k for k in FORMATS if k in keys]


def _sources(dataset: KbDataset) -> tuple[str, ...]:
    """The source documents the KB says it was read from (``def:Brondocument``)."""
    found = dataset.store.quads_for_pattern(None, ox.NamedNode(RDF + "type"),
                                            ox.NamedNode(dataset.base + "/def/Brondocument"))
    return tuple(sorted({q.subject.value for q in found if isinstance(q.subject, ox.NamedNode)}))


def _letters(dataset: KbDataset) -> tuple[dcat.LetterFacts, ...]:
    """Each letter of the KB with its title and the graphs of its own files
    (``kb/{letter}/...``)."""
    found = []
    for source in _sources(dataset):
        letter = source.rstrip("/").rpartition("/")[2]
        titles = [q.object for q in dataset.store.quads_for_pattern(
            ox.NamedNode(source), ox.NamedNode(DCT + "title"), None)
            if isinstance(q.object, ox.Literal)]
        dutch = sorted(t.value for t in titles if t.language in ("nl", None))
        title = (dutch or sorted(t.value for t in titles) or [letter])[0]
        graphs = tuple(p.graph for p in dataset.parts if p.name.startswith(f"kb/{letter}/"))
        found.append(dcat.LetterFacts(iri=source, id=letter, title=title, graphs=graphs))
    return tuple(found)


def export(out: Path, *, base: str = DEFAULT_BASE, formats: Sequence[str] | None = None,
           options: dcat.DcatOptions | None = None, files: Sequence[Path] | None = None
           ) -> ExportReport:
    """Write the KB to folder *out* in *formats* (default all), on *base*, with its
    DCAT description; all files or none (see the module docstring)."""
    keys = check_formats(formats)
    options = (options or dcat.DcatOptions()).checked()
    dataset = build_dataset(base, files)
    folder = _prepare_folder(out)
    staging = _Staging(folder)
    with _cleanup_on_signals():
        written = _write(dataset, keys, options, folder, staging)
    _remove_stale(folder)
    return ExportReport(base=dataset.base, files=written, parts=dataset.parts,
                        triples=dataset.triples, placeholders=options.placeholders,
                        missing=options.missing)


def _write(dataset: KbDataset, keys: list[str], options: dcat.DcatOptions, folder: Path,
           staging: _Staging) -> list[WrittenFile]:
    """Stage every file, then move them all into place; on any failure or signal the
    staged files are removed."""
    try:
        downloads = []
        for key in keys:
            fmt = FORMATS[key]
            data = SERIALISERS[key](dataset)
            staging.add(fmt.filename, data)
            see_also: tuple[str, ...] = ()
            if key == "jsonld":
                context = json.dumps(context_document(dataset.base), indent=1) + "\n"
                staging.add(CONTEXT_FILE, context.encode("utf-8"))
                see_also = (CONTEXT_FILE,)
            graphs = "met een benoemde graaf per deel" if fmt.named_graphs else "als één graaf"
            graphs_en = "with one named graph per part" if fmt.named_graphs else "as one graph"
            downloads.append(dcat.DownloadFile(
                key=key, filename=fmt.filename, media_type=fmt.media_type,
                file_type=fmt.file_type,
                title_nl=f"Kennisbank VNG-ledenbrieven Miljoenennota in {fmt.label}, {graphs}",
                title_en=f"VNG member letters knowledge base in {fmt.label}, {graphs_en}",
                byte_size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                see_also=see_also))
        folder_url = dcat.download_folder(dataset.base, options)
        staging.add(void.VOID_FILE, void.describe(
            dataset, dumps=[folder_url + FORMATS[key].filename for key in keys],
            sparql_endpoint=options.endpoint_url))
        facts = dcat.DatasetFacts(base=dataset.base, sources=_sources(dataset),
                                  graphs=tuple(p.graph for p in dataset.parts),
                                  void_file=void.VOID_FILE, letters=_letters(dataset))
        description = dcat.describe(facts, downloads, options)
        dcat.require_conformance(description)
        staging.add(DCAT_FILE, description)
        written = [WrittenFile(folder / name, media_type_of(name), temp.stat().st_size)
                   for name, temp in staging.staged.items()]
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return written


def media_type_of(name: str) -> str:
    """The media type of a file the export writes (see :func:`written_names`).

    >>> media_type_of("vngkb.trig"), media_type_of("context.jsonld"), media_type_of("void.ttl")
    ('application/trig', 'application/ld+json', 'text/turtle')
    """
    for fmt in FORMATS.values():
        if fmt.filename == name:
            return fmt.media_type
    return "application/ld+json" if name == CONTEXT_FILE else "text/turtle"
