"""Validate the knowledge base: Turtle syntax (file and line), the SHACL shapes
(pySHACL; the measure and the field), and the SPARQL QC checks in
``queries/checks/*-violation.rq`` (each row a violation)."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from vngkb.core.errors import InputError, shorten
from vngkb.core.paths import CHECKS_DIR, ONTOLOGY_DIR
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.literals import ill_typed
from vngkb.rdf.namespaces import DEF, ID, PREFIXES, RDF, SH
from vngkb.rdf.turtle import parse_file, parse_turtle, read_turtle
from vngkb.validate.letterruns import LetterRun
from vngkb.validate.shapeplan import per_letter, targets_of_their_own, values_listed

RDF_TYPE = ox.NamedNode(RDF + "type")
BRONDOCUMENT = ox.NamedNode(DEF + "Brondocument")

if TYPE_CHECKING:
    import rdflib


@dataclass(frozen=True)
class Finding:
    """One problem: where (focus node, field) and what (messages), how bad."""

    severity: str
    focus: str
    path: str
    message_nl: str
    message_en: str
    value: str = ""

    def __str__(self) -> str:
        field = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        en = f" | {self.message_en}" if self.message_en not in ("", self.message_nl) else ""
        return f"{self.severity}: {self.focus}{field}: {self.message_nl}{en}{value}"


@dataclass(frozen=True)
class Report:
    """The outcome of a validation run."""

    findings: tuple[Finding, ...]
    triples: int

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def text(self, warnings: bool = False) -> str:
        """The report: every violation, and every warning when *warnings* (else a count)."""
        lines = [str(f) for f in self.findings if warnings or f.severity == "Violation"]
        violations = sum(f.severity == "Violation" for f in self.findings)
        warning_count = len(self.findings) - violations
        from vngkb.i18n import t

        lines.append(t("validate_verdict", triples=self.triples,
                       verdict=t("validate_conforms" if self.conforms else "validate_fails"),
                       violations=violations, warnings=warning_count,
                       hint="" if warnings or not warning_count else t("validate_hint")))
        return "\n".join(lines)


def short(iri: str) -> str:
    """An IRI with a known prefix shortened, for messages.

    >>> short("https://w3id.org/vngkb/id/maatregel/woningbouw")
    'maatregel/woningbouw'
    """
    if iri.startswith(ID):
        return iri[len(ID):]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def is_shapes_file(path: Path) -> bool:
    return path.parent.resolve() == ONTOLOGY_DIR.resolve() and path.name.startswith("shapes")


#: Reads and parses one Turtle file: its bytes and triples (:func:`vngkb.rdf.turtle.parse_file`).
Parse = Callable[[Path], tuple[bytes, list[ox.Quad]]]


class ParseOnce:
    """:func:`vngkb.rdf.turtle.parse_file`, each file read and parsed at most once: one
    validation run reads every file twice otherwise (:func:`with_shipped` to see which
    given file stands in for which shipped one, :func:`validate` to check them). Errors
    are not kept: a file that fails fails again. :meth:`read` reads a file without
    parsing it; the file is then parsed from those bytes.

    What a file's checks on their own find (:meth:`literal_findings`; and that no IRI or
    literal is too long) is kept in the cache (:mod:`vngkb.core.diskcache`) under the
    file's name, location and content and the code that checks
    (:func:`vngkb.validate.letterruns.file_key`): an unchanged file is not checked again."""

    def __init__(self) -> None:
        self._parsed: dict[Path, tuple[bytes, list[ox.Quad]]] = {}
        self._read: dict[Path, bytes] = {}
        self._typed: dict[Path, tuple[str, list[Finding] | None]] = {}

    def __call__(self, path: Path) -> tuple[bytes, list[ox.Quad]]:
        key = path.resolve()
        parsed = self._parsed.get(key)
        if parsed is None:
            data = self._read.get(key)
            if data is None:
                data = read_turtle(path)
            parsed = self._parsed[key] = (data, self._parse(path, data))
        return parsed

    def _parse(self, path: Path, data: bytes) -> list[ox.Quad]:
        from vngkb.validate import letterruns

        entry = letterruns.file_key(path, data, letterruns.code_digest())
        rows = letterruns.read(entry, "bestand")
        # A kept entry: these bytes at this place passed the bounds on terms before.
        quads = parse_turtle(path, data, terms_checked=rows is not None)
        self._typed[path.resolve()] = (
            entry, None if rows is None else [Finding(*row) for row in rows])
        return quads

    def literal_findings(self, path: Path) -> list[Finding]:
        """:func:`literal_findings` of *path* as it is parsed, from the cache when kept
        there (else computed and kept)."""
        data, quads = self(path)
        entry, found = self._typed[path.resolve()]
        if found is None:
            from vngkb.validate import letterruns

            found = literal_findings(path, data, quads)
            letterruns.write(entry, _rows(found), "bestand")
            self._typed[path.resolve()] = (entry, found)
        return found

    def read(self, path: Path) -> bytes:
        """The bytes of *path* (:func:`vngkb.rdf.turtle.read_turtle`), as it is then
        parsed."""
        key = path.resolve()
        parsed = self._parsed.get(key)
        if parsed is not None:
            return parsed[0]
        data = self._read.get(key)
        if data is None:
            data = self._read[key] = read_turtle(path)
        return data


def validate(files: Sequence[Path], checks_dir: Path = CHECKS_DIR, *,
             shapes: Sequence[Path] = (), parse: ParseOnce | None = None,
             require_letter: bool = False) -> Report:
    """Validate *files* (data and ontology; the ``shapes*.ttl`` among them are the shapes),
    with the extra *shapes* files, each read by *parse* (default: a new one).

    With *require_letter* (a whole KB, as ``vngkb validate`` checks it), raises
    :class:`vngkb.core.errors.InputError` when the files hold no letter (no
    ``def:Brondocument``): an empty or missing KB is never "conforms".
    Raises :class:`vngkb.core.errors.KbSyntaxError` for a file that does not parse, is not a
    regular file, is too large or holds a term too long (see :func:`vngkb.kb.load.parse_file`).
    """
    parse = parse or ParseOnce()
    shapes_files = [path for path in files if is_shapes_file(path)] + list(shapes)
    data_read = [(path, parse.read(path)) for path in files if not is_shapes_file(path)]
    shapes_store, shapes_data = ox.Store(), []
    for path in shapes_files:
        data, quads = parse(path)
        shapes_store.extend(quads)
        shapes_data.append(data)
    # The letters' shapes start first, from the files' bytes: where they run in child
    # processes (which parse their letters' files themselves), the work on the whole KB
    # below, parsing included, runs beside them.
    letters = _LetterShapes(data_read, parse, shapes_store, shapes_data, letter_line_counts())
    try:
        parsed = [(path, *parse(path)) for path in files]
        data_store = ox.Store()
        for path, _, quads in parsed:
            if not is_shapes_file(path):
                data_store.extend(quads)
        if require_letter and not any(data_store.quads_for_pattern(None, RDF_TYPE,
                                                                   BRONDOCUMENT)):
            # Nothing to check is not "conforms": a missing or empty KB is an error.
            from vngkb.i18n import t

            raise InputError(t("validate_no_letter", files=len(files)))
        from vngkb.kb.layers import accres_files, add_computed, add_tellingen

        typed = [finding for path, _, _ in parsed for finding in parse.literal_findings(path)]
        typed.extend(letter_findings(parsed))
        add_computed(data_store, accres_files(files))  # they need the published figures
        add_tellingen(data_store)  # the one rule of counting money, held to by the checks
        shape_checks, qc_checks = _checks(data_store, checks_dir)
        shacl = letters.findings()
    finally:
        letters.cancel()
    findings = typed + sorted(set(shacl) | set(shape_checks),
                              key=_order) + qc_checks
    return Report(findings=tuple(findings), triples=len(data_store))


def letter_findings(parsed: Sequence[tuple[Path, bytes, Sequence[ox.Quad]]]) -> list[Finding]:
    """A violation, with file and line, for every problem of the letters of the KB in use
    among the *parsed* files (:func:`vngkb.kb.letterchecks.letter_problems`)."""
    from vngkb.kb.layout import kb_folder
    from vngkb.kb.letterchecks import letter_problems

    folder = kb_folder()
    if not any(folder.letter_of(path) for path, _, _ in parsed):
        return []
    return [Finding("Violation", problem.subject, "", problem.text("nl"), problem.text("en"))
            for problem in letter_problems(folder, parsed)]


def _order(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.severity, finding.focus, finding.path, finding.message_nl)


def literal_findings(path: Path, data: bytes, quads: Sequence[ox.Quad]) -> list[Finding]:
    """A violation, with file and line, for every literal of *path* that does not fit
    its XSD datatype (``"abc"^^xsd:integer``)."""
    findings = []
    for bad in ill_typed(quads, data):
        where = f"{path}:{bad.line}" if bad.line else str(path)
        local = bad.datatype.rsplit("#", 1)[-1]
        findings.append(Finding(
            "Violation", short(bad.subject), short(bad.predicate),
            f"{where}: waarde {shorten(bad.lexical)} is geen geldige xsd:{local}",
            f"{where}: value {shorten(bad.lexical)} is {bad.reason}"))
    return findings


def _replaces(given: Path, shipped: Path, subjects: dict[Path, set[str]],
              every: Sequence[Path]) -> bool:
    """Whether file *given* stands in for the shipped file *shipped* (one of *every*): the
    same file, a copy by name (a KB file, preferably of the letter folder of the same
    name, or an ontology/ file in a folder called ontology), or, for a file named like no
    shipped file, one describing at least half of the resources *shipped* describes."""
    if given.resolve() == shipped.resolve():
        return True
    in_ontology = given.parent.name == ONTOLOGY_DIR.name
    namesakes = [p for p in every if p.name == given.name
                 and (p.parent.name == ONTOLOGY_DIR.name) == in_ontology]
    if namesakes:
        same_folder = [p for p in namesakes if p.parent.name == given.parent.name]
        return shipped == (same_folder or namesakes)[0]
    own = subjects[shipped]
    return bool(own) and len(own & subjects[given]) * 2 >= len(own)


def _subjects(path: Path, parse: Parse) -> set[str]:
    return {q.subject.value for q in parse(path)[1] if isinstance(q.subject, ox.NamedNode)}


def with_shipped(files: Sequence[Path], parse: Parse = parse_file) -> list[Path]:
    """*files* with the shipped ontology, schemes, shapes and KB files they do not stand
    in for: a single file is validated in the context of everything else, by the shipped
    shapes (a copied ``shapes.ttl`` given as input is data, never the rules). Files are
    read by *parse*.

    >>> from vngkb.kb.load import default_files
    >>> from vngkb.core.paths import ACCRES_FILE
    >>> h01 = ACCRES_FILE.parent / "h01-financien.ttl"
    >>> [p.name for p in with_shipped([h01])][-1]
    'h01-financien.ttl'
    >>> len(with_shipped([h01])) == len(default_files())
    True
    """
    from vngkb.kb.load import default_files

    given = list(dict.fromkeys(files))
    subjects = {path: _subjects(path, parse) for path in given}
    kept = []
    every = default_files()
    for shipped in every:
        if is_shapes_file(shipped):
            kept.append(shipped)
            continue
        subjects[shipped] = _subjects(shipped, parse)
        if not any(_replaces(g, shipped, subjects, every) for g in given):
            kept.append(shipped)
    return kept + [p for p in given if not any(p.resolve() == k.resolve() for k in kept)]


def _to_rdflib(store: ox.Store, *, read_only: bool = False) -> rdflib.Graph:
    """The default graph of *store* as an rdflib graph, term by term (twice as fast as
    writing and parsing N-Triples); *read_only*: a graph for the shapes to read
    (:mod:`vngkb.validate.readgraph`), not to change."""
    import rdflib

    from vngkb.validate.readgraph import read_graph

    graph = read_graph() if read_only else rdflib.Graph()
    _Converter().add(graph, store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return graph


class _Converter:
    """Oxigraph's terms as rdflib's, each IRI made once."""

    def __init__(self) -> None:
        _bind_gyear()  # before the literals are made: rdflib gives a literal its value then
        self._iris: dict[str, rdflib.URIRef] = {}

    def add(self, graph: rdflib.Graph, quads: Iterable[ox.Quad]) -> None:
        """Add the triples of *quads* to *graph*."""
        term = self.term
        # Straight to the store: rdflib's Graph.addN checks each term's type again.
        graph.store.addN((term(q.subject), term(q.predicate), term(q.object), graph)
                         for q in quads)

    def iri(self, value: str) -> rdflib.URIRef:
        made = self._iris.get(value)
        if made is None:
            import rdflib

            made = self._iris[value] = rdflib.URIRef(value)
        return made

    def term(self, node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
             ) -> rdflib.term.Node:
        import rdflib

        if isinstance(node, ox.NamedNode):
            return self.iri(node.value)
        if isinstance(node, ox.BlankNode):
            return rdflib.BNode(node.value)
        if isinstance(node, ox.Literal):
            if node.language:
                return rdflib.Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            if datatype == _XSD_STRING:  # a plain literal, as rdflib's parsers make it
                return rdflib.Literal(node.value)
            return rdflib.Literal(node.value, datatype=self.iri(datatype))
        raise InputError(f"RDF-star triple terms are not supported: {node}")


def letter_line_counts() -> dict[str, int]:
    """The number of lines of each letter's text, by letter id, for the letters of the KB
    in use whose text is there (:meth:`vngkb.kb.layout.KbFolder.source`)."""
    from vngkb.kb.layout import kb_folder
    from vngkb.rdf.sourcetext import line_count, read_lines

    folder = kb_folder()
    sources = {letter: folder.source(letter) for letter in folder.letters}
    return {letter: line_count(read_lines(path)) for letter, path in sources.items()
            if path.is_file()}


class _LetterShapes:
    """The shapes' findings on *data_files*, run per letter (each letter's files with
    the shared ones, :mod:`vngkb.validate.letterruns`): each letter's findings from the
    cache when nothing they come from changed, the others computed in child processes
    that start at once (where :func:`vngkb.validate.letterruns.workers` allows; else in
    this process, in :meth:`findings`)."""

    def __init__(self, data_files: Sequence[tuple[Path, bytes]], parse: ParseOnce,
                 shapes_store: ox.Store, shapes_data: Sequence[bytes],
                 line_counts: Mapping[str, int]) -> None:
        from vngkb.kb.layout import kb_folder
        from vngkb.validate import letterruns

        letter_of = kb_folder().letter_of
        code = letterruns.code_digest()
        self._parse = parse
        self._shapes = shapes_store
        self._found: set[Finding] = set()
        self._todo: list[tuple[letterruns.LetterRun, str, dict[str, int]]] = []
        known: dict[Path, tuple[str, bytes]] = {}
        for run in letterruns.runs(data_files, letter_of):
            # A letter's run binds its own letter's line count; the one run of files
            # outside any letter's folder binds every letter's.
            counts = ({run.letter: line_counts[run.letter]} if run.letter in line_counts
                      else {}) if run.letter else dict(line_counts)
            key = letterruns.run_key(run, shapes_data, counts, code, known)
            rows = letterruns.read(key)
            if rows is None:
                self._todo.append((run, key, counts))
            else:
                self._found.update(Finding(*row) for row in rows)
        # The longest runs first, so that the workers end about together.
        self._todo.sort(key=lambda job: -sum(len(data) for _, data in job[0].files))
        self._forked: letterruns.Forked | None = None
        count = letterruns.workers(len(self._todo))
        if count:
            shared = [f for f in data_files if letter_of(f[0]) is None]
            todo = self._todo

            def start() -> letterruns.Run:  # in each worker
                begun = _Start(shared, parse, shapes_store)
                return lambda index: begun.rows(todo[index][0], todo[index][2])

            self._forked = letterruns.Forked(start, len(todo), count)

    def findings(self) -> list[Finding]:
        """Every letter's findings, each computed one kept in the cache."""
        from vngkb.validate import letterruns

        results: list[list[letterruns.Row] | None] = (
            self._forked.results() if self._forked is not None else [None] * len(self._todo))
        self._forked = None
        for (run, key, counts), rows in zip(self._todo, results, strict=True):
            if rows is None:  # not run in a child, or its child failed: run it here
                rows = _rows(_shacl(_run_store(run, self._parse), self._shapes, counts))
            letterruns.write(key, rows)
            self._found.update(Finding(*row) for row in rows)
        return sorted(self._found, key=_order)

    def cancel(self) -> None:
        """Stop the child processes that still run (after an error or an interrupt)."""
        if self._forked is not None:
            self._forked.cancel()
            self._forked = None


