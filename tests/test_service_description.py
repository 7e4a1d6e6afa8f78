"""The endpoint describes itself (SPARQL 1.1 Service Description with VoID, at GET /sparql
without a query) and resolves relative IRIs in queries against its documented base."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest

from tests.web import InProcess, fetch, sparql_get
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.publish.void import VOID
from vngkb.query.store import EmbeddedStore
from vngkb.sandbox.guard import MAX_QUERY_LENGTH
from vngkb.server.app import create_app
from vngkb.server.description import FORMATS, SD, base_iri

DEF = "https://w3id.org/vngkb/def/"
OTHER_BASE = "https://data.example.org/kb"


@pytest.fixture(scope="module")
def served(backend: EmbeddedStore) -> Iterator[tuple[str, int]]:
    """A server with a 7 s time limit and 25 rows at most; and how many triples it serves
    (counted from the store it was given, not from its description)."""
    with InProcess(create_app(backend.store, timeout=7.0, max_rows=25, workers=1)) as live:
        yield live.url, len(backend.store)


def _graph(data: bytes, fmt: ox.RdfFormat) -> ox.Store:
    store = ox.Store()
    store.load(data, format=fmt)
    return store


def _objects(store: ox.Store, subject: Any, predicate: str) -> list[Any]:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate),
                                                      None, None)]


def test_get_without_a_query_is_the_service_description(served: tuple[str, int]) -> None:
    url, triples = served
    reply = fetch(f"{url}/sparql", accept="text/turtle")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/turtle")
    graph = _graph(reply.body, ox.RdfFormat.TURTLE)
    endpoint = ox.NamedNode(f"{url}/sparql")
    assert _objects(graph, endpoint, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == [
        ox.NamedNode(SD + "Service")]
    assert _objects(graph, endpoint, SD + "endpoint") == [endpoint]
    assert _objects(graph, endpoint, SD + "supportedLanguage") == [
        ox.NamedNode(SD + "SPARQL11Query")]
    assert sorted(str(o) for o in _objects(graph, endpoint, SD + "resultFormat")) == sorted(
        f"<{FORMATS}{name}>" for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML",
                                          "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
                                          "JSON-LD", "N-Triples"))
    # The limits the server was started with, and the base of relative IRIs.
    assert [o.value for o in _objects(graph, endpoint, DEF + "tijdslimiet")] == ["7"]
    assert [o.value for o in _objects(graph, endpoint, DEF + "maximumAantalRijen")] == ["25"]
    assert [o.value for o in _objects(graph, endpoint, DEF + "maximaleQuerylengte")] == [
        str(MAX_QUERY_LENGTH)]
    assert _objects(graph, endpoint, DEF + "basisIRI") == [
        ox.NamedNode("https://w3id.org/vngkb/sparql")]
    # No federation claimed: SERVICE is refused.
    assert _objects(graph, endpoint, SD + "feature") == []
    [dataset] = _objects(graph, endpoint, SD + "defaultDataset")
    [default_graph] = _objects(graph, dataset, SD + "defaultGraph")
    assert [o.value for o in _objects(graph, default_graph,
                                      VOID + "triples")] == [str(triples)]
    assert _objects(graph, default_graph, VOID + "sparqlEndpoint") == [
        endpoint]
    assert ox.NamedNode(f"https://w3id.org/vngkb/id/maatregel/{LB}/woningbouw") in _objects(
        graph, default_graph, VOID + "exampleResource")


def test_the_description_in_json_ld_and_for_a_browser(served: tuple[str, int]) -> None:
    url, _ = served
    reply = fetch(f"{url}/sparql", accept="application/ld+json")
    assert reply.status == 200 and reply.headers["content-type"] == "application/ld+json"
    assert isinstance(json.loads(reply.body), list | dict)
    graph = _graph(reply.body, ox.RdfFormat.JSON_LD)
    assert ox.Quad(ox.NamedNode(f"{url}/sparql"), ox.NamedNode(SD + "endpoint"),
                   ox.NamedNode(f"{url}/sparql")) in graph
    page = fetch(f"{url}/sparql", accept="text/html")
    assert page.status == 200 and "tijdslimiet per query: 7.0 s; hoogstens 25 rijen" in page.text
    # A client that accepts only results, not RDF or HTML, forgot its query.
    forgot = fetch(f"{url}/sparql", accept="application/sparql-results+json")
    assert forgot.status == 400 and forgot.text.startswith("no query")


@pytest.mark.parametrize(("query", "expected"), [
    # The W3C protocol test: relative IRIs in a CONSTRUCT template, resolved against the
    # endpoint's base IRI.
    ("CONSTRUCT { <s> <p> 1 } WHERE {}",
     '<https://w3id.org/vngkb/s> <https://w3id.org/vngkb/p> "1"^^'
     '<http://www.w3.org/2001/XMLSchema#integer> .'),
    ("BASE <http://example.org/x/> CONSTRUCT { <s> <p> 1 } WHERE {}",
     '<http://example.org/x/s> <http://example.org/x/p> "1"^^'
     '<http://www.w3.org/2001/XMLSchema#integer> .'),
])
def test_relative_iris_resolve_against_the_base(served: tuple[str, int], query: str,
                                                expected: str) -> None:
    url, _ = served
    reply = sparql_get(url, query, accept="application/n-triples")
    assert reply.status == 200, reply.text
    assert reply.text.strip() == expected


def test_relative_iris_of_a_select_resolve_too(served: tuple[str, int]) -> None:
    url, _ = served
    reply = sparql_get(url, "SELECT ?x WHERE { BIND(<maatregel> AS ?x) }",
                       accept="application/sparql-results+json")
    assert reply.status == 200
    bindings = json.loads(reply.body)["results"]["bindings"]
    assert bindings == [{"x": {"type": "uri", "value": "https://w3id.org/vngkb/maatregel"}}]


def test_the_base_follows_the_served_base(backend: EmbeddedStore) -> None:
    assert base_iri(OTHER_BASE) == OTHER_BASE + "/sparql"
    with InProcess(create_app(backend.store, base=OTHER_BASE, workers=1)) as live:
        reply = sparql_get(live.url, "CONSTRUCT { <s> <p> 1 } WHERE {}",
                           accept="application/n-triples")
    assert reply.status == 200
    assert reply.text.startswith(f"<{OTHER_BASE}/s> <{OTHER_BASE}/p> ")
