"""Parameters are typed, checked and bound as RDF terms; hostile values never become
query syntax."""

from __future__ import annotations

import re

import pytest

from vngkb import catalogue
from vngkb.catalogue import Parameter
from vngkb.errors import ParameterError, UnknownQuestionError
from vngkb.namespaces import XSD
from vngkb.terms import Term

HOSTILE = [
    '2020" } ; DROP ALL ; #',
    "\"'\\",
    "} UNION { ?s ?p ?o }",
    "> } ; INSERT DATA { <a> <b> <c> }",
    "line\nbreak\r\n",
    "x" * 10_000,
]


@pytest.mark.parametrize(("variable", "name", "kind", "lang"), [
    ("_jaar_xsd_gYear", "jaar", "year", None),
    ("_ministerie_iri", "ministerie", "iri", None),
    ("_aantal_integer", "aantal", "integer", None),
    ("_bedrag_xsd_decimal", "bedrag", "decimal", None),
    ("_zoekterm_nl", "zoekterm", "string", "nl"),
    ("_naam", "naam", "string", None),
])
def test_grlc_variable_names_give_types(variable: str, name: str, kind: str,
                                        lang: str | None) -> None:
    assert catalogue._kind_of(variable) == (name, kind, lang)


@pytest.mark.parametrize(("kind", "raw", "expected"), [
    ("year", "2020", Term("literal", "2020", datatype=XSD + "gYear")),
    ("integer", " 42 ", Term("literal", "42", datatype=XSD + "integer")),
    ("decimal", "7,3", Term("literal", "7.3", datatype=XSD + "decimal")),
    ("iri", "https://w3id.org/vngkb/id/maatregel/jeugd",
     Term("iri", "https://w3id.org/vngkb/id/maatregel/jeugd")),
])
def test_values_become_typed_terms(kind: str, raw: str, expected: Term) -> None:
    parameter = Parameter(name="p", variable="_p", kind=kind)  # type: ignore[arg-type]
    assert parameter.to_term(raw) == expected


@pytest.mark.parametrize(("kind", "raw", "message"), [
    ("year", "20x0", "'20x0' is not a year"),
    ("year", "2020 OR 1=1", "is not a year"),
    ("integer", "12.5", "is not an integer"),
    ("decimal", "NaN", "is not a finite number"),
    ("decimal", "abc", "is not a number"),
    ("iri", "https://x/> } ; DROP ALL", "is not an http(s) IRI"),
    ("iri", "javascript:alert(1)", "is not an http(s) IRI"),
])
def test_bad_values_are_rejected(kind: str, raw: str, message: str) -> None:
    parameter = Parameter(name="p", variable="_p", kind=kind)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match=re.escape(message)):
        parameter.to_term(raw)


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_strings_stay_literals_or_are_rejected(raw: str) -> None:
    parameter = Parameter(name="tekst", variable="_tekst_nl", kind="string", lang="nl")
    if len(raw) > catalogue.MAX_STRING_LENGTH:
        with pytest.raises(ParameterError, match="at most 200"):
            parameter.to_term(raw)
    else:
        assert parameter.to_term(raw) == Term("literal", raw, lang="nl")


def test_enumerated_iri_lists_allowed_values() -> None:
    parameter = Parameter(name="standpunt", variable="_standpunt_iri", kind="iri",
                          scheme="https://w3id.org/vngkb/id/standpunt",
                          allowed=("kritisch", "positief"))
    assert parameter.to_term("kritisch").value == "https://w3id.org/vngkb/id/standpunt/kritisch"
    assert parameter.to_term("https://w3id.org/vngkb/id/standpunt/positief").kind == "iri"
    with pytest.raises(ParameterError, match="is not one of: kritisch, positief"):
        parameter.to_term("https://evil.example/standpunt/kritisch")


def test_catalogue_reads_headers() -> None:
    questions = catalogue.load_catalogue()
    question = questions["decentralisatie-uitkeringen-per-startjaar"]
    assert question.summary == "Decentralisatie-uitkeringen die in een jaar starten"
    assert [(p.name, p.kind, p.default) for p in question.parameters] == [("jaar", "year", "2020")]
    assert "instrumenten" in question.tags
    for name, q in questions.items():
        assert q.summary, f"{name} has no summary"


def test_unknown_question_and_parameter() -> None:
    with pytest.raises(UnknownQuestionError, match="no question named 'nope'; known questions:"):
        catalogue.find_question("nope")
    with pytest.raises(UnknownQuestionError):
        catalogue.find_question("../pyproject")
    question = catalogue.find_question("decentralisatie-uitkeringen-per-startjaar")
    with pytest.raises(ParameterError, match="has no parameter 'jr'"):
        question.bindings({"jr": "2020"})
