"""The shipped KB conforms; broken fixtures are rejected with messages that name the
measure and the field."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import DATA
from vngkb.errors import KbSyntaxError
from vngkb.paths import CHECKS_DIR, KB_DIR, ONTOLOGY_DIR, turtle_files
from vngkb.store import EmbeddedStore
from vngkb.turtle import parse_file
from vngkb.validation import (
    shacl_findings,
    short,
    targets_of_their_own,
    validate,
    values_listed,
)


def test_shipped_kb_conforms() -> None:
    report = validate(turtle_files(ONTOLOGY_DIR, KB_DIR))
    assert report.conforms, report.text()
    assert [str(f) for f in report.findings if f.severity == "Violation"] == []


def _with(fixture: str) -> list[Path]:
    return [*turtle_files(ONTOLOGY_DIR), KB_DIR / "brief.ttl", DATA / "kb" / fixture]


def test_broken_measure_is_rejected_with_named_fields() -> None:
    report = validate(_with("broken-measure.ttl"))
    assert not report.conforms
    found = {(f.focus, f.path, f.message_en) for f in report.findings
             if f.severity == "Violation"}
    assert found == {
        ("maatregel/kapot", "def:standpunt",
         "Measure: exactly one VNG stance (def:standpunt) from the stance scheme required"),
        ("maatregel/kapot", "def:verantwoordelijkMinisterie",
         "Measure: exactly one responsible ministry (def:verantwoordelijkMinisterie, TOOI) "
         "required"),
        ("maatregel/kapot", "def:onbekendVeld", ""),
        ("maatregel/kapot", "", "Measure: line range lies outside its chapter's"),
        ("bedrag/kapot", "schema:value",
         "Amount: value (schema:value) must be exactly one xsd:decimal greater than 0 (euros)"),
        ("bedrag/kapot", "def:per",
         "Amount: period (def:per) missing or not in the period scheme"),
        ("bedrag/kapot", "", "Amount: first year is after last year"),
        # The value that failed the period scheme is named on its own as well.
        ("standpunt/positief", "skos:inScheme", "Value is not in the perioden scheme"),
        ("maatregel/kapot", "", ""),  # the QC check maatregel-zonder-standpunt
    }
    dutch = {f.message_nl for f in report.findings if f.path == "def:standpunt"}
    assert dutch == {"Maatregel: precies één VNG-standpunt (def:standpunt) uit het schema "
                     "standpunten vereist"}


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(KbSyntaxError, match=r"syntax-error\.ttl:7: Turtle-syntaxfout"):
        validate(_with("syntax-error.ttl"))


def test_qc_check_rows_are_violations(tmp_path: Path) -> None:
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "alles-violation.rq").write_text(
        "PREFIX def: <https://w3id.org/vngkb/def/>\n"
        "SELECT ?h WHERE { ?h a def:Hoofdstuk ; def:nummer 10 }")
    report = validate([*turtle_files(ONTOLOGY_DIR), KB_DIR / "brief.ttl"], checks_dir=checks)
    assert [(f.focus, f.message_nl) for f in report.findings] == [
        ("hoofdstuk/buitenlandse-zaken", "QC check alles")]
    assert not report.conforms


def test_overlapping_measures_are_compared_within_their_source() -> None:
    # Measures are sections of one letter: two letters' line numbers are not comparable.
    report = validate([*turtle_files(ONTOLOGY_DIR), KB_DIR / "brief.ttl",
                       DATA / "bronnen" / "overlap-per-bron.ttl"])
    overlaps = [(f.focus, f.value) for f in report.findings
                if f.message_nl == "QC check overlappende-maatregelen"]
    assert overlaps == [
        ("maatregel/ander-b", "ander=maatregel/ander-c"),
        ("maatregel/twee-bronnen-h", "ander=maatregel/twee-bronnen-i"),
        ("maatregel/zonder-bron-e", "ander=maatregel/zonder-bron-f"),
    ]


def test_equal_amounts_are_paired_by_value_not_by_spelling() -> None:
    # The check pairs amounts within buckets of equal numbers: 5.0, 5 and 5.0E0 are one
    # value; a cent above or below, the negative, and the text "5" are not.
    store = ox.Store()
    store.extend(parse_file(DATA / "bronnen" / "gelijke-waarden.ttl")[1])
    check = CHECKS_DIR / "gelijk-bedrag-zonder-verband-violation.rq"
    rows = EmbeddedStore(store).select(check.read_text(encoding="utf-8")).rows
    assert [tuple(short(t.value) if t is not None else "" for t in row) for row in rows] == [
        ("bedrag/decimaal", "bedrag/double", "5"),
        ("bedrag/decimaal", "bedrag/geheel", "5"),
        ("bedrag/double", "bedrag/geheel", "5"),
        ("bedrag/tekst-a", "bedrag/tekst-b", "vijf"),
    ]


def test_property_shapes_with_targets_of_their_own_find_the_same() -> None:
    import rdflib

    shapes_text = """
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://w3id.org/vngkb/id/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:goed, ex:kapot ; sh:closed true ;
            sh:ignoredProperties () ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p ontbreekt"@nl ] ;
            sh:property [ sh:path ex:q ; sh:maxCount 1 ; sh:severity sh:Warning ;
                          sh:message "q te vaak"@nl ] ;
            sh:property [ sh:path ex:r ; sh:node ex:N ; sh:message "r niet N"@nl ] .
        ex:N a sh:NodeShape ; sh:property [ sh:path ex:s ; sh:minCount 1 ] ."""
    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix ex: <https://w3id.org/vngkb/id/> .
        ex:goed ex:p 1 ; ex:q 1 ; ex:r ex:n .  ex:n ex:s 1 .
        ex:kapot ex:q 1, 2 ; ex:r ex:goed ; ex:onbekend 1 .""")
    nested = shacl_findings(data, rdflib.Graph().parse(format="turtle", data=shapes_text),
                            allow_warnings=True)
    flat = shacl_findings(data, targets_of_their_own(
        rdflib.Graph().parse(format="turtle", data=shapes_text)), allow_warnings=True)
    assert flat == nested
    # The closed shape still allows the moved p, q and r; the nested ex:N result of
    # ex:goed (the value of kapot's r) is pySHACL's, either way.
    assert [(f.severity, f.focus, f.path, f.message_nl) for f in flat] == [
        ("Violation", "goed", "s", "Less than 1 values on ex:goed->ex:s"),
        ("Violation", "kapot", "onbekend",
         'Node ex:kapot is closed. It cannot have value: Literal("1", datatype=xsd:integer)'),
        ("Violation", "kapot", "p", "p ontbreekt"),
        ("Violation", "kapot", "r", "r niet N"),
        ("Warning", "kapot", "q", "q te vaak"),
    ]