def _rows(findings: Iterable[Finding]) -> list[tuple[str, str, str, str, str, str]]:
    return [(f.severity, f.focus, f.path, f.message_nl, f.message_en, f.value)
            for f in findings]


def _run_store(run: LetterRun, parse: ParseOnce) -> ox.Store:
    """The data one run of the shapes sees: its files (parsed by *parse*), the computed
    figures of its accres files and the tellingen of its amounts."""
    from vngkb.kb.layers import accres_files, add_computed, add_tellingen

    store = ox.Store()
    for path, _ in run.files:
        store.extend(parse(path)[1])
    add_computed(store, accres_files([path for path, _ in run.files]))
    add_tellingen(store)
    return store


class _Start:
    """What every letter's run of the shapes starts from, made once in each worker
    before its letters' runs are forked (:class:`vngkb.validate.letterruns.Forked`): the
    shared files as an rdflib graph and the shapes with targets of their own
    (:func:`targets_of_their_own`), and pySHACL imported. :meth:`rows` adds one letter
    to them: in a fork of its own, as it changes them."""

    def __init__(self, shared: Sequence[tuple[Path, bytes]], parse: ParseOnce,
                 shapes_store: ox.Store) -> None:
        import pyshacl  # noqa: F401 (imported once, here, not in every fork)

        self._parse = parse
        self._shared = ox.Store()
        for path, _ in shared:
            self._shared.extend(parse(path)[1])
        with _quiet("rdflib.term"), warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module=r"rdflib\.")
            self._convert = _Converter()
            self._data = _to_rdflib(ox.Store(), read_only=True)
            self._convert.add(self._data, self._shared.quads_for_pattern(
                None, None, None, ox.DefaultGraph()))
            self._shapes = targets_of_their_own(_to_rdflib(shapes_store))

    def rows(self, run: LetterRun, counts: Mapping[str, int]
             ) -> list[tuple[str, str, str, str, str, str]]:
        """*run*'s findings, as :func:`_shacl` gives them on its store: the same data
        (the shared triples are there already; each other one is added) and the same
        shapes. Changes this object: only for a process of its own."""
        store = _run_store(run, self._parse)
        with _quiet("rdflib.term"), warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module=r"rdflib\.")
            shared = self._shared
            self._convert.add(self._data, (
                q for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                if q not in shared))
            shapes = per_letter(self._shapes, self._data, counts)
            return _rows(shacl_findings(self._data, values_listed(shapes, self._data),
                                        allow_warnings=True))


