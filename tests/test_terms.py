"""RDF terms: their plain Python values, their N-Triples text and the conversions from
both backends' result formats, one exact expectation per case."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from vngkb.rdf.namespaces import XSD
from vngkb.rdf.terms import Term, from_oxigraph, from_sparql_json

RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@pytest.mark.parametrize(("term", "expected"), [
    (Term("bnode", "b0"), "_:b0"),
    (Term("iri", "https://w3id.org/vngkb/id/x"), "https://w3id.org/vngkb/id/x"),
    # An IRI keeps its text even if a datatype were (wrongly) attached.
    (Term("iri", "12", datatype=XSD + "integer"), "12"),
    (Term("literal", "12"), "12"),
    (Term("literal", "12", lang="nl"), "12"),
    (Term("literal", "12", datatype=XSD + "integer"), 12),
    (Term("literal", "-3", datatype=XSD + "int"), -3),
    (Term("literal", "7", datatype=XSD + "long"), 7),
    (Term("literal", "7", datatype=XSD + "short"), 7),
    (Term("literal", "7", datatype=XSD + "byte"), 7),
    (Term("literal", "7", datatype=XSD + "nonNegativeInteger"), 7),
    (Term("literal", "7", datatype=XSD + "positiveInteger"), 7),
    (Term("literal", "-7", datatype=XSD + "negativeInteger"), -7),
    (Term("literal", "-7", datatype=XSD + "nonPositiveInteger"), -7),
    (Term("literal", "7", datatype=XSD + "unsignedInt"), 7),
    (Term("literal", "7", datatype=XSD + "unsignedLong"), 7),
    (Term("literal", "7300000.0", datatype=XSD + "decimal"), Decimal("7300000.0")),
    (Term("literal", "2.5E0", datatype=XSD + "double"), 2.5),
    (Term("literal", "0.5", datatype=XSD + "float"), 0.5),
    (Term("literal", "true", datatype=XSD + "boolean"), True),
    (Term("literal", "1", datatype=XSD + "boolean"), True),
    (Term("literal", "false", datatype=XSD + "boolean"), False),
    (Term("literal", "0", datatype=XSD + "boolean"), False),
    (Term("literal", "TRUE", datatype=XSD + "boolean"), False),
    (Term("literal", "2024", datatype=XSD + "gYear"), 2024),
    (Term("literal", "2020-01-01", datatype=XSD + "date"), "2020-01-01"),
    # A value that does not fit its datatype is shown as written.
    (Term("literal", "twaalf", datatype=XSD + "integer"), "twaalf"),
    (Term("literal", "2020a", datatype=XSD + "gYear"), "2020a"),
    (Term("literal", "veel", datatype=XSD + "double"), "veel"),
])
def test_to_python(term: Term, expected: object) -> None:
    value = term.to_python()
    assert value == expected
    assert type(value) is type(expected)


def test_an_invalid_decimal_is_shown_as_written() -> None:
    # Decimal raises InvalidOperation (an ArithmeticError, not a ValueError).
    assert Term("literal", "x", datatype=XSD + "decimal").to_python() == "x"


@pytest.mark.parametrize(("term", "n3"), [
    (Term("iri", "http://x/a"), "<http://x/a>"),
    (Term("bnode", "b1"), "_:b1"),
    (Term("literal", 'a"b\n'), '"a\\"b\\n"'),
    (Term("literal", "a", lang="nl"), '"a"@nl'),
    (Term("literal", "5", datatype=XSD + "integer"), '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    # A language tag wins over a datatype (a tagged literal has no other datatype).
    (Term("literal", "a", datatype=XSD + "integer", lang="en"), '"a"@en'),
    (Term("literal", "a", lang=""), '"a"'),
    (Term("literal", "a", datatype=""), '"a"'),
])
def test_n3(term: Term, n3: str) -> None:
    assert term.n3() == n3


def test_to_oxigraph_gives_the_same_term() -> None:
    assert Term("iri", "http://x/a").to_oxigraph() == ox.NamedNode("http://x/a")
    assert Term("bnode", "b1").to_oxigraph() == ox.BlankNode("b1")
    assert Term("literal", "a", lang="nl").to_oxigraph() == ox.Literal("a", language="nl")
    assert Term("literal", "5", datatype=XSD + "integer").to_oxigraph() == ox.Literal(
        "5", datatype=ox.NamedNode(XSD + "integer"))
    assert Term("literal", "a").to_oxigraph() == ox.Literal("a")


def test_an_invalid_iri_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        Term("iri", "not an iri").to_oxigraph()


@pytest.mark.parametrize(("term", "expected"), [
    (ox.NamedNode("http://x/a"), Term("iri", "http://x/a")),
    (ox.BlankNode("b1"), Term("bnode", "b1")),
    (ox.Literal("a"), Term("literal", "a")),
    (ox.Literal("a", language="nl"), Term("literal", "a", lang="nl")),
    (ox.Literal("5", datatype=ox.NamedNode(XSD + "integer")),
     Term("literal", "5", datatype=XSD + "integer")),
    (ox.Literal("a", datatype=ox.NamedNode(XSD + "string")), Term("literal", "a")),
])
def test_from_oxigraph(term: object, expected: Term) -> None:
    assert from_oxigraph(term) == expected


def test_from_oxigraph_refuses_what_is_no_term() -> None:
    with pytest.raises(TypeError, match=r"^unsupported term 'x'$"):
        from_oxigraph("x")


@pytest.mark.parametrize(("binding", "expected"), [
    ({"type": "uri", "value": "http://x/a"}, Term("iri", "http://x/a")),
    ({"type": "bnode", "value": "b1"}, Term("bnode", "b1")),
    ({"type": "literal", "value": "a"}, Term("literal", "a")),
    ({"type": "literal", "value": "a", "xml:lang": "nl"}, Term("literal", "a", lang="nl")),
    ({"type": "literal", "value": "a", "datatype": XSD + "string"}, Term("literal", "a")),
    ({"type": "typed-literal", "value": "5", "datatype": XSD + "integer"},
     Term("literal", "5", datatype=XSD + "integer")),
])
def test_from_sparql_json(binding: dict[str, str], expected: Term) -> None:
    assert from_sparql_json(binding) == expected


def test_a_tagged_literal_from_oxigraph_has_no_datatype() -> None:
    literal = ox.Literal("a", language="nl")
    assert literal.datatype.value == RDF_LANG_STRING
    assert from_oxigraph(literal).datatype is None
