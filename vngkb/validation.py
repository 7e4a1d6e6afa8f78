"""Validate the knowledge base: Turtle syntax (file and line), the SHACL shapes
(pySHACL; the measure and the field), and the SPARQL QC checks in
``queries/checks/*-violation.rq`` (each row a violation)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from vngkb.kb import load_file
from vngkb.namespaces import ID, PREFIXES, SH
from vngkb.paths import CHECKS_DIR, ONTOLOGY_DIR
from vngkb.store import EmbeddedStore

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
        verdict = "conforms" if self.conforms else "does NOT conform"
        hint = "" if warnings or not warning_count else "; --warnings lists them"
        lines.append(f"{self.triples} triples: {verdict} "
                     f"({violations} violation(s), {warning_count} warning(s){hint})")
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


def validate(files: Sequence[Path], checks_dir: Path = CHECKS_DIR) -> Report:
    """Validate *files* (data and ontology; the ``shapes*.ttl`` among them are the shapes).

    Raises :class:`vngkb.errors.KbSyntaxError` for a file that does not parse.
    """
    data_store, shapes_store = ox.Store(), ox.Store()
    for path in files:
        load_file(shapes_store if is_shapes_file(path) else data_store, path)
    from vngkb.kb import ACCRES_FILE, add_computed

    if any(p.resolve() == ACCRES_FILE.resolve() for p in files):
        add_computed(data_store)  # the computed figures need the published ones
    findings = _shacl(data_store, shapes_store) + _checks(data_store, checks_dir)
    return Report(findings=tuple(findings), triples=len(data_store))


def _to_rdflib(store: ox.Store) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                format="nt")
    return graph


def _shacl(data_store: ox.Store, shapes_store: ox.Store) -> list[Finding]:
    return shacl_findings(_to_rdflib(data_store), _to_rdflib(shapes_store),
                          advanced=True, allow_warnings=True)


def shacl_findings(data: rdflib.Graph, shapes: rdflib.Graph,
                   shorten: Callable[[str], str] = short, *, advanced: bool = False,
                   allow_warnings: bool = False) -> list[Finding]:
    """Validate *data* against *shapes* with pySHACL (SHACL-SPARQL when *advanced*) and
    turn every result into a :class:`Finding`, IRIs shortened by *shorten*."""
    import pyshacl
    import rdflib

    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=advanced, allow_warnings=allow_warnings)
    sh = rdflib.Namespace(SH)
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
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        findings.add(Finding(
            severity=severity,
            focus=shorten(str(results.value(result, sh.focusNode))),
            path=shorten(str(path)) if isinstance(path, rdflib.URIRef) else "",
            message_nl=messages.get("nl") or next(iter(messages.values()), ""),
            message_en=messages.get("en", ""),
            value=shorten(str(value)) if value is not None else ""))
    return sorted(findings, key=lambda f: (f.severity, f.focus, f.path, f.message_nl))


def check_files(checks_dir: Path = CHECKS_DIR) -> list[Path]:
    """The QC checks: SPARQL SELECTs whose every row is a violation."""
    return sorted(checks_dir.glob("*-violation.rq"))


def _checks(data_store: ox.Store, checks_dir: Path) -> list[Finding]:
    backend = EmbeddedStore(data_store)
    findings = []
    for path in check_files(checks_dir):
        table = backend.select(path.read_text(encoding="utf-8"))
        name = path.name.removesuffix("-violation.rq")
        for row in table.rows:
            cells = [short(t.value) if t is not None else "" for t in row]
            focus = cells[0] if cells else ""
            detail = ", ".join(f"{c}={v}" for c, v in zip(table.columns[1:], cells[1:],
                                                         strict=True))
            findings.append(Finding("Violation", focus, "", f"QC check {name}",
                                    "", detail))
    return findings