def _shacl(data_store: ox.Store, shapes_store: ox.Store,
           line_counts: Mapping[str, int]) -> list[Finding]:
    # The shapes are SHACL Core: no SHACL-SPARQL (advanced) features, no inference.
    # rdflib logs a traceback for every ill-typed literal it converts; those literals
    # are reported by literal_findings as violations with file and line.
    with _quiet("rdflib.term"), warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"rdflib\.")
        data = _to_rdflib(data_store, read_only=True)
        shapes = per_letter(targets_of_their_own(_to_rdflib(shapes_store)), data, line_counts)
        return shacl_findings(data, values_listed(shapes, data), allow_warnings=True)


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    logger = logging.getLogger(logger_name)
    disabled = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = disabled


def _bind_gyear() -> None:
    """Give rdflib an ordered value for ``xsd:gYear`` ("2020" -> 2020), so that
    ``sh:lessThanOrEquals`` compares years as numbers (rdflib leaves gYear without a value,
    and pySHACL cannot compare two equal years then)."""
    global _gyear_bound
    if _gyear_bound:
        return
    import rdflib.term
    from rdflib.namespace import XSD

    rdflib.term.bind(XSD.gYear, _GYear, constructor=_GYear.parse, datatype_specific=True)
    _gyear_bound = True