def test_scheme_shapes_said_as_lists_find_the_same() -> None:
    import rdflib

    shapes_text = """
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://w3id.org/vngkb/id/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ex:Kleur a sh:NodeShape ; sh:property [ sh:path skos:inScheme ;
            sh:hasValue ex:kleuren ; sh:message "geen kleur"@nl ] .
        ex:Vorm a sh:NodeShape ; sh:property [ sh:path skos:inScheme ; sh:hasValue ex:vormen ;
            sh:minCount 2 ; sh:message "geen vorm"@nl ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:kleur ; sh:node ex:Kleur ; sh:message "kleur?"@nl ] ;
            sh:property [ sh:path ex:vorm ; sh:node ex:Vorm ; sh:message "vorm?"@nl ] ."""
    # ex:b is a focus node through the subclass; ex:los is none: its bad colour is not
    # checked, with or without the list.
    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix ex: <https://w3id.org/vngkb/id/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:rood skos:inScheme ex:kleuren . ex:rond skos:inScheme ex:vormen .
        ex:D rdfs:subClassOf ex:C .
        ex:a a ex:C ; ex:kleur ex:rood, ex:rond, "rood" ; ex:vorm ex:rond .
        ex:b a ex:D ; ex:kleur ex:nergens .
        ex:los ex:kleur ex:vierkant .""")

    def findings(listed: bool) -> list[tuple[str, str, str, str]]:
        shapes = targets_of_their_own(rdflib.Graph().parse(format="turtle", data=shapes_text))
        if listed:
            shapes = values_listed(shapes, data)
        return sorted((f.focus, f.path, f.message_nl, f.value)
                      for f in shacl_findings(data, shapes, allow_warnings=True))

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shapes = values_listed(targets_of_their_own(
        rdflib.Graph().parse(format="turtle", data=shapes_text)), data)
    assert len(list(shapes.objects(None, sh["in"]))) == 1  # ex:Kleur's, not ex:Vorm's
    assert len(list(shapes.objects(None, sh.node))) == 1
    assert findings(listed=True) == findings(listed=False) == [
        ("a", "kleur", "kleur?", "rond"),
        ("a", "kleur", "kleur?", "rood"),  # the literal "rood"
        ("a", "vorm", "vorm?", "rond"),  # ex:Vorm asks more than a value: still nested
        ("b", "kleur", "kleur?", "nergens"),
        ("nergens", "skos:inScheme", "geen kleur", ""),
        ("rond", "skos:inScheme", "geen kleur", ""),
        ("rond", "skos:inScheme", "geen vorm", ""),
        ("rood", "skos:inScheme", "geen kleur", ""),
    ]


def test_a_shape_that_is_a_class_keeps_its_property_shapes() -> None:
    # Its instances are focus nodes without a target triple (an implicit target): a
    # moved property shape would not reach them.
    import rdflib

    shapes = targets_of_their_own(rdflib.Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://w3id.org/vngkb/id/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:K a sh:NodeShape, rdfs:Class ; sh:targetNode ex:x ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:L a sh:NodeShape ; sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
    """))
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert shapes.value(rdflib.URIRef("https://w3id.org/vngkb/id/K"), sh.property) is not None
    assert shapes.value(rdflib.URIRef("https://w3id.org/vngkb/id/L"), sh.property) is None
