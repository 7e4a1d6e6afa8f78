"""The endpoint's SPARQL 1.1 Service Description (``GET /sparql`` without a query).

What a client or harvester needs to know before it sends a query: the endpoint, the
query language, the result formats, the base IRI that relative IRIs in a query resolve
against, the default dataset (described with VoID: size, classes, properties, example
resources) and the limits this server really enforces (time, rows, query length). The
limits use the vngkb vocabulary (``def:tijdslimiet`` ...), since the Service Description
vocabulary has no terms for them.

No ``sd:feature`` is claimed: the default graph is the KB itself (not a union of named
graphs), and federated query (``SERVICE``) is refused, so neither
``sd:UnionDefaultGraph`` nor ``sd:BasicFederatedQuery`` applies.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/vngkb/id/maatregel/x"),
...                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("x")))
>>> limits = Limits(max_rows=10, timeout=2.5, max_query_length=1000)
>>> text = turtle(service_triples("http://127.0.0.1:8000/sparql", "https://w3id.org/vngkb",
...                               void_of(store, "https://w3id.org/vngkb"), limits)).decode()
>>> "sd:endpoint <http://127.0.0.1:8000/sparql>" in text
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from vngkb.publish.void import VOID, VoidFacts, void_facts, void_triples
from vngkb.rdf.namespaces import DCT, DEF, RDF, RDFS, XSD

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
ENTAILMENT = "http://www.w3.org/ns/entailment/"

#: The result formats the endpoint answers in (W3C format IRIs), as in vngkb.server.sparql.
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples")

PREFIXES = {"sd": SD, "formats": FORMATS, "void": VOID, "def": DEF, "dct": DCT, "xsd": XSD,
            "rdfs": RDFS, "entailment": ENTAILMENT}


@dataclass(frozen=True)
class Limits:
    """What the server enforces on every query."""

    max_rows: int
    #: Seconds a query may run before it is stopped (503).
    timeout: float
    #: Characters of query text accepted (longer: 413).
    max_query_length: int


def base_iri(base: str) -> str:
    """The IRI that relative IRIs in a query resolve against: the endpoint under *base*.

    >>> base_iri("https://w3id.org/vngkb")
    'https://w3id.org/vngkb/sparql'
    """
    return base.rstrip("/") + "/sparql"


def void_of(store: ox.Store, base: str) -> VoidFacts:
    """The VoID counts of the served store (compute once: the store does not change)."""
    return void_facts(store, base)


def service_triples(endpoint: str, base: str, facts: VoidFacts, limits: Limits
                    ) -> list[ox.Triple]:
    """The service description of the endpoint at *endpoint* serving the KB on *base*."""
    service = ox.NamedNode(endpoint)
    dataset = ox.BlankNode("standaarddataset")
    graph = ox.BlankNode("standaardgraaf")
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str,
            o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    add(service, RDF + "type", ox.NamedNode(SD + "Service"))
    add(service, SD + "endpoint", service)
    add(service, DCT + "title", ox.Literal("SPARQL-endpoint van vngkb", language="nl"))
    add(service, DCT + "title", ox.Literal("vngkb SPARQL endpoint", language="en"))
    add(service, RDFS + "comment", ox.Literal(
        "Alleen lezen: SPARQL-updates en SERVICE (federatie) worden geweigerd.",
        language="nl"))
    add(service, RDFS + "comment", ox.Literal(
        "Read-only: SPARQL updates and SERVICE (federated query) are refused.",
        language="en"))
    add(service, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query"))
    for fmt in RESULT_FORMATS:
        add(service, SD + "resultFormat", ox.NamedNode(FORMATS + fmt))
    add(service, SD + "defaultEntailmentRegime", ox.NamedNode(ENTAILMENT + "Simple"))
    add(service, DEF + "basisIRI", ox.NamedNode(base_iri(base)))
    add(service, DEF + "tijdslimiet",
        ox.Literal(f"{limits.timeout:g}", datatype=ox.NamedNode(XSD + "decimal")))
    add(service, DEF + "maximumAantalRijen",
        ox.Literal(str(limits.max_rows), datatype=ox.NamedNode(XSD + "integer")))
    add(service, DEF + "maximaleQuerylengte",
        ox.Literal(str(limits.max_query_length), datatype=ox.NamedNode(XSD + "integer")))
    add(service, SD + "defaultDataset", dataset)
    add(dataset, RDF + "type", ox.NamedNode(SD + "Dataset"))
    add(dataset, SD + "defaultGraph", graph)
    add(graph, RDF + "type", ox.NamedNode(SD + "Graph"))
    triples.extend(void_triples(graph, base, facts, sparql_endpoint=endpoint))
    return triples


def turtle(triples: list[ox.Triple]) -> bytes:
    """*triples* as Turtle with the description's prefixes."""
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None  # Oxigraph returns the bytes when given no output file
    return data


def jsonld(triples: list[ox.Triple]) -> bytes:
    """*triples* as (expanded) JSON-LD."""
    data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    assert data is not None
    return data