_gyear_bound = False
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _GYear(int):
    """A year of ``xsd:gYear`` without time zone, ordered as a number."""

    @classmethod
    def parse(cls, lexical: str) -> _GYear:
        """
        >>> _GYear.parse("2020") < _GYear.parse("2021")
        True
        """
        if not lexical.lstrip("-").isascii() or not lexical.lstrip("-").isdigit():
            raise ValueError(f"not a plain year: {lexical!r}")  # rdflib marks it ill-typed
        return cls(int(lexical))


def shacl_findings(data: rdflib.Graph, shapes: rdflib.Graph,
                   shorten: Callable[[str], str] = short, *, advanced: bool = False,
                   allow_warnings: bool = False) -> list[Finding]:
    """Validate *data* against *shapes* with pySHACL (SHACL-SPARQL when *advanced*) and
    turn every result into a :class:`Finding`, IRIs shortened by *shorten*."""
    import pyshacl
    import rdflib

    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=advanced, allow_warnings=allow_warnings,
        inference="none")
    sh = rdflib.Namespace(SH)
    comparisons = set(shapes.subjects(sh.group, rdflib.URIRef(DEF + "Vergelijking")))
    findings = set()
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        messages = {getattr(m, "language", None): str(m)
                    for m in results.objects(result, sh.resultMessage)}
        # pySHACL reports one message of a SPARQL constraint; take both languages
        # from the constraint itself.
        source = results.value(result, sh.sourceConstraint)
        if source is not None:
            messages.update({getattr(m, "language", None): str(m)
                             for m in shapes.objects(source, sh.message)})
        severity = str(results.value(result, sh.resultSeverity)).rsplit("#", 1)[-1]
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        source_shape = results.value(result, sh.sourceShape)
        if source_shape in comparisons and focus is not None:
            # A comparison of two fields names no single field; its value is the second.
            path = None
            value = data.value(focus, shapes.value(source_shape, sh.lessThanOrEquals))
        findings.add(Finding(
            severity=severity,
            focus=shorten(str(focus)),
            path=shorten(str(path)) if isinstance(path, rdflib.URIRef) else "",
            message_nl=messages.get("nl") or next(iter(messages.values()), ""),
            message_en=messages.get("en", ""),
            value=shorten(str(value)) if value is not None else ""))
    return sorted(findings, key=_order)


