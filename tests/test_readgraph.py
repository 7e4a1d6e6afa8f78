"""The store the shapes read the data from (vngkb.validate.readgraph): every triple
pattern gives what rdflib's own in-memory store gives, and pySHACL finds the same on
it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import rdflib

from tests import DATA
from vngkb.core.errors import VngkbError
from vngkb.validate import validation
from vngkb.validate.readgraph import ReadStore, read_graph
from vngkb.validate.validation import shacl_findings

EX = rdflib.Namespace("http://example.org/")
TRIPLES = [
    (EX.a, EX.p, EX.b), (EX.a, EX.p, EX.c), (EX.a, EX.q, EX.b), (EX.b, EX.p, EX.a),
    (EX.a, EX.p, rdflib.Literal("1", datatype=rdflib.XSD.integer)),
    (EX.c, EX.q, rdflib.Literal("tekst", lang="nl")), (rdflib.BNode("x"), EX.p, EX.a),
    (EX.c, EX.q, rdflib.Literal("tekst")),
]


def _both() -> tuple[rdflib.Graph, rdflib.Graph]:
    ours, theirs = read_graph(), rdflib.Graph()
    for triple in [*TRIPLES, TRIPLES[0]]:  # one twice
        ours.add(triple)
        theirs.add(triple)
    return ours, theirs


def _terms() -> list[rdflib.term.Node | None]:
    terms: set[rdflib.term.Node] = {term for triple in TRIPLES for term in triple}
    return [None, *sorted(terms, key=repr), EX.nergens]


@pytest.mark.parametrize("s", _terms(), ids=repr)
def test_every_pattern_matches_what_rdflibs_store_matches(s: rdflib.term.Node | None) -> None:
    ours, theirs = _both()
    for p, o in itertools.product([None, EX.p, EX.q, EX.nergens], _terms()):
        pattern = (s, p, o)
        assert sorted(ours.triples(pattern)) == sorted(theirs.triples(pattern)), pattern
        assert (pattern in ours) == (pattern in theirs)


def test_a_triple_added_twice_is_one_triple() -> None:
    ours, theirs = _both()
    assert len(ours) == len(theirs) == len(TRIPLES)
    assert len(read_graph()) == 0


def test_removing_is_refused() -> None:
    ours, _ = _both()
    with pytest.raises(VngkbError, match="read, not changed"):
        ours.remove((EX.a, None, None))
    assert len(ours) == len(TRIPLES)
    with pytest.raises(VngkbError):
        ReadStore().remove_graph(ours)


def test_one_graph_whatever_the_context() -> None:
    store = ReadStore()
    store.add((EX.a, EX.p, EX.b), rdflib.Graph(identifier=EX.g))
    assert [t for t, _ in store.triples((None, None, None), rdflib.Graph(identifier=EX.h))] \
        == [(EX.a, EX.p, EX.b)]
    assert list(store.contexts()) == []


def test_prefixes_are_bound_as_rdflib_binds_them() -> None:
    store = ReadStore()
    store.bind("ex", EX.a)
    store.bind("ex", EX.b)
    assert store.namespace("ex") == EX.b and store.prefix(EX.a) is None
    store.bind("ex", EX.c, override=False)
    assert store.namespace("ex") == EX.b
    store.bind("andere", EX.b)
    assert list(store.namespaces()) == [("andere", EX.b)]


# Every fixture KB that parses (syntax-error.ttl is a Turtle error, not a graph).
@pytest.mark.parametrize("fixture", sorted(p for p in (DATA / "kb").glob("*.ttl")
                                           if p.name != "syntax-error.ttl"),
                         ids=lambda p: p.stem)
def test_pyshacl_finds_the_same_on_both_stores(fixture: Path) -> None:
    from vngkb.core.paths import ONTOLOGY_DIR

    validation._bind_gyear()  # years compared as validate compares them
    theirs = rdflib.Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        if not path.name.startswith("shapes"):
            theirs.parse(path, format="turtle")
    theirs.parse(fixture, format="turtle")
    ours = read_graph()
    for triple in theirs:
        ours.add(triple)
    for prefix, namespace in theirs.namespaces():  # pySHACL's messages shorten IRIs by them
        ours.bind(prefix, namespace)
    shapes = rdflib.Graph()
    for path in sorted(ONTOLOGY_DIR.glob("shapes*.ttl")):
        shapes.parse(path, format="turtle")
    found = shacl_findings(ours, shapes, allow_warnings=True)
    assert found == shacl_findings(theirs, shapes, allow_warnings=True)
    if fixture.stem.startswith("broken"):
        assert any(f.severity == "Violation" for f in found)