def check_files(checks_dir: Path = CHECKS_DIR) -> list[Path]:
    """The QC checks: SPARQL SELECTs whose every row is a violation."""
    return sorted(checks_dir.glob("*-violation.rq"))


def check_messages(path: Path, text: str) -> tuple[str, str] | None:
    """The Dutch and English messages a check declares in its ``#+ melding_nl:`` and
    ``#+ melding_en:`` header lines (both or neither), or None: then its rows are reported
    as "QC check NAME" with the columns as the value.

    >>> check_messages(Path("x.rq"), "#+ melding_nl: Fout\\n#+ melding_en: Wrong\\nSELECT")
    ('Fout', 'Wrong')
    """
    header: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        if line.startswith("#+"):
            key, colon, value = line[2:].partition(":")
            if not colon or key.strip() not in ("melding_nl", "melding_en") \
                    or key.strip() in header or not value.strip():
                raise InputError(f"{path}:{number}: a check's header line must be "
                                 "'#+ melding_nl: ...' or '#+ melding_en: ...', each once")
            header[key.strip()] = value.strip()
    if not header:
        return None
    if len(header) != 2:
        raise InputError(f"{path}: a check declares both melding_nl and melding_en, or neither")
    return header["melding_nl"], header["melding_en"]


def _checks(data_store: ox.Store, checks_dir: Path) -> tuple[list[Finding], list[Finding]]:
    """Run every check once over the whole graph: the findings of checks with their own
    messages (reported like the shapes' findings: ?this and ?value), and the QC ones."""
    backend = EmbeddedStore(data_store)
    shape_like: list[Finding] = []
    findings = []
    from vngkb.rdf.files import MAX_TEXT_BYTES, read_file_text

    for path in check_files(checks_dir):
        text = read_file_text(path, limit=MAX_TEXT_BYTES)
        messages = check_messages(path, text)
        table = backend.select(text)
        name = path.name.removesuffix("-violation.rq")
        for row in table.rows:
            cells = [short(t.value) if t is not None else "" for t in row]
            focus = cells[0] if cells else ""
            if messages is not None:
                value = dict(zip(table.columns, cells, strict=True)).get("value", "")
                shape_like.append(Finding("Violation", focus, "", *messages, value))
                continue
            detail = ", ".join(f"{c}={v}" for c, v in zip(table.columns[1:], cells[1:],
                                                         strict=True))
            findings.append(Finding("Violation", focus, "", f"QC check {name}",
                                    "", detail))
    return shape_like, findings
